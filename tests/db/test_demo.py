"""The demo community: the promised counts, valid data, refusal of a non-empty database."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import func, select

from db.database import Database, open_database
from db.demo import DemoRefused, fill_demo
from db.models import MediationCase, Person, ServiceActivity, ServiceLog
from db.stats import register_counts
from db.validation import check_id_number
from db.vocab import INCIDENT_STATES

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo_db(module_db_target):  # type: ignore[no-untyped-def]
    database = open_database(module_db_target)
    fill_demo(database, scale=1, seed=7, today=TODAY)
    yield database
    database.close()


def test_counts_at_scale_one(demo_db: Database) -> None:
    with demo_db.session() as s:
        counts = register_counts(s)
    assert counts["branches"] == 5
    assert counts["members"] == 300
    assert counts["grids"] == 12
    assert counts["grid_workers"] == 20
    assert counts["mediation_cases"] == 150
    assert counts["volunteers"] == 120
    assert counts["service_logs"] == 1500
    assert counts["service_hours"] > 1000
    # the grid work (issue 16): about 3,000 households and 8,000 residents, incidents in every state
    assert counts["buildings"] == 72 and counts["households"] == 3024 and 7000 < counts["residents"] < 9000
    assert counts["visits"] > 3000 and counts["incidents"] == 300
    assert all(counts[f"incidents_{state}"] > 0 for state in INCIDENT_STATES.codes)


def test_every_id_number_is_valid_and_agrees_with_the_person(demo_db: Database) -> None:
    with demo_db.session() as s:
        for p in s.scalars(select(Person)):
            info = check_id_number(p.id_number, birth_date=p.birth_date, gender=p.gender)
            assert info is not None and info.number == p.id_number


def test_case_numbers_have_no_gaps_and_nothing_is_in_the_future(demo_db: Database) -> None:
    with demo_db.session() as s:
        by_year: dict[int, list[int]] = defaultdict(list)
        for year, seq, received, closed in s.execute(
                select(MediationCase.year, MediationCase.seq, MediationCase.received_on, MediationCase.closed_on)):
            by_year[year].append(seq)
            assert received <= TODAY and (closed is None or received <= closed <= TODAY)
        for seqs in by_year.values():
            assert sorted(seqs) == list(range(1, len(seqs) + 1))
        assert s.scalar(select(func.max(ServiceActivity.held_on))) <= TODAY


def test_nobody_serves_more_than_a_day(demo_db: Database) -> None:
    with demo_db.session() as s:
        most = s.scalar(select(func.max(select(func.sum(ServiceLog.hours)).join(ServiceActivity)
                                        .group_by(ServiceLog.volunteer_id, ServiceActivity.held_on).subquery().c[0])))
        assert most is None or most <= 24


def test_some_people_hold_several_roles(demo_db: Database) -> None:
    with demo_db.session() as s:
        both = [p for p in s.scalars(select(Person)) if p.member is not None and p.volunteer is not None]
        assert len(both) >= 30


def test_refuses_a_non_empty_database(demo_db: Database) -> None:
    with pytest.raises(DemoRefused, match="不是空的"):
        fill_demo(demo_db)


def test_same_seed_same_community(tmp_path) -> None:  # type: ignore[no-untyped-def]
    names = []
    for n in range(2):
        database = open_database(tmp_path / f"d{n}.sqlite3")
        fill_demo(database, seed=3, today=TODAY)
        with database.session() as s:
            names.append(list(s.scalars(select(Person.name).order_by(Person.id).limit(50))))
        database.close()
    assert names[0] == names[1]


def test_after_the_demo_a_new_record_gets_the_next_id(db_target) -> None:  # type: ignore[no-untyped-def]
    """The database numbered the demo's rows (no id is assigned by the program), so the next save
    goes on from them — on a server, whose sequences would otherwise still stand at 1."""
    from db.people import PersonFields
    from db.volunteers import VolunteerInput, save_volunteer

    database = open_database(db_target)
    try:
        fill_demo(database, seed=3, today=TODAY)
        with database.session() as s, s.begin():
            new = save_volunteer(s, VolunteerInput(PersonFields(name="新来的"))).person_id
            assert new == s.scalar(select(func.max(Person.id)))
    finally:
        database.close()
