"""The ledger import dialog (members, grids, mediation, volunteer service).

1. Choose a file; the table is found and its columns matched by their Chinese headers.
2. The mapping is shown and can be corrected (corrections are remembered on this PC).
3. Check: every row validated with the form's rules, nothing written — counts and the rows
   that would not import, with the reasons; values it does not recognise and branches or grids
   it finds only by a near name or not at all are listed to be answered (a choice, an existing
   record, or Create new), and the answers for values are remembered like column mappings.
4. Import: valid rows written in one transaction; the rows not imported can be saved to an
   .xlsx to fix in Excel and import again. Reading and checking run off the UI thread.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
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
from db.importing.pipeline import ImportOptions, Register
from db.importing.read import SUFFIXES, read_rows
from db.importing.registers import LEDGERS, import_ledger
from db.importing.report import allow_unmasked_report, write_error_report
from db.importing.result import ImportResult
from db.permissions import PermissionDenied, allowed
from desktop.common.context import AppContext
from desktop.common.job import BackgroundJob
from desktop.importing.values_panel import ValuesPanel
from desktop.settings import Settings

MAPPING_WIDEST = 200  # pixels: a ledger header longer than this shows whole in the open list and tooltip


def mapping_key(kind: Register) -> str:
    return f"import/{kind.key}_mapping"


def values_key(kind: Register) -> str:
    return f"import/{kind.key}_values"


def _stored_json(settings: Settings, key: str) -> dict:
    try:
        stored = json.loads(settings.value(key) or "{}")
    except (TypeError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def remembered_values(settings: Settings, kind: Register) -> dict[str, dict[str, str]]:
    """The answers this PC's staff gave before for values a ledger writes its own way."""
    return {f: dict(v) for f, v in _stored_json(settings, values_key(kind)).items()
            if isinstance(v, dict) and any(c.field == f for c in kind.columns)}


def remembered_synonyms(settings: Settings, kind: Register) -> dict[str, tuple[str, ...]]:
    """The synonyms, plus the headers this PC's staff mapped by hand before."""
    synonyms = {field: tuple(names) for field, names in kind.synonyms.items()}
    for header, field in _stored_json(settings, mapping_key(kind)).items():
        if field in synonyms:
            synonyms[field] = (header, *synonyms[field])
    return synonyms


class ImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, settings: Settings | None = None,
                 kind: Register = LEDGERS["members"]) -> None:
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
            # As wide as the ledger's longest header, up to a limit; the open list shows them whole.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(6)
            combo.setMaximumWidth(MAPPING_WIDEST)
            combo.currentTextChanged.connect(combo.setToolTip)
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
        self.full_numbers_check = QCheckBox(self.tr("Full ID and phone numbers in the saved rows (logged)"), self)
        self.full_numbers_check.setObjectName("full_numbers_check")
        self.full_numbers_check.setVisible(allowed(ctx.db.actor, "export_unmasked"))
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
        self.values_label = QLabel(self.tr("Values to confirm (choose, then Check again):"), self)
        self.values_panel = ValuesPanel(self)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Columns (corrections are remembered):"), self))
        left.addWidget(mapping_box)
        left.addStretch(1)  # the mapping reads from the top, next to the findings
        right = QVBoxLayout()
        right.addWidget(self.summary_label)
        right.addWidget(self.problems, 2)
        right.addWidget(self.values_label)
        right.addWidget(self.values_panel, 1)
        middle = QHBoxLayout()
        middle.addLayout(left)
        middle.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.update_check)
        layout.addWidget(self.full_numbers_check)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.resize(980, 680)
        self._set_ready(False)
        self._show_values(False)

    def _show_values(self, shown: bool) -> None:
        self.values_label.setVisible(shown)
        self.values_panel.setVisible(shown)

    def _set_ready(self, ready: bool) -> None:
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.report_button.setEnabled(bool(self.result and self.result.problems))

    # --- choosing and mapping ----------------------------------------------------------------
    def on_choose_clicked(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in SUFFIXES)
        name, _ = QFileDialog.getOpenFileName(self, self.kind.title, "",
                                              self.tr("Ledgers (%1)").replace("%1", patterns))
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> BackgroundJob:
        """Read the ledger off the UI thread (a large or HTML one takes seconds); its columns are
        shown once it has been read. (Reading is one call into the reader: it cannot be cancelled
        half-way, only its result ignored.)"""
        self._set_ready(False)
        self.summary_label.setText(self.tr("Reading %1…").replace("%1", path.name))
        self.progress.setMaximum(0)  # busy: the reader says nothing until it is done
        job = BackgroundJob(lambda _progress, _cancelled: read_rows(path))
        job.finished.connect(lambda rows: self.on_file_read(path, rows))
        job.failed.connect(self.on_read_failed)
        self.job = job
        job.start()
        return job

    def on_read_failed(self, message: str) -> None:
        """Said where the findings go (the reader's sentence names the file and what to do)."""
        self.progress.setMaximum(1)
        self.rows, self.layout_found, self.result = [], None, None
        self.summary_label.setText(message)
        self._set_ready(False)

    def on_file_read(self, path: Path, rows: list[list[object]]) -> None:
        self.progress.setMaximum(1)
        self.progress.setValue(0)
        self.rows = rows
        self.file_label.setText(str(path))
        self.path = path
        self.result = None
        self.values_panel.reset()
        self._show_values(False)
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
            combo.setToolTip(combo.currentText())
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
            for i in range(combo.count()):
                combo.setItemData(i, combo.itemText(i), Qt.ItemDataRole.ToolTipRole)
            combo.blockSignals(False)
        if self.layout_found is None:
            self.summary_label.setText(self.tr("No header row with known column names was found in the first rows."))
        else:
            self.summary_label.setText(self.tr("%1 data rows found under the header in row %2.")
                                       .replace("%1", str(len(self.layout_found.data_rows)))
                                       .replace("%2", str(self.layout_found.header_row + 1)))
        self._set_ready(self.layout_found is not None)

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
            stored = _stored_json(self.settings, mapping_key(self.kind))
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
        answered_values, name_map = self.values_panel.answers()
        value_map = remembered_values(self.settings, self.kind)
        for field, pairs in answered_values.items():
            value_map.setdefault(field, {}).update(pairs)
        if not dry_run:
            self.remember_mapping(layout)
            self.remember_values(answered_values)
        rows, db, update, kind = self.rows, self.ctx.db, self.update_check.isChecked(), self.kind
        source = self.path.name

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            with db.session() as s:
                s.begin()
                options = ImportOptions(update_existing=update, value_map=value_map, name_map=name_map,
                                        progress=progress, cancelled=cancelled)
                result = import_ledger(s, kind, rows, layout, source=source, dry_run=dry_run, options=options)
                existing = {r.field: r.existing(s) for r in kind.references}
                if dry_run:
                    s.rollback()
                else:
                    s.commit()
            return result, existing

        self._set_ready(False)
        self.job = BackgroundJob(work)
        self.job.progress.connect(lambda done, total: (self.progress.setMaximum(max(total, 1)),
                                                       self.progress.setValue(done)))
        self.job.finished.connect(lambda done: self.on_done(*done, dry_run=dry_run))
        self.job.failed.connect(self.on_failed)
        self.job.cancelled.connect(self.on_cancelled)
        self.job.start()
        return self.job

    def remember_values(self, answers: dict[str, dict[str, str]]) -> None:
        if answers:
            stored = remembered_values(self.settings, self.kind)
            for field, pairs in answers.items():
                stored.setdefault(field, {}).update(pairs)
            self.settings.set_value(values_key(self.kind), json.dumps(stored, ensure_ascii=False))

    def on_done(self, result: ImportResult, existing: dict[str, dict[str, int]], dry_run: bool) -> None:
        self.result = result
        self.values_panel.show_findings(self.kind, result, existing, remembered_values(self.settings, self.kind))
        self._show_values(self.values_panel.rowCount() > 0)
        self.progress.setValue(self.progress.maximum())
        s = result.summary()
        template = (self.tr("Check: of %4 rows, %1 would be imported, %5 updated; %2 invalid, %3 duplicates.")
                    if dry_run else self.tr("Of %4 rows, %1 imported, %5 updated; %2 invalid, %3 duplicates."))
        text = template
        for key, value in (("%1", s["imported"]), ("%2", s["invalid"]), ("%3", s["duplicates"]), ("%4", s["rows"]),
                           ("%5", s["updated"])):
            text = text.replace(key, str(value))
        if s["unchanged"]:
            text += " " + self.tr("%1 already on record as written.").replace("%1", str(s["unchanged"]))
        if result.created_names:
            text += " " + self.tr("Created: %1").replace("%1", "、".join(result.created_names))
        if self.values_panel.rowCount():
            text += " " + self.tr("%1 values need an answer (below).").replace("%1", str(self.values_panel.rowCount()))
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
        masked = not self.full_numbers_check.isChecked()
        try:
            if not masked:
                with self.ctx.db.session() as s, s.begin():
                    allow_unmasked_report(s, self.path.name, len(self.result.problems))
            write_error_report(out, self.rows, layout, self.result.problems, masked=masked)
        except (OSError, PermissionDenied) as exc:
            QMessageBox.warning(self, self.tr("Import"), str(exc))
