"""What a station holds (db.exchange.scope): the reference data its work needs, not the office's
mediation files or residents who are nobody's volunteer, member or grid worker, neither in the
copy it starts with nor in what the office sends it later."""

from __future__ import annotations

import zipfile
from pathlib import Path

from sqlalchemy import func, select

from db.database import Database, open_database
from db.exchange.stations import create_station
from db.mediators import MediatorInput, save_mediator
from db.models import MediationCase, Mediator, Person, Volunteer
from db.people import PersonFields
from db.volunteers import VolunteerInput, save_volunteer
from tests.db.exchange.test_round_trip import office_name, send
from tests.db.test_mediation import case
from tests.db.test_mediation import save as save_case
from tests.db.test_members import make_id
from tests.db.test_volunteers import add_volunteer

MEDIATOR_ID = make_id("19700101", "555")


def add_mediator(db: Database) -> None:
    with db.session() as s, s.begin():
        save_mediator(s, MediatorInput(person=PersonFields(name="赵调解", id_number=MEDIATOR_ID,
                                                           phone="13900001111")))


def test_a_station_copy_starts_without_the_mediation_files_and_other_residents(db: Database, tmp_path: Path) -> None:
    add_volunteer(db, "张三", "111")
    add_mediator(db)
    save_case(db, case(facts="楼上漏水的机密案情"))
    out = tmp_path / "station.sqlite3"
    create_station(db, "幸福驿站", out)
    station = open_database(out, create=False)
    try:
        with station.session() as s:
            assert s.scalar(select(func.count()).select_from(MediationCase)) == 0
            assert s.scalar(select(func.count()).select_from(Mediator)) == 0
            assert s.scalars(select(Person.name)).all() == ["张三"]
    finally:
        station.close()
    whole_file = out.read_bytes()  # compacted: not in its free pages either
    for secret in ("楼上漏水的机密案情", "赵调解", "13900001111"):
        assert secret.encode() not in whole_file, secret


