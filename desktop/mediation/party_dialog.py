"""One party to a case (申请人/被申请人), edited in memory until the case is saved.

A party already stored with the case opens with its ID number and phone masked; "Show full
numbers" logs the reveal (db.disclosure) and shows the numbers the case holds.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QWidget
from sqlalchemy.orm import Session

from db.disclosure import FullNumbers, reveal_party_numbers
from db.mediation import PartyInput, clean_party
from db.validation import ValidationErrors
from db.vocab import GENDERS, PARTY_ROLES
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, DateEdit, id_number_edit, phone_edit
from desktop.common.record_dialog import RecordDialog
from desktop.common.reveal import RevealButton


class PartyDialog(RecordDialog):
    """Checks the party with the case rules (so messages match) but writes nothing.

    `party_id` is the stored party these values came from (None for a party added in this
    case dialog, or one whose numbers were already revealed there): with it the numbers open
    masked.
    """

    def __init__(self, ctx: AppContext, party: PartyInput, parent: QWidget | None = None,
                 party_id: int | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.party_id = party_id
        self.setWindowTitle(self.tr("Party"))
        zh = ctx.is_chinese
        page = self.add_page(self.tr("Party"))
        self.role_combo = self.add_field(page, "role", self.tr("Role"), CodeCombo(PARTY_ROLES, zh), required=True)
        self.name_edit = self.add_field(page, "name", self.tr("Name"), QLineEdit(), required=True)
        self.gender_combo = self.add_field(page, "gender", self.tr("Gender"), CodeCombo(GENDERS, zh, allow_blank=True))
        self.ethnicity_edit = self.add_field(page, "ethnicity", self.tr("Ethnicity"), QLineEdit())
        self.id_number_edit = self.add_field(page, "id_number", self.tr("ID number"), id_number_edit())
        self.birth_date_edit = self.add_field(page, "birth_date", self.tr("Birth date"), DateEdit())
        self.occupation_edit = self.add_field(page, "occupation", self.tr("Occupation"), QLineEdit())
        self.phone_edit = self.add_field(page, "phone", self.tr("Phone"), phone_edit())
        self.address_edit = self.add_field(page, "address", self.tr("Address or employer"), QLineEdit())
        self.reveal_button = RevealButton(self, self.id_number_edit, self.phone_edit)
        page.insertRow(page.rowCount() - 1, "", self.reveal_button)
        self.role_combo.set_code(party.role)
        self.name_edit.setText(party.name)
        self.gender_combo.set_code(party.gender)
        self.ethnicity_edit.setText(party.ethnicity)
        self.id_number_edit.set_number(party.id_number, party_id is not None)
        self.birth_date_edit.set_value(party.birth_date)
        self.occupation_edit.setText(party.occupation)
        self.phone_edit.set_number(party.phone, party_id is not None)
        self.address_edit.setText(party.address)
        self.party = party
        self.reveal_button.arm(None if party_id is None else self._fetch_numbers)
        self.resize(440, 420)
        self.load_record()
        self.name_edit.setFocus()

    def _fetch_numbers(self, session: Session) -> FullNumbers:
        """Log the reveal of the stored party, but show the numbers this case holds in memory."""
        assert self.party_id is not None
        reveal_party_numbers(session, self.party_id)
        return FullNumbers(self.party.id_number, self.party.phone)

    @property
    def numbers_revealed(self) -> bool:
        return self.party_id is not None and not (self.id_number_edit.is_masked() or self.phone_edit.is_masked())

    def values(self) -> PartyInput:
        return PartyInput(self.role_combo.code(), self.name_edit.text(), self.gender_combo.code(),
                          self.ethnicity_edit.text(), self.birth_date_edit.value(), self.id_number_edit.value(),
                          self.occupation_edit.text(), self.phone_edit.value(), self.address_edit.text())

    def accept(self) -> None:
        """Check the party with the same rules as the case save; nothing is written here."""
        if self.read_only:
            return
        party = self.values()
        try:
            clean_party(party)
        except ValidationErrors as exc:
            self.show_errors(list(exc.errors))
            return
        self.party = party
        QDialog.accept(self)

    def save(self, session: Session) -> int:  # pragma: no cover - accept() is overridden
        return 0
