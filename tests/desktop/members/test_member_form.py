"""The member form filled the way a clerk copies a paper form: keyboard only, first page first.

What every record needs is on page one in the paper's order and Tab follows it; Enter saves from
any one-line field; gender and birth date come from the ID number; the branch is chosen by
typing its pinyin initials. The last test counts the keys for a whole new member.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from db.members import load_member_input
from db.models import PartyMember
from db.search_keys import name_keys
from desktop.common.context import AppContext
from desktop.common.fields import DEPTH_ROLE, IdChoiceCombo
from desktop.members.dialog import MemberDialog
from desktop.members.tab import MembersTab
from tests.db.test_members import branch_id, make_id
from tests.qt_dialogs import handle_next_dialog
from tests.qt_input import replace_text, type_text

GOOD_ID = make_id("19850312", "131")  # 17th digit 3: a man
WOMANS_ID = make_id("19900704", "122")
PAPER_ORDER = ["name", "id_number", "phone", "org_id", "member_type", "admitted_on", "full_on", "category"]
# then the rest of page one: the left column, the right column
REST_OF_PAGE_ONE = ["status", "gender", "birth_date", "ethnicity", "address", "grid_id", "education",
                    "native_place", "employer", "notes"]


def open_new(qtbot, ctx: AppContext) -> MemberDialog:  # type: ignore[no-untyped-def]
    dialog = MemberDialog(ctx)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard_and_close())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def field_of(dialog: MemberDialog, widget: QWidget | None) -> str:
    """The field name of the focused widget (an editable combo box focuses its line edit)."""
    while widget is not None and widget not in dialog.fields.values():
        widget = widget.parentWidget()
    return "" if widget is None else widget.objectName()


def test_tab_walks_the_paper_form_order(qtbot, ctx: AppContext) -> None:
    dialog = open_new(qtbot, ctx)
    seen = [field_of(dialog, dialog.focusWidget())]
    for _ in range(len(PAPER_ORDER) + len(REST_OF_PAGE_ONE) - 1):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(field_of(dialog, dialog.focusWidget()))
    assert seen == PAPER_ORDER + REST_OF_PAGE_ONE
    assert seen.index("status") - seen.index("admitted_on") == 3  # was 10 Tabs, on the second page


def test_first_page_holds_what_every_record_needs(qtbot, ctx: AppContext) -> None:
    dialog = open_new(qtbot, ctx)
    first = dialog.tabs.widget(0)
    for name in PAPER_ORDER + REST_OF_PAGE_ONE:
        assert first.isAncestorOf(dialog.fields[name]), name
    assert not first.isAncestorOf(dialog.fields["reported"])  # in-service reporting: the next page
    assert dialog.tabs.currentIndex() == 0
    for name in PAPER_ORDER:
        assert dialog.fields[name].isVisible(), name


@pytest.mark.parametrize("name", ["name", "id_number", "phone", "org_id", "member_type", "admitted_on", "full_on",
                                  "category", "status", "gender", "birth_date", "ethnicity", "education",
                                  "employer"])
def test_enter_saves_from_a_one_line_field(qtbot, ctx: AppContext, name: str) -> None:
    dialog = open_new(qtbot, ctx)
    widget = dialog.fields[name]
    widget.setFocus()
    target = widget.lineEdit() if isinstance(widget, QComboBox) and widget.isEditable() else widget
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert dialog.error_text("name")  # the save was tried: the empty name is pointed out
    assert dialog.focusWidget() is dialog.name_edit


def test_enter_in_notes_is_a_new_line_and_in_an_open_list_a_choice(qtbot, ctx: AppContext) -> None:
    dialog = open_new(qtbot, ctx)
    type_text(qtbot, dialog.notes_edit, "first")
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Return)
    type_text(qtbot, dialog.notes_edit, "second")
    assert dialog.notes_edit.toPlainText() == "first\nsecond"
    assert not dialog.error_text("name")

    combo = dialog.org_combo
    combo.setFocus()
    combo.showPopup()
    qtbot.waitUntil(combo.view().isVisible)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Down)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not combo.view().isVisible())
    assert combo.currentIndex() == 1
    assert not dialog.error_text("name") and dialog.isVisible()


def test_id_number_fills_birth_date_and_gender_and_says_so(qtbot, ctx: AppContext) -> None:
    dialog = open_new(qtbot, ctx)
    person = dialog.person
    type_text(qtbot, dialog.id_number_edit, GOOD_ID[:17])
    assert person.birth_date_edit.text() == "" and person.gender_combo.code() is None
    assert person.birth_date_note.isHidden()
    type_text(qtbot, dialog.id_number_edit, GOOD_ID[17])
    assert person.birth_date_edit.text() == "1985-03-12"
    assert person.gender_combo.code() == "male"
    assert person.birth_date_note.isVisible() and person.gender_note.isVisible()
    assert person.birth_date_note.text() == "由身份证号自动填写" or person.birth_date_note.text() == \
        "Filled in from the ID number"  # which one depends on the translator the test run has

    # Another number: what it filled follows it; a wrong check digit clears it again.
    replace_text(qtbot, dialog.id_number_edit, WOMANS_ID)
    assert (person.birth_date_edit.text(), person.gender_combo.code()) == ("1990-07-04", "female")
    qtbot.keyClick(dialog.id_number_edit, Qt.Key.Key_Backspace)
    assert person.birth_date_edit.text() == "" and person.gender_combo.code() is None
    assert person.birth_date_note.isHidden() and person.gender_note.isHidden()

    # Changed by hand: the value is kept, the note goes, and the next number leaves it alone.
    type_text(qtbot, dialog.id_number_edit, WOMANS_ID[-1])
    replace_text(qtbot, person.birth_date_edit, "1990-07-05")
    assert person.birth_date_note.isHidden() and person.gender_note.isVisible()
    person.gender_combo.setFocus()
    qtbot.keyClick(person.gender_combo, Qt.Key.Key_Up)  # 女 → 男, a choice by hand
    assert person.gender_combo.code() == "male" and person.gender_note.isHidden()
    replace_text(qtbot, dialog.id_number_edit, GOOD_ID)
    assert (person.birth_date_edit.text(), person.gender_combo.code()) == ("1990-07-05", "male")
    assert person.birth_date_note.isHidden() and person.gender_note.isHidden()


def test_an_existing_members_details_stay_when_the_number_is_changed(qtbot, ctx: AppContext) -> None:
    """Stored values are the person's: a corrected number does not overwrite them (the save
    then says when the two disagree)."""
    from db.members import save_member
    from tests.db.test_members import member_input

    with ctx.db.session() as s, s.begin():
        member_id = save_member(s, member_input(ctx.db)).id  # GOOD_ID, birth date and gender from it
    dialog = MemberDialog(ctx, member_id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard_and_close())
    person = dialog.person
    assert (person.birth_date_edit.text(), person.gender_combo.code()) == ("1985-03-12", "male")
    person.reveal_button.click()
    replace_text(qtbot, dialog.id_number_edit, WOMANS_ID)
    assert (person.birth_date_edit.text(), person.gender_combo.code()) == ("1985-03-12", "male")
    assert person.birth_date_note.isHidden() and person.gender_note.isHidden()


def test_branch_list_is_a_tree_of_plain_names_chosen_by_initials(qtbot, ctx: AppContext) -> None:
    dialog = open_new(qtbot, ctx)
    combo = dialog.org_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == ["第一党支部", "第一党小组", "第二党支部"]  # depth-first, the committee left out
    assert [combo.itemData(i, DEPTH_ROLE) for i in range(combo.count())] == [0, 1, 0]

    combo.setFocus()
    qtbot.keyClicks(combo, "de")  # 第二党支部: d(i) e(r)
    assert combo.currentText() == "第二党支部" and combo.value() == branch_id(ctx.db, "第二党支部")
    qtbot.wait(1600)  # a pause starts a new search
    qtbot.keyClicks(combo, "dydxz")  # 第一党小组
    assert combo.currentText() == "第一党小组"
    qtbot.wait(1600)
    qtbot.keyClicks(combo, "dierdang")  # full pinyin works too
    assert combo.currentText() == "第二党支部"
    qtbot.wait(1600)
    qtbot.keyClicks(combo, "xz")  # not a start: the initials that hold it
    assert combo.currentText() == "第一党小组"
    assert combo.find_typed("qq") == -1


def _option(view):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(view)
    return option


def test_the_indent_is_drawn_not_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo = IdChoiceCombo([(1, "第一党支部", 1), (2, "第一党小组", 2)])
    qtbot.addWidget(combo)
    assert combo.currentText() == "第一党支部"  # the closed box shows the plain name
    assert [combo.itemData(i, DEPTH_ROLE) for i in range(2)] == [0, 1]  # levels counted from the top one
    view = combo.view()
    delegate = view.itemDelegate()
    top, group = (delegate.sizeHint(_option(view), combo.model().index(i, 0)) for i in range(2))
    assert group.width() > top.width()  # the party group is drawn further right
    plain = IdChoiceCombo([(None, "全部"), (1, "幸福一区")])  # a flat list keeps Qt's own drawing
    qtbot.addWidget(plain)
    assert type(plain.view().itemDelegate()).__name__ != "IndentDelegate"


class KeyCounter:
    """Keyboard-only input that counts the keys a person presses: each key click is one key, a
    Chinese word is its pinyin plus the space that commits it in an input method."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.count = 0

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard"
        self.qtbot.keyClick(widget, key, modifier)
        self.count += 1

    def type(self, text: str) -> None:
        widget = QApplication.focusWidget()
        assert widget is not None
        type_text(self.qtbot, widget, text)
        self.count += len(name_keys(text).full[0]) + 1 if not text.isascii() else len(text)


