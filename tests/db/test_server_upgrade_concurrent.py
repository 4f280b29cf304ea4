"""Five PCs opening a server database that needs upgrading, at the same moment (the morning
after a program update): one upgrades, the others find it done; none fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests import engines

pytestmark = pytest.mark.server_only
ROOT = Path(__file__).resolve().parents[2]
OPEN = "import sys; from db.database import open_database; open_database(sys.argv[1]).close()"


def test_five_pcs_opening_an_empty_server_database_at_once_all_succeed() -> None:
    name = "cd_test_upgrade_race"
    engines._admin([f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"])  # not migrated
    url = engines.admin_url().set(database=name).render_as_string(hide_password=False)
    try:
        pcs = [subprocess.Popen([sys.executable, "-c", OPEN, url], cwd=ROOT, stderr=subprocess.PIPE, text=True)
               for _ in range(5)]
        results = [(pc.wait(timeout=300), pc.stderr.read() if pc.stderr else "") for pc in pcs]
        assert all(code == 0 for code, _ in results), [err[-500:] for _, err in results]
    finally:
        engines.drop_database(url)
