"""One visit (走访): to a household (chosen in the 房屋 tab) or to a place in a grid (a shop, a
building site). What was found, whether it needs following up, and — ticked — an incident
reported from it at once (报事件), opened with the household, the grid and what was found.

db.visits checks and saves; the messages show at the fields.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session

from db.choices import grid_choices, grid_worker_choices
from db.housing import household_place
from db.visits import VisitInput, load_visit_input, save_visit
from desktop.common.context import AppContext
from desktop.common.fields import DateEdit, IdChoiceCombo, notes_edit
from desktop.common.record_dialog import RecordDialog


class VisitDialog(RecordDialog):
    record_table = "visits"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None,
                 household_id: int | None = None, grid_id: int | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("Record a visit") if record_id is None else self.tr("Visit"))
        self.household_id = household_id
        with ctx.db.session() as s:
            workers = grid_worker_choices(s)
            grids = grid_choices(s)
            if record_id is not None:
                self.household_id = load_visit_input(s, record_id).household_id
            place = household_place(s, self.household_id) if self.household_id is not None else None
        self.grid_id = place.grid_id if place is not None else grid_id
        self.building_id = place.building_id if place is not None else None
        page = self.add_page(self.tr("Visit"))
        self.date_edit = self.add_field(page, "visited_on", self.tr("Visited on"), DateEdit(), required=True)
        self.date_edit.set_value(date.today())
        self.visitor_combo = self.add_field(page, "visitor_id", self.tr("Visited by"),
                                            IdChoiceCombo([(None, ""), *workers]), required=True)
        self.visitor_combo.setMinimumWidth(160)
        if place is not None:
            self.household_label = QLabel(place.title)
            self.household_label.setObjectName("household_label")
            page.addRow(self.tr("Household"), self.household_label)  # (a problem with it shows above the form)
            self.grid_combo = None
            self.place_edit = None
        else:
            self.grid_combo = self.add_field(page, "grid_id", self.tr("Grid"), IdChoiceCombo([(None, ""), *grids]),
                                             required=True)
            self.grid_combo.set_value(grid_id)
            self.place_edit = self.add_field(page, "place", self.tr("Place"), QLineEdit(), required=True)
            self.place_edit.setPlaceholderText(self.tr("e.g. the shops on 幸福路, the building site"))
        self.companions_edit = self.add_field(page, "companions", self.tr("Companions"), QLineEdit())
        self.found_edit = self.add_field(page, "found", self.tr("What was found"), notes_edit(height=90))
        self.follow_up_box = self.add_field(page, "follow_up", self.tr("Follow-up"),
                                            QCheckBox(self.tr("Needs following up")))
        self.report_box = QCheckBox(self.tr("Report an incident from this visit after saving"))
        self.report_box.setObjectName("report_incident")
        page.addRow("", self.report_box)
        self.register_input(self.report_box)
        self.resize(520, 440)
        self.load_record()
        self.visitor_combo.setFocus()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        v = load_visit_input(session, self.record_id)
        self.date_edit.set_value(v.visited_on)
        self.visitor_combo.set_value(v.visitor_id)
        if self.grid_combo is not None and self.place_edit is not None:
            self.grid_combo.set_value(v.grid_id)
            self.place_edit.setText(v.place)
        self.companions_edit.setText(v.companions)
        self.found_edit.setPlainText(v.found)
        self.follow_up_box.setChecked(v.follow_up)

    def values(self) -> VisitInput:
        return VisitInput(visited_on=self.date_edit.value(), visitor_id=self.visitor_combo.value(),
                          household_id=self.household_id,
                          place=self.place_edit.text() if self.place_edit is not None else "",
                          grid_id=self.grid_combo.value() if self.grid_combo is not None else self.grid_id,
                          companions=self.companions_edit.text(), found=self.found_edit.toPlainText(),
                          follow_up=self.follow_up_box.isChecked())

    def save(self, session: Session) -> int:
        return save_visit(session, self.values(), self.record_id).id
