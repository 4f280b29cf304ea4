"""Shared pieces of the small documents: paragraph styles, a ruled form table, safe writing.

Every document is written to "<name>.part" first and renamed when complete, so a failure or a
cancel never leaves a half-written PDF under the real name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, Table, TableStyle

from desktop.printing.fonts import BODY, HEADING, register_fonts
from desktop.printing.pages import numbered_canvas, page_size, plain_canvas

TITLE = ParagraphStyle("title", fontName=HEADING, fontSize=20, leading=30, alignment=TA_CENTER, spaceAfter=4)
SUBTITLE = ParagraphStyle("subtitle", fontName=BODY, fontSize=11, leading=16, alignment=TA_CENTER, spaceAfter=8)
# Left-aligned, not justified: justification stretches the spaces of "1. " into gaps.
BODY_TEXT = ParagraphStyle("body", fontName=BODY, fontSize=12, leading=21, firstLineIndent=24, wordWrap="CJK")
PLAIN = ParagraphStyle("plain", fontName=BODY, fontSize=12, leading=21, wordWrap="CJK")
RIGHT = ParagraphStyle("right", fontName=BODY, fontSize=12, leading=21, alignment=TA_RIGHT)
CELL = ParagraphStyle("cell", fontName=BODY, fontSize=10.5, leading=15, wordWrap="CJK")
CELL_LABEL = ParagraphStyle("cell_label", fontName=HEADING, fontSize=10.5, leading=15, alignment=TA_CENTER)
SMALL = ParagraphStyle("small", fontName=BODY, fontSize=9, leading=13, textColor=colors.HexColor("#444444"))


def para(text: str, style: ParagraphStyle = PLAIN) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
    return Paragraph(escaped, style)


CELL_PADDING = 4  # form_table's padding on every side of a cell


def form_table(rows: Sequence[Sequence[str | Flowable]], widths: Sequence[float],
               label_columns: Sequence[int] = (0,), spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
               min_heights: Sequence[float] | None = None) -> Table:
    """A ruled form (register sheets, follow-up records): label cells bold and shaded. (A long
    table of plain text: ruled_rows.RuledRows prints the same much faster.)"""
    cells = [[para(c, CELL_LABEL if i in label_columns else CELL) if isinstance(c, str) else c
              for i, c in enumerate(row)] for row in rows]
    # LongTable is a Table that, splitting over pages, measures rows only to the end of the page.
    table = LongTable(cells, colWidths=list(widths), rowHeights=list(min_heights) if min_heights else None)
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), BODY, 10.5),  # not Table's default, an unembedded Helvetica
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    covered = {(c, r) for (c0, r0), (c1, r1) in spans for c in range(c0, c1 + 1) for r in range(r0, r1 + 1)
               if (c, r) != (c0, r0)}
    for column in label_columns:  # shade label cells, not the text a span stretches over them
        for r in range(len(rows)):
            if (column, r) not in covered:
                commands.append(("BACKGROUND", (column, r), (column, r), colors.HexColor("#f0f0f0")))
    for start, end in spans:
        commands.append(("SPAN", start, end))
    table.setStyle(TableStyle(commands))
    return table


def write_document(out: Path, story: list[Flowable], *, title: str, printed_on: date, wide: bool = False,
                   margins: tuple[float, float, float, float] = (20 * mm, 20 * mm, 20 * mm, 22 * mm),
                   font_file: Path | None = None, numbered: bool = True) -> None:
    """Lay out `story` on A4 pages (top, right, bottom, left margins) and write it safely."""
    register_fonts(font_file)
    top, right, bottom, left = margins
    tmp = out.with_name(out.name + ".part")
    doc = SimpleDocTemplate(str(tmp), pagesize=page_size(wide), topMargin=top, rightMargin=right,
                            bottomMargin=bottom, leftMargin=left, title=title, author="社区工作台",
                            creator="社区工作台", pageCompression=1)
    try:
        if numbered:
            doc.build(story, canvasmaker=numbered_canvas(printed_on))
        else:
            doc.build(story, canvasmaker=plain_canvas)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
