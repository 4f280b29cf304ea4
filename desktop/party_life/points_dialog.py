"""Points (党员积分) in the window: the yearly standing, a member's ledger, points added by hand,
the rules editor and the ranking's public notice (公示).

The standing is read in one SQL query (db.party_life.points.standing) and listed through the
paged model, so a community of 100,000 members opens as fast as a short one paints. Adding
and deleting lines needs "edit" (the buttons are hidden otherwise, and db/ checks again); the
rules are an office setting, shown read-only to everyone but administrators.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.models import PartyMember
from db.office import get_setting
from db.party_life.points import (
    PointRuleRow,
    add_manual_entry,
    branch_choices,
    branch_standing,
    delete_entry,
    ledger,
    manual_rules,
    point_rules,
    save_point_rules,
    standing,
)
from db.permissions import allowed
from db.validation import FieldError
from desktop.common.buttons import named_button
from desktop.common.context import AppContext
from desktop.common.fields import DateEdit, IdChoiceCombo
from desktop.common.formatting import format_hours as format_points
from desktop.common.paged_model import Column, PagedTableModel
from desktop.common.record_dialog import RecordDialog
from desktop.printing.job import PdfJob
from desktop.printing.notice import Notice

EDITABLE_NOTICE_ROWS = 300  # a ranking this long is shown in the notice dialog's table box to adjust
LONG_NOTICE_ROWS = 1500  # asked about first: about 100 pages

STANDING_COLUMNS = [
    Column("rank", QT_TRANSLATE_NOOP("columns", "Rank"), lambda r: str(r.rank), align_right=True, width=50),
    Column("name", QT_TRANSLATE_NOOP("columns", "Name"), lambda r: r.name, width=110),
    Column("org", QT_TRANSLATE_NOOP("columns", "Branch"), lambda r: r.org_name, width=130),
    Column("base", QT_TRANSLATE_NOOP("columns", "Base"), lambda r: format_points(r.base), align_right=True, width=60),
    Column("earned", QT_TRANSLATE_NOOP("columns", "Earned"),
           lambda r: format_points(r.earned), align_right=True, width=60),
    Column("deducted", QT_TRANSLATE_NOOP("columns", "Deducted"),
           lambda r: format_points(r.deducted), align_right=True, width=70),
    Column("total", QT_TRANSLATE_NOOP("columns", "Total"),
           lambda r: format_points(r.total), align_right=True, width=60),
]
BRANCH_COLUMNS = [
    Column("org", QT_TRANSLATE_NOOP("columns", "Branch"), lambda r: r.org_name, width=130),
    Column("members", QT_TRANSLATE_NOOP("columns", "Members"), lambda r: str(r.members), align_right=True, width=60),
    Column("average", QT_TRANSLATE_NOOP("columns", "Average"),
           lambda r: "—" if r.average is None else format_points(r.average), align_right=True,
           width=60),
    Column("total", QT_TRANSLATE_NOOP("columns", "Total"),
           lambda r: format_points(r.total), align_right=True, width=60),
]
LEDGER_COLUMNS = [
    Column("on", QT_TRANSLATE_NOOP("columns", "Date"), lambda r: r.on.isoformat(), width=90),
    Column("rule", QT_TRANSLATE_NOOP("columns", "Item"), lambda r: r.rule_label, width=140),
    Column("points", QT_TRANSLATE_NOOP("columns", "Points"),
           lambda r: format_points(r.points), align_right=True, width=60),
    Column("reason", QT_TRANSLATE_NOOP("columns", "Reason"), lambda r: r.reason, width=220),
    Column("by", QT_TRANSLATE_NOOP("columns", "Entered by"), lambda r: r.entered_by, width=90),
]


def ranking_notice(session: Session, year: int, org_id: int | None = None, today: date | None = None) -> Notice:
    """The ranking as a public notice: rank, name, branch and total only (no numbers to mask)."""
    rows = standing(session, year, org_id)
    issuer = get_setting(session, "party_committee")
    phone = get_setting(session, "office_phone")
    body = (f"根据党员积分管理有关规定，现将{year}年度党员积分情况予以公示。公示期为五个工作日，"
            f"如有异议，请向{issuer}反映。" + (f"\n联系电话：{phone}" if phone else ""))
    return Notice(kind="public", issuer=issuer, title=f"关于{year}年度党员积分情况的公示", addressee="", body=body,
                  issued_on=today or date.today(), table_headers=["名次", "姓名", "所在支部", "积分"],
                  table_rows=[[str(r.rank), r.name, r.org_name, format_points(r.total)] for r in rows])


def _table(parent: QWidget, name: str, model: PagedTableModel, columns: list[Column]) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    for i, col in enumerate(columns):
        view.setColumnWidth(i, col.width)
    return view


class PointsDialog(QDialog):
    """The yearly standing (per member and per branch) with the selected member's ledger below."""

    editable_notice_rows = EDITABLE_NOTICE_ROWS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("points_dialog")
        self.setWindowTitle(self.tr("Party members' points"))
        self._standing: dict[int, Any] = {}
        self._branches: dict[int, Any] = {}
        self._ledger: dict[int, Any] = {}
        self.notice_job: PdfJob | None = None

        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("year_spin")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(date.today().year)
        self.branch_combo = IdChoiceCombo(parent=self)
        self.branch_combo.setObjectName("branch_combo")
        with ctx.db.session() as s:
            self.branch_combo.set_items([(None, self.tr("All branches")), *branch_choices(s)])
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year"), self))
        top.addWidget(self.year_spin)
        top.addWidget(QLabel(self.tr("Branch"), self))
        top.addWidget(self.branch_combo)
        top.addStretch(1)
        self.rules_button = named_button(self, "rules_button", self.tr("Point rules…"), self.on_rules_button_clicked,
                                         top)
        self.print_button = named_button(self, "print_button", self.tr("Print ranking notice"),
                                         self.on_print_button_clicked, top)

        self.standing_model = PagedTableModel(STANDING_COLUMNS, lambda ids: [self._standing[i] for i in ids],
                                              parent=self)
        self.standing_table = _table(self, "standing_table", self.standing_model, STANDING_COLUMNS)
        self.branch_model = PagedTableModel(BRANCH_COLUMNS, lambda ids: [self._branches[i] for i in ids], parent=self)
        self.branch_table = _table(self, "branch_table", self.branch_model, BRANCH_COLUMNS)
        self.ledger_model = PagedTableModel(LEDGER_COLUMNS, lambda ids: [self._ledger[i] for i in ids], parent=self)
        self.ledger_table = _table(self, "ledger_table", self.ledger_model, LEDGER_COLUMNS)
        self.ledger_label = QLabel(self.tr("Select a member to see the year's points."), self)
        self.ledger_label.setObjectName("ledger_label")

        tables = QHBoxLayout()
        tables.addWidget(self.standing_table, 3)
        tables.addWidget(self.branch_table, 2)
        ledger_bar = QHBoxLayout()
        ledger_bar.addWidget(self.ledger_label, 1)
        self.add_button = named_button(self, "add_points_button", self.tr("Add points…"),
                                       self.on_add_points_button_clicked, ledger_bar)
        self.delete_button = named_button(self, "delete_entry_button", self.tr("Delete line"),
                                          self.on_delete_entry_button_clicked, ledger_bar)
        can_edit = allowed(ctx.db.actor, "edit")
        self.add_button.setVisible(can_edit)
        self.delete_button.setVisible(can_edit)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tables, 3)
        layout.addLayout(ledger_bar)
        layout.addWidget(self.ledger_table, 2)
        layout.addWidget(close)

        self.year_spin.valueChanged.connect(lambda _: self.reload())
        self.branch_combo.currentIndexChanged.connect(lambda _: self.reload(branches_too=False))
        self.standing_table.selectionModel().selectionChanged.connect(lambda *_: self.reload_ledger())
        self.resize(900, 640)
        self.reload()

    # --- data -----------------------------------------------------------------------------
    def year(self) -> int:
        return self.year_spin.value()

    def reload(self, branches_too: bool = True) -> None:
        """Read the standing again; the per-branch table only when the year or the points changed."""
        selected = self.current_member_id()
        org_id = self.branch_combo.value()
        with self.ctx.db.session() as s:
            rows = standing(s, self.year(), org_id)
            if branches_too:
                branches = branch_standing(s, self.year(), rows if org_id is None else None)
                self._branches = {b.org_id: b for b in branches}
                self.branch_model.set_ids([b.org_id for b in branches])
        self._standing = {r.member_id: r for r in rows}
        self.standing_model.set_ids([r.member_id for r in rows])
        if selected is not None and (row := self.standing_model.row_of_id(selected)) is not None:
            self.standing_table.selectRow(row)
        self.reload_ledger()

    def current_member_id(self) -> int | None:
        rows = self.standing_table.selectionModel().selectedRows()
        return self.standing_model.id_at(rows[0].row()) if rows else None

    def select_member(self, member_id: int) -> None:
        row = self.standing_model.row_of_id(member_id)
        if row is not None:
            self.standing_table.selectRow(row)

    def reload_ledger(self) -> None:
        member_id = self.current_member_id()
        if member_id is None:
            self._ledger = {}
            self.ledger_label.setText(self.tr("Select a member to see the year's points."))
        else:
            with self.ctx.db.session() as s:
                self._ledger = {x.id: x for x in ledger(s, member_id, self.year())}
            row = self._standing[member_id]
            self.ledger_label.setText(self.tr("%1: base %2, total %3").replace("%1", row.name)
                                      .replace("%2", format_points(row.base)).replace("%3", format_points(row.total)))
        self.ledger_model.set_ids(list(self._ledger))

    # --- actions --------------------------------------------------------------------------
    def on_add_points_button_clicked(self) -> None:
        member_id = self.current_member_id()
        if member_id is None or not allowed(self.ctx.db.actor, "edit"):
            return
        dialog = AddPointsDialog(self.ctx, member_id, self)
        if dialog.exec():
            self.reload()

    def on_delete_entry_button_clicked(self) -> None:
        rows = self.ledger_table.selectionModel().selectedRows()
        if not rows or not allowed(self.ctx.db.actor, "edit"):
            return
        line = self._ledger[self.ledger_model.id_at(rows[0].row())]
        if line.automatic:
            QMessageBox.information(self, self.tr("Delete line"),
                                    self.tr("Points from attendance change with the meeting's attendance."))
            return
        answer = QMessageBox.question(self, self.tr("Delete line"),
                                      self.tr("Delete %1 points for “%2”?").replace("%1", format_points(line.points))
                                      .replace("%2", line.reason),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.ctx.db.session() as s, s.begin():
                delete_entry(s, line.id)
        except FieldError as exc:
            QMessageBox.warning(self, self.tr("Delete line"), str(exc))
        self.reload()

    def on_rules_button_clicked(self) -> None:
        if PointRulesDialog(self.ctx, self).exec():
            self.reload()

    def ranking_notice(self) -> Notice:
        with self.ctx.db.session() as s:
            return ranking_notice(s, self.year(), self.branch_combo.value())

    def on_print_button_clicked(self) -> None:
        self.print_ranking_notice()

    def print_ranking_notice(self, on_ready: Any = None, edit: bool = True) -> PdfJob | None:
        """Print the ranking as a 公示; staff who may edit first see it in the notice dialog to adjust.

        The notice dialog's table box holds a branch's ranking; a longer one (the notice dialog
        takes 20,000 characters of table) is left out of the box and attached as it is.
        """
        from dataclasses import replace

        from desktop.printing.actions import print_notice
        from desktop.printing.print_dialogs import NoticeDialog

        notice = self.ranking_notice()
        rows = len(notice.table_rows)
        if rows > LONG_NOTICE_ROWS:
            answer = QMessageBox.question(
                self, self.tr("Print ranking notice"),
                self.tr("The notice lists %1 members (about %2 pages). Choose a branch to print a shorter one. "
                        "Print all?").replace("%1", str(rows)).replace("%2", str(rows // 15 + 1)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        if edit and allowed(self.ctx.db.actor, "edit"):
            dialog = NoticeDialog(self.ctx, self)
            dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("public"))
            dialog.issuer_edit.setText(notice.issuer)
            dialog.title_edit.setText(notice.title)
            dialog.body_edit.setPlainText(notice.body)
            attach = rows > self.editable_notice_rows
            if attach:
                dialog.table_edit.setPlaceholderText(self.tr("The ranking (%1 members) is attached as printed.")
                                                     .replace("%1", str(rows)))
            else:
                dialog.table_edit.setPlainText("\n".join(",".join(row) for row in [notice.table_headers,
                                                                                  *notice.table_rows]))
            dialog.mark_clean()
            if not dialog.exec() or dialog.notice is None:
                return None
            edited = dialog.notice
            if attach and not edited.table_headers:
                edited = replace(edited, table_headers=notice.table_headers, table_rows=notice.table_rows)
            notice = edited
        self.notice_job = print_notice(self, notice, on_ready)
        return self.notice_job


class AddPointsDialog(RecordDialog):
    """One line by hand for one member: training (within its range), an article, or other."""

    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.member_id = member_id
        self.setWindowTitle(self.tr("Add points"))
        with ctx.db.session() as s:
            member = s.get(PartyMember, member_id)
            name = member.person.name if member is not None else ""
            self.rules = {r.code: r for r in manual_rules(s)}
        page = self.add_page(self.tr("Points"))
        self.add_field(page, "member_id", self.tr("Member"), QLabel(name))
        self.rule_combo = QComboBox()
        for rule in self.rules.values():
            self.rule_combo.addItem(f"{rule.label}（{self._range(rule)}）" if rule.code != "other" else rule.label,
                                    rule.code)
        self.add_field(page, "rule_code", self.tr("Item"), self.rule_combo, required=True)
        self.points_edit = self.add_field(page, "points", self.tr("Points"), QLineEdit(), required=True)
        self.date_edit = self.add_field(page, "on", self.tr("Date"), DateEdit())
        self.date_edit.set_value(date.today())
        self.reason_edit = self.add_field(page, "reason", self.tr("Reason"), QLineEdit(), required=True)
        self.rule_combo.currentIndexChanged.connect(lambda _: self.on_rule_combo_changed())
        self.on_rule_combo_changed()
        self.resize(400, self.sizeHint().height())
        self.load_record()

    @staticmethod
    def _range(rule: PointRuleRow) -> str:
        if rule.max_points is not None:
            return f"{format_points(rule.points)}–{format_points(rule.max_points)}分"
        return f"{format_points(rule.points)}分"

    def on_rule_combo_changed(self) -> None:
        rule = self.rules.get(self.rule_combo.currentData())
        self.points_edit.setText("" if rule is None or rule.code == "other" else format_points(rule.points))

    def save(self, session: Session) -> int:
        entry = add_manual_entry(session, self.member_id, self.rule_combo.currentData(), self.points_edit.text(),
                                 self.date_edit.value(), self.reason_edit.text())
        return entry.id


RULE_LABEL, RULE_POINTS, RULE_MAX = range(3)


class PointRulesDialog(RecordDialog):
    """The points scheme as a table; administrators change it, others read it."""

    edit_action = "settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.setWindowTitle(self.tr("Point rules"))
        self.tabs.hide()
        with ctx.db.session() as s:
            self.rows = point_rules(s)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("rules_table")
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Points"), self.tr("Up to (a range)")])
        self.table.horizontalHeader().setSectionResizeMode(RULE_LABEL, QHeaderView.ResizeMode.Stretch)
        self.codes: list[str] = []
        for rule in self.rows:
            self._append(rule)
        self.layout().insertWidget(1, self.table, 1)
        bar = QHBoxLayout()
        self.add_rule_button = QPushButton(self.tr("Add rule"), self)
        self.add_rule_button.setObjectName("add_rule_button")
        self.add_rule_button.clicked.connect(lambda: self._append(PointRuleRow("", "", 0)))
        self.remove_rule_button = QPushButton(self.tr("Remove rule"), self)
        self.remove_rule_button.setObjectName("remove_rule_button")
        self.remove_rule_button.clicked.connect(self.on_remove_rule_button_clicked)
        bar.addWidget(self.add_rule_button)
        bar.addWidget(self.remove_rule_button)
        bar.addStretch(1)
        self.layout().insertLayout(2, bar)
        note = QLabel(self.tr("Base is given once a year; attended and absent are awarded from each meeting's "
                              "attendance; the floor is the lowest yearly total. Changes apply to new lines."), self)
        note.setWordWrap(True)
        self.layout().insertWidget(3, note)
        self.register_input(self.table)
        self.register_edit_controls(self.add_rule_button, self.remove_rule_button)
        self.resize(560, 420)
        self.load_record()

    def _append(self, rule: PointRuleRow) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.codes.append(rule.code)
        most = "" if rule.max_points is None else format_points(rule.max_points)
        for col, text in ((RULE_LABEL, rule.label), (RULE_POINTS, format_points(rule.points)), (RULE_MAX, most)):
            item = QTableWidgetItem(text)
            if col != RULE_LABEL:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, col, item)

    def on_remove_rule_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            del self.codes[row]

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    def values(self) -> list[PointRuleRow]:
        return [PointRuleRow(self.codes[r], self._text(r, RULE_LABEL), self._text(r, RULE_POINTS),  # type: ignore[arg-type]
                             self._text(r, RULE_MAX) or None, r)  # type: ignore[arg-type]
                for r in range(self.table.rowCount())]

    def extra_state(self) -> Any:
        return [tuple(self._text(r, c) for c in range(3)) for r in range(self.table.rowCount())]

    def save(self, session: Session) -> int:
        save_point_rules(session, self.values())
        return 0

