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

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

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


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ID = int(ID_ROLE)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class _Line:
    """A fetched row and what the view shows of it, worked out once when its page is loaded:
    Qt asks data() for every visible cell and several roles at each paint (1,800 calls for a
    keystroke's page of members), so each answer must be a lookup, not a call into a column's
    text function."""

    __slots__ = ("row", "texts", "colour")

    def __init__(self, row: Any, texts: tuple[str, ...], colour: Any) -> None:
        self.row, self.texts, self.colour = row, texts, colour


class PagedTableModel(QAbstractTableModel):
    sort_requested = Signal(str, bool)  # sort key, descending

    def __init__(self, columns: Sequence[Column], fetch_rows: Callable[[Sequence[int]], list[Any]],
                 page_size: int = 80, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._page_size = page_size
        self._ids: list[int] = []
        self._lines: dict[int, _Line | None] = {}
        self._more: Callable[[int], list[int]] | None = None
        self._failed = False
        self.row_style: Callable[[Any], Any] | None = None  # optional: row -> QColor for flagged rows
        self._set_columns(columns)

    def _set_columns(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self._alignments = [_RIGHT if c.align_right else _LEFT for c in self.columns]
        self._headers = [QCoreApplication.translate("columns", c.header) for c in self.columns]

    # --- content -----------------------------------------------------------------------
    def set_ids(self, ids: list[int], more: Callable[[int], list[int]] | None = None) -> None:
        """List these rows. `more`, when given, lists the rest of a long result a block at a time
        as the view scrolls near the end (Qt's fetchMore): it is called with the number of rows
        listed so far and returns the next ids, fewer than asked (or none) at the end."""
        self.beginResetModel()
        self._ids = ids
        self._more = more
        self._lines.clear()
        self.endResetModel()

    def append_ids(self, ids: list[int]) -> None:
        """Add rows after the ones listed (the rest of a result shown first in part)."""
        if not ids:
            return
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
        self._ids.extend(ids)
        self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return self._more is not None and not parent.isValid()

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        """The view scrolled near the last listed row: list the next block."""
        if self._more is None or parent.isValid():
            return
        more, self._more = self._more, None  # a failing or short block ends the listing
        try:
            ids = more(len(self._ids))
        except Exception:  # a failing query must not take the window down with it
            log.exception("could not list more rows after %s", len(self._ids))
            return
        if ids:
            self._more = more
            self.append_ids(ids)

    @property
    def listing_complete(self) -> bool:
        """False while more rows can still be listed by scrolling (fetchMore)."""
        return self._more is None

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Show other columns (a tab with two views of its register)."""
        self.beginResetModel()
        self._set_columns(columns)
        self._ids = []
        self._more = None
        self._lines.clear()
        self.endResetModel()

    def invalidate(self) -> None:
        """Forget cached rows (after an edit) without changing which rows are listed."""
        self._lines.clear()
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
        line = self._line(row)
        return line.row if line is not None else None

    def _line(self, row: int) -> _Line | None:
        record_id = self._ids[row]
        line = self._lines.get(record_id, False)
        if line is not False:
            return line  # type: ignore[return-value]
        page = row // self._page_size
        chunk = self._ids[page * self._page_size:(page + 1) * self._page_size]
        try:
            rows = self._fetch_rows(chunk)
        except Exception:  # a failing page must not take the window down with it
            if not self._failed:
                log.exception("could not load rows %s..%s", chunk[:1], chunk[-1:])
            self._failed = True
            rows = []
        for i in chunk:
            self._lines[i] = None  # a record gone meanwhile shows as an empty row
        for r in rows:
            self._lines[r.id] = self._make_line(r)
        return self._lines[record_id]

    def _make_line(self, row: Any) -> _Line:
        texts = tuple(column.text(row) for column in self.columns)
        return _Line(row, texts, self.row_style(row) if self.row_style else None)

    # --- Qt model API ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return str(section + 1)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        """Answered from the page's worked-out texts: a lookup per cell and role."""
        if role == _DISPLAY:
            line = self._line(index.row())
            return line.texts[index.column()] if line is not None else None
        if role == _ALIGNMENT:
            return self._alignments[index.column()]
        if role == _FOREGROUND:
            line = self._line(index.row())
            return line.colour if line is not None else None
        if role == _ID:
            return self._ids[index.row()]
        if role == _TOOLTIP:
            return self._tooltip(index.row(), index.column())
        return None

    def _tooltip(self, row: int, column: int) -> str | None:
        line = self._line(row)
        if line is None:
            return None
        tooltip = self.columns[column].tooltip
        if tooltip is not None:
            return tooltip(line.row)  # type: ignore[no-any-return]
        text = line.texts[column]  # a long text may be elided on screen: the whole of it
        return text if len(text) > LONG_TEXT else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key
        if key:
            self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)
