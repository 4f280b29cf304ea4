"""Office details kept in the database (committee names, case-number prefix, …).

They belong to the office, not to one PC's preferences, so they live beside the data and
travel with a backup.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class OfficeSetting(Base):
    __tablename__ = "office_settings"

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), primary_key=True)  # each its own
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
