"""The office's list of care tags (关爱对象类别): add one, rename one, mark it sensitive, set how
often its households are due a visit, or switch it off.

A tag is never deleted here: residents keep the tags they carry, so an old tag is switched off
(在用 unticked) and leaves the lists and the filter. The lines are saved together
(db.care_tags.save_care_tags): one bad line writes nothing, and its problem shows under the table.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.care_tags import MAX_VISIT_MONTHS, TagLine, may_see_sensitive, save_care_tags, tag_rows
from db.validation import ValidationErrors
from desktop.common.context import AppContext
from desktop.common.record_dialog import ERROR_STYLE

COL_NAME, COL_SENSITIVE, COL_MONTHS, COL_ACTIVE, COL_RESIDENTS = range(5)


class CareTagsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("care_tags_dialog")
        self.setWindowTitle(self.tr("Care tags"))
        with ctx.db.session() as s:
            rows = tag_rows(s, include_inactive=True)
            self._may_mark_sensitive = may_see_sensitive(s)
        self._ids: list[int | None] = []
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("care_tags_table")
        self.table.setHorizontalHeaderLabels([self.tr("Care tag"), self.tr("Sensitive"),
                                              self.tr("Visit every (months)"), self.tr("In use"),
                                              self.tr("Residents")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in ((COL_NAME, 170), (COL_SENSITIVE, 60), (COL_MONTHS, 140), (COL_ACTIVE, 60)):
            self.table.setColumnWidth(col, width)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("rows_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.add_button = QPushButton(self.tr("Add a tag"), self)
        self.add_button.setObjectName("add_line_button")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.on_add_button_clicked)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.save_button.setObjectName("save_button")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Sensitive tags (e.g. 低保户) are shown only to accounts allowed to see them, and are "
                              "left out of prints and exports unless asked for. A household with a resident "
                              "carrying a tag is due a visit every so many months (0: no rule). A tag no longer "
                              "used is switched off: the residents keep it."), self)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        for r in rows:
            self.add_line(TagLine(r.name, r.sensitive, r.visit_months, r.active, r.id), r.residents)
        self.resize(620, 420)

    def add_line(self, line: TagLine, residents: int = 0) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._ids.append(line.tag_id)
        name = QLineEdit(line.name)
        name.setMaxLength(30)
        name.setObjectName("tag_name_edit")
        sensitive = QCheckBox()
        sensitive.setChecked(line.sensitive)
        sensitive.setEnabled(self._may_mark_sensitive)
        months = QSpinBox()
        months.setRange(0, MAX_VISIT_MONTHS)
        months.setSpecialValueText(self.tr("no rule"))
        months.setValue(int(line.visit_months or 0))
        active = QCheckBox()
        active.setChecked(line.active)
        for col, widget in ((COL_NAME, name), (COL_SENSITIVE, sensitive), (COL_MONTHS, months),
                            (COL_ACTIVE, active)):
            self.table.setCellWidget(row, col, widget)
        count = QTableWidgetItem(str(residents))
        count.setFlags(Qt.ItemFlag.ItemIsEnabled)
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, COL_RESIDENTS, count)

    def on_add_button_clicked(self) -> None:
        self.add_line(TagLine(""))
        self.table.setCurrentCell(self.table.rowCount() - 1, COL_NAME)
        name: QLineEdit = self.table.cellWidget(self.table.rowCount() - 1, COL_NAME)  # type: ignore[assignment]
        name.setFocus()

    def lines(self) -> list[TagLine]:
        out = []
        for row, tag_id in enumerate(self._ids):
            name: QLineEdit = self.table.cellWidget(row, COL_NAME)  # type: ignore[assignment]
            sensitive: QCheckBox = self.table.cellWidget(row, COL_SENSITIVE)  # type: ignore[assignment]
            months: QSpinBox = self.table.cellWidget(row, COL_MONTHS)  # type: ignore[assignment]
            active: QCheckBox = self.table.cellWidget(row, COL_ACTIVE)  # type: ignore[assignment]
            if tag_id is None and not name.text().strip():
                continue  # a line added and left empty
            out.append(TagLine(name.text(), sensitive.isChecked(), months.value(), active.isChecked(), tag_id))
        return out

    def accept(self) -> None:
        self.error_label.hide()
        try:
            with self.ctx.db.session() as s, s.begin():
                save_care_tags(s, self.lines())
        except ValidationErrors as exc:
            self.error_label.setText("\n".join(e.message for e in exc.errors))
            self.error_label.show()
            return
        except Exception as exc:  # a refusal (permissions) or a database failure keeps the table as typed
            QMessageBox.warning(self, self.windowTitle(), str(exc)[:300])
            return
        super().accept()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        """Enter in a tag's name does not save by accident; the Save button does."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            return
        super().keyPressEvent(event)
