"""The monthly summary's tables of a line per branch (ruled_rows.RuledRows) print what
form_table prints for the same rows, on the same pages: every character at the same point,
read back from real PDFs with pdfplumber. Names too long for their column wrap, and odd cells
print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
from reportlab.lib.units import mm

from desktop.printing.document import form_table, para, write_document
from desktop.printing.fonts import register_fonts
from desktop.printing.ruled_rows import RuledRows

WIDTHS = [40 * mm, 20 * mm, 25 * mm]
LONG_NAME = "幸福社区第一网格楼栋党小组联合党支部委员会"  # too long for 40 mm at 10.5 pt
PRINTED = date(2026, 12, 3)


def placed_chars(path: Path, page: int = 0) -> list[tuple[str, float, float]]:
    """(character, x, top) of every character on a page, left to right, top to bottom."""
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[page].chars
    return sorted((c["text"], round(c["x0"], 1), round(c["top"], 1)) for c in chars if c["text"].strip())


def page_count(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def both(tmp_path: Path, rows: list[list[str]]) -> tuple[Path, Path]:
    register_fonts()
    table, ruled = tmp_path / "table.pdf", tmp_path / "ruled.pdf"
    write_document(table, [para("表"), form_table(rows, WIDTHS, label_columns=())], title="表", printed_on=PRINTED)
    write_document(ruled, [para("表"), RuledRows(rows, WIDTHS)], title="表", printed_on=PRINTED)
    return table, ruled


def test_rows_print_where_form_table_prints_them(tmp_path: Path) -> None:
    rows = [["支部", "党员", "出席率"], ["第一党支部", "12", "83%"], ["第二党支部", "7", "—"]]
    table, ruled = both(tmp_path, rows)
    assert placed_chars(ruled) == placed_chars(table)
    assert "".join(ch for ch, _, _ in placed_chars(ruled)).count("8") == 1  # the figures are there, once each


def test_a_long_table_pages_like_form_table(tmp_path: Path) -> None:
    rows = [["支部", "党员", "出席率"]] + [[f"第{n}党支部", str(n), f"{n % 100}%"] for n in range(1, 131)]
    table, ruled = both(tmp_path, rows)
    pages = page_count(table)
    assert pages > 2 and page_count(ruled) == pages
    for page in range(pages):
        assert placed_chars(ruled, page) == placed_chars(table, page)


def test_a_name_too_long_for_its_column_wraps_in_a_taller_row(tmp_path: Path) -> None:
    header = ["支部", "党员", "出席率"]
    table, ruled = both(tmp_path, [header, [LONG_NAME, "3", "50%"], ["第二党支部", "4", "75%"]])
    chars = placed_chars(ruled)
    header_top = min(top for ch, _, top in chars if ch == "支")
    left = min(x for ch, x, top in chars if top == header_top)  # the table's first column
    name = sorted((c for c in chars if left <= c[1] < left + WIDTHS[0] and c[2] > header_top),
                  key=lambda c: (c[2], c[1]))
    name = [c for c in name if c[2] < min(top for ch, _, top in chars if ch == "二")]  # not the next row
    assert len({top for _, _, top in name}) > 1  # wrapped over several lines of one cell
    assert "".join(ch for ch, _, _ in name) == LONG_NAME
    # the row below sits where form_table's wrapped paragraph pushed it
    second = [c for c in placed_chars(table) if c[0] == "第" and c[2] > name[-1][2]]
    assert second and second == [c for c in chars if c[0] == "第" and c[2] > name[-1][2]]


def test_odd_cells_print_without_failing(tmp_path: Path) -> None:
    register_fonts()
    rows = [["支部", "党员", "出席率"], ["", "", ""], ["第三\n党支部", "1" * 60, "<b>&amp;</b>"]]
    out = tmp_path / "odd.pdf"
    write_document(out, [RuledRows(rows, WIDTHS)], title="表", printed_on=PRINTED)
    text = "".join(ch for ch, _, _ in placed_chars(out))
    assert all(ch in text for ch in "第三党支部<b>&amp;</b>") and text.count("1") >= 60


def test_a_table_taller_than_a_page_with_no_row_that_fits_is_not_split() -> None:
    table = RuledRows([["支部"], ["第一党支部"]], [40 * mm])
    assert table.split(100, 10) == []  # no row fits: the whole table goes to the next frame
    assert table.split(100, 1000) == []  # all fit
    first, rest = table.split(100, table.heights[0] + 1)
    assert first.height == table.heights[0] and rest.height == table.heights[1]
