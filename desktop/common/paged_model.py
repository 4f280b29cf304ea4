"""A table model that holds only row ids and fetches the rows it shows a page at a time.

Why: a register can hold 100,000 members. The query for the current filter returns just the
ids in order (cheap), the view asks for the rows it paints, and those are loaded in pages of
`page_size` and cached. Sorting is delegated back to the tab, which re-queries in SQL.
Modelled on Anki's browser table model (ids + row cache).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

log = logging.getLogger(__name__)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


LONG_TEXT = 8  # characters: a longer cell may be cut in the middle, so its tooltip holds it whole


@dataclass(frozen=True)
class Column:
    """A column: translated header (context + source text), how to show a row, its SQL sort key."""

    key: str
    header: str  # English source text; translated in the "columns" context
    text: Callable[[Any], str]
    sort_key: str | None = None
    align_right: bool = False
    width: int = 100
    tooltip: Callable[[Any], str] | None = None


class PagedTableModel(QAbstractTableModel):
    sort_requested = Signal(str, bool)  # sort key, descending

    def __init__(self, columns: Sequence[Column], fetch_rows: Callable[[Sequence[int]], list[Any]],
                 page_size: int = 80, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._fetch_rows = fetch_rows
        self._page_size = page_size
        self._ids: list[int] = []
        self._cache: dict[int, Any] = {}
        self._failed = False
        self.row_style: Callable[[Any], Any] | None = None  # optional: row -> QColor for flagged rows

    # --- content -----------------------------------------------------------------------
    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        self.endResetModel()

    def append_ids(self, ids: list[int]) -> None:
        """Add rows after the ones listed (the rest of a result shown first in part)."""
        if not ids:
            return
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
        self._ids.extend(ids)
        self.endInsertRows()

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Show other columns (a tab with two views of its register)."""
        self.beginResetModel()
        self.columns = list(columns)
        self._ids = []
        self._cache.clear()
        self.endResetModel()

    def invalidate(self) -> None:
        """Forget cached rows (after an edit) without changing which rows are listed."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    @property
    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of_id(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def row_at(self, row: int) -> Any:
        record_id = self._ids[row]
        if record_id not in self._cache:
            page = row // self._page_size
            chunk = self._ids[page * self._page_size:(page + 1) * self._page_size]
            try:
                rows = self._fetch_rows(chunk)
            except Exception:  # a failing page must not take the window down with it
                if not self._failed:
                    log.exception("could not load rows %s..%s", chunk[:1], chunk[-1:])
                self._failed = True
                for i in chunk:
                    self._cache[i] = None
                return None
            for r in rows:
                self._cache[r.id] = r
        return self._cache.get(record_id)

    # --- Qt model API ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("columns", self.columns[section].header)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.row_style(row) if self.row_style else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip:
                return column.tooltip(row)
            text = column.text(row)  # a long text may be elided on screen: the whole of it
            return text if len(text) > LONG_TEXT else None
        return column.text(row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key
        if key:
            self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)
