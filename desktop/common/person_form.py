"""The person fields every role dialog shows (name, ID number, phone, gender …), built once.

Member, grid worker, volunteer and mediator dialogs all edit the same Person, so they share
one set of widgets with the same object names; the rules behind them live in db.people.
An existing person's ID number and phone open masked, with "Show full numbers" beside them
(desktop.common.reveal); values() then hands back the stored numbers, never the mask.

The order is the paper form's: name, ID number, phone first (a dialog may put its own main
fields right after them, see `details`), then gender and birth date, which a valid 18-digit
ID number fills in, saying so beside them; what the person then changes by hand is kept.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

from db.disclosure import reveal_person_numbers
from db.people import PersonFields
from db.validation import FieldError, IdNumberInfo, check_id_number, normalize_id_number
from db.vocab import GENDERS
from desktop.common.fields import CodeCombo, DateEdit, IdChoiceCombo, id_number_edit, phone_edit
from desktop.common.record_dialog import RecordDialog
from desktop.common.reveal import RevealButton

NOTE_STYLE = "color: #7f8c8d; font-size: 11px;"


def id_number_facts(text: str) -> IdNumberInfo | None:
    """Birth date and gender from a whole, valid 18-digit ID number; None for anything else
    (a number still being typed, a wrong check digit, a masked copy)."""
    if len(normalize_id_number(text)) != 18:
        return None
    try:
        return check_id_number(text)
    except FieldError:
        return None


class PersonForm:
    """Adds the person fields to dialog pages; values() / load() convert to PersonFields.

    `person_id` is the stored person the dialog shows (None for a new record): with it, load()
    shows the numbers masked and the reveal button asks db.disclosure for them.
    With details=False only name, ID number and phone are added to `page`; the dialog adds
    its own fields and then calls add_details() (on the same page or another column).
    """

    def __init__(self, dialog: RecordDialog, page: QFormLayout, grids: list[tuple[int | None, str]] | None = None,
                 *, phone_required: bool = False, with_address: bool = True, person_id: int | None = None,
                 details: bool = True) -> None:
        self.dialog = dialog
        self.person_id = person_id
        self._grids = grids
        self._with_address = with_address
        add = dialog.add_field
        self.name_edit = add(page, "name", QCoreApplication.translate("PersonForm", "Name"), QLineEdit(),
                             required=True)
        self.id_number_edit = add(page, "id_number", QCoreApplication.translate("PersonForm", "ID number"),
                                  id_number_edit())
        self.phone_edit = add(page, "phone", QCoreApplication.translate("PersonForm", "Phone"), phone_edit(),
                              required=phone_required)
        self.reveal_button = RevealButton(dialog, self.id_number_edit, self.phone_edit)
        page.addRow("", self.reveal_button)
        self.address_edit: QLineEdit | None = None
        self.grid_combo: IdChoiceCombo | None = None
        if details:
            self.add_details(page)

    def add_details(self, page: QFormLayout) -> None:
        """Gender and birth date (filled from the ID number), ethnicity, address and grid."""
        zh = self.dialog.ctx.is_chinese
        add = self.dialog.add_field
        filled = QCoreApplication.translate("PersonForm", "Filled in from the ID number")
        self.gender_note = self._note("gender_auto_note", filled)
        self.birth_date_note = self._note("birth_date_auto_note", filled)
        self.gender_combo = add(page, "gender", QCoreApplication.translate("PersonForm", "Gender"),
                                CodeCombo(GENDERS, zh, allow_blank=True), beside=self.gender_note)
        self.birth_date_edit = add(page, "birth_date", QCoreApplication.translate("PersonForm", "Birth date"),
                                   DateEdit(), beside=self.birth_date_note)
        self.ethnicity_edit = add(page, "ethnicity", QCoreApplication.translate("PersonForm", "Ethnicity"),
                                  QLineEdit("汉族"))
        if self._with_address:
            self.address_edit = add(page, "address", QCoreApplication.translate("PersonForm", "Home address"),
                                    QLineEdit())
        if self._grids is not None:
            self.grid_combo = add(page, "grid_id", QCoreApplication.translate("PersonForm", "Grid"),
                                  IdChoiceCombo([(None, ""), *self._grids]))
        self.id_number_edit.textEdited.connect(self.on_id_number_edit_text_edited)
        self.birth_date_edit.textEdited.connect(lambda _text: self.birth_date_note.hide())
        self.gender_combo.activated.connect(lambda _row: self.gender_note.hide())

    @staticmethod
    def _note(name: str, text: str) -> QLabel:
        """The grey "filled in from the ID number" beside a field. It is also the field's state:
        shown while the value is the number's, hidden once the person changes it by hand."""
        note = QLabel(text)
        note.setObjectName(name)
        note.setStyleSheet(NOTE_STYLE)
        note.hide()
        return note

    def on_id_number_edit_text_edited(self, text: str) -> None:
        """Fill gender and birth date from a valid number: those that are empty or were filled
        from the number before (a value typed by hand stays, and the save then says if it does
        not match). While the number is not whole, values it filled are cleared again."""
        facts = id_number_facts(text)
        if not self.birth_date_note.isHidden() or not self.birth_date_edit.text():
            self.birth_date_edit.set_value(facts.birth_date if facts else None)
            self.birth_date_note.setVisible(facts is not None)
        if not self.gender_note.isHidden() or self.gender_combo.code() is None:
            self.gender_combo.set_code(facts.gender if facts else None)
            self.gender_note.setVisible(facts is not None)

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
