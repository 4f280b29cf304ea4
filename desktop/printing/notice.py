"""Notices (通知) and public notices (公示) in the GB/T 9704-2012 layout offices recognise.

A4; top margin 37 mm, left 28 mm, a 156 × 225 mm text block holding 22 lines × 28 characters
of 3号 (16 pt) body text (notice_layout.py keeps every line on that grid); title 2号 (22 pt)
centred, in 小标宋 or 黑体; the issuer's letterhead red and centred over a red rule; the
addressee flush left ending in "："; headings 一、 in 黑体, （一） in 楷体 beside a 仿宋 body, and
without 仿宋 the whole body in one face (notice_fonts.py); the issuer's name and the date at the
right, the date four characters in from the margin, always on a page with the body's last lines;
page numbers "— 1 —" in 4号 (14 pt) on the outer side. A public notice may carry a table (points,
hours) whose personal numbers come masked. `parse_notice_text` reads the notice files of
`main.py export notice` (the format is in README.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from db.validation import format_date_cn, mask_id_number, mask_phone
from desktop.printing.notice_fonts import NoticeFonts, register_notice_fonts
from desktop.printing.notice_layout import (
    BLOCK_HEIGHT,
    BLOCK_WIDTH,
    BOTTOM,
    FOLIO_SIZE,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PITCH,
    TITLE_SIZE,
    Closing,
    GridLines,
    Line,
    TableTail,
    blank,
    centred_lines,
    grid_lines,
    letterhead,
    signature,
)

HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_2 = re.compile(r"^（[一二三四五六七八九十]+）")
KEEP_WITH_SIGNATURE = 2  # body lines (or table rows) that always share the signature's page
CELL_SIZE, CELL_LEADING = 12, 18


@dataclass
class Notice:
    kind: str  # "notice" 通知 / "public" 公示
    issuer: str
    title: str
    addressee: str
    body: str  # paragraphs separated by line breaks
    issued_on: date
    table_headers: list[str] = field(default_factory=list)
    table_rows: list[list[str]] = field(default_factory=list)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paragraph_lines(line: str, fonts: NoticeFonts) -> list[Line]:
    """A body paragraph on the grid in the face its numbering calls for (一、 黑体, （一） 楷体
    beside a 仿宋 body; 1. and （1） and plain text in the body face)."""
    if HEADING_1.match(line):
        return grid_lines(line, fonts.level1_name)
    return grid_lines(line, fonts.level2_name if HEADING_2.match(line) else fonts.body_name)


ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def mask_numbers(cell: str) -> str:
    """Notices are posted: ID and mobile numbers in a table are masked whatever was typed."""
    cell = ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), cell)
    return MOBILE.sub(lambda m: mask_phone(m.group(0)), cell)


def _table_parts(headers: Sequence[str], rows: Sequence[Sequence[str]], fonts: NoticeFonts
                 ) -> tuple[Table | None, TableTail]:
    """The table up to its last rows (split over pages with its header repeated) and the last
    rows, which go with the signature. A one-line row is exactly one grid line high."""
    columns = max([len(headers), *(len(r) for r in rows)])
    head = [*headers, *[""] * (columns - len(headers))]
    body = [[mask_numbers(c) for c in [*r, *[""] * (columns - len(r))]] for r in rows]
    body_font = fonts.body_name
    cell = ParagraphStyle("notice_cell", fontName=body_font, fontSize=CELL_SIZE, leading=CELL_LEADING,
                          alignment=TA_CENTER, wordWrap="CJK")
    header = ParagraphStyle("notice_header", parent=cell, fontName=fonts.level1_name)
    natural = [max(stringWidth(r[i], body_font, CELL_SIZE) for r in [head, *body]) + 14 for i in range(columns)]
    widths = [w * BLOCK_WIDTH / max(sum(natural), 1) for w in natural]
    pad = (PITCH - CELL_LEADING) / 2

    def table(part: Sequence[Sequence[str]], with_header: bool) -> Table:
        data = [[Paragraph(_escape(h), header) for h in head]] if with_header else []
        data += [[Paragraph(_escape(c), cell) for c in r] for r in part]
        made = Table(data, colWidths=widths, repeatRows=1 if with_header else 0)
        made.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                                  ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                  ("FONT", (0, 0), (-1, -1), body_font, CELL_SIZE),  # not Helvetica
                                  ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]))
        return made

    keep = min(KEEP_WITH_SIGNATURE, len(body))
    main = body[:len(body) - keep]
    tail = body[len(body) - keep:]
    return (table(main, True) if main else None), TableTail(lambda with_header: table(tail, with_header),
                                                             whole=not main)


def notice_story(notice: Notice, fonts: NoticeFonts) -> list[Flowable]:
    head: list[Line] = []
    if notice.issuer:
        head += [letterhead(notice.issuer, fonts.title_name), blank(), blank()]  # 分隔线下空二行
    head += [*centred_lines(notice.title, fonts.title_name, TITLE_SIZE), blank()]  # 标题下空一行
    if notice.addressee:
        addressee = notice.addressee.replace(":", "：")
        head += grid_lines(addressee if addressee.endswith("：") else addressee + "：", fonts.body_name, indent=0)
    body = [row for line in notice.body.splitlines() if line.strip() for row in paragraph_lines(line.strip(), fonts)]
    sign = signature(notice.issuer, format_date_cn(notice.issued_on), fonts.body_name)
    if notice.table_headers or notice.table_rows:
        main, tail = _table_parts(notice.table_headers, notice.table_rows, fonts)
        return [GridLines(head + body), *([main] if main is not None else []), Closing([], sign, tail)]
    keep = min(KEEP_WITH_SIGNATURE, len(body))
    return [GridLines(head + body[:len(body) - keep]), Closing(body[len(body) - keep:], sign)]


def notice_canvas(font: str) -> type[Canvas]:
    """A canvas that starts in the notice's body face (not an unembedded Helvetica) and numbers
    its pages "— 1 —" in 4号, 7 mm under the text block: right on odd pages, left on even ones
    (the outer side when bound), one character in from the margin."""

    class NoticeCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            super().__init__(*args, **kwargs)

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            number = self.getPageNumber()
            self.setFont(font, FOLIO_SIZE)
            text, baseline = f"— {number} —", BOTTOM - 7 * mm - FOLIO_SIZE * 0.6
            if number % 2:
                self.drawRightString(PAGE_WIDTH - 26 * mm - FOLIO_SIZE, baseline, text)
            else:
                self.drawString(LEFT + FOLIO_SIZE, baseline, text)
            super().showPage()

    return NoticeCanvas


def build_notice(out: Path, notice: Notice, *, font_file: Path | None = None) -> None:
    fonts = register_notice_fonts(font_file)
    tmp = out.with_name(out.name + ".part")
    frame = Frame(LEFT, BOTTOM, BLOCK_WIDTH, BLOCK_HEIGHT, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="text_block")
    doc = BaseDocTemplate(str(tmp), pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
                          pageTemplates=[PageTemplate("notice", [frame])], title=notice.title,
                          author=notice.issuer, creator="社区工作台", pageCompression=1)
    try:
        doc.build(notice_story(notice, fonts), canvasmaker=notice_canvas(fonts.body_name))
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)


HEAD_FIELDS = ("标题", "类型", "主送", "落款", "日期")
HEAD_LINE = re.compile(r"^([^:：]+)[:：](.*)$")  # the first colon, full- or half-width, ends the name
TABLE_LINE = re.compile(r"^表格[：:]\s*(.*)$")
CELL_SEPARATOR = re.compile(r"\t|,|，")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in CELL_SEPARATOR.split(line.strip())]


def parse_notice_text(text: str, issued_on: date) -> Notice:
    """Read a notice file (README.md, "Notice files"): "标题：/类型：/主送：/落款：/日期：" lines,
    a "---" line, the body; then optionally a "表格：" line with the table's header on it or on
    the next line, and one row a line, cells separated by commas or tabs. `issued_on` is the
    date when the file gives none."""
    from db.validation import parse_date

    lines = text.replace("\r\n", "\n").split("\n")
    try:
        separator = next(i for i, line in enumerate(lines) if line.strip() == "---")
    except StopIteration:
        raise ValueError("通知文件缺少“---”一行（它把标题等项目和正文隔开）") from None
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[:separator], start=1):
        if not line.strip():
            continue
        field_line = HEAD_LINE.match(line)
        if field_line is None or field_line.group(1).strip() not in HEAD_FIELDS:
            raise ValueError(f"通知文件第 {number} 行“{line.strip()}”看不懂：“---”之前只能写"
                             f"{'、'.join(k + '：' for k in HEAD_FIELDS)}各一行")
        fields[field_line.group(1).strip()] = field_line.group(2).strip()
    if not fields.get("标题"):
        raise ValueError("通知文件缺少“标题：”一行")
    if fields.get("类型", "通知") not in ("通知", "公示"):
        raise ValueError(f"“类型：”只能是通知或公示，不能是“{fields['类型']}”")
    body_lines, rows = lines[separator + 1:], []
    table_at = next((i for i, line in enumerate(body_lines) if TABLE_LINE.match(line.strip())), None)
    if table_at is not None:
        same_line = TABLE_LINE.match(body_lines[table_at].strip())
        rows = [_cells(line) for line in body_lines[table_at + 1:] if line.strip()]
        if same_line and same_line.group(1).strip():
            rows.insert(0, _cells(same_line.group(1)))
        body_lines = body_lines[:table_at]
        if not rows:
            raise ValueError("“表格：”后面没有内容：表头写在同一行或下一行，再每行一条记录")
        for number, row in enumerate(rows[1:], start=1):
            if len(row) > len(rows[0]):
                raise ValueError(f"表格第 {number} 条记录有 {len(row)} 列，比表头（{len(rows[0])} 列）多；"
                                 "单元格之间用逗号隔开，单元格里的逗号请换成顿号")
    return Notice(kind="public" if fields.get("类型") == "公示" else "notice", issuer=fields.get("落款", ""),
                  title=fields["标题"], addressee=fields.get("主送", ""), body="\n".join(body_lines).strip("\n"),
                  issued_on=parse_date(fields.get("日期"), "date", "日期") or issued_on,
                  table_headers=rows[0] if rows else [], table_rows=rows[1:])
