"""The residents list (居民 tab): ids in display order for a filter, and the page's rows.

It works as the members list does (db.members): by name, the ids come from one scan of the
covering index ix_residents_list, the search a LIKE on its copy of the person's keys, the best
matches first without ranking every match (db.listing.ranked_first_ids); the page's rows are
then read by id as plain values. Filters: a grid (through the household's room and building),
a care tag, 常住 or 流动.

A sensitive care tag is neither a filter nor shown for an account without the right to see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.care_tags import may_see_sensitive
from db.housing import room_title
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
from db.models import Building, CareTag, Grid, Household, Person, Resident, ResidentTag, Room

SORT_KEYS = {"name": Resident.name_sort, "birth_date": Person.birth_date, "relation": Resident.relation,
             "residence": Resident.residence}


@dataclass(frozen=True)
class ResidentFilter:
    text: str = ""
    grid_id: int | None = None
    tag_id: int | None = None
    residence: str | None = None  # permanent / floating


@dataclass(frozen=True)
class ResidentRow:
    """One line of the residents table: plain values, ready to show."""

    id: int
    person_id: int
    name: str
    gender: str | None
    birth_date: date | None
    id_number: str
    phone: str
    grid: str
    address: str  # 3号楼 2单元301
    relation: str
    residence: str
    political_status: str
    tags: tuple[str, ...]


def resident_ids(session: Session, f: ResidentFilter, sort: Sort = Sort(),  # noqa: B008
                 limit: int | None = None) -> list[int]:
    """Ids of the live residents matching the filter, in display order (the first `limit` only)."""
    stmt = select(Resident.id).where(Resident.deleted_at.is_(None))
    if (cond := text_condition(f.text, Resident.search_text)) is not None:
        stmt = stmt.where(cond)
    if f.residence:
        stmt = stmt.where(Resident.residence == f.residence)
    if f.grid_id is not None:
        in_grid = (select(Household.id).join(Room, Household.room_id == Room.id)
                   .join(Building, Room.building_id == Building.id).where(Building.grid_id == f.grid_id))
        stmt = stmt.where(Resident.household_id.in_(in_grid))
    if f.tag_id is not None:
        tags = select(ResidentTag.resident_id).join(CareTag, ResidentTag.tag_id == CareTag.id).where(
            ResidentTag.tag_id == f.tag_id)
        if not may_see_sensitive(session):
            tags = tags.where(CareTag.sensitive.is_(False))
        stmt = stmt.where(Resident.id.in_(tags))
    rank = search_rank(f.text, Resident.search_text, Resident.name_sort)
    key = sort.key if sort.key in SORT_KEYS else "name"
    if key == "name":
        direction = (lambda c: c.desc()) if sort.descending else (lambda c: c.asc())
        order = (direction(Resident.name_sort), direction(Resident.search_text), Resident.id)
        if rank is not None and not sort.key:
            surname = surname_letter(f.text, Resident.name_sort, session.get_bind().dialect.name)
            if limit is not None and surname is not None:
                return ranked_first_ids(session, stmt, f.text, Resident.search_text, Resident.name_sort, surname,
                                        order, limit)
            stmt = stmt.order_by(rank)
        return fetch_ids(session, stmt.order_by(*order).limit(limit))
    if key == "birth_date":
        stmt = stmt.join(Person, Resident.person_id == Person.id)
    return fetch_ids(session, ordered(stmt, sort, SORT_KEYS, "name", Resident.id, rank).limit(limit))


def _fetch_rows(session: Session, ids: Sequence[int]) -> dict[int, ResidentRow]:
    stmt = (select(Resident.id, Person.id, Person.name, Person.gender, Person.birth_date, Person.id_number,
                   Person.phone, Grid.code, Grid.name, Building.name, Building.units, Room.unit, Room.number,
                   Resident.relation, Resident.residence, Resident.political_status)
            .join(Person, Resident.person_id == Person.id)
            .outerjoin(Household, Resident.household_id == Household.id)
            .outerjoin(Room, Household.room_id == Room.id)
            .outerjoin(Building, Room.building_id == Building.id)
            .outerjoin(Grid, Building.grid_id == Grid.id)
            .where(Resident.id.in_(ids)))
    tags: dict[int, list[str]] = {}
    tag_stmt = (select(ResidentTag.resident_id, CareTag.name).join(CareTag, ResidentTag.tag_id == CareTag.id)
                .where(ResidentTag.resident_id.in_(ids), CareTag.deleted_at.is_(None))
                .order_by(CareTag.sort_order, CareTag.id))
    if not may_see_sensitive(session):
        tag_stmt = tag_stmt.where(CareTag.sensitive.is_(False))
    for resident_id, name in session.execute(tag_stmt):
        tags.setdefault(resident_id, []).append(name)
    rows: dict[int, ResidentRow] = {}
    for (resident_id, person_id, name, gender, birth_date, id_number, phone, grid_code, grid_name, building,
         units, unit, number, relation, residence, political) in session.execute(stmt):
        address = f"{building} {room_title(unit, number, units)}" if building is not None else ""
        rows[resident_id] = ResidentRow(
            id=resident_id, person_id=person_id, name=name, gender=gender, birth_date=birth_date,
            id_number=id_number or "", phone=phone, grid=f"{grid_code} {grid_name}" if grid_code else "",
            address=address, relation=relation, residence=residence, political_status=political,
            tags=tuple(tags.get(resident_id, ())))
    return rows


def resident_rows(session: Session, ids: Sequence[int]) -> list[ResidentRow]:
    return load_rows(session, ids, _fetch_rows)
