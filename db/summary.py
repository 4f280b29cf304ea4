"""Figures for the monthly summary (月度工作统计), counted in SQL.

Party life (三会一课) comes from db.party_life.figures: one line per branch and one for the
whole community, for the calendar month.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from db.dialect import no_index
from db.members import overdue_condition
from db.models import (
    GridWorker,
    MediationCase,
    PartyMember,
    PartyOrg,
    Person,
    ServiceActivity,
    ServiceLog,
    Volunteer,
)
from db.office import get_setting
from db.party_life.figures import Figures, branch_and_community_figures
from db.vocab import DISPUTE_TYPES, GRID_ROLES, MEDIATION_TIERS


@dataclass(frozen=True)
class CaseFigures:
    label: str
    received: int
    succeeded: int
    closed: int

    @property
    def success_rate(self) -> float | None:
        """Settled among the cases closed (None when none closed yet)."""
        return self.succeeded / self.closed if self.closed else None


@dataclass(frozen=True)
class MonthlySummary:
    community: str
    year: int
    month: int
    members_by_branch: list[tuple[str, int, int]]  # branch, full, probationary
    overdue_probation: int
    mobile: int
    lost_contact: int
    grid_workers_by_role: list[tuple[str, int]]
    cases_by_type: list[CaseFigures]
    cases_by_tier: list[CaseFigures]
    hours_by_project: list[tuple[str, float, int]]  # project, hours, services
    top_volunteers: list[tuple[str, str, float]]  # name, number, hours
    party_life_by_branch: list[Figures] = field(default_factory=list)  # meetings, rates per branch
    party_life: Figures | None = None  # the same for the whole community

    @property
    def total_members(self) -> int:
        return sum(full + prob for _, full, prob in self.members_by_branch)

    @property
    def total_hours(self) -> float:
        return round(sum(h for _, h, _ in self.hours_by_project), 2)


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _cases(session: Session, column, vocab, first: date, last: date) -> list[CaseFigures]:  # type: ignore[no-untyped-def]
    stmt = (select(column, func.count(),
                   func.count(case((MediationCase.result == "success", 1))),
                   func.count(case((MediationCase.status == "closed", 1))))
            .where(MediationCase.deleted_at.is_(None), MediationCase.received_on.between(first, last))
            .group_by(column))
    found = {code: (n, ok or 0, closed or 0) for code, n, ok, closed in session.execute(stmt)}
    return [CaseFigures(c.zh, *found[c.code]) for c in vocab if c.code in found]


def _top_volunteers(in_month: tuple[ColumnElement[bool], ...], n: int = 10) -> Select[Any]:
    """The month's n volunteers with the most hours (ties by name): hours summed per volunteer
    from the month's lines alone, and names looked up only for those with at least the n-th
    largest sum. Joining every line to its volunteer and person first looked up 40,000 of each
    for a street office's month, to keep ten."""
    hours = (select(ServiceLog.volunteer_id.label("volunteer_id"), func.sum(ServiceLog.hours).label("h"))
             .join(ServiceActivity, ServiceLog.activity_id == ServiceActivity.id)
             .where(*in_month).group_by(ServiceLog.volunteer_id).cte("month_hours"))
    nth = select(hours.c.h).order_by(hours.c.h.desc()).offset(n - 1).limit(1).scalar_subquery()
    return (select(Person.name, Volunteer.number, hours.c.h)
            .join(Volunteer, Volunteer.person_id == Person.id).join(hours, hours.c.volunteer_id == Volunteer.id)
            .where(hours.c.h >= func.coalesce(nth, 0))
            .order_by(hours.c.h.desc(), Person.name_sort).limit(n))


def monthly_summary(session: Session, year: int, month: int) -> MonthlySummary:
    first, last = month_range(year, month)
    by_branch_figures, community_figures = branch_and_community_figures(session, first, last)
    live = (PartyMember.deleted_at.is_(None), PartyMember.status == "normal")
    # Live members per organisation in one pass over the table (nearly all members are live:
    # SQLite's index on status and a lookup in the table per member took 4 times as long), then
    # a party group's members under its branch, organisations in their order.
    org = no_index(PartyMember.org_id)
    per_org = {org_id: (full, prob) for org_id, full, prob in session.execute(
        select(org, func.count(case((PartyMember.member_type == "full", 1))),
               func.count(case((PartyMember.member_type == "probationary", 1))))
        .where(no_index(PartyMember.deleted_at).is_(None), no_index(PartyMember.status) == "normal")
        .group_by(org))}
    orgs = session.execute(select(PartyOrg.id, PartyOrg.name, PartyOrg.kind, PartyOrg.parent_id)
                           .order_by(PartyOrg.sort_order, PartyOrg.id)).all()
    names = {org_id: name for org_id, name, _, _ in orgs}
    by_branch: dict[str, list[int]] = {}
    for org_id, name, kind, parent_id in orgs:
        if org_id not in per_org:
            continue
        branch = names.get(parent_id, name) if kind == "group" and parent_id is not None else name
        totals = by_branch.setdefault(branch, [0, 0])
        totals[0] += per_org[org_id][0]
        totals[1] += per_org[org_id][1]
    count = select(func.count()).select_from(PartyMember).where(*live)
    roles = dict(session.execute(select(GridWorker.role, func.count()).where(
        GridWorker.deleted_at.is_(None), GridWorker.status == "active").group_by(GridWorker.role)).all())
    # The month's activities by held_on, then their logs: SQLite, without statistics, would read
    # every log ever kept (deleted_at's index; project's, to group) and look up its activity.
    in_month = (no_index(ServiceActivity.deleted_at).is_(None), no_index(ServiceLog.deleted_at).is_(None),
                ServiceActivity.held_on.between(first, last))
    project = no_index(ServiceActivity.project)
    hours = session.execute(
        select(project, func.sum(ServiceLog.hours), func.count())
        .join(ServiceLog, ServiceLog.activity_id == ServiceActivity.id)
        .where(*in_month)
        .group_by(project).order_by(func.sum(ServiceLog.hours).desc())).all()
    top = session.execute(_top_volunteers(in_month)).all()
    return MonthlySummary(
        community=get_setting(session, "community_name"), year=year, month=month,
        members_by_branch=[(name, full, prob) for name, (full, prob) in by_branch.items()],
        overdue_probation=session.scalar(count.where(overdue_condition(last))) or 0,
        mobile=session.scalar(count.where(PartyMember.category == "mobile")) or 0,
        lost_contact=session.scalar(count.where(PartyMember.category == "lost_contact")) or 0,
        grid_workers_by_role=[(c.zh, roles.get(c.code, 0)) for c in GRID_ROLES],
        cases_by_type=_cases(session, MediationCase.dispute_type, DISPUTE_TYPES, first, last),
        cases_by_tier=_cases(session, MediationCase.tier, MEDIATION_TIERS, first, last),
        hours_by_project=[(p, round(float(h or 0), 2), n) for p, h, n in hours],
        top_volunteers=[(name, number, round(float(h or 0), 2)) for name, number, h in top],
        party_life_by_branch=list(by_branch_figures),
        party_life=community_figures,
    )
