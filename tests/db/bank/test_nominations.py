"""The 道德榜样 nominations list (issue 17, point 5): who earned most in a period, most first and
then by name; what was earned and still stands (a reversed line or service hours taken back do
not count, whenever the correction was booked; redemptions and adjustments are not earnings);
nobody deceased, merged or in the recycle bin; the period's two days both counted; the
session's community only. Real database files (and the server, with --engine postgresql)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, update

from db import recycle
from db.accounts import create_user, sign_in
from db.bank.accounts import open_account
from db.bank.ledger import post, reverse
from db.bank.nominations import nominations
from db.database import Database
from db.exchange.merging import merge_persons
from db.housing import BuildingInput, HouseholdInput, RoomInput, save_building, save_household, save_room
from db.models import Community, Grid, PartyMember, Person
from db.people import PersonFields
from db.residents import ResidentInput, save_resident
from db.scope import Scope
from db.service_logs import AttendeeInput, load_activity_input, save_activity
from tests.db.bank.test_ledger import a_resident, an_account
from tests.db.test_members import make_id, member_input
from tests.db.test_members import save as save_member
from tests.db.test_volunteers import activity, add_volunteer

PASSWORD = "Xingfu#2026"
TODAY = date(2026, 12, 3)
YEAR = (date(2026, 1, 1), date(2026, 11, 30))


def earn(db: Database, account: int, points: int, on: str, category: str = "other") -> int:
    with db.session() as s, s.begin():
        return post(s, account, "earn", points, category=category, on=on, today=TODAY).id


def listed(db: Database, start: date = YEAR[0], end: date = YEAR[1], limit: int = 20) -> list[tuple[str, int]]:
    with db.session() as s:
        return [(n.holder, n.points) for n in nominations(s, start, end, limit)]


def household_of_wang(db: Database) -> tuple[int, int]:
    """3号楼 (two units) 2单元301 with 王大爷 as its head: (household, 王大爷's person id)."""
    with db.session() as s, s.begin():
        grid = s.scalar(select(Grid.id).where(Grid.code == "WG01"))
        building = save_building(s, BuildingInput(grid_id=grid, name="3号楼", units=2, floors=6)).id
        room = save_room(s, RoomInput(building_id=building, unit=2, floor=3, number="301")).id
        household = save_household(s, HouseholdInput(room_id=room)).id
        person = PersonFields(name="王大爷", id_number=make_id("19500101", "111"))
        wang = save_resident(s, ResidentInput(person, household_id=household, relation="head")).person_id
    return household, wang


def test_the_most_earned_first_then_by_name_with_the_categories(db: Database) -> None:
    household, wang = household_of_wang(db)
    with db.session() as s, s.begin():
        mine = open_account(s, person_id=wang, on=TODAY).id
        theirs = open_account(s, household_id=household, on=TODAY).id
    li, zhao = an_account(db, "李梅", "122"), an_account(db, "赵强", "133")
    earn(db, mine, 30, "2026-03-01", "volunteer")
    earn(db, mine, 10, "2026-05-01", "good_deed")
    earn(db, li, 40, "2026-04-01", "good_deed")  # as many as 王大爷: 李 (li) before 王 (wang)
    earn(db, zhao, 5, "2026-04-01")
    earn(db, theirs, 25, "2026-06-01", "garbage")
    assert listed(db) == [("李梅", 40), ("王大爷", 40), ("户：王大爷", 25), ("赵强", 5)]
    assert listed(db, limit=2) == [("李梅", 40), ("王大爷", 40)]
    with db.session() as s:
        first, wang_row, house = nominations(s, *YEAR)[:3]
    assert (wang_row.breakdown, wang_row.deeds, wang_row.place, wang_row.is_household) == (
        "志愿服务 30、好人好事 10", 2, "3号楼 2单元301", False)
    assert first.breakdown == "好人好事 40" and first.place == ""  # no household, grid or address
    assert (house.holder, house.place, house.is_household, house.breakdown) == ("户：王大爷", "3号楼 2单元301", True,
                                                                                "垃圾分类 25")


def test_only_what_was_earned_in_the_period_and_still_stands(db: Database) -> None:
    wang, li = an_account(db), an_account(db, "李梅", "122")
    with db.session() as s, s.begin():
        create_user(s, "admin", PASSWORD, "admin")
    db.actor = sign_in(db, "admin", PASSWORD)
    earn(db, wang, 50, "2025-12-31")  # the day before
    earn(db, wang, 7, "2026-01-01")  # the first day
    earn(db, wang, 3, "2026-11-30")  # the last day
    earn(db, wang, 20, "2026-12-01")  # the day after
    earn(db, li, 12, "2026-02-01")
    wrong = earn(db, li, 100, "2026-02-02")
    with db.session() as s, s.begin():
        reverse(s, wrong, "录错了", today=TODAY)  # booked after the period: still never earned
        post(s, li, "redeem", 10, on="2026-03-01", today=TODAY)  # spent: still earned
        post(s, li, "adjust", 30, reason="补记", on="2026-03-02", today=TODAY)  # a correction, not a deed
    assert listed(db) == [("李梅", 12), ("王大爷", 10)]
    with db.session() as s:
        assert [n.deeds for n in nominations(s, *YEAR)] == [1, 2]
    assert listed(db, date(2026, 11, 30), date(2026, 11, 30)) == [("王大爷", 3)]
    assert listed(db, date(2026, 12, 1), date(2026, 11, 30)) == []  # an empty period


def test_service_hours_taken_back_do_not_count(db: Database) -> None:
    li, wang = add_volunteer(db, "李梅", "021"), add_volunteer(db, "王强", "031")
    with db.session() as s, s.begin():
        kept = save_activity(s, activity([AttendeeInput(li, 2.5), AttendeeInput(wang, 3)])).id
        changed = save_activity(s, activity([AttendeeInput(wang, 6)], held_on="2026-04-01")).id
        gone = save_activity(s, activity([AttendeeInput(li, 8)], held_on="2026-05-01")).id
    with db.session() as s, s.begin():  # 王强 served 2 hours, not 6; the May activity was never held
        data, _rows = load_activity_input(s, changed)
        data.attendees = [AttendeeInput(wang, 2)]
        save_activity(s, data, changed)
        recycle.delete(s, "activities", [gone])
    assert kept and listed(db) == [("王强", 5), ("李梅", 2)]
    with db.session() as s:
        assert [(n.hours, n.deeds, n.breakdown) for n in nominations(s, *YEAR)] == [
            (5.0, 2, "志愿服务 5"), (2.5, 1, "志愿服务 2")]


def test_nobody_deceased_merged_or_in_the_recycle_bin(db: Database) -> None:
    member = save_member(db, member_input(db, "张三"))
    with db.session() as s, s.begin():
        person = s.get_one(PartyMember, member).person_id
        late = open_account(s, person_id=person, on=TODAY).id
    earn(db, late, 90, "2026-03-01")
    keep = a_resident(db, "赵六", "144")
    with db.session() as s, s.begin():  # the same person entered again, without the ID number
        other = save_resident(s, ResidentInput(PersonFields(name="赵六"), relation="other")).person_id
    with db.session() as s, s.begin():
        kept, merged = open_account(s, person_id=keep, on=TODAY).id, open_account(s, person_id=other, on=TODAY).id
    earn(db, kept, 30, "2026-03-01")
    earn(db, merged, 80, "2026-03-01")
    household, wang = household_of_wang(db)
    with db.session() as s, s.begin():
        home = open_account(s, household_id=household, on=TODAY).id
    earn(db, home, 60, "2026-03-01")
    assert listed(db) == [("张三", 90), ("赵六", 80), ("户：王大爷", 60), ("赵六", 30)]
    with db.session() as s, s.begin():
        s.execute(update(PartyMember).where(PartyMember.id == member).values(status="deceased"))
        merge_persons(s, keep, other)  # the other record's account goes to the bin, its balance moves over
        recycle.delete(s, "households", [household])
        assert s.get_one(Person, other).deleted_at is not None
    assert listed(db) == [("赵六", 30)]  # what moved over was not earned by the survivor in the period


def test_the_session_s_community_only(db: Database) -> None:
    mine = an_account(db, "李梅", "122")
    earn(db, mine, 5, "2026-03-01")
    with db.session() as s, s.begin():
        first = int(s.scalar(select(func.min(Community.id))) or 0)
        second = Community(name="阳光社区", sort_order=2)
        s.add(second)
        s.flush()
        other = second.id
    db.scope = Scope(other)
    theirs = an_account(db, "孙丽", "155")
    earn(db, theirs, 50, "2026-03-01")
    assert listed(db) == [("孙丽", 50)]
    db.scope = Scope(first)
    assert listed(db) == [("李梅", 5)]
