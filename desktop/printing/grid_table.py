"""A ruled table for one page, drawn straight onto the canvas.

ReportLab's Table styles every cell through a command list and draws each with its own
text object; for rosters of thousands of plain-text rows that overhead dominated. This
flowable draws the same thing — a shaded header row, grid lines, left-aligned text
vertically centred, centred headers — with one text object per page.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

HEADER_FILL = colors.HexColor("#e8e8e8")


def draw_rules(canvas: Canvas, widths: Sequence[float], heights: Sequence[float]) -> None:
    """A table's ruling in the canvas's line width: a line above and below every row, and
    beside every column, from the top left of the table at (0, sum of heights)."""
    total_w, total_h = sum(widths), sum(heights)
    lines = canvas.beginPath()
    y = total_h
    lines.moveTo(0, y)
    lines.lineTo(total_w, y)
    for h in heights:
        y -= h
        lines.moveTo(0, y)
        lines.lineTo(total_w, y)
    x = 0.0
    for w in [0.0, *widths]:
        x += w
        lines.moveTo(x, 0)
        lines.lineTo(x, total_h)
    canvas.drawPath(lines, stroke=1, fill=0)


class GridTable(Flowable):
    def __init__(self, rows: Sequence[Sequence[str]], widths: Sequence[float], heights: Sequence[float], *,
                 body_font: str, header_font: str, body_size: float, header_size: float, leading: float,
                 padding: float) -> None:
        super().__init__()
        self.rows, self.widths, self.heights = rows, list(widths), list(heights)
        self.body_font, self.header_font = body_font, header_font
        self.body_size, self.header_size, self.leading, self.padding = body_size, header_size, leading, padding
        self.width, self.height = sum(self.widths), sum(self.heights)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        total_w, total_h = self.width, self.height
        c.setFillColor(HEADER_FILL)
        c.rect(0, total_h - self.heights[0], total_w, self.heights[0], stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setLineWidth(0.5)
        draw_rules(c, self.widths, self.heights)

        c.setFont(self.body_font, self.body_size)  # else the text object opens with Helvetica
        text = c.beginText()
        top = total_h
        for r, (row, h) in enumerate(zip(self.rows, self.heights, strict=True)):
            header = r == 0
            font, size = (self.header_font, self.header_size) if header else (self.body_font, self.body_size)
            text.setFont(font, size, self.leading)
            x = 0.0
            for cell, w in zip(row, self.widths, strict=True):
                cell_lines = cell.split("\n")
                block = len(cell_lines) * self.leading
                baseline = top - (h - block) / 2 - self.leading + (self.leading - size) / 2 + 1.5
                for i, line in enumerate(cell_lines):
                    if header:
                        lx = x + (w - c.stringWidth(line, font, size)) / 2
                    else:
                        lx = x + self.padding
                    text.setTextOrigin(lx, baseline - i * self.leading)
                    text.textOut(line)
                x += w
            top -= h
        c.drawText(text)
