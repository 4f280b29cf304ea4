"""A titled table on A4 pages: rosters and lists, with the header row on every page.

Cells are plain strings wrapped here to their column's width (a CJK line may break between
any two characters), not Paragraphs: a 10,000-member roster has ~100,000 cells, and
Paragraph layout would take tens of seconds where this takes a few. For the same reason the
rows are cut into pages here (see _page_tables).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from desktop.printing.fonts import BODY, HEADING, register_fonts
from desktop.printing.grid_table import GridTable
from desktop.printing.pages import numbered_canvas, page_size

CELL_SIZE = 8.5
HEADER_SIZE = 9
LEADING = 10.5
PADDING = 3
MARGIN = 15 * mm
BOTTOM_MARGIN = 18 * mm
PORTRAIT_WIDTH = 210 * mm - 2 * MARGIN
TITLE_BLOCK = 24 + 2 * mm + 14 + 4 * mm + 2  # title, gap, subtitle, gap (see the story below)


class Cancelled(InterruptedError):
    """The person cancelled a long document; no file is left behind."""


@dataclass(frozen=True)
class TableColumn:
    title: str
    max_width: float  # points: wider text wraps (dates and numbers are measured, not guessed)
    wraps: bool = True
    min_width: float = 0  # points: room to write in by hand (a column left blank for comments)


def column_widths(columns: Sequence[TableColumn], rows: Sequence[Sequence[str]], sample: int = 400) -> list[float]:
    """Each column as wide as most of its text (90th percentile of a sample), within its maximum."""
    widths = []
    for i, column in enumerate(columns):
        texts = [row[i] for row in rows[:sample]] or [""]
        measured = sorted(stringWidth(t, BODY, CELL_SIZE) for t in texts)
        typical = measured[min(len(measured) - 1, int(len(measured) * 0.9))]
        header = max(stringWidth(ch, HEADING, HEADER_SIZE) for ch in column.title) * 2 if column.title else 0
        widths.append(max(header, column.min_width, min(typical, column.max_width)) + 2 * PADDING + 1)
    return widths


def wrap(text: str, width: float, font: str = BODY, size: float = CELL_SIZE) -> str:
    """Break `text` into lines no wider than `width` points (keeps existing line breaks)."""
    if "\n" not in text and stringWidth(text, font, size) <= width:
        return text  # the common case: one measurement, no wrapping
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for ch in paragraph:
            w = _char_width(ch, font, size)
            if line and used + w > width:
                lines.append(line)
                line, used = ch, w
            else:
                line, used = line + ch, used + w
        lines.append(line)
    return "\n".join(lines)


_widths: dict[tuple[str, str, float], float] = {}


def _char_width(ch: str, font: str, size: float) -> float:
    key = (ch, font, size)
    if key not in _widths:
        _widths[key] = stringWidth(ch, font, size)
    return _widths[key]


def build_table_pdf(out: Path, *, title: str, subtitle: str, columns: Sequence[TableColumn],
                    rows: Sequence[Sequence[str]], printed_on: date, closing_line: str = "",
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None, font_file: Path | None = None) -> None:
    """Write the table to `out` (A4; landscape when the columns do not fit portrait). The closing
    line follows the table; a newline in it starts another line (a note, then the signatures)."""
    register_fonts(font_file)
    natural = column_widths(columns, rows)
    wide = sum(natural) > PORTRAIT_WIDTH
    size = page_size(wide)
    usable = size[0] - 2 * MARGIN
    scale = usable / sum(natural)  # fill the line; shrink (and wrap more) only when too wide
    widths = [w * scale for w in natural]
    data: list[list[str]] = [[wrap(c.title, w - 2 * PADDING, HEADING, HEADER_SIZE) for c, w in zip(columns, widths,
                                                                                                 strict=True)]]
    for i, row in enumerate(rows):
        if cancelled is not None and i % 500 == 0 and cancelled():
            raise Cancelled()
        data.append([wrap(text, w - 2 * PADDING) if c.wraps else text
                     for text, c, w in zip(row, columns, widths, strict=True)])
        if progress is not None and i % 500 == 0:
            progress(i, len(rows))
    frame_height = size[1] - MARGIN - BOTTOM_MARGIN - 12  # the frame's own padding
    tables = _page_tables(data, widths, first_page_room=frame_height - TITLE_BLOCK, page_room=frame_height)
    title_style = ParagraphStyle("title", fontName=HEADING, fontSize=18, leading=24, alignment=TA_CENTER)
    sub_style = ParagraphStyle("subtitle", fontName=BODY, fontSize=10.5, leading=14, alignment=TA_CENTER)
    closing_style = ParagraphStyle("closing", fontName=BODY, fontSize=10.5, leading=14)
    story: list[Flowable] = [Paragraph(_escape(title), title_style), Spacer(1, 2 * mm),
                             Paragraph(_escape(subtitle), sub_style), Spacer(1, 4 * mm)]
    for i, table in enumerate(tables):
        if i:
            story.append(PageBreak())
        story.append(table)
    if closing_line:  # a line of its own for each part (a note, then the signatures)
        story.append(Spacer(1, 6 * mm))
        for i, part in enumerate(closing_line.split("\n")):
            story += [Spacer(1, 3 * mm)] * bool(i) + [Paragraph(_escape(part), closing_style)]
    tmp = out.with_name(out.name + ".part")
    doc = SimpleDocTemplate(str(tmp), pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=BOTTOM_MARGIN, pageCompression=1, title=title, author="社区工作台",
                            creator="社区工作台")
    try:
        doc.build(story, canvasmaker=numbered_canvas(printed_on))
        if progress is not None:
            progress(len(rows), len(rows))
        tmp.replace(out)  # a half-written file never takes the real name
    finally:
        tmp.unlink(missing_ok=True)


def _row_height(cells: Sequence[str], leading: float) -> float:
    return max(cell.count("\n") + 1 for cell in cells) * leading + 4


def _page_tables(data: list[list[str]], widths: list[float], *, first_page_room: float,
                 page_room: float) -> list[GridTable]:
    """One Table per page, each starting with the header row.

    The rows are measured here and cut into pages directly: letting ReportLab split one long
    table re-measures every remaining row at each page break, which made a 10,000-row roster
    take over ten seconds.
    """
    header, body = data[0], data[1:]
    header_height = _row_height(header, LEADING)
    heights = [_row_height(row, LEADING) for row in body]
    tables, start, room = [], 0, first_page_room - header_height
    used = 0.0
    for i, height in enumerate(heights):
        if used + height > room and i > start:
            tables.append(_table([header, *body[start:i]], widths, [header_height, *heights[start:i]]))
            start, used, room = i, 0.0, page_room - header_height
        used += height
    tables.append(_table([header, *body[start:]], widths, [header_height, *heights[start:]]))
    return tables


def _table(rows: list[list[str]], widths: list[float], heights: list[float]) -> GridTable:
    return GridTable(rows, widths, heights, body_font=BODY, header_font=HEADING, body_size=CELL_SIZE,
                     header_size=HEADER_SIZE, leading=LEADING, padding=PADDING)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
