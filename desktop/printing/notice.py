"""Notices (通知) and public notices (公示) in the GB/T 9704-2012 layout offices recognise.

A4; top margin 37 mm, left 28 mm, a 156 × 225 mm text block; body in 3号 (16 pt) 仿宋 on a
22-line grid (line pitch ≈ 29 pt); title 2号 (22 pt) centred; the issuer's letterhead red and
centred over a red rule; the addressee flush left ending in "："; headings 一、 in 黑体, （一） in
楷体, 1. and （1） in 仿宋; the issuer's name and the date at the right, the date four
characters in from the margin; page numbers "— 1 —" in 4号 (14 pt) on the outer side. A
public notice may carry a table (points, hours) whose personal numbers come masked.
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
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from db.validation import format_date_cn, mask_id_number, mask_phone
from desktop.printing.fonts import BODY, HEADING, KAI, register_fonts

PITCH = 225 * mm / 22  # 22 lines in the text block
RED = colors.HexColor("#d40000")
LETTERHEAD = ParagraphStyle("letterhead", fontName=HEADING, fontSize=30, leading=40, alignment=TA_CENTER,
                            textColor=RED)
TITLE = ParagraphStyle("notice_title", fontName=HEADING, fontSize=22, leading=PITCH * 1.3, alignment=TA_CENTER)
TEXT = ParagraphStyle("notice_text", fontName=BODY, fontSize=16, leading=PITCH, firstLineIndent=32,
                      wordWrap="CJK")
ADDRESSEE = ParagraphStyle("addressee", parent=TEXT, firstLineIndent=0)
LEVEL1 = ParagraphStyle("level1", parent=TEXT, fontName=HEADING)
LEVEL2 = ParagraphStyle("level2", parent=TEXT, fontName=KAI)
SIGN = ParagraphStyle("sign", parent=TEXT, firstLineIndent=0, alignment=TA_CENTER)
CELL = ParagraphStyle("notice_cell", fontName=BODY, fontSize=12, leading=18, alignment=TA_CENTER, wordWrap="CJK")

HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_2 = re.compile(r"^（[一二三四五六七八九十]+）")


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


def body_paragraph(line: str) -> Paragraph:
    """A body line in the style its numbering calls for (一、 黑体, （一） 楷体, others 仿宋)."""
    style = LEVEL1 if HEADING_1.match(line) else LEVEL2 if HEADING_2.match(line) else TEXT
    return Paragraph(_escape(line), style)


class _PageNumbers(Canvas):
    """"— 1 —" in 14 pt: right on odd pages, left on even ones (the outer side when bound)."""

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        number = self.getPageNumber()
        self.setFont(BODY, 14)
        text = f"— {number} —"
        width, _ = self._pagesize
        if number % 2:
            self.drawRightString(width - 26 * mm - 7 * mm, 20 * mm, text)
        else:
            self.drawString(28 * mm + 7 * mm, 20 * mm, text)
        super().showPage()


ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def mask_numbers(cell: str) -> str:
    """Notices are posted: ID and mobile numbers in a table are masked whatever was typed."""
    cell = ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), cell)
    return MOBILE.sub(lambda m: mask_phone(m.group(0)), cell)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    rows = [[mask_numbers(c) for c in row] for row in rows]
    data = [[Paragraph(_escape(h), CELL) for h in headers]]
    data += [[Paragraph(_escape(c), CELL) for c in row] for row in rows]
    natural = [max(stringWidth(str(r[i]) if i < len(r) else "", BODY, 12) for r in [headers, *rows]) + 14
               for i in range(len(headers))]
    scale = 156 * mm / max(sum(natural), 1)
    table = Table(data, colWidths=[w * scale for w in natural], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("FONT", (0, 0), (-1, -1), BODY, 12), ("FONT", (0, 0), (-1, 0), HEADING, 12)]))
    return table


def build_notice(out: Path, notice: Notice, *, font_file: Path | None = None) -> None:
    register_fonts(font_file)
    story: list[Flowable] = [
        Paragraph(_escape(notice.issuer), LETTERHEAD), Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=1.5, color=RED, spaceBefore=0, spaceAfter=PITCH),
        Paragraph(_escape(notice.title), TITLE), Spacer(1, PITCH * 0.5),
    ]
    if notice.addressee:
        addressee = notice.addressee if notice.addressee.endswith(("：", ":")) else notice.addressee + "："
        story.append(Paragraph(_escape(addressee.replace(":", "：")), ADDRESSEE))
    story += [body_paragraph(line.strip()) for line in notice.body.splitlines() if line.strip()]
    if notice.table_headers:
        story += [Spacer(1, PITCH * 0.5), _table(notice.table_headers, notice.table_rows), Spacer(1, PITCH * 0.5)]
    date_text = format_date_cn(notice.issued_on)
    # Date four characters in from the right; the issuer's name centred over the date.
    sign_width = (len(date_text) + 2) * 16
    signature = Table([[Paragraph(_escape(notice.issuer), SIGN)], [Paragraph(date_text, SIGN)]],
                      colWidths=[max(sign_width, len(notice.issuer) * 16 + 8)], hAlign="RIGHT")
    signature.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), BODY, 16),  # not Table's default Helvetica
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4 * 16),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    story.append(KeepTogether([Spacer(1, PITCH), signature]))
    tmp = out.with_name(out.name + ".part")
    doc = SimpleDocTemplate(str(tmp), pagesize=A4, topMargin=37 * mm, leftMargin=28 * mm, rightMargin=26 * mm,
                            bottomMargin=35 * mm, title=notice.title, author=notice.issuer, creator="社区工作台",
                            pageCompression=1)
    try:
        doc.build(story, canvasmaker=_canvas)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)


def _canvas(*args: Any, **kwargs: Any) -> _PageNumbers:
    kwargs["initialFontName"] = kwargs.get("initialFontName") or BODY
    return _PageNumbers(*args, **kwargs)


def parse_notice_text(text: str, issued_on: date) -> Notice:
    """Read the CLI's notice file: "标题：/主送：/落款：/日期：/类型：" lines, a "---" line, the body;
    an optional "表格：" block of tab- or comma-separated rows after the body (first row = headers)."""
    from db.validation import parse_date

    head, _, body = text.partition("\n---\n")
    fields: dict[str, str] = {}
    for line in head.splitlines():
        key, sep, value = line.partition("：")
        if sep:
            fields[key.strip()] = value.strip()
    body, _, table = body.partition("\n表格：\n")
    rows = [re.split(r"\t|,|，", line.strip()) for line in table.splitlines() if line.strip()]
    if not fields.get("标题"):
        raise ValueError("通知文件缺少“标题：”一行")
    return Notice(kind="public" if fields.get("类型") == "公示" else "notice", issuer=fields.get("落款", ""),
                  title=fields["标题"], addressee=fields.get("主送", ""), body=body,
                  issued_on=parse_date(fields.get("日期"), "date", "日期") or issued_on,
                  table_headers=rows[0] if rows else [], table_rows=rows[1:])


