"""Branch star rating (五星支部) in the window: the year's score sheet as one table (branches ×
indicators, totals and ★), the indicators and thresholds editors, and each branch's history.

Scores are typed straight into the sheet's cells by staff who may edit and saved together in
one transaction; a wrong cell gets its message below the table and keeps what was typed. The
thresholds are an office setting, changed by administrators only (db/ checks it again).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.party_life.ratings import (
    IndicatorRow,
    branch_ratings,
    example_indicators,
    indicators,
    rating_history,
    rating_thresholds,
    save_indicators,
    save_rating_thresholds,
    save_scores,
    score_sheet,
)
from db.permissions import allowed
from db.validation import FieldError, ValidationErrors
from desktop.common.buttons import named_button
from desktop.common.context import AppContext
from desktop.common.formatting import format_hours as format_score
from desktop.common.record_dialog import ERROR_STYLE, RecordDialog, ask_discard

ERROR_BRUSH = QBrush(QColor("#f5c6c0"))


class _NotSaved(Exception):
    """Raised inside the transaction to roll back a sheet with wrong cells."""


def stars_text(stars: int, scored: bool = True) -> str:
    """★★★☆☆ for three stars; a dash for a branch not scored yet."""
    return "★" * stars + "☆" * (5 - stars) if scored else "—"


def _item(text: str, editable: bool = False, right: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class RatingsDialog(QDialog):
    """The year's sheet: one row per branch, one column per indicator, then total, out of 100 and stars."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ratings_dialog")
        self.setWindowTitle(self.tr("Branch star ratings"))
        self.can_edit = allowed(ctx.db.actor, "edit")
        self.sheet: list[IndicatorRow] = []
        self.branches: list[tuple[int, str]] = []
        self._loaded: list[list[str]] = []
        self._loading = False

        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("year_spin")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(date.today().year)
        self._year = self.year_spin.value()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year"), self))
        top.addWidget(self.year_spin)
        top.addStretch(1)
        self.indicators_button = named_button(self, "indicators_button", self.tr("Indicators…"),
                                              self.on_indicators_button_clicked, top)
        self.thresholds_button = named_button(self, "thresholds_button", self.tr("Star thresholds…"),
                                              self.on_thresholds_button_clicked, top)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("empty_label")
        self.empty_label.setWordWrap(True)
        self.sheet_table = QTableWidget(self)
        self.sheet_table.setObjectName("sheet_table")
        self.sheet_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.sheet_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        if not self.can_edit:
            self.sheet_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sheet_table.itemChanged.connect(self.on_sheet_table_item_changed)
        self.sheet_table.currentCellChanged.connect(lambda row, *_: self.show_history(row))
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.history_label = QLabel(self.tr("History"), self)
        self.history_label.setObjectName("history_label")
        self.history_table = QTableWidget(0, 3, self)
        self.history_table.setObjectName("history_table")
        self.history_table.setHorizontalHeaderLabels([self.tr("Year"), self.tr("Total"), self.tr("Stars")])
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        self.history_table.setMaximumHeight(160)
        bottom = QHBoxLayout()
        self.save_button = named_button(self, "save_button", self.tr("Save scores"), self.on_save_button_clicked,
                                        bottom)
        self.save_button.setVisible(self.can_edit)
        bottom.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.sheet_table, 3)
        layout.addWidget(self.error_label)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history_table, 1)
        layout.addLayout(bottom)
        self.year_spin.valueChanged.connect(self.on_year_spin_changed)
        self.resize(900, 600)
        self.reload()

    # --- the sheet ------------------------------------------------------------------------
    def year(self) -> int:
        return self.year_spin.value()

    def reload(self) -> None:
        from db.party_life.points import branch_choices

        with self.ctx.db.session() as s:
            self.sheet = indicators(s, self.year())
            self.branches = branch_choices(s)
            scores = score_sheet(s, self.year())
            ratings = {r.org_id: r for r in branch_ratings(s, self.year())}
        self._loading = True
        table = self.sheet_table
        table.clear()
        n = len(self.sheet)
        table.setColumnCount(n + 3)
        table.setRowCount(len(self.branches))
        headers = [f"{r.name}（{format_score(r.max_score)}）" for r in self.sheet]
        table.setHorizontalHeaderLabels([*headers, self.tr("Total"), self.tr("Out of 100"), self.tr("Stars")])
        table.setVerticalHeaderLabels([name for _, name in self.branches])
        for row, (org_id, _) in enumerate(self.branches):
            for col, indicator in enumerate(self.sheet):
                value = scores.get(org_id, {}).get(indicator.id or 0)
                table.setItem(row, col, _item("" if value is None else format_score(value), editable=self.can_edit))
            self._show_total(row, ratings[org_id].stars if org_id in ratings else 0, org_id in scores)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._loading = False
        self._loaded = self.typed()
        self.error_label.hide()
        if not self.sheet:
            self.empty_label.setText(self.tr("There is no score sheet for %1 yet: set up its indicators "
                                             "(copy last year's or start from the example).")
                                     .replace("%1", str(self.year())))
        self.empty_label.setVisible(not self.sheet)
        self.save_button.setEnabled(bool(self.sheet))
        self.show_history(table.currentRow())

    def typed(self) -> list[list[str]]:
        """What the score cells hold now, row by row."""
        out = []
        for row in range(self.sheet_table.rowCount()):
            out.append([(self.sheet_table.item(row, col).text() if self.sheet_table.item(row, col) else "")
                        for col in range(len(self.sheet))])
        return out

    def has_unsaved_changes(self) -> bool:
        return self.can_edit and self.typed() != self._loaded

    def _show_total(self, row: int, stars: int | None = None, scored: bool | None = None) -> None:
        """Total, out of 100 and stars of one row, from what its cells hold (typed or stored)."""
        from db.party_life.ratings import scaled, stars_for

        total, bad, any_score = 0.0, False, False
        for col in range(len(self.sheet)):
            item = self.sheet_table.item(row, col)
            text = item.text().strip() if item is not None else ""
            if not text:
                continue
            any_score = True
            try:
                total += float(text)
            except ValueError:
                bad = True
        most = sum(r.max_score for r in self.sheet)
        out_of_100 = scaled(total, most)
        if stars is None:
            stars = stars_for(out_of_100, self._thresholds())
        scored = any_score if scored is None else scored
        n = len(self.sheet)
        was = self._loading
        self._loading = True
        self.sheet_table.setItem(row, n, _item("?" if bad else format_score(round(total, 2))))
        shown = "" if out_of_100 is None or bad else format_score(round(out_of_100, 1))
        self.sheet_table.setItem(row, n + 1, _item(shown))
        self.sheet_table.setItem(row, n + 2, _item(stars_text(stars, scored and not bad), right=False))
        self._loading = was

    def _thresholds(self) -> list[float]:
        with self.ctx.db.session() as s:
            return rating_thresholds(s)

    def on_sheet_table_item_changed(self, item: QTableWidgetItem) -> None:
        if not self._loading and item.column() < len(self.sheet):
            self._show_total(item.row())

    def show_history(self, row: int) -> None:
        self.history_table.setRowCount(0)
        if not 0 <= row < len(self.branches):
            self.history_label.setText(self.tr("History (select a branch)"))
            return
        org_id, name = self.branches[row]
        with self.ctx.db.session() as s:
            history = rating_history(s, org_id)
        self.history_label.setText(self.tr("History of %1").replace("%1", name))
        self.history_table.setRowCount(len(history))
        for i, (year, total, stars) in enumerate(history):
            for col, text in enumerate((str(year), format_score(total), stars_text(stars))):
                self.history_table.setItem(i, col, _item(text, right=col < 2))

    # --- saving ---------------------------------------------------------------------------
    def on_save_button_clicked(self) -> bool:
        """Save every branch's scores in one transaction; True when saved."""
        if not self.can_edit or not self.sheet:
            return False
        for row in range(self.sheet_table.rowCount()):
            for col in range(len(self.sheet)):
                if (item := self.sheet_table.item(row, col)) is not None:
                    item.setBackground(QBrush())
        typed = self.typed()
        problems: list[str] = []
        try:
            with self.ctx.db.session() as s, s.begin():
                for row, (org_id, name) in enumerate(self.branches):
                    values = {ind.id: typed[row][col] for col, ind in enumerate(self.sheet)
                              if ind.id is not None and typed[row][col].strip()}
                    try:
                        save_scores(s, self.year(), org_id, values)
                    except ValidationErrors as exc:
                        for err in exc.errors:
                            problems.append(f"{name}：{err.message}")
                            col = next((c for c, ind in enumerate(self.sheet) if f"score{ind.id}" == err.field), None)
                            if col is not None:
                                self.sheet_table.item(row, col).setBackground(ERROR_BRUSH)
                if problems:
                    raise _NotSaved  # nothing of the sheet is written when a cell is wrong
        except _NotSaved:
            self.error_label.setText("\n".join(problems))
            self.error_label.show()
            return False
        self.reload()
        return True

    def confirm_discard(self) -> bool:
        if not self.has_unsaved_changes():
            return True
        return ask_discard(self, self.tr("Unsaved scores"), self.tr("Discard the scores typed since the last save?"))

    def on_year_spin_changed(self, year: int) -> None:
        if year == self._year:
            return
        if not self.confirm_discard():
            self.year_spin.blockSignals(True)
            self.year_spin.setValue(self._year)
            self.year_spin.blockSignals(False)
            return
        self._year = year
        self.reload()

    def reject(self) -> None:
        if self.confirm_discard():
            super().reject()

    # --- editors --------------------------------------------------------------------------
    def on_indicators_button_clicked(self) -> None:
        if not self.confirm_discard():
            return
        if IndicatorsDialog(self.ctx, self.year(), self).exec():
            self.reload()

    def on_thresholds_button_clicked(self) -> None:
        if ThresholdsDialog(self.ctx, self).exec():
            self.reload()


