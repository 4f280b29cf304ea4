"""The residents register as the office's 人口台账: one line per resident with the address split
the way the ledger import reads it (网格编号, 楼栋, 单元, 楼层, 门牌号), for the Excel export.

Sensitive care tags are on a line only when asked for (an unmasked export, by an account that
may see them): a masked export leaves them out, as every print does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.care_tags import may_see_sensitive
from db.listing import load_rows
from db.models import Building, CareTag, Grid, Household, Person, Resident, ResidentTag, Room


@dataclass(frozen=True)
class LedgerLine:
    grid_code: str
    building: str
    unit: int | None
    floor: int | None
    number: str
    name: str
    gender: str | None
    id_number: str
    relation: str
    phone: str
    hukou_place: str
    residence: str
    political_status: str
    registration: str
    purpose: str
    tags: tuple[str, ...]
    notes: str


def ledger_lines(session: Session, ids: Sequence[int], *, sensitive: bool = False) -> list[LedgerLine]:
    """The residents `ids` as ledger lines, in that order; sensitive tags only when `sensitive`
    and the account may see them."""
    show_sensitive = sensitive and may_see_sensitive(session)

    def fetch(s: Session, chunk: Sequence[int]) -> dict[int, LedgerLine]:
        tags: dict[int, list[str]] = {}
        tag_stmt = (select(ResidentTag.resident_id, CareTag.name).join(CareTag, ResidentTag.tag_id == CareTag.id)
                    .where(ResidentTag.resident_id.in_(chunk), CareTag.deleted_at.is_(None))
                    .order_by(CareTag.sort_order, CareTag.id))
        if not show_sensitive:
            tag_stmt = tag_stmt.where(CareTag.sensitive.is_(False))
        for resident_id, name in s.execute(tag_stmt):
            tags.setdefault(resident_id, []).append(name)
        stmt = (select(Resident.id, Grid.code, Building.name, Room.unit, Room.floor, Room.number, Person.name,
                       Person.gender, Person.id_number, Resident.relation, Person.phone,
                       Resident.hukou_place, Resident.residence, Resident.political_status,
                       Household.registration, Room.purpose, Resident.notes)
                .join(Person, Resident.person_id == Person.id)
                .outerjoin(Household, Resident.household_id == Household.id)
                .outerjoin(Room, Household.room_id == Room.id)
                .outerjoin(Building, Room.building_id == Building.id)
                .outerjoin(Grid, Building.grid_id == Grid.id)
                .where(Resident.id.in_(chunk)))
        return {rid: LedgerLine(code or "", building or "", unit, floor, number or "", name, gender,
                                id_number or "", relation, phone or "", hukou or "", residence, political,
                                registration or "", purpose or "", tuple(tags.get(rid, ())), notes or "")
                for (rid, code, building, unit, floor, number, name, gender, id_number, relation, phone, hukou,
                     residence, political, registration, purpose, notes) in s.execute(stmt)}

    return load_rows(session, ids, fetch)
