"""Grid workers' visits (issue 16, point 2): a visit and a morning's round checked and saved,
the households due a visit by their care tags, and a grid's coverage for a period."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from db.care_tags import tag_rows
from db.database import Database
from db.grid_workers import GridWorkerInput, save_grid_worker
from db.housing import HouseholdInput, RoomInput, save_household, save_room
from db.people import PersonFields
from db.residents import save_resident
from db.validation import ValidationErrors
from db.visits import RoundLine, VisitInput, coverage, due_households, save_round, save_visit
from tests.db.test_housing import block, resident, saved  # noqa: F401 (block: a fixture)

TODAY = date(2026, 12, 1)


@pytest.fixture
def worker(db: Database, block: dict[str, int]) -> int:  # noqa: F811
    with db.session() as s, s.begin():
        return save_grid_worker(s, GridWorkerInput(PersonFields(name="刘网格", phone="13900002222"),
                                                   grid_ids=[block["grid"]])).id


def visit(db: Database, raw: VisitInput) -> int:
    with db.session() as s, s.begin():
        return save_visit(s, raw, today=TODAY).id


def refused(db: Database, raw: VisitInput) -> list[str]:
    with pytest.raises(ValidationErrors) as info, db.session() as s, s.begin():
        save_visit(s, raw, today=TODAY)
    return [str(e) for e in info.value.errors]


def test_a_visit_is_checked(db: Database, block: dict[str, int], worker: int) -> None:  # noqa: F811
    assert refused(db, VisitInput(visited_on="2026-12-02", visitor_id=999)) == [
        "走访日期：不能晚于今天", "走访人：请选择在册的网格员", "走访户：请选择走访的户，或填写走访地点"]
    assert refused(db, VisitInput(visited_on="2026-11-30", visitor_id=worker, place="小区东门")) == [
        "所在网格：走访地点请选择所在网格"]
    visit(db, VisitInput(visited_on="2026-11-30", visitor_id=worker, place="小区东门", grid_id=block["grid"],
                         found="路灯不亮", follow_up=True))
    visit(db, VisitInput(visited_on="2026-11-30", visitor_id=worker, household_id=block["household"]))


def test_a_round_is_saved_whole_or_not_at_all(db: Database, block: dict[str, int], worker: int) -> None:  # noqa: F811
    other = saved(db, save_household, HouseholdInput(room_id=saved(db, save_room, RoomInput(
        building_id=block["building"], unit=1, floor=1, number="101"))))
    lines = [RoundLine(block["household"], "老人身体好"), RoundLine(other), RoundLine(block["household"])]
    with pytest.raises(ValidationErrors) as info, db.session() as s, s.begin():
        save_round(s, "2026-11-28", worker, lines, today=TODAY)
    assert [str(e) for e in info.value.errors] == ["第3户 走访户：与第1户重复"]
    with db.session() as s, s.begin():
        assert len(save_round(s, "2026-11-28", worker, lines[:2], today=TODAY)) == 2
    with db.session() as s:
        assert coverage(s, date(2026, 11, 1), date(2026, 11, 30), grid_id=block["grid"]).visited == 2


def test_who_is_due_follows_the_care_tags(db: Database, block: dict[str, int], worker: int) -> None:  # noqa: F811
    with db.session() as s:
        tags = {t.name: t.id for t in tag_rows(s)}
    alone = block["household"]
    saved(db, save_resident, resident("王大爷", alone, "111", tag_ids=[tags["独居老人"]]))  # monthly
    plain = saved(db, save_household, HouseholdInput(room_id=saved(db, save_room, RoomInput(
        building_id=block["building"], unit=1, floor=1, number="101"))))  # no tag: every six months

    def due(**options: Any) -> list[int]:
        with db.session() as s:
            return [d.household_id for d in due_households(s, TODAY, grid_id=block["grid"], **options)]

    assert set(due()) == {alone, plain}  # never visited: both due
    for household, on in ((alone, "2026-10-31"), (plain, "2026-07-01")):
        visit(db, VisitInput(visited_on=on, visitor_id=worker, household_id=household))
    assert due() == [alone]  # a month and a day ago; the other was visited five months ago
    assert due(tagged_only=True) == [alone]
    visit(db, VisitInput(visited_on="2026-11-15", visitor_id=worker, household_id=alone))
    assert due() == []
    with db.session() as s:
        assert coverage(s, date(2026, 11, 1), date(2026, 11, 30), grid_id=block["grid"]).rate == 0.5


def test_the_home_page_counts_the_grid_work(db: Database, block: dict[str, int], worker: int) -> None:  # noqa: F811
    from db import home
    from db.incidents import IncidentInput, report_incident, take_step

    with db.session() as s:
        tags = {t.name: t.id for t in tag_rows(s)}
    alone = saved(db, save_resident, resident("王大爷", block["household"], "111", tag_ids=[tags["独居老人"]]))
    with db.session() as s, s.begin():
        incident = report_incident(s, IncidentInput(grid_id=block["grid"], category="hazard", subject="楼道堆物"))
        take_step(s, incident.id, "accept", today=date(2026, 11, 26))  # a Thursday: due Monday 11-30

    def counts() -> dict[str, int]:
        with db.session() as s:
            return {i.key: i.count for i in home.todo_items(s, TODAY)}

    got = counts()
    assert (got[home.INCIDENTS_DUE], got[home.VISITS_DUE], got[home.CARE_NOT_VISITED]) == (1, 1, 1)
    with db.session() as s:
        assert home.todo_ids(s, home.CARE_NOT_VISITED, TODAY) == [alone]
    visit(db, VisitInput(visited_on="2026-12-01", visitor_id=worker, household_id=block["household"]))
    got = counts()
    assert (got[home.VISITS_DUE], got[home.CARE_NOT_VISITED]) == (0, 0)
