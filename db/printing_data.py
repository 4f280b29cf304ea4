"""Plain data for printed documents, gathered in SQL (the PDF builders never query)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.members import MemberFilter, MemberRow, member_ids, member_rows
from db.models import MediationCase, PartyOrg
from db.office import get_setting
from db.vocab import (
    CASE_RESULTS,
    CASE_SOURCES,
    CASE_STATUSES,
    DISPUTE_TYPES,
    FOLLOW_UP_PERFORMED,
    GENDERS,
    MEDIATION_TIERS,
    PARTY_ROLES,
    RELAPSE_RISK,
    SATISFACTION,
)


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


# --- mediation papers -------------------------------------------------------------------------

@dataclass(frozen=True)
class PartyDetails:
    role: str  # 申请人 / 被申请人
    name: str
    gender: str
    ethnicity: str
    birth_date: date | None
    occupation: str
    phone: str
    address: str


@dataclass(frozen=True)
class FollowUpDetails:
    visited_on: date
    visitor: str
    performed: str
    satisfaction: str
    relapse_risk: str
    action: str
    notes: str


@dataclass(frozen=True)
class CaseDocument:
    committee: str
    number: str
    received_on: date
    source: str
    dispute_type: str
    facts: str
    requests: str
    tier: str
    mediator: str
    status: str
    result: str
    closed_on: date | None
    agreement_terms: str
    performance: str
    amount: float | None
    parties: list[PartyDetails]
    follow_ups: list[FollowUpDetails]


def case_document(session: Session, number: str) -> CaseDocument:
    """Everything the register sheet, the agreement and the follow-up record print for a case."""
    case = session.scalars(select(MediationCase).where(MediationCase.number == number,
                                                       MediationCase.deleted_at.is_(None))).first()
    if case is None:
        raise LookupError(f"没有编号为“{number}”的调解案件")
    mediator = case.mediator.person.name if case.mediator is not None else ""
    parties = [PartyDetails(PARTY_ROLES.label(p.role), p.name, GENDERS.label(p.gender), p.ethnicity, p.birth_date,
                            p.occupation, p.phone, p.address) for p in case.parties]
    follow_ups = [FollowUpDetails(f.visited_on, f.visitor, FOLLOW_UP_PERFORMED.label(f.performed),
                                  SATISFACTION.label(f.satisfaction), RELAPSE_RISK.label(f.relapse_risk), f.action,
                                  f.notes)
                  for f in case.follow_ups if f.deleted_at is None]
    return CaseDocument(
        committee=get_setting(session, "mediation_committee"), number=case.number, received_on=case.received_on,
        source=CASE_SOURCES.label(case.source), dispute_type=DISPUTE_TYPES.label(case.dispute_type),
        facts=case.facts, requests=case.requests, tier=MEDIATION_TIERS.label(case.tier), mediator=mediator,
        status=CASE_STATUSES.label(case.status), result=CASE_RESULTS.label(case.result), closed_on=case.closed_on,
        agreement_terms=case.agreement_terms, performance=case.performance, amount=case.amount, parties=parties,
        follow_ups=follow_ups,
    )
