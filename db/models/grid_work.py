"""What grid workers do in their grids: visits to households and places (走访), and incidents
from report to closure (事件), each with its history of who did what and when."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Tracked, now

if TYPE_CHECKING:
    from db.models.grids import Grid, GridWorker
    from db.models.housing import Household


class Visit(Tracked, Base):
    """A grid worker's visit to a household or a place: what was found and whether it needs
    following up; an incident reported from it points back at it."""

    __tablename__ = "visits"
    __table_args__ = (Index("ix_visits_household_on", "household_id", "visited_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visited_on: Mapped[date] = mapped_column(index=True)
    visitor_id: Mapped[int] = mapped_column(ForeignKey("grid_workers.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"))
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"), index=True)  # the household's, or the place's
    place: Mapped[str] = mapped_column(String(100), default="")  # a place rather than a household
    companions: Mapped[str] = mapped_column(String(100), default="")
    found: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[bool] = mapped_column(default=False)

    visitor: Mapped[GridWorker] = relationship()
    household: Mapped[Household | None] = relationship()
    grid: Mapped[Grid] = relationship()


class Incident(Tracked, Base):
    """An incident (事件) reported in a grid, and where it stands (db.incidents keeps the states)."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), index=True)  # 事件编号: 2026-0012, or a station's provisional
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"), index=True)
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"))
    place: Mapped[str] = mapped_column(String(100), default="")
    category: Mapped[str] = mapped_column(String(16), index=True)  # INCIDENT_CATEGORIES
    subject: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text, default="")
    reported_at: Mapped[datetime] = mapped_column(default=now, index=True)
    reporter: Mapped[str] = mapped_column(String(30), default="")  # the resident who reported it
    reporter_phone: Mapped[str] = mapped_column(String(20), default="")
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"))
    state: Mapped[str] = mapped_column(String(16), default="reported", index=True)  # INCIDENT_STATES
    assignee: Mapped[str] = mapped_column(String(60), default="")  # a person or a department outside the app
    due_on: Mapped[date | None] = mapped_column(index=True)
    supervised: Mapped[bool] = mapped_column(default=False)  # 督办
    rating: Mapped[str | None] = mapped_column(String(16))  # SATISFACTION, once rated
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("mediation_cases.id"))  # a 矛盾纠纷 made a case

    events: Mapped[list[IncidentEvent]] = relationship(back_populates="incident", order_by="IncidentEvent.id",
                                                       cascade="all, delete-orphan")


class IncidentEvent(Base):
    """One step of an incident's history: the transition, who made it, when, and their note."""

    __tablename__ = "incident_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=now)
    action: Mapped[str] = mapped_column(String(16))  # INCIDENT_ACTIONS
    from_state: Mapped[str] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    by: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    incident: Mapped[Incident] = relationship(back_populates="events")
