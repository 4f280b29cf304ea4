"""Importing a population and housing ledger (人口/房屋台账): one row per resident, with the
address they live at (网格, 楼栋, 单元, 门牌号), their household role, and their details.

The address is found or made as the office writes it: the grid must be registered (or made with
--create-orgs, as the grid ledger does); a building the grid does not have yet is added, as is a
room the building does not have, and the building's units and floors grow to hold it. The floor
is the ledger's 楼层, or read from the door number (301: floor 3). A room holds one household
here: the row's resident joins it, the first row of a room makes it. A second 户主 for the same
household is refused with the first one's name. Care tags are named as in the office's list
(独居老人、低保户), several in one cell; a name the list does not have is the row's fault.

Each row is saved with the forms' rules (db.housing, db.residents) in a savepoint: a refused row
leaves nothing behind, the others are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.housing import BuildingInput, HouseholdInput, RoomInput, save_building, save_household, save_room
from db.importing.grid_workers import GRIDS
from db.importing.names import chinese_number
from db.importing.pipeline import CREATE, Checked, Column, Context, Identity, Register, Row, RowRefused
from db.models import Building, CareTag, Household, Resident, Room
from db.people import PersonFields
from db.residents import ResidentInput, save_resident
from db.validation import (
    FieldError,
    ValidationErrors,
    check_free_text,
    check_id_number,
    check_int,
    check_person_name,
)
from db.vocab import GENDERS, HOUSEHOLD_REGISTRATIONS, POLITICAL_STATUSES, RELATIONS, RESIDENCE_KINDS, ROOM_USES

COLUMNS = (
    Column("code", ("网格编号", "网格号", "所属网格"), required=True),
    Column("building", ("楼栋", "楼号", "楼栋号"), required=True),
    Column("unit", ("单元", "单元号")),
    Column("floor", ("楼层", "层")),
    Column("number", ("门牌号", "房号", "室号", "门牌"), required=True),
    Column("name", ("姓名", "居民姓名"), required=True),
    Column("gender", ("性别",), GENDERS),
    Column("id_number", ("身份证号", "公民身份号码", "身份证号码")),
    Column("relation", ("与户主关系", "关系"), RELATIONS),
    Column("phone", ("联系电话", "手机号", "电话")),
    Column("hukou_place", ("户籍地", "户籍所在地", "户籍地址")),
    Column("residence", ("常住或流动", "人口类型", "居住类型"), RESIDENCE_KINDS),
    Column("political_status", ("政治面貌",), POLITICAL_STATUSES),
    Column("registration", ("户别", "户口类型"), HOUSEHOLD_REGISTRATIONS),
    Column("purpose", ("房屋用途", "用途"), ROOM_USES),
    Column("tags", ("关爱对象", "特殊人群", "人群类别")),
    Column("notes", ("备注",)),
)
TAG_SEPARATORS = re.compile(r"[、,，;；/\s]+")
FLOOR_FROM_NUMBER = re.compile(r"^(\d{1,2})\d{2}$")  # 301 → 3, 1203 → 12


@dataclass(slots=True)
class ResidentLine:
    code: str
    building: str
    unit: int
    floor: int
    number: str
    resident: ResidentInput
    registration: str
    purpose: str


def _tags(session: Session, ctx: Context) -> dict[str, int]:
    tags: dict[str, int] | None = ctx.cache.get("tags")
    if tags is None:
        tags = ctx.cache["tags"] = dict(session.execute(
            select(CareTag.name, CareTag.id).where(CareTag.deleted_at.is_(None), CareTag.active.is_(True))).all())
    return tags


def _number(text: str) -> str:
    """二 for 2, as offices write units and floors (二单元, 十二层)."""
    found = chinese_number(text)
    return str(found) if found is not None else text


def _floor(row: Row, number: str) -> int:
    if row.text.get("floor"):
        return check_int(_number(row.text["floor"].removesuffix("层")), "floor", "楼层", -5, 120) or 1
    found = FLOOR_FROM_NUMBER.match(number)
    return int(found.group(1)) if found else 1


def _check(ctx: Context, row: Row) -> ResidentLine:
    text = row.text
    problems = [f"{label}：必填" for field, label in (("code", "网格编号"), ("building", "楼栋"), ("number", "门牌号"))
                if not text.get(field)]
    id_number = ""
    for check in (lambda: check_person_name(text.get("name", "")),  # before any look-up uses them
                  lambda: check_free_text(text.get("building", ""), "building", "楼栋", max_len=40),
                  lambda: check_free_text(text.get("number", ""), "number", "门牌号", max_len=20)):
        try:
            check()
        except FieldError as exc:
            problems.append(exc.message)
    try:
        info = check_id_number(text.get("id_number", ""), gender=row.codes.get("gender"))
        id_number = info.number if info is not None else ""
    except FieldError as exc:
        problems.append(exc.message)
    number = text.get("number", "").removesuffix("室").removesuffix("号")
    try:
        unit = check_int(_number(text.get("unit", "1").removesuffix("单元")), "unit", "单元", 1, 50) or 1
        floor = _floor(row, number)
    except FieldError as exc:
        problems.append(str(exc))
        unit = floor = 1
    tag_ids = []
    known = _tags(ctx.session, ctx)
    for name in TAG_SEPARATORS.split(text.get("tags", "")):
        if not name:
            continue
        if name not in known:
            problems.append(f"关爱对象：“{name}”不在关爱对象类别中（可在类别中添加，或改成已有的类别）")
        else:
            tag_ids.append(known[name])
    if problems:
        raise RowRefused(*problems)
    person = PersonFields(name=text["name"], gender=row.codes.get("gender"), id_number=id_number,
                          phone=text.get("phone", ""))
    resident = ResidentInput(person=person, relation=row.code("relation", "head"),
                             residence=row.code("residence", "permanent"), hukou_place=text.get("hukou_place", ""),
                             political_status=row.code("political_status", "masses"), notes=text.get("notes", ""),
                             tag_ids=tag_ids)
    return ResidentLine(text["code"], text["building"], unit, floor, number, resident,
                        row.code("registration", "registered"), row.code("purpose", "owner"))


def _identity(line: ResidentLine) -> Identity | None:
    if line.resident.person.id_number:
        return Identity(("id", line.resident.person.id_number.upper()), "同一人（身份证号相同）")
    return Identity((line.code, line.building, line.unit, line.number, line.resident.person.name), "同一户的同一人")


def _grid_id(ctx: Context, row: Row, code: str) -> int:
    ref = row.refs.get("code")
    if ref != CREATE:
        return int(ref)  # type: ignore[arg-type]
    made: dict[str, int] = ctx.cache.setdefault("made_grids", {})
    if code.upper() not in made:
        from db.grid_workers import GridInput, save_grid

        made[code.upper()] = save_grid(ctx.session, GridInput(code=code, name=code)).id
    return made[code.upper()]


def _building(ctx: Context, grid_id: int, line: ResidentLine) -> int:
    """The grid's building of that name, made or grown to hold the row's unit and floor."""
    session = ctx.session
    building = session.scalars(select(Building).where(Building.grid_id == grid_id, Building.name == line.building,
                                                      Building.deleted_at.is_(None))).first()
    units, floors = max(line.unit, 1), max(line.floor, 1)
    if building is None:
        return save_building(session, BuildingInput(grid_id=grid_id, name=line.building, units=units,
                                                    floors=floors)).id
    if building.units < units or building.floors < floors:
        building.units, building.floors = max(building.units, units), max(building.floors, floors)
        session.flush()
    return building.id


def _household(ctx: Context, building_id: int, line: ResidentLine) -> tuple[int, bool]:
    """The room's household (the room and household made when missing), and whether it was made."""
    session = ctx.session
    room = session.scalars(select(Room).where(Room.building_id == building_id, Room.unit == line.unit,
                                              Room.number == line.number, Room.deleted_at.is_(None))).first()
    if room is None:
        room_id = save_room(session, RoomInput(building_id=building_id, unit=line.unit, floor=line.floor,
                                               number=line.number, purpose=line.purpose)).id
    else:
        room_id = room.id
    household = session.scalar(select(Household.id).where(Household.room_id == room_id,
                                                          Household.deleted_at.is_(None)).order_by(Household.id))
    if household is not None:
        return household, False
    return save_household(session, HouseholdInput(room_id=room_id, registration=line.registration)).id, True


