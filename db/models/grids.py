"""Grids (网格) and the grid workers (网格员) who look after them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Tracked

if TYPE_CHECKING:
    from db.models.people import Person

grid_worker_grids = Table(
    "grid_worker_grids",
    Base.metadata,
    Column("grid_worker_id", ForeignKey("grid_workers.id", ondelete="CASCADE"), primary_key=True),
    Column("grid_id", ForeignKey("grids.id", ondelete="CASCADE"), primary_key=True),
)


class Grid(Tracked, Base):
    __tablename__ = "grids"
    __table_args__ = (UniqueConstraint("code", "community_id"),)  # 网格编号, per community

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20))  # 网格编号
    name: Mapped[str] = mapped_column(String(60))
    buildings: Mapped[str] = mapped_column(String(500), default="")  # 楼栋, comma separated
    households: Mapped[int] = mapped_column(default=0)
    population: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(Text, default="")

    workers: Mapped[list[GridWorker]] = relationship(secondary=grid_worker_grids, back_populates="grids")


class GridWorker(Tracked, Base):
    __tablename__ = "grid_workers"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), unique=True)
    role: Mapped[str] = mapped_column(String(16), index=True)  # chief / leader / worker
    employment: Mapped[str] = mapped_column(String(16), default="full_time")  # full_time / part_time
    buildings: Mapped[str] = mapped_column(String(500), default="")
    households: Mapped[int] = mapped_column(default=0)
    start_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="active")  # active / left
    notes: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship(back_populates="grid_worker")
    grids: Mapped[list[Grid]] = relationship(
        secondary=grid_worker_grids, back_populates="workers", order_by="Grid.code"
    )
