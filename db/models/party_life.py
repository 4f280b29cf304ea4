"""Party life (三会一课): meetings with attendance, the schedules they are due on, points (积分)
and the branch star rating (五星支部).

Attendance is the raw data every figure the office reports is computed from (attendance,
participation and education coverage, members absent six months), so it is one row per
member and meeting, kept even when the member later moves branch. Schedules, point rules and
rating indicators are rows, not constants: they are local practice and each office sets its own.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Tracked, now
from db.models.party import PartyMember, PartyOrg


class Meeting(Tracked, Base):
    """One meeting of an organisation: kind is a db.vocab.MEETING_KINDS code."""

    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_org_held", "org_id", "held_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("party_orgs.id"))
    held_at: Mapped[datetime] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(100), default="")
    topic: Mapped[str] = mapped_column(String(200), default="")
    speaker: Mapped[str] = mapped_column(String(30), default="")
    minutes: Mapped[str] = mapped_column(Text, default="")  # 会议纪要（摘要）
    # Its attendance lines by status, kept by the database's triggers (migration 0008), never
    # written by the program: the figures sum a year's meetings instead of millions of lines.
    present_count: Mapped[int] = mapped_column(default=0, server_default="0")
    leave_count: Mapped[int] = mapped_column(default=0, server_default="0")
    absent_count: Mapped[int] = mapped_column(default=0, server_default="0")

    org: Mapped[PartyOrg] = relationship()
    attendance: Mapped[list[Attendance]] = relationship(back_populates="meeting", cascade="all, delete-orphan",
                                                        order_by="Attendance.id")


class Attendance(Base):
    """出席 / 请假 / 缺席 of one member at one meeting (status: present / leave / absent)."""

    __tablename__ = "attendance"
    # (member, status, meeting) covers the six-month absence check: per member, does a present/leave
    # or an absent line at a meeting in the window exist — without reading the table itself.
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),
                      Index("ix_attendance_member", "member_id", "status", "meeting_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("party_members.id"))
    status: Mapped[str] = mapped_column(String(10), default="present")
    reason: Mapped[str] = mapped_column(String(100), default="")  # why on leave (请假事由)

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    member: Mapped[PartyMember] = relationship()


class MeetingSchedule(Base):
    """How often a kind of meeting is due: for one organisation, or (org_id NULL) for every
    organisation of org_kind ("committee" / "branch" / "group"). period: month / quarter / year."""

    __tablename__ = "meeting_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    org_kind: Mapped[str] = mapped_column(String(12), default="branch")
    org_id: Mapped[int | None] = mapped_column(ForeignKey("party_orgs.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))
    times: Mapped[int] = mapped_column(default=1)  # meetings due per period
    active: Mapped[bool] = mapped_column(default=True)


class PointRule(Base):
    """One line of the points scheme (积分规则): e.g. base 60 a year, +1 a meeting attended."""

    __tablename__ = "point_rules"

    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    label: Mapped[str] = mapped_column(String(60))
    points: Mapped[float] = mapped_column(default=0)
    max_points: Mapped[float | None] = mapped_column(default=None)  # a range such as training +1–3
    sort_order: Mapped[int] = mapped_column(default=0)


class PointEntry(Base):
    """A line of a member's points ledger: awarded from attendance (meeting_id set) or by hand."""

    __tablename__ = "point_entries"
    __table_args__ = (Index("ix_point_entries_member_year", "member_id", "year"),
                      UniqueConstraint("member_id", "meeting_id", "rule_code"))

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("party_members.id"))
    year: Mapped[int] = mapped_column(index=True)
    on: Mapped[date]
    rule_code: Mapped[str] = mapped_column(String(30))
    points: Mapped[float]
    reason: Mapped[str] = mapped_column(String(200), default="")
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    entered_by: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(default=now)

    member: Mapped[PartyMember] = relationship()


class RatingIndicator(Base):
    """One indicator of a year's branch score sheet (五星支部评分表), scored out of max_score."""

    __tablename__ = "rating_indicators"
    __table_args__ = (UniqueConstraint("year", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    name: Mapped[str] = mapped_column(String(100))
    max_score: Mapped[float] = mapped_column(default=10)
    sort_order: Mapped[int] = mapped_column(default=0)


class RatingScore(Base):
    """A branch's score on one indicator; the stars follow from the total and the thresholds."""

    __tablename__ = "rating_scores"
    __table_args__ = (UniqueConstraint("indicator_id", "org_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("rating_indicators.id", ondelete="CASCADE"))
    org_id: Mapped[int] = mapped_column(ForeignKey("party_orgs.id"), index=True)
    score: Mapped[float] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(String(200), default="")
