"""Lists show short branch names and columns as wide as their texts (issue 11, point 6)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.models import PartyOrg
from desktop.common.context import AppContext
from desktop.common.paged_model import ID_ROLE
from desktop.members.tab import MembersTab
from tests.desktop.party_life.helpers import FIRST_GROUP, add_member


def _column(tab: MembersTab, key: str) -> int:
    return next(i for i, c in enumerate(tab.model.columns) if c.key == key)


def test_branch_column_shows_the_short_name_with_the_path_in_the_tooltip(qtbot, ctx: AppContext) -> None:
    with ctx.db.session() as s, s.begin():  # offices name a group after its branch
        s.get_one(PartyOrg, FIRST_GROUP).name = "第一党支部第一党小组"
    add_member(ctx.db, "张三", FIRST_GROUP, 1)
    tab = MembersTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    index = tab.model.index(0, _column(tab, "org"))
    assert index.data() == "第一党小组"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "幸福社区党委 › 第一党支部 › 第一党小组"


def test_columns_fit_their_texts_in_english_and_the_last_does_not_stretch(qtbot, ctx: AppContext) -> None:
    add_member(ctx.db, "张三", FIRST_GROUP, 1, member_type="probationary", full_on="", category="mobile")
    tab = MembersTab(AppContext(db=ctx.db, lang="en"))
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.refresh()
    metrics = tab.table.fontMetrics()
    for key in ("member_type", "category", "org", "name"):
        col = _column(tab, key)
        text = tab.model.index(0, col).data()
        assert tab.table.columnWidth(col) >= metrics.horizontalAdvance(text), (key, text)
    assert tab.model.index(0, _column(tab, "member_type")).data() == "Probationary member"
    assert not tab.table.horizontalHeader().stretchLastSection()
    assert tab.table.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert tab.model.index(0, 0).data(ID_ROLE) is not None


def test_a_layout_set_by_hand_is_kept(qtbot, ctx: AppContext) -> None:
    add_member(ctx.db, "张三", FIRST_GROUP, 1)
    tab = MembersTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    tab.table.setColumnWidth(0, 333)  # the person widened the name column
    tab.refresh(data_changed=True)
    assert tab.table.columnWidth(0) == 333


def test_a_very_long_text_is_capped_and_elided(qtbot, ctx: AppContext) -> None:
    from db.members import load_member_input, save_member

    member_id = add_member(ctx.db, "张三", FIRST_GROUP, 1)
    with ctx.db.session() as s, s.begin():
        values = load_member_input(s, member_id)
        values.person.address = "幸福社区" * 40
        save_member(s, values, member_id=member_id)
    tab = MembersTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    col = _column(tab, "address")
    assert tab.table.columnWidth(col) <= 260
    assert tab.model.index(0, col).data(Qt.ItemDataRole.ToolTipRole) == "幸福社区" * 40
