"""The member roster read back from the PDF: A4, embedded Chinese font, names, masking, pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.demo import fill_demo
from db.members import MemberFilter, MemberRow, member_ids, member_rows
from desktop.printing import fonts
from desktop.printing.fonts import FontNotFound, find_fonts, is_embeddable
from desktop.printing.member_roster import build_member_roster

A4_PORTRAIT, A4_LANDSCAPE = (595.28, 841.89), (841.89, 595.28)


def text_of(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def embedded_fonts(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]))
    return names


def all_fonts(pdf: Path) -> set[str]:
    return {str(f.get_object()["/BaseFont"]) for page in PdfReader(pdf).pages
            for f in (page["/Resources"].get("/Font") or {}).values()}


@pytest.fixture(scope="module")
def members(module_db_target: Path | str) -> list[MemberRow]:
    from db.database import open_database

    db = open_database(module_db_target)
    fill_demo(db, scale=4, seed=11, today=date(2026, 11, 25))
    with db.session() as s:
        rows = member_rows(s, member_ids(s, MemberFilter()))
    db.close()
    return rows


def test_roster_is_a4_with_an_embedded_chinese_font_and_masked_ids(members: list[MemberRow], tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    build_member_roster(out, members[:40], community="幸福社区", printed_on=date(2026, 11, 25))
    reader = PdfReader(out)
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width, 2), round(height, 2)) == A4_LANDSCAPE  # 14 columns do not fit portrait
    assert all_fonts(out) == embedded_fonts(out) and embedded_fonts(out)
    text = "".join(text_of(out))
    assert "幸福社区党员花名册" in text and "共 40 人" in text
    assert members[0].name in text and members[39].name in text
    first_id = members[0].id_number
    assert first_id not in text and f"{first_id[:6]}********{first_id[-4:]}" in text
    assert "填表人" in text and "审核人" in text and "打印日期：2026年11月25日" in text
    assert "第 1 页 共" in text


def test_unmasked_roster_and_chosen_columns_portrait(members: list[MemberRow], tmp_path: Path) -> None:
    out = tmp_path / "short.pdf"
    build_member_roster(out, members[:5], community="幸福社区", branch="第一网格党支部",
                        fields=("name", "gender", "id_number", "phone"), masked=False)
    width, height = (float(x) for x in PdfReader(out).pages[0].mediabox.upper_right)
    assert (round(width, 2), round(height, 2)) == A4_PORTRAIT
    text = "".join(text_of(out))
    assert members[0].id_number in text and members[0].phone in text and "第一网格党支部" in text
    assert "家庭住址" not in text


def test_thousand_members_page_count(members: list[MemberRow], tmp_path: Path) -> None:
    out = tmp_path / "thousand.pdf"
    build_member_roster(out, members[:1000], community="幸福社区")
    pages = text_of(out)
    total = len(pages)
    assert total > 10
    assert f"第 {total} 页 共 {total} 页" in pages[-1]
    assert "\n1000 " in pages[-1] or " 1000 " in pages[-1] or "1000" in pages[-1].split()
    # Every row number printed once, in order, across the pages.
    numbers = [int(w) for page in pages for w in page.split() if w.isdigit() and 1 <= int(w) <= 1000]
    assert [n for n in numbers if n == 1000] and sorted(set(numbers)) == list(range(1, 1001))


def test_unknown_column_is_refused(members: list[MemberRow], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="未知的花名册栏目"):
        build_member_roster(tmp_path / "x.pdf", members[:1], community="幸福社区", fields=("name", "shoe_size"))
    assert not (tmp_path / "x.pdf").exists()


def test_fonts_skip_what_cannot_be_embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "NotoSansCJK.otf"
    fake.write_bytes(b"OTTO" + b"\0" * 100)  # a CFF-flavoured OpenType header
    assert not is_embeddable(fake)
    monkeypatch.setattr(fonts, "BODY_CANDIDATES", [str(fake)])
    monkeypatch.setattr(fonts, "HEADING_CANDIDATES", [str(fake)])
    with pytest.raises(FontNotFound, match="fonts-wqy-microhei"):
        find_fonts(fake)
