"""One person registered twice — at a station and at the office, or at two stations — where the
exchange could not tell for sure (no ID number, and the phone or birth date differ or are
missing): the office sees such near matches and merges the two by hand.

A merge keeps one record (the survivor) and moves the other's registrations to it: a role the
survivor lacks (volunteer, grid worker, mediator, party member) changes hands; a volunteer on
both sides keeps one volunteer record, with the other's service lines moved over (a line for an
activity the survivor already attended is kept, not added twice); a case's party that pointed
at the other points at the survivor. What the survivor left blank is filled from the other.
The other goes to the recycle bin, and its UUIDs are kept as the survivor's aliases
(record_aliases), so a later bundle that names them lands on the survivor. Two party-member
records are not merged here: their meetings and points need a person's judgement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session, aliased

from db.exchange.journal import ExchangeError
from db.models import (
    GridWorker,
    Household,
    MediationParty,
    Mediator,
    PartyMember,
    Person,
    RecordAlias,
    Resident,
    ServiceLog,
    Volunteer,
    now,
)
from db.people import refresh_search_keys
from db.permissions import actor_of, require

ROLES = (Volunteer, GridWorker, Mediator, PartyMember, Resident)
FILLED = ("gender", "ethnicity", "birth_date", "id_number", "phone", "address", "grid_id", "notes")


@dataclass(frozen=True)
class NearMatch:
    """Two live persons of the same name that the exchange did not take for one."""

    first_id: int
    second_id: int
    name: str
    first: str  # what tells them apart, as staff read it: phone, birth date, ID number tail
    second: str


def _described(p: Person) -> str:
    parts = [p.phone or "", p.birth_date.isoformat() if p.birth_date else "",
             f"证件尾号{p.id_number[-4:]}" if p.id_number else ""]
    return "，".join(x for x in parts if x) or "（无电话、生日、证件）"


def near_matches(session: Session, limit: int = 200) -> list[NearMatch]:
    """Pairs of live persons with the same name where at least one has no ID number (two
    different ID numbers are two people), the older record first."""
    a, b = aliased(Person), aliased(Person)
    pairs = session.execute(
        select(a, b).join(b, and_(b.name == a.name, b.id > a.id))
        .where(a.deleted_at.is_(None), b.deleted_at.is_(None), (a.id_number.is_(None)) | (b.id_number.is_(None)))
        .order_by(a.name, a.id, b.id).limit(limit)).all()
    return [NearMatch(x.id, y.id, x.name, _described(x), _described(y)) for x, y in pairs]


def merge_persons(session: Session, keep_id: int, other_id: int) -> None:
    """Merge person `other_id` into `keep_id`, in the session's transaction (see the module)."""
    require(actor_of(session), "edit")
    keep, other = session.get(Person, keep_id), session.get(Person, other_id)
    if keep is None or other is None or keep.deleted_at is not None or other.deleted_at is not None:
        raise ExchangeError("要合并的人员已不存在，请刷新。")
    if keep.id == other.id:
        raise ExchangeError("不能把一个人与自己合并。")
    if keep.id_number and other.id_number and keep.id_number != other.id_number:
        raise ExchangeError("两人的身份证号不同，是两个人，不能合并。")
    for model in ROLES:
        mine: Any = session.scalars(select(model).where(model.person_id == keep.id)).first()
        theirs: Any = session.scalars(select(model).where(model.person_id == other.id)).first()
        if theirs is None:
            continue
        if mine is None:
            theirs.person_id = keep.id
            session.flush()
            continue
        if model is PartyMember:
            raise ExchangeError("两条记录都是党员，组织生活和积分需要人工核对，不能在这里合并。")
        if model is Volunteer:
            _move_service_lines(session, theirs, mine)
        _retire(session, theirs, mine)
    session.execute(update(MediationParty).where(MediationParty.person_id == other.id).values(person_id=keep.id))
    from db.bank.accounts import merge_accounts

    merge_accounts(session, keep.id, other.id)
    session.execute(update(Household).where(Household.head_id == other.id).values(head_id=keep.id))
    other_number = other.id_number
    for name in FILLED:
        if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
            if name == "id_number":
                other.id_number = None  # unique in the community: taken over, not shared
                session.flush()
            setattr(keep, name, getattr(other, name) if name != "id_number" else other_number)
    other.deleted_at = now()
    session.add(RecordAlias(table_name="persons", alias_uuid=other.uuid, uuid=keep.uuid))
    refresh_search_keys(keep)
    session.flush()


def _move_service_lines(session: Session, source: Volunteer, target: Volunteer) -> None:
    attended = set(session.scalars(select(ServiceLog.activity_id).where(ServiceLog.volunteer_id == target.id)))
    for line in session.scalars(select(ServiceLog).where(ServiceLog.volunteer_id == source.id)).all():
        if line.activity_id in attended:
            line.deleted_at = line.deleted_at or now()  # the same activity twice: the survivor's line stands
        else:
            line.volunteer_id = target.id
    session.flush()


def _retire(session: Session, record: Any, survivor: Any) -> None:
    """A registration merged into the survivor's: into the recycle bin, its UUID the survivor's alias."""
    record.deleted_at = record.deleted_at or now()
    session.add(RecordAlias(table_name=record.__table__.name, alias_uuid=record.uuid, uuid=survivor.uuid))
    session.flush()


def count_near_matches(session: Session) -> int:
    a, b = aliased(Person), aliased(Person)
    return session.scalar(select(func.count()).select_from(a).join(b, and_(b.name == a.name, b.id > a.id))
                          .where(a.deleted_at.is_(None), b.deleted_at.is_(None),
                                 (a.id_number.is_(None)) | (b.id_number.is_(None)))) or 0
