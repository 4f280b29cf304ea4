"""The incident dialog: the report (grid, building, category, subject, what happened, who
reported it) and, once saved, where it stands with its history and the steps that can be taken
from there (db.incidents: each step asks for its note, assignee or rating)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.choices import grid_choices
from db.housing import building_choices
from db.incidents import (
    IncidentError,
    IncidentInput,
    available_steps,
    deadline_state,
    duplicate_hints,
    incident_id_of,
    load_incident_input,
    save_incident,
    take_step,
)
from db.models import Incident
from db.validation import ValidationErrors, format_date_cn
from db.versions import loaded_version
from db.vocab import INCIDENT_ACTIONS, INCIDENT_CATEGORIES, INCIDENT_STATES, SATISFACTION
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, IdChoiceCombo, notes_edit
from desktop.common.formatting import label
from desktop.common.record_dialog import RecordDialog


class IncidentDialog(RecordDialog):
    record_table = "incidents"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None,
                 start: IncidentInput | None = None) -> None:
        """`start`: a new report's first values (from a visit: its household, grid, building and
        what was found); the household and the visit stay with the report, not shown as fields."""
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("Report an incident") if record_id is None else self.tr("Incident"))
        self.household_id = start.household_id if start is not None else None
        self.visit_id = start.visit_id if start is not None else None
        zh = ctx.is_chinese
        with ctx.db.session() as s:
            grids = grid_choices(s)
            buildings = building_choices(s)
        page = self.add_page(self.tr("Report"))
        self.number_label = QLabel(self.tr("Given when the report is first saved"))
        self.number_label.setObjectName("number_label")
        page.addRow(self.tr("Incident number"), self.number_label)
        self.grid_combo = self.add_field(page, "grid_id", self.tr("Grid"), IdChoiceCombo([(None, ""), *grids]),
                                         required=True)
        self.building_combo = self.add_field(page, "building_id", self.tr("Building"),
                                             IdChoiceCombo([(None, ""), *buildings]))
        self.place_edit = self.add_field(page, "place", self.tr("Place"), QLineEdit())
        self.category_combo = self.add_field(page, "category", self.tr("Category"),
                                             CodeCombo(INCIDENT_CATEGORIES, zh), required=True)
        self.duplicate_label = QLabel()
        self.duplicate_label.setObjectName("duplicate_hint")
        self.duplicate_label.setWordWrap(True)
        self.duplicate_label.setStyleSheet("color: #8a5a00;")
        self.duplicate_label.hide()
        page.addRow("", self.duplicate_label)
        self.subject_edit = self.add_field(page, "subject", self.tr("Subject"), QLineEdit(), required=True)
        self.description_edit = self.add_field(page, "description", self.tr("What happened"), notes_edit(height=90))
        self.reporter_edit = self.add_field(page, "reporter", self.tr("Reported by"), QLineEdit())
        self.phone_edit = self.add_field(page, "reporter_phone", self.tr("Reporter's phone"), QLineEdit())
        self._build_handling_page()
        self.resize(620, 560)
        if start is not None:
            self.grid_combo.set_value(start.grid_id)
            self.building_combo.set_value(start.building_id)
            self.category_combo.set_code(start.category)
            self.description_edit.setPlainText(start.description)
            self.place_edit.setText(start.place)
        self.load_record()
        self.refresh_handling()
        self.building_combo.currentIndexChanged.connect(self.show_duplicates)
        self.category_combo.currentIndexChanged.connect(self.show_duplicates)
        self.show_duplicates()

    def show_duplicates(self) -> None:
        """While a report is filled in: open incidents of the same building and category from
        the last 14 days, which this report may repeat (it can still be saved)."""
        if self.read_only:
            return
        with self.ctx.db.session() as s:
            hints = duplicate_hints(s, self.building_combo.value(), self.category_combo.code(), date.today(),
                                    exclude=self.record_id)
        self.duplicate_label.setText(self.tr("May repeat an open report: %1").replace("%1", "；".join(hints)))
        self.duplicate_label.setVisible(bool(hints))

    # --- where it stands ---------------------------------------------------------------------
    def _build_handling_page(self) -> None:
        page = QWidget(self.tabs)
        box = QVBoxLayout(page)
        self.state_label = QLabel(page)
        self.state_label.setObjectName("state_label")
        self.state_label.setWordWrap(True)
        box.addWidget(self.state_label)
        self.history = QTableWidget(0, 4, page)
        self.history.setObjectName("history_table")
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Step"), self.tr("By"), self.tr("Note")])
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        box.addWidget(self.history)
        self.steps_bar = QHBoxLayout()
        box.addLayout(self.steps_bar)
        self.step_buttons: dict[str, QPushButton] = {}
        self.tabs.addTab(page, self.tr("Handling"))

    def refresh_handling(self) -> None:
        for button in self.step_buttons.values():
            button.deleteLater()
        self.step_buttons = {}
        self.history.setRowCount(0)
        if self.record_id is None:
            self.state_label.setText(self.tr("Save the report first; then it can be accepted and handled."))
            return
        zh = self.ctx.is_chinese
        with self.ctx.db.session() as s:
            incident = s.get_one(Incident, self.record_id)
            steps = available_steps(incident)
            events = [(e.at, e.action, e.by, e.note) for e in incident.events]
            state = label(INCIDENT_STATES, incident.state, zh)
            due, deadline, assignee = incident.due_on, deadline_state(incident, date.today()), incident.assignee
            supervised = incident.supervised
        parts = [self.tr("State: %1").replace("%1", state)]
        if assignee:
            parts.append(self.tr("With: %1").replace("%1", assignee))
        if due is not None:
            mark = {"overdue": self.tr(" (overdue)"), "warning": self.tr(" (due soon)")}.get(deadline, "")
            parts.append(self.tr("Deadline: %1").replace("%1", format_date_cn(due)) + mark)
        if supervised:
            parts.append(self.tr("Supervised (督办)"))
        self.state_label.setText("；".join(parts))
        for at, action, by, note in events:
            row = self.history.rowCount()
            self.history.insertRow(row)
            for column, text in enumerate((at.strftime("%Y-%m-%d %H:%M"), label(INCIDENT_ACTIONS, action, zh), by,
                                           note)):
                self.history.setItem(row, column, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()
        self.history.horizontalHeader().setStretchLastSection(True)
        if self.read_only:
            return
        for action in steps:
            button = QPushButton(label(INCIDENT_ACTIONS, action, zh), self)
            button.setObjectName(f"step_{action}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, a=action: self.on_step_clicked(a))
            self.steps_bar.addWidget(button)
            self.step_buttons[action] = button

    def ask_step(self, action: str) -> dict[str, object] | None:
        """What the step needs from the person (None: they cancelled)."""
        zh = self.ctx.is_chinese
        title = label(INCIDENT_ACTIONS, action, zh)
        answers: dict[str, object] = {}
        if action == "dispatch":
            assignee, ok = QInputDialog.getText(self, title, self.tr("To whom (a person or a department):"))
            if not ok:
                return None
            answers["assignee"] = assignee
        if action == "rate":
            choices = [label(SATISFACTION, c.code, zh) for c in SATISFACTION]
            chosen, ok = QInputDialog.getItem(self, title, self.tr("The resident's rating:"), choices, 0, False)
            if not ok:
                return None
            answers["rating"] = SATISFACTION.choices[choices.index(chosen)].code
        if action == "mark_duplicate":
            number, ok = QInputDialog.getText(self, title, self.tr("Number of the incident it repeats:"))
            if not ok:
                return None
            with self.ctx.db.session() as s:
                answers["duplicate_of"] = incident_id_of(s, number)
        note, ok = QInputDialog.getMultiLineText(self, title, self.tr("Note:"))
        if not ok:
            return None
        answers["note"] = note
        return answers

    def on_step_clicked(self, action: str) -> None:
        answers = self.ask_step(action)
        if answers is None or self.record_id is None:
            return
        self.take(action, answers)

    def take(self, action: str, answers: dict[str, object]) -> bool:
        """Take the step in its own transaction; a refusal is shown, nothing changed."""
        assert self.record_id is not None
        try:
            with self.ctx.db.session() as s, s.begin():
                take_step(s, self.record_id, action, **answers)  # type: ignore[arg-type]
                # the step is this dialog's own change: a save of the report after it is no conflict
                self._loaded_version = loaded_version(s, "incidents", self.record_id)
        except (IncidentError, ValidationErrors) as exc:
            text = "；".join(str(e) for e in exc.errors) if isinstance(exc, ValidationErrors) else str(exc)
            QMessageBox.warning(self, self.tr("Cannot take this step"), text)
            return False
        self.refresh_handling()
        return True

    # --- the report --------------------------------------------------------------------------
    def load(self, session: Session) -> None:
        assert self.record_id is not None
        data = load_incident_input(session, self.record_id)
        self.number_label.setText(session.get_one(Incident, self.record_id).number)
        self.grid_combo.set_value(data.grid_id)
        self.building_combo.set_value(data.building_id)
        self.place_edit.setText(data.place)
        self.category_combo.set_code(data.category)
        self.subject_edit.setText(data.subject)
        self.description_edit.setPlainText(data.description)
        self.reporter_edit.setText(data.reporter)
        self.phone_edit.setText(data.reporter_phone)
        self.household_id, self.visit_id = data.household_id, data.visit_id

    def values(self) -> IncidentInput:
        return IncidentInput(grid_id=self.grid_combo.value(), category=self.category_combo.code(),
                             subject=self.subject_edit.text(), description=self.description_edit.toPlainText(),
                             building_id=self.building_combo.value(), place=self.place_edit.text(),
                             reporter=self.reporter_edit.text(), reporter_phone=self.phone_edit.text(),
                             household_id=self.household_id, visit_id=self.visit_id)

    def save(self, session: Session) -> int:
        return save_incident(session, self.values(), self.record_id).id
