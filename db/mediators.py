"""Mediators in three tiers (调解志愿者 / 社区调解员 / 社区法官): one role of a Person."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import MediationCase, Mediator, Person
from db.people import PersonFields, clean_person, person_fields_of, resolve_person
from db.validation import ErrorCollector, FieldError, ValidationErrors, check_code, check_free_text, is_id, parse_date
from db.vocab import MEDIATION_TIERS, WORKER_STATUSES


@dataclass
class MediatorInput:
    person: PersonFields = field(default_factory=PersonFields)
    tier: str = "mediator"
    since: date | str | None = None
    status: str = "active"
    notes: str = ""


@dataclass(frozen=True)
class MediatorRow:
    id: int
    person_id: int
    name: str
    phone: str
    tier: str
    since: date | None
    status: str
    cases: int


def save_mediator(session: Session, raw: MediatorInput, mediator_id: int | None = None,
                  today: date | None = None) -> Mediator:
    errors = ErrorCollector()
    person_fields = clean_person(raw.person, errors)
    errors.check(check_code, raw.tier, MEDIATION_TIERS, "tier", "调解层级")
    errors.check(check_code, raw.status, WORKER_STATUSES, "status", "状态")
    since = errors.check(parse_date, raw.since, "since", "任职日期", allow_future=False, today=today)
    notes = errors.check(check_free_text, raw.notes, "notes", "备注", max_len=2000, multiline=True) or ""
    errors.raise_if_any()
    mediator = session.get(Mediator, mediator_id) if is_id(mediator_id) else None
    if mediator_id is not None and mediator is None:
        raise ValidationErrors([FieldError("name", "姓名", "该调解员记录已不存在，请刷新后重试")])
    try:
        person = resolve_person(session, person_fields, person_id=mediator.person_id if mediator else None,
                                role="mediator")
    except FieldError as exc:
        raise ValidationErrors([exc]) from exc
    if mediator is None:
        mediator = Mediator(person=person)
        session.add(mediator)
    mediator.tier, mediator.since, mediator.status, mediator.notes = raw.tier, since, raw.status, notes
    session.flush()
    return mediator


def load_mediator_input(session: Session, mediator_id: int) -> MediatorInput:
    m = session.get_one(Mediator, mediator_id)
    p = m.person
    return MediatorInput(
        person=person_fields_of(p),
        tier=m.tier, since=m.since, status=m.status, notes=m.notes,
    )


def mediator_rows(session: Session) -> list[MediatorRow]:
    """All live mediators with how many live cases each handled (tens of rows, not thousands)."""
    cases = (select(MediationCase.mediator_id, func.count().label("n")).where(MediationCase.deleted_at.is_(None))
             .group_by(MediationCase.mediator_id).subquery())
    stmt = (select(Mediator, Person, cases.c.n).join(Person).outerjoin(cases, cases.c.mediator_id == Mediator.id)
            .where(Mediator.deleted_at.is_(None)).order_by(Mediator.tier, Person.name_sort))
    return [MediatorRow(m.id, p.id, p.name, p.phone, m.tier, m.since, m.status, n or 0)
            for m, p, n in session.execute(stmt)]


def mediator_choices(session: Session, lang: str = "zh") -> list[tuple[int | None, str]]:
    """Active mediators as (id, "name（tier）") for the case form."""
    stmt = (select(Mediator.id, Person.name, Mediator.tier).join(Person)
            .where(Mediator.deleted_at.is_(None), Mediator.status == "active").order_by(Person.name_sort))
    return [(mid, f"{name}（{MEDIATION_TIERS.label(tier, lang)}）") for mid, name, tier in session.execute(stmt)]
