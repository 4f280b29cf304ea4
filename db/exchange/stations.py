"""Making a station copy (服务站/驿站): a database of its own, made from the office's, that
works offline and exchanges its work with the office in bundles.

The station gets the office's community as a copy does (db.copying: the registers with their
UUIDs, the accounts with their passwords, the office settings), less what a station does not
hold (db.exchange.scope: the mediation files, residents who are not members, volunteers or grid
workers, the members' points), with phone numbers masked and ID numbers left out unless the
administrator includes them, and an identity of its own: a station of this
office, which has the office as its only peer. The office, given an identity as the office the
first time, has the station as a peer. Both start from the same point: the office's changes up
to the moment of the copy are in the station already (the office's journal position is taken
just before the copy, so a change made during it is sent again and found there), and the
station's own journal starts empty.

The numbers are masked before the station's journal starts: the masking is how the station
was made, not its work, and is not sent back. What a station's account may do there is its
role's, as at the office: the window at a station offers the office's registers, with official
numbers (volunteers, cases) given provisionally (db.exchange.numbers).
"""

from __future__ import annotations

import sqlite3
import uuid as uuid_module
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db import gate, search_keys
from db.copying import Progress, copy_to_file
from db.database import Database
from db.exchange.journal import ExchangeError, last_seq, start_journal, this_copy
from db.exchange.scope import trim_for_station
from db.models import CopyIdentity, ExchangePeer, MediationParty, PartyMember, Person
from db.office import get_setting
from db.permissions import actor_of, require
from db.validation import mask_id_number, mask_phone

MAX_NAME = 60


@dataclass(frozen=True)
class StationMade:
    path: Path
    station_uuid: str
    office_uuid: str
    rows: int
    numbers_masked: bool


def create_station(office: Database, name: str, out: Path, *, include_numbers: bool = False,
                   progress: Progress | None = None) -> StationMade:
    """Write the station copy `name` of the office database at `out` (a new file), and register
    it at the office. An administrator's work where the office has accounts."""
    name = name.strip()
    if not name:
        raise ExchangeError("请填写服务站的名称。")
    if len(name) > MAX_NAME:
        raise ExchangeError(f"服务站名称超过 {MAX_NAME} 个字符。")
    out = Path(out)
    if out.exists():
        raise ExchangeError(f"“{out}”已存在：服务站副本只写入新文件，请换一个文件名。")
    with office.session() as s, s.begin():
        if gate.guarded(s):
            require(actor_of(s), "accounts")
        here = this_copy(s) or start_journal(s, get_setting(s, "community_name") or "办公室", "office")
        if here.kind != "office":
            raise ExchangeError("这是服务站副本：服务站副本只能由办公室制作。")
        if s.scalars(select(ExchangePeer).where(ExchangePeer.name == name)).first() is not None:
            raise ExchangeError(f"已经有名为“{name}”的服务站，请换一个名称。")
        office_uuid, office_name, mark, registers = here.uuid, here.name, last_seq(s), here.station_registers
    station_uuid = str(uuid_module.uuid4())

    def set_up(station: Session) -> None:
        trim_for_station(station)
        if not include_numbers:
            _mask_numbers(station)
        station.add(CopyIdentity(uuid=station_uuid, name=name, kind="station", office_uuid=office_uuid,
                                 station_registers=registers))
        station.add(ExchangePeer(peer_uuid=office_uuid, name=office_name, kind="office", received_up_to=mark))
        station.flush()

    result = copy_to_file(office, out, progress=progress, finish=set_up)
    _compact(out)
    with office.session() as s, s.begin():
        s.add(ExchangePeer(peer_uuid=station_uuid, name=name, kind="station", acked_up_to=mark, sent_up_to=mark,
                           numbers_masked=not include_numbers))
    return StationMade(path=out, station_uuid=station_uuid, office_uuid=office_uuid, rows=result.rows,
                       numbers_masked=not include_numbers)


def _compact(path: Path) -> None:
    """Rewrite the new file without its free pages: the rows left out of a station (the
    mediation files, other residents, the numbers before masking) are not in it at all."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("VACUUM")


def _mask_numbers(session: Session) -> None:
    """Phone numbers as the masked rosters show them, and ID numbers masked in a case's parties and
    left out of the persons (a person's ID number is unique in a community, and two masked
    numbers are often alike: 410302********1234); a person's search keys (which hold the
    numbers) made again, and the members' copies of them with them."""
    people = session.execute(select(Person.id, Person.name, Person.id_number, Person.phone)).all()
    for person_id, name, _id_number, phone in people:
        masked_phone = mask_phone(phone or "")
        keys = search_keys.search_text(name, id_number="", phone=masked_phone)
        session.execute(update(Person).where(Person.id == person_id).values(
            id_number=None, phone=masked_phone, search_text=keys))
        session.execute(update(PartyMember).where(PartyMember.person_id == person_id).values(search_text=keys))
    parties = session.execute(select(MediationParty.id, MediationParty.id_number, MediationParty.phone)).all()
    for party_id, id_number, phone in parties:
        session.execute(update(MediationParty).where(MediationParty.id == party_id).values(
            id_number=mask_id_number(id_number or "") or None, phone=mask_phone(phone or "")))
