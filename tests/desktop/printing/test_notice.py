"""Notices in the GB/T 9704 layout, read back: margins, fonts, headings, signature, page numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.printing.notice import Notice, build_notice, parse_notice_text

TEXT = """标题：关于积分排名的公示
类型：公示
主送：全体党员
落款：幸福社区党委
日期：2026-11-25
---
现将2026年度党员积分排名公示如下，公示期五个工作日。
一、公示内容
（一）积分前三名党员。
1. 如有异议，请于公示期内向社区党委反映。
表格：
排名,姓名,身份证号,积分
1,张三,410302********1234,86
2,李四,410302198503125678,80
"""


def test_parse_and_build(tmp_path: Path) -> None:
    notice = parse_notice_text(TEXT, date(2026, 1, 1))
    assert notice.kind == "public" and notice.issued_on == date(2026, 11, 25)
    assert notice.table_headers == ["排名", "姓名", "身份证号", "积分"] and len(notice.table_rows) == 2
    out = tmp_path / "notice.pdf"
    build_notice(out, notice)
    reader = PdfReader(out)
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)
    text = "".join(p.extract_text() for p in reader.pages)
    for required in ("幸福社区党委", "关于积分排名的公示", "全体党员：", "一、公示内容", "（一）积分前三名党员",
                     "410302********1234", "410302********5678", "2026年11月25日", "— 1 —"):
        assert required in text, required
    assert "410302198503125678" not in text  # typed in full, printed masked
    fonts = set()
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            fonts.add(str(f.get_object()["/BaseFont"]))
    assert fonts and not any("Helvetica" in f for f in fonts)


def test_a_notice_needs_a_title() -> None:
    with pytest.raises(ValueError, match="标题"):
        parse_notice_text("主送：各单位\n---\n正文", date(2026, 11, 25))


def test_long_notice_numbers_every_page(tmp_path: Path) -> None:
    notice = Notice("notice", "幸福社区居民委员会", "长通知", "各网格", "\n".join(["这是一段很长的正文。" * 8] * 30),
                    date(2026, 11, 25))
    out = tmp_path / "long.pdf"
    build_notice(out, notice)
    pages = PdfReader(out).pages
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"— {number} —" in page.extract_text()
