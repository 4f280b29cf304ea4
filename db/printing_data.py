"""Plain data for printed documents, gathered in SQL (the PDF builders never query)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.members import MemberFilter, MemberRow, member_ids, member_rows
from db.models import PartyOrg
from db.office import get_setting


@dataclass(frozen=True)
class RosterRequest:
    branch: str | None = None  # a branch's name; None for the whole community


@dataclass(frozen=True)
class RosterData:
    community: str
    branch_name: str
    rows: list[MemberRow]


def roster_rows(session: Session, request: RosterRequest) -> RosterData:
    """The members a roster lists (current members, in name order), whole community or one branch."""
    org_id = None
    if request.branch:
        org_id = session.scalar(select(PartyOrg.id).where(PartyOrg.name == request.branch,
                                                          PartyOrg.deleted_at.is_(None)))
        if org_id is None:
            raise LookupError(f"没有名为“{request.branch}”的支部")
    ids = member_ids(session, MemberFilter(org_id=org_id))
    return RosterData(get_setting(session, "community_name"), request.branch or "", member_rows(session, ids))
