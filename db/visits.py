"""Grid workers' visits (走访): one visit saved with its checks, a morning's round of one building
saved in one go, the households due a visit, and a grid's visit coverage for a period.

A household is due a visit when its last one is older than its interval: the shortest
interval of its residents' care tags (独居老人 monthly by default, db.care_tags), or
DEFAULT_MONTHS for a household without one. A household never visited is due from the start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.housing import room_title
from db.members import add_months_to
from db.models import Building, CareTag, Grid, GridWorker, Household, Person, Resident, ResidentTag, Room, Visit
from db.validation import (
    ErrorCollector,
    FieldError,
    ValidationErrors,
    check_free_text,
    is_id,
    parse_date,
)

DEFAULT_MONTHS = 6  # a household without a care tag: twice a year (the office's choice; no rule sets it)


@dataclass
class VisitInput:
    visited_on: date | str | None = None
    visitor_id: int | None = None
    household_id: int | None = None
    place: str = ""  # a place rather than a household (then grid_id says whose)
    grid_id: int | None = None
    companions: str = ""
    found: str = ""
    follow_up: bool = False


def _grid_of_household(session: Session, household_id: int) -> int | None:
    return session.scalar(select(Building.grid_id).join(Room, Room.building_id == Building.id)
                          .join(Household, Household.room_id == Room.id).where(Household.id == household_id))


def clean_visit(session: Session, raw: VisitInput, errors: ErrorCollector, today: date | None = None,
                who: str = "") -> dict[str, object]:
    """A visit's clean values; its problems go into `errors` (`who` prefixes the labels: 第3户)."""
    values: dict[str, object] = {}
    values["visited_on"] = errors.check(parse_date, raw.visited_on, "visited_on", f"{who}走访日期",
                                        allow_future=False, today=today)
    if values["visited_on"] is None and not errors.has("visited_on"):
        errors.add(FieldError("visited_on", f"{who}走访日期", "必填"))
    worker = session.get(GridWorker, raw.visitor_id) if is_id(raw.visitor_id) else None
    if worker is None or worker.deleted_at is not None:
        errors.add(FieldError("visitor_id", f"{who}走访人", "请选择在册的网格员"))
    place = errors.check(check_free_text, raw.place, "place", f"{who}走访地点", max_len=100) or ""
    grid_id = None
    if raw.household_id is not None:
        household = session.get(Household, raw.household_id) if is_id(raw.household_id) else None
        if household is None or household.deleted_at is not None:
            errors.add(FieldError("household_id", f"{who}走访户", "所选的户已不存在或在回收站中，请重新选择"))
        else:
            grid_id = _grid_of_household(session, household.id)
    elif not place and raw.grid_id is not None:  # a visit to a place in that grid
        errors.add(FieldError("place", f"{who}走访地点", "必填（走访的不是某一户时）"))
    elif not place:
        errors.add(FieldError("household_id", f"{who}走访户", "请选择走访的户，或填写走访地点"))
    else:
        grid = session.get(Grid, raw.grid_id) if is_id(raw.grid_id) else None
        if grid is None or grid.deleted_at is not None:
            errors.add(FieldError("grid_id", f"{who}所在网格", "走访地点请选择所在网格"))
        else:
            grid_id = grid.id
    values.update(visitor_id=raw.visitor_id, household_id=raw.household_id, place=place, grid_id=grid_id,
                  follow_up=bool(raw.follow_up))
    values["companions"] = errors.check(check_free_text, raw.companions, "companions", f"{who}同行人员",
                                        max_len=100) or ""
    values["found"] = errors.check(check_free_text, raw.found, "found", f"{who}发现情况", max_len=2000,
                                   multiline=True) or ""
    return values


def save_visit(session: Session, raw: VisitInput, visit_id: int | None = None, today: date | None = None) -> Visit:
    visit = session.get(Visit, visit_id) if is_id(visit_id) else None
    if visit_id is not None and visit is None:
        raise ValidationErrors([FieldError("visited_on", "走访记录", "该走访记录已不存在，请刷新后重试")])
    errors = ErrorCollector()
    values = clean_visit(session, raw, errors, today)
    errors.raise_if_any()
    if visit is None:
        visit = Visit()
        session.add(visit)
    for name, value in values.items():
        setattr(visit, name, value)
    session.flush()
    return visit


def load_visit_input(session: Session, visit_id: int) -> VisitInput:
    visit = session.get_one(Visit, visit_id)
    return VisitInput(visited_on=visit.visited_on, visitor_id=visit.visitor_id, household_id=visit.household_id,
                      place=visit.place, grid_id=visit.grid_id, companions=visit.companions, found=visit.found,
                      follow_up=visit.follow_up)


@dataclass(frozen=True)
class VisitRow:
    """One line of a household's visits, newest first: plain values, ready to show."""

    id: int
    visited_on: date
    visitor: str
    found: str
    follow_up: bool
    incidents: tuple[str, ...]  # the numbers of the incidents reported from it


def household_visits(session: Session, household_id: int) -> list[VisitRow]:
    """The live visits to a household, newest first (its index: household, date)."""
    from db.models import Incident

    rows = session.execute(
        select(Visit.id, Visit.visited_on, Person.name, Visit.found, Visit.follow_up)
        .join(GridWorker, Visit.visitor_id == GridWorker.id).join(Person, GridWorker.person_id == Person.id)
        .where(Visit.household_id == household_id, Visit.deleted_at.is_(None))
        .order_by(Visit.visited_on.desc(), Visit.id.desc())).all()
    numbers: dict[int | None, list[str]] = {}
    if rows:
        for visit_id, number in session.execute(
                select(Incident.visit_id, Incident.number).where(
                    Incident.visit_id.in_([r[0] for r in rows]), Incident.deleted_at.is_(None))
                .order_by(Incident.number)):
            numbers.setdefault(visit_id, []).append(number)
    return [VisitRow(vid, on, name, found, follow_up, tuple(numbers.get(vid, ())))
            for vid, on, name, found, follow_up in rows]


