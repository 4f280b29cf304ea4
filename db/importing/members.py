"""Importing a party-member ledger: every row checked with the members form's own rules.

Rows are validated one by one (db.members.clean_member), then checked against each other
(the same person twice) and against the database (people already registered: skipped, or
updated without a blank ever erasing a filled field). Valid new rows are written with Core
inserts in the caller's single transaction; nothing is written on a dry run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db import search_keys
from db.importing.layout import Layout
from db.importing.normalize import LooseDate, cell_text, loose_date
from db.members import MemberInput, clean_member, load_member_input, save_member
from db.models import Base, PartyMember, PartyOrg, Person, now
from db.office import get_setting
from db.people import PersonFields
from db.validation import (
    FieldError,
    ValidationErrors,
    check_id_number,
    check_phone,
    clean_text,
    normalize_id_number,
)
from db.vocab import GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES, MEMBER_TYPES

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "党员姓名"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "身份证件号码"),
    "education": ("学历", "文化程度"),
    "native_place": ("籍贯",),
    "admitted_on": ("入党时间", "入党日期", "入党年月", "入党时间（预备）"),
    "full_on": ("转正时间", "转正日期", "转正年月"),
    "member_type": ("党员类型", "党员类别", "党员身份", "正式预备"),
    "category": ("人员类别", "人员类型", "党员分类", "在职情况"),
    "org": ("所在支部", "所属党支部", "所属支部", "党支部", "支部", "所在党支部", "所在党组织"),
    "employer": ("工作单位及职务", "工作单位", "单位及职务", "工作单位和职务"),
    "phone": ("联系电话", "手机号", "手机号码", "电话", "联系方式"),
    "address": ("家庭住址", "现住址", "住址", "居住地址", "家庭地址"),
    "status": ("状态", "党籍状态"),
    "notes": ("备注",),
}
REQUIRED_COLUMNS = ("name", "org")
PERSONS, MEMBERS, STATUS_CHANGES = (Base.metadata.tables[t]
                                    for t in ("persons", "party_members", "member_status_changes"))


@dataclass
class RowProblem:
    row_number: int  # as Excel shows it (1-based)
    reasons: list[str]
    duplicate: bool = False


@dataclass
class ImportResult:
    rows: int = 0
    imported: int = 0
    updated: int = 0
    invalid: int = 0
    duplicates: int = 0
    created_branches: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def count_problems(self) -> ImportResult:
        """Set the invalid and duplicate counts from the problems found."""
        self.invalid = sum(1 for p in self.problems if not p.duplicate)
        self.duplicates = sum(1 for p in self.problems if p.duplicate)
        return self

    def summary(self) -> dict[str, int]:
        return {"rows": self.rows, "imported": self.imported, "updated": self.updated, "invalid": self.invalid,
                "duplicates": self.duplicates}


class _Orgs:
    """Branch names → ids; a branch the ledger names and the database lacks is created."""

    def __init__(self, session: Session) -> None:
        self.session = session
        # Held here so the session's identity map keeps them: the members rules look the
        # organisation up for every row, and a weakly held object would be loaded again each time.
        self.objects = list(session.scalars(select(PartyOrg).where(PartyOrg.deleted_at.is_(None))))
        self.by_name = {o.name: o.id for o in self.objects}
        self.created: list[str] = []

    def id_for(self, name: str) -> int | None:
        if not name:
            return None
        if name not in self.by_name:
            committee = self.session.scalar(select(PartyOrg.id).where(PartyOrg.kind == "committee",
                                                                      PartyOrg.deleted_at.is_(None)))
            if committee is None:
                top = PartyOrg(name=get_setting(self.session, "party_committee"), kind="committee", sort_order=0)
                self.session.add(top)
                self.session.flush()
                committee = top.id
            org = PartyOrg(name=name, kind="branch", parent_id=committee, sort_order=len(self.by_name) + 1)
            self.session.add(org)
            self.session.flush()
            self.objects.append(org)
            self.by_name[name] = org.id
            self.created.append(name)
        return self.by_name[name]


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


def row_input(cells: dict[str, object], orgs: _Orgs) -> tuple[MemberInput, list[str]]:
    """A ledger row as form input, plus the problems only the ledger can have (unknown words)."""
    text = {k: cell_text(v) for k, v in cells.items()}
    problems: list[str] = []
    dates: dict[str, Any] = {}
    for key, label in (("birth_date", "出生日期"), ("admitted_on", "入党时间"), ("full_on", "转正时间")):
        try:
            dates[key] = _birth(cells.get(key), text.get("id_number", "")) if key == "birth_date" \
                else _date(cells.get(key))
        except ValueError as exc:
            problems.append(f"{label}：{exc}")
            dates[key] = None
    gender = GENDERS.code_for(text.get("gender", "")) if text.get("gender") else None
    if text.get("gender") and gender is None:
        problems.append(f"性别：无法识别“{text['gender']}”（应为男或女）")
    member_type = MEMBER_TYPES.code_for(text.get("member_type", "")) if text.get("member_type") else None
    if member_type is None:
        member_type = "full" if dates.get("full_on") or not text.get("member_type") else "?"
        if member_type == "?":
            problems.append(f"党员类型：无法识别“{text['member_type']}”（应为正式党员或预备党员）")
    category = MEMBER_CATEGORIES.code_for(text.get("category", "")) if text.get("category") else "in_service"
    if category is None:
        problems.append(f"人员类别：无法识别“{text['category']}”")
        category = "in_service"
    status = MEMBER_STATUSES.code_for(text.get("status", "")) if text.get("status") else ""  # "": not given
    if status is None:
        problems.append(f"状态：无法识别“{text['status']}”")
        status = "normal"
    person = PersonFields(name=text.get("name", ""), gender=gender, ethnicity=text.get("ethnicity") or "汉族",
                          birth_date=dates["birth_date"], id_number=text.get("id_number", ""),
                          phone=text.get("phone", ""), address=text.get("address", ""))
    data = MemberInput(person=person, org_id=orgs.id_for(text.get("org", "")), member_type=member_type,
                       admitted_on=dates["admitted_on"], full_on=dates["full_on"],
                       education=text.get("education", ""), native_place=text.get("native_place", ""),
                       employer=text.get("employer", ""), category=category, status=status,
                       notes=text.get("notes", ""))
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


def import_members(session: Session, rows: list[list[object]], layout: Layout, *, update_existing: bool = False,
                   today: date | None = None, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Validate every data row and write the valid ones in the caller's transaction."""
    result = ImportResult(rows=len(layout.data_rows))
    orgs = _Orgs(session)
    registered = _registered_members(session, rows, layout)
    registered_by_name_phone = _registered_by_name_phone(session, rows, layout)
    seen: dict[str, int] = {}
    pending: list[tuple[int, MemberInput, PersonFields, dict]] = []
    for n, index in enumerate(layout.data_rows):
        if cancelled is not None and n % 1000 == 0 and cancelled():
            raise InterruptedError("已取消")
        if progress is not None and n % 1000 == 0:
            progress(n, len(layout.data_rows))
        raw = rows[index]
        cells = {f: raw[c] if c < len(raw) else None for f, c in layout.columns.items()}
        id_key = normalize_id_number(cells.get("id_number"))
        if id_key and id_key in seen:  # the same person twice in the file, whatever else is wrong
            same = f"与第{seen[id_key]}行是同一人（身份证号相同）"
            result.problems.append(RowProblem(index + 1, [same], duplicate=True))
            continue
        if id_key:
            seen[id_key] = index + 1
        member_id = registered.get(id_key) if id_key else None
        if member_id is not None and not update_existing:
            result.problems.append(RowProblem(index + 1, ["已登记为党员，未导入（选择“更新已有记录”可更新）"],
                                              duplicate=True))
            continue
        data, problems = row_input(cells, orgs)
        if not id_key:  # without an ID number, the same name and phone are the same person
            member_id = registered_by_name_phone.get((clean_text(data.person.name), _phone_key(data.person.phone)))
            if member_id is not None and not update_existing:
                result.problems.append(RowProblem(index + 1, ["已登记为党员（姓名和电话相同），未导入"],
                                                  duplicate=True))
                continue
        if member_id is not None:
            data = _merge_blank(data, load_member_input(session, member_id))
        data.status = data.status or "normal"
        try:
            person, values = clean_member(session, data, today)
        except ValidationErrors as exc:
            problems += [e.message for e in exc.errors]
        if problems:
            result.problems.append(RowProblem(index + 1, problems))
            continue
        if not person.id_number:
            key = f"{person.name}|{person.phone}"
            if key in seen:
                result.problems.append(RowProblem(index + 1, [f"与第{seen[key]}行是同一人（姓名和电话相同）"],
                                                  duplicate=True))
                continue
            seen[key] = index + 1
        pending.append((index + 1, data, person, values))
    _write(session, pending, result, update_existing, today)
    result.created_branches = orgs.created
    return result.count_problems()


