"""Buildings, rooms, households and residents (issue 16, point 1): what is checked, with the
office's words, and what the 房屋 tree counts. One person, many roles: a resident who is a party
member is that member, and their 政治面貌 is the member record's."""

from __future__ import annotations

from typing import Any

import pytest

from db.database import Database
from db.grid_workers import GridInput, save_grid
from db.housing import BuildingInput, HouseholdInput, RoomInput, housing_tree, save_building, save_household, save_room
from db.models import Household, Person, Resident
from db.people import PersonFields
from db.residents import ResidentInput, load_resident_input, save_resident
from db.validation import ValidationErrors
from tests.db.test_members import make_id, member_input
from tests.db.test_members import save as save_member


def saved(db: Database, save: Any, raw: Any, record_id: int | None = None) -> int:
    with db.session() as s, s.begin():
        return save(s, raw, record_id).id


def problems(db: Database, save: Any, raw: Any, record_id: int | None = None) -> list[str]:
    with pytest.raises(ValidationErrors) as info, db.session() as s, s.begin():
        save(s, raw, record_id)
    return [str(e) for e in info.value.errors]


@pytest.fixture
def block(db: Database) -> dict[str, int]:
    return a_block(db)


def a_block(db: Database) -> dict[str, int]:
    """网格 wg91 with 3号楼 (2 units, 6 floors), room 2单元301 and a household in it."""
    grid = saved(db, save_grid, GridInput(code="wg91", name="幸福一区"))
    building = saved(db, save_building, BuildingInput(grid_id=grid, name="3号楼", units=2, floors=6))
    room = saved(db, save_room, RoomInput(building_id=building, unit=2, floor=3, number="301"))
    household = saved(db, save_household, HouseholdInput(room_id=room, phone="13800001111"))
    return {"grid": grid, "building": building, "room": room, "household": household}


def resident(name: str, household: int | None, seq: str = "", **overrides: Any) -> ResidentInput:
    person = PersonFields(name=name, id_number=make_id("19500101", seq) if seq else "")
    return ResidentInput(person=person, household_id=household, **overrides)


def test_a_building_is_checked(db: Database, block: dict[str, int]) -> None:
    grid = block["grid"]
    assert problems(db, save_building, BuildingInput(grid_id=grid, name="3号楼")) == ["楼栋：“3号楼”在该网格已经登记"]
    assert problems(db, save_building, BuildingInput(grid_id=999, name="", kind="tower", units="三", floors=0)) == [
        "所在网格：所选记录已不存在或在回收站中，请重新选择", "楼栋：必填", "楼栋类型：请从列表中选择",
        "单元数：应为1到50之间的整数", "层数：应为1到120之间的整数"]
    # fewer floors than a room is on: said, not half-saved
    assert problems(db, save_building, BuildingInput(grid_id=grid, name="3号楼", units=2, floors=2),
                    block["building"]) == ["层数：有 1 间房屋在更高的单元或楼层，请先修改这些房屋"]


def test_a_room_is_checked_against_its_building(db: Database, block: dict[str, int]) -> None:
    building = block["building"]
    assert problems(db, save_room, RoomInput(building_id=building, unit=2, floor=3, number="301")) == [
        "门牌号：2单元301已经登记"]
    assert problems(db, save_room, RoomInput(building_id=building, unit=3, floor=7, number=" ", purpose="出租")) == [
        "单元：应为1到2之间的整数（该楼栋的单元）", "楼层：应为-5到6之间的整数（地下室为负数）", "门牌号：必填",
        "房屋用途：请从列表中选择"]
    assert problems(db, save_room, RoomInput(building_id=building, unit=1, floor=0, number="001")) == [
        "楼层：没有第0层：地上从1层起，地下室为-1层"]
    saved(db, save_room, RoomInput(building_id=building, unit=1, floor=-1, number="B101", purpose="business"))


def test_a_household_is_checked(db: Database, block: dict[str, int]) -> None:
    assert problems(db, save_household, HouseholdInput(room_id=None, registration="本地", phone="12345")) == [
        "门牌：所选记录已不存在或在回收站中，请重新选择", "户别：请从列表中选择",
        "联系电话：格式不正确（手机号为11位数字，固定电话如 0379-12345678）"]


def test_the_tree_counts_households_and_residents(db: Database, block: dict[str, int]) -> None:
    household = block["household"]
    saved(db, save_resident, resident("王大爷", household, "111", relation="head"))
    saved(db, save_resident, resident("李阿姨", household, "222", relation="spouse"))
    other = saved(db, save_room, RoomInput(building_id=block["building"], unit=1, floor=1, number="101"))
    saved(db, save_household, HouseholdInput(room_id=other))
    with db.session() as s:
        (grid,) = housing_tree(s, grid_id=block["grid"])
    (building,) = grid.children
    assert (grid.title, grid.households, grid.residents) == ("WG91 幸福一区", 2, 2)
    assert (building.title, building.households, building.residents) == ("3号楼", 2, 2)
    assert [(r.title, r.households, r.residents) for r in building.children] == [("1单元101", 1, 0),
                                                                                ("2单元301", 1, 2)]


