"""Party members: the register's rules, saving, and the queries behind the members tab."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from db.dialect import add_months
from db.listing import (
    Sort,
    fetch_ids,
    load_rows,
    ordered,
    ranked_first_ids,
    search_rank,
    surname_letter,
    text_condition,
)
from db.models import MemberStatusChange, PartyMember, PartyOrg, Person
from db.org_names import org_places
from db.people import PersonFields, clean_person, copy_search_keys, person_fields_of, resolve_person
from db.validation import (
    ErrorCollector,
    FieldError,
    ValidationErrors,
    check_code,
    check_date_order,
    check_flag,
    check_free_text,
    check_int,
    is_id,
    parse_date,
)
from db.vocab import (
    EDUCATION_LEVELS,
    MEMBER_CATEGORIES,
    MEMBER_STATUSES,
    MEMBER_TYPES,
    canonical_education,
    shown_value,
)

ORG_NAME_MAX = 60
PROBATION_MONTHS = 12
MIN_AGE_AT_ADMISSION = 18
FLAG_OVERDUE = "overdue_probation"
FLAG_MOBILE = "mobile"
FLAG_LOST = "lost_contact"


@dataclass
class MemberInput:
    """A member as the form (or a ledger row) gives it: raw values, cleaned by save_member."""

    person: PersonFields = field(default_factory=PersonFields)
    org_id: int | None = None
    member_type: str = "full"
    admitted_on: date | str | None = None
    full_on: date | str | None = None
    probation_extended_months: int = 0
    education: str = ""
    native_place: str = ""
    employer: str = ""
    category: str = "in_service"
    category_since: date | str | None = None
    transferred_in_on: date | str | None = None
    reported: bool = False
    reported_on: date | str | None = None
    reported_employer: str = ""
    status: str = "normal"
    notes: str = ""
    person_id: int | None = None  # set when editing


@dataclass(frozen=True)
class MemberRow:
    """One line of the members table: plain values, ready to show."""

    id: int
    person_id: int
    name: str
    gender: str | None
    ethnicity: str
    birth_date: date | None
    id_number: str
    phone: str
    address: str
    org_name: str
    member_type: str
    admitted_on: date | None
    full_on: date | None
    category: str
    status: str
    education: str
    employer: str
    overdue: bool
    org_short: str = ""  # 第一党小组 rather than 第三网格党支部第一党小组, for lists (db.party_life.sign_in)
    org_path: str = ""  # 幸福社区党委 › 第三网格党支部 › 第一党小组, for a tooltip


@dataclass(frozen=True)
class MemberFilter:
    text: str = ""
    org_id: int | None = None  # a branch also matches its party groups
    member_type: str | None = None
    category: str | None = None
    flag: str | None = None
    include_former: bool = False  # members transferred out, deceased, …


def add_months_to(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def probation_due(admitted_on: date, extended_months: int = 0) -> date:
    """The day a probationary member's year (plus any extension) is up."""
    return add_months_to(admitted_on, PROBATION_MONTHS + extended_months)


def check_education(value: object, field: str = "education", label: str = "学历") -> str:
    """学历 as stored: one of EDUCATION_LEVELS, whatever form was written (本科, 大专, 碩士); blank stays blank."""
    text = check_free_text(value, field, label)  # refuses what is not text at all (a list, bytes)
    if not text:
        return ""
    level = canonical_education(text)
    if level is None:
        raise FieldError(field, label, f"无法识别“{shown_value(text)}”，应为{'、'.join(EDUCATION_LEVELS[:-1])}"
                                       f"或{EDUCATION_LEVELS[-1]}")
    return level


