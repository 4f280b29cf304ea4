"""Whether a member had an attendance line of a kind in a range, from the dates the database
keeps on each member (party_members.last_present_at …, migration 0008's triggers).

A member whose last line of that kind falls in the range had one; one whose last line is
before the range, or who has none, did not. Only a member whose last line is after the range
(a meeting entered with a later date than the range's end: a past month's figures, or a
meeting dated ahead) has their lines probed, as every member's were before the dates were
kept: a year's figures for 200,000 members test a column instead of 200,000 probes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from db.dialect import exists_in_order, no_index
from db.models import Attendance, Meeting, PartyMember
from db.vocab import EDUCATION_KINDS

KINDS = ("present", "leave", "absent", "educated")  # educated: present at an education meeting


def _last_at(kind: str) -> InstrumentedAttribute[datetime | None]:
    return {"present": PartyMember.last_present_at, "leave": PartyMember.last_leave_at,
            "absent": PartyMember.last_absent_at, "educated": PartyMember.last_educated_at}[kind]


def _probe(kind: str, start: datetime, end: datetime) -> ColumnElement[bool]:
    """The member's lines of that kind at live meetings in [start, end), read newest meeting
    first (exists_in_order), each line's meeting looked up in the range's meeting ids, read once.

    The lines are read from the attendance table, not the mapped class, so db.scope adds no
    "meeting of this community" IN list of its own, which SQLite took for the index (every
    meeting of the community probed for every member). They stay the community's: the
    range's meetings are a query on Meeting, which the scope filters."""
    meetings = select(Meeting.id).where(no_index(Meeting.deleted_at).is_(None), Meeting.held_at >= start,
                                        Meeting.held_at < end)
    if kind == "educated":
        meetings = meetings.where(Meeting.kind.in_(EDUCATION_KINDS))
    lines = Attendance.__table__.c
    status = "present" if kind == "educated" else kind
    return exists_in_order(
        select(lines.meeting_id)
        .where(lines.member_id == PartyMember.id, lines.status == status, no_index(lines.meeting_id).in_(meetings))
        .order_by(lines.meeting_id.desc()).limit(1).scalar_subquery())


def had_line(kind: str, start: datetime, end: datetime) -> ColumnElement[bool]:
    """The member (PartyMember in the query) had a line of `kind` (KINDS) at a live meeting held
    in [start, end). Never NULL, so that its negation is safe."""
    last = _last_at(kind)
    return and_(last.is_not(None),
                or_(and_(last >= start, last < end), and_(last >= end, _probe(kind, start, end))))
