"""What is in a grid, the 一标三实 way (标准地址, 实有房屋, 实有人口): buildings (楼栋), their rooms
(门牌: unit, floor, number), the households living in a room (户), and the residents of a
household, each a Person (one person, many roles: a resident may be a member or a volunteer
too). Residents carry care tags (关爱对象) from an editable list; a tag marked sensitive is shown
only to roles with the right to see it (db.permissions "sensitive_tags")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.dialect import sort_key_type
from db.models.base import Base, Tracked

if TYPE_CHECKING:
    from db.models.grids import Grid
    from db.models.people import Person


class Building(Tracked, Base):
    """楼栋: its name within its grid (3号楼), what it is, and how many units and floors it has."""

    __tablename__ = "buildings"
    __table_args__ = (UniqueConstraint("grid_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16), default="residential")  # BUILDING_KINDS
    units: Mapped[int] = mapped_column(default=1)
    floors: Mapped[int] = mapped_column(default=1)
    address: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    grid: Mapped[Grid] = relationship()
    rooms: Mapped[list[Room]] = relationship(back_populates="building")


class Room(Tracked, Base):
    """门牌: unit-floor-room within its building, and what it is used for."""

    __tablename__ = "rooms"
    __table_args__ = (UniqueConstraint("building_id", "unit", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("buildings.id"), index=True)
    unit: Mapped[int] = mapped_column(default=1)
    floor: Mapped[int] = mapped_column(default=1)
    number: Mapped[str] = mapped_column(String(20))  # 301, 3-301 as the door says
    purpose: Mapped[str] = mapped_column(String(16), default="owner")  # ROOM_USES: 自住 出租 空置 经营
    notes: Mapped[str] = mapped_column(Text, default="")

    building: Mapped[Building] = relationship(back_populates="rooms")
    households: Mapped[list[Household]] = relationship(back_populates="room")


class Household(Tracked, Base):
    """户: the people living together in a room, with its head (户主) and how it is registered."""

    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    head_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    registration: Mapped[str] = mapped_column(String(16), default="registered")  # HOUSEHOLD_REGISTRATIONS
    phone: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    room: Mapped[Room] = relationship(back_populates="households")
    head: Mapped[Person | None] = relationship(foreign_keys=[head_id])
    residents: Mapped[list[Resident]] = relationship(back_populates="household")


class Resident(Tracked, Base):
    """A person living in the community (实有人口): their household and relation to its head,
    whether they live here permanently, where their 户籍 is, and their 政治面貌."""

    __tablename__ = "residents"
    # The residents list scans this covering index in name order, the search a LIKE on it, as the
    # members list does (db.models.party).
    __table_args__ = (Index("ix_residents_list", "deleted_at", "name_sort", "search_text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), unique=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), index=True)
    relation: Mapped[str] = mapped_column(String(16), default="head")  # RELATIONS
    residence: Mapped[str] = mapped_column(String(16), default="permanent")  # RESIDENCE_KINDS
    hukou_place: Mapped[str] = mapped_column(String(100), default="")
    political_status: Mapped[str] = mapped_column(String(16), default="masses")  # POLITICAL_STATUSES
    notes: Mapped[str] = mapped_column(Text, default="")
    # the person's sort and search keys, copied as the members' are (db.people.copy_search_keys)
    name_sort: Mapped[str] = mapped_column(sort_key_type(120), default="")
    search_text: Mapped[str] = mapped_column(sort_key_type(500), default="")

    person: Mapped[Person] = relationship(back_populates="resident")
    household: Mapped[Household | None] = relationship(back_populates="residents")
    tags: Mapped[list[ResidentTag]] = relationship(back_populates="resident", cascade="all, delete-orphan")


class CareTag(Tracked, Base):
    """One kind of 关爱对象 in the office's list (独居老人, 低保户 …): whether it is sensitive, and
    how often a household with such a resident is due a visit (0: no rule)."""

    __tablename__ = "care_tags"
    __table_args__ = (UniqueConstraint("name", "community_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    sensitive: Mapped[bool] = mapped_column(default=False)
    visit_months: Mapped[int] = mapped_column(default=0)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class ResidentTag(Base):
    """A care tag on a resident (its own row: a list of tags travels between copies line by line)."""

    __tablename__ = "resident_tags"
    __table_args__ = (UniqueConstraint("resident_id", "tag_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id", ondelete="CASCADE"), index=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("care_tags.id"), index=True)

    resident: Mapped[Resident] = relationship(back_populates="tags")
    tag: Mapped[CareTag] = relationship()
