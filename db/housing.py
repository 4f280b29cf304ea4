"""Buildings, rooms and households (实有房屋): checked and saved, one transaction per save (the
caller's), and listed as the 房屋 tree shows them — grid → building → room, with counts.

A building is named within its grid (3号楼 once per grid); a room by its unit and door number
within its building (2单元301 once per building), on a floor the building has (a basement is a
negative floor, there is no floor 0). A household lives in a room; its head (户主) is the
resident whose relation is 户主 (db.residents keeps that one).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from db.models import Building, Grid, Household, Person, Resident, Room
from db.validation import (
    ErrorCollector,
    FieldError,
    ValidationErrors,
    check_code,
    check_free_text,
    check_int,
    check_phone,
    clean_text,
    is_id,
)
from db.vocab import BUILDING_KINDS, HOUSEHOLD_REGISTRATIONS, ROOM_USES

MAX_UNITS = 50
MAX_FLOORS = 120
MAX_BASEMENT = 5


# --- buildings ---------------------------------------------------------------------------------

@dataclass
class BuildingInput:
    grid_id: int | None = None
    name: str = ""
    kind: str = "residential"
    units: int | str = 1
    floors: int | str = 1
    address: str = ""
    notes: str = ""


def live_record(session: Session, model: type, record_id: object) -> object | None:
    """The record a form points at when it is there and not in the recycle bin, else None."""
    found = session.get(model, record_id) if is_id(record_id) else None
    return found if found is not None and getattr(found, "deleted_at", None) is None else None


def _live(session: Session, model: type, record_id: object, field: str, label: str) -> object:
    """The live record a form points at, or a FieldError saying it has gone."""
    found = live_record(session, model, record_id)
    if found is None:
        raise FieldError(field, label, "所选记录已不存在或在回收站中，请重新选择")
    return found


def save_building(session: Session, raw: BuildingInput, building_id: int | None = None) -> Building:
    building = session.get(Building, building_id) if is_id(building_id) else None
    if building_id is not None and building is None:
        raise ValidationErrors([FieldError("name", "楼栋", "该楼栋已不存在，请刷新后重试")])
    errors = ErrorCollector()
    grid = errors.check(_live, session, Grid, raw.grid_id, "grid_id", "所在网格")
    name = clean_text(errors.check(check_free_text, raw.name, "name", "楼栋", max_len=40, required=True) or "")
    errors.check(check_code, raw.kind, BUILDING_KINDS, "kind", "楼栋类型")
    units = errors.check(check_int, raw.units, "units", "单元数", 1, MAX_UNITS)
    floors = errors.check(check_int, raw.floors, "floors", "层数", 1, MAX_FLOORS)
    address = errors.check(check_free_text, raw.address, "address", "地址", max_len=200) or ""
    notes = errors.check(check_free_text, raw.notes, "notes", "备注", max_len=2000, multiline=True) or ""
    if grid is not None and name:
        clash = session.scalar(select(Building.id).where(Building.grid_id == raw.grid_id, Building.name == name,
                                                         Building.id != (building_id or 0)))
        if clash is not None:
            errors.add(FieldError("name", "楼栋", f"“{name}”在该网格已经登记"))
    if building is not None and units is not None and floors is not None:
        outside = session.scalar(select(func.count()).select_from(Room).where(
            Room.building_id == building.id, Room.deleted_at.is_(None), (Room.unit > units) | (Room.floor > floors)))
        if outside:
            errors.add(FieldError("floors", "层数", f"有 {outside} 间房屋在更高的单元或楼层，请先修改这些房屋"))
    errors.raise_if_any()
    if building is None:
        building = Building()
        session.add(building)
    building.grid_id, building.name, building.kind = raw.grid_id, name, raw.kind  # type: ignore[assignment]
    building.units, building.floors = units or 1, floors or 1
    building.address, building.notes = address, notes
    session.flush()
    return building


# --- rooms -------------------------------------------------------------------------------------

@dataclass
class RoomInput:
    building_id: int | None = None
    unit: int | str = 1
    floor: int | str = 1
    number: str = ""
    purpose: str = "owner"
    notes: str = ""


def save_room(session: Session, raw: RoomInput, room_id: int | None = None) -> Room:
    room = session.get(Room, room_id) if is_id(room_id) else None
    if room_id is not None and room is None:
        raise ValidationErrors([FieldError("number", "门牌号", "该房屋已不存在，请刷新后重试")])
    errors = ErrorCollector()
    building = errors.check(_live, session, Building, raw.building_id, "building_id", "楼栋")
    units = building.units if isinstance(building, Building) else MAX_UNITS
    floors = building.floors if isinstance(building, Building) else MAX_FLOORS
    unit = errors.check(check_int, raw.unit, "unit", "单元", 1, units,
                        problem=f"应为1到{units}之间的整数（该楼栋的单元）")
    floor = errors.check(check_int, raw.floor, "floor", "楼层", -MAX_BASEMENT, floors,
                         problem=f"应为-{MAX_BASEMENT}到{floors}之间的整数（地下室为负数）")
    if floor == 0:
        errors.add(FieldError("floor", "楼层", "没有第0层：地上从1层起，地下室为-1层"))
    number = clean_text(errors.check(check_free_text, raw.number, "number", "门牌号", max_len=20, required=True) or "")
    errors.check(check_code, raw.purpose, ROOM_USES, "purpose", "房屋用途")
    notes = errors.check(check_free_text, raw.notes, "notes", "备注", max_len=2000, multiline=True) or ""
    if building is not None and unit is not None and number:
        clash = session.scalar(select(Room.id).where(Room.building_id == raw.building_id, Room.unit == unit,
                                                     Room.number == number, Room.id != (room_id or 0)))
        if clash is not None:
            errors.add(FieldError("number", "门牌号", f"{unit}单元{number}已经登记"))
    errors.raise_if_any()
    if room is None:
        room = Room()
        session.add(room)
    room.building_id, room.unit, room.floor = raw.building_id, unit, floor  # type: ignore[assignment]
    room.number, room.purpose, room.notes = number, raw.purpose, notes
    session.flush()
    return room


# --- households --------------------------------------------------------------------------------

@dataclass
class HouseholdInput:
    room_id: int | None = None
    registration: str = "registered"
    phone: str = ""
    notes: str = ""


def save_household(session: Session, raw: HouseholdInput, household_id: int | None = None) -> Household:
    household = session.get(Household, household_id) if is_id(household_id) else None
    if household_id is not None and household is None:
        raise ValidationErrors([FieldError("room_id", "门牌", "该户已不存在，请刷新后重试")])
    errors = ErrorCollector()
    errors.check(_live, session, Room, raw.room_id, "room_id", "门牌")
    errors.check(check_code, raw.registration, HOUSEHOLD_REGISTRATIONS, "registration", "户别")
    phone = errors.check(check_phone, raw.phone, "phone", "联系电话") or ""
    notes = errors.check(check_free_text, raw.notes, "notes", "备注", max_len=2000, multiline=True) or ""
    errors.raise_if_any()
    if household is None:
        household = Household()
        session.add(household)
    household.room_id, household.registration = raw.room_id, raw.registration  # type: ignore[assignment]
    household.phone, household.notes = phone, notes
    session.flush()
    return household


# --- the tree ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class TreeNode:
    """A line of the 房屋 tree: a grid, a building or a room, with what is under it."""

    kind: str  # grid / building / room
    id: int
    title: str
    households: int
    residents: int
    children: tuple[TreeNode, ...] = ()


def room_title(unit: int, number: str, units: int) -> str:
    """301, or 2单元301 in a building of several units."""
    return f"{unit}单元{number}" if units > 1 else number


def _counts(session: Session, by: object) -> dict[int, tuple[int, int]]:
    """(households, residents) per building or room (`by`: Room.building_id or Room.id)."""
    rows = session.execute(
        select(by, func.count(func.distinct(Household.id)), func.count(Resident.id))  # type: ignore[call-overload]
        .select_from(Room).join(Household, (Household.room_id == Room.id) & Household.deleted_at.is_(None))
        .outerjoin(Resident, (Resident.household_id == Household.id) & Resident.deleted_at.is_(None))
        .where(Room.deleted_at.is_(None)).group_by(by))
    return {key: (households, residents) for key, households, residents in rows}


def housing_tree(session: Session, *, grid_id: int | None = None) -> list[TreeNode]:
    """Grids, their buildings and rooms, with households and residents counted at each level.
    A grid's rooms are read when the tree opens: a few thousand rows at a community's size."""
    grids = session.execute(select(Grid.id, Grid.code, Grid.name).where(Grid.deleted_at.is_(None))
                            .where(Grid.id == grid_id if grid_id is not None else true())
                            .order_by(Grid.code)).all()
    buildings = session.execute(select(Building.id, Building.grid_id, Building.name, Building.units)
                                .where(Building.deleted_at.is_(None)).order_by(Building.name)).all()
    rooms = session.execute(select(Room.id, Room.building_id, Room.unit, Room.number)
                            .where(Room.deleted_at.is_(None)).order_by(Room.unit, Room.floor, Room.number)).all()
    per_room, per_building = _counts(session, Room.id), _counts(session, Room.building_id)
    units = {b.id: b.units for b in buildings}
    room_nodes: dict[int, list[TreeNode]] = {}
    for r in rooms:
        households, residents = per_room.get(r.id, (0, 0))
        room_nodes.setdefault(r.building_id, []).append(
            TreeNode("room", r.id, room_title(r.unit, r.number, units.get(r.building_id, 1)), households, residents))
    building_nodes: dict[int, list[TreeNode]] = {}
    for b in buildings:
        households, residents = per_building.get(b.id, (0, 0))
        building_nodes.setdefault(b.grid_id, []).append(
            TreeNode("building", b.id, b.name, households, residents, tuple(room_nodes.get(b.id, ()))))
    tree = []
    for g in grids:
        children = tuple(building_nodes.get(g.id, ()))
        tree.append(TreeNode("grid", g.id, f"{g.code} {g.name}", sum(c.households for c in children),
                             sum(c.residents for c in children), children))
    return tree



def household_choices(session: Session, grid_id: int | None = None) -> list[tuple[int, str]]:
    """(id, "3号楼 2单元301 王大爷") of every live household, in building and door order, for a
    form's household list (a few thousand at a community's size)."""
    stmt = (select(Household.id, Building.name, Building.units, Room.unit, Room.number, Person.name)
            .join(Room, Household.room_id == Room.id).join(Building, Room.building_id == Building.id)
            .outerjoin(Person, Household.head_id == Person.id)
            .where(Household.deleted_at.is_(None), Room.deleted_at.is_(None), Building.deleted_at.is_(None))
            .order_by(Building.name, Room.unit, Room.floor, Room.number, Household.id))
    if grid_id is not None:
        stmt = stmt.where(Building.grid_id == grid_id)
    return [(household_id, " ".join(p for p in (building, room_title(unit, number, units), head or "") if p))
            for household_id, building, units, unit, number, head in session.execute(stmt)]


def load_building_input(session: Session, building_id: int) -> BuildingInput:
    b = session.get_one(Building, building_id)
    return BuildingInput(b.grid_id, b.name, b.kind, b.units, b.floors, b.address, b.notes)


def load_room_input(session: Session, room_id: int) -> RoomInput:
    r = session.get_one(Room, room_id)
    return RoomInput(r.building_id, r.unit, r.floor, r.number, r.purpose, r.notes)


def load_household_input(session: Session, household_id: int) -> HouseholdInput:
    h = session.get_one(Household, household_id)
    return HouseholdInput(h.room_id, h.registration, h.phone, h.notes)


@dataclass(frozen=True)
class HouseholdRow:
    """A household of a room, as the 房屋 tab lists it."""

    id: int
    head: str
    registration: str
    phone: str
    residents: tuple[str, ...]


def room_households(session: Session, room_id: int) -> list[HouseholdRow]:
    """The live households of a room with their residents' names (the head first)."""
    households = session.execute(select(Household.id, Person.name, Household.registration, Household.phone)
                                 .outerjoin(Person, Household.head_id == Person.id)
                                 .where(Household.room_id == room_id, Household.deleted_at.is_(None))
                                 .order_by(Household.id)).all()
    names: dict[int, list[str]] = {}
    for household_id, name, relation in session.execute(
            select(Resident.household_id, Person.name, Resident.relation).join(Person, Resident.person_id == Person.id)
            .where(Resident.household_id.in_([h[0] for h in households]), Resident.deleted_at.is_(None))
            .order_by(Resident.id)):
        listed = names.setdefault(household_id or 0, [])
        listed.insert(0 if relation == "head" else len(listed), name)
    return [HouseholdRow(h_id, head or "", registration, phone, tuple(names.get(h_id, ())))
            for h_id, head, registration, phone in households]


