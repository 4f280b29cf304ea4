"""Volunteers, service activities and the per-person service-log lines (hours)."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Tracked

if TYPE_CHECKING:
    from db.models.people import Person


class Volunteer(Tracked, Base):
    __tablename__ = "volunteers"
    __table_args__ = (UniqueConstraint("number", "community_id"),)  # 志愿者编号, per community

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), unique=True)
    number: Mapped[str] = mapped_column(String(30))  # 志愿者编号
    kind: Mapped[str] = mapped_column(String(20), index=True)
    skills: Mapped[str] = mapped_column(String(200), default="")
    available_times: Mapped[str] = mapped_column(String(100), default="")
    service_areas: Mapped[str] = mapped_column(String(100), default="")
    organisation: Mapped[str] = mapped_column(String(100), default="")
    registered_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="active")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Kept by the database (migration 0009's triggers): live lines at live activities, and hours.
    log_count: Mapped[int] = mapped_column(default=0, server_default="0")
    log_hours: Mapped[float] = mapped_column(default=0.0, server_default="0")

    person: Mapped[Person] = relationship(back_populates="volunteer")
    logs: Mapped[list[ServiceLog]] = relationship(back_populates="volunteer")


class ServiceActivity(Tracked, Base):
    """One activity (project, date, place, times); hours are logged per attendee below it."""

    __tablename__ = "service_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    project: Mapped[str] = mapped_column(String(100), index=True)
    held_on: Mapped[date] = mapped_column(index=True)  # 活动日期
    place: Mapped[str] = mapped_column(String(100), default="")
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    organiser: Mapped[str] = mapped_column(String(100), default="")
    confirmed_by: Mapped[str] = mapped_column(String(30), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # Its service lines not in the recycle bin, and their hours, kept by the database's triggers
    # (migration 0008), never written by the program: the register's totals sum the activities
    # instead of a million lines.
    log_count: Mapped[int] = mapped_column(default=0, server_default="0")
    log_hours: Mapped[float] = mapped_column(default=0.0, server_default="0")

    logs: Mapped[list[ServiceLog]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="ServiceLog.id"
    )


class ServiceLog(Tracked, Base):
    __tablename__ = "service_logs"
    __table_args__ = (UniqueConstraint("activity_id", "volunteer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("service_activities.id", ondelete="CASCADE"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    hours: Mapped[float]
    notes: Mapped[str] = mapped_column(String(200), default="")

    activity: Mapped[ServiceActivity] = relationship(back_populates="logs")
    volunteer: Mapped[Volunteer] = relationship(back_populates="logs")
