"""The person fields every role dialog shows (name, gender, ID number, phone …), built once.

Member, grid worker, volunteer and mediator dialogs all edit the same Person, so they share
one set of widgets with the same object names; the rules behind them live in db.people.
An existing person's ID number and phone open masked, with "Show full numbers" beside them
(desktop.common.reveal); values() then hands back the stored numbers, never the mask.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLineEdit

from db.disclosure import reveal_person_numbers
from db.people import PersonFields
from db.vocab import GENDERS
from desktop.common.fields import CodeCombo, DateEdit, IdChoiceCombo, id_number_edit, phone_edit
from desktop.common.record_dialog import RecordDialog
from desktop.common.reveal import RevealButton


class PersonForm:
    """Adds the person fields to a dialog page; values() / load() convert to PersonFields.

    `person_id` is the stored person the dialog shows (None for a new record): with it, load()
    shows the numbers masked and the reveal button asks db.disclosure for them.
    """

    def __init__(self, dialog: RecordDialog, page: QFormLayout, grids: list[tuple[int | None, str]] | None = None,
                 *, phone_required: bool = False, with_address: bool = True, person_id: int | None = None) -> None:
        self.person_id = person_id
        zh = dialog.ctx.is_chinese
        add = dialog.add_field
        label = {  # spelled out in full so that lupdate finds each string
            "name": QCoreApplication.translate("PersonForm", "Name"),
            "gender": QCoreApplication.translate("PersonForm", "Gender"),
            "ethnicity": QCoreApplication.translate("PersonForm", "Ethnicity"),
            "id_number": QCoreApplication.translate("PersonForm", "ID number"),
            "birth_date": QCoreApplication.translate("PersonForm", "Birth date"),
            "phone": QCoreApplication.translate("PersonForm", "Phone"),
            "address": QCoreApplication.translate("PersonForm", "Home address"),
            "grid_id": QCoreApplication.translate("PersonForm", "Grid"),
        }
        self.name_edit = add(page, "name", label["name"], QLineEdit(), required=True)
        self.gender_combo = add(page, "gender", label["gender"], CodeCombo(GENDERS, zh, allow_blank=True))
        self.ethnicity_edit = add(page, "ethnicity", label["ethnicity"], QLineEdit("汉族"))
        self.id_number_edit = add(page, "id_number", label["id_number"], id_number_edit())
        self.birth_date_edit = add(page, "birth_date", label["birth_date"], DateEdit())
        self.phone_edit = add(page, "phone", label["phone"], phone_edit(), required=phone_required)
        self.reveal_button = RevealButton(dialog, self.id_number_edit, self.phone_edit)
        page.addRow("", self.reveal_button)
        self.address_edit = add(page, "address", label["address"], QLineEdit()) if with_address else None
        self.grid_combo = add(page, "grid_id", label["grid_id"], IdChoiceCombo([(None, ""), *grids])) \
            if grids is not None else None

    def values(self) -> PersonFields:
        return PersonFields(
            name=self.name_edit.text(), gender=self.gender_combo.code(), ethnicity=self.ethnicity_edit.text(),
            birth_date=self.birth_date_edit.value(), id_number=self.id_number_edit.value(),
            phone=self.phone_edit.value(), address=self.address_edit.text() if self.address_edit else "",
            grid_id=self.grid_combo.value() if self.grid_combo else None,
        )

    def load(self, p: PersonFields) -> None:
        self.name_edit.setText(p.name)
        self.gender_combo.set_code(p.gender)
        self.ethnicity_edit.setText(p.ethnicity)
        masked = self.person_id is not None
        self.id_number_edit.set_number(p.id_number, masked)
        self.birth_date_edit.set_value(p.birth_date)
        self.phone_edit.set_number(p.phone, masked)
        if self.address_edit is not None:
            self.address_edit.setText(p.address)
        if self.grid_combo is not None:
            self.grid_combo.set_value(p.grid_id)
        person_id = self.person_id
        self.reveal_button.arm(None if person_id is None else lambda s: reveal_person_numbers(s, person_id))
