"""Soft delete, restore and the recycle bin (回收站) across all registers.

Nothing a person deletes in the window is erased: the record gets a deleted_at time, drops out
of every list and count, and can be restored from the recycle bin (or with Ctrl+Z).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import audit
from db.housing import room_title
from db.models import (
    AuditEntry,
    Base,
    Building,
    FollowUp,
    Grid,
    GridWorker,
    Household,
    Incident,
    MediationCase,
    MediationParty,
    Mediator,
    Meeting,
    PartyMember,
    Person,
    Resident,
    Room,
    ServiceActivity,
    ServiceLog,
    User,
    Visit,
    Volunteer,
    now,
)
from db.people import ROLE_LABELS
from db.permissions import require_in
from db.validation import format_date_cn
from db.vocab import MEETING_KINDS


@dataclass(frozen=True)
class DeletedRecord:
    register: str
    id: int
    kind: str  # Chinese name of the register, e.g. "党员"
    title: str
    deleted_at: datetime
    deleted_by: str = ""  # who moved it to the bin, as the log names them ("" if it does not say)


def _person_title(record: PartyMember | GridWorker | Volunteer | Mediator | Resident) -> str:
    return record.person.name


def _room_title(room: Room) -> str:
    return f"{room.building.name} {room_title(room.unit, room.number, room.building.units)}"


def _household_title(household: Household) -> str:
    head = f"（户主 {household.head.name}）" if household.head is not None else ""
    return f"{_room_title(household.room)}{head}"


REGISTERS: dict[str, tuple[type[Base], str, Callable[[object], str]]] = {
    "members": (PartyMember, "党员", _person_title),  # type: ignore[dict-item]
    "grid_workers": (GridWorker, "网格员", _person_title),  # type: ignore[dict-item]
    "volunteers": (Volunteer, "志愿者", lambda v: f"{v.person.name}（{v.number}）"),  # type: ignore[attr-defined]
    "mediators": (Mediator, "调解员", _person_title),  # type: ignore[dict-item]
    "mediation": (MediationCase, "调解案件", lambda c: c.number),  # type: ignore[attr-defined]
    "grids": (Grid, "网格", lambda g: f"{g.code} {g.name}"),  # type: ignore[attr-defined]
    "follow_ups": (FollowUp, "回访记录",
                   lambda f: f"{f.case.number} {format_date_cn(f.visited_on)}"),  # type: ignore[attr-defined]
    "activities": (ServiceActivity, "志愿服务活动",
                   lambda a: f"{format_date_cn(a.held_on)} {a.project}"),  # type: ignore[attr-defined]
    "meetings": (Meeting, "会议",
                 lambda m: f"{format_date_cn(m.held_at.date())} {MEETING_KINDS.label(m.kind)} {m.topic}"),  # type: ignore[attr-defined]
    "service_logs": (ServiceLog, "服务时长记录",
                     lambda sl: f"{sl.volunteer.person.name} · {sl.activity.project}"),  # type: ignore[attr-defined]
    "buildings": (Building, "楼栋", lambda b: b.name),  # type: ignore[attr-defined]
    "rooms": (Room, "房屋", lambda r: _room_title(r)),  # type: ignore[arg-type]
    "households": (Household, "户", lambda h: _household_title(h)),  # type: ignore[arg-type]
    "residents": (Resident, "居民", _person_title),  # type: ignore[dict-item]
    "incidents": (Incident, "事件", lambda i: f"{i.number} {i.subject}"),  # type: ignore[attr-defined]
    "visits": (Visit, "走访记录", lambda v: f"{format_date_cn(v.visited_on)} {v.place or ''}".strip()),  # type: ignore[attr-defined]
}


def _model(register: str) -> type[Base]:
    try:
        return REGISTERS[register][0]
    except KeyError:
        raise ValueError(f"unknown register {register!r}") from None


def delete(session: Session, register: str, ids: Sequence[int]) -> int:
    """Move records to the recycle bin; returns how many were live before."""
    require_in(session, "delete")
    model = _model(register)
    live = list(session.scalars(select(model.id).where(model.id.in_(ids), model.deleted_at.is_(None))))  # type: ignore[attr-defined]
    session.execute(update(model).where(model.id.in_(live)).values(deleted_at=now()))  # type: ignore[attr-defined]
    _log(session, "delete", register, live)
    _credit_hours(session, register, live)
    return len(live)


def restore(session: Session, register: str, ids: Sequence[int]) -> int:
    require_in(session, "restore")
    model = _model(register)
    binned = list(session.scalars(select(model.id).where(model.id.in_(ids), model.deleted_at.is_not(None))))  # type: ignore[attr-defined]
    session.execute(update(model).where(model.id.in_(binned)).values(deleted_at=None))  # type: ignore[attr-defined]
    _log(session, "restore", register, binned)
    _credit_hours(session, register, binned)
    return len(binned)


def _credit_hours(session: Session, register: str, ids: Sequence[int]) -> None:
    """Service hours binned or brought back: their moral-bank points follow (db.bank.volunteering)."""
    if register in ("activities", "service_logs", "volunteers") and ids:
        from db.bank.volunteering import activities_of, credit_service_hours

        credit_service_hours(session, activities_of(session, register, ids))


class PurgeRefused(Exception):
    """str() is one Chinese sentence: the record is still needed by another one."""


def purge(session: Session, register: str, ids: Sequence[int]) -> int:
    """Erase records that are in the recycle bin, for good (administrators only; logged as purge).

    A person's details go with their last role, unless a mediation case still names them. A
    record other records still point at (a volunteer with service hours, a mediator on cases)
    is refused as a whole, and stays in the bin.
    """
    require_in(session, "purge")
    model, _kind, title = REGISTERS[register]
    records = list(session.scalars(select(model).where(model.id.in_(ids), model.deleted_at.is_not(None))))  # type: ignore[attr-defined]
    names = [title(r) for r in records]
    try:
        with session.begin_nested():
            for record in records:
                person = getattr(record, "person", None)
                session.delete(record)
                session.flush()
                if person is not None and _unused(session, person):
                    session.delete(person)
            session.flush()
    except IntegrityError:
        raise PurgeRefused(f"“{'、'.join(names)[:60]}”还有其他记录引用（如服务时长、调解案件），不能永久删除，"
                           f"可以继续留在回收站。") from None
    return len(records)


def _unused(session: Session, person: Person) -> bool:
    session.refresh(person)
    if any(getattr(person, role) is not None for role in ROLE_LABELS):
        return False
    if session.scalar(select(Household.id).where(Household.head_id == person.id).limit(1)) is not None:
        return False
    from db.models import BankAccount

    if session.scalar(select(BankAccount.id).where(BankAccount.person_id == person.id).limit(1)) is not None:
        return False  # a points account's holder: the ledger's lines name them
    return session.scalar(select(MediationParty.id).where(MediationParty.person_id == person.id).limit(1)) is None


def _log(session: Session, action: str, register: str, ids: Sequence[int]) -> None:
    """One audit entry per record, named the way the recycle bin names it."""
    model, _kind, title = REGISTERS[register]
    for record_id in ids:
        record = session.get(model, record_id)
        audit.record(session, action, str(model.__tablename__), record_id, title(record) if record else "")


def deleted_records(session: Session, limit: int = 2000) -> list[DeletedRecord]:
    """What is in the recycle bin, most recently deleted first."""
    out: list[DeletedRecord] = []
    for register, (model, kind, title) in REGISTERS.items():
        rows = session.scalars(
            select(model).where(model.deleted_at.is_not(None))  # type: ignore[attr-defined]
            .order_by(model.deleted_at.desc()).limit(limit)  # type: ignore[attr-defined]
        )
        records = list(rows)
        by = _deleted_by(session, str(model.__tablename__), [r.id for r in records])  # type: ignore[attr-defined]
        out.extend(DeletedRecord(register, r.id, kind, title(r), r.deleted_at, by.get(r.id, ""))  # type: ignore[attr-defined]
                   for r in records)
    out.sort(key=lambda d: d.deleted_at, reverse=True)
    return out[:limit]


def _deleted_by(session: Session, table: str, ids: Sequence[int]) -> dict[int, str]:
    """Who last moved each record to the bin: the audit log's latest delete entry for it (the
    record keeps only when), named by the account's display name when it has one."""
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(AuditEntry.record_id, AuditEntry.username)
            .where(AuditEntry.register == table, AuditEntry.record_id.in_(ids[start:start + 500]),
                   AuditEntry.action == "delete")
            .order_by(AuditEntry.id))
        found.update((record_id, username) for record_id, username in rows if record_id is not None)  # latest wins
    shown = dict(session.execute(select(User.username, User.display_name)
                                 .where(User.username.in_(set(found.values())), User.display_name != "")).all())
    return {record_id: shown.get(username) or username for record_id, username in found.items()}
