"""The office and a station made from it, for the exchange's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from db.database import Database, open_database
from db.exchange.stations import create_station
from tests.db.test_volunteers import add_volunteer


@pytest.fixture
def pair(db: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The office (with two volunteers) and its station 幸福驿站, made from it."""
    add_volunteer(db, "张三", "111")
    add_volunteer(db, "李四", "222")
    with db.session() as s, s.begin():
        s.execute(text("UPDATE persons SET phone = '13812345678'"))
    create_station(db, "幸福驿站", tmp_path / "station.sqlite3")
    station = open_database(tmp_path / "station.sqlite3", create=False)
    yield db, station
    station.close()
