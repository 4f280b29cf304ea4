"""The party-member ledger, declared into the import pipeline (db.importing.pipeline).

Each row is checked with the members form's own rules (db.members.clean_member); the branch it
names is matched to a registered organisation (near names too); a person already registered
as a member is skipped, or updated without a blank ever erasing a filled field — and counted
as updated only when a value really changed, with the same field-by-field log entry a dialog
edit writes. New members are written in bulk (db.importing.bulk) in the caller's one
transaction; on a large ledger the rules run on both cores first (`_precheck`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import search_keys
from db.importing.bulk import insert_rows
from db.importing.normalize import LooseDate, loose_date
from db.importing.pipeline import Checked, Column, Context, Reference, Register, Row, RowRefused
from db.members import ORG_NAME_MAX, MemberInput, clean_member, load_member_input, save_member, save_org
from db.models import Base, PartyMember, PartyOrg, Person, now
from db.office import get_setting
from db.people import PersonFields
from db.validation import (
    FieldError,
    ValidationErrors,
    check_free_text,
    check_id_number,
    check_phone,
    clean_text,
    normalize_id_number,
    storable,
)
from db.vocab import EDUCATION, ETHNIC_GROUPS, GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES, MEMBER_TYPES

COLUMNS = (
    Column("name", ("姓名", "党员姓名"), required=True),
    Column("gender", ("性别",), GENDERS),
    Column("ethnicity", ("民族",), ETHNIC_GROUPS),
    Column("birth_date", ("出生日期", "出生年月", "出生年月日", "生日")),
    Column("id_number", ("身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "身份证件号码")),
    Column("education", ("学历", "文化程度"), EDUCATION),
    Column("native_place", ("籍贯",)),
    Column("admitted_on", ("入党时间", "入党日期", "入党年月", "入党时间（预备）")),
    Column("full_on", ("转正时间", "转正日期", "转正年月")),
    Column("member_type", ("党员类型", "党员类别", "党员身份", "正式预备"), MEMBER_TYPES),
    Column("category", ("人员类别", "人员类型", "党员分类", "在职情况"), MEMBER_CATEGORIES),
    Column("org", ("所在支部", "所属党支部", "所属支部", "党支部", "支部", "所在党支部", "所在党组织"), required=True),
    Column("employer", ("工作单位及职务", "工作单位", "单位及职务", "工作单位和职务")),
    Column("phone", ("联系电话", "手机号", "手机号码", "电话", "联系方式")),
    Column("address", ("家庭住址", "现住址", "住址", "居住地址", "家庭地址")),
    Column("status", ("状态", "党籍状态"), MEMBER_STATUSES),
    Column("notes", ("备注",)),
)
PERSONS, MEMBERS, STATUS_CHANGES = (Base.metadata.tables[t]
                                    for t in ("persons", "party_members", "member_status_changes"))


def _live_orgs(session: Session) -> dict[str, int]:
    live = select(PartyOrg.name, PartyOrg.id).where(PartyOrg.deleted_at.is_(None))
    return {name: oid for name, oid in session.execute(live)}


def _create_branch(session: Session, name: str) -> int:
    """A branch the ledger names and staff chose to create, under the community committee,
    through the organisation form's own rules."""
    committee = session.scalar(select(PartyOrg.id).where(PartyOrg.kind == "committee", PartyOrg.deleted_at.is_(None)))
    if committee is None:
        committee = save_org(session, get_setting(session, "party_committee"), "committee", None).id
    return save_org(session, name, "branch", committee).id


def _branch_name_problem(name: str) -> str | None:
    try:
        check_free_text(name, "org", "组织名称", max_len=ORG_NAME_MAX, required=True)
    except FieldError as exc:
        return exc.message
    return None


ORGS = Reference("org", "党组织", _live_orgs, _create_branch, check_new=_branch_name_problem)


@dataclass(slots=True)
class MemberRecord:
    """A checked row. A new member's cleaned values stay in the row's precheck (compact) until
    they are written; an update carries its cleaned person and the merged input it saves."""

    row: Row
    member_id: int | None = None
    person: PersonFields | None = None
    data: MemberInput | None = None
    unchanged: bool = False  # a registered member the ledger says nothing new about

    def who(self) -> tuple[str, str, str]:
        """Name, ID number and phone, as cleaned."""
        if self.person is not None:
            return self.person.name, self.person.id_number, self.person.phone
        return self.row.pre.who()


def _birth(value: object, id_text: str) -> date | str | None:
    """A birth date; one given to the month only takes the day from a matching ID number."""
    loose = loose_date(value)
    if loose is None or loose.day is not None:
        return loose.as_date() if loose else None
    try:
        info = check_id_number(id_text)
    except FieldError:
        info = None
    if info is not None and (info.birth_date.year, info.birth_date.month) == (loose.year, loose.month):
        return info.birth_date
    return loose.as_date()


