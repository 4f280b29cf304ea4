"""The office's list of care tags (关爱对象): seeded for every community, editable, and its
sensitive tags kept from roles without the right to see them."""

from __future__ import annotations

import pytest

from db.accounts import create_user, sign_in
from db.care_tags import DEFAULT_TAGS, TagLine, save_care_tag, save_care_tags, tag_rows
from db.database import Database
from db.validation import ValidationErrors

PASSWORD = "Xingfu#2026"


def names(db: Database) -> list[str]:
    with db.session() as s:
        return [t.name for t in tag_rows(s)]


def test_a_new_database_has_the_default_list(db: Database) -> None:
    assert names(db) == [name for name, _, _ in DEFAULT_TAGS]


def test_a_viewer_does_not_see_the_sensitive_tags(db: Database) -> None:
    with db.session() as s, s.begin():
        create_user(s, "admin", PASSWORD, "admin")
        create_user(s, "guest", PASSWORD, "viewer")
    db.actor = sign_in(db, "guest", PASSWORD)
    assert names(db) == ["独居老人", "空巢老人", "留守儿童", "退役军人"]
    db.actor = sign_in(db, "admin", PASSWORD)
    assert "低保户" in names(db)


@pytest.mark.parametrize(("name", "months", "problem"), [
    ("", 1, "关爱对象类别：必填"),
    ("独居老人", 1, "关爱对象类别：“独居老人”已经有了"),
    ("失独家庭", -1, "走访间隔（月）：应为0到24之间的整数（月；0：不设）"),
    ("失独家庭", "一个月", "走访间隔（月）：应为0到24之间的整数（月；0：不设）"),
    ("失独家庭", "1.5", "走访间隔（月）：应为0到24之间的整数（月；0：不设）"),
])
def test_a_tag_is_checked(db: Database, name: str, months: object, problem: str) -> None:
    with pytest.raises(ValidationErrors) as info, db.session() as s, s.begin():
        save_care_tag(s, name, visit_months=months)  # type: ignore[arg-type]
    assert [str(e) for e in info.value.errors] == [problem]


def test_a_tag_is_added_and_switched_off(db: Database) -> None:
    with db.session() as s, s.begin():
        tag = save_care_tag(s, "失独家庭", sensitive=True, visit_months="2").id
    assert names(db)[-1] == "失独家庭"
    with db.session() as s, s.begin():
        save_care_tag(s, "失独家庭", sensitive=True, visit_months=2, active=False, tag_id=tag)
    assert "失独家庭" not in names(db)
    with db.session() as s:
        assert tag_rows(s, include_inactive=True)[-1].visit_months == 2


def test_the_dialogs_lines_are_saved_together_or_not_at_all(db: Database) -> None:
    with db.session() as s:
        rows = tag_rows(s, include_inactive=True)
    lines = [TagLine(r.name, r.sensitive, r.visit_months, r.active, r.id) for r in rows]
    lines[0] = TagLine("高龄独居老人", False, 1, True, rows[0].id)  # renamed
    lines.append(TagLine("失独家庭", True, "2"))
    lines.append(TagLine("困境儿童", False, "每月"))  # a bad interval: nothing at all is written
    with pytest.raises(ValidationErrors) as info, db.session() as s, s.begin():
        save_care_tags(s, lines)
    assert [str(e) for e in info.value.errors] == [
        "关爱对象类别：第9行：走访间隔（月）：应为0到24之间的整数（月；0：不设）"]
    assert names(db)[0] == "独居老人" and "失独家庭" not in names(db)

    lines[-1] = TagLine("失独家庭", False, 0)  # the same name twice
    with pytest.raises(ValidationErrors) as info, db.session() as s, s.begin():
        save_care_tags(s, lines)
    assert [str(e) for e in info.value.errors] == ["关爱对象类别：第9行：“失独家庭”与第8行重复"]

    lines[-1] = TagLine("困境儿童", False, 3)
    with db.session() as s, s.begin():
        save_care_tags(s, lines)
    assert names(db)[0] == "高龄独居老人" and names(db)[-2:] == ["失独家庭", "困境儿童"]
    with db.session() as s:
        assert {r.name: r.visit_months for r in tag_rows(s)}["失独家庭"] == 2


def test_a_sensitive_tag_is_changed_only_by_who_may_see_it(db: Database) -> None:
    with db.session() as s, s.begin():
        create_user(s, "admin", PASSWORD, "admin")
        create_user(s, "guest", PASSWORD, "viewer")
    db.actor = sign_in(db, "guest", PASSWORD)
    with pytest.raises(ValidationErrors) as info, db.session() as s, s.begin():
        save_care_tag(s, "失独家庭", sensitive=True)
    assert str(info.value.errors[0]) == "敏感：只有可查看敏感类别的账号才能设置敏感类别"
