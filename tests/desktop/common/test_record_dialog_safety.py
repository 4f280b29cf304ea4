"""Record dialogs protect personal numbers, respect the role and never drop typing silently.

Real database files and real widgets: an existing person's numbers open masked, revealing
them is logged, saving without a reveal keeps the stored numbers, a viewer can change
nothing, and Cancel/Esc/close ask before unsaved typing is thrown away.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import select

from db.grid_workers import GridWorkerInput, save_grid_worker
from db.mediation import CaseInput, PartyInput, save_case
from db.mediators import MediatorInput, save_mediator
from db.members import MemberInput, load_member_input, save_member
from db.models import AuditEntry, Grid, MediationCase, Person
from db.people import PersonFields
from db.permissions import SYSTEM, Actor
from db.validation import mask_id_number, mask_phone
from db.volunteers import VolunteerInput, save_volunteer
from desktop.common.context import AppContext
from desktop.common.record_dialog import RecordDialog, open_dialogs_with_changes
from desktop.grid_workers.dialog import GridWorkerDialog
from desktop.grid_workers.grids_dialog import GridDialog, GridsDialog
from desktop.mediation.case_dialog import CaseDialog
from desktop.mediation.mediators_dialog import MediatorDialog
from desktop.mediation.party_dialog import PartyDialog
from desktop.members.dialog import MemberDialog
from desktop.volunteers.activity_dialog import ActivityDialog
from desktop.volunteers.volunteer_dialog import VolunteerDialog
from tests.db.test_members import make_id
from tests.desktop.mediation.test_mediation_tab import add_party
from tests.qt_dialogs import handle_next_dialog
from tests.qt_input import replace_text, type_text

ID = make_id("19850312", "131")
PHONE = "13800001111"
CLERK = Actor("lixiao", "clerk", 2, "OFFICE-PC\\staff")
VIEWER = Actor("zhao", "viewer", 3, "OFFICE-PC\\staff")


_OPENED: list[RecordDialog] = []


@pytest.fixture(autouse=True)
def _close_dialogs_without_asking(qtbot):  # type: ignore[no-untyped-def]
    """Dialogs are closed here, not by qtbot: its close() would ask about the typing, and wait."""
    yield
    while _OPENED:
        dialog = _OPENED.pop()
        dialog.discard_and_close()
        dialog.deleteLater()


def add_member(ctx: AppContext, employer: str = "幸福物业") -> int:
    with ctx.db.session() as s, s.begin():
        return save_member(s, MemberInput(PersonFields("张三", id_number=ID, phone=PHONE), org_id=2,
                                          admitted_on="2010-07-01", full_on="2011-07-01", employer=employer)).id


def reveals(ctx: AppContext) -> list[AuditEntry]:
    with ctx.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "reveal").order_by(AuditEntry.id)))


def stored_numbers(ctx: AppContext) -> list[tuple[str, str]]:
    with ctx.db.session() as s:
        return [(p.id_number or "", p.phone or "") for p in s.scalars(select(Person).order_by(Person.id))]


def open_dialog(qtbot, dialog: RecordDialog) -> RecordDialog:  # type: ignore[no-untyped-def]
    _OPENED.append(dialog)
    dialog.show()
    return dialog


class MessageBoxes:
    """Answers every message box a step opens with `button`, and remembers their texts.

    A box that should not open is seen (and closed) instead of hanging the run; polling stops
    when the step returns (its box, if any, is modal, so the step returns only once answered),
    so no timer answers a box of a later step.
    """

    def __init__(self, button: QMessageBox.StandardButton) -> None:
        self.button, self.texts = button, []  # type: ignore[var-annotated]
        self.default_was_keep: list[bool] = []
        self.active = True
        QTimer.singleShot(20, self._poll)

    def _poll(self) -> None:
        if not self.active:
            return
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            self.texts.append(box.text())
            keep = box.button(QMessageBox.StandardButton.Cancel)
            self.default_was_keep.append(keep is not None and box.defaultButton() is keep
                                         and box.focusWidget() is keep)
            box.button(self.button).click()
        else:
            QTimer.singleShot(20, self._poll)


def answer_boxes(qtbot, button: QMessageBox.StandardButton, step: Callable[[], None]) -> MessageBoxes:  # type: ignore[no-untyped-def]
    boxes = MessageBoxes(button)
    step()
    boxes.active = False
    return boxes


# --- masked numbers ------------------------------------------------------------------------
def person_record(ctx: AppContext, kind: type[RecordDialog]) -> int:
    person = PersonFields("张三", id_number=ID, phone=PHONE)
    with ctx.db.session() as s, s.begin():
        if kind is MemberDialog:
            return save_member(s, MemberInput(person, org_id=2, admitted_on="2010-07-01", full_on="2011-07-01")).id
        if kind is GridWorkerDialog:
            first_grid = s.scalar(select(Grid.id).order_by(Grid.code))
            return save_grid_worker(s, GridWorkerInput(person, grid_ids=[first_grid])).id
        if kind is VolunteerDialog:
            return save_volunteer(s, VolunteerInput(person)).id
        return save_mediator(s, MediatorInput(person)).id


@pytest.mark.parametrize("kind", [MemberDialog, GridWorkerDialog, VolunteerDialog, MediatorDialog])
def test_an_existing_person_opens_masked_and_a_reveal_is_logged_once(qtbot, ctx: AppContext,
                                                                     kind: type[RecordDialog]) -> None:
    record_id = person_record(ctx, kind)
    dialog = open_dialog(qtbot, kind(ctx, record_id))
    form = dialog.person  # type: ignore[attr-defined]
    assert form.id_number_edit.text() == mask_id_number(ID) == ID[:6] + "*" * 8 + ID[-4:]
    assert form.phone_edit.text() == mask_phone(PHONE) == "138****1111"
    assert form.id_number_edit.isReadOnly() and form.phone_edit.isReadOnly()
    button = dialog.findChild(QPushButton, "reveal_button")
    assert button is form.reveal_button and button.isVisible()
    assert reveals(ctx) == []

    button.click()
    assert form.id_number_edit.text() == ID and form.phone_edit.text() == PHONE
    assert not form.id_number_edit.isReadOnly() and not form.phone_edit.isReadOnly()
    assert not button.isVisible()
    entries = reveals(ctx)
    with ctx.db.session() as s:
        person_id = s.scalar(select(Person.id))
    assert [(e.register, e.record_id, e.summary) for e in entries] == [("persons", person_id, "张三")]
    assert not dialog.has_unsaved_changes()  # seeing the numbers is not a change to the record


def test_a_new_record_shows_plain_editable_number_fields(qtbot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, MemberDialog(ctx))
    assert not dialog.id_number_edit.isReadOnly() and not dialog.phone_edit.isReadOnly()
    assert not dialog.person.reveal_button.isVisible()
    type_text(qtbot, dialog.id_number_edit, ID)
    assert dialog.person.values().id_number == ID


def test_saving_without_a_reveal_keeps_the_stored_numbers_and_saves_the_other_change(qtbot,
                                                                                     ctx: AppContext) -> None:
    member_id = add_member(ctx)
    dialog = open_dialog(qtbot, MemberDialog(ctx, member_id))
    replace_text(qtbot, dialog.employer_edit, "Xingfu Property")
    qtbot.keyClick(dialog.employer_edit, Qt.Key.Key_Return)
    assert dialog.saved_id == member_id and not dialog.isVisible()
    assert stored_numbers(ctx) == [(ID, PHONE)]
    with ctx.db.session() as s:
        assert load_member_input(s, member_id).employer == "Xingfu Property"
    assert reveals(ctx) == []


def test_text_forced_into_a_masked_field_is_never_saved_as_the_number(qtbot, ctx: AppContext) -> None:
    member_id = add_member(ctx)
    dialog = open_dialog(qtbot, MemberDialog(ctx, member_id))
    dialog.id_number_edit.clear()  # programmatic changes get past read-only; the stored number must not
    dialog.phone_edit.setText("138****1111")
    dialog.accept()
    assert dialog.saved_id == member_id
    assert stored_numbers(ctx) == [(ID, PHONE)]


def test_after_a_reveal_the_numbers_can_be_changed(qtbot, ctx: AppContext) -> None:
    member_id = add_member(ctx)
    dialog = open_dialog(qtbot, MemberDialog(ctx, member_id))
    dialog.person.reveal_button.click()
    replace_text(qtbot, dialog.phone_edit, "13912345678")
    assert dialog.has_unsaved_changes()
    dialog.accept()
    assert stored_numbers(ctx) == [(ID, "13912345678")]


def test_a_person_without_numbers_gets_no_reveal_button_and_can_add_them(qtbot, ctx: AppContext) -> None:
    with ctx.db.session() as s, s.begin():
        volunteer_id = save_volunteer(s, VolunteerInput(PersonFields("李四"))).id
    dialog = open_dialog(qtbot, VolunteerDialog(ctx, volunteer_id))
    assert not dialog.person.reveal_button.isVisible()
    type_text(qtbot, dialog.person.phone_edit, PHONE)
    dialog.accept()
    assert stored_numbers(ctx) == [("", PHONE)]


def case_with_parties(ctx: AppContext) -> int:
    parties = [PartyInput("applicant", "王建国", id_number=ID, phone=PHONE), PartyInput("respondent", "李秀英")]
    with ctx.db.session() as s, s.begin():
        return save_case(s, CaseInput(received_on="2026-03-01", facts="楼上漏水", parties=parties)).id


def test_a_stored_party_opens_masked_and_the_case_keeps_its_numbers(qtbot, ctx: AppContext) -> None:
    case_id = case_with_parties(ctx)
    dialog = open_dialog(qtbot, CaseDialog(ctx, case_id))
    assert dialog.parties_table.item(0, 3).text() == "138****1111"  # the parties list masks phones too
    seen: dict[str, object] = {}

    def look(party: PartyDialog) -> None:
        seen["id"], seen["phone"] = party.id_number_edit.text(), party.phone_edit.text()
        seen["read_only"] = party.id_number_edit.isReadOnly()
        seen["button"] = party.reveal_button.isVisible()
        type_text(qtbot, party.occupation_edit, "teacher")
        party.accept()
        if party.isVisible():  # refused: close it anyway, so that the test fails instead of waiting
            party.discard_and_close()

    dialog.parties_table.selectRow(0)
    handle_next_dialog(PartyDialog, look)
    dialog.on_edit_party_clicked()
    assert seen == {"id": mask_id_number(ID), "phone": "138****1111", "read_only": True, "button": True}
    assert dialog.parties[0].id_number == ID and dialog.parties[0].occupation == "teacher"
    dialog.accept()
    with ctx.db.session() as s:
        party = s.get_one(MediationCase, case_id).parties[0]
        assert (party.id_number, party.phone, party.occupation) == (ID, PHONE, "teacher")
    assert reveals(ctx) == []


def test_revealing_a_party_is_logged_once_per_case_dialog(qtbot, ctx: AppContext) -> None:
    case_id = case_with_parties(ctx)
    dialog = open_dialog(qtbot, CaseDialog(ctx, case_id))
    shown: list[str] = []

    def reveal(party: PartyDialog) -> None:
        if party.reveal_button.isVisible():
            party.reveal_button.click()
        shown.append(party.id_number_edit.text())
        party.discard_and_close()

    dialog.parties_table.selectRow(0)
    for _ in range(2):
        handle_next_dialog(PartyDialog, reveal)
        dialog.on_edit_party_clicked()
    assert shown == [ID, ID]
    assert [(e.register, e.summary) for e in reveals(ctx)] == [("mediation_parties", "王建国")]


# --- read-only for viewers -----------------------------------------------------------------
def inputs(dialog: RecordDialog) -> list[QWidget]:
    return [w for w in dialog.findChildren(QWidget)
            if isinstance(w, (QLineEdit, QPlainTextEdit, QComboBox)) and w.parent() is not None
            and not isinstance(w.parent(), QComboBox) and not w.objectName().startswith("qt_")]


def test_a_viewer_sees_the_record_read_only_and_can_write_nothing(qtbot, ctx: AppContext) -> None:
    member_id = add_member(ctx)
    ctx.db.actor = VIEWER
    dialog = open_dialog(qtbot, MemberDialog(ctx, member_id))
    assert dialog.read_only and dialog.windowTitle().endswith("(read-only)")
    assert dialog.findChild(QPushButton, "reveal_button").isHidden()
    assert dialog.save_button.isHidden() and dialog.cancel_button.text() == "Close"
    assert dialog.id_number_edit.text() == mask_id_number(ID)
    for widget in inputs(dialog):
        if isinstance(widget, QComboBox):
            assert not widget.isEnabled(), widget.objectName()
        else:
            assert widget.isReadOnly(), widget.objectName()  # type: ignore[union-attr]
    assert not dialog.reported_check.isEnabled() and not dialog.extension_spin.isEnabled()

    type_text(qtbot, dialog.employer_edit, "x")  # typing does nothing
    dialog.notes_edit.setPlainText("changed behind the window's back")
    qtbot.keyClick(dialog.employer_edit, Qt.Key.Key_Return)
    dialog.accept()
    assert dialog.saved_id is None and dialog.isVisible()
    boxes = answer_boxes(qtbot, QMessageBox.StandardButton.Discard, dialog.cancel_button.click)
    assert boxes.texts == [] and not dialog.isVisible()  # Close never asks in a read-only view
    with ctx.db.session() as s:
        assert load_member_input(s, member_id).employer == "幸福物业"


def test_a_viewer_case_hides_party_and_follow_up_changes(qtbot, ctx: AppContext) -> None:
    case_id = case_with_parties(ctx)
    ctx.db.actor = VIEWER
    dialog = open_dialog(qtbot, CaseDialog(ctx, case_id))
    for name in ("add_applicant_button", "add_respondent_button", "remove_party_button", "add_follow_up_button",
                 "delete_follow_up_button"):
        assert dialog.findChild(QPushButton, name).isHidden(), name
    assert not dialog.findChild(QPushButton, "edit_party_button").isHidden()  # opens the party read-only
    seen: list[bool] = []

    def look(party: PartyDialog) -> None:
        seen.extend([party.read_only, party.reveal_button.isHidden(), party.id_number_edit.text() == ID])
        party.discard_and_close()

    dialog.parties_table.selectRow(0)
    handle_next_dialog(PartyDialog, look)
    dialog.on_edit_party_clicked()
    assert seen == [True, True, False]


def test_a_viewer_activity_locks_the_attendees(qtbot, ctx: AppContext) -> None:
    ctx.db.actor = VIEWER
    dialog = open_dialog(qtbot, ActivityDialog(ctx))
    assert dialog.add_button.isHidden() and dialog.remove_button.isHidden() and dialog.reset_button.isHidden()
    assert dialog.project_edit.isReadOnly()
    assert dialog.attendees_table.editTriggers() == dialog.attendees_table.EditTrigger.NoEditTriggers


def test_office_details_are_read_only_for_a_clerk(qtbot, ctx: AppContext, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.office_settings_dialog import OfficeSettingsDialog
    from desktop.settings import Settings

    ctx.db.actor = CLERK
    dialog = open_dialog(qtbot, OfficeSettingsDialog(ctx, Settings()))
    assert dialog.read_only and dialog.save_button.isHidden()
    assert all(edit.isReadOnly() for edit in dialog.edits.values())


@pytest.mark.parametrize(("actor", "writes"), [(CLERK, True), (VIEWER, False), (SYSTEM, True)])
def test_list_dialogs_offer_new_and_delete_only_to_writers(qtbot, ctx: AppContext, actor: Actor,
                                                           writes: bool) -> None:
    ctx.db.actor = actor
    dialog = GridsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QPushButton, "new_button").isHidden() is not writes
    assert dialog.findChild(QPushButton, "delete_button").isHidden() is not writes
    assert not dialog.findChild(QPushButton, "edit_button").isHidden()
    if not writes:  # the handler itself refuses too (a key or a stray signal reaching it)
        count = dialog.model.rowCount()
        dialog.table.selectRow(0)
        dialog.on_delete_button_clicked()
        dialog.reload()
        assert dialog.model.rowCount() == count


# --- unsaved changes -----------------------------------------------------------------------
def test_nothing_changed_closes_at_once_with_cancel_esc_and_close(qtbot, ctx: AppContext) -> None:
    member_id = add_member(ctx)
    for close in (lambda d: d.cancel_button.click(), lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape),
                  lambda d: d.close()):
        dialog = open_dialog(qtbot, MemberDialog(ctx, member_id))
        assert not dialog.has_unsaved_changes()
        boxes = answer_boxes(qtbot, QMessageBox.StandardButton.Discard, lambda d=dialog, c=close: c(d))
        assert boxes.texts == [] and not dialog.isVisible()


def test_keep_editing_keeps_the_dialog_and_the_typing_and_discard_closes(qtbot, ctx: AppContext) -> None:
    member_id = add_member(ctx)
    dialog = open_dialog(qtbot, MemberDialog(ctx, member_id))
    replace_text(qtbot, dialog.employer_edit, "New employer")
    assert dialog.has_unsaved_changes()
    assert open_dialogs_with_changes() == [dialog]

    for close in (dialog.cancel_button.click, lambda: qtbot.keyClick(dialog.employer_edit, Qt.Key.Key_Escape),
                  dialog.close):
        boxes = answer_boxes(qtbot, QMessageBox.StandardButton.Cancel, close)  # Cancel reads "Keep editing"
        assert boxes.texts == ["Discard the changes to this record?"]
        assert boxes.default_was_keep == [True]
        assert dialog.isVisible() and dialog.employer_edit.text() == "New employer"

    boxes = answer_boxes(qtbot, QMessageBox.StandardButton.Discard, dialog.close)
    assert boxes.texts == ["Discard the changes to this record?"] and not dialog.isVisible()
    assert open_dialogs_with_changes() == []
    with ctx.db.session() as s:
        assert load_member_input(s, member_id).employer == "幸福物业"


def test_changing_a_field_back_is_no_change_and_a_save_closes_without_asking(qtbot, ctx: AppContext) -> None:
    member_id = add_member(ctx)
    dialog = open_dialog(qtbot, MemberDialog(ctx, member_id))
    dialog.status_combo.setCurrentIndex(dialog.status_combo.currentIndex() + 1)
    assert dialog.has_unsaved_changes()
    dialog.status_combo.setCurrentIndex(dialog.status_combo.currentIndex() - 1)
    dialog.reported_check.setChecked(True)
    dialog.reported_check.setChecked(False)
    assert not dialog.has_unsaved_changes()
    type_text(qtbot, dialog.notes_edit, "x")
    boxes = answer_boxes(qtbot, QMessageBox.StandardButton.Cancel, dialog.accept)
    assert boxes.texts == [] and not dialog.isVisible() and dialog.saved_id == member_id


def test_a_new_record_with_typing_asks(qtbot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, GridDialog(ctx))
    type_text(qtbot, dialog.code_edit, "WG09")
    boxes = answer_boxes(qtbot, QMessageBox.StandardButton.Discard, dialog.cancel_button.click)
    assert len(boxes.texts) == 1 and not dialog.isVisible()


def test_a_grid_ticked_for_a_grid_worker_is_a_change(qtbot, ctx: AppContext) -> None:
    worker_id = person_record(ctx, GridWorkerDialog)
    dialog = open_dialog(qtbot, GridWorkerDialog(ctx, worker_id))
    assert dialog.checked_grids() != [] and dialog.grid_list.item(1).checkState() == Qt.CheckState.Unchecked
    dialog.grid_list.item(1).setCheckState(Qt.CheckState.Checked)
    assert dialog.has_unsaved_changes()


def test_a_case_with_an_added_party_counts_as_changed(qtbot, ctx: AppContext) -> None:
    case_id = case_with_parties(ctx)
    dialog = open_dialog(qtbot, CaseDialog(ctx, case_id))
    assert not dialog.has_unsaved_changes()
    add_party(qtbot, dialog, "respondent", "Zhao")
    assert dialog.has_unsaved_changes()
    dialog.parties_table.selectRow(2)
    dialog.on_remove_party_clicked()
    assert not dialog.has_unsaved_changes()
    dialog.parties_table.selectRow(1)
    dialog.on_remove_party_clicked()
    assert dialog.has_unsaved_changes()
    boxes = answer_boxes(qtbot, QMessageBox.StandardButton.Discard, dialog.cancel_button.click)
    assert len(boxes.texts) == 1 and not dialog.isVisible()
    with ctx.db.session() as s:
        assert len(s.get_one(MediationCase, case_id).parties) == 2


def test_an_attendee_added_to_an_activity_counts_as_changed(qtbot, ctx: AppContext) -> None:
    with ctx.db.session() as s, s.begin():
        volunteer_id = save_volunteer(s, VolunteerInput(PersonFields("李四"))).id
    dialog = open_dialog(qtbot, ActivityDialog(ctx))
    assert not dialog.has_unsaved_changes()
    dialog.add_attendee(volunteer_id, "李四", "V001", 2.0)
    assert dialog.has_unsaved_changes()


def test_a_party_dialog_with_typing_asks_before_closing(qtbot, ctx: AppContext) -> None:
    dialog = open_dialog(qtbot, PartyDialog(ctx, PartyInput("applicant", "王建国")))
    assert not dialog.has_unsaved_changes()
    type_text(qtbot, dialog.occupation_edit, "teacher")
    boxes = answer_boxes(qtbot, QMessageBox.StandardButton.Cancel, dialog.cancel_button.click)
    assert len(boxes.texts) == 1 and dialog.isVisible()
    dialog.discard_and_close()
    assert not dialog.isVisible()


def test_opening_the_same_persons_other_record_asks_first(qtbot, ctx: AppContext) -> None:
    person = PersonFields("张三", id_number=ID, phone=PHONE)
    with ctx.db.session() as s, s.begin():
        member_id = save_member(s, MemberInput(person, org_id=2, admitted_on="2010-07-01", full_on="2011-07-01")).id
        save_volunteer(s, VolunteerInput(person))
    dialog = open_dialog(qtbot, MemberDialog(ctx, member_id))
    asked: list[tuple[str, int]] = []
    dialog.open_record_requested.connect(lambda register, record_id: asked.append((register, record_id)))
    type_text(qtbot, dialog.native_place_edit, "Luoyang")
    button = dialog.roles_bar.findChild(QAbstractButton, "open_volunteer")
    boxes = answer_boxes(qtbot, QMessageBox.StandardButton.Cancel, button.click)
    assert len(boxes.texts) == 1 and asked == [] and dialog.isVisible()
    boxes = answer_boxes(qtbot, QMessageBox.StandardButton.Discard, button.click)
    assert len(asked) == 1 and not dialog.isVisible()
