"""The incidents list (事件 tab): ids in display order for a filter, the page's rows, and one
incident with its history for the dialog and the 事件处置单."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.incidents import OPEN, add_working_days, deadline_state
from db.listing import Sort, fetch_ids, load_rows, ordered
from db.models import Building, Grid, Incident

SORT_KEYS = {"reported_at": Incident.reported_at, "number": Incident.number, "due_on": Incident.due_on,
             "state": Incident.state, "category": Incident.category}


@dataclass(frozen=True)
class IncidentFilter:
    text: str = ""  # number, subject, reporter
    grid_id: int | None = None
    category: str | None = None
    state: str | None = None
    due_only: bool = False  # 预警 or 超期 only
    today: date | None = None


@dataclass(frozen=True)
class IncidentRow:
    id: int
    number: str
    reported_at: datetime
    grid: str
    building: str
    category: str
    subject: str
    state: str
    assignee: str
    due_on: date | None
    deadline: str  # "", "warning", "overdue"
    supervised: bool
    rating: str | None


def incident_ids(session: Session, f: IncidentFilter, sort: Sort = Sort(),  # noqa: B008
                 limit: int | None = None) -> list[int]:
    """Newest first by default."""
    stmt = select(Incident.id).where(Incident.deleted_at.is_(None))
    words = f.text.strip()
    if words:
        stmt = stmt.where(or_(*(column.contains(words, autoescape=True)
                                for column in (Incident.number, Incident.subject, Incident.reporter))))
    if f.grid_id is not None:
        stmt = stmt.where(Incident.grid_id == f.grid_id)
    if f.category:
        stmt = stmt.where(Incident.category == f.category)
    if f.state:
        stmt = stmt.where(Incident.state == f.state)
    if f.due_only:
        today = f.today or date.today()
        stmt = stmt.where(Incident.state.in_(OPEN), Incident.due_on.is_not(None),
                          Incident.due_on <= add_working_days(today, 1))
    if not sort.key:
        return fetch_ids(session, stmt.order_by(Incident.reported_at.desc(), Incident.id.desc()).limit(limit))
    return fetch_ids(session, ordered(stmt, sort, SORT_KEYS, "reported_at", Incident.id).limit(limit))


def _fetch_rows(session: Session, ids: Sequence[int], today: date) -> dict[int, IncidentRow]:
    stmt = (select(Incident, Grid.code, Grid.name, Building.name)
            .join(Grid, Incident.grid_id == Grid.id).outerjoin(Building, Incident.building_id == Building.id)
            .where(Incident.id.in_(ids)))
    rows = {}
    for incident, code, grid_name, building in session.execute(stmt):
        rows[incident.id] = IncidentRow(
            id=incident.id, number=incident.number, reported_at=incident.reported_at, grid=f"{code} {grid_name}",
            building=building or incident.place, category=incident.category, subject=incident.subject,
            state=incident.state, assignee=incident.assignee, due_on=incident.due_on,
            deadline=deadline_state(incident, today), supervised=incident.supervised, rating=incident.rating)
    return rows


def incident_rows(session: Session, ids: Sequence[int], today: date | None = None) -> list[IncidentRow]:
    today = today or date.today()
    return load_rows(session, ids, lambda s, chunk: _fetch_rows(s, chunk, today))