def _date(value: object) -> date | None:
    loose: LooseDate | None = loose_date(value)
    return loose.as_date() if loose else None


def _input(ctx: Context, row: Row) -> tuple[MemberInput, list[str]]:
    """A ledger row as form input, plus the date problems only a ledger can have."""
    text = row.text
    problems: list[str] = []
    dates: dict[str, Any] = {}
    for key, label in (("birth_date", "出生日期"), ("admitted_on", "入党时间"), ("full_on", "转正时间")):
        try:
            dates[key] = _birth(row.cell(key), text.get("id_number", "")) if key == "birth_date" \
                else _date(row.cell(key))
        except ValueError as exc:
            problems.append(f"{label}：{exc}")
            dates[key] = None
    blank_type = "full" if dates.get("full_on") or not text.get("member_type") else "probationary"
    person = PersonFields(name=text.get("name", ""), gender=row.codes.get("gender"),
                          ethnicity=row.code("ethnicity", "汉族"), birth_date=dates["birth_date"],
                          id_number=text.get("id_number", ""), phone=text.get("phone", ""),
                          address=text.get("address", ""))
    data = MemberInput(person=person, org_id=row.refs.get("org"), member_type=row.code("member_type", blank_type),
                       admitted_on=dates["admitted_on"], full_on=dates["full_on"],
                       education=row.code("education", ""), native_place=text.get("native_place", ""),
                       employer=text.get("employer", ""), category=row.code("category", "in_service"),
                       status=row.codes.get("status") or "", notes=text.get("notes", ""))
    return data, problems


def _merge_blank(new: MemberInput, old: MemberInput) -> MemberInput:
    """Fill the ledger's blanks from the stored record: an update never erases a filled field."""
    for attr in ("gender", "ethnicity", "birth_date", "id_number", "phone", "address"):
        if getattr(new.person, attr) in (None, ""):
            setattr(new.person, attr, getattr(old.person, attr))
    for attr in ("admitted_on", "full_on", "education", "native_place", "employer", "status", "notes"):
        if getattr(new, attr) in (None, ""):
            setattr(new, attr, getattr(old, attr))
    return new


def _unchanged(person: PersonFields, values: dict[str, Any], old: MemberInput) -> bool:
    """Whether the cleaned row says exactly what is stored."""
    same_person = all(getattr(person, a) == getattr(old.person, a)
                      for a in ("name", "gender", "ethnicity", "birth_date", "id_number", "phone", "address"))
    return same_person and all(getattr(old, k) == v for k, v in values.items() if hasattr(old, k))


def _prepare(ctx: Context, data: list[Row]) -> None:
    """The members already registered among the file's people, looked up once; the live
    organisations held, so that the form's rules find each row's branch in the session's
    identity map instead of loading it again for every row (it holds objects weakly)."""
    ctx.cache["orgs"] = list(ctx.session.scalars(select(PartyOrg).where(PartyOrg.deleted_at.is_(None))))
    ctx.cache["by_id"] = _registered_members(ctx.session, data)
    ctx.cache["by_name_phone"] = _registered_by_name_phone(ctx.session, data)


_PERSON = ("name", "gender", "ethnicity", "birth_date", "id_number", "phone", "address")


@dataclass(frozen=True, slots=True)
class Prechecked:
    """A row checked on its own (db.importing.parallel): its problems, or its cleaned values
    and the person's search keys. Plain tuples, because the half checked on the other core
    comes back pickled, and 50,000 dataclasses took seconds to pickle."""

    problems: tuple[str, ...]  # all the row's problems
    ledger_problems: tuple[str, ...]  # of them, the ones in the ledger's own cells (dates it cannot read)
    person: tuple[Any, ...] = ()  # the cleaned person, in _PERSON's order
    value_keys: tuple[str, ...] = ()  # the member values' names: one tuple shared by every row
    values: tuple[Any, ...] = ()  # the cleaned member values, in that order
    keys: tuple[str, str] = ("", "")  # name_sort, search_text

    def who(self) -> tuple[str, str, str]:
        return self.person[0], self.person[4], self.person[5]

    def person_row(self) -> dict[str, Any]:
        """The persons row to insert (without ids and stamps)."""
        row = dict(zip(_PERSON, self.person, strict=True))
        row.update(ethnicity=row["ethnicity"] or "汉族", id_number=row["id_number"] or None, grid_id=None, notes="",
                   name_sort=self.keys[0], search_text=self.keys[1])
        return row

    def member_row(self) -> dict[str, Any]:
        return dict(zip(self.value_keys, self.values, strict=True))


_VALUE_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple of names for all rows (pickled once)


