"""Driving the volunteers tab: register, log one activity for three, totals, delete and undo."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from db.service_logs import ActivityInput, AttendeeInput, save_activity
from desktop.common.base_tab import ID_BLOCK
from desktop.common.context import AppContext
from desktop.volunteers.activity_dialog import ActivityDialog
from desktop.volunteers.picker import VolunteerPicker
from desktop.volunteers.tab import VOLUNTEERS, VolunteersTab
from desktop.volunteers.volunteer_dialog import VolunteerDialog
from tests.db.test_members import make_id
from tests.db.test_volunteers import add_volunteer
from tests.qt_dialogs import answer_next_message_box, handle_next_dialog
from tests.qt_input import replace_text, type_text


def register(qtbot, ctx: AppContext, name: str, seq: str) -> int:  # type: ignore[no-untyped-def]
    dialog = VolunteerDialog(ctx, None)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.person.name_edit, name)
    type_text(qtbot, dialog.person.id_number_edit, make_id("19900101", seq))
    dialog.accept()
    assert dialog.saved_id is not None, dialog.general_error.text()
    return dialog.saved_id


def test_volunteers_and_one_activity_for_three(qtbot, ctx: AppContext) -> None:
    tab = VolunteersTab(ctx)
    qtbot.addWidget(tab)
    bad = VolunteerDialog(ctx, None)
    qtbot.addWidget(bad)
    type_text(qtbot, bad.person.name_edit, "张三")
    type_text(qtbot, bad.person.id_number_edit, "410302199001011110")
    bad.accept()
    assert "身份证号" in bad.error_text("id_number")

    zhang = register(qtbot, ctx, "张三", "111")
    register(qtbot, ctx, "李四", "222")
    register(qtbot, ctx, "王五", "333")

    activity = ActivityDialog(ctx, None, tab)
    qtbot.addWidget(activity)
    type_text(qtbot, activity.project_edit, "环境整治")
    type_text(qtbot, activity.held_on_edit, "2026-03-05")
    type_text(qtbot, activity.start_edit, "08:30")
    type_text(qtbot, activity.end_edit, "11:30")
    activity.on_times_changed()

    def pick(picker: VolunteerPicker) -> None:
        assert picker.list.count() == 3
        type_text(qtbot, picker.search_edit, "zs")
        assert picker.list.count() == 1
        picker.tick(zhang)
        replace_text(qtbot, picker.search_edit, "")
        for i in range(picker.list.count()):
            picker.list.item(i).setCheckState(picker.list.item(i).checkState().Checked)
        picker.accept()

    handle_next_dialog(VolunteerPicker, pick)
    activity.on_add_clicked()
    assert activity.attendees_table.rowCount() == 3
    assert [activity.hours_spin(r).value() for r in range(3)] == [3.0, 3.0, 3.0]
    activity.hours_spin(1).setValue(2.5)
    replace_text(qtbot, activity.end_edit, "12:30")
    activity.on_times_changed()  # untouched rows follow the new length, the adjusted one stays
    assert [activity.hours_spin(r).value() for r in range(3)] == [4.0, 2.5, 4.0]
    activity.accept()
    assert activity.saved_id is not None

    counts: list[str] = []
    tab.count_changed.connect(counts.append)
    tab.refresh()
    assert tab.model.rowCount() == 3
    qtbot.waitUntil(lambda: "10.5" in counts[-1])  # counted in SQL once the first block shows
    assert "3" in counts[-1]
    tab.set_view(VOLUNTEERS)
    totals = {tab.model.data(tab.model.index(r, 0)): tab.model.data(tab.model.index(r, 6)) for r in range(3)}
    assert sorted(totals.values()) == ["2.5", "4", "4"]

    type_text(qtbot, tab.search_edit, "ww")
    tab.refresh()
    assert tab.model.rowCount() == 1
    tab.search_edit.clear()

    tab.set_view("logs")
    tab.refresh()
    tab.table.selectRow(0)
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    tab.delete_selected()
    assert tab.model.rowCount() == 2
    tab.set_view(VOLUNTEERS)  # undo after switching views still restores the log line
    tab.undo_stack.undo()
    tab.set_view("logs")
    assert tab.model.rowCount() == 3


def test_a_long_service_log_is_listed_a_block_at_a_time(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    """1,000 lines: the tab lists the first block, counts all of them in SQL, and lists the
    next block when the person scrolls to the end."""
    volunteers = [add_volunteer(ctx.db, f"张{'一二三四五六七八九十'[i % 10]}{'甲乙丙丁'[i // 10]}", f"{i:03d}")
                  for i in range(40)]
    with ctx.db.session() as s, s.begin():
        for day in range(25):
            save_activity(s, ActivityInput(project="巡逻", held_on=date(2026, 1, 1) + timedelta(days=day),
                                           start_time="08:00", end_time="10:00",
                                           attendees=[AttendeeInput(v, 2) for v in volunteers]))
    tab = VolunteersTab(ctx)
    qtbot.addWidget(tab)
    counts: list[str] = []
    tab.count_changed.connect(counts.append)
    tab.resize(900, 500)
    tab.show()
    tab.refresh()
    assert tab.model.rowCount() == ID_BLOCK and not tab.model.listing_complete
    assert tab.model.data(tab.model.index(0, 0)) != tab.model.data(tab.model.index(ID_BLOCK - 1, 0))
    qtbot.waitUntil(lambda: "1000" in counts[-1].replace(",", ""))
    assert "2000" in counts[-1].replace(",", "")  # hours: 2 each
    tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1000)
    assert len(set(tab.model.ids)) == 1000


def test_the_project_filter_reads_its_list_when_first_opened(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    """Projects are distinct among every activity ever held (ten years: 0.1 s): neither the
    window's start nor the tab's listing reads them; opening the filter does, and a change has
    them read again."""
    volunteer = add_volunteer(ctx.db, "张三", "001")
    with ctx.db.session() as s, s.begin():
        save_activity(s, ActivityInput(project="巡逻", held_on=date(2026, 1, 1), start_time="08:00",
                                       end_time="10:00", attendees=[AttendeeInput(volunteer, 2)]))
    tab = VolunteersTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.project_filter.count() == 1  # "All projects" only: nothing read to list
    tab.project_filter.showPopup()
    assert [tab.project_filter.itemText(i) for i in range(tab.project_filter.count())][1:] == ["巡逻"]
    tab.project_filter.hidePopup()
    tab.project_filter.setCurrentIndex(1)
    with ctx.db.session() as s, s.begin():
        save_activity(s, ActivityInput(project="助老", held_on=date(2026, 1, 2), start_time="08:00",
                                       end_time="10:00", attendees=[AttendeeInput(volunteer, 2)]))
    tab.on_records_changed()  # a save elsewhere: read again when next opened
    tab.project_filter.showPopup()
    tab.project_filter.hidePopup()
    assert [tab.project_filter.itemText(i) for i in range(tab.project_filter.count())][1:] == ["助老", "巡逻"]
    assert tab.project_filter.currentData() == "巡逻"  # the choice made stays


def test_the_volunteer_filter_reads_its_list_when_first_opened(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    """A street office has tens of thousands of volunteers: the tab lists without reading them;
    opening (or typing into) the filter reads them, and a change has them read again."""
    first = add_volunteer(ctx.db, "张三", "001")
    tab = VolunteersTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.volunteer_filter.count() == 1  # only "All volunteers"
    tab.volunteer_filter.load_choices()  # what opening its list does (showPopup), without a popup left behind
    assert tab.volunteer_filter.count() == 2
    tab.volunteer_filter.set_value(first)
    add_volunteer(ctx.db, "李四", "002")
    tab.on_records_changed()
    tab.refresh()
    assert tab.volunteer_filter.value() == first  # the choice stays while the list waits
    qtbot.keyClick(tab.volunteer_filter, Qt.Key.Key_Down)
    assert tab.volunteer_filter.count() == 3


def test_a_tab_closed_on_its_own_forgets_its_pending_count(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    tab = VolunteersTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    assert tab._complete_timer.isActive()  # the service log's count waits for a pause
    tab.close()
    assert not tab._complete_timer.isActive()