def _write(ctx: Context, checked: list[Checked]) -> None:
    session = ctx.session
    for entry in checked:
        line: ResidentLine = entry.item
        try:
            with session.begin_nested():  # a refused row leaves nothing behind
                grid_id = _grid_id(ctx, entry.row, line.code)
                household, _ = _household(ctx, _building(ctx, grid_id, line), line)
                line.resident.household_id = household
                existing = _existing(session, line)
                if existing is not None and not ctx.options.update_existing:
                    raise RowRefused(f"{line.resident.person.name}已登记为居民（如需用台账更新，请勾选“更新已有记录”）",
                                     duplicate=True)
                save_resident(session, line.resident, existing)
            if existing is None:
                ctx.result.imported += 1
            else:
                ctx.result.updated += 1
        except ValidationErrors as exc:
            ctx.result.refuse(entry.row.number, *[e.message for e in exc.errors])
        except RowRefused as exc:
            ctx.result.refuse(entry.row.number, *exc.reasons, duplicate=exc.duplicate)


def _existing(session: Session, line: ResidentLine) -> int | None:
    """The resident record of the row's person: by ID number, or by name within the household."""
    from db.models import Person

    person = line.resident.person
    stmt = select(Resident.id).join(Person, Resident.person_id == Person.id).where(Resident.deleted_at.is_(None))
    if person.id_number:  # checked and normalised in _check
        return session.scalar(stmt.where(Person.id_number == person.id_number))
    return session.scalar(stmt.where(Person.name == person.name, Resident.household_id == line.resident.household_id))


REGISTER = Register("residents", "人口房屋台账", COLUMNS, _check, _write, references=(GRIDS,), identity=_identity,
                    can_update=True)
