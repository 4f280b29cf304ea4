"""A station copy made from an office and the two exchanging bundles, on the engine of the run
(the office; a station is always a file): records added on each side reach the other, edits of
different fields are both kept, the same field changed on both keeps the office's value with a
conflict waiting at the office, deletions go into the recycle bin, a bundle applied twice
applies nothing, and an interrupted import leaves nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from db.database import Database, open_database
from db.exchange.incoming import import_bundle
from db.exchange.journal import ExchangeError, this_copy
from db.exchange.outgoing import export_bundle, peer_named
from db.exchange.stations import create_station
from db.mediation import save_case as save_case_in
from db.models import ExchangeConflict, ExchangePeer, Person, ServiceLog, Volunteer
from db.service_logs import AttendeeInput
from db.validation import ValidationErrors
from tests.db.test_volunteers import activity, add_volunteer, save


def send(source: Database, peer: str, target: Database, out: Path) -> dict[str, int]:
    with source.session() as s, s.begin():
        export_bundle(s, peer_named(s, peer), out)
    with target.session() as s, s.begin():
        return import_bundle(s, out).counts()


def person(db: Database, name: str) -> Person:
    with db.session() as s:
        return s.scalars(select(Person).where(Person.name == name)).one()


def test_the_station_is_a_copy_with_an_identity_and_numbers_masked(pair) -> None:  # type: ignore[no-untyped-def]
    office, station = pair
    with office.session() as so, station.session() as ss:
        me, there = this_copy(so), this_copy(ss)
        assert me.kind == "office" and there.kind == "station" and there.office_uuid == me.uuid
        assert ss.scalars(select(ExchangePeer.name)).all() == [me.name]
        assert so.scalars(select(ExchangePeer.name)).all() == ["幸福驿站"]
        zhang = ss.scalars(select(Person).where(Person.name == "张三")).one()
        assert zhang.id_number is None and zhang.phone == "138****5678"
        assert "13812345678" not in zhang.search_text
        assert zhang.uuid == so.scalars(select(Person.uuid).where(Person.name == "张三")).one()


def test_work_at_the_station_reaches_the_office_once(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = pair
    newcomer = add_volunteer(station, "王五", "333")
    zhang = person(station, "张三")
    with station.session() as s:
        zhang_volunteer = s.scalars(select(Volunteer.id).where(Volunteer.person_id == zhang.id)).one()
    save(station, activity([AttendeeInput(volunteer_id=newcomer, hours="2"),
                            AttendeeInput(volunteer_id=zhang_volunteer, hours="3")]))
    counts = send(station, office_name(office), office, tmp_path / "up.zip")
    # the volunteer, person, activity, two lines, and the two points accounts the hours opened
    assert counts == {"applied": 7, "skipped": 0, "conflicts": 0, "persons_merged": 0}
    with office.session() as s:
        wang = s.scalars(select(Person).where(Person.name == "王五")).one()
        assert wang.id_number and wang.search_text.startswith("王五|")
        hours = s.execute(select(Person.name, ServiceLog.hours).join(Volunteer, Volunteer.person_id == Person.id)
                          .join(ServiceLog, ServiceLog.volunteer_id == Volunteer.id)).all()
        assert sorted(hours) == [("张三", 3.0), ("王五", 2.0)]
        assert s.scalars(select(Person.phone).where(Person.name == "张三")).one() == "13812345678"  # not masked
    again = send(station, office_name(office), office, tmp_path / "up-again.zip")  # not acknowledged yet
    assert again["applied"] == 0


def office_name(office: Database) -> str:
    with office.session() as s:
        return this_copy(s).name


def test_edits_of_different_fields_are_both_kept_and_the_same_field_waits_at_the_office(
        pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = pair
    with station.session() as s, s.begin():
        s.execute(text("UPDATE persons SET address = '幸福路1号', notes = '驿站改' WHERE name = '张三'"))
    with office.session() as s, s.begin():
        s.execute(text("UPDATE persons SET gender = '女', notes = '办公室改' WHERE name = '张三'"))
    counts = send(station, office_name(office), office, tmp_path / "up.zip")
    assert counts["applied"] == 1 and counts["conflicts"] == 1
    zhang = person(office, "张三")
    assert (zhang.address, zhang.gender, zhang.notes) == ("幸福路1号", "女", "办公室改")
    with office.session() as s:
        (conflict,) = s.scalars(select(ExchangeConflict)).all()
        assert (conflict.field, conflict.office_value, conflict.station_value, conflict.station_name) == (
            "notes", '"办公室改"', '"驿站改"', "幸福驿站")
    # Back at the station: the office's edits, the office's value of the contested field.
    counts = send(office, "幸福驿站", station, tmp_path / "down.zip")
    zhang = person(station, "张三")
    assert (zhang.address, zhang.gender, zhang.notes) == ("幸福路1号", "女", "办公室改")
    with office.session() as s:  # the station acknowledges the office's bundle with its own next one
        assert s.scalars(select(ExchangePeer.acked_up_to)).one() == 0


def test_a_deletion_goes_into_the_recycle_bin_and_a_bundle_applies_once(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = pair
    with office.session() as s, s.begin():
        s.execute(text("DELETE FROM volunteers WHERE person_id = (SELECT id FROM persons WHERE name = '李四')"))
    out = tmp_path / "down.zip"
    assert send(office, "幸福驿站", station, out)["applied"] == 1
    with station.session() as s:
        li = s.scalars(select(Volunteer).join(Person).where(Person.name == "李四")).one()
        assert li.deleted_at is not None
    with station.session() as s, s.begin():
        assert import_bundle(s, out).counts() == {"applied": 0, "skipped": 1, "conflicts": 0, "persons_merged": 0}


def test_a_person_registered_on_both_sides_is_one_person(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = pair
    add_volunteer(office, "赵六", "444")
    add_volunteer(station, "赵六", "444")  # the same ID number, typed at the station
    counts = send(station, office_name(office), office, tmp_path / "up.zip")
    assert counts["persons_merged"] == 1
    with office.session() as s:
        assert len(s.scalars(select(Person).where(Person.name == "赵六")).all()) == 1


def test_a_failed_import_leaves_nothing(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = pair
    add_volunteer(station, "王五", "333")
    out = tmp_path / "up.zip"
    with station.session() as s, s.begin():
        export_bundle(s, peer_named(s, office_name(office)), out)
    with pytest.raises(RuntimeError), office.session() as s, s.begin():
        import_bundle(s, out)
        raise RuntimeError("the PC is switched off before the commit")
    with office.session() as s:
        assert s.scalars(select(Person).where(Person.name == "王五")).all() == []
        assert s.scalars(select(ExchangePeer.received_up_to)).one() == 0
    with office.session() as s, s.begin():
        assert import_bundle(s, out).applied == 2


def test_a_bundle_from_an_unknown_copy_is_refused(pair, tmp_path: Path, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = pair
    create_station(office, "平安驿站", tmp_path / "other.sqlite3")
    out = tmp_path / "to-other.zip"
    with office.session() as s, s.begin():
        export_bundle(s, peer_named(s, "平安驿站"), out)
    with station.session() as s, pytest.raises(ExchangeError, match="是给“平安驿站”的"):
        import_bundle(s, out)


def test_a_station_numbers_provisionally_and_the_office_officially(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = pair
    add_volunteer(station, "王五", "333")
    with station.session() as s:
        assert s.scalars(select(Volunteer.number).join(Person).where(Person.name == "王五")).one() == "幸福驿站-临-0001"
    add_volunteer(office, "孙七", "555")  # takes V0003 at the office meanwhile
    send(station, office_name(office), office, tmp_path / "up.zip")
    with office.session() as s:
        numbers = dict(s.execute(select(Person.name, Volunteer.number).join(Volunteer)).all())
    assert numbers == {"张三": "V0001", "李四": "V0002", "孙七": "V0003", "王五": "V0004"}
    send(office, "幸福驿站", station, tmp_path / "down.zip")  # the official number goes back
    with station.session() as s:
        assert s.scalars(select(Volunteer.number).join(Person).where(Person.name == "王五")).one() == "V0004"


def test_a_station_clock_far_ahead_is_warned_at_import_and_at_the_next_export(
        pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json
    import zipfile

    office, station = pair
    add_volunteer(station, "王五", "333")
    out = tmp_path / "up.zip"
    with station.session() as s, s.begin():
        export_bundle(s, peer_named(s, office_name(office)), out)
    ahead = tmp_path / "ahead.zip"  # as written on a PC whose date is a month ahead (the manifest is not hashed)
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(ahead, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["written_at"] = "2099-01-01 00:00:00"
                data = json.dumps(manifest).encode()
            zout.writestr(item.filename, data)
    with office.session() as s, s.begin():
        result = import_bundle(s, ahead)
    assert result.applied == 2 and len(result.warnings) == 1 and "幸福驿站" in result.warnings[0]
    with office.session() as s, s.begin():
        exported = export_bundle(s, peer_named(s, "幸福驿站"), tmp_path / "down.zip")
    assert exported.warnings and "快了" in exported.warnings[0]


def test_a_station_restored_from_an_old_backup_is_told_and_loses_nothing(
        pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    office, station = pair
    station_path = Path(station.path)
    add_volunteer(station, "王五", "333")
    send(station, office_name(office), office, tmp_path / "up1.zip")
    station.close()
    backup = tmp_path / "backup.sqlite3"
    shutil.copy(station_path, backup)  # the backup, taken here
    station = open_database(station_path, create=False)
    add_volunteer(station, "赵六", "444")  # after the backup: reaches the office, then the disk dies
    send(station, office_name(office), office, tmp_path / "up2.zip")
    station.close()
    shutil.copy(backup, station_path)  # restored from the old backup: 赵六 is gone here
    station = open_database(station_path, create=False)
    try:
        add_volunteer(station, "孙七", "555")  # new work after the restore, numbered as 赵六's was
        with station.session() as s, s.begin():
            export_bundle(s, peer_named(s, office_name(office)), tmp_path / "up3.zip")
        with office.session() as s, s.begin(), pytest.raises(ExchangeError, match="从旧备份恢复"):
            import_bundle(s, tmp_path / "up3.zip")  # refused whole: 孙七 would be taken for 赵六's changes
        # The office's next bundle tells the station; it renumbers its new work and asks for everything.
        with office.session() as s, s.begin():
            export_bundle(s, peer_named(s, "幸福驿站"), tmp_path / "down1.zip")
        with station.session() as s, s.begin():
            result = import_bundle(s, tmp_path / "down1.zip")
        assert any("从旧备份恢复" in w for w in result.warnings)
        send(station, office_name(office), office, tmp_path / "up4.zip")
        send(office, "幸福驿站", station, tmp_path / "down2.zip")  # everything again
        for db in (office, station):
            with db.session() as s:
                names = set(s.scalars(select(Person.name).join(Volunteer)).all())
            assert {"王五", "赵六", "孙七"} <= names, db.path
        with office.session() as s:
            assert len(s.scalars(select(Person).where(Person.name == "孙七")).all()) == 1
    finally:
        station.close()


def test_people_without_an_id_number_are_matched_by_name_and_phone_or_birth_date(
        pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from db.people import PersonFields
    from db.volunteers import VolunteerInput, save_volunteer

    office, station = pair
    people = (("周八", "13900001111", ""), ("吴九", "", "1950-03-04"), ("郑十", "13900002222", ""))
    for db in (office, station):
        with db.session() as s, s.begin():
            for name, phone, born in people:
                if db is office and name == "郑十":
                    phone = "13900003333"  # another 郑十: another phone
                fields = PersonFields(name=name, phone=phone, birth_date=born)
                save_volunteer(s, VolunteerInput(person=fields), today=date(2026, 11, 25))
    counts = send(station, office_name(office), office, tmp_path / "up.zip")
    assert counts["persons_merged"] == 2
    with office.session() as s:
        names = s.scalars(select(Person.name)).all()
    assert names.count("周八") == 1 and names.count("吴九") == 1 and names.count("郑十") == 2


def test_a_conflict_is_listed_and_taking_the_station_value_travels_back(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from db.exchange.conflicts import open_conflicts, resolve

    office, station = pair
    with station.session() as s, s.begin():
        s.execute(text("UPDATE persons SET notes = '驿站改' WHERE name = '张三'"))
    with office.session() as s, s.begin():
        s.execute(text("UPDATE persons SET notes = '办公室改' WHERE name = '张三'"))
    send(station, office_name(office), office, tmp_path / "up.zip")
    with office.session() as s:
        (row,) = open_conflicts(s)
    assert (row.register, row.record, row.field, row.office_value, row.station_value, row.station) == (
        "人员", "张三", "备注", "办公室改", "驿站改", "幸福驿站")
    with office.session() as s, s.begin():
        resolve(s, row.id, take_station=True)
    with office.session() as s, s.begin(), pytest.raises(ExchangeError, match="已经处理过"):
        resolve(s, row.id, take_station=False)
    assert person(office, "张三").notes == "驿站改" and open_conflicts_of(office) == []
    send(office, "幸福驿站", station, tmp_path / "down.zip")
    assert person(station, "张三").notes == "驿站改"


def test_a_conflict_names_who_changed_the_field_on_each_side(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The accounts come from each side's operation log: the station's travels in the bundle."""
    from db.exchange.conflicts import open_conflicts
    from db.permissions import Actor

    office, station = pair
    for db, who, notes in ((station, "zhanli", "驿站改"), (office, "wangfang", "办公室改")):
        db.actor = Actor(who, "admin")  # (no accounts in these databases: any name writes)
        with db.session() as s, s.begin():
            s.scalars(select(Person).where(Person.name == "张三")).one().notes = notes
    send(station, office_name(office), office, tmp_path / "up.zip")
    with office.session() as s:
        (row,) = open_conflicts(s)
    today = date.today().isoformat()
    assert row.office_changed.startswith(f"wangfang {today} ") and row.station_changed.startswith(f"zhanli {today} ")
    assert (row.office_value, row.station_value, row.station) == ("办公室改", "驿站改", "幸福驿站")


