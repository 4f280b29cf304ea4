"""Communities (社区) and the numbering counters kept per community.

One office PC holds one community; a street office's server holds several, each register row
belonging to one (Tracked.community_id) and each account to one or, for street staff, to none
(db.scope). Counters hand out gap-free numbers (mediation case numbers per year) inside the
saving transaction, so two PCs saving at the same moment never take the same number.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, new_uuid, now


class Community(Base):
    __tablename__ = "communities"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=now)


class Counter(Base):
    __tablename__ = "counters"

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(30), primary_key=True)  # "mediation_case", …
    year: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)  # the last number handed out
