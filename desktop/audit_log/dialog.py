"""The audit-log window (操作日志): browse and filter who changed what, read-only; export to Excel.

Administrators only (db.permissions "audit"). The menu hides it from other roles; if it is
opened anyway, it shows the refusal from db/ and closes instead of listing anything.
Open it with `AuditLogDialog(ctx, parent).exec()`; pass register and record_id to show one
record's history.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.audit import ACTION_LABELS, REGISTER_LABELS
from db.audit_log import (
    EXTRA_REGISTER_LABELS,
    AuditFilter,
    AuditRow,
    audit_ids,
    audit_rows,
    export_audit_log,
    register_label,
    registers_present,
    usernames,
)
from db.permissions import PermissionDenied, allowed, require
from desktop.audit_log.model import AuditLogModel
from desktop.common.context import AppContext
from desktop.common.fields import DateEdit
from desktop.common.formatting import format_date
from desktop.common.job import BackgroundJob

TYPING_PAUSE_MS = 250
CELL_PADDING = 16  # a cell's margins on both sides, with room to spare
HEADER_PADDING = 28  # the header's margins and its sort arrow


class AuditLogDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, register: str | None = None,
                 record_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.job: BackgroundJob | None = None
        self.denied = ""
        self._refused = False
        try:
            require(ctx.db.actor, "audit")
        except PermissionDenied as exc:
            self.denied = str(exc)
        self.setObjectName("audit_log")
        self.setWindowTitle(self.tr("Audit log"))
        self._build()
        if self.denied:
            return
        self._load_choices(register)
        self.refresh()

    # --- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.user_combo = self._combo("user_combo")
        self.from_edit = DateEdit(self)
        self.from_edit.setObjectName("from_edit")
        self.to_edit = DateEdit(self)
        self.to_edit.setObjectName("to_edit")
        self.register_combo = self._combo("register_combo")
        self.action_combo = self._combo("action_combo")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setPlaceholderText(self.tr("Search the summary"))
        self.search_edit.setClearButtonEnabled(True)
        self._typing_timer = QTimer(self)
        self._typing_timer.setSingleShot(True)
        self._typing_timer.setInterval(TYPING_PAUSE_MS)
        self._typing_timer.timeout.connect(self.refresh)
        for edit in (self.from_edit, self.to_edit, self.search_edit):
            edit.textChanged.connect(self._typing_timer.start)
        filters = QHBoxLayout()
        for text, widget in ((self.tr("User"), self.user_combo), (self.tr("From"), self.from_edit),
                             (self.tr("To"), self.to_edit), (self.tr("Register"), self.register_combo),
                             (self.tr("Action"), self.action_combo)):
            filters.addWidget(QLabel(text, self))
            filters.addWidget(widget)
        filters.addWidget(self.search_edit, 1)

        self.record_label = QLabel(self)
        self.record_label.setObjectName("record_label")
        self.all_records_button = QPushButton(self.tr("Show all records"), self)
        self.all_records_button.setObjectName("all_records_button")
        self.all_records_button.clicked.connect(self.on_all_records_button_clicked)
        record_row = QHBoxLayout()
        record_row.addWidget(self.record_label)
        record_row.addWidget(self.all_records_button)
        record_row.addStretch(1)
        self._show_record_filter()

        self.model = AuditLogModel(self._fetch_rows, self.ctx.is_chinese, parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)  # always newest first
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, column in enumerate(self.model.columns):
            self.table.setColumnWidth(i, column.width)
        # The words these columns hold are known: the column fits the longest (打印完整号码).
        self._fit_column("action", ACTION_LABELS.values())
        self._fit_column("register", [*REGISTER_LABELS.values(), *EXTRA_REGISTER_LABELS.values()])
        self.table.selectionModel().selectionChanged.connect(lambda _selected, _deselected: self.show_details())

        self.details = QPlainTextEdit(self)
        self.details.setObjectName("details")
        self.details.setReadOnly(True)
        self.details.setFixedHeight(130)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("export_progress")
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.setObjectName("export_button")
        self.export_button.clicked.connect(self.on_export_button_clicked)
        self.export_button.setVisible(allowed(self.ctx.db.actor, "audit"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.export_button)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(record_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(bottom)
        self.resize(1100, 640)

    def _fit_column(self, key: str, texts: Iterable[str]) -> None:
        section = next(i for i, column in enumerate(self.model.columns) if column.key == key)
        header = str(self.model.headerData(section, Qt.Orientation.Horizontal))
        cell = max(self.table.fontMetrics().horizontalAdvance(t) for t in texts)
        heading = self.table.horizontalHeader().fontMetrics().horizontalAdvance(header)
        self.table.setColumnWidth(section, max(self.model.columns[section].width, cell + CELL_PADDING,
                                               heading + HEADER_PADDING))

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setMinimumContentsLength(6)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def _load_choices(self, register: str | None) -> None:
        with self.ctx.db.session() as s:
            names, registers = usernames(s), registers_present(s)
        if register and register not in registers:
            registers.append(register)
        for combo in (self.user_combo, self.register_combo, self.action_combo):
            combo.blockSignals(True)
            combo.addItem(self.tr("All"), None)
        for name in names:
            self.user_combo.addItem(name, name)
        for table in registers:
            self.register_combo.addItem(register_label(table), table)
        for action, label in ACTION_LABELS.items():
            self.action_combo.addItem(label, action)
        self.register_combo.setCurrentIndex(max(self.register_combo.findData(register), 0))
        for combo in (self.user_combo, self.register_combo, self.action_combo):
            combo.blockSignals(False)
            combo.currentIndexChanged.connect(self.refresh)

    def _show_record_filter(self) -> None:
        shown = self.record_id is not None
        self.record_label.setText(self.tr("Only record #%1").replace("%1", str(self.record_id)) if shown else "")
        self.record_label.setVisible(shown)
        self.all_records_button.setVisible(shown)

    # --- refusing a role that may not read the log ----------------------------------------
    def exec(self) -> int:
        if self.denied:
            self._refuse()
            return QDialog.DialogCode.Rejected.value
        return super().exec()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.denied:
            QTimer.singleShot(0, self._refuse)

    def _refuse(self) -> None:
        if not self.denied or self._refused:
            return
        self._refused = True
        QMessageBox.warning(self.parentWidget(), self.tr("Audit log"), self.denied)
        self.reject()

    # --- behaviour --------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        return AuditFilter(username=self.user_combo.currentData(), date_from=self.from_edit.date_or_none(),
                           date_to=self.to_edit.date_or_none(), register=self.register_combo.currentData(),
                           record_id=self.record_id, text=self.search_edit.text(),
                           action=self.action_combo.currentData())

    def _fetch_rows(self, ids: Any) -> list[AuditRow]:
        with self.ctx.db.session() as s:
            return audit_rows(s, ids)

    def refresh(self) -> None:
        """Re-run the query for the filters shown; the details box follows the selection."""
        self._typing_timer.stop()
        if self.denied:
            return
        with self.ctx.db.session() as s:
            ids = audit_ids(s, self.current_filter())
        self.model.set_ids(ids)
        self.count_label.setText(self.tr("%n entries", "", len(ids)))
        self.show_details()

    def selected_row(self) -> AuditRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def show_details(self) -> None:
        row = self.selected_row()
        if row is None:
            self.details.clear()
            return
        head = [f"{format_date(row.at, self.ctx.is_chinese)} {row.at:%H:%M:%S}  {row.username}（{row.computer}）",
                f"{row.action}  {row.register}{'' if row.record_id is None else f' #{row.record_id}'}  {row.summary}"]
        self.details.setPlainText("\n".join([*head, "", *row.detail_lines]))

    def on_all_records_button_clicked(self) -> None:
        self.record_id = None
        self._show_record_filter()
        self.refresh()

    def on_export_button_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"), "操作日志.xlsx",
                                              self.tr("Excel workbooks (*.xlsx)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, out: Path) -> BackgroundJob:
        """Export what the filters list, off the UI thread, in one transaction with its own log entry."""
        db, chosen = self.ctx.db, self.current_filter()

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            with db.session() as s, s.begin():
                return export_audit_log(s, chosen, out, progress=progress, cancelled=cancelled)

        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first chunk reports
        self.progress.show()
        self.job = BackgroundJob(work)
        self.job.progress.connect(self.on_job_progress)
        self.job.finished.connect(lambda count: self.on_job_done(
            self.tr("%1 entries exported to %2").replace("%1", str(count)).replace("%2", out.name)))
        self.job.failed.connect(self.on_job_failed)
        self.job.cancelled.connect(lambda: self.on_job_done(self.tr("Export cancelled")))
        self.job.start()
        return self.job

    def on_job_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def on_job_done(self, message: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.job = None
        self.refresh()  # the export is itself an entry
        self.count_label.setText(message)

    def on_job_failed(self, message: str) -> None:
        self.on_job_done(self.tr("Export failed"))
        QMessageBox.warning(self, self.tr("Export to Excel"), message)

    def reject(self) -> None:
        """Closing while an export runs stops it; nothing is written and nothing logged."""
        if self.job is not None and self.job.is_running():
            self.job.cancel()
        super().reject()
