"""The resident dialog: the person's details, and where and how they live (household, relation
to its head, 常住/流动, 户籍地, 政治面貌) with their care tags (关爱对象)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget
from sqlalchemy.orm import Session

from db.care_tags import tag_rows
from db.choices import grid_choices
from db.housing import household_choices
from db.models import Resident
from db.residents import ResidentInput, load_resident_input, save_resident
from db.vocab import POLITICAL_STATUSES, RELATIONS, RESIDENCE_KINDS
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, IdChoiceCombo, notes_edit
from desktop.common.person_form import PersonForm
from desktop.common.record_dialog import RecordDialog


class ResidentDialog(RecordDialog):
    record_table = "residents"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None,
                 household_id: int | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New resident") if record_id is None else self.tr("Edit resident"))
        zh = ctx.is_chinese
        with ctx.db.session() as s:
            grids = grid_choices(s)
            households = household_choices(s)
            tags = [t for t in tag_rows(s) if t.active]
            person_id = s.get_one(Resident, record_id).person_id if record_id is not None else None

        page = self.add_page(self.tr("Personal details"))
        self.person = PersonForm(self, page, grids, person_id=person_id)
        page = self.add_page(self.tr("Household"))
        self.household_combo = self.add_field(page, "household_id", self.tr("Household"),
                                              IdChoiceCombo([(None, self.tr("(not in a household yet)")), *households]))
        self.household_combo.set_value(household_id)
        self.relation_combo = self.add_field(page, "relation", self.tr("Relation to the head"),
                                             CodeCombo(RELATIONS, zh), required=True)
        self.residence_combo = self.add_field(page, "residence", self.tr("Permanent or floating"),
                                              CodeCombo(RESIDENCE_KINDS, zh))
        self.hukou_edit = self.add_field(page, "hukou_place", self.tr("Place of household registration"),
                                         QLineEdit())
        self.political_combo = self.add_field(page, "political_status", self.tr("Political status"),
                                              CodeCombo(POLITICAL_STATUSES, zh))
        self.political_combo.set_code("masses")
        self.tag_list = self.add_field(page, "tag_ids", self.tr("Care tags"), QListWidget())
        self.tag_list.setMaximumHeight(130)
        for tag in tags:
            text = tag.name + (self.tr(" (sensitive)") if tag.sensitive else "")
            item = QListWidgetItem(text, self.tag_list)
            item.setData(Qt.ItemDataRole.UserRole, tag.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.notes_edit = self.add_field(page, "notes", self.tr("Notes"), notes_edit())

        self.add_person_roles(person_id, "resident")
        self.resize(560, 560)
        self.load_record()
        self.person.name_edit.setFocus()

    def checked_tags(self) -> list[int]:
        items = (self.tag_list.item(i) for i in range(self.tag_list.count()))
        return [it.data(Qt.ItemDataRole.UserRole) for it in items if it.checkState() == Qt.CheckState.Checked]

    def set_checked_tags(self, tag_ids: list[int]) -> None:
        for i in range(self.tag_list.count()):
            item = self.tag_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in tag_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        data = load_resident_input(session, self.record_id)
        self.person.load(data.person)
        self.household_combo.set_value(data.household_id)
        self.relation_combo.set_code(data.relation)
        self.residence_combo.set_code(data.residence)
        self.hukou_edit.setText(data.hukou_place)
        self.political_combo.set_code(data.political_status)
        self.set_checked_tags(data.tag_ids)
        self.notes_edit.setPlainText(data.notes)

    def values(self) -> ResidentInput:
        return ResidentInput(
            person=self.person.values(), household_id=self.household_combo.value(),
            relation=self.relation_combo.code(), residence=self.residence_combo.code(),
            hukou_place=self.hukou_edit.text(), political_status=self.political_combo.code(),
            notes=self.notes_edit.toPlainText(), tag_ids=self.checked_tags(),
        )

    def save(self, session: Session) -> int:
        return save_resident(session, self.values(), self.record_id).id
