"""签到表: a meeting's sign-in sheet, printed from the attendance list as it stands.

The rows are the list's, in its order (db.party_life.sign_in: by branch, then pinyin), so after
the meeting the clerk goes down the signed sheet and the screen together. Like every printed
document it is Chinese whatever the window's language, built off the UI thread and previewed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from db.validation import FieldError, format_date_cn, parse_date
from db.vocab import MEETING_KINDS, MEMBER_TYPES
from desktop.printing.actions import font_file
from desktop.printing.job import PdfJob
from desktop.printing.run import start_pdf

# Empty to sign in, two lines high and (ideographic spaces are measured) as wide as ten characters.
SIGNATURE_CELL = "\n" + "\u3000" * 10
NOTE_CELL = "\u3000" * 5
# (title, width in points, wraps): the sheet's columns
COLUMNS = (("序号", 30, False), ("姓名", 70, True), ("所在支部", 120, True), ("类型", 44, True), ("签名", 150, False),
           ("备注", 90, False))


@dataclass(frozen=True)
class SignInSheet:
    """What the sheet prints: the meeting's headline facts and its people (name, branch, type code)."""

    org_name: str
    kind: str
    held_on: str
    start_time: str
    place: str
    topic: str
    people: Sequence[tuple[str, str, str]]

    @property
    def title(self) -> str:
        kind = MEETING_KINDS.label(self.kind) if self.kind in MEETING_KINDS else "会议"
        return f"{self.org_name}{kind}签到表"

    @property
    def subtitle(self) -> str:
        try:
            day = format_date_cn(parse_date(self.held_on, "held_on", "日期"))
        except FieldError:
            day = ""
        when = " ".join(p for p in (day or "____年___月___日", self.start_time.strip()) if p)
        parts = [f"时间：{when}", f"地点：{self.place.strip() or '________'}"]
        if self.topic.strip():
            parts.append(f"主题：{self.topic.strip()}")
        return "　".join(parts)

    def rows(self) -> list[list[str]]:
        return [[str(i), name, org, MEMBER_TYPES.label(kind), SIGNATURE_CELL, NOTE_CELL]
                for i, (name, org, kind) in enumerate(self.people, start=1)]


def build_sign_in_sheet(out: Path, sheet: SignInSheet, *, printed_on: date | None = None,
                        progress: Callable[[int, int], None] | None = None,
                        cancelled: Callable[[], bool] | None = None, font: Path | None = None) -> None:
    from desktop.printing.table_document import TableColumn, build_table_pdf  # ReportLab: when first printing

    columns = [TableColumn(title, width, wraps=wraps) for title, width, wraps in COLUMNS]
    build_table_pdf(out, title=sheet.title, subtitle=sheet.subtitle, columns=columns, rows=sheet.rows(),
                    printed_on=printed_on or date.today(),
                    closing_line=f"应到 {len(sheet.people)} 人　实到____人　请假____人　缺席____人　　记录人：________",
                    progress=progress, cancelled=cancelled, font_file=font)


def print_sign_in_sheet(parent: QWidget, sheet: SignInSheet,
                        on_ready: Callable[[Path], None] | None = None) -> PdfJob:
    """Build the sheet in the background and preview it (`on_ready` instead, for tests)."""
    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        build_sign_in_sheet(out, sheet, progress=progress, cancelled=cancelled, font=font)

    return start_pdf(parent, sheet.title, "签到表.pdf", build, on_ready)
