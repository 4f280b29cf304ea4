"""Gap-free numbers per community and year (mediation case 调字第N号, certificate numbers).

The counter row is incremented by one UPDATE … RETURNING inside the saving transaction: the
row stays locked until that transaction ends, so a second PC saving at the same moment waits
and takes the next number, and a save that fails gives its number back with its rollback.
Reading max(seq)+1 instead let two PCs take the same number (the second then failed on the
unique constraint, or on SQLite waited for nothing).
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.models import Counter
from db.scope import community_id_of


def take_next(session: Session, name: str, year: int, *, at_least: int = 1) -> int:
    """The next number of `name` in `year` for the session's community, taken for good when the
    session's transaction commits. `at_least`: numbers below it are never handed out (a series
    that was numbered elsewhere before the counter existed)."""
    community = community_id_of(session)
    _ensure_row(session, community, name, year)
    where = (Counter.community_id == community, Counter.name == name, Counter.year == year)
    taken = session.execute(
        update(Counter).where(*where).values(value=Counter.value + 1).returning(Counter.value)).scalar_one()
    if taken < at_least:
        session.execute(update(Counter).where(*where).values(value=at_least))
        taken = at_least
    return int(taken)


def _ensure_row(session: Session, community: int, name: str, year: int) -> None:
    """The counter row, created at 0 if missing, without failing when another PC creates it at the
    same moment (INSERT … ON CONFLICT DO NOTHING, spelled per engine)."""
    values = {"community_id": community, "name": name, "year": year, "value": 0}
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(Counter).values(**values).on_conflict_do_nothing())