def open_conflicts_of(db: Database) -> list[Any]:
    from db.exchange.conflicts import open_conflicts

    with db.session() as s:
        return open_conflicts(s)


def test_a_case_recorded_at_a_station_is_numbered_at_the_office(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from db.models import MediationCase, MediationParty
    from tests.db.test_mediation import case, errors_of
    from tests.db.test_mediation import save as save_case

    office, station = pair
    save_case(office, case(facts="办公室受理的案件"))  # the office's own first case of 2026
    assert errors_of(station, case(facts="驿站直接受理")) == [
        "案件状态：服务站只能登记调解申请（待受理），受理由办公室办理"]
    save_case(station, case(facts="驿站收到的申请", status="applied"))
    with station.session() as s:
        assert s.scalars(select(MediationCase.number).where(MediationCase.facts == "驿站收到的申请")).one() == \
            "幸福驿站-临-0001"
    send(station, office_name(office), office, tmp_path / "up.zip")
    with office.session() as s:
        numbers = dict(s.execute(select(MediationCase.facts, MediationCase.number)).all())
        arrived = s.scalars(select(MediationCase).where(MediationCase.facts == "驿站收到的申请")).one()
        assert len(s.scalars(select(MediationParty).where(MediationParty.case_id == arrived.id)).all()) == 2
        assert "王建国" in arrived.search_text and arrived.number.lower() in arrived.search_text
    assert numbers["办公室受理的案件"].endswith("调字第1号") and numbers["驿站收到的申请"].endswith("调字第2号")
    assert arrived.status == "applied"  # waiting for the office to accept it (受理)
    save_case(office, case(facts="驿站收到的申请", status="open", received_on="2026-03-02"), arrived.id)
    send(office, "幸福驿站", station, tmp_path / "down.zip")
    with station.session() as s:
        back = s.scalars(select(MediationCase).where(MediationCase.facts == "驿站收到的申请")).one()
        assert (back.number, back.status) == (numbers["驿站收到的申请"], "open")
        with pytest.raises(ValidationErrors, match="服务站不能改变案件状态"):
            save_case_in(s, case(facts="驿站收到的申请", status="closed", result="success",
                                 closed_on="2026-03-05"), back.id)


def test_a_value_of_the_wrong_kind_refuses_the_bundle_in_one_sentence(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A bundle rewritten by another tool, its hash made to fit: 三小时 for the hours is refused, nothing written."""
    import hashlib
    import json
    import zipfile

    office, station = pair
    volunteer = add_volunteer(station, "王五", "333")
    save(station, activity([AttendeeInput(volunteer_id=volunteer, hours="3")]))
    out = tmp_path / "up.zip"
    with station.session() as s, s.begin():
        export_bundle(s, peer_named(s, office_name(office)), out)
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        rows = [json.loads(line) for line in zf.read("changes.jsonl").decode().splitlines()]
        keys, given = zf.read("keys.jsonl"), zf.read("given.jsonl")
    next(r for r in rows if r["table"] == "service_logs")["new"]["hours"] = "三小时"
    changes = ("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n").encode()
    manifest["parts"]["changes"]["sha256"] = hashlib.sha256(changes).hexdigest()
    hostile = tmp_path / "hostile.zip"
    with zipfile.ZipFile(hostile, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("changes.jsonl", changes)
        zf.writestr("keys.jsonl", keys)
        zf.writestr("given.jsonl", given)
    with pytest.raises(ExchangeError, match="service_logs.hours.*三小时"), office.session() as s, s.begin():
        import_bundle(s, hostile)
    with office.session() as s:
        assert s.scalars(select(Person).where(Person.name == "王五")).all() == []