def _phone_key(text: str) -> str:
    try:
        return check_phone(text)
    except FieldError:
        return ""


def _registered_by_name_phone(session: Session, rows: list[list[object]], layout: Layout) -> dict[tuple[str, str], int]:
    """(name, phone) → member id, for members in the file's names who have a phone number."""
    column = layout.columns.get("name")
    if column is None or "phone" not in layout.columns:
        return {}
    names = list({cell_text(rows[i][column]) for i in layout.data_rows if column < len(rows[i])} - {""})
    found: dict[tuple[str, str], int] = {}
    for start in range(0, len(names), 500):
        for name, phone, member_id in session.execute(
                select(Person.name, Person.phone, PartyMember.id).join(PartyMember, PartyMember.person_id == Person.id)
                .where(Person.name.in_(names[start:start + 500]), Person.phone != "")):
            found[(name, phone)] = member_id
    return found


def _registered_members(session: Session, rows: list[list[object]], layout: Layout) -> dict[str, int]:
    """ID number → member id, for the people in the file who are already party members."""
    column = layout.columns.get("id_number")
    if column is None:
        return {}
    ids = list({normalize_id_number(rows[i][column]) for i in layout.data_rows if column < len(rows[i])} - {""})
    found: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        for id_number, member_id in session.execute(
                select(Person.id_number, PartyMember.id).join(PartyMember, PartyMember.person_id == Person.id)
                .where(Person.id_number.in_(ids[start:start + 500]))):
            found[str(id_number)] = member_id
    return found