def test_the_office_sends_a_station_only_what_it_holds(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A case of the office's stays there; a resident who becomes a volunteer arrives whole with
    the registration, masked as the station's numbers are."""
    office, station = pair
    save_case(office, case(facts="办公室的案件"))
    add_mediator(office)
    with office.session() as s, s.begin():  # the mediator volunteers too: the same person
        save_volunteer(s, VolunteerInput(person=PersonFields(name="赵调解", id_number=MEDIATOR_ID)))
    send(office, "幸福驿站", station, tmp_path / "down.zip")
    with zipfile.ZipFile(tmp_path / "down.zip") as zf:
        sent = b"".join(zf.read(name) for name in zf.namelist()).decode()
    assert "办公室的案件" not in sent and MEDIATOR_ID not in sent and "13900001111" not in sent
    with station.session() as s:
        assert s.scalar(select(func.count()).select_from(MediationCase)) == 0
        zhao = s.scalars(select(Person).where(Person.name == "赵调解")).one()
        assert (zhao.phone, zhao.id_number) == ("139****1111", None)
        assert s.scalars(select(Volunteer).where(Volunteer.person_id == zhao.id)).one() is not None
    # and the station's own work on that person goes back without harm to the office's numbers
    with station.session() as s, s.begin():
        s.scalars(select(Person).where(Person.name == "赵调解")).one().notes = "驿站补充"
    send(station, office_name(office), office, tmp_path / "up.zip")
    with office.session() as s:
        zhao = s.scalars(select(Person).where(Person.name == "赵调解")).one()
        assert (zhao.notes, zhao.phone, zhao.id_number) == ("驿站补充", "13900001111", MEDIATOR_ID)


def test_a_change_sent_masked_is_no_sign_of_a_restored_backup(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The station confirms the last change it applied by its fingerprint; a person's change sent
    with the numbers masked is still the office's change (not another one under its number)."""
    from db.exchange.incoming import import_bundle
    from db.exchange.outgoing import export_bundle, peer_named

    office, station = pair
    with office.session() as s, s.begin():  # the last change sent: a person's, masked on the way
        s.scalars(select(Person).where(Person.name == "张三")).one().notes = "办公室改"
    send(office, "幸福驿站", station, tmp_path / "down.zip")
    add_volunteer(station, "王五", "333")
    with station.session() as s, s.begin():
        export_bundle(s, peer_named(s, office_name(office)), tmp_path / "up.zip")
    with office.session() as s, s.begin():
        assert import_bundle(s, tmp_path / "up.zip").warnings == []


def test_visits_and_incidents_from_a_station_reach_the_office_numbered(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Grid work entered on a grid worker's laptop: its incident is numbered at the office and the
    number goes back; the visit arrives as it was."""
    from db.grid_workers import GridWorkerInput, save_grid_worker
    from db.incidents import IncidentInput, report_incident
    from db.models import Grid, GridWorker, Incident, Visit
    from db.visits import VisitInput, save_visit

    office, station = pair
    with office.session() as s, s.begin():
        grid = s.scalars(select(Grid.id)).first()
        save_grid_worker(s, GridWorkerInput(PersonFields(name="刘网格", phone="13900002222"), grid_ids=[grid]))
        report_incident(s, IncidentInput(grid_id=grid, category="request", subject="办公室收到的诉求"))
    send(office, "幸福驿站", station, tmp_path / "down0.zip")
    with station.session() as s, s.begin():
        worker = s.scalars(select(GridWorker.id)).one()
        grid = s.scalars(select(Grid.id)).first()
        save_visit(s, VisitInput(visited_on="2026-12-01", visitor_id=worker, place="小区东门", grid_id=grid,
                                 found="路灯不亮"))
        provisional = report_incident(s, IncidentInput(grid_id=grid, category="request", subject="路灯不亮")).number
    assert provisional.startswith("幸福驿站-临-")
    send(station, office_name(office), office, tmp_path / "up.zip")
    with office.session() as s:
        numbers = sorted(s.scalars(select(Incident.number)))
        assert s.scalars(select(Visit.found)).one() == "路灯不亮"
    year = numbers[0][:4]
    assert numbers == [f"{year}-0001", f"{year}-0002"]
    send(office, "幸福驿站", station, tmp_path / "down.zip")
    with station.session() as s:
        assert s.scalars(select(Incident.number).where(Incident.subject == "路灯不亮")).one() == f"{year}-0002"


def test_an_incident_that_became_a_case_goes_to_a_station_without_the_case(db: Database, tmp_path: Path) -> None:
    """The case stays at the office; the incident, its 转为调解案件 step included, reaches the station."""
    from db.grid_workers import GridInput, save_grid
    from db.incidents import IncidentInput, report_incident, to_mediation_case
    from db.mediation import PartyInput
    from db.models import Incident

    add_volunteer(db, "张三", "111")
    with db.session() as s, s.begin():
        grid = save_grid(s, GridInput(code="wg91", name="幸福一区")).id
        first = report_incident(s, IncidentInput(grid_id=grid, category="dispute", subject="楼上漏水")).id
        to_mediation_case(s, first, [PartyInput("applicant", "王大爷"), PartyInput("respondent", "李四")])
    out = tmp_path / "station.sqlite3"
    create_station(db, "幸福驿站", out)  # (the case is not in the copy: the incident no longer names it)
    with db.session() as s, s.begin():
        second = report_incident(s, IncidentInput(grid_id=grid, category="dispute", subject="噪音扰民")).id
        to_mediation_case(s, second, [PartyInput("applicant", "王大爷"), PartyInput("respondent", "赵六")])
    station = open_database(out, create=False)
    try:
        send(db, "幸福驿站", station, tmp_path / "down.zip")
        with station.session() as s:
            held = {i.subject: i.case_id for i in s.scalars(select(Incident))}
        assert held == {"楼上漏水": None, "噪音扰民": None}
    finally:
        station.close()
