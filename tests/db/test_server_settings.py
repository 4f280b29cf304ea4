"""What the program's connections to a PostgreSQL server are set to (db.database.make_server_engine)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from db.database import Database

pytestmark = pytest.mark.server_only


def test_the_jit_compiler_is_off_for_the_programs_connections(db: Database) -> None:
    """Counts over every member are estimated costly enough for the JIT compiler, which took
    longer to compile them than they take to run (0.2 s of each of stats' member counts)."""
    with db.session() as s:
        assert s.scalar(text("SHOW jit")) == "off"
        assert s.scalar(text("SHOW application_name")) == "community-desk"
