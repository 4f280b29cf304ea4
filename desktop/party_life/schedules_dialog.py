"""The meeting schedules (会议安排): which kind of meeting is due how often, and for whom.

Each line says: this kind of meeting, for all branches / all party groups / the community
committee / one organisation, so many times a month, quarter or year, and whether it counts.
These are local rules (DOMAIN.md §1), so the office edits them; the figures and the home page
count missing meetings from them. The table is saved whole (db.party_life.schedules).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from db.members import org_tree
from db.party_life.schedules import MAX_TIMES, ScheduleInput, save_schedules, schedule_rows
from db.validation import ValidationErrors
from db.vocab import MEETING_KINDS, SCHEDULE_PERIODS
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo
from desktop.common.record_dialog import ERROR_STYLE

COL_KIND, COL_APPLIES, COL_PERIOD, COL_TIMES, COL_ACTIVE = range(5)


class SchedulesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("schedules_dialog")
        self.setWindowTitle(self.tr("Meeting schedules"))
        with ctx.db.session() as s:
            self._orgs = [(o.id, o.name) for o in org_tree(s)]
            rows = schedule_rows(s)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("schedules_table")
        self.table.setHorizontalHeaderLabels([self.tr("Meeting kind"), self.tr("Applies to"), self.tr("Period"),
                                              self.tr("Times per period"), self.tr("Counts")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in ((COL_KIND, 150), (COL_APPLIES, 170), (COL_PERIOD, 90), (COL_TIMES, 110)):
            self.table.setColumnWidth(col, width)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("rows_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a line"), self)
        self.add_button.setObjectName("add_line_button")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_line(ScheduleInput(kind=MEETING_KINDS.codes[0])))
        self.remove_button = QPushButton(self.tr("Remove the line"), self)
        self.remove_button.setObjectName("remove_line_button")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.on_remove_button_clicked)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        bar.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.save_button.setObjectName("save_button")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Which meetings each organisation owes, e.g. a branch committee meeting every month "
                              "and a party lecture every quarter. Missing meetings are counted from these lines."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        for r in rows:
            self.add_line(ScheduleInput(r.kind, r.org_kind, r.org_id, r.period, r.times, r.active))
        self.resize(700, 460)

    def add_line(self, line: ScheduleInput) -> None:
        zh = self.ctx.is_chinese
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = CodeCombo(MEETING_KINDS, zh)
        kind.set_code(line.kind)
        applies = QComboBox()
        applies.setObjectName("applies_combo")
        applies.addItem(self.tr("All branches"), "kind:branch")
        applies.addItem(self.tr("All party groups"), "kind:group")
        applies.addItem(self.tr("The community committee"), "kind:committee")
        for org_id, name in self._orgs:
            applies.addItem(name, f"org:{org_id}")
        target = f"org:{line.org_id}" if line.org_id is not None else f"kind:{line.org_kind}"
        applies.setCurrentIndex(max(applies.findData(target), 0))
        period = CodeCombo(SCHEDULE_PERIODS, zh)
        period.set_code(line.period)
        times = QSpinBox()
        times.setRange(1, MAX_TIMES)
        times.setValue(line.times)
        active = QCheckBox()
        active.setChecked(line.active)
        for col, widget in ((COL_KIND, kind), (COL_APPLIES, applies), (COL_PERIOD, period), (COL_TIMES, times),
                            (COL_ACTIVE, active)):
            self.table.setCellWidget(row, col, widget)
        self.table.setCurrentCell(row, 0)

    def on_remove_button_clicked(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    def lines(self) -> list[ScheduleInput]:
        out = []
        for row in range(self.table.rowCount()):
            kind: CodeCombo = self.table.cellWidget(row, COL_KIND)  # type: ignore[assignment]
            applies: QComboBox = self.table.cellWidget(row, COL_APPLIES)  # type: ignore[assignment]
            period: CodeCombo = self.table.cellWidget(row, COL_PERIOD)  # type: ignore[assignment]
            times: QSpinBox = self.table.cellWidget(row, COL_TIMES)  # type: ignore[assignment]
            active: QCheckBox = self.table.cellWidget(row, COL_ACTIVE)  # type: ignore[assignment]
            what, _, value = str(applies.currentData()).partition(":")
            org_kind, org_id = (value, None) if what == "kind" else ("branch", int(value))
            out.append(ScheduleInput(kind.code(), org_kind, org_id, period.code(), times.value(),
                                     active.isChecked()))
        return out

    def accept(self) -> None:
        self.error_label.hide()
        try:
            with self.ctx.db.session() as s, s.begin():
                save_schedules(s, self.lines())
        except ValidationErrors as exc:
            self.error_label.setText("\n".join(e.message for e in exc.errors))
            self.error_label.show()
            return
        except Exception as exc:  # a refusal (permissions) or a database failure keeps the table as typed
            QMessageBox.warning(self, self.windowTitle(), str(exc)[:300])
            return
        super().accept()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        """Enter in a cell widget does not save by accident; Ctrl+Enter or the Save button does."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            return
        super().keyPressEvent(event)
