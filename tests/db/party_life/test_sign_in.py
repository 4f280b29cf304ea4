"""The sign-in sheet order (by branch, then pinyin) and the short branch names it shows."""

from __future__ import annotations

import pytest

from db.database import Database
from db.members import save_org
from db.models import PartyOrg
from db.party_life.meetings import expected_attendees, recorded_attendees
from db.party_life.sign_in import org_places, short_org_name
from tests.db.party_life.world import BRANCH_1, BRANCH_2, GROUP_1, add_member, build_world


@pytest.mark.parametrize(
    ("name", "parent", "short"),
    [
        ("第三网格党支部第一党小组", "第三网格党支部", "第一党小组"),
        ("幸福社区第一党支部", "幸福社区党委", "第一党支部"),  # the parent without its 党委
        ("第一党小组", "第一党支部", "第一党小组"),  # never cut to a bare 党小组
        ("第一网格党支部", "幸福社区党委", "第一网格党支部"),
        ("离退休党支部支部", "离退休党支部", "离退休党支部支部"),
        ("幸福社区党委", None, "幸福社区党委"),
    ],
)
def test_short_org_name(name: str, parent: str | None, short: str) -> None:
    assert short_org_name(name, parent) == short


def test_members_are_listed_by_branch_then_pinyin_with_groups_in_their_branch(db: Database) -> None:
    w = build_world(db)
    with db.session() as s, s.begin():
        third = save_org(s, "第三网格党支部", "branch", 1).id
        group = save_org(s, "第三网格党支部第一党小组", "group", third).id
        late = [add_member(s, name, "19800101", f"5{i:02d}", org, member_type="full", admitted_on="2000-07-01",
                           full_on="2001-07-01")
                for i, (name, org) in enumerate((("程一", group), ("陈二", third), ("阿三", 1), ("艾四", GROUP_1)))]
    with db.session() as s:
        everyone = expected_attendees(s, 1)
        # the committee's own member first, then branch 1 (its group's members among its own, by
        # pinyin: 艾 ai, 李 li, 孙 sun, 张 zhang), branch 2, the new third branch (陈 chen before 程 cheng)
        assert [c.name for c in everyone] == ["阿三", "艾四", "李四", "孙七", "张三", "王五", "赵六", "陈二", "程一"]
        by_name = {c.name: c for c in everyone}
        assert (by_name["程一"].org_short, by_name["程一"].org_path) == (
            "第一党小组", "幸福社区党委 › 第三网格党支部 › 第一党小组")
        assert by_name["程一"].org_name == "第三网格党支部第一党小组"
        assert [c.name for c in expected_attendees(s, BRANCH_2)] == ["王五", "赵六"]
        # a meeting's record, whoever moved where, comes back in the same order
        recorded = recorded_attendees(s, [late[0], w.m[6], late[3], w.m[4]])
        assert [c.name for c in recorded] == ["艾四", "赵六", "周八", "程一"]
        places = org_places(s)
        assert places[GROUP_1].branch_position == places[BRANCH_1].branch_position
        assert places[BRANCH_1].branch_position < places[BRANCH_2].branch_position < places[third].branch_position


def test_a_deleted_organisation_keeps_its_place(db: Database) -> None:
    build_world(db)
    with db.session() as s, s.begin():
        org = s.get_one(PartyOrg, BRANCH_2)
        org.deleted_at = org.created_at
    with db.session() as s:
        places = org_places(s)
        assert places[BRANCH_2].short == s.get_one(PartyOrg, BRANCH_2).name
        assert places[BRANCH_1].branch_position < places[BRANCH_2].branch_position
