"""The attendee picker driven from the keyboard, on the real dialogs and a real database of 43
volunteers: initials + Space per person with the focus staying in the search box, the
"已选 N 人" line, Esc, and the focus going back to the activity once the picker closes.

The keys are sent to whatever widget has the focus, as a person's keyboard does, and counted:
test_thirty_person_activity_by_keyboard records the keys of a whole 30-person activity, from
the open new-activity dialog to saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from pypinyin import lazy_pinyin
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from sqlalchemy import select

from db.models import ServiceLog
from db.people import PersonFields
from db.volunteers import VolunteerInput, save_volunteer
from desktop.common.context import AppContext
from desktop.volunteers.activity_dialog import ActivityDialog
from desktop.volunteers.picker import VolunteerPicker
from tests.qt_dialogs import answer_next_message_box, handle_next_dialog

# Volunteers of the office: namesakes (two 张伟) and shared initials (zw ×4, ly ×3, zxy, wf, hl …).
NAMES = ("张伟 张伟 赵薇 周伟 王芳 吴凡 李娜 刘宁 陈静 杨洋 刘洋 李阳 张秀英 赵晓燕 王秀兰 黄丽 何力 孙强 宋倩 "
         "马超 梅长苏 郭靖 黄蓉 林冲 鲁智深 武松 宋江 吴用 李逵 燕青 杜甫 李白 白居易 王维 孟浩然 高适 岑参 "
         "王昌龄 陆游 辛弃疾 欧阳修 单田芳 曾国藩").split()

# Who came, in the order of the sign-in sheet, with what the clerk types for each: the name's
# pinyin initials (the second 张伟 is told apart by the phone shown beside each name).
SIGN_IN = [("周伟", "zw"), ("王芳", "wf"), ("李娜", "ln"), ("张伟#2", "zw"), ("刘洋", "ly"), ("陈静", "cj"),
           ("张秀英", "zxy"), ("赵晓燕", "zxy"), ("黄丽", "hl"), ("孙强", "sq"), ("宋倩", "sq"), ("马超", "mc"),
           ("梅长苏", "mcs"), ("郭靖", "gj"), ("黄蓉", "hr"), ("林冲", "lc"), ("鲁智深", "lzs"), ("武松", "ws"),
           ("宋江", "sj"), ("吴用", "wy"), ("李逵", "lk"), ("燕青", "yq"), ("杜甫", "df"), ("李白", "lb"),
           ("白居易", "bjy"), ("陆游", "ly"), ("辛弃疾", "xqj"), ("欧阳修", "oyx"), ("单田芳", "stf"), ("赵薇", "zw")]


@pytest.fixture
def zh(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The Chinese window, so the test reads "已选 N 人" as the clerk does."""
    from desktop.i18n import install_translators

    translators = install_translators(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def volunteers(ctx: AppContext) -> dict[str, int]:
    """The 43 volunteers, keyed by name ("张伟#2" for the second 张伟), each with a phone."""
    ids: dict[str, int] = {}
    with ctx.db.session() as s, s.begin():
        for i, name in enumerate(NAMES):
            person = PersonFields(name=name, phone=f"1380{i:03d}5{i:03d}")
            key = f"{name}#2" if name in ids else name
            ids[key] = save_volunteer(s, VolunteerInput(person=person)).id
    return ids


@dataclass
class Keyboard:
    """Keys sent to the focused widget and counted; a chord (Alt+A, Ctrl+Enter) counts as one key.

    Chinese is typed through a full-pinyin input method: its pinyin letters plus the Space
    that commits it (环境整治 = huanjingzhengzhi + Space = 17 keys).
    """

    qtbot: object
    count: int = 0
    log: list[str] = field(default_factory=list)

    def focus(self) -> QWidget:
        """The widget a key goes to; a window closing hands the activation back a moment later."""
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)  # type: ignore[attr-defined]
        return QApplication.focusWidget()

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.count += 1
        self.log.append(key.name)
        self.qtbot.keyClick(self.focus(), key, modifiers)  # type: ignore[attr-defined]

    def type(self, text: str) -> None:
        if text.isascii():
            self.count += len(text)
            self.log.append(text)
            self.qtbot.keyClicks(self.focus(), text)  # type: ignore[attr-defined]
            return
        self.count += len("".join(lazy_pinyin(text))) + 1
        self.log.append(text)
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(self.focus(), event)


