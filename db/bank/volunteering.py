"""Points from volunteer service hours, credited automatically: each service log earns its hours
× the office's rate (db.bank.settings), rounded down to whole points, into the volunteer's
account (opened the first time), dated the day of the activity.

`credit_service_hours` brings the ledger in line with the service logs, whichever path wrote
them (the activity dialog, a ledger import, the recycle bin, an exchange bundle): a log that
has no line yet earns; a log whose hours changed, or that went to the recycle bin, has what it
earned taken back by one line and, if it still stands, earns afresh. Each line records the
hours it credits, so a change of the rate never touches what was already earned: only a log
that changes is credited at the rate of the day.

Taking back may leave an account below zero when the points were already spent (the hours had
been recorded wrongly); the figures show it, and nothing is lost.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, insert, select
from sqlalchemy.orm import Session

from db.bank.ledger import station_name
from db.bank.settings import bank_settings
from db.models import BankAccount, BankEntry, ServiceActivity, ServiceLog, Volunteer, now
from db.models.base import new_uuid
from db.permissions import actor_of
from db.scope import community_id_of

SOURCE = "service_log"
CHUNK = 500


def points_for(hours: float, rate: Decimal) -> int:
    """Whole points for the hours: rounded down (2.5 hours at 1 a point an hour: 2)."""
    return math.floor(Decimal(str(hours)) * rate)


def _accounts_for(session: Session, person_ids: set[int], on: date) -> dict[int | None, int]:
    """person → account id, opening the accounts still missing (one INSERT)."""
    found: dict[int | None, int] = {}
    ids = sorted(person_ids)
    for start in range(0, len(ids), CHUNK):
        found.update(session.execute(select(BankAccount.person_id, BankAccount.id)
                                     .where(BankAccount.person_id.in_(ids[start:start + CHUNK]))).all())
    missing = [p for p in ids if p not in found]
    if missing:
        at, community = now(), community_id_of(session)
        session.execute(insert(BankAccount), [
            {"person_id": p, "opened_on": on, "notes": "", "community_id": community, "uuid": new_uuid(),
             "version": 1, "created_at": at, "updated_at": at} for p in missing])
        for start in range(0, len(missing), CHUNK):
            found.update(session.execute(select(BankAccount.person_id, BankAccount.id)
                                         .where(BankAccount.person_id.in_(missing[start:start + CHUNK]))).all())
    return found


def credit_service_hours(session: Session, activity_ids: Iterable[int] | None = None,
                         today: date | None = None) -> int:
    """Bring the ledger in line with the service logs of these activities (all, when None);
    returns how many lines were written. Runs in the caller's transaction."""
    logs = (select(ServiceLog.id, Volunteer.person_id, ServiceLog.hours, ServiceActivity.held_on,
                   and_(ServiceLog.deleted_at.is_(None), ServiceActivity.deleted_at.is_(None),
                        Volunteer.deleted_at.is_(None)).label("live"))
            .join(ServiceActivity, ServiceLog.activity_id == ServiceActivity.id)
            .join(Volunteer, ServiceLog.volunteer_id == Volunteer.id))
    chosen = None if activity_ids is None else sorted(set(activity_ids))
    rows: list[Any] = []
    if chosen is None:
        rows = list(session.execute(logs).all())
    else:
        for start in range(0, len(chosen), CHUNK):
            rows += session.execute(logs.where(ServiceLog.activity_id.in_(chosen[start:start + CHUNK]))).all()
    if not rows:
        return 0
    credited: dict[int | None, tuple[float, int, int]] = {}  # log → (hours, points, account)
    log_ids = [r.id for r in rows]
    for start in range(0, len(log_ids), CHUNK):
        for source_id, hours, points, account in session.execute(
                select(BankEntry.source_id, func.sum(BankEntry.hours), func.sum(BankEntry.points),
                       func.min(BankEntry.account_id))
                .where(BankEntry.source == SOURCE, BankEntry.source_id.in_(log_ids[start:start + CHUNK]))
                .group_by(BankEntry.source_id)):
            credited[source_id] = (float(hours or 0), int(points or 0), int(account))
    changed = [r for r in rows
               if round(credited.get(r.id, (0.0, 0, 0))[0], 2) != (round(float(r.hours), 2) if r.live else 0.0)]
    if not changed:
        return 0
    day = today or date.today()
    rate = bank_settings(session).hours_rate
    accounts = _accounts_for(session, {r.person_id for r in changed if r.live}, day)
    who, station, at = actor_of(session).username, station_name(session), now()
    lines = []
    for r in changed:
        hours, points, account = credited.get(r.id, (0.0, 0, 0))
        if hours:
            lines.append({"account_id": account, "kind": "adjust", "points": -points, "hours": -hours, "on": day,
                          "source_id": r.id,
                          "reason": "服务记录更改，收回原积分" if r.live else "服务记录已删除，收回积分"})
        earned = points_for(r.hours, rate) if r.live else 0
        if earned:
            lines.append({"account_id": accounts[r.person_id], "kind": "earn", "points": earned, "source_id": r.id,
                          "hours": float(r.hours), "on": r.held_on, "reason": f"志愿服务{r.hours:g}小时"})
    for line in lines:
        line.update(uuid=new_uuid(), category="volunteer", source=SOURCE, entered_by=who, approved_by="",
                    station=station, at=at, rule_id=None, reverses_id=None)
    for start in range(0, len(lines), CHUNK):
        session.execute(insert(BankEntry), lines[start:start + CHUNK])
    return len(lines)


def activities_of(session: Session, register: str, ids: Iterable[int]) -> set[int]:
    """The activities whose service logs a change to these records of `register` touches."""
    chosen = sorted(set(ids))
    found: set[int] = set()
    for start in range(0, len(chosen), CHUNK):
        part = chosen[start:start + CHUNK]
        if register in ("activities", "service_activities"):
            found.update(part)
        elif register == "service_logs":
            found.update(session.scalars(select(ServiceLog.activity_id).where(ServiceLog.id.in_(part))))
        elif register == "volunteers":
            found.update(session.scalars(select(ServiceLog.activity_id).where(ServiceLog.volunteer_id.in_(part))))
    return found


def activities_by_uuid(session: Session, table: str, uuids: Iterable[str]) -> set[int]:
    """As activities_of, for records named by UUID (an exchange bundle's changes)."""
    model: Any = {"service_activities": ServiceActivity, "service_logs": ServiceLog, "volunteers": Volunteer}.get(table)
    if model is None:
        return set()
    chosen = sorted(set(uuids))
    ids: list[int] = []
    for start in range(0, len(chosen), CHUNK):
        ids += session.scalars(select(model.id).where(model.uuid.in_(chosen[start:start + CHUNK])))
    return activities_of(session, table, ids)