def clean_member(session: Session | None, raw: MemberInput, today: date | None = None) -> tuple[PersonFields, dict]:
    """Check every field; raise ValidationErrors listing each problem, or return clean values.

    Without a session (an import checking rows on another core) the organisation is taken as
    live: the importer found it by name among the live ones just before.
    """
    errors = ErrorCollector()
    person = clean_person(raw.person, errors)
    values: dict = {}
    if not is_id(raw.org_id) or session is not None and session.get(PartyOrg, raw.org_id) is None:
        errors.add(FieldError("org_id", "所在支部", "请选择所在支部或党小组"))
    values["org_id"] = raw.org_id
    for attr, vocab, label in (
        ("member_type", MEMBER_TYPES, "党员类型"),
        ("category", MEMBER_CATEGORIES, "人员类别"),
        ("status", MEMBER_STATUSES, "状态"),
    ):
        values[attr] = errors.check(check_code, getattr(raw, attr), vocab, attr, label)
    dates = {
        "admitted_on": "入党时间", "full_on": "转正时间", "category_since": "类别变更日期",
        "transferred_in_on": "组织关系转入日期", "reported_on": "报到日期",
    }
    for attr, label in dates.items():
        values[attr] = errors.check(parse_date, getattr(raw, attr), attr, label, allow_future=False, today=today)
    if values["admitted_on"] is None and not errors.has("admitted_on"):
        errors.add(FieldError("admitted_on", "入党时间", "必填"))
    if raw.member_type == "probationary" and values["full_on"] is not None:
        errors.add(FieldError("full_on", "转正时间", "预备党员还没有转正时间；已转正请把党员类型改为“正式党员”"))
    errors.check(check_date_order, values["admitted_on"], values["full_on"], "full_on", "转正时间", "入党时间")
    birth = person.birth_date
    if isinstance(birth, date) and values["admitted_on"] is not None:
        if values["admitted_on"] < add_months_to(birth, 12 * MIN_AGE_AT_ADMISSION):
            errors.add(FieldError("admitted_on", "入党时间", "入党时应年满18周岁，请核对入党时间或出生日期"))
    months = errors.check(check_int, raw.probation_extended_months, "probation_extended_months", "延长预备期", 0, 12,
                          problem="只能延长6至12个月") or 0
    if months not in (0, 6, 7, 8, 9, 10, 11, 12):
        errors.add(FieldError("probation_extended_months", "延长预备期", "只能延长6至12个月"))
    values["probation_extended_months"] = months
    values["education"] = errors.check(check_education, raw.education)
    values["native_place"] = errors.check(check_free_text, raw.native_place, "native_place", "籍贯", max_len=50)
    values["employer"] = errors.check(check_free_text, raw.employer, "employer", "工作单位及职务", max_len=100)
    values["reported"] = errors.check(check_flag, raw.reported, "reported", "已报到")
    values["reported_employer"] = errors.check(
        check_free_text, raw.reported_employer, "reported_employer", "报到单位", max_len=100
    )
    values["notes"] = errors.check(check_free_text, raw.notes, "notes", "备注", max_len=2000, multiline=True)
    errors.raise_if_any()
    return person, {k: ("" if v is None and k in _TEXT_FIELDS else v) for k, v in values.items()}


_TEXT_FIELDS = {"education", "native_place", "employer", "reported_employer", "notes"}


def save_member(session: Session, raw: MemberInput, member_id: int | None = None,
                today: date | None = None) -> PartyMember:
    """Create or update a member (and their Person) in the caller's transaction."""
    person_fields, values = clean_member(session, raw, today)
    member = session.get(PartyMember, member_id) if is_id(member_id) else None
    if member_id is not None and member is None:
        raise FieldError("name", "姓名", "该党员记录已不存在，请刷新后重试")
    try:
        person = resolve_person(
            session, person_fields, person_id=member.person_id if member else None, role="member"
        )
    except FieldError as exc:
        raise ValidationErrors([exc]) from exc
    if member is None:
        member = PartyMember(person=person)
        session.add(member)
    copy_search_keys(person, member)
    old_status = member.status
    for attr, value in values.items():
        setattr(member, attr, value)
    if old_status != member.status or member.id is None:
        member.status_history.append(MemberStatusChange(status=member.status, changed_on=today or date.today()))
    session.flush()
    return member


def load_member_input(session: Session, member_id: int) -> MemberInput:
    """The stored member as form input, for the edit dialog."""
    m = session.get_one(PartyMember, member_id)
    p = m.person
    return MemberInput(
        person=person_fields_of(p),
        org_id=m.org_id, member_type=m.member_type, admitted_on=m.admitted_on, full_on=m.full_on,
        probation_extended_months=m.probation_extended_months, education=m.education,
        native_place=m.native_place, employer=m.employer, category=m.category,
        category_since=m.category_since, transferred_in_on=m.transferred_in_on, reported=m.reported,
        reported_on=m.reported_on, reported_employer=m.reported_employer, status=m.status,
        notes=m.notes, person_id=p.id,
    )


# --- queries -------------------------------------------------------------------------------

