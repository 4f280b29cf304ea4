"""Columns as wide as what they hold, up to a limit, with long texts cut in the middle.

Fixed widths chosen in English were wrong both ways: 所在支部 cut 第三网格党支部第一党小组
to 第三网格党支部第…, English cut "Full member" to "Full …", while a count column took a
third of the screen because the last section stretched. Here each column gets the width of
its header or its widest text among the first rows (those already on screen), never more
than a limit; the rest is elided in the middle so both ends of a path or an address show,
and the whole text is in the tooltip. A layout the person set by hand (saved header state)
is not touched: the tab fits only until one is restored.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

WIDEST = 260  # pixels: a column never takes more on a 1366-pixel office screen
NARROWEST = 40
SAMPLE_ROWS = 60  # the rows a person sees first; reading more would fetch pages nobody looks at
CELL_PADDING = 18  # the cell's margins and the sort arrow's room


def prepare_for_fitting(view: QAbstractItemView) -> None:
    """Middle elision and no stretched last column: spare room stays at the right, not in a count."""
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    if isinstance(view, QTableView):
        view.horizontalHeader().setStretchLastSection(False)


def fit_columns(view: QTableView, widest: int = WIDEST, sample_rows: int = SAMPLE_ROWS) -> list[int]:
    """Set each column to its header's or its widest sampled text's width, within the limits.

    Returns the widths set (tests compare them with the texts)."""
    model = view.model()
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    rows = min(model.rowCount(QModelIndex()), sample_rows)
    widths = []
    for column in range(model.columnCount(QModelIndex())):
        if view.isColumnHidden(column):
            widths.append(view.columnWidth(column))
            continue
        text_width = 0
        for row in range(rows):
            value = model.data(model.index(row, column))
            if value:
                text_width = max(text_width, metrics.horizontalAdvance(str(value)) + CELL_PADDING)
        width = max(NARROWEST, header.sectionSizeFromContents(column).width(), min(widest, text_width))
        view.setColumnWidth(column, width)
        widths.append(width)
    return widths
