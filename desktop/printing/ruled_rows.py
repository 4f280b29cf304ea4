"""A ruled table of plain text rows that splits over pages itself: the monthly summary's tables
of a line per branch (3,335 of them at a street office).

It prints what form_table prints for the same rows (CELL's font, size and leading, the same
padding, grid and middle alignment; a cell too wide for its column wraps between characters, as
a CJK paragraph does), at a fraction of the cost: ReportLab's Table makes a paragraph or a
styled cell of each of ~37,000 cells and re-measures the rows left at every page break; this
measures each row once, cuts at a page break by summing heights and draws a page's text with
one text object. The header is not repeated on later pages, as form_table's is not.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable

from desktop.printing.document import CELL, CELL_PADDING
from desktop.printing.grid_table import draw_rules
from desktop.printing.table_document import wrap

GRID_WIDTH = 0.6  # form_table's GRID


def _cell_lines(text: str, room: float, known: dict[tuple[str, float], list[str]]) -> list[str]:
    """The cell's lines in a column `room` points wide, worked out once per distinct text and
    width (`known`): a summary's 37,000 cells are mostly the same few hundred counts and rates."""
    key = (text, room)
    lines = known.get(key)
    if lines is None:
        lines = known[key] = wrap(text, room, CELL.fontName, CELL.fontSize).split("\n")
    return lines


class RuledRows(Flowable):
    """Rows of strings in columns of `widths` points, split over pages between rows."""

    def __init__(self, rows: Sequence[Sequence[str]], widths: Sequence[float], *,
                 _lines: list[list[list[str]]] | None = None, _heights: list[float] | None = None) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # Table's default; a Flowable's is LEFT
        self.widths = list(widths)
        if _lines is None or _heights is None:
            room = [w - 2 * CELL_PADDING for w in self.widths]
            known: dict[tuple[str, float], list[str]] = {}
            _lines = [[_cell_lines(str(cell), r, known) for cell, r in zip(row, room, strict=True)] for row in rows]
            _heights = [max(len(cell) for cell in row) * CELL.leading + 2 * CELL_PADDING for row in _lines]
        self.lines, self.heights = _lines, _heights
        self.width, self.height = sum(self.widths), sum(self.heights)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The rows that fit in `available_height` and the rest; nothing when no row fits (the
        whole table goes to the next frame) or all do."""
        used, fit = 0.0, 0
        for height in self.heights:
            if used + height > available_height:
                break
            used, fit = used + height, fit + 1
        if fit == 0 or fit == len(self.heights):
            return []
        return [self._part(0, fit), self._part(fit, len(self.heights))]

    def _part(self, start: int, stop: int) -> RuledRows:
        return RuledRows((), self.widths, _lines=self.lines[start:stop], _heights=self.heights[start:stop])

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colors.black)
        c.setLineWidth(GRID_WIDTH)
        draw_rules(c, self.widths, self.heights)

        size, leading = CELL.fontSize, CELL.leading
        c.setFillColor(colors.black)
        c.setFont(CELL.fontName, size, leading)  # else the text object opens with Helvetica
        text = c.beginText()
        text.setFont(CELL.fontName, size, leading)
        top = self.height
        for row, h in zip(self.lines, self.heights, strict=True):
            bottom = top - h
            x = 0.0
            for cell, w in zip(row, self.widths, strict=True):
                # where Table sets a middle-aligned cell of len(cell) lines, its top and bottom
                # padding alike (Table._drawCell)
                baseline = bottom + (h + len(cell) * leading) / 2 - size
                for i, line in enumerate(cell):
                    if line:
                        text.setTextOrigin(x + CELL_PADDING, baseline - i * leading)
                        text.textOut(line)
                x += w
            top = bottom
        c.drawText(text)
