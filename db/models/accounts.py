"""Accounts (who may do what) and the audit trail (操作日志: who did what, when, where).

Audit entries name the user and computer as text rather than by foreign key: the log must
outlive a renamed or removed account, and is never edited, only appended to. Each entry is
sealed as it is written with a hash chained to the entry before it (db.audit_chain), so an
entry changed, removed or slipped in with another SQLite tool is noticed by the full check.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, now


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[str] = mapped_column(String(20))  # admin / clerk / viewer
    # The community the account works in; NULL: street-office staff, who see every community
    # and change none (db.scope).
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"), default=None)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=now)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_register_record", "register", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=now, index=True)
    username: Mapped[str] = mapped_column(String(40), index=True)
    computer: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(20))  # create/update/delete/restore/import/export/…
    register: Mapped[str] = mapped_column(String(40), default="")  # table name, "" for logins
    record_id: Mapped[int | None] = mapped_column(default=None)
    summary: Mapped[str] = mapped_column(String(200), default="")  # who or what, for people to read
    details: Mapped[str] = mapped_column(Text, default="")  # JSON: field changes, counts, file names
    # SHA-256 of the entry before (64 zeros for the first) and of this one's content with it: set by
    # db.audit_chain as the row is inserted, whatever the code put there. Empty: not written by the program.
    prev_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    entry_hash: Mapped[str | None] = mapped_column(String(64), default=None)
