"""Persons: the fields every register shares, their rules, and finding the same human twice.

Every role form (member, grid worker, volunteer, mediator) and the importer go through
`clean_person()` and `resolve_person()`, so a person's ID number, phone and name are checked
the same way everywhere and one human is never stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import search_keys
from db.models import Grid, PartyMember, Person, Resident
from db.validation import (
    ErrorCollector,
    FieldError,
    check_code,
    check_free_text,
    check_id,
    check_id_number,
    check_person_name,
    check_phone,
    parse_date,
)
from db.vocab import GENDERS, canonical_ethnicity, shown_value

ROLE_LABELS = {"member": "党员", "grid_worker": "网格员", "volunteer": "志愿者", "mediator": "调解员",
               "resident": "居民"}


@dataclass
class PersonFields:
    """What a form or a ledger row says about a person; raw before cleaning, clean after."""

    name: str = ""
    gender: str | None = None
    ethnicity: str = "汉族"
    birth_date: date | str | None = None
    id_number: str = ""
    phone: str = ""
    address: str = ""
    grid_id: int | None = None


def check_ethnicity(value: object, field: str = "ethnicity", label: str = "民族") -> str:
    """民族 as stored: the full name of one of the 56 groups (or GB 3304's 其他 / 外国血统中国籍人士),
    whatever form was written (汉, 漢族, 01); blank stays blank."""
    text = check_free_text(value, field, label)  # refuses what is not text at all (a list, bytes)
    if not text:
        return ""
    name = canonical_ethnicity(text)
    if name is None:
        raise FieldError(field, label, f"无法识别“{shown_value(text)}”，应为56个民族之一")
    return name


def clean_person(raw: PersonFields, errors: ErrorCollector) -> PersonFields:
    """Check and normalise the person fields; birth date and gender are filled from the ID number."""
    name = errors.check(check_person_name, raw.name) or ""
    gender = raw.gender or None
    if gender is not None:
        gender = errors.check(check_code, gender, GENDERS, "gender", "性别", "请选择“男”或“女”")
    birth = errors.check(parse_date, raw.birth_date, "birth_date", "出生日期", allow_future=False)
    info = errors.check(check_id_number, raw.id_number, birth_date=birth, gender=gender)
    if info is not None:
        birth = birth or info.birth_date
        gender = gender or info.gender
    return PersonFields(
        name=name,
        gender=gender,
        ethnicity=errors.check(check_ethnicity, raw.ethnicity) or "",
        birth_date=birth,
        id_number=info.number if info else "",
        phone=errors.check(check_phone, raw.phone) or "",
        address=errors.check(check_free_text, raw.address, "address", "家庭住址", max_len=200) or "",
        grid_id=errors.check(check_id, raw.grid_id, "grid_id", "所在网格"),
    )


def person_fields_of(person: Person) -> PersonFields:
    """A stored person as form input, for the edit dialogs of every role."""
    return PersonFields(
        name=person.name, gender=person.gender, ethnicity=person.ethnicity, birth_date=person.birth_date,
        id_number=person.id_number or "", phone=person.phone, address=person.address, grid_id=person.grid_id,
    )


def person_roles(person: Person) -> list[str]:
    """The role codes this person holds (records in the recycle bin excluded)."""
    return [
        role for role in ROLE_LABELS
        if (record := getattr(person, role)) is not None and record.deleted_at is None
    ]


def describe_person(person: Person) -> str:
    """A short description naming the person and their records, for duplicate messages."""
    roles = "、".join(ROLE_LABELS[r] for r in person_roles(person)) or "已登记人员"
    return f"{person.name}（{roles}）"


def find_by_id_number(session: Session, id_number: str) -> Person | None:
    if not id_number:
        return None
    return session.scalars(select(Person).where(Person.id_number == id_number)).first()


def _apply(person: Person, fields: PersonFields, *, keep_filled: bool) -> None:
    """Copy cleaned fields onto a Person; with keep_filled a blank never erases a value."""
    for attr in ("name", "gender", "ethnicity", "birth_date", "id_number", "phone", "address", "grid_id"):
        value = getattr(fields, attr)
        if attr == "id_number":
            value = value or None
        if keep_filled and value in (None, ""):
            continue
        setattr(person, attr, value)
    refresh_search_keys(person)


def refresh_search_keys(person: Person) -> None:
    """Recompute the person's search keys, and the copies the members list searches."""
    person.name_sort = search_keys.sort_key(person.name)
    person.search_text = search_keys.search_text(
        person.name, id_number=person.id_number or "", phone=person.phone or ""
    )
    if person.id is not None:
        for record in (person.member, person.resident):
            if record is not None:
                copy_search_keys(person, record)


def copy_search_keys(person: Person, record: PartyMember | Resident) -> None:
    record.name_sort, record.search_text = person.name_sort, person.search_text


def resolve_person(session: Session, fields: PersonFields, *, person_id: int | None, role: str) -> Person:
    """The Person a role record belongs to, updated with `fields`.

    Editing (person_id given): that person, refusing an ID number another person holds.
    New record: a new person, unless the ID number is already registered — then, when the
    name matches too, it is the same human taking on another role and the record is attached
    to them (a blank field never erases what they had); otherwise the save is refused with a
    message naming the existing record.
    """
    if fields.grid_id is not None and session.get(Grid, fields.grid_id) is None:
        raise FieldError("grid_id", "所在网格", "所选网格已不存在，请重新选择")
    holder = find_by_id_number(session, fields.id_number)
    if person_id is not None:
        person = session.get(Person, person_id)
        if person is None:
            raise FieldError("name", "姓名", "该人员已不存在，请刷新后重试")
        if holder is not None and holder.id != person.id:
            raise FieldError("id_number", "身份证号", f"已被 {describe_person(holder)} 使用")
        _apply(person, fields, keep_filled=False)
        return person
    if holder is not None:
        existing_role = getattr(holder, role)
        if existing_role is not None:
            where = "，该记录在回收站中，请从回收站恢复" if existing_role.deleted_at else ""
            raise FieldError("id_number", "身份证号", f"已登记为{ROLE_LABELS[role]}：{describe_person(holder)}{where}")
        if holder.name != fields.name:
            raise FieldError("id_number", "身份证号", f"已属于 {describe_person(holder)}，与所填姓名不一致")
        _apply(holder, fields, keep_filled=True)
        return holder
    person = Person()
    _apply(person, replace(fields), keep_filled=False)
    session.add(person)
    return person


@dataclass(frozen=True)
class RoleRef:
    """One of a person's records in a register, for "their other roles" links."""

    register: str  # members / grid_workers / volunteers / mediators
    record_id: int
    role: str  # member / grid_worker / volunteer / mediator


ROLE_REGISTERS = {"member": "members", "grid_worker": "grid_workers", "volunteer": "volunteers",
                  "mediator": "mediators", "resident": "residents"}


def role_refs(session: Session, person_id: int) -> list[RoleRef]:
    """All live role records of a person, in a fixed order."""
    person = session.get(Person, person_id)
    if person is None:
        return []
    return [RoleRef(ROLE_REGISTERS[r], getattr(person, r).id, r) for r in person_roles(person)]
