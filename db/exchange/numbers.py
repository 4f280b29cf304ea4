"""Official numbers are given only at the office (志愿者编号, 调解案件编号): a station gives a
provisional one, 站名-临-0012, which the office replaces with the next official number when the
record arrives, and sends back. (Certificates are numbered when printed, at the office.)

Two stations numbering on their own would hand out the same V-number to different people; a
provisional number names its station, so it is unique everywhere until the office numbers it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.exchange.journal import this_copy
from db.models import Volunteer

MARK = "-临-"


def is_provisional(number: str | None) -> bool:
    return bool(number) and MARK in (number or "")


def station_prefix(session: Session) -> str | None:
    """'站名-临-' at a station copy; None at the office or a database that does not exchange."""
    here = this_copy(session)
    return f"{here.name}{MARK}" if here is not None and here.kind == "station" else None


def next_provisional(session: Session, prefix: str) -> str:
    """The station's next provisional volunteer number, one past its highest."""
    taken = session.scalars(select(Volunteer.number).where(Volunteer.number.like(f"{prefix}%")))
    highest = max((int(n[len(prefix):]) for n in taken if n[len(prefix):].isdigit()), default=0)
    return f"{prefix}{highest + 1:04d}"


# A provisional case's seq: far above any office's yearly count, so that it never takes an
# official number's place at the station (the office gives the official one).
PROVISIONAL_SEQ = 900_000


def provisional_case(session: Session, prefix: str, year: int) -> tuple[int, str]:
    """(seq, number) of the station's next provisional mediation case in `year`."""
    from sqlalchemy import func

    from db.models import MediationCase

    highest = session.scalar(select(func.max(MediationCase.seq)).where(
        MediationCase.year == year, MediationCase.seq >= PROVISIONAL_SEQ)) or PROVISIONAL_SEQ
    seq = highest + 1
    return seq, f"{prefix}{seq - PROVISIONAL_SEQ:04d}"
