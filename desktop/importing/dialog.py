"""The ledger import dialog (members, grids, mediation, volunteer service).

1. Choose a file; the table is found and its columns matched by their Chinese headers.
2. The mapping is shown and can be corrected (corrections are remembered on this PC).
3. Check: every row validated with the form's rules, nothing written — counts and the rows
   that would not import, with the reasons.
4. Import: valid rows written in one transaction; the rows not imported can be saved to an
   .xlsx to fix in Excel and import again. Reading and checking run off the UI thread.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.importing.layout import Layout, find_layout
from db.importing.members import ImportResult
from db.importing.read import LedgerReadError, read_rows
from db.importing.registers import LEDGERS, LedgerKind, import_ledger
from db.importing.report import write_error_report
from desktop.common.context import AppContext
from desktop.common.job import BackgroundJob
from desktop.settings import Settings


def mapping_key(kind: LedgerKind) -> str:
    return f"import/{kind.key}_mapping"


def remembered_synonyms(settings: Settings, kind: LedgerKind) -> dict[str, tuple[str, ...]]:
    """The synonyms, plus the headers this PC's staff mapped by hand before."""
    synonyms = {field: tuple(names) for field, names in kind.synonyms.items()}
    try:
        extra = json.loads(settings.value(mapping_key(kind)) or "{}")
    except (TypeError, ValueError):
        extra = {}
    for header, field in extra.items():
        if field in synonyms:
            synonyms[field] = (header, *synonyms[field])
    return synonyms


class ImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, settings: Settings | None = None,
                 kind: LedgerKind = LEDGERS["members"]) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.settings = settings or Settings()
        self.setObjectName("import_dialog")
        self.setWindowTitle(self.tr("Import ledger: %1").replace("%1", kind.title))
        self.rows: list[list[object]] = []
        self.layout_found: Layout | None = None
        self.result: ImportResult | None = None
        self.job: BackgroundJob | None = None

        self.file_label = QLabel(self.tr("No file chosen"), self)
        self.file_label.setObjectName("file_label")
        choose = QPushButton(self.tr("Choose file…"), self)
        choose.setObjectName("choose_button")
        choose.clicked.connect(self.on_choose_clicked)
        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)

        self.mapping = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for field in kind.synonyms:
            label = kind.label(field)
            combo = QComboBox(self)
            combo.setObjectName(f"map_{field}")
            self.combos[field] = combo
            self.mapping.addRow(label, combo)
        mapping_box = QWidget(self)
        mapping_box.setLayout(self.mapping)

        self.update_check = QCheckBox(self.tr("Update people already registered (blanks never erase)"), self)
        self.update_check.setObjectName("update_check")
        self.update_check.setVisible(kind.can_update)
        self.check_button = QPushButton(self.tr("Check"), self)
        self.check_button.setObjectName("check_button")
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("import_button")
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        self.report_button = QPushButton(self.tr("Save rows not imported…"), self)
        self.report_button.setObjectName("report_button")
        self.report_button.clicked.connect(self.on_report_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.on_cancel_clicked)
        buttons = QHBoxLayout()
        for b in (self.check_button, self.import_button, self.report_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.problems = QTableWidget(0, 2, self)
        self.problems.setObjectName("problems_table")
        self.problems.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Why it is not imported")])
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.problems.verticalHeader().hide()

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Columns (corrections are remembered):"), self))
        left.addWidget(mapping_box)
        left.addStretch(1)  # the mapping reads from the top, next to the findings
        right = QVBoxLayout()
        right.addWidget(self.summary_label)
        right.addWidget(self.problems, 1)
        middle = QHBoxLayout()
        middle.addLayout(left)
        middle.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.update_check)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.resize(900, 640)
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.report_button.setEnabled(bool(self.result and self.result.problems))

    # --- choosing and mapping ----------------------------------------------------------------
    def on_choose_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.kind.title, "",
                                              self.tr("Ledgers (*.xlsx *.xls *.csv)"))
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> bool:
        try:
            self.rows = read_rows(path)
        except LedgerReadError as exc:
            QMessageBox.warning(self, self.tr("Import"), str(exc))
            return False
        self.file_label.setText(str(path))
        self.path = path
        self.layout_found = find_layout(self.rows, remembered_synonyms(self.settings, self.kind))
        headers = self.layout_found.headers if self.layout_found else []
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not imported)"), -1)
            for i, header in enumerate(headers):
                if header:
                    combo.addItem(header, i)
            chosen = self.layout_found.columns.get(field, -1) if self.layout_found else -1
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)
        if self.layout_found is None:
            self.summary_label.setText(self.tr("No header row with known column names was found in the first rows."))
        else:
            self.summary_label.setText(self.tr("%1 data rows found under the header in row %2.")
                                       .replace("%1", str(len(self.layout_found.data_rows)))
                                       .replace("%2", str(self.layout_found.header_row + 1)))
        self._set_ready(self.layout_found is not None)
        return self.layout_found is not None

    def chosen_layout(self) -> Layout | None:
        if self.layout_found is None:
            return None
        columns = {f: c.currentData() for f, c in self.combos.items() if c.currentData() not in (None, -1)}
        return replace(self.layout_found, columns=columns)

    def remember_mapping(self, layout: Layout) -> None:
        """Headers the person mapped differently from the synonyms are kept for next time."""
        known = {h for names in self.kind.synonyms.values() for h in names}
        extra = {layout.headers[c]: f for f, c in layout.columns.items() if layout.headers[c] not in known}
        if extra:
            try:
                stored = json.loads(self.settings.value(mapping_key(self.kind)) or "{}")
            except (TypeError, ValueError):
                stored = {}
            self.settings.set_value(mapping_key(self.kind), json.dumps(stored | extra, ensure_ascii=False))

    # --- checking and importing --------------------------------------------------------------
    def run(self, dry_run: bool) -> BackgroundJob | None:
        layout = self.chosen_layout()
        if layout is None:
            return None
        missing = [self.kind.label(f) for f in self.kind.required if f not in layout.columns]
        if missing:
            QMessageBox.warning(self, self.tr("Import"), self.tr("Choose the column for: %1").replace(
                "%1", "、".join(missing)))
            return None
        if not dry_run:
            self.remember_mapping(layout)
        rows, db, update, kind = self.rows, self.ctx.db, self.update_check.isChecked(), self.kind
        source = self.path.name

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            with db.session() as s:
                s.begin()
                result = import_ledger(s, kind, rows, layout, source=source, dry_run=dry_run, update_existing=update,
                                       progress=progress, cancelled=cancelled)
                if dry_run:
                    s.rollback()
                else:
                    s.commit()
            return result

        self._set_ready(False)
        self.job = BackgroundJob(work)
        self.job.progress.connect(lambda done, total: (self.progress.setMaximum(max(total, 1)),
                                                       self.progress.setValue(done)))
        self.job.finished.connect(lambda result: self.on_done(result, dry_run))
        self.job.failed.connect(self.on_failed)
        self.job.cancelled.connect(self.on_cancelled)
        self.job.start()
        return self.job

    def on_done(self, result: ImportResult, dry_run: bool) -> None:
        self.result = result
        self.progress.setValue(self.progress.maximum())
        s = result.summary()
        template = (self.tr("Check: of %4 rows, %1 would be imported, %5 updated; %2 invalid, %3 duplicates.")
                    if dry_run else self.tr("Of %4 rows, %1 imported, %5 updated; %2 invalid, %3 duplicates."))
        text = template
        for key, value in (("%1", s["imported"]), ("%2", s["invalid"]), ("%3", s["duplicates"]), ("%4", s["rows"]),
                           ("%5", s["updated"])):
            text = text.replace(key, str(value))
        if result.created_branches:
            text += " " + self.tr("New branches: %1").replace("%1", "、".join(result.created_branches))
        self.summary_label.setText(text)
        self.problems.setRowCount(len(result.problems))
        for i, problem in enumerate(sorted(result.problems, key=lambda p: p.row_number)):
            self.problems.setItem(i, 0, QTableWidgetItem(str(problem.row_number)))
            self.problems.setItem(i, 1, QTableWidgetItem("；".join(problem.reasons)))
        self._set_ready(True)
        if not dry_run:
            self.import_button.setEnabled(False)

    def on_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Import"), self.tr("Nothing was imported: %1").replace("%1", message))
        self._set_ready(True)

    def on_cancelled(self) -> None:
        self.summary_label.setText(self.tr("Cancelled; nothing was written."))
        self._set_ready(True)

    def on_cancel_clicked(self) -> None:
        if self.job is not None and self.job.is_running():
            self.job.cancel()
        else:
            self.reject()

    def on_report_clicked(self) -> None:
        layout = self.chosen_layout()
        if self.result is None or layout is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Rows not imported"),
                                              str(self.path.with_name(self.path.stem + "-未导入.xlsx")),
                                              self.tr("Excel workbooks (*.xlsx)"))
        if name:
            self.save_report(Path(name))

    def save_report(self, out: Path) -> None:
        layout = self.chosen_layout()
        assert self.result is not None and layout is not None
        try:
            write_error_report(out, self.rows, layout, self.result.problems)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Import"), str(exc))
