"""Table headers whose size Qt does not work out again at every search.

A QHeaderView measures its size hint from the contents of up to 200 sections, asking the model
for five roles of each: after every new list (each keystroke in a search box), the row-number
header alone made 1,000 headerData() calls into Python, a quarter of the keystroke's painting.
Rows here are all one height and the numbers one font, so the row header's width follows from
the widest number, and the column header's height is measured once per set of columns.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView, QWidget

ROW_HEIGHT = 26  # pixels: one line of 10.5 pt CJK text with room above and below


class RowNumberHeader(QHeaderView):
    """Row numbers 1, 2, 3… at a fixed row height, as wide as the largest number needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setDefaultSectionSize(ROW_HEIGHT)
        self.setSectionsClickable(True)  # a click on a number selects its row, as QTableView's own does
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:  # noqa: N802
        digits = len(str(max(1, self.count())))
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
        width = self.fontMetrics().horizontalAdvance("0" * digits) + 4 * margin
        return QSize(width, self.defaultSectionSize())


class ColumnHeader(QHeaderView):
    """Column titles, measured once for each set of columns rather than after every new list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)  # sorting by a click on a title
        self.setHighlightSections(True)
        self._hint: QSize | None = None
        self._measured_titles: list[object] = []

    def sizeHint(self) -> QSize:  # noqa: N802
        model = self.model()
        titles = [model.headerData(i, self.orientation()) for i in range(self.count())] if model else []
        if self._hint is None or titles != self._measured_titles:
            self._hint = super().sizeHint()
            self._measured_titles = titles
        return self._hint


def use_fixed_headers(table: QTableView) -> None:
    """Give a table the two headers above (before its model is set or after, either works)."""
    table.setHorizontalHeader(ColumnHeader(table))
    table.setVerticalHeader(RowNumberHeader(table))
