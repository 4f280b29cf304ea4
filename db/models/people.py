"""One row per human being; the roles (member, grid worker, volunteer, mediator, resident) hang off it.

A resident who is a party member, a grid worker and a volunteer at once is one Person with
three role rows, so that editing their phone number in one register shows in all of them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.dialect import sort_key_type
from db.models.base import Base, Tracked

if TYPE_CHECKING:
    from db.models.grids import Grid, GridWorker
    from db.models.housing import Resident
    from db.models.mediation import Mediator
    from db.models.party import PartyMember
    from db.models.volunteers import Volunteer


class Person(Tracked, Base):
    __tablename__ = "persons"
    # Search scans this covering index (LIKE '%q%' cannot seek) and gets the sort key with it.
    # An ID number is unique within a community (a street office's server holds several).
    __table_args__ = (Index("ix_persons_search_text_name_sort", "search_text", "name_sort"),
                      UniqueConstraint("id_number", "community_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    gender: Mapped[str | None] = mapped_column(String(8))  # "male" / "female"
    ethnicity: Mapped[str] = mapped_column(String(20), default="汉族")
    birth_date: Mapped[date | None]
    # Stored normalised (18 characters, upper-case X); NULL when unknown, so the unique
    # constraint allows any number of people without one.
    id_number: Mapped[str | None] = mapped_column(String(18))
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id", ondelete="SET NULL"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Derived from name/id/phone by db.search_keys on every save; see db.people.
    name_sort: Mapped[str] = mapped_column(sort_key_type(120), default="", index=True)
    search_text: Mapped[str] = mapped_column(sort_key_type(500), default="")

    grid: Mapped[Grid | None] = relationship(foreign_keys=[grid_id])
    member: Mapped[PartyMember | None] = relationship(back_populates="person", uselist=False)
    grid_worker: Mapped[GridWorker | None] = relationship(back_populates="person", uselist=False)
    volunteer: Mapped[Volunteer | None] = relationship(back_populates="person", uselist=False)
    mediator: Mapped[Mediator | None] = relationship(back_populates="person", uselist=False)
    resident: Mapped[Resident | None] = relationship(back_populates="person", uselist=False)

    def __repr__(self) -> str:
        return f"Person(id={self.id!r}, name={self.name!r})"
