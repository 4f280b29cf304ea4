"""One service activity and the hours of everyone who attended, entered in one screen.

Staff type the activity once, pick all who came (search by name, pinyin initials or number,
tick several), and every attendee gets the activity's length as hours; they adjust the few
who left early. Untouched rows follow changes of the start/end times.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.service_logs import ActivityInput, AttendeeInput, default_hours, load_activity_input, parse_time, save_activity
from db.validation import FieldError
from db.volunteers import VolunteerPick
from desktop.common.context import AppContext
from desktop.common.fields import DateEdit, notes_edit
from desktop.common.record_dialog import RecordDialog
from desktop.volunteers.picker import VolunteerPicker

COL_NAME, COL_NUMBER, COL_HOURS, COL_NOTES = range(4)


class ActivityDialog(RecordDialog):
    record_table = "service_activities"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New service activity") if record_id is None else self.tr("Service activity"))
        self._adjusted: set[int] = set()  # attendees whose hours were changed by hand
        page = self.add_page(self.tr("Activity and attendees"))
        self.project_edit = self.add_field(page, "project", self.tr("Project"), QLineEdit(), required=True)
        self.held_on_edit = self.add_field(page, "held_on", self.tr("Date"), DateEdit(), required=True)
        self.place_edit = self.add_field(page, "place", self.tr("Place"), QLineEdit())
        self.start_edit = self.add_field(page, "start_time", self.tr("Start time"), QLineEdit())
        self.end_edit = self.add_field(page, "end_time", self.tr("End time"), QLineEdit())
        for edit in (self.start_edit, self.end_edit):
            edit.setPlaceholderText("08:30")
            edit.setMaximumWidth(100)
            edit.editingFinished.connect(self.on_times_changed)
        self.organiser_edit = self.add_field(page, "organiser", self.tr("Organiser"), QLineEdit())
        self.confirmed_edit = self.add_field(page, "confirmed_by", self.tr("Confirmed by"), QLineEdit())
        self.description_edit = self.add_field(page, "description", self.tr("What was done"), notes_edit(height=50))

        holder = QWidget()
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.add_button = self._make_button("add_attendees_button", self.tr("&Add volunteers…"), self.on_add_clicked)
        self.add_button.setToolTip(self.tr("Alt+A: pick the attendees by pinyin initials, Space ticks each"))
        self.remove_button = self._make_button("remove_attendee_button", self.tr("Remove"), self.on_remove_clicked)
        self.reset_button = self._make_button("reset_hours_button", self.tr("Set all hours"), self.on_reset_clicked)
        for b in (self.add_button, self.remove_button, self.reset_button):
            buttons.addWidget(b)
        self.register_edit_controls(self.add_button, self.remove_button, self.reset_button)
        buttons.addStretch(1)
        self.total_label = QLabel(holder)
        self.total_label.setObjectName("total_label")
        buttons.addWidget(self.total_label)
        box.addLayout(buttons)
        self.attendees_table = QTableWidget(0, 4, holder)
        self.attendees_table.setObjectName("attendees_table")
        self.attendees_table.setHorizontalHeaderLabels([self.tr("Volunteer"), self.tr("Number"), self.tr("Hours"),
                                                        self.tr("Notes")])
        self.attendees_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attendees_table.horizontalHeader().setStretchLastSection(True)
        self.attendees_table.verticalHeader().hide()
        self.attendees_table.setMinimumHeight(200)
        box.addWidget(self.attendees_table)
        self.add_field(page, "attendees", self.tr("Attendees"), holder)
        self.resize(640, 720)
        self.load_record()
        self.update_total()
        self.project_edit.setFocus()

    def _make_button(self, name: str, text: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- attendees --------------------------------------------------------------------------
    def default_hours(self) -> float:
        try:
            start = parse_time(self.start_edit.text(), "start_time", "开始时间")
            end = parse_time(self.end_edit.text(), "end_time", "结束时间")
        except FieldError:
            return 0.0
        return default_hours(start, end)

    def attendee_ids(self) -> list[int]:
        table = self.attendees_table
        return [table.item(r, COL_NAME).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())]

    def hours_spin(self, row: int) -> QDoubleSpinBox:
        return self.attendees_table.cellWidget(row, COL_HOURS)  # type: ignore[return-value]

    def add_attendee(self, volunteer_id: int, name: str, number: str, hours: float | None = None,
                     notes: str = "") -> None:
        if volunteer_id in self.attendee_ids():
            return
        table = self.attendees_table
        row = table.rowCount()
        table.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(Qt.ItemDataRole.UserRole, volunteer_id)
        name_item.setFlags(name_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        table.setItem(row, COL_NAME, name_item)
        number_item = QTableWidgetItem(number)
        number_item.setFlags(number_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        table.setItem(row, COL_NUMBER, number_item)
        spin = QDoubleSpinBox()
        spin.setObjectName(f"hours_{volunteer_id}")
        spin.setRange(0, 24)
        spin.setSingleStep(0.5)
        spin.setDecimals(1)
        spin.setValue(self.default_hours() if hours is None else hours)
        if hours is not None and hours != self.default_hours():
            self._adjusted.add(volunteer_id)
        spin.valueChanged.connect(lambda _v, vid=volunteer_id: self._on_hours_edited(vid))
        table.setCellWidget(row, COL_HOURS, spin)
        table.setItem(row, COL_NOTES, QTableWidgetItem(notes))
        self.update_total()

    def _on_hours_edited(self, volunteer_id: int) -> None:
        if not getattr(self, "_setting_defaults", False):
            self._adjusted.add(volunteer_id)
        self.update_total()

    def update_total(self) -> None:
        rows = self.attendees_table.rowCount()
        total = sum(self.hours_spin(r).value() for r in range(rows))
        self.total_label.setText(self.tr("%1 attendees, %2 hours").replace("%1", str(rows))
                                 .replace("%2", f"{total:g}"))

    def _set_hours(self, only_untouched: bool) -> None:
        hours = self.default_hours()
        self._setting_defaults = True
        for row, vid in enumerate(self.attendee_ids()):
            if not only_untouched or vid not in self._adjusted:
                self.hours_spin(row).setValue(hours)
        self._setting_defaults = False
        if not only_untouched:
            self._adjusted.clear()
        self.update_total()

    def on_times_changed(self) -> None:
        self._set_hours(only_untouched=True)

    def on_reset_clicked(self) -> None:
        self._set_hours(only_untouched=False)

    def on_add_clicked(self) -> None:
        """Pick attendees; then the focus goes on to the table at the first one added (Enter saves,
        or adjust the hours of who left early), or back to the button if none was added."""
        picker = VolunteerPicker(self.ctx, set(self.attendee_ids()), self)
        first_new = self.attendees_table.rowCount()
        if picker.exec():
            self.add_picked(list(picker.chosen.values()))
        self.activateWindow()  # not left to the window manager: some hand the keyboard to no window
        if self.attendees_table.rowCount() > first_new:
            self.attendees_table.setCurrentCell(first_new, COL_NAME)
            self.attendees_table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_picked(self, picks: list[VolunteerPick]) -> None:
        for pick in picks:
            self.add_attendee(pick.id, pick.name, pick.number)

    def on_remove_clicked(self) -> None:
        rows = sorted({i.row() for i in self.attendees_table.selectionModel().selectedRows()}, reverse=True)
        for row in rows:
            self._adjusted.discard(self.attendee_ids()[row])
            self.attendees_table.removeRow(row)
        self.update_total()

    # --- load / save ------------------------------------------------------------------------
    def load(self, session: Session) -> None:
        assert self.record_id is not None
        data, attendees = load_activity_input(session, self.record_id)
        self.project_edit.setText(data.project)
        self.held_on_edit.set_value(data.held_on)
        self.place_edit.setText(data.place)
        self.start_edit.setText(data.start_time.strftime("%H:%M") if data.start_time else "")
        self.end_edit.setText(data.end_time.strftime("%H:%M") if data.end_time else "")
        self.organiser_edit.setText(data.organiser)
        self.confirmed_edit.setText(data.confirmed_by)
        self.description_edit.setPlainText(data.description)
        for a in attendees:
            self.add_attendee(a.volunteer_id, a.name, a.number, a.hours, a.notes)

    def extra_state(self) -> Any:
        """Who attended, for how long, with what note: part of the record's unsaved changes."""
        table = self.attendees_table
        return tuple((vid, self.hours_spin(row).value(), (table.item(row, COL_NOTES) or QTableWidgetItem()).text())
                     for row, vid in enumerate(self.attendee_ids()))

    def values(self) -> ActivityInput:
        table = self.attendees_table
        attendees = [
            AttendeeInput(vid, self.hours_spin(row).value(), (table.item(row, COL_NOTES) or QTableWidgetItem()).text())
            for row, vid in enumerate(self.attendee_ids())
        ]
        return ActivityInput(
            project=self.project_edit.text(), held_on=self.held_on_edit.value(), place=self.place_edit.text(),
            start_time=self.start_edit.text(), end_time=self.end_edit.text(), organiser=self.organiser_edit.text(),
            confirmed_by=self.confirmed_edit.text(), description=self.description_edit.toPlainText(),
            attendees=attendees,
        )

    def save(self, session: Session) -> int:
        return save_activity(session, self.values(), self.record_id).id
