"""The operation log's hash chain on a PostgreSQL server, where transactions write side by side:
the advisory lock (db.audit_chain.lock_chain) must still make every entry follow the one before.
The file's attacks and its check are in tests/db/test_audit_chain.py."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from db import audit
from db.accounts import create_user, sign_in
from db.audit_chain import COLUMNS, GENESIS, entry_hash
from db.database import Database
from tests.db.test_audit_chain import ROOT
from tests.db.test_backup import add_member

pytestmark = pytest.mark.server_only


def chain(url: str) -> list[tuple[int, str, str, str]]:
    """(id, username, action, summary) of every entry, after checking each is sealed onto the one before."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found = conn.execute(text(f"SELECT id, {', '.join(COLUMNS)}, prev_hash, entry_hash FROM audit_log "
                                      "ORDER BY id")).all()
    finally:
        engine.dispose()
    running = GENESIS
    for row in found:
        values = dict(zip(COLUMNS, row[1:9], strict=True))
        assert row[9] == running, f"entry {row[0]} does not follow the one before"
        assert row[10] == entry_hash(values, running), f"entry {row[0]} is not as sealed"
        running = row[10]
    return [(row[0], row[2], row[4], row[7]) for row in found]


def test_signed_in_accounts_of_every_role_extend_the_chain(db: Database, db_target: str) -> None:
    with db.session() as s, s.begin():
        create_user(s, "admin", "Secret-123", "admin")
    db.actor = sign_in(db, "admin", "Secret-123")
    with db.session() as s, s.begin():
        create_user(s, "zhao", "Viewer-123", "viewer")
    add_member(db, "张三", "131")
    db.actor = sign_in(db, "zhao", "Viewer-123")  # a role that may only append log entries
    with db.session() as s, s.begin():
        audit.record(s, "export", "party_members", None, "名册.xlsx")
    assert {who for _id, who, _action, _summary in chain(db_target)} >= {"admin", "zhao"}


WRITER = """
import sys
from db import audit
from db.database import open_database
from db.office import set_setting
db = open_database(sys.argv[1])
me, n = sys.argv[2], int(sys.argv[3])
for i in range(n):
    with db.session() as s, s.begin():
        set_setting(s, "writer_" + me, str(i))  # an entry the flush inserts
        audit.record(s, "export", "grids", None, me + ":" + str(i))  # one added to the session
db.close()
"""


def test_the_chain_holds_with_several_programs_writing_at_once(db: Database, db_target: str) -> None:
    before = len(chain(db_target))
    writers, each = 4, 25
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, db_target, f"w{k}", str(each)], cwd=ROOT)
             for k in range(writers)]
    assert [p.wait(timeout=300) for p in procs] == [0] * writers
    found = chain(db_target)
    summaries = [summary for _id, _who, action, summary in found if action == "export"]
    assert sorted(summaries) == sorted(f"w{k}:{i}" for k in range(writers) for i in range(each))
    assert len(found) == before + writers * each * 2
