"""The registers' search boxes: the hint is whole at 1366×768 in Chinese, and a ranked search
(best matches first, db.listing.search_rank) still pages and completes in one order."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QToolButton

from db.members import MemberFilter, member_ids, member_rows
from desktop.common.context import AppContext
from desktop.common.paged_model import Column, PagedTableModel
from desktop.main_window import MainWindow
from desktop.members.tab import MembersTab
from tests.db.test_search_rank import ZH_NAMES, add_members
from tests.qt_input import type_text


@pytest.fixture
def chinese(qapp):  # type: ignore[no-untyped-def]
    from desktop.i18n import install_translators

    translators = install_translators(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def text_room(edit: QLineEdit) -> int:
    """Pixels the line edit gives its text: the style's contents rect, less the text margins and
    the clear button's place (shown once something is typed)."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    clear = max((b.sizeHint().width() for b in edit.findChildren(QToolButton)), default=0)
    return contents.width() - margins.left() - margins.right() - clear


def test_the_search_hint_fits_at_1366_by_768_in_chinese(qtbot, ctx: AppContext, chinese) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    checked = []
    for key, tab in window.register_tabs.items():
        window.show_tab(key)
        qtbot.wait(1)
        edit = tab.search_edit
        hint = edit.placeholderText()
        assert hint and not hint.isascii(), f"{key}: the hint is not in Chinese: {hint!r}"
        assert edit.fontMetrics().horizontalAdvance(hint) <= text_room(edit), f"{key}: “{hint}” is cut"
        checked.append(key)
    assert {"members", "grid_workers", "volunteers", "mediation"} <= set(checked)
    assert window.register_tabs["members"].search_edit.placeholderText() == "姓名 / 拼音首字母 / 证件或电话尾号"


def test_a_ranked_search_pages_in_its_order(qtbot, ctx: AppContext) -> None:
    add_members(ctx.db, ZH_NAMES)
    with ctx.db.session() as s:
        ranked = member_ids(s, MemberFilter(text="zh"))
    fetched: list[list[int]] = []

    def fetch(ids: list[int]) -> list[object]:
        fetched.append(list(ids))
        with ctx.db.session() as s:
            return member_rows(s, ids)  # type: ignore[return-value]

    model = PagedTableModel([Column("name", "Name", lambda r: r.name, "name")], fetch, page_size=3)
    model.set_ids(ranked)
    names = [model.data(model.index(row, 0)) for row in reversed(range(model.rowCount()))][::-1]
    assert names[:3] == ["曾环", "朱宏", "郑环静"] and names[-2:] == ["丁志华", "王志"]
    assert len(fetched) == 4 and all(len(page) <= 3 for page in fetched)  # 10 rows in pages of 3

    tab = MembersTab(ctx)
    qtbot.addWidget(tab)
    type_text(qtbot, tab.search_edit, "zh")
    tab.refresh()
    assert tab.model.ids == ranked
    assert [tab.model.data(tab.model.index(row, 0)) for row in range(3)] == ["曾环", "朱宏", "郑环静"]
