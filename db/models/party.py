"""Party organisations (a tree) and party membership with its status history."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.dialect import sort_key_type
from db.models.base import Base, Tracked, now

if TYPE_CHECKING:
    from db.models.people import Person


class PartyOrg(Tracked, Base):
    """社区党委 → 支部 → 党小组. kind is "committee", "branch" or "group"."""

    __tablename__ = "party_orgs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(12))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("party_orgs.id"), index=True)
    sort_order: Mapped[int] = mapped_column(default=0)

    parent: Mapped[PartyOrg | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[PartyOrg]] = relationship(back_populates="parent")


class PartyMember(Tracked, Base):
    __tablename__ = "party_members"
    # The members list is one scan of this covering index, already in name order, with the
    # search as a LIKE on it: no join, no sort (100,000 members: ~30 ms a search).
    __table_args__ = (Index("ix_party_members_list", "status", "deleted_at", "name_sort", "search_text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), unique=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("party_orgs.id"), index=True)
    member_type: Mapped[str] = mapped_column(String(16), index=True)  # full / probationary
    admitted_on: Mapped[date | None]  # 入党时间: admitted as probationary member
    full_on: Mapped[date | None]  # 转正时间
    probation_extended_months: Mapped[int] = mapped_column(default=0)
    education: Mapped[str] = mapped_column(String(20), default="")
    native_place: Mapped[str] = mapped_column(String(50), default="")
    employer: Mapped[str] = mapped_column(String(100), default="")  # 工作单位及职务
    category: Mapped[str] = mapped_column(String(16), default="in_service", index=True)
    category_since: Mapped[date | None]  # since when mobile / lost contact
    transferred_in_on: Mapped[date | None]
    reported: Mapped[bool] = mapped_column(default=False)  # 在职党员到社区报到
    reported_on: Mapped[date | None]
    reported_employer: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(20), default="normal")
    notes: Mapped[str] = mapped_column(Text, default="")
    # When the member was last present / on leave / absent at a live meeting, and last present
    # at an education meeting (db.vocab.EDUCATION_KINDS): kept by the database's triggers on
    # attendance and meetings (migration 0008), never written by the program. The flags and
    # figures test a column instead of probing each member's attendance history.
    last_present_at: Mapped[datetime | None] = mapped_column(default=None)
    last_leave_at: Mapped[datetime | None] = mapped_column(default=None)
    last_absent_at: Mapped[datetime | None] = mapped_column(default=None)
    last_educated_at: Mapped[datetime | None] = mapped_column(default=None)
    # Copies of the person's keys (db.people.refresh_search_keys keeps them in step).
    name_sort: Mapped[str] = mapped_column(sort_key_type(120), default="")
    search_text: Mapped[str] = mapped_column(sort_key_type(500), default="")

    person: Mapped[Person] = relationship(back_populates="member")
    org: Mapped[PartyOrg] = relationship()
    status_history: Mapped[list[MemberStatusChange]] = relationship(
        back_populates="member", order_by="MemberStatusChange.id", cascade="all, delete-orphan"
    )


class MemberStatusChange(Base):
    """One line per change of a member's status (正常 → 转出 …): members who leave are kept."""

    __tablename__ = "member_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("party_members.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date]
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=now)

    member: Mapped[PartyMember] = relationship(back_populates="status_history")
