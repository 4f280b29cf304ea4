"""Counts per register, for `main.py stats` and the status line. Counted in SQL.

Party life adds its figures over the last 12 months (from the same day a year ago to today,
both included: db.party_life.figures for the definitions), rates in percent with one
decimal (None when there is nothing to divide by), and each member flag as flag_<key>.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.dialect import no_index
from db.members import add_months_to
from db.models import (
    Building,
    Grid,
    GridWorker,
    Household,
    Incident,
    MediationCase,
    Mediator,
    PartyMember,
    PartyOrg,
    Person,
    Resident,
    ServiceActivity,
    Visit,
    Volunteer,
)
from db.party_life.figures import community_rates
from db.party_life.flags import flag_counts
from db.vocab import INCIDENT_STATES


def _live(session: Session, model: Any) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None))) or 0


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


def party_life_counts(session: Session, today: date | None = None) -> dict[str, int | float | None]:
    """Meetings, rates and flag counts of the last 12 months, for `stats --json`."""
    today = today or date.today()
    rates = community_rates(session, add_months_to(today, -12), today)
    counts: dict[str, int | float | None] = {
        "meetings_last_12_months": rates.meetings_held,
        "attendance_rate_last_12_months": _percent(rates.attendance_rate),
        "participation_rate_last_12_months": _percent(rates.participation_rate),
        "education_coverage_last_12_months": _percent(rates.education_coverage),
    }
    counts |= {f"flag_{key}": n for key, n in flag_counts(session, today).items()}
    return counts


def register_counts(session: Session, today: date | None = None) -> dict[str, int | float | None]:
    """Live (not deleted) records per register, the total service hours logged, and the
    party-life figures (party_life_counts)."""
    # The live activities' kept totals (migration 0008): a tenth as many rows as the lines.
    log_count, log_hours = session.execute(
        select(func.coalesce(func.sum(ServiceActivity.log_count), 0),
               func.coalesce(func.sum(ServiceActivity.log_hours), 0.0))
        .where(no_index(ServiceActivity.deleted_at).is_(None))
    ).one()
    return {
        "persons": _live(session, Person),
        "party_orgs": _live(session, PartyOrg),
        "branches": session.scalar(
            select(func.count()).select_from(PartyOrg).where(PartyOrg.kind == "branch", PartyOrg.deleted_at.is_(None))
        ) or 0,
        "members": _live(session, PartyMember),
        "grids": _live(session, Grid),
        "grid_workers": _live(session, GridWorker),
        "mediators": _live(session, Mediator),
        "mediation_cases": _live(session, MediationCase),
        "volunteers": _live(session, Volunteer),
        "service_activities": _live(session, ServiceActivity),
        "service_logs": int(log_count),  # int(): PostgreSQL's SUM of integers is a NUMERIC
        "service_hours": round(float(log_hours or 0.0), 2),
        "buildings": _live(session, Building),
        "households": _live(session, Household),
        "residents": _live(session, Resident),
        "visits": _live(session, Visit),
        "incidents": _live(session, Incident),
    } | incident_counts(session) | bank_counts(session) | party_life_counts(session, today)


def bank_counts(session: Session) -> dict[str, int | float | None]:
    """The moral bank's totals: points issued, redeemed, expired and outstanding (issued −
    redeemed − expired = outstanding, the sum of the balances: db.bank.reports), and accounts."""
    from db.bank.reports import totals

    t = totals(session)
    return {"points_accounts": t.accounts, "points_issued": t.issued, "points_redeemed": t.redeemed,
            "points_expired": t.expired, "points_outstanding": t.outstanding}


def incident_counts(session: Session) -> dict[str, int | float | None]:
    """The live incidents in each state, as incidents_<state> (every state, zeros included)."""
    found = dict(session.execute(select(Incident.state, func.count()).where(Incident.deleted_at.is_(None))
                                 .group_by(Incident.state)).all())
    return {f"incidents_{state}": found.get(state, 0) for state in INCIDENT_STATES.codes}
