"""The import dialog's "values to confirm" table: what a check found in the ledger that it
would not guess — choice values it does not recognise, and organisations or grids it found
only by a near name or not at all — each with a drop-down for staff to answer.

Unrecognised values are answered with a choice of the column's vocabulary (or left out, and
their rows are not imported); names with an existing record or "Create new". The answers are
the next check's or import's value and name maps (db.importing.pipeline.ImportOptions).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from db.importing.pipeline import CREATE, Register
from db.importing.result import ImportResult
from db.validation import mask_numbers_in

HEADERS = (
    QT_TRANSLATE_NOOP("ValuesPanel", "Column"),
    QT_TRANSLATE_NOOP("ValuesPanel", "In the ledger"),
    QT_TRANSLATE_NOOP("ValuesPanel", "Rows"),
    QT_TRANSLATE_NOOP("ValuesPanel", "Take it as"),
)
LEAVE_OUT = None  # the rows are not imported


class ValuesPanel(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setObjectName("values_table")
        self.setHorizontalHeaderLabels([QCoreApplication.translate("ValuesPanel", h) for h in HEADERS])
        header = self.horizontalHeader()
        for column in (0, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the ledger's words, often long
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(3, 240)
        self.verticalHeader().hide()
        self.setToolTip(self.tr("Values the check did not recognise, and organisations or grids it did not find "
                                "by their exact name: choose what each one means, then check again."))
        self._keys: list[tuple[str, str, bool]] = []  # (field, ledger value, is a name)

    def reset(self) -> None:
        self.setRowCount(0)
        self._keys = []

    def show_findings(self, register: Register, result: ImportResult, existing: dict[str, dict[str, int]],
                      remembered: dict[str, dict[str, str]]) -> None:
        """List what needs an answer. `existing` holds each name column's records (name → id);
        `remembered` the answers staff gave on this PC before (field → value → code)."""
        previous = {key: self.cellWidget(i, 3).currentData() for i, key in enumerate(self._keys)}
        self.reset()
        for unknown in result.unknown_values:
            choices = register.column(unknown.field).choices
            assert choices is not None
            combo = self._combo([(self.tr("(do not import these rows)"), LEAVE_OUT)]
                                + [(c.zh, c.code) for c in choices])
            key = (unknown.field, unknown.value, False)
            self._select(combo, previous.get(key, remembered.get(unknown.field, {}).get(unknown.value)))
            self._add(key, unknown.label, unknown.value, unknown.rows, combo)
        for finding in result.names:
            records = existing.get(finding.field, {})
            combo = self._combo([(self.tr("(do not import these rows)"), LEAVE_OUT), (self.tr("Create new"), CREATE)]
                                + [(name, record_id) for name, record_id in sorted(records.items())])
            key = (finding.field, finding.value, True)
            proposed = {"near": records.get(finding.matched), "created": CREATE}.get(finding.status)
            self._select(combo, previous.get(key, proposed))
            self._add(key, finding.label, finding.value, finding.rows, combo)

    def _combo(self, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    @staticmethod
    def _select(combo: QComboBox, data: object) -> None:
        index = combo.findData(data) if data is not None else 0
        combo.setCurrentIndex(max(index, 0))

    def _add(self, key: tuple[str, str, bool], label: str, value: str, rows: list[int], combo: QComboBox) -> None:
        row = self.rowCount()
        self.insertRow(row)
        shown = "、".join(map(str, rows[:8])) + ("…" if len(rows) > 8 else "")
        counted = self.tr("%n row(s): %1", "", len(rows)).replace("%1", shown)
        for column, text in enumerate((label, mask_numbers_in(value), counted)):
            self.setItem(row, column, QTableWidgetItem(text))
        combo.setObjectName(f"value_choice_{row}")
        self.setCellWidget(row, 3, combo)
        self._keys.append(key)

    def answers(self) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, int]]]:
        """The value map (field → ledger value → code) and name map (field → name → id or CREATE)."""
        values: dict[str, dict[str, str]] = {}
        names: dict[str, dict[str, int]] = {}
        for row, (field, value, is_name) in enumerate(self._keys):
            data = self.cellWidget(row, 3).currentData()
            if data is None:
                continue
            if is_name:
                names.setdefault(field, {})[value] = int(data)
            else:
                values.setdefault(field, {})[value] = str(data)
        return values, names

    def choose(self, value: str, answer: object) -> None:
        """Answer the ledger value `value` with a code, a record id or CREATE (tests and scripts)."""
        for row, (_field, ledger_value, _is_name) in enumerate(self._keys):
            if ledger_value == value:
                combo = self.cellWidget(row, 3)
                index = combo.findData(answer)
                if index < 0:
                    raise KeyError(answer)
                combo.setCurrentIndex(index)
                return
        raise KeyError(value)
