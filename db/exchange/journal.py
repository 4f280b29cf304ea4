"""This copy's identity and the journal of its changes (migration 0010's triggers write it).

The journal is the copy's own ordered record of what changed, numbered by its own counter
(`seq`): a bundle for the other side is the entries after the last one it acknowledged, and two
copies' clocks play no part in the order. Entries whose origin is another copy were applied
from that copy's bundle and are not sent back to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from db.models import COPY_KINDS, ChangeJournalEntry, CopyIdentity


class ExchangeError(Exception):
    """str() is one Chinese sentence for the person at the window or the command line."""


@dataclass(frozen=True)
class JournalEntry:
    """One journaled change, its row before and after as column → value (None: no such side)."""

    seq: int
    at: str
    table: str
    row_id: int
    row_uuid: str | None
    op: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    origin: str
    # Who made it and when by their clock (db.exchange.authors: the operation log's latest entry
    # about the record), filled in as a bundle is written, "" where the log does not say. Not
    # part of the change itself (bundle.entry_digest leaves them out).
    by: str = ""
    by_at: str = ""

    def changed_fields(self) -> dict[str, tuple[Any, Any]]:
        """The columns an update changed, each with its value before and after."""
        if self.old is None or self.new is None:
            return {}
        return {k: (self.old.get(k), v) for k, v in self.new.items() if self.old.get(k) != v}


def this_copy(session: Session) -> CopyIdentity | None:
    """The copy's identity, or None for a database that has never taken part in an exchange."""
    return session.scalars(select(CopyIdentity)).first()


def start_journal(session: Session, name: str, kind: str, office_uuid: str | None = None) -> CopyIdentity:
    """Give the database its identity as an office or a station copy, and from now on journal
    every change made to it (in the session's transaction: nothing is journaled if it rolls
    back). An office is its own office; a station names the office it was made from."""
    if kind not in COPY_KINDS:
        raise ValueError(f"unknown copy kind {kind!r}")
    name = name.strip()
    if not name:
        raise ExchangeError("请填写副本的名称（如办公室或服务站的名称）。")
    if this_copy(session) is not None:
        raise ExchangeError("这个数据库已经有副本身份，不能再设一次。")
    if kind == "station" and not office_uuid:
        raise ExchangeError("服务站副本必须注明它来自哪个办公室。")
    identity = CopyIdentity(name=name, kind=kind, office_uuid=office_uuid or "")
    session.add(identity)
    session.flush()
    if kind == "office":
        identity.office_uuid = identity.uuid
    return identity


def journal_after(session: Session, seq: int, *, limit: int | None = None,
                  not_from: str | None = None) -> list[JournalEntry]:
    """The journal's entries after `seq`, in the copy's order; without those whose origin is
    `not_from` (the changes that came from the copy a bundle is for)."""
    stmt = (select(ChangeJournalEntry).where(ChangeJournalEntry.seq > seq, ChangeJournalEntry.op != MARK)
            .order_by(ChangeJournalEntry.seq))
    if not_from is not None:
        stmt = stmt.where(ChangeJournalEntry.origin != not_from)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_entry(row) for row in session.scalars(stmt)]


def last_seq(session: Session) -> int:
    """The copy's counter: the newest entry's seq (0 before the first change)."""
    return session.scalar(select(func.max(ChangeJournalEntry.seq))) or 0


MARK = "mark"  # an entry that only holds the counter's place (move_past)


def move_past(session: Session, kept: int, counter: int) -> int:
    """After a restore from a backup: this copy's own entries after `kept` (the last the peer
    confirmed before the backup) move to after `counter` (the last the peer has of this copy's,
    from before the restore), so that they are sent again and nothing new reuses a number the
    peer holds for another change. Returns how many moved. (The peer's copy of an entry sent
    twice applies as nothing.)"""
    mine = session.scalars(select(ChangeJournalEntry.seq).where(ChangeJournalEntry.seq > kept)).all()
    offset = counter - kept
    if mine:
        session.execute(update(ChangeJournalEntry).where(ChangeJournalEntry.seq > kept)
                        .values(seq=ChangeJournalEntry.seq + offset))
    if session.get(ChangeJournalEntry, counter) is None:
        here = this_copy(session)
        session.add(ChangeJournalEntry(seq=counter, at="", table_name="", row_id=0, op=MARK,
                                       origin=here.uuid if here else ""))
    session.flush()
    if session.get_bind().dialect.name == "postgresql":  # the serial's next value after the moved ones
        session.execute(text("SELECT setval(pg_get_serial_sequence('change_journal', 'seq'), "
                             "(SELECT max(seq) FROM change_journal))"))
    return len(mine)


@contextmanager
def applying_from(session: Session, origin: str) -> Iterator[None]:
    """While a bundle from copy `origin` is applied in the session's transaction, the journal
    records its changes as that copy's work, so they are not sent back to it."""
    session.execute(update(CopyIdentity).values(applying_from=origin))
    try:
        yield
    finally:
        session.execute(update(CopyIdentity).values(applying_from=None))


def _entry(row: ChangeJournalEntry) -> JournalEntry:
    return JournalEntry(seq=row.seq, at=row.at, table=row.table_name, row_id=row.row_id, row_uuid=row.row_uuid,
                        op=row.op, old=json.loads(row.old_values) if row.old_values else None,
                        new=json.loads(row.new_values) if row.new_values else None, origin=row.origin)
