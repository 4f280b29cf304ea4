"""One meeting (三会一课) and its attendance, entered in one screen with the keyboard.

The fields on the left are typed in order (Tab goes down them and into the list); the list
on the right holds every member the organisation expects, all present to start with, in the
order of the sign-in sheet (签到表, printable from here), so a roll call only touches the few
who were on leave or absent: their initials, then 2 or 3. Changing the organisation lists
its members instead, keeping every mark already made (and anyone added by hand). Saving is one
call of db.party_life.meetings.save_meeting in one transaction; its messages show at the field,
the attendance ones under the list.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.members import org_tree
from db.party_life.meetings import (
    AttendanceInput,
    AttendeeChoice,
    MeetingInput,
    expected_attendees,
    find_members,
    load_meeting_input,
    recorded_attendees,
    save_meeting,
)
from db.vocab import MEETING_KINDS, MEMBER_TYPES
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, DateEdit, IdChoiceCombo, notes_edit
from desktop.common.record_dialog import ERROR_STYLE, RecordDialog
from desktop.party_life.attendance import LEAVE, PRESENT, AttendanceModel, AttendanceTable, AttendeeLine
from desktop.party_life.sign_in_sheet import SignInSheet, print_sign_in_sheet
from desktop.party_life.type_ahead import FindLabel


def attendee_line(choice: AttendeeChoice, status: str = PRESENT, reason: str = "", added: bool = False) -> AttendeeLine:
    """A list line for a member: the branch shown short (第一党小组), its whole path as the tooltip."""
    return AttendeeLine(choice.member_id, choice.name, choice.org_short or choice.org_name, choice.member_type,
                        status, reason, added, choice.org_path or choice.org_name)


class MemberPicker(QDialog):
    """Find one member of any organisation by name or pinyin initials; Enter adds the highlighted one."""

    def __init__(self, ctx: AppContext, exclude: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.exclude = ctx, exclude
        self.chosen: AttendeeChoice | None = None
        self.setObjectName("member_picker")
        self.setWindowTitle(self.tr("Add a member from another branch"))
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("picker_search")
        self.search_edit.setPlaceholderText(self.tr("Name or pinyin initials (zs), then Enter"))
        self.list = QListWidget(self)
        self.list.setObjectName("picker_list")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.search_edit.textChanged.connect(self.reload)
        self.search_edit.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.resize(360, 400)
        self.reload()

    def reload(self) -> None:
        text = self.search_edit.text().strip()
        with self.ctx.db.session() as s:
            found = find_members(s, text) if text else []
        self.list.clear()
        zh = self.ctx.is_chinese
        for choice in found:
            if choice.member_id in self.exclude:
                continue
            kind = MEMBER_TYPES.label(choice.member_type, "zh" if zh else "en")
            item = QListWidgetItem(f"{choice.name}　{choice.org_name}　{kind}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, choice)
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        """Up/Down in the search box move the highlight; Enter adds it."""
        from PySide6.QtCore import QEvent

        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.list.count():
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, self.list.currentRow() + step)))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
                return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return  # nothing found yet: keep typing
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        super().accept()


class MeetingDialog(RecordDialog):
    record_table = "meetings"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, meeting_id: int | None = None, parent: QWidget | None = None,
                 org_id: int | None = None) -> None:
        super().__init__(ctx, meeting_id, parent)
        self.setWindowTitle(self.tr("New meeting") if meeting_id is None else self.tr("Meeting"))
        zh = ctx.is_chinese
        with ctx.db.session() as s:
            tree = org_tree(s)
        orgs = [(o.id, o.name, o.depth) for o in tree]
        if org_id is None:  # a new meeting starts on the first branch, not the whole community
            org_id = next((o.id for o in tree if o.kind == "branch"), None)
        self._marks: dict[int, tuple[str, str]] = {}  # marks made, kept across organisation changes
        self._listed_org: int | None = None

        page = QWidget(self.tabs)
        self.tabs.addTab(page, self.tr("Meeting and attendance"))
        self.tabs.tabBar().hide()
        columns = QHBoxLayout(page)
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        left.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        holder = QWidget(page)
        holder.setLayout(left)
        holder.setMaximumWidth(340)
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        columns.addWidget(holder, 0, Qt.AlignmentFlag.AlignTop)

        self.kind_combo = self.add_field(left, "kind", self.tr("Kind"), CodeCombo(MEETING_KINDS, zh), required=True)
        self.org_combo = self.add_field(left, "org_id", self.tr("Organisation"), IdChoiceCombo(orgs), required=True)
        self.held_on_edit = self.add_field(left, "held_on", self.tr("Date"), DateEdit(), required=True)
        self.start_edit = self.add_field(left, "start_time", self.tr("Start time"), QLineEdit())
        self.start_edit.setPlaceholderText("19:30")
        self.start_edit.setMaximumWidth(100)
        self.place_edit = self.add_field(left, "place", self.tr("Place"), QLineEdit())
        self.topic_edit = self.add_field(left, "topic", self.tr("Topic"), QLineEdit())
        self.speaker_edit = self.add_field(left, "speaker", self.tr("Speaker"), QLineEdit())
        self.minutes_edit = self.add_field(left, "minutes", self.tr("Minutes (summary)"), notes_edit(height=160))

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(right, 1)
        bar = QHBoxLayout()
        title = QLabel(self.tr("Attendance"), page)
        title.setStyleSheet("font-weight: bold;")
        bar.addWidget(title)
        self.all_present_button = self._make_button("all_present_button", self.tr("All present"),
                                                    self.on_all_present_button_clicked)
        self.add_member_button = self._make_button("add_member_button", self.tr("Add a member from another branch…"),
                                                   self.on_add_member_button_clicked)
        self.sign_in_sheet_button = self._make_button("sign_in_sheet_button", self.tr("Print sign-in sheet…"),
                                                      self.on_sign_in_sheet_button_clicked)
        self.sign_in_sheet_button.setToolTip(self.tr("The sheet members sign at the meeting, in the order of this "
                                                     "list: mark attendance afterwards going down both together"))
        left.addRow("", self.sign_in_sheet_button)  # under the fields its title is made of
        bar.addWidget(self.all_present_button)
        bar.addWidget(self.add_member_button)
        bar.addStretch(1)
        self.counts_label = QLabel(page)
        self.counts_label.setObjectName("counts_label")
        bar.addWidget(self.counts_label)
        right.addLayout(bar)
        self.attendance_model = AttendanceModel(zh, self)
        self.attendance_table = AttendanceTable(self.attendance_model, page)
        right.addWidget(self.attendance_table, 1)
        attendance_error = QLabel(page)
        attendance_error.setObjectName("attendance_error")
        attendance_error.setStyleSheet(ERROR_STYLE)
        attendance_error.setWordWrap(True)
        attendance_error.hide()
        right.addWidget(attendance_error)
        footer = QHBoxLayout()
        self.find_label = FindLabel(self.attendance_table.finder, page)
        self.find_label.setMinimumWidth(150)
        self.find_label.setMaximumWidth(230)
        self.find_label.setWordWrap(True)
        footer.addWidget(self.find_label, 0, Qt.AlignmentFlag.AlignTop)
        self.keys_hint = QLabel(self.tr("Keys: letters find a person (pinyin initials such as zs, or the name) · "
                                        "1 present · 2 on leave (type the reason, Enter) · 3 absent · Space cycles · "
                                        "Up/Down move · Ctrl+S or Enter saves"), page)
        self.keys_hint.setObjectName("keys_hint")
        self.keys_hint.setStyleSheet("color: #666;")
        self.keys_hint.setWordWrap(True)
        footer.addWidget(self.keys_hint, 1)
        right.addLayout(footer)
        # The list is not a form row (it takes the dialog's height), so its message label is
        # registered by hand: errors named "attendance" show under it and focus the list.
        self.fields["attendance"] = self.attendance_table
        self._errors["attendance"] = attendance_error
        self._pages["attendance"] = 0
        self.register_edit_controls(self.all_present_button, self.add_member_button)

        self.attendance_model.counts_changed.connect(self.update_counts)
        self.attendance_model.dataChanged.connect(self._remember_marks)
        self.org_combo.currentIndexChanged.connect(self.on_org_combo_changed)
        QShortcut(QKeySequence.StandardKey.Save, self, self.accept)

        for first, second in ((self.kind_combo, self.org_combo), (self.org_combo, self.held_on_edit),
                              (self.held_on_edit, self.start_edit), (self.start_edit, self.place_edit),
                              (self.place_edit, self.topic_edit), (self.topic_edit, self.speaker_edit),
                              (self.speaker_edit, self.minutes_edit), (self.minutes_edit, self.attendance_table),
                              (self.attendance_table, self.all_present_button),
                              (self.all_present_button, self.add_member_button),
                              (self.add_member_button, self.sign_in_sheet_button),
                              (self.sign_in_sheet_button, self.save_button), (self.save_button, self.cancel_button)):
            QWidget.setTabOrder(first, second)

        if meeting_id is None and org_id is not None:
            self.org_combo.set_value(org_id)
        if meeting_id is None:
            self.relist()
        self.resize(1000, 720)
        self.load_record()
        self.attendance_model.editable = not self.read_only
        self.update_counts()
        self.kind_combo.setFocus()

    def _make_button(self, name: str, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)  # Enter saves the meeting, it does not press these
        button.clicked.connect(slot)
        return button

    # --- attendance ----------------------------------------------------------------------
    def _remember_marks(self) -> None:
        for line in self.attendance_model.lines:
            self._marks[line.member_id] = (line.status, line.reason)

    def relist(self) -> None:
        """List the chosen organisation's members, keeping marks made and people added by hand."""
        self.attendance_table.finish_editing()
        self._remember_marks()
        org_id = self.org_combo.value()
        self._listed_org = org_id
        expected: list[AttendeeChoice] = []
        if org_id is not None:
            with self.ctx.db.session() as s:
                expected = expected_attendees(s, org_id)
        listed = {c.member_id for c in expected}
        lines = [attendee_line(c, *self._marks.get(c.member_id, (PRESENT, ""))) for c in expected]
        lines += [line for line in self.attendance_model.lines if line.added and line.member_id not in listed]
        self.attendance_model.set_lines(lines)

    def on_org_combo_changed(self) -> None:
        if self.org_combo.value() != self._listed_org:
            self.relist()

    def on_all_present_button_clicked(self) -> None:
        self.attendance_model.set_all(PRESENT)
        self._remember_marks()

    def on_add_member_button_clicked(self) -> None:
        picker = MemberPicker(self.ctx, {line.member_id for line in self.attendance_model.lines}, self)
        if picker.exec() and picker.chosen is not None:
            self.add_member(picker.chosen)

    def add_member(self, choice: AttendeeChoice, status: str = PRESENT) -> None:
        """Put one member on the list (marked present) and put the cursor on them."""
        row = self.attendance_model.add_line(attendee_line(choice, status, added=True))
        self._remember_marks()
        self.attendance_table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.attendance_table.go_to(row)

    def sign_in_sheet(self) -> SignInSheet:
        """The sheet of the list as it stands, headed with the meeting's fields as typed so far."""
        return SignInSheet(
            org_name=self.org_combo.currentText().strip("　 "), kind=self.kind_combo.code() or "",
            held_on=self.held_on_edit.value(), start_time=self.start_edit.text(), place=self.place_edit.text(),
            topic=self.topic_edit.text(),
            people=[(line.name, line.org_name, line.member_type) for line in self.attendance_model.lines])

    def on_sign_in_sheet_button_clicked(self) -> None:
        self.sign_in_sheet_job = print_sign_in_sheet(self, self.sign_in_sheet())

    def update_counts(self) -> None:
        counts = self.attendance_model.counts()
        self.counts_label.setText(self.tr("Present %1 · On leave %2 · Absent %3").replace("%1", str(counts["present"]))
                                  .replace("%2", str(counts["leave"])).replace("%3", str(counts["absent"])))

    # --- load / save ---------------------------------------------------------------------
    def load(self, session: Session) -> None:
        assert self.record_id is not None
        data = load_meeting_input(session, self.record_id)
        self.kind_combo.set_code(data.kind)
        self.org_combo.blockSignals(True)
        self.org_combo.set_value(data.org_id)
        self.org_combo.blockSignals(False)
        self._listed_org = data.org_id
        self.held_on_edit.set_value(data.held_on)  # type: ignore[arg-type]
        self.start_edit.setText(data.start_time)
        self.place_edit.setText(data.place)
        self.topic_edit.setText(data.topic)
        self.speaker_edit.setText(data.speaker)
        self.minutes_edit.setPlainText(data.minutes)
        # Who was recorded, as recorded, in sign-in sheet order: the organisation's members first,
        # then those added by hand (or who have moved since); members of the organisation not on
        # the record (joined since) are listed as present only if the organisation is changed.
        expected = expected_attendees(session, data.org_id) if data.org_id else []
        marks = {a.member_id: a for a in data.attendance}
        listed = {c.member_id for c in expected}
        lines = [attendee_line(c, marks[c.member_id].status, marks[c.member_id].reason)
                 for c in expected if c.member_id in marks]
        for c in recorded_attendees(session, [m for m in marks if m not in listed]):
            lines.append(attendee_line(c, marks[c.member_id].status, marks[c.member_id].reason, added=True))
        self.attendance_model.set_lines(lines)
        self._remember_marks()

    def extra_state(self) -> Any:
        self.attendance_table.finish_editing()
        return self.attendance_model.state()

    def values(self) -> MeetingInput:
        self.attendance_table.finish_editing()
        return MeetingInput(
            kind=self.kind_combo.code() or "", org_id=self.org_combo.value(), held_on=self.held_on_edit.value(),
            start_time=self.start_edit.text(), place=self.place_edit.text(), topic=self.topic_edit.text(),
            speaker=self.speaker_edit.text(), minutes=self.minutes_edit.toPlainText(),
            attendance=[AttendanceInput(line.member_id, line.status, line.reason if line.status == LEAVE else "")
                        for line in self.attendance_model.lines],
        )

    def save(self, session: Session) -> int:
        meeting = save_meeting(session, self.values(), self.record_id)
        session.flush()
        return meeting.id

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        """Ctrl+S saves too, whichever field has the focus (the shortcut needs an active window)."""
        if event.matches(QKeySequence.StandardKey.Save):
            self.accept()
            return
        super().keyPressEvent(event)
