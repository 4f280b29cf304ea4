"""A server that goes away in the middle of a save: nothing half-written, one sentence, and the
next try works (the pool throws the dead connection away)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, func, select, text

from db.database import Database
from db.models import Person
from db.people import PersonFields
from db.storage_errors import explain
from db.volunteers import VolunteerInput, save_volunteer

pytestmark = pytest.mark.server_only


def _cut(db: Database, pid: int) -> None:
    """What a server restart or a pulled network cable does to one PC's connection."""
    admin = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    admin.dispose()


def people(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Person)) or 0


def test_a_save_cut_off_midway_writes_nothing_says_one_sentence_and_the_retry_works(db: Database) -> None:
    before = people(db)
    with pytest.raises(Exception) as failure, db.session() as s, s.begin():
        save_volunteer(s, VolunteerInput(PersonFields(name="张三")))
        s.flush()  # the person's row is on the server, in the open transaction
        _cut(db, s.scalar(text("SELECT pg_backend_pid()")))
        save_volunteer(s, VolunteerInput(PersonFields(name="李四")))
    message = explain(failure.value)
    assert message == "与数据库服务器的连接中断了，这次操作没有写入任何内容；请检查网络后重试。"
    assert people(db) == before  # the first person went with the transaction

    with db.session() as s, s.begin():  # the clerk clicks Save again
        save_volunteer(s, VolunteerInput(PersonFields(name="张三")))
    assert people(db) == before + 1