def _cleaned(session: Session | None, row: Row, data: MemberInput, today: date,
             problems: list[str]) -> tuple[PersonFields, dict[str, Any]] | None:
    """The form's rules on the row (a blank status taken as 正常); None, with the problems added
    to, when they refuse it."""
    data.status = data.status or "normal"
    try:
        return clean_member(session, data, today)
    except ValidationErrors as exc:
        # A branch the ledger names but nobody has is already the row's problem, in its words.
        skip = {"org_id"} if row.text.get("org") else set()
        problems += [e.message for e in exc.errors if e.field not in skip]
        return None


def _precheck(ctx: Context, row: Row) -> Prechecked:
    """Everything about a row that needs no database: run on every core for a large ledger."""
    data, ledger_problems = _input(ctx, row)
    problems = list(ledger_problems)
    cleaned = _cleaned(None, row, data, ctx.today, problems)
    if cleaned is None or problems:
        return Prechecked(tuple(problems), tuple(ledger_problems))
    person, values = cleaned
    keys = (search_keys.sort_key(person.name),
            search_keys.search_text(person.name, id_number=person.id_number, phone=person.phone))
    names = tuple(values)
    return Prechecked((), (), tuple(getattr(person, f) for f in _PERSON), _VALUE_KEYS.setdefault(names, names),
                      tuple(values.values()), keys)


def _ledger_input(ctx: Context, row: Row) -> MemberInput:
    """The row as form input again, for the few rows that meet a registered person."""
    data = _input(ctx, row)[0]
    data.status = data.status or "normal"
    return data


def _check(ctx: Context, row: Row) -> MemberRecord:
    update = ctx.options.update_existing
    pre: Prechecked = row.pre
    id_key = normalize_id_number(row.cell("id_number"))
    first = ctx.cache.get("seen", {}).get(id_key) if id_key else None
    if first is not None:  # before the row's other faults: it is the same person either way
        raise RowRefused(f"与第{first}行是同一人（身份证号相同），只导入第{first}行", duplicate=True)
    member_id = ctx.cache["by_id"].get(id_key) if id_key else None
    if member_id is not None and not update:
        raise RowRefused("已登记为党员，未导入（选择“更新已有记录”可更新）", duplicate=True)
    if not id_key:  # without an ID number, the same name and phone are the same person
        name_phone = (clean_text(row.text.get("name", "")), _phone_key(row.text.get("phone", "")))
        member_id = ctx.cache["by_name_phone"].get(name_phone)
        if member_id is not None and not update:
            raise RowRefused("已登记为党员（姓名和电话相同），未导入", duplicate=True)
    if member_id is None:
        if pre.problems or not pre.person:
            raise RowRefused(*pre.problems)
        _not_seen(ctx, row, *pre.who())
        return MemberRecord(row)
    # An update: the ledger's blanks are filled from the record, then checked again as a whole.
    old = load_member_input(ctx.session, member_id)
    data = _merge_blank(_input(ctx, row)[0], old)
    problems = list(pre.ledger_problems)
    cleaned = _cleaned(ctx.session, row, data, ctx.today, problems)
    if cleaned is None or problems:
        raise RowRefused(*problems)
    person, values = cleaned
    _not_seen(ctx, row, person.name, person.id_number, person.phone)
    return MemberRecord(row, member_id, person, data, _unchanged(person, values, old))


def _not_seen(ctx: Context, row: Row, name: str, id_number: str, phone: str) -> None:
    """A person already imported from an earlier row of the file: that row stands, this one is a
    duplicate (whatever else it says). A person whose earlier row was refused is judged anew."""
    seen: dict[str | tuple[str, str], int] = ctx.cache.setdefault("seen", {})  # ID number, or (name, phone)
    key: str | tuple[str, str] = id_number
    what = "身份证号相同"
    if not id_number:
        key, what = (name, phone), "姓名和电话相同"
    if key in seen:
        raise RowRefused(f"与第{seen[key]}行是同一人（{what}），只导入第{seen[key]}行", duplicate=True)
    seen[key] = row.number


def _phone_key(text: str) -> str:
    try:
        return check_phone(text)
    except FieldError:
        return ""


def _registered_by_name_phone(session: Session, data: list[Row]) -> dict[tuple[str, str], int]:
    """(name, phone) → member id, for members in the file's names who have a phone number."""
    names = [n for n in {row.text.get("name", "") for row in data} - {""} if storable(n)]
    found: dict[tuple[str, str], int] = {}
    for start in range(0, len(names), 500):
        for name, phone, member_id in session.execute(
                select(Person.name, Person.phone, PartyMember.id).join(PartyMember, PartyMember.person_id == Person.id)
                .where(Person.name.in_(names[start:start + 500]), Person.phone != "")):
            found[(name, phone)] = member_id
    return found