def building_choices(session: Session) -> list[tuple[int, str]]:
    """(id, "WG01 3号楼") of every live building, by grid and name."""
    stmt = (select(Building.id, Grid.code, Building.name).join(Grid, Building.grid_id == Grid.id)
            .where(Building.deleted_at.is_(None), Grid.deleted_at.is_(None)).order_by(Grid.code, Building.name))
    return [(building_id, f"{code} {name}") for building_id, code, name in session.execute(stmt)]


@dataclass(frozen=True)
class HouseholdPlace:
    """Where a household lives: its title ("3号楼 2单元301 王大爷"), grid and building, for a form
    that starts from it (a visit, an incident reported on the visit)."""

    title: str
    grid_id: int
    building_id: int


def household_place(session: Session, household_id: int) -> HouseholdPlace | None:
    row = session.execute(
        select(Building.name, Building.units, Room.unit, Room.number, Person.name, Building.grid_id, Building.id)
        .select_from(Household).join(Room, Household.room_id == Room.id)
        .join(Building, Room.building_id == Building.id).outerjoin(Person, Household.head_id == Person.id)
        .where(Household.id == household_id)).first()
    if row is None:
        return None
    building, units, unit, number, head, grid_id, building_id = row
    title = " ".join(p for p in (building, room_title(unit, number, units), head or "") if p)
    return HouseholdPlace(title, grid_id, building_id)


def building_households(session: Session, building_id: int) -> list[tuple[int, str]]:
    """(id, "2单元301 王大爷") of a building's live households, in door order, for a round of visits."""
    stmt = (select(Household.id, Building.units, Room.unit, Room.number, Person.name)
            .join(Room, Household.room_id == Room.id).join(Building, Room.building_id == Building.id)
            .outerjoin(Person, Household.head_id == Person.id)
            .where(Room.building_id == building_id, Household.deleted_at.is_(None), Room.deleted_at.is_(None))
            .order_by(Room.unit, Room.floor, Room.number, Household.id))
    return [(household_id, " ".join(p for p in (room_title(unit, number, units), head or "") if p))
            for household_id, units, unit, number, head in session.execute(stmt)]
