"""What a station holds of the office's community: the reference data its work needs, not the
office's files.

A station copy starts with (stations.create_station):
- the party organisations, members, meetings, attendance and meeting plans (it takes attendance);
- the grids and their grid workers;
- the volunteers, their activities and service hours;
- the grids' buildings, rooms, households and residents, and the care tags (visits are made
  from stations);
- the persons who are members, volunteers, grid workers or residents, or hold a points account
  or a good-deed claim, and no one else;
- the moral bank: accounts, their lines, claims, the catalogue and its stock, redemptions (a
  station redeems at its counter, offline, within an allowance: db.bank.allowance);
- the office settings, the accounts, the point rules and rating indicators (reference lists).
It starts without:
- the mediation register (mediators, cases, their parties and follow-up visits): confidential,
  and 受理 stays at the office. A station records applications, and gets those back with the
  office's answer (their official number, 受理 or 不予受理);
- the members' points, status history and star ratings: the office's bookkeeping.

What the office sends a station later keeps to the same (for_station): the changes of a register
the station does not hold are left out, except those of the cases that came from that station
(with their parties and follow-ups); a person's changes go to it when the person is a member,
volunteer or grid worker, came from that station, or is named by a case that did. A record sent
that names a person (a new volunteer of someone registered before as a resident only) brings
the person's whole record with it (`given`), which the station adds if it lacks it. A station
made with numbers masked gets them masked in everything sent to it too. An incident that became
a mediation case reaches a station without the link to the case (which stays at the office).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, Table, delete, select, union_all, update
from sqlalchemy.orm import Session

from db.exchange.clocks import now_text
from db.exchange.journal import JournalEntry
from db.models import Base, ChangeJournalEntry, ExchangePeer
from db.validation import mask_id_number, mask_phone

# In the order they are emptied (what points at a table before it).
NOT_GIVEN = ("mediation_follow_ups", "mediation_parties", "mediation_cases", "mediators", "point_entries",
             "member_status_changes", "rating_scores")
# A person with one of these is a station's (residents: grid workers visit them from stations).
ROLES = ("volunteers", "party_members", "grid_workers", "residents")
# And a person the moral bank knows (an account holder, a claim's resident): the station's
# counter serves them.
BANK_HOLDERS = ("bank_accounts", "bank_claims")
CASE_PARTS = ("mediation_parties", "mediation_follow_ups")
DERIVED = frozenset({"id", "name_sort", "search_text"})  # a person's columns the program makes again
CHUNK = 500


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def trim_for_station(session: Session) -> None:
    """Leave out of a new station copy what a station does not hold (before its journal starts:
    this is how the copy is made, not its work). The file is compacted afterwards
    (stations.create_station), so the rows left out are not in its free pages either."""
    incidents = _table("incidents")
    session.execute(update(incidents).values(case_id=None))  # the case it became stays at the office
    for name in NOT_GIVEN:
        session.execute(delete(_table(name)))
    persons = _table("persons")
    holders = union_all(*(select(_table(name).c.person_id) for name in ROLES),
                        *(select(_table(name).c.person_id).where(_table(name).c.person_id.is_not(None))
                          for name in BANK_HOLDERS))
    session.execute(delete(persons).where(persons.c.id.not_in(holders)))


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    ordered = sorted(set(values))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start:start + CHUNK]


def _from_station(station: str, table: str) -> Select[Any]:
    """The ids of the records of `table` that came from the station (their insert is its work)."""
    return select(ChangeJournalEntry.row_id).where(
        ChangeJournalEntry.table_name == table, ChangeJournalEntry.origin == station, ChangeJournalEntry.op == "insert")


def _stations_persons(session: Session, station: str, person_ids: set[int], case_ids: set[int]) -> set[int]:
    """Of `person_ids`, those the station holds: members, volunteers, grid workers, persons it
    registered, and parties of its cases."""
    kept: set[int] = set()
    parties = _table("mediation_parties")
    for chunk in _chunks(person_ids):
        for name in ROLES + BANK_HOLDERS:
            column = _table(name).c.person_id
            kept.update(session.scalars(select(column).where(column.in_(chunk))))
        kept.update(session.scalars(_from_station(station, "persons").where(
            ChangeJournalEntry.row_id.in_(chunk))))
        if case_ids:
            kept.update(session.scalars(select(parties.c.person_id).where(
                parties.c.person_id.in_(chunk), parties.c.case_id.in_(sorted(case_ids)))))
    return kept


def _case_of(entry: JournalEntry) -> int | None:
    values = entry.new or entry.old or {}
    case = values.get("case_id")
    return int(case) if case is not None else None


def for_station(session: Session, peer: ExchangePeer, changes: list[JournalEntry],
                origin: str) -> tuple[list[JournalEntry], list[JournalEntry]]:
    """The changes a station gets of `changes`, and the persons given with them."""
    cases = _table("mediation_cases")
    case_ids = set(session.scalars(select(cases.c.id).where(
        cases.c.id.in_(_from_station(peer.peer_uuid, "mediation_cases")))))
    persons = _stations_persons(session, peer.peer_uuid, {c.row_id for c in changes if c.table == "persons"},
                                case_ids)
    kept = []
    for change in changes:
        if change.table == "mediation_cases":
            wanted = change.row_id in case_ids
        elif change.table in CASE_PARTS:
            wanted = _case_of(change) in case_ids
        elif change.table == "persons":
            wanted = change.row_id in persons
        else:
            wanted = change.table not in NOT_GIVEN
        if wanted:
            kept.append(change)
    kept = [_without_case(c) for c in kept]
    given = _given_persons(session, kept, origin)
    if peer.numbers_masked:
        kept, given = [_masked(c) for c in kept], [_masked(g) for g in given]
    return kept, given


def _without_case(entry: JournalEntry) -> JournalEntry:
    """An incident as a station holds it: without the mediation case it became (the office's)."""
    if entry.table != "incidents":
        return entry

    def drop(values: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if values is None else {**values, "case_id": None}

    return JournalEntry(**{**entry.__dict__, "old": drop(entry.old), "new": drop(entry.new)})


def _given_persons(session: Session, changes: list[JournalEntry], origin: str) -> list[JournalEntry]:
    """The whole record of every person the changes name (a member's, a volunteer's, a party's
    person) and do not add themselves, as an insert of it."""
    named: set[int] = set()
    for change in changes:
        person = (change.new or {}).get("person_id")
        if person is not None and change.table != "persons":
            named.add(int(person))
    named -= {c.row_id for c in changes if c.table == "persons" and c.op == "insert"}
    persons = _table("persons")
    columns = [c for c in persons.c if c.name not in DERIVED]
    given: list[JournalEntry] = []
    at = now_text()
    for chunk in _chunks(named):
        for row in session.execute(select(persons.c.id, *columns).where(persons.c.id.in_(chunk))):
            values = {c.name: _plain(getattr(row, c.name)) for c in columns}
            given.append(JournalEntry(seq=0, at=at, table="persons", row_id=row.id, row_uuid=values["uuid"],
                                      op="insert", old=None, new=values, origin=origin))
    return given


def _plain(value: Any) -> Any:
    """A value as the journal's JSON holds it."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _masked(entry: JournalEntry) -> JournalEntry:
    """The entry as a station given masked numbers gets it: no ID number in a person, ID numbers
    and phones masked as the masked rosters show them."""
    if entry.table not in ("persons", "mediation_parties"):
        return entry

    def mask(values: dict[str, Any] | None) -> dict[str, Any] | None:
        if values is None:
            return None
        out = dict(values)
        if "phone" in out:
            out["phone"] = mask_phone(out["phone"] or "")
        if "id_number" in out:
            out["id_number"] = None if entry.table == "persons" else (mask_id_number(out["id_number"] or "") or None)
        return out

    return JournalEntry(**{**entry.__dict__, "old": mask(entry.old), "new": mask(entry.new)})
