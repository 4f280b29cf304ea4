"""Schedules and what they say is due: the default schedules (migration 0003) on world.py's meetings."""

from __future__ import annotations

from datetime import date

import pytest

from db.database import Database
from db.party_life.schedules import (
    ScheduleInput,
    due_meetings,
    missing_meetings,
    period_label,
    required_between,
    save_schedules,
    schedule_rows,
)
from db.validation import ValidationErrors
from tests.db.party_life.world import BRANCH_1, BRANCH_2, COMMITTEE, GROUP_1, TODAY, build_world

ALL_ORGS = [COMMITTEE, BRANCH_1, BRANCH_2, GROUP_1]


def test_default_schedules_are_there(db: Database) -> None:
    with db.session() as s:
        rows = schedule_rows(s)
    assert {(r.kind, r.org_kind, r.period) for r in rows} == {
        ("branch_committee", "branch", "month"), ("members_meeting", "branch", "quarter"),
        ("lecture", "branch", "quarter"), ("themed_day", "branch", "month"), ("group_meeting", "group", "month"),
        ("life_meeting", "branch", "year"), ("appraisal", "branch", "year")}
    assert all(r.times == 1 and r.active and r.org_id is None for r in rows)


def test_due_and_missing_on_25_november(db: Database) -> None:
    build_world(db)
    with db.session() as s:
        due = {(d.org_id, d.kind): d for d in due_meetings(s, TODAY)}
        missing = missing_meetings(s, TODAY)
    # 6 branch schedules × 2 branches + the group's 党小组会; the committee has none
    assert len(due) == 13
    assert due[(GROUP_1, "group_meeting")].held == 1  # g4 on 5 Nov
    assert due[(BRANCH_1, "lecture")].held == 1  # g3 on 15 Oct is in the fourth quarter
    assert due[(BRANCH_1, "lecture")].period_label == "2026年第四季度"
    assert due[(BRANCH_1, "themed_day")].held == 0  # g10 on 15 Nov is deleted
    assert due[(BRANCH_1, "branch_committee")].period_label == "2026年11月"
    assert due[(BRANCH_2, "lecture")].held == 0  # g7 is a training, not a 党课
    assert due[(BRANCH_2, "members_meeting")].held == 0  # g8 was the committee's, not the branch's
    assert due[(BRANCH_2, "life_meeting")].period_label == "2026年"
    # missing: branch 1 all but the lecture (5), branch 2 all 6, the group none
    assert len(missing) == 11 and all(d.missing == 1 for d in missing)
    assert (BRANCH_1, "lecture") not in {(d.org_id, d.kind) for d in missing}


def test_required_counts_whole_periods_only(db: Database) -> None:
    with db.session() as s:
        # one month: each branch 支委会 + 主题党日, the group 党小组会 → 2 + 2 + 1
        assert required_between(s, date(2026, 11, 1), date(2026, 11, 30), ALL_ORGS) == 5
        # a month less a day: no whole month
        assert required_between(s, date(2026, 11, 1), date(2026, 11, 29), ALL_ORGS) == 0
        # a quarter: 3 months × 5 + quarterly 党员大会 and 党课 × 2 branches = 15 + 4
        assert required_between(s, date(2026, 10, 1), date(2026, 12, 31), ALL_ORGS) == 19
        # the year: 12 × 5 + 4 × 4 + yearly 组织生活会 and 民主评议 × 2 branches = 60 + 16 + 4
        assert required_between(s, date(2026, 1, 1), date(2026, 12, 31), ALL_ORGS) == 80
        # one branch for the year: 12 × 2 + 4 × 2 + 2
        assert required_between(s, date(2026, 1, 1), date(2026, 12, 31), [BRANCH_1]) == 34
        assert required_between(s, date(2026, 12, 31), date(2026, 1, 1), ALL_ORGS) == 0


def test_a_schedule_for_one_organisation_overrides_the_general_line(db: Database) -> None:
    with db.session() as s, s.begin():
        rows = [ScheduleInput(r.kind, r.org_kind, r.org_id, r.period, r.times, r.active) for r in schedule_rows(s)]
        rows.append(ScheduleInput("themed_day", "branch", BRANCH_2, "month", 1, active=False))  # exempt
        rows.append(ScheduleInput("branch_committee", "", BRANCH_1, "month", 2))  # twice a month
        save_schedules(s, rows)
    with db.session() as s:
        due = {(d.org_id, d.kind): d for d in due_meetings(s, TODAY)}
        assert (BRANCH_2, "themed_day") not in due
        assert due[(BRANCH_1, "branch_committee")].required == 2
        assert due[(BRANCH_1, "themed_day")].required == 1
        assert [r.org_kind for r in schedule_rows(s) if r.org_id == BRANCH_1] == ["branch"]  # taken from the org
        # November: branch 1 2 + 1, branch 2 1 + 0, group 1
        assert required_between(s, date(2026, 11, 1), date(2026, 11, 30), ALL_ORGS) == 5


def test_save_replaces_the_table(db: Database) -> None:
    with db.session() as s, s.begin():
        save_schedules(s, [ScheduleInput("lecture", "group", None, "year", 3)])
    with db.session() as s:
        rows = schedule_rows(s)
        assert [(r.kind, r.org_kind, r.period, r.times) for r in rows] == [("lecture", "group", "year", 3)]
        assert required_between(s, date(2026, 1, 1), date(2026, 12, 31), ALL_ORGS) == 3


@pytest.mark.parametrize(
    ("row", "phrase"),
    [
        (ScheduleInput("tea_party", "branch", None, "month"), "第2行会议类型请从列表中选择"),
        (ScheduleInput("lecture", "street", None, "month"), "第2行组织类型请从列表中选择"),
        (ScheduleInput("lecture", "branch", 999, "month"), "第2行所选组织已不存在"),
        (ScheduleInput("lecture", "branch", None, "fortnight"), "第2行周期请从列表中选择"),
        (ScheduleInput("lecture", "branch", None, "month", 0), "第2行次数应为 1 到 31 的整数"),
        (ScheduleInput("lecture", "branch", None, "month", 40), "第2行次数应为 1 到 31 的整数"),
        (ScheduleInput("themed_day", "branch", None, "quarter"), "第2行与前面的一行重复"),
    ],
)
def test_schedule_rules(db: Database, row: ScheduleInput, phrase: str) -> None:
    with db.session() as s, s.begin():
        with pytest.raises(ValidationErrors) as info:
            save_schedules(s, [ScheduleInput("themed_day", "branch", None, "month"), row])
        assert [e.field for e in info.value.errors] == ["rows"]
        assert phrase in info.value.errors[0].message and info.value.errors[0].message.startswith("会议安排：")
    with db.session() as s:
        assert len(schedule_rows(s)) == 7  # nothing replaced


def test_period_labels() -> None:
    assert [period_label(p, date(2026, 2, 3)) for p in ("month", "quarter", "year")] == [
        "2026年2月", "2026年第一季度", "2026年"]
    assert period_label("quarter", date(2026, 9, 30)) == "2026年第三季度"
