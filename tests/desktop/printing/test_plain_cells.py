"""What makes the monthly summary's tables of thousands of branches fast must not show: Plain
cells (desktop.printing.document.Plain) print exactly where the CELL paragraphs did, a name that
would wrap stays a paragraph, and a branch table cut into chunks pages like one table. Read back
from real PDFs: every piece of text with the point it is drawn at."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.units import mm

from desktop.printing.document import Plain, form_table, para, plain_if_one_line, write_document
from desktop.printing.fonts import register_fonts
from desktop.printing.summary import CHUNK, branch_table

WIDTHS = [40 * mm, 20 * mm, 25 * mm]
LONG_NAME = "幸福社区第一网格楼栋党小组联合党支部委员会"  # too long for 40 mm at 10.5 pt


def placed_text(path: Path, page: int = 0) -> list[tuple[str, float, float]]:
    """(text, x, y) of every piece of text on a page, in drawing order."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            # the text's point: the text matrix applied to the current transformation
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), round(x, 2), round(y, 2)))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return found


def table_pdf(path: Path, rows: list[list[str]]) -> Path:
    register_fonts()
    write_document(path, [para("表"), form_table(rows, WIDTHS, label_columns=())], title="表",
                   printed_on=date(2026, 12, 3))
    return path


def test_plain_cells_print_where_paragraph_cells_did(tmp_path: Path) -> None:
    rows = [["支部", "党员", "出席率"], ["第一党支部", "12", "83%"], ["第二党支部", "7", "—"]]
    as_paragraphs = placed_text(table_pdf(tmp_path / "paragraphs.pdf", rows))
    plain = [[row[0], *map(Plain, row[1:])] for row in rows]
    as_plain = placed_text(table_pdf(tmp_path / "plain.pdf", plain))
    assert sorted(as_plain) == sorted(as_paragraphs)
    assert [t for t, _, _ in as_plain].count("83%") == 1  # the figures are there, once each


def test_only_a_name_that_fits_one_line_is_made_plain(tmp_path: Path) -> None:
    register_fonts()
    short = plain_if_one_line("第一党支部", WIDTHS[0])
    long = plain_if_one_line(LONG_NAME, WIDTHS[0])
    spaced = plain_if_one_line("第一  党支部", WIDTHS[0])  # a paragraph would close up the spaces
    assert isinstance(short, Plain)
    assert not isinstance(long, Plain) and long == LONG_NAME
    assert not isinstance(spaced, Plain)
    # the long name wraps over several lines of the cell, as before
    header = ["支部", "党员", "出席率"]
    pieces = placed_text(table_pdf(tmp_path / "long.pdf", [header, [long, Plain("3"), Plain("50%")]]))
    lines = [(t, y) for t, _, y in pieces if t in LONG_NAME and t not in (*header, "表")]
    assert len({y for _, y in lines}) > 1 and "".join(t for t, _ in lines) == LONG_NAME


def test_abranch_table_in_chunks_pages_like_one_table(tmp_path: Path) -> None:
    register_fonts()
    rows = [["支部", "党员", "出席率"]] + [[f"第{n}党支部", Plain(str(n)), Plain(f"{n % 100}%")] for n in range(1, 131)]
    assert len(rows) > 3 * CHUNK  # several chunks, over several pages
    one, chunks = tmp_path / "one.pdf", tmp_path / "chunks.pdf"
    write_document(one, [para("表"), form_table(rows, WIDTHS, label_columns=())], title="表",
                   printed_on=date(2026, 12, 3))
    write_document(chunks, [para("表"), *branch_table(rows, WIDTHS)], title="表", printed_on=date(2026, 12, 3))
    pages = len(PdfReader(one).pages)
    assert pages > 2 and len(PdfReader(chunks).pages) == pages
    for page in range(pages):
        assert placed_text(chunks, page) == placed_text(one, page)
