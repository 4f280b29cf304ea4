"""One party to a case (申请人/被申请人), edited in memory until the case is saved."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QWidget
from sqlalchemy.orm import Session

from db.mediation import PartyInput, clean_party
from db.validation import ValidationErrors
from db.vocab import GENDERS, PARTY_ROLES
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, DateEdit, id_number_edit, phone_edit
from desktop.common.record_dialog import RecordDialog


class PartyDialog(RecordDialog):
    """Checks the party with the case rules (so messages match) but writes nothing."""

    def __init__(self, ctx: AppContext, party: PartyInput, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
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
        self.role_combo.set_code(party.role)
        self.name_edit.setText(party.name)
        self.gender_combo.set_code(party.gender)
        self.ethnicity_edit.setText(party.ethnicity)
        self.id_number_edit.setText(party.id_number)
        self.birth_date_edit.set_value(party.birth_date)
        self.occupation_edit.setText(party.occupation)
        self.phone_edit.setText(party.phone)
        self.address_edit.setText(party.address)
        self.party = party
        self.resize(440, 420)
        self.name_edit.setFocus()

    def values(self) -> PartyInput:
        return PartyInput(self.role_combo.code(), self.name_edit.text(), self.gender_combo.code(),
                          self.ethnicity_edit.text(), self.birth_date_edit.value(), self.id_number_edit.text(),
                          self.occupation_edit.text(), self.phone_edit.text(), self.address_edit.text())

    def accept(self) -> None:
        """Check the party with the same rules as the case save; nothing is written here."""
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