def _write(session: Session, pending: list[tuple[int, MemberInput, PersonFields, dict]], result: ImportResult,
           update_existing: bool, today: date | None) -> None:
    """New people with Core inserts; people already registered (in any role) through the form's save."""
    ids = [p.id_number for _, _, p, _ in pending if p.id_number]
    existing: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        for id_number, person_id in session.execute(select(Person.id_number, Person.id)
                                                    .where(Person.id_number.in_(ids[start:start + 500]))):
            existing[str(id_number)] = person_id
    members_of = {pid: mid for pid, mid in session.execute(
        select(PartyMember.person_id, PartyMember.id).where(PartyMember.person_id.in_(list(existing.values()))))}
    # Without an ID number, the same name and phone number mean the same person.
    by_name_phone: dict[tuple[str, str], int] = {}
    names = list({p.name for _, _, p, _ in pending if not p.id_number and p.phone})
    for start in range(0, len(names), 500):
        for pid, name, phone in session.execute(select(Person.id, Person.name, Person.phone)
                                                .where(Person.name.in_(names[start:start + 500]))):
            by_name_phone[(name, phone)] = pid
    if by_name_phone:
        matched = list(by_name_phone.values())
        members_of |= {pid: mid for pid, mid in session.execute(
            select(PartyMember.person_id, PartyMember.id).where(PartyMember.person_id.in_(matched)))}
    new_people: list[dict[str, Any]] = []
    new_members: list[dict[str, Any]] = []
    for row_number, data, person, values in pending:
        if person.id_number:
            existing_id = existing.get(person.id_number)
        else:
            existing_id = by_name_phone.get((person.name, person.phone)) if person.phone else None
            if existing_id is not None and existing_id not in members_of:
                result.problems.append(RowProblem(row_number, [
                    "已有同名同电话的人员（非党员），为免重复登记未导入；请补填身份证号后再导入"]))
                continue
        if existing_id is not None:
            member_id = members_of.get(existing_id)
            save_member(session, data, member_id, today)  # attach to their person, or update (merged above)
            if member_id is None:
                result.imported += 1
            else:
                result.updated += 1
            continue
        new_people.append({
            "name": person.name, "gender": person.gender, "ethnicity": person.ethnicity or "汉族",
            "birth_date": person.birth_date, "id_number": person.id_number or None, "phone": person.phone,
            "address": person.address, "grid_id": None, "notes": "",
            "name_sort": search_keys.sort_key(person.name),
            "search_text": search_keys.search_text(person.name, id_number=person.id_number, phone=person.phone),
        })
        new_members.append(values)
    if new_people:
        # Core executemany on the tables with ids given here: RETURNING in a given order makes
        # SQLite insert row by row. Another writer in between would hit the primary key and
        # roll the whole import back (the office runs one copy per database).
        conn = session.connection()
        first_person = (conn.execute(select(func.max(PERSONS.c.id))).scalar() or 0) + 1
        first_member = (conn.execute(select(func.max(MEMBERS.c.id))).scalar() or 0) + 1
        stamp = now()
        for i, (person_row, member_row) in enumerate(zip(new_people, new_members, strict=True)):
            person_row.update(id=first_person + i, created_at=stamp, updated_at=stamp)
            member_row.update(id=first_member + i, person_id=first_person + i, name_sort=person_row["name_sort"],
                              search_text=person_row["search_text"], created_at=stamp, updated_at=stamp)
        conn.execute(insert(PERSONS), new_people)
        conn.execute(insert(MEMBERS), new_members)
        conn.execute(insert(STATUS_CHANGES), [
            {"member_id": v["id"], "status": v["status"], "changed_on": v["admitted_on"] or date.today(),
             "reason": "导入", "created_at": stamp} for v in new_members])
        result.imported += len(new_people)
