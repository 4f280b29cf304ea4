"""People's mediation: mediators (three tiers), cases, their parties and follow-up visits."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.dialect import sort_key_type
from db.models.base import Base, Tracked

if TYPE_CHECKING:
    from db.models.people import Person


class Mediator(Tracked, Base):
    """A person who mediates, at one of three tiers: volunteer / mediator / judge."""

    __tablename__ = "mediators"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), unique=True)
    tier: Mapped[str] = mapped_column(String(16))
    since: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="active")
    notes: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship(back_populates="mediator")


class MediationCase(Tracked, Base):
    __tablename__ = "mediation_cases"
    # Numbers are per community (the community id last keeps the constraints' names unchanged).
    __table_args__ = (UniqueConstraint("year", "seq", "community_id"), UniqueConstraint("number", "community_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40))  # （2026）X调字第N号
    year: Mapped[int]
    seq: Mapped[int]
    received_on: Mapped[date] = mapped_column(index=True)
    source: Mapped[str] = mapped_column(String(16))
    dispute_type: Mapped[str] = mapped_column(String(24), index=True)
    facts: Mapped[str] = mapped_column(Text, default="")  # 简要案情
    requests: Mapped[str] = mapped_column(Text, default="")  # 申请事项
    tier: Mapped[str] = mapped_column(String(16), index=True)
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("mediators.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)  # open / closed
    result: Mapped[str] = mapped_column(String(16), default="in_progress")
    closed_on: Mapped[date | None]
    agreement_terms: Mapped[str] = mapped_column(Text, default="")
    performance: Mapped[str] = mapped_column(Text, default="")  # 履行方式、地点、期限
    amount: Mapped[float | None]  # 涉及金额（元）
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(sort_key_type(1000), default="")

    mediator: Mapped[Mediator | None] = relationship()
    parties: Mapped[list[MediationParty]] = relationship(
        back_populates="case", order_by="MediationParty.sort_order", cascade="all, delete-orphan"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="case", order_by="FollowUp.visited_on", cascade="all, delete-orphan"
    )


class MediationParty(Base):
    """A party to a case, with the details the register sheet asks for.

    Parties are often residents the office has no other record of, so they are rows of their
    own; person_id links one to a registered Person when there is one.
    """

    __tablename__ = "mediation_parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_cases.id", ondelete="CASCADE"), index=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    role: Mapped[str] = mapped_column(String(16))  # applicant / respondent
    name: Mapped[str] = mapped_column(String(30))
    gender: Mapped[str | None] = mapped_column(String(8))
    ethnicity: Mapped[str] = mapped_column(String(20), default="")
    birth_date: Mapped[date | None]
    id_number: Mapped[str | None] = mapped_column(String(18))
    occupation: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)

    case: Mapped[MediationCase] = relationship(back_populates="parties")


class FollowUp(Tracked, Base):
    """回访记录: whether the agreement was kept, and what was done about it."""

    __tablename__ = "mediation_follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_cases.id", ondelete="CASCADE"), index=True)
    visited_on: Mapped[date]
    visitor: Mapped[str] = mapped_column(String(30), default="")
    performed: Mapped[str] = mapped_column(String(16), default="yes")  # yes / partly / no
    satisfaction: Mapped[str] = mapped_column(String(16), default="satisfied")
    relapse_risk: Mapped[str] = mapped_column(String(16), default="low")
    action: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[MediationCase] = relationship(back_populates="follow_ups")
