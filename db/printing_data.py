"""Plain data for printed documents, gathered in SQL (the PDF builders never query)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.members import MemberFilter, MemberRow, member_ids, member_rows
from db.models import Grid, GridWorker, MediationCase, PartyOrg, Person, ServiceActivity, ServiceLog, Volunteer
from db.office import get_setting, next_sequence
from db.vocab import (
    CASE_RESULTS,
    CASE_SOURCES,
    CASE_STATUSES,
    DISPUTE_TYPES,
    EMPLOYMENT,
    FOLLOW_UP_PERFORMED,
    GENDERS,
    GRID_ROLES,
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


# --- volunteer certificate ----------------------------------------------------------------------

@dataclass(frozen=True)
class ServiceLine:
    held_on: date
    project: str
    place: str
    hours: float


@dataclass(frozen=True)
class CertificateData:
    certificate_number: str
    issued_on: date
    name: str
    id_number: str
    volunteer_number: str
    date_from: date | None
    date_to: date | None
    total_hours: float
    services: list[ServiceLine]
    organisation: str
    responsible_person: str
    handler: str
    contact: str


def certificate_data(session: Session, volunteer_number: str, date_from: date | None, date_to: date | None,
                     issued_on: date) -> CertificateData:
    """What a 志愿服务证明 states; issuing it takes the next certificate number of the year."""
    volunteer = session.scalars(select(Volunteer).where(Volunteer.number == volunteer_number.strip().upper(),
                                                        Volunteer.deleted_at.is_(None))).first()
    if volunteer is None:
        raise LookupError(f"没有编号为“{volunteer_number}”的志愿者")
    stmt = (select(ServiceActivity.held_on, ServiceActivity.project, ServiceActivity.place, ServiceLog.hours)
            .join(ServiceLog, ServiceLog.activity_id == ServiceActivity.id)
            .where(ServiceLog.volunteer_id == volunteer.id, ServiceLog.deleted_at.is_(None),
                   ServiceActivity.deleted_at.is_(None)).order_by(ServiceActivity.held_on))
    if date_from is not None:
        stmt = stmt.where(ServiceActivity.held_on >= date_from)
    if date_to is not None:
        stmt = stmt.where(ServiceActivity.held_on <= date_to)
    services = [ServiceLine(d, project, place, hours) for d, project, place, hours in session.execute(stmt)]
    seq = next_sequence(session, "certificate", issued_on.year)
    return CertificateData(
        certificate_number=f"志证〔{issued_on.year}〕{seq:04d}号", issued_on=issued_on, name=volunteer.person.name,
        id_number=volunteer.person.id_number or "", volunteer_number=volunteer.number, date_from=date_from,
        date_to=date_to, total_hours=round(sum(s.hours for s in services), 2), services=services,
        organisation=get_setting(session, "volunteer_organisation"),
        responsible_person=get_setting(session, "responsible_person"),
        handler=get_setting(session, "certificate_handler"), contact=get_setting(session, "office_phone"),
    )


# --- grid workers ---------------------------------------------------------------------------

@dataclass(frozen=True)
class GridBoard:
    code: str
    name: str
    buildings: str
    households: int
    workers: list[tuple[str, str, str, str]]  # name, role, employment, phone


def grid_boards(session: Session) -> list[GridBoard]:
    """Each live grid with its active workers (leaders first), for the roster and public boards."""
    boards = []
    order = {"chief": 0, "leader": 1, "worker": 2}
    for grid in session.scalars(select(Grid).where(Grid.deleted_at.is_(None)).order_by(Grid.code)):
        workers = sorted((w for w in grid.workers if w.deleted_at is None and w.status == "active"),
                         key=lambda w: (order.get(w.role, 9), w.person.name_sort))
        boards.append(GridBoard(grid.code, grid.name, grid.buildings, grid.households,
                                [(w.person.name, GRID_ROLES.label(w.role), EMPLOYMENT.label(w.employment),
                                  w.person.phone) for w in workers]))
    return boards


def workers_without_grid(session: Session) -> list[tuple[str, str, str, str]]:
    """Active grid workers on no grid (the 网格总长, usually), for the end of the roster."""
    stmt = (select(GridWorker).join(Person).where(GridWorker.deleted_at.is_(None), GridWorker.status == "active",
                                                  ~GridWorker.grids.any()).order_by(Person.name_sort))
    return [(w.person.name, GRID_ROLES.label(w.role), EMPLOYMENT.label(w.employment), w.person.phone)
            for w in session.scalars(stmt)]
