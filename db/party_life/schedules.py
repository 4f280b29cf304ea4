"""Meeting schedules (how often each kind of meeting is due, per organisation kind or for one
organisation) and what they say is due or missing in a period.

Periods are calendar months, quarters and years: "this quarter's party lecture" is what the
office is asked about, not "a lecture in the last 90 days".

A schedule with org_id NULL applies to every live organisation of its org_kind; one naming an
organisation overrides the general line of the same kind for that organisation (an inactive
one exempts it). Meetings count for the organisation that held them, not its parent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.dialect import no_index
from db.models import Meeting, MeetingSchedule, PartyOrg
from db.validation import ErrorCollector, FieldError, check_int, is_id
from db.vocab import MEETING_KINDS, ORG_KINDS, SCHEDULE_PERIODS

MAX_TIMES = 31
_QUARTERS = "一二三四"


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
    """Every schedule line, general ones first, in the order they were entered."""
    stmt = (
        select(MeetingSchedule, PartyOrg.name)
        .outerjoin(PartyOrg, MeetingSchedule.org_id == PartyOrg.id)
        .order_by(MeetingSchedule.org_id.is_not(None), MeetingSchedule.id)
    )
    return [ScheduleRow(m.id, m.kind, m.org_kind, m.org_id, name or "", m.period, m.times, m.active)
            for m, name in session.execute(stmt)]


def save_schedules(session: Session, rows: list[ScheduleInput]) -> None:
    """Replace the whole schedules table (validated first: ValidationErrors, field "rows").

    A line naming an organisation takes that organisation's kind as its org_kind.
    """
    errors = ErrorCollector()
    seen: set[tuple[str, str, int | None]] = set()
    clean: list[MeetingSchedule] = []
    for n, row in enumerate(rows, start=1):
        problems = []
        org_kind = row.org_kind
        if not isinstance(row.kind, str) or row.kind not in MEETING_KINDS:
            problems.append("会议类型请从列表中选择")
        if row.org_id is not None:
            org = session.get(PartyOrg, row.org_id) if is_id(row.org_id) else None
            if org is None or org.deleted_at is not None:
                problems.append("所选组织已不存在")
            else:
                org_kind = org.kind
        elif not isinstance(org_kind, str) or org_kind not in ORG_KINDS:
            problems.append("组织类型请从列表中选择")
        if not isinstance(row.period, str) or row.period not in SCHEDULE_PERIODS:
            problems.append("周期请从列表中选择")
        try:
            times = check_int(row.times, "rows", "会议安排", 1, MAX_TIMES)
        except FieldError:
            times = None
        if times is None:
            problems.append(f"次数应为 1 到 {MAX_TIMES} 的整数")
        if not isinstance(row.active, bool):
            problems.append("启用请选择“是”或“否”")
        key = (row.kind, org_kind, row.org_id)
        if not problems and key in seen:
            problems.append("与前面的一行重复（同一会议类型、同一组织只能设一行）")
        if not problems:
            seen.add(key)
        for problem in problems:
            errors.add(FieldError("rows", "会议安排", f"第{n}行{problem}"))
        clean.append(MeetingSchedule(kind=row.kind, org_kind=org_kind, org_id=row.org_id, period=row.period,
                                     times=times, active=bool(row.active)))
    errors.raise_if_any()
    for old in session.scalars(select(MeetingSchedule)):
        session.delete(old)
    session.add_all(clean)
    session.flush()


# --- periods -------------------------------------------------------------------------------

def period_bounds(period: str, on: date) -> tuple[date, date]:
    """The calendar month / quarter / year containing `on`: first day, and the first day after."""
    if period == "month":
        start = on.replace(day=1)
    elif period == "quarter":
        start = date(on.year, (on.month - 1) // 3 * 3 + 1, 1)
    else:
        start = date(on.year, 1, 1)
    months = {"month": 1, "quarter": 3}.get(period, 12)
    y, m = divmod(start.month - 1 + months, 12)
    return start, date(start.year + y, m + 1, 1)


def period_label(period: str, on: date) -> str:
    """2026年11月 / 2026年第四季度 / 2026年."""
    if period == "month":
        return f"{on.year}年{on.month}月"
    if period == "quarter":
        return f"{on.year}年第{_QUARTERS[(on.month - 1) // 3]}季度"
    return f"{on.year}年"


def _at(d: date) -> datetime:
    return datetime.combine(d, time(0, 0))


class _Org(NamedTuple):
    id: int
    name: str
    kind: str


class _Line(NamedTuple):
    """A schedule line as read for the figures (plain values: 4,000 organisations × their lines
    are paired on every home page, ORM objects cost more than the query)."""

    kind: str
    org_kind: str
    org_id: int | None
    period: str
    times: int
    active: bool


def _applicable(session: Session, org_ids: Iterable[int] | None = None) -> list[tuple[_Org, _Line]]:
    """(organisation, active schedule) pairs: the general lines, overridden per organisation."""
    stmt = select(PartyOrg.id, PartyOrg.name, PartyOrg.kind).where(PartyOrg.deleted_at.is_(None))
    if org_ids is not None:
        stmt = stmt.where(PartyOrg.id.in_(list(org_ids)))
    orgs = [_Org(*row) for row in session.execute(stmt.order_by(PartyOrg.sort_order, PartyOrg.id))]
    lines = [_Line(*row) for row in session.execute(
        select(MeetingSchedule.kind, MeetingSchedule.org_kind, MeetingSchedule.org_id, MeetingSchedule.period,
               MeetingSchedule.times, MeetingSchedule.active).order_by(MeetingSchedule.id))]
    specific: dict[tuple[int, str], _Line] = {}
    general: dict[str, list[_Line]] = {}  # org kind → its general lines, in order
    for line in lines:
        if line.org_id is None:
            general.setdefault(line.org_kind, []).append(line)
        else:
            specific[(line.org_id, line.kind)] = line
    own: dict[int, list[_Line]] = {}  # organisation → the lines naming it
    for (oid, _kind), line in specific.items():
        own.setdefault(oid, []).append(line)
    pairs: list[tuple[_Org, _Line]] = []
    for org in orgs:
        kind_lines = general.get(org.kind, [])
        mine = own.get(org.id)
        if mine is None:  # most organisations: the general lines as they are
            pairs.extend((org, line) for line in kind_lines if line.active)
            continue
        general_kinds = {line.kind for line in kind_lines}
        chosen = [specific.get((org.id, line.kind), line) for line in kind_lines]
        chosen += [line for line in mine if line.kind not in general_kinds]
        pairs.extend((org, line) for line in chosen if line.active)
    return pairs


def _held(session: Session, on: date, kinds: dict[str, set[str]]) -> dict[tuple[str, int, str], int]:
    """Live meetings held per (period, organisation, kind) in the periods containing `on`, for
    the kinds each period is scheduled for (`kinds`: period → meeting kinds).

    One GROUP BY per period, each read through the index that stays small as years of meetings
    pile up (SQLite, without statistics, would take deleted_at's or kind's: every meeting ever
    held): this month's and quarter's meetings by held_at; the yearly kinds (组织生活会, 民主评议:
    one or two a branch a year) by kind. PostgreSQL plans for itself (no_index is the column).
    """
    held: dict[tuple[str, int, str], int] = {}
    for period, period_kinds in kinds.items():
        start, end = period_bounds(period, on)
        by_kind = period == "year"
        kind = Meeting.kind if by_kind else no_index(Meeting.kind)
        held_at = no_index(Meeting.held_at) if by_kind else Meeting.held_at
        stmt = (
            select(Meeting.org_id, Meeting.kind, func.count())
            .where(no_index(Meeting.deleted_at).is_(None), kind.in_(sorted(period_kinds)),
                   held_at >= _at(start), held_at < _at(end))
            .group_by(Meeting.org_id, Meeting.kind)
        )
        for org_id, kind_code, count in session.execute(stmt):
            held[(period, org_id, kind_code)] = count
    return held


def _counted(session: Session, on: date) -> tuple[list[tuple[_Org, _Line, int]], dict[str, str]]:
    """(organisation, schedule line, meetings held) per pair of _applicable, in its order (an
    organisation's lines together), and the label of each period in use."""
    pairs = _applicable(session)
    kinds: dict[str, set[str]] = {}
    for _, line in pairs:
        kinds.setdefault(line.period, set()).add(line.kind)
    held = _held(session, on, kinds)
    counted = [(org, line, held.get((line.period, org.id, line.kind), 0)) for org, line in pairs]
    return counted, {period: period_label(period, on) for period in kinds}


def due_meetings(session: Session, on: date) -> list[DueMeeting]:
    """For the periods containing `on`: each active schedule × live organisation it applies to,
    in the organisations' order, with the meetings of that kind the organisation held then."""
    counted, labels = _counted(session, on)
    return [DueMeeting(org.id, org.name, line.kind, line.period, labels[line.period], line.times, held)
            for org, line, held in counted]


def missing_meetings(session: Session, on: date) -> list[DueMeeting]:
    """due_meetings with something still missing."""
    counted, labels = _counted(session, on)
    return [DueMeeting(org.id, org.name, line.kind, line.period, labels[line.period], line.times, held)
            for org, line, held in counted if held < line.times]


@dataclass(frozen=True)
class MissingOverview:
    """What the home page says of missing_meetings without building all of them."""

    total: int  # meetings missing, every organisation
    orgs: int  # organisations missing at least one
    first: list[DueMeeting]  # the missing lines of the first organisations asked for, in order


def missing_overview(session: Session, on: date, orgs: int) -> MissingOverview:
    """missing_meetings summed, and the lines of its first `orgs` organisations (a DueMeeting
    costs more than its query: 9,000 of them on 100,000 members)."""
    counted, labels = _counted(session, on)
    total = seen = 0
    last: int | None = None
    first: list[DueMeeting] = []
    for org, line, held in counted:
        if held >= line.times:
            continue
        total += line.times - held
        if org.id != last:
            seen, last = seen + 1, org.id
        if seen <= orgs:
            first.append(DueMeeting(org.id, org.name, line.kind, line.period, labels[line.period], line.times,
                                    held))
    return MissingOverview(total, seen, first)


def periods_within(period: str, date_from: date, date_to: date) -> int:
    """How many whole calendar periods of this kind lie inside date_from..date_to (inclusive)."""
    stop = date_to + timedelta(days=1)
    start, end = period_bounds(period, date_from)
    if start < date_from:
        start = end
    count = 0
    while True:
        _, end = period_bounds(period, start)
        if end > stop:
            return count
        count += 1
        start = end


def required_between(session: Session, date_from: date, date_to: date, org_ids: Iterable[int]) -> int:
    """Meetings the schedules require of these organisations in the range (both days included).

    Only periods wholly inside the range count: a range of one month requires that month's
    monthly meetings, not the quarter's party lecture, which is due by the quarter's end. A
    whole year requires 12 × monthly + 4 × quarterly + 1 × yearly.
    """
    if date_to < date_from:
        return 0
    per = {p: periods_within(p, date_from, date_to) for p in SCHEDULE_PERIODS.codes}
    return sum(s.times * per[s.period] for _, s in _applicable(session, org_ids))
