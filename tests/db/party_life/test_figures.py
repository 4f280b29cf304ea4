"""Attendance, participation and education figures on the hand-built data set (world.py)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from db.database import Database
from db.party_life.figures import branch_figures, member_figures, party_life_figures
from tests.db.party_life.world import BRANCH_1, BRANCH_2, GROUP_1, build_world

SEP_1, NOV_30 = date(2026, 9, 1), date(2026, 11, 30)


def test_community_figures(db: Database) -> None:
    w = build_world(db)
    with db.session() as s:
        f = party_life_figures(s, SEP_1, NOV_30)
    assert f.scope_label == "幸福社区党委"
    assert f.members == 5  # m1–m5; m6 transferred out
    # g1–g8 (g9 is in May, g10 deleted); every organisation's meetings count for the community.
    assert f.meetings_held == 8
    # Default schedules, whole periods in Sep–Nov: 3 months, no whole quarter or year.
    # Each branch: 支委会 + 主题党日 monthly = 2 × 3 = 6, two branches = 12; the group 党小组会 3. = 15
    assert f.meetings_required == 15
    # Lines of m1–m5 at g1–g8 (m6's line at g5 left out):
    # g1 P2 A1 | g2 P1 L1 A1 | g3 P1 L1 A1 | g4 P1 | g5 P1 A1 | g6 L1 A1 | g7 P1 A1 | g8 P2 A2
    # present 9, leave 3, absent 8 → 9 / 20
    assert f.attendance_rate == pytest.approx(9 / 20)
    # present at least once: m1, m2, m4 → 3 of 5
    assert f.participation_rate == pytest.approx(3 / 5)
    # present at 党课 g3 (m2) or 培训 g7 (m4) → 2 of 5 (m1 was on leave at g3)
    assert f.education_coverage == pytest.approx(2 / 5)
    # never present in the range: m5 孙七 (sunqi), m3 王五 (wangwu), in name order
    assert f.absent_member_ids == [w.m[5], w.m[3]]


def test_branch_figures_include_party_groups(db: Database) -> None:
    w = build_world(db)
    with db.session() as s:
        first, second = branch_figures(s, SEP_1, NOV_30)
        alone = party_life_figures(s, SEP_1, NOV_30, org_id=BRANCH_1)
    assert (first.org_id, first.scope_label, second.org_id, second.scope_label) == (
        BRANCH_1, "第一党支部", BRANCH_2, "第二党支部")
    # 第一党支部 with 第一党小组: m1, m2, m5. Their lines (g8 too: it is their members' meeting):
    # g1 P2 A1 | g2 P1 L1 A1 | g3 P1 L1 A1 | g4 P1 | g8 m1 P, m5 A → present 6, leave 2, absent 4 of 12
    assert first.members == 3
    assert first.attendance_rate == pytest.approx(6 / 12)
    assert first.participation_rate == pytest.approx(2 / 3)  # m1, m2
    assert first.education_coverage == pytest.approx(1 / 3)  # m2 at g3
    assert first.absent_member_ids == [w.m[5]]
    assert first.meetings_held == 4  # g1, g2, g3 by the branch, g4 by its group
    assert first.meetings_required == 9  # branch 2 × 3 months, group 1 × 3 months
    # 第二党支部: m3, m4 (m6 left). g5 m3 A, m4 P | g6 L1 A1 | g7 P1 A1 | g8 m3 A, m4 P → present 3 of 8
    assert second.members == 2
    assert second.attendance_rate == pytest.approx(3 / 8)
    assert second.participation_rate == pytest.approx(1 / 2)
    assert second.education_coverage == pytest.approx(1 / 2)  # m4 at the training g7
    assert second.absent_member_ids == [w.m[3]]
    assert (second.meetings_held, second.meetings_required) == (3, 6)
    # one branch alone is counted by another query (member by member): the same figures
    assert asdict(alone) == {k: v for k, v in asdict(first).items() if k != "org_id"}


def test_party_group_alone(db: Database) -> None:
    build_world(db)
    with db.session() as s:
        f = party_life_figures(s, SEP_1, NOV_30, org_id=GROUP_1)
    # m2 only: g1 P, g2 L, g3 P, g4 P → 3 of 4; the group held g4; it owes 党小组会 × 3 months
    assert (f.members, f.meetings_held, f.meetings_required) == (1, 1, 3)
    assert f.attendance_rate == pytest.approx(3 / 4)
    assert (f.participation_rate, f.education_coverage, f.absent_member_ids) == (1.0, 1.0, [])


def test_member_figures_and_deleted_meetings(db: Database) -> None:
    w = build_world(db)
    with db.session() as s:
        # m5 in Sep–Nov: absent at g1, g2, g3, g8; g10 (present) is deleted
        assert member_figures(s, w.m[5], SEP_1, NOV_30) == type(member_figures(s, w.m[5], SEP_1, NOV_30))(
            w.m[5], 4, 0, 0, 4)
        wider = member_figures(s, w.m[5], date(2026, 5, 1), NOV_30)  # g9 on 20 May: present
        assert (wider.invited, wider.present, wider.absent) == (5, 1, 4)
        # both range ends are included: g8 is on 20 Nov
        assert member_figures(s, w.m[1], date(2026, 11, 20), date(2026, 11, 20)).present == 1


def test_empty_range_has_no_rates(db: Database) -> None:
    build_world(db)
    with db.session() as s:
        f = party_life_figures(s, date(2026, 1, 1), date(2026, 1, 31))
    assert (f.meetings_held, f.attendance_rate) == (0, None)
    # nobody was present, so participation and coverage are 0 of 5, and all five are absent
    assert (f.participation_rate, f.education_coverage, len(f.absent_member_ids)) == (0.0, 0.0, 5)
    assert f.meetings_required == 15 // 3  # one whole month: 2 + 2 + 1
