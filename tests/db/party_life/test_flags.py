"""Member flags and political birthdays on the hand-built data set (world.py); today 2026-11-25."""

from __future__ import annotations

from datetime import date

from db.database import Database
from db.party_life.flags import FLAG_KEYS, flag_counts, flag_member_ids, member_flags, political_birthdays
from tests.db.party_life.world import BRANCH_1, TODAY, add_meeting, add_member, build_world


def test_each_flag_lists_exactly_its_members(db: Database) -> None:
    w = build_world(db)
    with db.session() as s:
        flags = member_flags(s, TODAY)
        counts = flag_counts(s, TODAY)
    # Window 2026-05-25 … 2026-11-25. m5 was absent at g1, g2, g3, g8; his present at g9 (20 May) is
    # before the window and g10 (present) is deleted. m3 was on leave at g6, which is not absence.
    assert flags.absent_six_months == [w.m[5]]
    # m2 admitted 2025-10-10, no 转正: due 2026-10-10, overdue today
    assert flags.overdue_probation == [w.m[2]]
    # m3 mobile since 2026-03-01 (before 2026-05-25), m5 lost contact since unknown; name order sunqi, wangwu
    assert flags.mobile_or_lost_six_months == [w.m[5], w.m[3]]
    # in service: m1 reported 2026-05-25, exactly six months ago (not more) → not flagged; m4 never reported
    assert flags.not_reported_six_months == [w.m[4]]
    # m6 (transferred out, present at g5, in service, never reported) is in none of them
    assert counts == {key: len(getattr(flags, key)) for key in FLAG_KEYS} == {
        "absent_six_months": 1, "overdue_probation": 1, "mobile_or_lost_six_months": 2,
        "not_reported_six_months": 1}
    with db.session() as s:
        assert flag_member_ids(s, "mobile_or_lost_six_months", TODAY) == [w.m[5], w.m[3]]


def test_flags_move_with_the_day(db: Database) -> None:
    w = build_world(db)
    with db.session() as s:
        # A day later m1's report is more than six months old.
        assert flag_member_ids(s, "not_reported_six_months", date(2026, 11, 26)) == [w.m[1], w.m[4]]
        # On 2026-10-10 m2's year is just up (due < today is overdue): not yet; a day later, yes.
        assert flag_member_ids(s, "overdue_probation", date(2026, 10, 10)) == []
        assert flag_member_ids(s, "overdue_probation", date(2026, 10, 11)) == [w.m[2]]
        # On 2026-08-31 the window starts 2026-02-28, so m3's mobility (2026-03-01) is too recent.
        assert flag_member_ids(s, "mobile_or_lost_six_months", date(2026, 8, 31)) == [w.m[5]]
        # On 2026-11-19 the window is 2026-05-19 … 2026-11-19: m5's present at g9 (05-20) counts.
        assert flag_member_ids(s, "absent_six_months", date(2026, 11, 19)) == []


def test_no_meetings_means_not_absent(db: Database) -> None:
    with db.session() as s, s.begin():
        quiet = add_member(s, "钱九", "19700707", "077", BRANCH_1, admitted_on="2001-01-01", full_on="2002-01-01")
        absent = add_member(s, "吴十", "19700808", "088", BRANCH_1, admitted_on="2001-01-01", full_on="2002-01-01")
        add_meeting(s, "lecture", BRANCH_1, "2026-11-01", [(absent, "absent")])
    with db.session() as s:
        assert flag_member_ids(s, "absent_six_months", TODAY) == [absent]
        assert quiet not in flag_member_ids(s, "absent_six_months", TODAY)


def test_political_birthdays_by_day_then_name(db: Database) -> None:
    w = build_world(db)
    with db.session() as s:
        # November: m4 and m5 on the 3rd (sunqi before zhaoliu), m1 on the 20th; m6 (11th) left
        assert political_birthdays(s, 2026, 11) == [w.m[5], w.m[4], w.m[1]]
        assert political_birthdays(s, 2026, 10) == [w.m[2]]
        assert political_birthdays(s, 2026, 7) == [w.m[3]]
        assert political_birthdays(s, 2024, 10) == []  # m2 was admitted in 2025
        assert political_birthdays(s, 2026, 1) == []
