"""The register tabs as each role sees them: a viewer reads, a clerk writes, an admin also exports full numbers.

The actor is set on the database before the tab is made (as the window does after signing in);
buttons are checked with isHidden() because the tabs are never shown on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QWidget
from sqlalchemy import func, select

from db.members import MemberInput, save_member
from db.models import PartyMember
from db.people import PersonFields
from db.permissions import SYSTEM, Actor
from desktop.common.base_tab import RegisterTab
from desktop.common.context import AppContext
from desktop.grid_workers.grids_dialog import GridsDialog
from desktop.grid_workers.tab import GridWorkersTab
from desktop.mediation.mediators_dialog import MediatorsDialog
from desktop.mediation.tab import MediationTab
from desktop.members.dialog import MemberDialog
from desktop.members.tab import MembersTab
from desktop.printing.roster_dialog import RosterOptionsDialog
from desktop.recycle_bin import RecycleBinDialog
from desktop.volunteers.tab import VolunteersTab
from tests.db.test_members import make_id
from tests.qt_dialogs import answer_next_message_box

ADMIN = Actor("wang", "admin", 1, "OFFICE-PC\\staff")
CLERK = Actor("lixiao", "clerk", 2, "OFFICE-PC\\staff")
VIEWER = Actor("zhao", "viewer", 3, "OFFICE-PC\\staff")
TABS = [MembersTab, GridWorkersTab, MediationTab, VolunteersTab]


def add_member(ctx: AppContext) -> int:
    with ctx.db.session() as s, s.begin():
        member = save_member(s, MemberInput(PersonFields("张三", id_number=make_id("19850312", "131"),
                                                         phone="13800001111"), org_id=2, admitted_on="2010-07-01",
                                            full_on="2011-07-01"))
        s.flush()
        return member.id


def live_members(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        return s.scalar(select(func.count()).select_from(PartyMember).where(PartyMember.deleted_at.is_(None))) or 0


EXPECTED = 1000  # tries (20 s) for a window that must open: only a failing test waits them out
_test = [0]  # which test is running: a watcher a test left looking must not close the next test's window


@pytest.fixture(autouse=True)
def _watchers_end_with_their_test() -> Iterator[None]:
    yield
    _test[0] += 1


def close_any_modal(seen: list[QWidget], tries: int = 15) -> None:
    """Record and close whatever modal window opens in the next ~300 ms (bounded, unlike
    tests.qt_dialogs, because here the point is usually that nothing opens). Where a window
    must open, give tries=EXPECTED: on a loaded machine it has taken longer than 300 ms."""
    test = _test[0]

    def look(left: int) -> None:
        if _test[0] != test:  # its test is over: this window is another test's
            return
        widget = QApplication.activeModalWidget()
        if widget is not None:
            seen.append(widget)
            if isinstance(widget, QMessageBox):
                (widget.button(QMessageBox.StandardButton.Yes) or widget.button(QMessageBox.StandardButton.Ok)).click()
            elif isinstance(widget, QDialog):
                widget.reject()
        elif left:
            QTimer.singleShot(20, lambda: look(left - 1))

    QTimer.singleShot(20, lambda: look(tries))


def make_tab(qtbot, ctx: AppContext, kind: type[RegisterTab], actor: Actor) -> RegisterTab:  # type: ignore[no-untyped-def]
    ctx.db.actor = actor
    tab = kind(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    return tab


@pytest.mark.parametrize("kind", TABS)
def test_a_viewer_sees_no_new_delete_or_export_and_edit_reads_view(qtbot, ctx: AppContext,
                                                                   kind: type[RegisterTab]) -> None:
    tab = make_tab(qtbot, ctx, kind, VIEWER)
    assert tab.new_button.isHidden() and tab.delete_button.isHidden()
    assert tab.edit_button.text() == tab.tr("View") != tab.tr("Edit")
    assert tab.export_button.isHidden()
    print_button = tab.findChild(QPushButton, "print_button") or tab.findChild(QPushButton, "certificate_button")
    assert print_button is not None and not print_button.isHidden()  # viewers print (masked)


@pytest.mark.parametrize("kind", TABS)
def test_a_clerk_writes_and_exports_masked_only(qtbot, ctx: AppContext, kind: type[RegisterTab]) -> None:
    tab = make_tab(qtbot, ctx, kind, CLERK)
    assert not tab.new_button.isHidden() and not tab.delete_button.isHidden()
    assert tab.edit_button.text() == tab.tr("Edit")
    assert not tab.export_button.isHidden()
    assert tab.export_masked_action.isVisible() and not tab.export_full_action.isVisible()


@pytest.mark.parametrize("kind", TABS)
def test_an_admin_may_export_full_numbers(qtbot, ctx: AppContext, kind: type[RegisterTab]) -> None:
    tab = make_tab(qtbot, ctx, kind, ADMIN)
    assert tab.export_masked_action.isVisible() and tab.export_full_action.isVisible()


def test_del_and_new_do_nothing_for_a_viewer_and_the_record_stays(qtbot, ctx: AppContext) -> None:
    add_member(ctx)
    tab = make_tab(qtbot, ctx, MembersTab, VIEWER)
    assert tab.model.rowCount() == 1
    tab.table.selectRow(0)
    seen: list[QWidget] = []
    close_any_modal(seen)  # were a confirmation to open, it would be answered Yes
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    tab.delete_selected()
    tab.on_new_button_clicked()  # what Ctrl+N calls
    qtbot.wait(350)
    assert seen == []
    assert live_members(ctx) == 1 and tab.model.rowCount() == 1 and tab.undo_stack.count() == 0


def test_a_clerk_deletes_with_del(qtbot, ctx: AppContext) -> None:
    """The same keys work for a role that may write (so the viewer test above can fail)."""
    add_member(ctx)
    tab = make_tab(qtbot, ctx, MembersTab, CLERK)
    tab.table.selectRow(0)
    seen: list[QWidget] = []
    close_any_modal(seen, EXPECTED)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert [type(w) for w in seen] == [QMessageBox]
    assert live_members(ctx) == 0 and tab.model.rowCount() == 0


def test_a_viewer_opens_a_record_with_enter_and_double_click(qtbot, ctx: AppContext) -> None:
    add_member(ctx)
    tab = make_tab(qtbot, ctx, MembersTab, VIEWER)
    tab.table.selectRow(0)
    seen: list[QWidget] = []
    close_any_modal(seen, EXPECTED)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    close_any_modal(seen, EXPECTED)
    tab.on_table_double_clicked(tab.model.index(0, 0))
    assert [type(w) for w in seen] == [MemberDialog, MemberDialog]
    assert live_members(ctx) == 1


def test_permissions_follow_a_new_sign_in(qtbot, ctx: AppContext) -> None:
    tab = make_tab(qtbot, ctx, MembersTab, VIEWER)
    assert tab.new_button.isHidden()
    ctx.db.actor = ADMIN
    tab.apply_permissions()
    assert not tab.new_button.isHidden() and not tab.export_button.isHidden() and tab.export_full_action.isVisible()
    ctx.db.actor = CLERK
    tab.apply_permissions()
    assert not tab.new_button.isHidden() and not tab.export_full_action.isVisible()
    ctx.db.actor = VIEWER
    tab.apply_permissions()
    assert tab.new_button.isHidden() and tab.export_button.isHidden() and tab.edit_button.text() == tab.tr("View")


@pytest.mark.parametrize(("actor", "shown"), [(ADMIN, True), (CLERK, False), (VIEWER, False)])
def test_the_full_grid_roster_is_offered_to_admins_only(qtbot, ctx: AppContext, actor: Actor, shown: bool) -> None:
    tab = make_tab(qtbot, ctx, GridWorkersTab, actor)
    assert tab.print_full_roster_action.isVisible() is shown
    assert not tab.print_button.isHidden()  # everyone prints (masked)


@pytest.mark.parametrize(("actor", "writes"), [(CLERK, True), (VIEWER, False)])
@pytest.mark.parametrize(("kind", "opener", "dialog_kind"), [
    (GridWorkersTab, "on_grids_button_clicked", GridsDialog),
    (MediationTab, "on_mediators_button_clicked", MediatorsDialog)])
def test_grid_and_mediator_lists_open_for_all_but_write_only_for_writers(
        qtbot, ctx: AppContext, actor: Actor, writes: bool, kind: type[RegisterTab], opener: str,
        dialog_kind: type[QDialog]) -> None:
    tab = make_tab(qtbot, ctx, kind, actor)
    found: dict[str, bool] = {}

    def inspect(dialog: QDialog) -> None:
        for name in ("new_button", "edit_button", "delete_button"):
            found[name] = not dialog.findChild(QPushButton, name).isHidden()
        found["view"] = dialog.findChild(QPushButton, "edit_button").text() == tab.tr("View")
        dialog.reject()

    on_next(dialog_kind, inspect)
    getattr(tab, opener)()
    assert found == {"new_button": writes, "edit_button": True, "delete_button": writes, "view": not writes}


def on_next(kind: type[QDialog], action: Callable[[QDialog], None], tries: int = EXPECTED) -> None:
    test = _test[0]

    def run(left: int) -> None:
        if _test[0] != test:
            return
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            action(widget)
        elif left:
            QTimer.singleShot(20, lambda: run(left - 1))

    QTimer.singleShot(20, lambda: run(tries))


@pytest.mark.parametrize(("actor", "may"), [(CLERK, True), (VIEWER, False)])
def test_the_recycle_bin_restores_only_for_roles_allowed(qtbot, ctx: AppContext, actor: Actor, may: bool) -> None:
    member_id = add_member(ctx)
    tab = make_tab(qtbot, ctx, MembersTab, SYSTEM)
    tab.delete_ids([member_id])
    ctx.db.actor = actor
    bin_dialog = RecycleBinDialog(ctx)
    qtbot.addWidget(bin_dialog)
    assert bin_dialog.model.rowCount() == 1
    assert bin_dialog.restore_button.isEnabled() is may
    bin_dialog.table.selectRow(0)
    bin_dialog.on_restore_button_clicked()  # a disabled button's slot, called anyway, still does nothing
    assert live_members(ctx) == (1 if may else 0)


@pytest.mark.parametrize(("actor", "may"), [(ADMIN, True), (CLERK, False), (VIEWER, False)])
def test_the_roster_mask_box_is_locked_for_roles_without_the_right(qtbot, ctx: AppContext, actor: Actor,
                                                                   may: bool) -> None:
    options = RosterOptionsDialog(None, actor=actor)
    qtbot.addWidget(options)
    assert options.masked() and options.masked_check.isEnabled() is may
    assert bool(options.masked_check.toolTip()) is not may


def test_undo_after_another_account_signs_in_is_refused_and_dropped(qtbot, ctx: AppContext) -> None:
    """The window's undo stack outlives a change of account: a viewer's Ctrl+Z restores nothing."""
    member_id = add_member(ctx)
    tab = make_tab(qtbot, ctx, MembersTab, CLERK)
    tab.delete_ids([member_id])
    assert live_members(ctx) == 0 and tab.undo_stack.count() == 1
    ctx.db.actor = VIEWER
    tab.apply_permissions()
    seen: list[QWidget] = []
    close_any_modal(seen, EXPECTED)
    tab.undo_stack.undo()
    assert [type(w) for w in seen] == [QMessageBox]
    assert live_members(ctx) == 0 and tab.undo_stack.count() == 0


@pytest.mark.parametrize("actor", [ADMIN, CLERK, VIEWER])
def test_only_an_administrator_deletes_from_the_bin_for_good_after_saying_yes(qtbot, ctx: AppContext,
                                                                              actor: Actor) -> None:
    member_id = add_member(ctx)
    make_tab(qtbot, ctx, MembersTab, SYSTEM).delete_ids([member_id])
    ctx.db.actor = actor
    bin_dialog = RecycleBinDialog(ctx)
    qtbot.addWidget(bin_dialog)
    assert bin_dialog.purge_button.isVisibleTo(bin_dialog) is (actor is ADMIN)
    bin_dialog.table.selectRow(0)
    if actor is not ADMIN:
        bin_dialog.on_purge_button_clicked()  # called anyway: nothing is asked, nothing erased
        assert bin_dialog.model.rowCount() == 1
        return
    answer_next_message_box(QMessageBox.StandardButton.No)
    bin_dialog.on_purge_button_clicked()
    assert bin_dialog.model.rowCount() == 1
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    bin_dialog.on_purge_button_clicked()
    assert bin_dialog.model.rowCount() == 0
    with ctx.db.session() as s:
        assert s.get(PartyMember, member_id) is None