IND_NAME, IND_MAX = range(2)


class IndicatorsDialog(RecordDialog):
    """A year's indicators: name and full marks; copy last year's or start from the example sheet."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.year = year
        self.setWindowTitle(self.tr("Score sheet %1").replace("%1", str(year)))
        self.tabs.hide()
        self.ids: list[int | None] = []
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("indicators_table")
        self.table.setHorizontalHeaderLabels([self.tr("Indicator"), self.tr("Full marks")])
        self.table.horizontalHeader().setSectionResizeMode(IND_NAME, QHeaderView.ResizeMode.Stretch)
        with ctx.db.session() as s:
            rows = indicators(s, year)
            self.last_year = indicators(s, year - 1)
        for row in rows:
            self._append(row)
        self.layout().insertWidget(1, self.table, 1)
        bar = QHBoxLayout()
        self.add_indicator_button = named_button(self, "add_indicator_button", self.tr("Add indicator"),
                                                 lambda: self._append(IndicatorRow(None, "", 10)), bar)
        self.remove_indicator_button = named_button(self, "remove_indicator_button", self.tr("Remove indicator"),
                                                    self.on_remove_indicator_button_clicked, bar)
        copy_text = self.tr("Copy the %1 sheet").replace("%1", str(year - 1))
        self.copy_button = named_button(self, "copy_button", copy_text, self.on_copy_button_clicked, bar)
        self.example_button = named_button(self, "example_button", self.tr("Use the example sheet"),
                                           self.on_example_button_clicked, bar)
        bar.addStretch(1)
        self.layout().insertLayout(2, bar)
        note = QLabel(self.tr("The example sheet (five indicators of 20) is only a starting point: use the "
                              "indicators your office rates branches on. Removing an indicator removes its scores."),
                      self)
        note.setWordWrap(True)
        self.layout().insertWidget(3, note)
        self.copy_button.setEnabled(bool(self.last_year) and not rows)
        self.example_button.setEnabled(not rows)
        self.register_input(self.table)
        self.register_edit_controls(self.add_indicator_button, self.remove_indicator_button, self.copy_button,
                                    self.example_button)
        self.resize(520, 420)
        self.load_record()

    def _append(self, row: IndicatorRow) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.ids.append(row.id)
        self.table.setItem(r, IND_NAME, QTableWidgetItem(row.name))
        item = QTableWidgetItem(format_score(row.max_score))
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(r, IND_MAX, item)

    def _fill(self, rows: list[IndicatorRow]) -> None:
        self.table.setRowCount(0)
        self.ids = []
        for row in rows:
            self._append(IndicatorRow(None, row.name, row.max_score, row.sort_order))

    def on_copy_button_clicked(self) -> None:
        self._fill(self.last_year)

    def on_example_button_clicked(self) -> None:
        self._fill(example_indicators())

    def on_remove_indicator_button_clicked(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            del self.ids[r]

    def _text(self, r: int, c: int) -> str:
        item = self.table.item(r, c)
        return item.text() if item is not None else ""

    def extra_state(self) -> Any:
        return [(self._text(r, 0), self._text(r, 1)) for r in range(self.table.rowCount())]

    def save(self, session: Session) -> int:
        rows = []
        for r in range(self.table.rowCount()):
            try:
                most = float(self._text(r, IND_MAX))
            except ValueError:
                raise FieldError(f"indicator{r}_max_score", f"第{r + 1}项满分", "应为数字") from None
            rows.append(IndicatorRow(self.ids[r], self._text(r, IND_NAME), most, r))
        save_indicators(session, self.year, rows)
        return 0


class ThresholdsDialog(RecordDialog):
    """The least score out of 100 for five … one star; administrators only."""

    edit_action = "settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.setWindowTitle(self.tr("Star thresholds"))
        with ctx.db.session() as s:
            values = rating_thresholds(s)
        page = self.add_page(self.tr("Thresholds"))
        self.edits: list[QLineEdit] = []
        for i, value in enumerate(values):
            label = self.tr("%1 stars from").replace("%1", str(5 - i))
            self.edits.append(self.add_field(page, f"threshold{i}", label, QLineEdit(format_score(value))))
        self.load_record()

    def save(self, session: Session) -> int:
        save_rating_thresholds(session, [e.text() for e in self.edits])
        return 0