def overdue_condition(today: date) -> ColumnElement[bool]:
    """Probationary, with the probation year (plus extension) over and no 转正时间 recorded."""
    months = PartyMember.probation_extended_months + PROBATION_MONTHS
    due = add_months(PartyMember.admitted_on, months)  # as probation_due does it
    return and_(PartyMember.member_type == "probationary", PartyMember.full_on.is_(None), due < today)


def org_subtree_ids(session: Session, org_id: int) -> list[int]:
    """The organisation and everything below it (branch → its party groups)."""
    ids, frontier = [org_id], [org_id]
    while frontier:
        frontier = list(session.scalars(select(PartyOrg.id).where(PartyOrg.parent_id.in_(frontier))))
        ids.extend(frontier)
    return ids


SORT_KEYS = {
    "name": PartyMember.name_sort,
    "gender": Person.gender,
    "birth_date": Person.birth_date,
    "org": PartyOrg.sort_order,
    "member_type": PartyMember.member_type,
    "admitted_on": PartyMember.admitted_on,
    "full_on": PartyMember.full_on,
    "category": PartyMember.category,
    "status": PartyMember.status,
    "phone": Person.phone,
}


def member_ids(session: Session, f: MemberFilter, sort: Sort = Sort(), today: date | None = None,  # noqa: B008
               limit: int | None = None) -> list[int]:
    """Ids of the members matching the filter, in display order (the first `limit` only).

    By name (the default) this reads only the covering index ix_party_members_list; other
    sort keys join the tables they need.
    """
    today = today or date.today()
    stmt = select(PartyMember.id).where(PartyMember.deleted_at.is_(None))
    if not f.include_former:
        stmt = stmt.where(PartyMember.status == "normal")
    if (cond := text_condition(f.text, PartyMember.search_text)) is not None:
        stmt = stmt.where(cond)
    if f.org_id is not None:
        stmt = stmt.where(PartyMember.org_id.in_(org_subtree_ids(session, f.org_id)))
    if f.member_type:
        stmt = stmt.where(PartyMember.member_type == f.member_type)
    if f.category:
        stmt = stmt.where(PartyMember.category == f.category)
    if f.flag == FLAG_OVERDUE:
        stmt = stmt.where(overdue_condition(today))
    elif f.flag in (FLAG_MOBILE, FLAG_LOST):
        stmt = stmt.where(PartyMember.category == f.flag)
    rank = search_rank(f.text, PartyMember.search_text, PartyMember.name_sort)
    key = sort.key if sort.key in SORT_KEYS else "name"
    if key == "name":
        direction = (lambda c: c.desc()) if sort.descending else (lambda c: c.asc())
        order = (direction(PartyMember.name_sort), direction(PartyMember.search_text), PartyMember.id)
        if rank is not None and not sort.key:  # best matches first, as db.listing.ordered does
            surname = surname_letter(f.text, PartyMember.name_sort, session.get_bind().dialect.name)
            if limit is not None and surname is not None:  # the first page, typing: see ranked_first_ids
                return ranked_first_ids(session, stmt, f.text, PartyMember.search_text, PartyMember.name_sort, surname,
                                        order, limit)
            stmt = stmt.order_by(rank)
        return fetch_ids(session, stmt.order_by(*order).limit(limit))
    if key in ("gender", "birth_date", "phone"):
        stmt = stmt.join(Person, PartyMember.person_id == Person.id)
    if key == "org":
        stmt = stmt.join(PartyOrg, PartyMember.org_id == PartyOrg.id)
    return fetch_ids(session, ordered(stmt, sort, SORT_KEYS, "name", PartyMember.id, rank).limit(limit))


