"""What the grid-work documents print, as plain rows (desktop/printing builds the PDFs):

- 网格走访记录表: a grid worker's visits in a month;
- 事件处置单: one incident, its report and every step of its handling;
- 网格月报: per grid, its households and residents, the month's visits and coverage, and the
  incidents reported that month by category and state, their overdue rate and satisfaction.

Phone numbers print masked unless asked; a resident's care tags never print here.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.housing import room_title
from db.incidents import deadline_state
from db.models import Building, Grid, GridWorker, Household, Incident, IncidentEvent, Person, Resident, Room, Visit
from db.validation import format_date_cn, mask_phone
from db.vocab import INCIDENT_ACTIONS, INCIDENT_CATEGORIES, INCIDENT_STATES, SATISFACTION


def month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


# --- 网格走访记录表 ------------------------------------------------------------------------------

@dataclass(frozen=True)
class VisitSheet:
    worker: str
    grids: str
    month: str  # 2026年11月
    rows: list[list[str]]  # 日期, 走访户或地点, 同行人员, 发现情况, 需跟进


def visit_sheet(session: Session, worker_name: str, year: int, month: int) -> VisitSheet:
    """The visits of the grid worker of that name in the month (LookupError: no such worker)."""
    worker = session.scalars(select(GridWorker).join(Person, GridWorker.person_id == Person.id).where(
        Person.name == worker_name.strip(), GridWorker.deleted_at.is_(None))).first()
    if worker is None:
        raise LookupError(f"没有名为“{worker_name.strip()}”的在册网格员。")
    start, end = month_span(year, month)
    stmt = (select(Visit.visited_on, Visit.place, Visit.companions, Visit.found, Visit.follow_up, Building.name,
                   Building.units, Room.unit, Room.number, Person.name)
            .outerjoin(Household, Visit.household_id == Household.id).outerjoin(Room, Household.room_id == Room.id)
            .outerjoin(Building, Room.building_id == Building.id).outerjoin(Person, Household.head_id == Person.id)
            .where(Visit.visitor_id == worker.id, Visit.deleted_at.is_(None), Visit.visited_on >= start,
                   Visit.visited_on <= end).order_by(Visit.visited_on, Visit.id))
    rows = []
    for on, place, companions, found, follow_up, building, units, unit, number, head in session.execute(stmt):
        where = " ".join(p for p in (building, room_title(unit, number, units) if number else "", head) if p) or place
        rows.append([format_date_cn(on), where, companions, found, "是" if follow_up else ""])
    return VisitSheet(worker.person.name, "、".join(f"{g.code} {g.name}" for g in worker.grids),
                      f"{year}年{month}月", rows)


# --- 事件处置单 ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class IncidentSheet:
    number: str
    rows: list[list[str]]  # 项目, 内容


def incident_sheet(session: Session, number: str, today: date, *, masked: bool = True) -> IncidentSheet:
    """The incident of that number with its report and history (LookupError: no such incident)."""
    incident = session.scalars(select(Incident).where(Incident.number == number.strip(),
                                                      Incident.deleted_at.is_(None))).first()
    if incident is None:
        raise LookupError(f"没有编号为“{number.strip()}”的事件。")
    grid = session.get_one(Grid, incident.grid_id)
    building = session.get(Building, incident.building_id) if incident.building_id else None
    phone = mask_phone(incident.reporter_phone) if masked else incident.reporter_phone
    deadline = {"overdue": "（已超期）", "warning": "（即将到期）"}.get(deadline_state(incident, today), "")
    rows = [
        ["事件编号", incident.number],
        ["上报时间", _when(incident.reported_at)],
        ["所在网格", f"{grid.code} {grid.name}"],
        ["地点", " ".join(p for p in ((building.name if building else ""), incident.place) if p)],
        ["事件类别", INCIDENT_CATEGORIES.label(incident.category)],
        ["事件标题", incident.subject],
        ["事件描述", incident.description],
        ["反映人", " ".join(p for p in (incident.reporter, phone) if p)],
        ["处置状态", INCIDENT_STATES.label(incident.state) + ("（督办）" if incident.supervised else "")],
        ["承办人或部门", incident.assignee],
        ["办理期限", (format_date_cn(incident.due_on) + deadline) if incident.due_on else ""],
        ["群众评价", SATISFACTION.label(incident.rating) if incident.rating else ""],
    ]
    for n, event in enumerate(incident.events, start=1):
        note = f"：{event.note}" if event.note else ""
        rows.append([f"处置记录{n}", f"{_when(event.at)} {INCIDENT_ACTIONS.label(event.action)}（{event.by}）{note}"])
    return IncidentSheet(incident.number, rows)


def _when(at: datetime) -> str:
    return f"{format_date_cn(at.date())} {at:%H:%M}"


# --- 网格月报 ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GridMonth:
    grid: str
    households: int
    residents: int
    visits: int
    coverage: float
    incidents: int
    by_category: str  # 安全隐患2、矛盾纠纷1
    finished: int
    overdue: int
    satisfied: int
    rated: int

    def row(self) -> list[str]:
        def percent(part: int | float, whole: int | float) -> str:
            return f"{part / whole * 100:.1f}%" if whole else "—"

        return [self.grid, str(self.households), str(self.residents), str(self.visits),
                percent(self.coverage, 1), str(self.incidents), self.by_category or "—", str(self.finished),
                percent(self.overdue, self.incidents), percent(self.satisfied, self.rated)]


def grid_month(session: Session, year: int, month: int, today: date) -> list[GridMonth]:
    """One line per live grid for the month, in grid order: a handful of grouped queries, whatever
    the number of grids (a street office's 300 grids and 200,000 residents: well under a second)."""
    start, end = month_span(year, month)
    first, last = datetime.combine(start, datetime.min.time()), datetime.combine(end, datetime.max.time())
    grids = session.execute(select(Grid.id, Grid.code, Grid.name).where(Grid.deleted_at.is_(None))
                            .order_by(Grid.code)).all()
    live_households = (select(Household.id, Building.grid_id).join(Room, Household.room_id == Room.id)
                       .join(Building, Room.building_id == Building.id)
                       .where(Household.deleted_at.is_(None), Room.deleted_at.is_(None),
                              Building.deleted_at.is_(None))).subquery()
    households: dict[int, int] = dict(session.execute(
        select(live_households.c.grid_id, func.count()).group_by(live_households.c.grid_id)).all())
    residents: dict[int, int] = dict(session.execute(
        select(live_households.c.grid_id, func.count(Resident.id))
        .join(Resident, Resident.household_id == live_households.c.id).where(Resident.deleted_at.is_(None))
        .group_by(live_households.c.grid_id)).all())
    in_month = (Visit.deleted_at.is_(None), Visit.visited_on >= start, Visit.visited_on <= end)
    visits: dict[int, int] = dict(session.execute(
        select(Visit.grid_id, func.count()).where(*in_month).group_by(Visit.grid_id)).all())
    visited: dict[int, int] = dict(session.execute(
        select(live_households.c.grid_id, func.count(func.distinct(Visit.household_id)))
        .join(Visit, Visit.household_id == live_households.c.id).where(*in_month)
        .group_by(live_households.c.grid_id)).all())
    reported = session.execute(
        select(Incident.id, Incident.grid_id, Incident.category, Incident.state, Incident.rating, Incident.due_on)
        .where(Incident.deleted_at.is_(None), Incident.reported_at >= first, Incident.reported_at <= last)).all()
    done_on = _done_dates(session, [r.id for r in reported])
    per_grid: dict[int, list[Any]] = {}
    for row in reported:
        per_grid.setdefault(row.grid_id, []).append(row)
    lines = []
    for grid_id, code, name in grids:
        found = per_grid.get(grid_id, [])
        categories: dict[str, int] = {}
        for r in found:
            categories[r.category] = categories.get(r.category, 0) + 1
        by_category = "、".join(f"{INCIDENT_CATEGORIES.label(c)}{n}" for c, n in
                                sorted(categories.items(), key=lambda kv: -kv[1]))
        rated = [r for r in found if r.rating]
        total = households.get(grid_id, 0)
        lines.append(GridMonth(
            grid=f"{code} {name}", households=total, residents=residents.get(grid_id, 0),
            visits=visits.get(grid_id, 0), coverage=visited.get(grid_id, 0) / total if total else 0.0,
            incidents=len(found), by_category=by_category,
            finished=sum(1 for r in found if r.state in FINISHED_WELL),
            overdue=sum(1 for r in found if _was_overdue(r, done_on.get(r.id), today)),
            satisfied=sum(1 for r in rated if r.rating in ("satisfied", "basically")),
            rated=len(rated)))
    return lines


FINISHED_WELL = ("done", "rated", "closed")


def _done_dates(session: Session, incident_ids: list[int]) -> dict[int, date]:
    """When each incident was done (办结), read in chunks."""
    found: dict[int, date] = {}
    for start in range(0, len(incident_ids), 500):
        for incident_id, at in session.execute(
                select(IncidentEvent.incident_id, func.max(IncidentEvent.at))
                .where(IncidentEvent.incident_id.in_(incident_ids[start:start + 500]), IncidentEvent.to_state == "done")
                .group_by(IncidentEvent.incident_id)):
            found[incident_id] = at.date() if isinstance(at, datetime) else datetime.fromisoformat(str(at)).date()
    return found


def _was_overdue(row: Any, done: date | None, today: date) -> bool:
    """Overdue now, or finished after its deadline."""
    if row.due_on is None or row.state in ("rejected", "duplicate"):
        return False
    if row.state in FINISHED_WELL:
        return done is not None and done > row.due_on
    return today > row.due_on
