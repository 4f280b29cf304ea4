"""The volunteer dialog: personal details, registration, and their hours so far."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session

from db.choices import grid_choices
from db.models import Volunteer
from db.vocab import VOLUNTEER_KINDS, VOLUNTEER_STATUSES
from db.volunteers import VolunteerInput, load_volunteer_input, save_volunteer, volunteer_total_hours
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, DateEdit, notes_edit
from desktop.common.formatting import format_hours
from desktop.common.person_form import PersonForm
from desktop.common.record_dialog import RecordDialog


class VolunteerDialog(RecordDialog):
    record_table = "volunteers"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New volunteer") if record_id is None else self.tr("Edit volunteer"))
        zh = ctx.is_chinese
        with ctx.db.session() as s:
            grids = grid_choices(s)
            person_id = s.get_one(Volunteer, record_id).person_id if record_id is not None else None
            hours = volunteer_total_hours(s, record_id) if record_id is not None else 0.0
        page = self.add_page(self.tr("Personal details"))
        self.person = PersonForm(self, page, grids, person_id=person_id)
        page = self.add_page(self.tr("Volunteer"))
        self.number_edit = self.add_field(page, "number", self.tr("Volunteer number"), QLineEdit())
        self.number_edit.setPlaceholderText(self.tr("Left blank: the next number is given"))
        self.kind_combo = self.add_field(page, "kind", self.tr("Kind"), CodeCombo(VOLUNTEER_KINDS, zh), required=True)
        self.kind_combo.set_code("resident")
        self.skills_edit = self.add_field(page, "skills", self.tr("Skills"), QLineEdit())
        self.available_edit = self.add_field(page, "available_times", self.tr("Available times"), QLineEdit())
        self.areas_edit = self.add_field(page, "service_areas", self.tr("Service areas"), QLineEdit())
        self.organisation_edit = self.add_field(page, "organisation", self.tr("Organisation"), QLineEdit())
        self.registered_edit = self.add_field(page, "registered_on", self.tr("Registered on"), DateEdit())
        self.status_combo = self.add_field(page, "status", self.tr("Status"), CodeCombo(VOLUNTEER_STATUSES, zh))
        self.notes_edit = self.add_field(page, "notes", self.tr("Notes"), notes_edit())
        self.hours_label = QLabel(self.tr("%1 hours in all").replace("%1", format_hours(hours)))
        self.hours_label.setObjectName("hours_label")
        page.addRow(self.tr("Service hours"), self.hours_label)
        self.add_person_roles(person_id, "volunteer")
        self.resize(520, 520)
        self.load_record()
        self.person.name_edit.setFocus()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        v = load_volunteer_input(session, self.record_id)
        self.person.load(v.person)
        self.number_edit.setText(v.number)
        self.kind_combo.set_code(v.kind)
        self.skills_edit.setText(v.skills)
        self.available_edit.setText(v.available_times)
        self.areas_edit.setText(v.service_areas)
        self.organisation_edit.setText(v.organisation)
        self.registered_edit.set_value(v.registered_on)
        self.status_combo.set_code(v.status)
        self.notes_edit.setPlainText(v.notes)

    def save(self, session: Session) -> int:
        data = VolunteerInput(
            person=self.person.values(), number=self.number_edit.text(), kind=self.kind_combo.code(),
            skills=self.skills_edit.text(), available_times=self.available_edit.text(),
            service_areas=self.areas_edit.text(), organisation=self.organisation_edit.text(),
            registered_on=self.registered_edit.value(), status=self.status_combo.code(),
            notes=self.notes_edit.toPlainText(),
        )
        return save_volunteer(session, data, self.record_id).id