def test_keys_for_a_new_member_with_ten_fields(qtbot, ctx: AppContext) -> None:
    """姓名, 身份证号, 联系电话, 所在支部, 党员类型, 入党时间, 转正时间, 人员类别, 性别, 出生日期:
    from the members list, Ctrl+N, to saved. Gender and birth date take no keys (the ID fills
    them); 党员类型 keeps its first choice (正式党员), which a Tab accepts."""
    tab = MembersTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    keys = KeyCounter(qtbot)
    walked: list[str] = []

    def fill(dialog: MemberDialog) -> None:
        try:
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
            for step in (lambda: keys.type("张三"), lambda: keys.type(GOOD_ID), lambda: keys.type("13800001111"),
                         lambda: keys.type("de"), lambda: None, lambda: keys.type("20100701"),
                         lambda: keys.type("20110701"), lambda: keys.type("ltx")):
                walked.append(field_of(dialog, dialog.focusWidget()))
                step()
                if len(walked) < len(PAPER_ORDER):
                    keys.press(Qt.Key.Key_Tab)
            keys.press(Qt.Key.Key_Return)
        finally:
            if dialog.isVisible():
                dialog.discard_and_close()

    handle_next_dialog(MemberDialog, fill)
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # returns once the dialog has closed

    assert walked == PAPER_ORDER
    assert tab.model.rowCount() == 1
    with ctx.db.session() as s:
        member_id = s.query(PartyMember.id).scalar()
        saved = load_member_input(s, member_id)
    assert (saved.person.name, saved.person.id_number, saved.person.phone) == ("张三", GOOD_ID, "13800001111")
    assert (saved.person.gender, saved.person.birth_date) == ("male", date(1985, 3, 12))
    assert saved.org_id == branch_id(ctx.db, "第二党支部")
    assert (saved.member_type, saved.admitted_on, saved.full_on) == ("full", date(2010, 7, 1), date(2011, 7, 1))
    assert saved.category == "retired"
    # Ctrl+N 1, 张三 9 (zhangsan + space), ID 18, phone 11, "de" 2, dates 8 + 8, "ltx" 3,
    # 7 Tabs, Enter 1.
    assert keys.count == 68
