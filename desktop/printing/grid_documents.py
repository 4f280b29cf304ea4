"""The grid-worker roster and the per-grid public board (网格员公示牌) for posting.

The board is posted in the building so residents can call their grid worker: it shows the
workers' phone numbers in full. The roster masks them by default, like every list.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from db.printing_data import GridBoard
from db.validation import mask_phone
from desktop.printing.document import form_table, para, write_document
from desktop.printing.fonts import BODY, HEADING, register_fonts
from desktop.printing.table_document import TableColumn, build_table_pdf

BOARD_TITLE = ParagraphStyle("board_title", fontName=HEADING, fontSize=34, leading=44, alignment=TA_CENTER)
BOARD_GRID = ParagraphStyle("board_grid", fontName=HEADING, fontSize=22, leading=32, alignment=TA_CENTER)
BOARD_TEXT = ParagraphStyle("board_text", fontName=BODY, fontSize=16, leading=26, alignment=TA_CENTER)
BOARD_CELL = ParagraphStyle("board_cell", fontName=BODY, fontSize=18, leading=26, alignment=TA_CENTER)
WIDTH = 170 * mm


def build_grid_roster(out: Path, boards: list[GridBoard], *, community: str, masked: bool = True,
                      unassigned: list[tuple[str, str, str, str]] | None = None,
                      printed_on: date | None = None, font_file: Path | None = None) -> None:
    columns = [TableColumn("序号", 30, wraps=False), TableColumn("网格编号", 60), TableColumn("网格名称", 80),
               TableColumn("负责楼栋", 150), TableColumn("户数", 40), TableColumn("姓名", 50), TableColumn("岗位", 50),
               TableColumn("专兼职", 40), TableColumn("联系电话", 80)]
    rows, n = [], 0
    for board in boards:
        for name, role, employment, phone in board.workers or [("", "", "", "")]:
            n += 1
            rows.append([str(n), board.code, board.name, board.buildings, str(board.households), name, role,
                         employment, mask_phone(phone) if masked else phone])
    for name, role, employment, phone in unassigned or []:
        n += 1
        shown = mask_phone(phone) if masked else phone
        rows.append([str(n), "—", "（统筹各网格）", "", "", name, role, employment, shown])
    workers = sum(len(b.workers) for b in boards) + len(unassigned or [])
    build_table_pdf(out, title=f"{community}网格员花名册", subtitle=f"{len(boards)} 个网格　{workers} 名网格员",
                    columns=columns, rows=rows, printed_on=printed_on or date.today(),
                    closing_line="填表人：____________　　审核人：____________　　日期：______年____月____日",
                    font_file=font_file)


def build_grid_boards(out: Path, boards: list[GridBoard], *, community: str, printed_on: date | None = None,
                      font_file: Path | None = None) -> None:
    """One A4 page per grid, large type, for posting in the grid's buildings."""
    register_fonts(font_file)
    story: list[Flowable] = []
    for i, board in enumerate(boards):
        if i:
            story.append(PageBreak())
        story += [Spacer(1, 10 * mm), para(f"{community}网格公示牌", BOARD_TITLE), Spacer(1, 8 * mm),
                  para(f"{board.code}　{board.name}", BOARD_GRID), Spacer(1, 4 * mm),
                  para(f"服务范围：{board.buildings.replace(',', '、') or '—'}", BOARD_TEXT),
                  para(f"服务户数：{board.households} 户", BOARD_TEXT), Spacer(1, 10 * mm)]
        rows = [[para("岗位", BOARD_CELL), para("姓名", BOARD_CELL), para("联系电话", BOARD_CELL)]]
        rows += [[para(role, BOARD_CELL), para(name, BOARD_CELL), para(phone, BOARD_CELL)]
                 for name, role, _employment, phone in board.workers]
        if len(rows) == 1:
            rows.append([para("—", BOARD_CELL)] * 3)
        story += [form_table(rows, [0.28 * WIDTH, 0.3 * WIDTH, 0.42 * WIDTH], label_columns=()), Spacer(1, 12 * mm),
                  para("有事找网格员，网格员在您身边。", BOARD_TEXT)]
    write_document(out, story, title=f"{community}网格公示牌", printed_on=printed_on or date.today(),
                   font_file=font_file, numbered=False)
