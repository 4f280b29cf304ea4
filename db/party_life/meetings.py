"""Meetings (三会一课) with their attendance: saving with the office's rules, loading for the
dialog, who is expected at a meeting, and the queries behind the meetings register.

Attendance is saved with its meeting as a whole (the attendance screen shows every expected
member at once), so an edit replaces the lines instead of patching them; the points awarded
from attendance are then recomputed by db.party_life.points.award_for_meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from db.listing import Sort
from db.models import Meeting


@dataclass
class AttendanceInput:
    """One member's line on the attendance screen: present / leave (with a reason) / absent."""

    member_id: int
    status: str = "present"
    reason: str = ""


@dataclass
class MeetingInput:
    """A meeting as the dialog gives it: raw values, cleaned by save_meeting."""

    kind: str = ""
    org_id: int | None = None
    held_on: date | str | None = None
    start_time: str = ""  # HH:MM or blank
    place: str = ""
    topic: str = ""
    speaker: str = ""
    minutes: str = ""
    attendance: list[AttendanceInput] = field(default_factory=list)


@dataclass(frozen=True)
class AttendeeChoice:
    """A member who may be listed on the attendance screen."""

    member_id: int
    name: str
    org_name: str
    member_type: str


@dataclass(frozen=True)
class MeetingFilter:
    org_id: int | None = None  # a branch also matches its party groups' meetings
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""  # topic, place or speaker contains


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meetings register, with its attendance counted."""

    id: int
    held_at: datetime
    kind: str
    org_name: str
    topic: str
    place: str
    speaker: str
    present: int
    leave: int
    absent: int


def save_meeting(session: Session, raw: MeetingInput, meeting_id: int | None = None,
                 today: date | None = None) -> Meeting:
    """Create or update a meeting and replace its attendance, in the caller's transaction.

    Raises ValidationErrors (fields named as in MeetingInput; "attendance" for the lines).
    """
    raise NotImplementedError


def load_meeting_input(session: Session, meeting_id: int) -> MeetingInput:
    """The stored meeting as dialog input."""
    raise NotImplementedError


def expected_attendees(session: Session, org_id: int) -> list[AttendeeChoice]:
    """Live members (status normal, not deleted) of the organisation and all below it, by name."""
    raise NotImplementedError


def find_members(session: Session, text: str, limit: int = 20) -> list[AttendeeChoice]:
    """Any live member matching the search text (name, pinyin initials …), to add from another branch."""
    raise NotImplementedError


def meeting_ids(session: Session, f: MeetingFilter, sort: Sort | None = None) -> list[int]:
    """Ids of live meetings matching the filter, newest first unless sorted otherwise."""
    raise NotImplementedError


def meeting_rows(session: Session, ids: Sequence[int]) -> list[MeetingRow]:
    """Rows for the ids, in the order of ids."""
    raise NotImplementedError
