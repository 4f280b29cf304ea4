"""Every safety test keeps this PC's settings (remembered backup folders) in a temporary file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def settings_in_tmp(tmp_path: Path) -> Iterator[Path]:
    from desktop.settings import use_ini_file

    path = tmp_path / "settings.ini"
    use_ini_file(path)
    yield path
    use_ini_file(None)
    from tests.desktop.safety.boxes import stop_answering

    stop_answering()