@dataclass
class PickerRun:
    """What the test does in the picker once it opens (it opens modal, so from a timer)."""

    qtbot: object
    action: Callable[[VolunteerPicker], None]
    done: bool = False
    errors: list[BaseException] = field(default_factory=list)

    def __post_init__(self) -> None:
        handle_next_dialog(VolunteerPicker, self.run)

    def run(self, picker: QDialog) -> None:
        """A failure closes the picker (and is raised by finish()) instead of leaving a modal
        dialog nobody closes."""
        assert isinstance(picker, VolunteerPicker)
        try:
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is picker)  # type: ignore[attr-defined]
            self.action(picker)
        except BaseException as exc:  # noqa: BLE001 - raised again by finish()
            self.errors.append(exc)
            QDialog.done(picker, QDialog.DialogCode.Rejected)
        self.done = True

    def finish(self) -> None:
        """Wait until the picker has been used and closed (a mnemonic clicks after 100 ms)."""
        self.qtbot.waitUntil(lambda: self.done, timeout=20000)  # type: ignore[attr-defined]
        if self.errors:
            raise self.errors[0]


def open_activity(qtbot, ctx: AppContext) -> ActivityDialog:  # type: ignore[no-untyped-def]
    dialog = ActivityDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.project_edit
    return dialog


def listed_ids(picker: VolunteerPicker) -> list[int | None]:
    items = (picker.list.item(r) for r in range(picker.list.count()))
    return [item.data(Qt.ItemDataRole.UserRole).id if item.data(Qt.ItemDataRole.UserRole) else None for item in items]


def highlighted_id(picker: VolunteerPicker) -> int | None:
    item = picker.list.currentItem()
    return item.data(Qt.ItemDataRole.UserRole).id if item is not None else None


