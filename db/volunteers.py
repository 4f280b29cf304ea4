"""Volunteers (志愿者): registration, numbers, and the list with their total hours."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from db.dialect import like_any_case
from db.listing import Sort, fetch_ids, load_rows, ordered, person_match, search_rank
from db.models import Person, ServiceActivity, ServiceLog, Volunteer
from db.people import PersonFields, clean_person, person_fields_of, resolve_person
from db.search_keys import SEPARATOR, like_pattern
from db.validation import (
    ErrorCollector,
    FieldError,
    ValidationErrors,
    as_text,
    check_code,
    check_free_text,
    clean_text,
    is_id,
    parse_date,
)
from db.vocab import VOLUNTEER_KINDS, VOLUNTEER_STATUSES

NUMBER = re.compile(r"[A-Za-z0-9\-]{1,30}")


@dataclass
class VolunteerInput:
    person: PersonFields = field(default_factory=PersonFields)
    number: str = ""
    kind: str = "resident"
    skills: str = ""
    available_times: str = ""
    service_areas: str = ""
    organisation: str = ""
    registered_on: date | str | None = None
    status: str = "active"
    notes: str = ""


@dataclass(frozen=True)
class VolunteerRow:
    id: int
    person_id: int
    name: str
    number: str
    kind: str
    phone: str
    skills: str
    registered_on: date | None
    status: str
    total_hours: float
    service_count: int


@dataclass(frozen=True)
class VolunteerFilter:
    text: str = ""
    kind: str | None = None
    include_left: bool = False


def next_volunteer_number(session: Session) -> str:
    """V + four digits, one past the highest V-number in use (deleted ones included); at a station
    copy a provisional number the office replaces (db.exchange.numbers)."""
    from db.exchange.numbers import next_provisional, station_prefix

    if (prefix := station_prefix(session)) is not None:
        return next_provisional(session, prefix)
    numbers = session.scalars(select(Volunteer.number).where(Volunteer.number.like("V%")))
    highest = max((int(n[1:]) for n in numbers if n[1:].isdigit()), default=0)
    return f"V{highest + 1:04d}"


def save_volunteer(session: Session, raw: VolunteerInput, volunteer_id: int | None = None,
                   today: date | None = None) -> Volunteer:
    volunteer = session.get(Volunteer, volunteer_id) if is_id(volunteer_id) else None
    if volunteer_id is not None and volunteer is None:
        raise ValidationErrors([FieldError("name", "姓名", "该志愿者记录已不存在，请刷新后重试")])
    errors = ErrorCollector()
    person_fields = clean_person(raw.person, errors)
    number = clean_text(errors.check(as_text, raw.number, "number", "志愿者编号")).upper()
    unchanged = volunteer is not None and number == (volunteer.number or "").upper()
    if unchanged:  # as it is (a station's provisional 站名-临-0012, an old ledger's own form)
        number = volunteer.number  # type: ignore[union-attr]
    elif number and not NUMBER.fullmatch(number):
        errors.add(FieldError("number", "志愿者编号", "只能是字母、数字和“-”，最多30位"))
    elif number:
        clash = session.scalars(select(Volunteer).where(Volunteer.number == number,
                                                        Volunteer.id != (volunteer_id or 0))).first()
        if clash is not None:
            errors.add(FieldError("number", "志愿者编号", f"{number} 已被 {clash.person.name} 使用"))
    errors.check(check_code, raw.kind, VOLUNTEER_KINDS, "kind", "志愿者类别")
    errors.check(check_code, raw.status, VOLUNTEER_STATUSES, "status", "状态")
    values = {
        "skills": errors.check(check_free_text, raw.skills, "skills", "技能特长", max_len=200),
        "available_times": errors.check(check_free_text, raw.available_times, "available_times", "服务时间",
                                        max_len=100),
        "service_areas": errors.check(check_free_text, raw.service_areas, "service_areas", "服务领域", max_len=100),
        "organisation": errors.check(check_free_text, raw.organisation, "organisation", "所属组织", max_len=100),
        "notes": errors.check(check_free_text, raw.notes, "notes", "备注", max_len=2000, multiline=True),
    }
    registered = errors.check(parse_date, raw.registered_on, "registered_on", "注册日期", allow_future=False,
                              today=today)
    errors.raise_if_any()
    try:
        person = resolve_person(session, person_fields, person_id=volunteer.person_id if volunteer else None,
                                role="volunteer")
    except FieldError as exc:
        raise ValidationErrors([exc]) from exc
    if volunteer is None:
        # Number first: creating the row attaches it to the session, and the next query
        # would flush it without one.
        number = number or next_volunteer_number(session)
        volunteer = Volunteer(person=person, number=number)
        session.add(volunteer)
    volunteer.number = number or volunteer.number
    volunteer.kind, volunteer.status, volunteer.registered_on = raw.kind, raw.status, registered
    for attr, value in values.items():
        setattr(volunteer, attr, value or "")
    session.flush()
    return volunteer


def load_volunteer_input(session: Session, volunteer_id: int) -> VolunteerInput:
    v = session.get_one(Volunteer, volunteer_id)
    p = v.person
    return VolunteerInput(
        person=person_fields_of(p),
        number=v.number, kind=v.kind, skills=v.skills, available_times=v.available_times,
        service_areas=v.service_areas, organisation=v.organisation, registered_on=v.registered_on,
        status=v.status, notes=v.notes,
    )


def volunteer_total_hours(session: Session, volunteer_id: int, date_from: date | None = None,
                          date_to: date | None = None) -> float:
    stmt = (select(func.coalesce(func.sum(ServiceLog.hours), 0.0))
            .join(ServiceActivity, ServiceLog.activity_id == ServiceActivity.id)
            .where(ServiceLog.volunteer_id == volunteer_id, ServiceLog.deleted_at.is_(None),
                   ServiceActivity.deleted_at.is_(None)))
    if date_from is not None:
        stmt = stmt.where(ServiceActivity.held_on >= date_from)
    if date_to is not None:
        stmt = stmt.where(ServiceActivity.held_on <= date_to)
    return float(session.scalar(stmt) or 0.0)


def volunteer_ids(session: Session, f: VolunteerFilter, sort: Sort = Sort()) -> list[int]:  # noqa: B008
    """The listed volunteers in order (by hours: the totals the database keeps, migration 0009)."""
    keys: dict[str, Any] = {"name": Person.name_sort, "number": Volunteer.number, "kind": Volunteer.kind,
                            "registered_on": Volunteer.registered_on, "hours": Volunteer.log_hours}
    stmt = select(Volunteer.id).join(Person, Volunteer.person_id == Person.id).where(Volunteer.deleted_at.is_(None))
    if not f.include_left:
        stmt = stmt.where(Volunteer.status == "active")
    if (cond := person_match(f.text)) is not None:
        stmt = stmt.where(cond | like_any_case(Volunteer.number, like_pattern(f.text)))
    if f.kind:
        stmt = stmt.where(Volunteer.kind == f.kind)
    rank = search_rank(f.text, Person.search_text, Person.name_sort)
    return fetch_ids(session, ordered(stmt, sort, keys, "name", Person.id, rank))


def _fetch_rows(session: Session, ids: Sequence[int]) -> dict[int, VolunteerRow]:
    """A page's rows; each volunteer's hours and lines as the database keeps them (migration
    0009: summing them here read every line of the page's volunteers, ten years of them)."""
    stmt = (select(Volunteer.id, Person.id, Person.name, Volunteer.number, Volunteer.kind, Person.phone,
                   Volunteer.skills, Volunteer.registered_on, Volunteer.status, Volunteer.log_hours,
                   Volunteer.log_count)
            .join(Person, Volunteer.person_id == Person.id).where(Volunteer.id.in_(ids)))
    return {
        vid: VolunteerRow(vid, pid, name, number, kind, phone, skills, registered_on, status,
                          round(float(hours or 0), 2), count or 0)
        for vid, pid, name, number, kind, phone, skills, registered_on, status, hours, count in session.execute(stmt)
    }


def volunteer_rows(session: Session, ids: Sequence[int]) -> list[VolunteerRow]:
    return load_rows(session, ids, _fetch_rows)


def volunteer_choices(session: Session) -> list[tuple[int, str]]:
    """Active volunteers as (id, "name（number）"), for filters and the attendee picker."""
    stmt = (select(Volunteer.id, Person.name, Volunteer.number).join(Person)
            .where(Volunteer.deleted_at.is_(None), Volunteer.status == "active").order_by(Person.name_sort))
    return [(vid, f"{name}（{number}）") for vid, name, number in session.execute(stmt)]


@dataclass(frozen=True)
class VolunteerPick:
    """One line of the attendee picker: the phone lets staff tell two 张伟 apart."""

    id: int
    name: str
    number: str
    phone: str


def find_volunteers(session: Session, text: str, limit: int = 200) -> list[VolunteerPick]:
    """Active volunteers matching a search (name, pinyin or initials, number, phone tail), best first.

    Those with a key equal to what was typed (name, initials, full pinyin, number) come first,
    then those with a key starting with it, then the rest; each group in roster order. So "zs"
    lists 张三 above 张思远 and 周子森, and the picker's highlight lands on the person meant.
    """
    stmt = (select(Volunteer.id, Person.name, Volunteer.number, Person.phone).join(Person)
            .where(Volunteer.deleted_at.is_(None), Volunteer.status == "active"))
    order: list[Any] = [Person.name_sort, Volunteer.id]
    if (cond := person_match(text)) is not None:
        stmt = stmt.where(cond | like_any_case(Volunteer.number, like_pattern(text)))
        core = like_pattern(text)[1:-1]  # the escaped query without its % %
        keys = SEPARATOR + Person.search_text + SEPARATOR + func.lower(Volunteer.number) + SEPARATOR
        rank = case((keys.like(f"%{SEPARATOR}{core}{SEPARATOR}%", escape="\\"), 0),
                    (keys.like(f"%{SEPARATOR}{core}%", escape="\\"), 1), else_=2)
        order.insert(0, rank)
    rows = session.execute(stmt.order_by(*order).limit(limit))
    return [VolunteerPick(vid, name, number, phone or "") for vid, name, number, phone in rows]