@dataclass
class RoundLine:
    """One household of a morning's round: what was found there."""

    household_id: int
    found: str = ""
    follow_up: bool = False


def save_round(session: Session, visited_on: date | str, visitor_id: int, lines: Sequence[RoundLine],
               companions: str = "", today: date | None = None) -> list[Visit]:
    """A round of visits (one building, many households) on one day by one worker, saved together:
    every line is checked first, and a problem in any refuses the round, naming the line."""
    errors = ErrorCollector()
    cleaned = []
    for n, line in enumerate(lines, start=1):
        raw = VisitInput(visited_on=visited_on, visitor_id=visitor_id, household_id=line.household_id,
                         companions=companions, found=line.found, follow_up=line.follow_up)
        cleaned.append(clean_visit(session, raw, errors, today, who=f"第{n}户 "))
    seen: dict[int, int] = {}
    for n, line in enumerate(lines, start=1):
        if line.household_id in seen:
            errors.add(FieldError("household_id", f"第{n}户 走访户", f"与第{seen[line.household_id]}户重复"))
        seen.setdefault(line.household_id, n)
    if not lines:
        errors.add(FieldError("household_id", "走访户", "请至少选择一户"))
    errors.raise_if_any()
    visits = [Visit(**values) for values in cleaned]
    session.add_all(visits)
    session.flush()
    return visits


# --- who is due, and coverage ------------------------------------------------------------------

@dataclass(frozen=True)
class DueHousehold:
    household_id: int
    title: str  # 3号楼 2单元301 王大爷
    grid: str
    last_visit: date | None
    months: int  # its interval


def household_intervals(session: Session) -> dict[int, int]:
    """Household → the shortest visit interval of its live residents' care tags (only those set)."""
    stmt = (select(Resident.household_id, func.min(CareTag.visit_months))
            .join(ResidentTag, ResidentTag.resident_id == Resident.id).join(CareTag, ResidentTag.tag_id == CareTag.id)
            .where(Resident.deleted_at.is_(None), Resident.household_id.is_not(None), CareTag.visit_months > 0,
                   CareTag.active.is_(True), CareTag.deleted_at.is_(None))
            .group_by(Resident.household_id))
    return {household: months for household, months in session.execute(stmt) if household is not None}


def last_visits(session: Session) -> dict[int, date]:
    stmt = (select(Visit.household_id, func.max(Visit.visited_on))
            .where(Visit.deleted_at.is_(None), Visit.household_id.is_not(None)).group_by(Visit.household_id))
    return {household: last for household, last in session.execute(stmt) if household is not None}


def due_households(session: Session, today: date, *, grid_id: int | None = None,
                   tagged_only: bool = False) -> list[DueHousehold]:
    """The live households due a visit on `today`, longest waiting first (never visited first).
    tagged_only: only households with a care tag that sets an interval."""
    intervals, last = household_intervals(session), last_visits(session)
    stmt = (select(Household.id, Building.name, Building.units, Room.unit, Room.number, Person.name, Grid.code,
                   Grid.name)
            .join(Room, Household.room_id == Room.id).join(Building, Room.building_id == Building.id)
            .join(Grid, Building.grid_id == Grid.id).outerjoin(Person, Household.head_id == Person.id)
            .where(Household.deleted_at.is_(None), Room.deleted_at.is_(None), Building.deleted_at.is_(None)))
    if grid_id is not None:
        stmt = stmt.where(Building.grid_id == grid_id)
    due = []
    for household_id, building, units, unit, number, head, code, grid_name in session.execute(stmt):
        if tagged_only and household_id not in intervals:
            continue
        months = intervals.get(household_id, DEFAULT_MONTHS)
        visited = last.get(household_id)
        if visited is None or add_months_to(visited, months) <= today:
            title = " ".join(p for p in (building, room_title(unit, number, units), head or "") if p)
            due.append(DueHousehold(household_id, title, f"{code} {grid_name}", visited, months))
    due.sort(key=lambda d: (d.last_visit or date.min, d.title))
    return due


@dataclass(frozen=True)
class Coverage:
    households: int
    visited: int

    @property
    def rate(self) -> float:
        return self.visited / self.households if self.households else 0.0


def coverage(session: Session, start: date, end: date, *, grid_id: int | None = None) -> Coverage:
    """How many of the live households (of a grid) were visited from `start` to `end` inclusive."""
    households = (select(Household.id).join(Room, Household.room_id == Room.id)
                  .join(Building, Room.building_id == Building.id)
                  .where(Household.deleted_at.is_(None), Room.deleted_at.is_(None), Building.deleted_at.is_(None)))
    if grid_id is not None:
        households = households.where(Building.grid_id == grid_id)
    total = session.scalar(select(func.count()).select_from(households.subquery())) or 0
    visited = session.scalar(select(func.count(func.distinct(Visit.household_id))).where(
        Visit.deleted_at.is_(None), Visit.visited_on >= start, Visit.visited_on <= end,
        Visit.household_id.in_(households))) or 0
    return Coverage(total, visited)
