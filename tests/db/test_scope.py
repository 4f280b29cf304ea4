"""Several communities in one database: each sees and changes its own, the street office sees all
and changes none (db.scope). Runs on both engines (the `db` fixture)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text, update

from db.database import Database
from db.mediation import CaseFilter, case_ids, case_rows, save_case
from db.models import Community, Person, Volunteer, now
from db.office import get_setting, set_setting
from db.people import PersonFields
from db.permissions import PermissionDenied
from db.scope import Scope
from db.stats import register_counts
from db.volunteers import VolunteerInput, save_volunteer
from tests.db.test_mediation import case

TODAY = date(2026, 11, 25)


@pytest.fixture
def two(db: Database) -> tuple[int, int]:
    """The database's own community and a second one, each with a volunteer and a case."""
    with db.session() as s, s.begin():
        first = s.scalar(select(func.min(Community.id)))
        second = Community(name="阳光社区", sort_order=2)
        s.add(second)
        s.flush()
        ids = (int(first or 0), second.id)
    for community, name in zip(ids, ("张三", "李四"), strict=True):
        db.scope = Scope(community)
        with db.session() as s, s.begin():
            save_volunteer(s, VolunteerInput(PersonFields(name=name)))
            set_setting(s, "case_number_prefix", "幸福" if community == ids[0] else "阳光")
            save_case(s, case(), today=TODAY)
    db.scope = None
    return ids


def names(db: Database) -> set[str]:
    with db.session() as s:
        return set(s.scalars(select(Person.name)))


def test_each_community_sees_only_its_own(db: Database, two: tuple[int, int]) -> None:
    first, second = two
    db.scope = Scope(first)
    assert names(db) == {"张三"}
    with db.session() as s:
        assert [r.number for r in case_rows(s, case_ids(s, CaseFilter()))] == ["（2026）幸福调字第1号"]
        assert register_counts(s, TODAY)["volunteers"] == 1
    db.scope = Scope(second)
    assert names(db) == {"李四"}
    with db.session() as s:  # numbers per community: both start at 1, each with its own prefix
        assert [r.number for r in case_rows(s, case_ids(s, CaseFilter()))] == ["（2026）阳光调字第1号"]
        assert get_setting(s, "case_number_prefix") == "阳光"


def test_the_street_office_sees_every_community_and_counts_them_together(db: Database, two: tuple[int, int]) -> None:
    db.scope = Scope.street()
    assert names(db) == {"张三", "李四"}
    with db.session() as s:
        assert register_counts(s, TODAY)["volunteers"] == 2
        assert len(case_ids(s, CaseFilter())) == 2
    db.scope = Scope.street(two[1])  # the community filter
    assert names(db) == {"李四"}


def test_the_street_office_changes_nothing(db: Database, two: tuple[int, int]) -> None:
    db.scope = Scope.street()
    with pytest.raises(PermissionDenied, match="街道账号"), db.session() as s, s.begin():
        save_volunteer(s, VolunteerInput(PersonFields(name="王五")))
    with pytest.raises(PermissionDenied, match="街道账号"), db.session() as s, s.begin():
        s.scalars(select(Person)).first().name = "改名"  # type: ignore[union-attr]
    with pytest.raises(PermissionDenied, match="街道账号"), db.session() as s, s.begin():
        s.execute(update(Person).values(notes="批量改"))
    db.scope = None
    with db.session() as s:
        assert set(s.scalars(select(Person.name))) == {"张三", "李四"}
        assert set(s.scalars(select(Person.notes))) == {""}


def test_a_community_cannot_reach_another_communitys_rows(db: Database, two: tuple[int, int]) -> None:
    first, second = two
    with db.session() as s:
        other = s.scalar(select(Volunteer.id).where(Volunteer.community_id == second))
    db.scope = Scope(first)
    with db.session() as s:
        assert s.get(Volunteer, other) is None  # not by id either
    with db.session() as s, s.begin():  # a bulk UPDATE touches only its own community's rows
        s.execute(update(Person).values(notes="本社区"))
    with pytest.raises(PermissionDenied, match="另一个社区"), db.session() as s, s.begin():
        s.add(Person(name="越界", community_id=second))  # a new row stamped with another community
    db.scope = None
    with db.session() as s:
        assert dict(s.execute(select(Person.name, Person.notes)).all()) == {"张三": "本社区", "李四": ""}


def test_new_rows_of_a_bulk_insert_take_the_sessions_community(db: Database, two: tuple[int, int]) -> None:
    from db.importing.bulk import insert_rows

    db.scope = Scope(two[1])
    with db.session() as s, s.begin():
        stamp = {"created_at": now(), "updated_at": now()}
        insert_rows(s.connection(), Person.__table__,  # type: ignore[arg-type]
                    [{"name": "导入甲"} | stamp, {"name": "导入乙"} | stamp])
    db.scope = None
    with db.session() as s:
        rows = s.execute(text("SELECT community_id, uuid FROM persons WHERE name LIKE '导入%'")).all()
    assert {r[0] for r in rows} == {two[1]} and len({r[1] for r in rows}) == 2


def test_with_two_communities_a_session_without_one_is_asked_to_choose(db: Database, two: tuple[int, int]) -> None:
    with pytest.raises(PermissionDenied, match="多个社区"), db.session() as s, s.begin():
        save_volunteer(s, VolunteerInput(PersonFields(name="无处安放")))


def test_rows_hanging_off_another_communitys_records_are_out_of_sight_too(db: Database, two: tuple[int, int]) -> None:
    from db.models import MediationParty

    db.scope = None
    with db.session() as s:
        assert len(s.scalars(select(MediationParty)).all()) == 4  # two parties to each community's case
    for community in two:
        db.scope = Scope(community)
        with db.session() as s:
            seen = s.scalars(select(MediationParty)).all()
            assert len(seen) == 2 and {p.case.community_id for p in seen} == {community}