def _fetch_member_rows(session: Session, ids: Sequence[int], today: date) -> dict[int, MemberRow]:
    """The page's rows as plain column values (no ORM objects: building 80 members and their
    persons as entities cost a fifth of a keystroke's time in the search-as-you-type bench)."""
    stmt = (
        select(PartyMember.id, Person.id, Person.name, Person.gender, Person.ethnicity, Person.birth_date,
               Person.id_number, Person.phone, Person.address, PartyOrg.name, PartyMember.member_type,
               PartyMember.admitted_on, PartyMember.full_on, PartyMember.category, PartyMember.status,
               PartyMember.education, PartyMember.employer, overdue_condition(today), PartyMember.org_id)
        .join(Person, PartyMember.person_id == Person.id)
        .join(PartyOrg, PartyMember.org_id == PartyOrg.id)
        .where(PartyMember.id.in_(ids))
    )
    rows: dict[int, MemberRow] = {}
    places = org_places(session)
    for (member_id, person_id, name, gender, ethnicity, birth_date, id_number, phone, address, org_name,
         member_type, admitted_on, full_on, category, status, education, employer, overdue,
         org_id) in session.execute(stmt):
        place = places.get(org_id)
        rows[member_id] = MemberRow(
            id=member_id, person_id=person_id, name=name, gender=gender, ethnicity=ethnicity,
            birth_date=birth_date, id_number=id_number or "", phone=phone, address=address,
            org_name=org_name, member_type=member_type, admitted_on=admitted_on, full_on=full_on,
            category=category, status=status, education=education, employer=employer,
            overdue=bool(overdue), org_short=place.short if place else org_name,
            org_path=place.path if place else org_name,
        )
    return rows


def member_rows(session: Session, ids: Sequence[int], today: date | None = None) -> list[MemberRow]:
    today = today or date.today()
    return load_rows(session, ids, lambda s, chunk: _fetch_member_rows(s, chunk, today))


def flag_counts(session: Session, today: date | None = None) -> dict[str, int]:
    """How many current members carry each flag the office acts on."""
    today = today or date.today()
    base = select(func.count()).select_from(PartyMember).where(
        PartyMember.deleted_at.is_(None), PartyMember.status == "normal"
    )
    return {
        FLAG_OVERDUE: session.scalar(base.where(overdue_condition(today))) or 0,
        FLAG_MOBILE: session.scalar(base.where(PartyMember.category == FLAG_MOBILE)) or 0,
        FLAG_LOST: session.scalar(base.where(PartyMember.category == FLAG_LOST)) or 0,
    }


# --- organisations -------------------------------------------------------------------------

@dataclass(frozen=True)
class OrgRow:
    id: int
    name: str
    kind: str
    parent_id: int | None
    depth: int


def org_tree(session: Session) -> list[OrgRow]:
    """All live organisations, depth-first in sort order: committee, its branches, their groups."""
    orgs = session.scalars(
        select(PartyOrg).where(PartyOrg.deleted_at.is_(None)).order_by(PartyOrg.sort_order, PartyOrg.id)
    ).all()
    children: dict[int | None, list[PartyOrg]] = {}
    for o in orgs:
        children.setdefault(o.parent_id, []).append(o)
    out: list[OrgRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for o in children.get(parent, []):
            out.append(OrgRow(o.id, o.name, o.kind, o.parent_id, depth))
            walk(o.id, depth + 1)

    walk(None, 0)
    return out


def save_org(session: Session, name: str, kind: str, parent_id: int | None, org_id: int | None = None) -> PartyOrg:
    org = session.get(PartyOrg, org_id) if is_id(org_id) else None
    if org_id is not None and org is None:
        raise ValidationErrors([FieldError("name", "组织名称", "该组织已不存在，请刷新后重试")])
    errors = ErrorCollector()
    name = errors.check(check_free_text, name, "name", "组织名称", max_len=ORG_NAME_MAX, required=True) or ""
    if kind not in ("committee", "branch", "group"):
        errors.add(FieldError("kind", "组织类型", "请从列表中选择"))
    parent = session.get(PartyOrg, parent_id) if is_id(parent_id) else None
    if parent is None and (parent_id is not None or kind != "committee"):
        errors.add(FieldError("parent_id", "上级组织", "请选择上级组织"))
    clash = session.scalar(
        select(PartyOrg.id).where(PartyOrg.name == name, PartyOrg.deleted_at.is_(None), PartyOrg.id != (org_id or 0))
    )
    if clash:
        errors.add(FieldError("name", "组织名称", f"“{name}”已存在"))
    errors.raise_if_any()
    if org is None:
        siblings = session.scalar(select(func.max(PartyOrg.sort_order))) or 0
        org = PartyOrg(sort_order=siblings + 1)
        session.add(org)
    org.name, org.kind, org.parent_id = name, kind, parent_id
    session.flush()
    return org


__all__ = [
    "FLAG_LOST", "FLAG_MOBILE", "FLAG_OVERDUE", "MemberFilter", "MemberInput", "MemberRow", "OrgRow",
    "flag_counts", "load_member_input", "member_ids", "member_rows", "org_tree", "overdue_condition",
    "probation_due", "save_member", "save_org",
]