def test_a_household_has_one_head(db: Database, block: dict[str, int]) -> None:
    household = block["household"]
    head = saved(db, save_resident, resident("王大爷", household, "111"))
    assert problems(db, save_resident, resident("王小明", household, "333")) == ["与户主关系：该户已有户主：王大爷"]
    with db.session() as s:
        assert s.get(Household, household).head.name == "王大爷"  # type: ignore[union-attr]
    saved(db, save_resident, resident("王大爷", household, "111", relation="parent"), head)  # no longer the head
    with db.session() as s:
        assert s.get(Household, household).head_id is None  # type: ignore[union-attr]


def test_a_party_member_is_the_same_person_and_keeps_the_member_s_status(db: Database, block: dict[str, int]) -> None:
    member = save_member(db, member_input(db, member_type="probationary", full_on=None))
    raw = resident("张三", block["household"], political_status="masses")
    raw.person.id_number = make_id("19850312", "131")
    resident_id = saved(db, save_resident, raw)
    with db.session() as s:
        found = s.get(Resident, resident_id)
        assert found.person.member.id == member and found.political_status == "probationary"  # type: ignore
        assert s.query(Person).count() == 1
        assert found.search_text == found.person.search_text and found.name_sort == found.person.name_sort


def test_care_tags_are_set_and_read_back(db: Database, block: dict[str, int]) -> None:
    from db.care_tags import tag_rows

    with db.session() as s:
        tags = {t.name: t.id for t in tag_rows(s)}
    raw = resident("王大爷", block["household"], "111", tag_ids=[tags["独居老人"], tags["低保户"], tags["独居老人"]])
    resident_id = saved(db, save_resident, raw)
    with db.session() as s:
        assert sorted(load_resident_input(s, resident_id).tag_ids) == sorted([tags["独居老人"], tags["低保户"]])
    assert problems(db, save_resident, resident("李四", None, "444", tag_ids=["低保户", 99999])) == [
        "关爱对象：所选类别已不存在，请刷新后重新选择", "关爱对象：所选类别已不存在，请刷新后重新选择"]
    assert problems(db, save_resident, resident("李四", None, "444", tag_ids="独居老人")) == [  # type: ignore[arg-type]
        "关爱对象：请从列表中选择"]


def test_hostile_values_are_refused_in_words(db: Database, block: dict[str, int]) -> None:
    raw = resident("王\x00大爷", 10**30, relation={"head": 1}, residence=None, hukou_place="河南" * 60,  # type: ignore
                   political_status="党员")
    found = problems(db, save_resident, raw)
    assert "所在户：所选的户已不存在或在回收站中，请重新选择" in found
    assert "与户主关系：请从列表中选择" in found and "常住或流动：请从列表中选择" in found
    assert "政治面貌：请从列表中选择" in found and any(p.startswith("户籍地：") for p in found)
    assert any(p.startswith("姓名：") for p in found)


def test_deleting_goes_to_the_recycle_bin_and_comes_back(db: Database, block: dict[str, int]) -> None:
    from db import recycle

    head = saved(db, save_resident, resident("王大爷", block["household"], "111"))
    with db.session() as s, s.begin():
        for register, key in (("residents", head), ("households", block["household"]), ("rooms", block["room"]),
                              ("buildings", block["building"])):
            assert recycle.delete(s, register, [key]) == 1
    with db.session() as s:
        binned = {(d.kind, d.title) for d in recycle.deleted_records(s)}
        assert (housing_tree(s, grid_id=block["grid"])[0].children) == ()
    assert binned >= {("居民", "王大爷"), ("户", "3号楼 2单元301（户主 王大爷）"), ("房屋", "3号楼 2单元301"),
                      ("楼栋", "3号楼")}
    with db.session() as s, s.begin():
        for register, key in (("buildings", block["building"]), ("rooms", block["room"]),
                              ("households", block["household"]), ("residents", head)):
            recycle.restore(s, register, [key])
    with db.session() as s:
        assert housing_tree(s, grid_id=block["grid"])[0].residents == 1


def test_the_residents_list_filters_by_grid_tag_and_text(db: Database, block: dict[str, int]) -> None:
    from db.care_tags import tag_rows
    from db.resident_list import ResidentFilter, resident_ids, resident_rows

    with db.session() as s:
        tags = {t.name: t.id for t in tag_rows(s)}
    wang = saved(db, save_resident, resident("王大爷", block["household"], "111", tag_ids=[tags["独居老人"]]))
    li = saved(db, save_resident, resident("李阿姨", block["household"], "222", relation="spouse",
                                           residence="floating", tag_ids=[tags["低保户"]]))
    zhao = saved(db, save_resident, resident("赵六", None, "333"))  # no household yet

    def ids(**f: Any) -> list[int]:
        with db.session() as s:
            return resident_ids(s, ResidentFilter(**f))

    assert ids() == [li, wang, zhao]  # by name: li, wang, zhao in pinyin
    assert ids(grid_id=block["grid"]) == [li, wang]
    assert ids(tag_id=tags["独居老人"]) == [wang]
    assert ids(residence="floating") == [li]
    assert ids(text="wdy") == [wang] and ids(text="赵") == [zhao]
    with db.session() as s:
        (row,) = resident_rows(s, [li])
    assert (row.name, row.grid, row.address, row.relation, row.tags) == (
        "李阿姨", "WG91 幸福一区", "3号楼 2单元301", "spouse", ("低保户",))
