"""The main window: a person's other roles one click away, remembered tab and columns."""

from __future__ import annotations

from sqlalchemy import select

from db.members import MemberInput, save_member
from db.models import PartyOrg
from db.people import PersonFields
from db.volunteers import VolunteerInput, save_volunteer
from desktop.common.context import AppContext
from desktop.main_window import MainWindow
from desktop.members.dialog import MemberDialog
from desktop.volunteers.tab import VOLUNTEERS
from desktop.volunteers.volunteer_dialog import VolunteerDialog
from tests.db.test_members import make_id
from tests.qt_dialogs import handle_next_dialog


def test_other_role_of_the_same_person_opens_from_the_record(qtbot, ctx: AppContext) -> None:
    person = PersonFields(name="张三", id_number=make_id("19850312", "131"))
    with ctx.db.session() as s, s.begin():
        org = s.scalar(select(PartyOrg.id).where(PartyOrg.kind == "branch"))
        member_id = save_member(s, MemberInput(person=person, org_id=org, admitted_on="2010-07-01",
                                               full_on="2011-07-01")).id
        volunteer_id = save_volunteer(s, VolunteerInput(person=person)).id
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    members = window.register_tabs["members"]
    dialog = MemberDialog(ctx, member_id, members)
    qtbot.addWidget(dialog)
    dialog.open_record_requested.connect(members.open_record_requested)
    assert [b.objectName() for b in dialog.roles_bar.buttons] == ["open_volunteer"]

    opened: list[int | None] = []

    def look(volunteer_dialog: VolunteerDialog) -> None:
        opened.append(volunteer_dialog.record_id)
        volunteer_dialog.reject()

    handle_next_dialog(VolunteerDialog, look)
    dialog.roles_bar.buttons[0].click()
    assert opened == [volunteer_id]
    volunteers = window.register_tabs["volunteers"]
    assert window.tabs.currentWidget() is volunteers and volunteers.view == VOLUNTEERS
    assert volunteers.selected_ids() == [volunteer_id]


def test_last_tab_and_column_widths_are_remembered(qtbot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_tab("mediation")
    window.register_tabs["members"].table.setColumnWidth(0, 222)
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.tabs.currentWidget() is again.register_tabs["mediation"]
    assert again.register_tabs["members"].table.columnWidth(0) == 222


def test_status_bar_shows_the_current_tab_count(qtbot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_tab("grid_workers")
    assert window.count_label.text() == "0 grid worker(s) listed"


def test_closing_the_window_forgets_what_waits_for_a_pause_in_typing(qtbot, ctx: AppContext) -> None:
    """A search typed, or a count still to come, must not read the database after the window
    closed: by then the file or the server connection may be gone."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_tab("volunteers")
    tab = window.register_tabs["volunteers"]
    tab.search_edit.setText("张")  # the search waits for a pause
    tab.refresh()  # the service log is read in blocks: its count waits for a pause too
    waiting = [t for t in (tab._search_timer, tab._complete_timer) if t.isActive()]
    assert waiting
    window.close()
    assert not any(t.isActive() for t in waiting)
