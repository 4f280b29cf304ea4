"""Meeting schedules (how often each kind of meeting is due, per organisation kind or for one
organisation) and what they say is due or missing in a period.

Periods are calendar months, quarters and years: "this quarter's party lecture" is what the
office is asked about, not "a lecture in the last 90 days".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ScheduleRow:
    id: int
    kind: str
    org_kind: str
    org_id: int | None  # None: every organisation of org_kind
    org_name: str  # "" when org_id is None
    period: str  # month / quarter / year
    times: int
    active: bool


@dataclass
class ScheduleInput:
    """One line of the schedules table as the settings dialog gives it."""

    kind: str = ""
    org_kind: str = "branch"
    org_id: int | None = None
    period: str = "month"
    times: int = 1
    active: bool = True


@dataclass(frozen=True)
class DueMeeting:
    """Meetings of one kind one organisation owes in the period containing a day."""

    org_id: int
    org_name: str
    kind: str
    period: str
    period_label: str  # 2026年11月 / 2026年第四季度 / 2026年
    required: int
    held: int

    @property
    def missing(self) -> int:
        return max(self.required - self.held, 0)


def schedule_rows(session: Session) -> list[ScheduleRow]:
    raise NotImplementedError


def save_schedules(session: Session, rows: list[ScheduleInput]) -> None:
    """Replace the whole schedules table (validated first: ValidationErrors, field "rows")."""
    raise NotImplementedError


def due_meetings(session: Session, on: date) -> list[DueMeeting]:
    """For the periods containing `on`: each active schedule × live organisation it applies to."""
    raise NotImplementedError


def missing_meetings(session: Session, on: date) -> list[DueMeeting]:
    """due_meetings with something still missing."""
    raise NotImplementedError


def required_between(session: Session, date_from: date, date_to: date, org_ids: Iterable[int]) -> int:
    """Meetings the schedules require of these organisations over the periods overlapping the range."""
    raise NotImplementedError
