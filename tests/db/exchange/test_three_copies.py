"""The office and two stations as three databases: work on all three while offline, bundles
exchanged in several orders, and at the end the three agree record for record, except what a
station is not given (the office's mediation files, the other station's applications).

The records are compared by what a person reads in them, not by UUID: a resident registered at
both stations is one person everywhere, but each station keeps the record it made under its
own UUID (the other's is its alias there).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db import recycle
from db.database import Database, open_database
from db.exchange.incoming import import_bundle
from db.exchange.outgoing import export_bundle, peer_named
from db.exchange.stations import create_station
from db.models import MediationCase, Person, ServiceActivity, ServiceLog, Volunteer
from db.service_logs import AttendeeInput
from tests.db.exchange.test_round_trip import office_name
from tests.db.test_mediation import case
from tests.db.test_mediation import save as save_case
from tests.db.test_volunteers import activity, add_volunteer, save

ORDERS = {
    # each step: (from, to); "O" the office, "A" and "B" the stations
    "stations_first": [("A", "O"), ("B", "O"), ("O", "A"), ("O", "B")],
    "interleaved": [("B", "O"), ("O", "B"), ("A", "O"), ("O", "A"), ("O", "B")],
    "late_station": [("A", "O"), ("O", "A"), ("O", "B"), ("B", "O"), ("O", "A"), ("O", "B")],
}


def volunteer_id(db: Database, name: str) -> int:
    with db.session() as s:
        return s.scalars(select(Volunteer.id).join(Person).where(Person.name == name)).one()


def person_of(s: Any, name: str) -> Person:
    return s.scalars(select(Person).where(Person.name == name, Person.deleted_at.is_(None))).one()


def picture(db: Database) -> dict[str, Any]:
    """What each register holds, as a person reads it."""
    with db.session() as s:
        return {
            "persons": sorted((p.name, p.birth_date, p.address, p.notes, p.deleted_at is None)
                              for p in s.scalars(select(Person))),
            "volunteers": sorted((v.person.name, v.number, v.status, v.deleted_at is None)
                                 for v in s.scalars(select(Volunteer))),
            "activities": sorted((a.project, a.held_on, a.deleted_at is None)
                                 for a in s.scalars(select(ServiceActivity))),
            "service_logs": sorted((g.activity.project, g.volunteer.person.name, float(g.hours), g.deleted_at is None)
                                   for g in s.scalars(select(ServiceLog))),
            "cases": sorted((c.number, c.status, c.facts) for c in s.scalars(select(MediationCase))),
        }


@pytest.mark.parametrize("order", list(ORDERS))
def test_three_copies_agree_after_their_offline_work_is_exchanged(db: Database, tmp_path: Path, order: str) -> None:
    office = db
    add_volunteer(office, "张三", "111")
    add_volunteer(office, "李四", "222")
    save(office, activity([AttendeeInput(volunteer_id(office, "张三"), "3"),
                           AttendeeInput(volunteer_id(office, "李四"), "2")], project="敬老院慰问"))
    copies = {"O": office}
    for key, name in (("A", "幸福驿站"), ("B", "和谐服务站")):
        create_station(office, name, tmp_path / f"{key}.sqlite3")
        copies[key] = open_database(tmp_path / f"{key}.sqlite3", create=False)
    names = {"O": office_name(office), "A": "幸福驿站", "B": "和谐服务站"}
    try:
        a, b = copies["A"], copies["B"]
        # --- offline, on all three ---
        with office.session() as s, s.begin():
            person_of(s, "张三").notes = "办公室：已搬至3号楼"
        add_volunteer(office, "王五", "333")
        save_case(office, case(facts="办公室自己的案件"))

        add_volunteer(a, "赵六", "444")  # registered at both stations: one person in the end
        save(a, activity([AttendeeInput(volunteer_id(a, "张三"), "2.5"), AttendeeInput(volunteer_id(a, "赵六"), "2")],
                         project="垃圾分类宣传", held_on="2026-11-20"))
        with a.session() as s, s.begin():
            person_of(s, "李四").address = "幸福路8号"
        save_case(a, case(facts="驿站收到的申请", status="applied"))

        add_volunteer(b, "赵六", "444")
        save(b, activity([AttendeeInput(volunteer_id(b, "赵六"), "1.5")], project="社区义诊", held_on="2026-11-22"))
        with b.session() as s, s.begin():
            gone = s.scalars(select(ServiceActivity.id).where(ServiceActivity.project == "敬老院慰问")).one()
            recycle.delete(s, "activities", [gone])

        # --- the bundles ---
        for step, (source, target) in enumerate(ORDERS[order]):
            out = tmp_path / f"{step}-{source}{target}.zip"
            with copies[source].session() as s, s.begin():
                export_bundle(s, peer_named(s, names[target]), out)
            with copies[target].session() as s, s.begin():
                import_bundle(s, out)

        # --- the three agree ---
        seen = {key: picture(copy) for key, copy in copies.items()}
        for register in ("persons", "volunteers", "activities", "service_logs"):
            assert seen["A"][register] == seen["O"][register], register
            assert seen["B"][register] == seen["O"][register], register
        assert [p[0] for p in seen["O"]["persons"]] == ["张三", "李四", "王五", "赵六"]  # 赵六 once
        assert ("敬老院慰问", date(2026, 3, 5), False) in seen["O"]["activities"]  # B's deletion: in the bin
        assert all("-临-" not in v[1] for v in seen["O"]["volunteers"])  # official numbers everywhere
        station_case = [c for c in seen["O"]["cases"] if c[2] == "驿站收到的申请"]
        assert len(seen["O"]["cases"]) == 2 and station_case[0][1] == "applied"
        assert seen["A"]["cases"] == station_case and seen["B"]["cases"] == []  # the office's files stay there
    finally:
        for key in ("A", "B"):
            copies[key].close()
