"""Residents (实有人口): a person living in the community, in a household, with their relation to
its head, whether they live here for good, where their 户籍 is, their 政治面貌 and care tags.

One person, many roles: a resident who is also a party member, a volunteer or a grid worker is
the same Person (db.people.resolve_person), so nothing is typed twice. A party member's 政治面貌
is the member record's (中共党员 or 中共预备党员), whatever the form says.

The household's head (户主) is the resident whose relation is 户主: one live head per household.
A sensitive care tag (低保户, 重点人员 …) is set and seen only with the right to
("sensitive_tags"); a save by an account without it keeps the resident's sensitive tags as they
were, so what it cannot see it cannot remove.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.care_tags import may_see_sensitive
from db.models import CareTag, Household, Resident, ResidentTag
from db.people import PersonFields, clean_person, copy_search_keys, resolve_person
from db.validation import (
    ErrorCollector,
    FieldError,
    ValidationErrors,
    check_code,
    check_free_text,
    is_id,
)
from db.vocab import POLITICAL_STATUSES, RELATIONS, RESIDENCE_KINDS

MEMBER_STATUS = {"full": "party_member", "probationary": "probationary"}


@dataclass
class ResidentInput:
    person: PersonFields = field(default_factory=PersonFields)
    household_id: int | None = None
    relation: str = "head"
    residence: str = "permanent"
    hukou_place: str = ""
    political_status: str = "masses"
    notes: str = ""
    tag_ids: list[int] = field(default_factory=list)


def _tags(session: Session, tag_ids: Sequence[object], errors: ErrorCollector) -> list[CareTag]:
    """The care tags chosen, each live; a sensitive one only with the right to set it."""
    if not isinstance(tag_ids, (list, tuple)):
        errors.add(FieldError("tag_ids", "关爱对象", "请从列表中选择"))
        return []
    tags = []
    sees_sensitive = may_see_sensitive(session)
    for tag_id in dict.fromkeys(tag_ids):
        tag = session.get(CareTag, tag_id) if is_id(tag_id) else None
        if tag is None or tag.deleted_at is not None:
            errors.add(FieldError("tag_ids", "关爱对象", "所选类别已不存在，请刷新后重新选择"))
        elif tag.sensitive and not sees_sensitive:
            errors.add(FieldError("tag_ids", "关爱对象", f"“{tag.name}”是敏感类别，本账号不能登记"))
        else:
            tags.append(tag)
    return tags


def _head_problem(session: Session, household_id: int, resident_id: int | None) -> str | None:
    """A household has one head: another live resident who is its head is named."""
    other = session.scalars(select(Resident).where(
        Resident.household_id == household_id, Resident.relation == "head", Resident.deleted_at.is_(None),
        Resident.id != (resident_id or 0))).first()
    return f"该户已有户主：{other.person.name}" if other is not None else None


def save_resident(session: Session, raw: ResidentInput, resident_id: int | None = None) -> Resident:
    """Create or update a resident with their person, in the caller's transaction."""
    resident = session.get(Resident, resident_id) if is_id(resident_id) else None
    if resident_id is not None and resident is None:
        raise ValidationErrors([FieldError("name", "姓名", "该居民记录已不存在，请刷新后重试")])
    errors = ErrorCollector()
    person_fields = clean_person(raw.person, errors)
    household = None
    if raw.household_id is not None:
        household = session.get(Household, raw.household_id) if is_id(raw.household_id) else None
        if household is None or household.deleted_at is not None:
            errors.add(FieldError("household_id", "所在户", "所选的户已不存在或在回收站中，请重新选择"))
    errors.check(check_code, raw.relation, RELATIONS, "relation", "与户主关系")
    errors.check(check_code, raw.residence, RESIDENCE_KINDS, "residence", "常住或流动")
    errors.check(check_code, raw.political_status, POLITICAL_STATUSES, "political_status", "政治面貌")
    hukou = errors.check(check_free_text, raw.hukou_place, "hukou_place", "户籍地", max_len=100) or ""
    notes = errors.check(check_free_text, raw.notes, "notes", "备注", max_len=2000, multiline=True) or ""
    tags = _tags(session, raw.tag_ids, errors)
    if household is not None and raw.relation == "head":
        if (problem := _head_problem(session, household.id, resident_id)) is not None:
            errors.add(FieldError("relation", "与户主关系", problem))
    errors.raise_if_any()
    try:
        person = resolve_person(session, person_fields, person_id=resident.person_id if resident else None,
                                role="resident")
    except FieldError as exc:
        raise ValidationErrors([exc]) from exc
    if resident is None:
        resident = Resident(person=person)
        session.add(resident)
    resident.household_id = household.id if household is not None else None
    resident.relation, resident.residence = raw.relation, raw.residence
    resident.hukou_place, resident.notes = hukou, notes
    member = person.member
    if member is not None and member.deleted_at is None:  # the member record says it
        resident.political_status = MEMBER_STATUS.get(member.member_type, raw.political_status)
    else:
        resident.political_status = raw.political_status
    _set_tags(session, resident, tags)
    session.flush()
    copy_search_keys(person, resident)
    if household is not None and raw.relation == "head":
        household.head_id = person.id
    elif household is not None and household.head_id == person.id:
        household.head_id = None  # no longer its head
    session.flush()
    return resident


def _set_tags(session: Session, resident: Resident, tags: list[CareTag]) -> None:
    """The resident's tags as chosen; sensitive ones kept as they were for an account that does
    not see them."""
    keep_hidden = not may_see_sensitive(session)
    wanted = {t.id for t in tags}
    for line in list(resident.tags):
        if line.tag_id in wanted:
            wanted.discard(line.tag_id)
        elif not (keep_hidden and line.tag.sensitive):
            resident.tags.remove(line)
    for tag_id in wanted:
        resident.tags.append(ResidentTag(tag_id=tag_id))


def load_resident_input(session: Session, resident_id: int) -> ResidentInput:
    """The stored resident as form input (the sensitive tags only for an account that sees them)."""
    r = session.get_one(Resident, resident_id)
    p = r.person
    sees = may_see_sensitive(session)
    return ResidentInput(
        person=PersonFields(name=p.name, gender=p.gender, ethnicity=p.ethnicity, birth_date=p.birth_date,
                            id_number=p.id_number or "", phone=p.phone, address=p.address, grid_id=p.grid_id),
        household_id=r.household_id, relation=r.relation, residence=r.residence, hukou_place=r.hukou_place,
        political_status=r.political_status, notes=r.notes,
        tag_ids=[line.tag_id for line in r.tags if sees or not line.tag.sensitive])

