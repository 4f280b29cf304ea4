"""Grid workers and grids on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.database import Database
from db.grid_workers import (
    GridInput,
    GridWorkerFilter,
    GridWorkerInput,
    grid_rows,
    grid_worker_ids,
    grid_worker_rows,
    save_grid,
    save_grid_worker,
)
from db.members import MemberInput, save_member
from db.models import Grid, GridWorker, PartyMember, PartyOrg
from db.people import PersonFields
from db.validation import ValidationErrors
from tests.db.test_members import make_id

TODAY = date(2026, 11, 25)


def grid_id(db: Database, code: str = "WG01") -> int:
    with db.session() as s:
        return s.scalar(select(Grid.id).where(Grid.code == code))


def worker(db: Database, name: str = "李梅", **overrides) -> GridWorkerInput:
    values = dict(person=PersonFields(name=name, id_number=make_id("19800101", "222"), phone="13912345678"),
                  role="leader", grid_ids=[grid_id(db)], households=320, start_on="2020-03-01")
    values.update(overrides)
    return GridWorkerInput(**values)


def save(db: Database, data: GridWorkerInput, worker_id: int | None = None) -> int:
    with db.session() as s, s.begin():
        return save_grid_worker(s, data, worker_id, today=TODAY).id


def errors_of(db: Database, data: GridWorkerInput) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as info:
        save(db, data)
    return {e.field: e.message for e in info.value.errors}


@pytest.mark.parametrize(
    ("overrides", "field", "phrase"),
    [
        ({"grid_ids": []}, "grid_ids", "请至少选择一个网格"),
        ({"role": "boss"}, "role", "请从列表中选择"),
        ({"households": "-3"}, "households", "整数"),
        ({"households": "'; DROP TABLE grids;--"}, "households", "整数"),
        ({"start_on": "2030-01-01"}, "start_on", "不能晚于今天"),
        ({"buildings": "x" * 10_000}, "buildings", "不能超过"),
        ({"person": PersonFields(name="李梅😀", phone="13912345678")}, "name", "只能包含"),
        ({"person": PersonFields(name="李梅"), "role": "worker"}, "phone", "联系电话：必填"),
    ],
)
def test_rules(db: Database, overrides: dict, field: str, phrase: str) -> None:
    assert phrase in errors_of(db, worker(db, **overrides))[field]


def test_formula_text_is_stored_as_typed(db: Database) -> None:
    worker_id = save(db, worker(db, notes="=HYPERLINK(\"x\")"))
    with db.session() as s:
        assert s.get(GridWorker, worker_id).notes == '=HYPERLINK("x")'


def test_chief_needs_no_grid_and_rows_show_grids(db: Database) -> None:
    save(db, worker(db, role="chief", grid_ids=[]))
    other = worker(db, "王强", person=PersonFields(name="王强", phone="13700001111"), role="worker",
                   grid_ids=[grid_id(db), grid_id(db, "WG02")], employment="part_time")
    save(db, other)
    with db.session() as s:
        rows = grid_worker_rows(s, grid_worker_ids(s, GridWorkerFilter()))
        assert [r.name for r in rows] == ["李梅", "王强"]
        assert rows[1].grids == "WG01 幸福一区、WG02 幸福二区"
        second = grid_worker_ids(s, GridWorkerFilter(grid_id=grid_id(db, "WG02")))
        assert [r.name for r in grid_worker_rows(s, second)] == ["王强"]
        assert grid_worker_ids(s, GridWorkerFilter(role="worker", employment="full_time")) == []
        assert [r.name for r in grid_worker_rows(s, grid_worker_ids(s, GridWorkerFilter(text="wq")))] == ["王强"]


def test_party_member_becomes_grid_worker_on_the_same_person(db: Database) -> None:
    with db.session() as s, s.begin():
        org = s.scalar(select(PartyOrg.id).where(PartyOrg.kind == "branch"))
        member = save_member(s, MemberInput(person=PersonFields(name="李梅", id_number=make_id("19800101", "222")),
                                            org_id=org, admitted_on="2005-07-01", full_on="2006-07-01"), today=TODAY)
        person_id = member.person_id
    worker_id = save(db, worker(db))
    with db.session() as s:
        assert s.get(GridWorker, worker_id).person_id == person_id
        assert s.get(PartyMember, member.id).person.phone == "13912345678"


def test_same_id_under_another_name_is_refused(db: Database) -> None:
    save(db, worker(db))
    clash = worker(db, person=PersonFields(name="赵六", id_number=make_id("19800101", "222"), phone="13600001111"))
    assert "李梅" in errors_of(db, clash)["id_number"]


def test_grid_codes_are_unique_and_checked(db: Database) -> None:
    with db.session() as s, s.begin():
        with pytest.raises(ValidationErrors, match="WG01 已存在（幸福一区）"):
            save_grid(s, GridInput(code="wg01", name="重复"))
    with db.session() as s, s.begin():
        with pytest.raises(ValidationErrors, match="只能是字母"):
            save_grid(s, GridInput(code="网格1", name="x"))
    with db.session() as s, s.begin():
        save_grid(s, GridInput(code="wg03", name="幸福三区", households="300"))
    with db.session() as s:
        assert [g.code for g in grid_rows(s)] == ["WG01", "WG02", "WG03"]
