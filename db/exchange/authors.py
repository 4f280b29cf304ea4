"""Who changed a record: the account named by the operation log (audit_log) for its latest
entry about the record. The journal is written by the database's triggers, which do not know
the signed-in account; the operation log does, for every save the program makes. A record
changed by a ledger import or bulk SQL has no entry of its own: its author is "" (unknown).

The latest entry is the author of the latest change: a bundle carries a record's changes since
the last bundle, and a conflict is about the last value on each side.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AuditEntry, User

CHUNK = 500


def _names(session: Session) -> dict[str, str]:
    """username → how a person is named: 王芳（wangfang）, or the username alone."""
    return {u: f"{d}（{u}）" if d and d != u else u
            for u, d in session.execute(select(User.username, User.display_name)).all()}


def last_authors(session: Session, records: Iterable[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, str]]:
    """(table, id) → (who, when) of the latest operation-log entry about each record that has
    one; `when` as 2026-12-04 09:30."""
    wanted: dict[str, set[int]] = {}
    for table, row_id in records:
        wanted.setdefault(table, set()).add(int(row_id))
    names = _names(session)
    found: dict[tuple[str, int], tuple[str, str]] = {}
    for table, ids in wanted.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), CHUNK):
            stmt = (select(AuditEntry.record_id, AuditEntry.username, AuditEntry.at)
                    .where(AuditEntry.register == table, AuditEntry.record_id.in_(ordered[start:start + CHUNK]))
                    .order_by(AuditEntry.id))
            for record_id, username, at in session.execute(stmt):
                found[(table, record_id or 0)] = (names.get(username, username), at.strftime("%Y-%m-%d %H:%M"))
    return found
