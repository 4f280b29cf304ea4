"""Points (党员积分): the rules table, the ledger, awards from attendance, the yearly standing."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import Meeting


def award_for_meeting(session: Session, meeting: Meeting) -> None:
    """Replace the automatic point lines of one meeting from its attendance (called by save_meeting)."""
