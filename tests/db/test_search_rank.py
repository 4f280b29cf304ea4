"""Search results best first (db.listing.search_rank): the name typed, whole initials, the start
of the initials, the surname, then whatever else contains the query; each group in the
register's own order. Real SQLite files, through the registers' own id queries."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.database import Database
from db.grid_workers import GridWorkerFilter, GridWorkerInput, grid_worker_ids, grid_worker_rows, save_grid_worker
from db.listing import Sort, search_rank
from db.mediation import CaseFilter, CaseInput, PartyInput, case_ids, case_rows, save_case
from db.members import MemberFilter, member_ids, member_rows, save_member
from db.models import PartyMember
from db.party_life.meetings import find_members
from db.people import PersonFields
from tests.db.test_audit import new_member
from tests.db.test_members import make_id

# 丁辉勇 is found by nothing here since 丁 is keyed ding only (migration 0004); 丁志华 has zh in
# 志 (zhi) and must come after every surname zh….
ZH_NAMES = ["丁辉勇", "丁志华", "周杰", "张伟", "赵强", "郑敏", "曾环", "郑环静", "朱宏", "王志", "张伟东"]


def add_members(db: Database, names: list[str]) -> dict[str, int]:
    ids = {}
    with db.session() as s, s.begin():
        for i, name in enumerate(names):
            data = new_member()
            data.person.name, data.person.id_number, data.person.phone = name, make_id("19800101", f"{i:03d}"), ""
            ids[name] = save_member(s, data).id
    return ids


def listed(s: Session, text: str, **kw: object) -> list[str]:
    return [r.name for r in member_rows(s, member_ids(s, MemberFilter(text=text), **kw))]  # type: ignore[arg-type]


def test_zh_lists_initials_then_surnames_before_ding(db: Database) -> None:
    add_members(db, ZH_NAMES)
    with db.session() as s:
        found = listed(s, "zh")
    assert found == [
        "曾环", "朱宏",  # initials zh exactly (曾 zeng huan, 朱 zhu hong), in pinyin order
        "郑环静",  # initials zhj: begin with zh
        "张伟", "张伟东", "赵强", "郑敏", "周杰",  # surnames zh…, in pinyin order
        "丁志华", "王志",  # zh inside the name
    ]
    assert "丁辉勇" not in found


@pytest.mark.parametrize(("typed", "first"), [
    ("张伟", ["张伟", "张伟东"]),  # the name itself, then names that begin with it
    ("zw", ["张伟", "张伟东"]),  # exact initials zw before the initials zwd
    ("zhangwei", ["张伟", "张伟东"]),  # the whole full pinyin, then the start of one
    ("zwd", ["张伟东"]),
    ("张", ["张伟", "张伟东"]),
    ("王", ["王志"]),  # names beginning with the character first
    ("郑", ["郑环静", "郑敏"]),
])
def test_the_best_match_comes_first(db: Database, typed: str, first: list[str]) -> None:
    add_members(db, ZH_NAMES)
    with db.session() as s:
        assert listed(s, typed)[:len(first)] == first


def test_a_first_page_is_the_start_of_the_whole_list(db: Database) -> None:
    """The members tab lists the first rows at once and the rest later: both must agree."""
    names = [f"{surname}{given}" for surname in "张郑丁周赵" for given in ("志华", "伟", "宏", "海洋", "子涵")]
    add_members(db, names)
    with db.session() as s:
        whole = member_ids(s, MemberFilter(text="zh"))
        assert len(whole) >= 20
        for limit in (1, 7, 20):
            assert member_ids(s, MemberFilter(text="zh"), limit=limit) == whole[:limit]
        names_listed = [r.name for r in member_rows(s, whole)]
    assert names_listed.index("张志华") < names_listed.index("丁志华")


@pytest.mark.parametrize("typed", ["z", "zh", "zw", "zhang", "h", "zhh", "y", "dzh", "zz", "Z", "w1",
                                   "张", "张伟", "单", "王", "志", "华", "单于", "海洋"])
def test_the_first_page_read_rank_by_rank_is_the_start_of_the_ranked_list(db: Database, typed: str) -> None:
    """The first page of a search is read rank by rank, stopping when full
    (db.listing.ranked_first_ids); whatever the query (letters or characters) and the page
    size, it is the start of the list ranked as a whole."""
    givens = ("志华", "伟", "宏", "海洋", "子涵")
    names = [f"{surname}{given}" for surname in "张郑丁周赵曾单王叶" for given in givens]
    names += ["张", "郑", "王", "单于洋", "志华王"]  # one-character names (initials z, whole keys), a compound surname
    add_members(db, names)
    with db.session() as s:
        whole = member_ids(s, MemberFilter(text=typed))
        for limit in (1, 2, 5, 13, 40, 200):
            assert member_ids(s, MemberFilter(text=typed), limit=limit) == whole[:limit], (typed, limit)


def test_a_column_the_person_sorts_by_decides_alone(db: Database) -> None:
    ids = add_members(db, ["丁志华", "张伟"])
    with db.session() as s:
        by_name_descending = member_ids(s, MemberFilter(text="zh"), sort=Sort("name", descending=True))
        by_id = member_ids(s, MemberFilter(text="zh"), sort=Sort("org"))
    assert by_name_descending == [ids["张伟"], ids["丁志华"]]  # zhang before ding, backwards
    assert sorted(by_id) == by_id


def test_digits_are_listed_in_the_registers_order() -> None:
    assert search_rank("1380", PartyMember.search_text, PartyMember.name_sort) is None
    assert search_rank("  ", PartyMember.search_text, PartyMember.name_sort) is None


def test_grid_workers_cases_and_the_attendee_search_rank_too(db: Database) -> None:
    with db.session() as s, s.begin():
        for i, name in enumerate(["丁志华", "郑敏"]):
            person = PersonFields(name, id_number=make_id("19800101", f"{i:03d}"), phone=f"1380000000{i}")
            save_grid_worker(s, GridWorkerInput(person, grid_ids=[1]))
        for name in ("赵辉", "丁志华"):  # the later case is listed first, unless the search says otherwise
            save_case(s, CaseInput(received_on=date(2025, 1, 3), facts="噪音",
                                   parties=[PartyInput("applicant", name), PartyInput("respondent", "王五")]))
    add_members(db, ["丁志华", "郑敏"])
    with db.session() as s:
        workers = [r.name for r in grid_worker_rows(s, grid_worker_ids(s, GridWorkerFilter(text="zh")))]
        cases = [r.parties for r in case_rows(s, case_ids(s, CaseFilter(text="zh")))]
        unsearched = [r.parties for r in case_rows(s, case_ids(s, CaseFilter()))]
        picked = [c.name for c in find_members(s, "zh", limit=1)]
    assert workers == ["郑敏", "丁志华"]
    assert "丁志华" in unsearched[0] and "赵辉" in cases[0] and "丁志华" in cases[1]  # 赵辉: initials zh exactly
    assert picked == ["郑敏"]  # one place in the picker: the surname, not 丁


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()])
def test_the_rank_is_plain_sql_both_engines_run(dialect: object) -> None:
    sql = str(search_rank("zh", PartyMember.search_text, PartyMember.name_sort).compile(  # type: ignore[union-attr]
        dialect=dialect, compile_kwargs={"literal_binds": True}))  # type: ignore[arg-type]
    assert sql.startswith("CASE WHEN") and "length(" in sql and "replace(" in sql
    for engine_specific in ("instr", "glob", "printf", "regexp", "strpos", "position", "ilike", "~"):
        assert engine_specific not in sql.lower()