def test_thirty_person_activity_by_keyboard(qtbot, ctx: AppContext, volunteers: dict[str, int], zh) -> None:  # type: ignore[no-untyped-def]
    assert len(volunteers) >= 30
    activity = open_activity(qtbot, ctx)
    kb = Keyboard(qtbot)
    for text in ("环境整治", "2026-03-05", "社区广场", "08:30", "11:30"):
        kb.type(text)
        kb.press(Qt.Key.Key_Tab)
    form_keys = kb.count
    downs = 0

    def pick_everyone(picker: VolunteerPicker) -> None:
        nonlocal downs
        assert kb.focus() is picker.search_edit
        assert picker.chosen_line.text() == "还没有选人"
        assert not picker.ok_button.isEnabled()
        for n, (who, initials) in enumerate(SIGN_IN, start=1):
            kb.type(initials)
            wanted = volunteers[who]
            assert wanted in listed_ids(picker), f"{initials} does not list {who}"
            while highlighted_id(picker) != wanted:  # the clerk looks at the list and moves down to them
                assert listed_ids(picker).index(wanted) > picker.list.currentRow()
                kb.press(Qt.Key.Key_Down)
                downs += 1
            kb.press(Qt.Key.Key_Space)
            assert wanted in picker.chosen
            assert kb.focus() is picker.search_edit  # Space ticked; the typing stays in the search box
            assert picker.search_edit.selectedText() == initials  # the next initials replace these
            name = who.split("#")[0]
            assert picker.chosen_line.full_text().startswith(f"已选 {n} 人：")
            assert picker.chosen_line.full_text().endswith(name)
            assert picker.chosen_line.text().startswith(f"已选 {n} 人：")  # the count is never elided away
        assert picker.ok_button.text() == "添加 30 人"
        assert "…" in picker.chosen_line.text()  # 30 names do not fit: elided, the whole list in the tooltip
        assert "燕青" in picker.chosen_line.toolTip() and "周伟" in picker.chosen_line.toolTip()
        kb.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    run = PickerRun(qtbot, pick_everyone)
    kb.press(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # 添加志愿者(&A)…
    run.finish()
    picker_keys = kb.count - form_keys - 1
    assert activity.attendees_table.rowCount() == 30
    assert activity.attendee_ids() == [volunteers[who] for who, _ in SIGN_IN]
    assert {activity.hours_spin(r).value() for r in range(30)} == {3.0}
    assert kb.focus() is activity.attendees_table  # back in the activity, on the first one added
    assert activity.attendees_table.currentRow() == 0
    kb.press(Qt.Key.Key_Return)  # Enter saves
    assert activity.saved_id is not None, activity.general_error.text()
    assert not activity.isVisible()
    with ctx.db.session() as s:
        saved = set(s.scalars(select(ServiceLog.volunteer_id).where(ServiceLog.activity_id == activity.saved_id)))
    assert saved == {volunteers[who] for who, _ in SIGN_IN}

    initials = sum(len(i) for _, i in SIGN_IN)
    assert picker_keys == initials + downs + 30 + 1  # initials, the Downs, one Space each, Ctrl+Enter
    per_person = picker_keys / 30
    print(f"\n30-person activity: {kb.count} keys in all (form {form_keys}, Alt+A 1, picker {picker_keys} = "
          f"{initials} initials + {downs} Down + 30 Space + 1 Ctrl+Enter, Enter 1 to save); "
          f"picker {per_person:.2f} keys a person ({(picker_keys - initials) / 30:.2f} after the initials), "
          f"whole activity {kb.count / 30:.2f} a person")
    assert per_person <= 4.0


def test_keys_in_the_picker(qtbot, ctx: AppContext, volunteers: dict[str, int], zh) -> None:  # type: ignore[no-untyped-def]
    activity = open_activity(qtbot, ctx)
    activity.add_attendee(volunteers["张伟"], "张伟", "V0001")  # already listed: shown greyed, never ticked
    kb = Keyboard(qtbot)
    activity.add_button.setFocus()

    def keys(picker: VolunteerPicker) -> None:
        zw = [volunteers[k] for k in ("张伟", "张伟#2", "赵薇", "周伟")]
        kb.type("zw")
        assert sorted(i for i in listed_ids(picker) if i) == sorted(zw)
        assert "已在名单中" in picker.list.item(listed_ids(picker).index(volunteers["张伟"])).text()
        assert highlighted_id(picker) == listed_ids(picker)[1]  # the greyed first one is skipped
        kb.press(Qt.Key.Key_Up)  # cannot go onto the greyed one
        assert highlighted_id(picker) == listed_ids(picker)[1]
        kb.press(Qt.Key.Key_Down)
        second = highlighted_id(picker)
        kb.press(Qt.Key.Key_Return)  # Enter ticks as Space does
        assert list(picker.chosen) == [second]
        assert picker.chosen_line.text() == f"已选 1 人：{picker.chosen[second].name}"
        kb.press(Qt.Key.Key_Space)  # again: unticks
        assert picker.chosen == {} and picker.chosen_line.text() == "还没有选人"
        kb.press(Qt.Key.Key_Space)
        kb.type("5040")  # a phone tail (欧阳修 has 13800405040) replaces the selected initials
        assert picker.search_edit.text() == "5040"
        assert listed_ids(picker) == [volunteers["欧阳修"]]
        assert "138****5040" in picker.list.item(0).text()  # the phone shows masked
        kb.press(Qt.Key.Key_Space)
        kb.type("qqq")
        assert picker.list.item(0).text() == "没有找到符合的志愿者" and highlighted_id(picker) is None
        kb.press(Qt.Key.Key_Space)  # nothing highlighted: nothing happens
        assert len(picker.chosen) == 2
        kb.type("zhang")  # the best match first: the 张s (a key starting so) before 梅长苏 (meizhangsu)
        assert listed_ids(picker)[-1] == volunteers["梅长苏"] and len(listed_ids(picker)) == 4
        kb.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        kb.type("zxy")
        row = listed_ids(picker).index(volunteers["赵晓燕"])
        qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=picker.list.visualItemRect(picker.list.item(row)).center())
        assert highlighted_id(picker) == volunteers["赵晓燕"]
        assert kb.focus() is picker.search_edit  # a click in the list leaves the keyboard in the box
        assert picker.keys_hint.text().startswith("↑↓")

        # Esc with people ticked asks first; "继续编辑" keeps the picker and the ticks
        answer_next_message_box(QMessageBox.StandardButton.Cancel)
        kb.press(Qt.Key.Key_Escape)
        assert picker.isVisible() and len(picker.chosen) == 2
        assert kb.focus() is picker.search_edit
        answer_next_message_box(QMessageBox.StandardButton.Discard)
        kb.press(Qt.Key.Key_Escape)

    run = PickerRun(qtbot, keys)
    kb.press(Qt.Key.Key_Space)  # the Add volunteers button has the focus
    run.finish()
    assert activity.attendees_table.rowCount() == 1  # cancelled: nothing added
    assert kb.focus() is activity.add_button  # and the focus is back where it was, to try again

    # Esc with nothing ticked closes at once, asking nothing
    run = PickerRun(qtbot, lambda picker: kb.press(Qt.Key.Key_Escape))
    kb.press(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    run.finish()
    assert kb.focus() is activity.add_button


def test_picker_elides_on_the_left_and_keeps_the_count(qtbot, ctx: AppContext, volunteers: dict[str, int],  # type: ignore[no-untyped-def]
                                                       zh) -> None:
    picker = VolunteerPicker(ctx, set())
    qtbot.addWidget(picker)
    picker.show()
    picker.resize(300, 400)
    for who in ("王芳", "李娜", "欧阳修", "单田芳", "曾国藩", "辛弃疾", "孟浩然", "白居易", "王昌龄"):
        picker.tick(volunteers[who])
    qtbot.wait(10)
    shown = picker.chosen_line.text()
    assert shown.startswith("已选 9 人：…") and shown.endswith("白居易、王昌龄")
    assert not shown.startswith("已选 9 人：…、")  # whole names only
    assert picker.chosen_line.fontMetrics().horizontalAdvance(shown) <= picker.chosen_line.width()
    picker.resize(900, 400)
    qtbot.wait(10)
    assert picker.chosen_line.text() == "已选 9 人：王芳、李娜、欧阳修、单田芳、曾国藩、辛弃疾、孟浩然、白居易、王昌龄"
    QDialog.done(picker, QDialog.DialogCode.Rejected)
