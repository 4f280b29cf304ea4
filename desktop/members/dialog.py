"""The party member dialog: the member form, more details, party life, and the person's other roles.

The first page holds what every record needs in the order of the paper form (姓名, 身份证号,
联系电话, 所在支部, 党员类型, 入党时间, 转正时间, 人员类别, then 状态); gender and birth date
beside them are filled from the ID number. Enter saves from any one-line field.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget
from sqlalchemy.orm import Session

from db.choices import grid_choices
from db.members import MemberInput, load_member_input, org_tree, save_member
from db.models import PartyMember
from db.vocab import EDUCATION_LEVELS, MEMBER_CATEGORIES, MEMBER_STATUSES, MEMBER_TYPES
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, DateEdit, IdChoiceCombo, notes_edit
from desktop.common.person_form import PersonForm
from desktop.common.record_dialog import RecordDialog


class MemberDialog(RecordDialog):
    record_table = "party_members"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New party member") if record_id is None else self.tr("Edit party member"))
        zh = ctx.is_chinese
        with ctx.db.session() as s:
            orgs = [(o.id, o.name, o.depth) for o in org_tree(s) if o.kind != "committee"]
            grids = grid_choices(s)
            person_id = s.get_one(PartyMember, record_id).person_id if record_id is not None else None

        # Page one is the paper form: what every record needs down the left, in the order a
        # clerk copies it (Tab follows it), the person's other details on the right.
        left, right = self.add_columns_page(self.tr("Member details"))
        self.person = PersonForm(self, left, grids, person_id=person_id, details=False)
        self.name_edit, self.id_number_edit, self.phone_edit = (
            self.person.name_edit, self.person.id_number_edit, self.person.phone_edit)
        self.org_combo = self.add_field(left, "org_id", self.tr("Branch / party group"),
                                        IdChoiceCombo(orgs), required=True)
        self.member_type_combo = self.add_field(left, "member_type", self.tr("Member type"),
                                                CodeCombo(MEMBER_TYPES, zh), required=True)
        self.admitted_on_edit = self.add_field(left, "admitted_on", self.tr("Admitted on"), DateEdit(), required=True)
        self.full_on_edit = self.add_field(left, "full_on", self.tr("Made full member on"), DateEdit())
        self.category_combo = self.add_field(left, "category", self.tr("Category"),
                                             CodeCombo(MEMBER_CATEGORIES, zh), required=True)
        self.status_combo = self.add_field(left, "status", self.tr("Status"), CodeCombo(MEMBER_STATUSES, zh))

        self.person.add_details(right)
        education = QComboBox()
        education.setEditable(True)
        education.addItems(["", *EDUCATION_LEVELS])
        self.education_combo = self.add_field(right, "education", self.tr("Education"), education)
        self.native_place_edit = self.add_field(right, "native_place", self.tr("Native place"), QLineEdit())
        self.employer_edit = self.add_field(right, "employer", self.tr("Employer and post"), QLineEdit())
        self.notes_edit = self.add_field(right, "notes", self.tr("Notes"), notes_edit())

        page = self.add_page(self.tr("More details"))
        extension = QSpinBox()
        extension.setRange(0, 12)
        extension.setSuffix(self.tr(" months"))
        self.extension_spin = self.add_field(page, "probation_extended_months", self.tr("Probation extended"),
                                             extension)
        self.category_since_edit = self.add_field(page, "category_since", self.tr("Category since"), DateEdit())
        self.transferred_in_edit = self.add_field(page, "transferred_in_on", self.tr("Transferred in on"),
                                                  DateEdit())
        self.reported_check = self.add_field(page, "reported", self.tr("In-service member reported to community"),
                                             QCheckBox())
        self.reported_on_edit = self.add_field(page, "reported_on", self.tr("Reported on"), DateEdit())
        self.reported_employer_edit = self.add_field(page, "reported_employer", self.tr("Reporting employer"),
                                                     QLineEdit())

        if record_id is not None:
            self.add_party_life_page(record_id)
        self.add_person_roles(person_id, "member")
        self.resize(self.sizeHint().expandedTo(QSize(760, 0)))
        self.load_record()
        self.name_edit.setFocus()

    def add_columns_page(self, title: str) -> tuple[QFormLayout, QFormLayout]:
        """A page of two columns of labelled fields; Tab walks the left one, then the right."""
        page = QWidget(self.tabs)
        columns = QHBoxLayout(page)
        forms = (QFormLayout(), QFormLayout())
        for form in forms:
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            columns.addLayout(form, 1)
        self.tabs.addTab(page, title)
        return forms

    def add_party_life_page(self, member_id: int) -> None:
        """What the member's party life looks like (read-only): the last 12 months' meetings and this
        year's points, so a branch secretary sees it where they look the member up."""
        from datetime import date, timedelta

        from db.party_life.figures import member_figures
        from db.party_life.points import member_total

        today = date.today()
        with self.ctx.db.session() as s:
            f = member_figures(s, member_id, today - timedelta(days=365), today)
            points = member_total(s, member_id, today.year)
        page = self.add_page(self.tr("Party life"))
        text = QLabel(self.tr("Last 12 months: invited to %1 meeting(s) — present %2, on leave %3, absent %4.")
                      .replace("%1", str(f.invited)).replace("%2", str(f.present)).replace("%3", str(f.leave))
                      .replace("%4", str(f.absent)) + "\n"
                      + self.tr("Points in %1: %2").replace("%1", str(today.year)).replace("%2", f"{points:g}"))
        text.setObjectName("party_life_summary")
        text.setWordWrap(True)
        page.addRow(text)

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        data = load_member_input(session, self.record_id)
        self.person.load(data.person)
        self.education_combo.setCurrentText(data.education)
        self.native_place_edit.setText(data.native_place)
        self.org_combo.set_value(data.org_id)
        self.member_type_combo.set_code(data.member_type)
        self.admitted_on_edit.set_value(data.admitted_on)
        self.full_on_edit.set_value(data.full_on)
        self.extension_spin.setValue(data.probation_extended_months)
        self.category_combo.set_code(data.category)
        self.category_since_edit.set_value(data.category_since)
        self.employer_edit.setText(data.employer)
        self.transferred_in_edit.set_value(data.transferred_in_on)
        self.reported_check.setChecked(data.reported)
        self.reported_on_edit.set_value(data.reported_on)
        self.reported_employer_edit.setText(data.reported_employer)
        self.status_combo.set_code(data.status)
        self.notes_edit.setPlainText(data.notes)

    def values(self) -> MemberInput:
        return MemberInput(
            person=self.person.values(),
            org_id=self.org_combo.value(), member_type=self.member_type_combo.code(),
            admitted_on=self.admitted_on_edit.value(), full_on=self.full_on_edit.value(),
            probation_extended_months=self.extension_spin.value(),
            education=self.education_combo.currentText(), native_place=self.native_place_edit.text(),
            employer=self.employer_edit.text(), category=self.category_combo.code(),
            category_since=self.category_since_edit.value(), transferred_in_on=self.transferred_in_edit.value(),
            reported=self.reported_check.isChecked(), reported_on=self.reported_on_edit.value(),
            reported_employer=self.reported_employer_edit.text(), status=self.status_combo.code(),
            notes=self.notes_edit.toPlainText(),
        )

    def save(self, session: Session) -> int:
        return save_member(session, self.values(), self.record_id).id