def _registered_members(session: Session, data: list[Row]) -> dict[str, int]:
    """ID number → member id, for the people in the file who are already party members."""
    ids = [i for i in {normalize_id_number(row.cell("id_number")) for row in data} - {""} if storable(i)]
    found: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        for id_number, member_id in session.execute(
                select(Person.id_number, PartyMember.id).join(PartyMember, PartyMember.person_id == Person.id)
                .where(Person.id_number.in_(ids[start:start + 500]))):
            found[str(id_number)] = member_id
    return found


Registered = tuple[dict[str, int], dict[tuple[str, str], int], dict[int, int]]


def _registered_people(session: Session, records: list[MemberRecord]) -> Registered:
    """The people already registered (in any role) among the records: by ID number, by name and
    phone for those without one, and which of them are members already."""
    whos = [r.who() for r in records]
    ids = [id_number for _, id_number, _ in whos if id_number and storable(id_number)]
    by_id: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        for id_number, person_id in session.execute(select(Person.id_number, Person.id)
                                                    .where(Person.id_number.in_(ids[start:start + 500]))):
            by_id[str(id_number)] = person_id
    by_name_phone: dict[tuple[str, str], int] = {}
    names = list({name for name, id_number, phone in whos if not id_number and phone and storable(name)})
    for start in range(0, len(names), 500):
        for pid, name, phone in session.execute(select(Person.id, Person.name, Person.phone)
                                                .where(Person.name.in_(names[start:start + 500]))):
            by_name_phone[(name, phone)] = pid
    people = list(by_id.values()) + list(by_name_phone.values())
    members_of: dict[int, int] = {}
    for start in range(0, len(people), 500):
        members_of |= {pid: mid for pid, mid in session.execute(
            select(PartyMember.person_id, PartyMember.id).where(PartyMember.person_id.in_(people[start:start + 500])))}
    return by_id, by_name_phone, members_of


def _write(ctx: Context, checked: list[Checked]) -> None:
    """New people with bulk inserts; people already registered (in any role) through the form's save."""
    session, result, today = ctx.session, ctx.result, ctx.options.today
    records: list[MemberRecord] = [c.item for c in checked]
    by_id, by_name_phone, members_of = _registered_people(session, records)
    new: list[MemberRecord] = []
    for record in records:
        if record.unchanged:
            result.unchanged += 1
            continue
        name, id_number, phone = record.who()
        if id_number:
            existing_id = by_id.get(id_number)
        else:
            existing_id = by_name_phone.get((name, phone)) if phone else None
            if existing_id is not None and existing_id not in members_of:
                result.refuse(record.row.number,
                              "已有同名同电话的人员（非党员），为免重复登记未导入；请补填身份证号后再导入")
                continue
        if existing_id is None:
            new.append(record)
            continue
        member_id = members_of.get(existing_id)
        data = record.data or _ledger_input(ctx, record.row)
        save_member(session, data, member_id, today)  # attach to their person, or update (merged above)
        if member_id is None:
            result.imported += 1
        else:
            result.updated += 1
    _insert_new(session, [r.row.pre for r in new])
    result.imported += len(new)


INSERT_CHUNK = 2000  # rows made into dicts at a time, so a large ledger's inserts stay small in memory


def _insert_new(session: Session, new: list[Prechecked]) -> None:
    """The new people, their member rows and first status lines, numbered by the database (the
    ids each insert gives back link the next): ids counted on from max(id) here left a server's
    sequences behind, so the next save there failed on the primary key."""
    if not new:
        return
    conn = session.connection()
    stamp = now()
    stamps = {"created_at": stamp, "updated_at": stamp}
    # In name order, the rows go into the name indexes one after another instead of all over them.
    new = sorted(new, key=lambda pre: pre.keys[0])
    for start in range(0, len(new), INSERT_CHUNK):
        part = new[start:start + INSERT_CHUNK]
        person_ids = insert_rows(conn, PERSONS, [pre.person_row() | stamps for pre in part], returning_ids=True)
        members = [pre.member_row() | stamps | {"person_id": person_id, "name_sort": pre.keys[0],
                                                "search_text": pre.keys[1]}
                   for pre, person_id in zip(part, person_ids, strict=True)]
        member_ids = insert_rows(conn, MEMBERS, members, returning_ids=True)
        insert_rows(conn, STATUS_CHANGES, [
            {"member_id": member_id, "status": m["status"], "changed_on": m["admitted_on"] or date.today(),
             "reason": "导入", "created_at": stamp} for m, member_id in zip(members, member_ids, strict=True)])


REGISTER = Register("members", "党员台账", COLUMNS, _check, _write, references=(ORGS,), prepare=_prepare,
                    precheck=_precheck, can_update=True)
