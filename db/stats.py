"""Counts per register, for `main.py stats` and the status line. Counted in SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (
    Grid,
    GridWorker,
    MediationCase,
    Mediator,
    PartyMember,
    PartyOrg,
    Person,
    ServiceActivity,
    ServiceLog,
    Volunteer,
)


def _live(session: Session, model: Any) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None))) or 0


def register_counts(session: Session) -> dict[str, int | float]:
    """Live (not deleted) records per register, and the total service hours logged."""
    live_logs = (
        select(func.coalesce(func.sum(ServiceLog.hours), 0.0))
        .join(ServiceActivity, ServiceLog.activity_id == ServiceActivity.id)
        .where(ServiceLog.deleted_at.is_(None), ServiceActivity.deleted_at.is_(None))
    )
    log_count = (
        select(func.count()).select_from(ServiceLog)
        .join(ServiceActivity, ServiceLog.activity_id == ServiceActivity.id)
        .where(ServiceLog.deleted_at.is_(None), ServiceActivity.deleted_at.is_(None))
    )
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
        "service_logs": session.scalar(log_count) or 0,
        "service_hours": round(float(session.scalar(live_logs) or 0.0), 2),
    }
