"""Notices in the GB/T 9704 layout, read back: grid, margins, faces, headings, signature, page numbers.

Positions come from pdfplumber. pdfminer (under it) drops the letter spacing (Tc) before the
first character of each text-show operator, and ReportLab switches between 256-glyph subsets
inside a line, so a character's x0 there can read up to ~1 mm right of where a viewer draws it:
right-edge checks allow for that; counts and left edges are exact.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from desktop.printing.fonts import find_face, read_faces
from desktop.printing.notice import Notice, build_notice, parse_notice_text
from desktop.printing.notice_fonts import find_notice_fonts
from desktop.printing.notice_layout import BLOCK_HEIGHT, BLOCK_WIDTH, CELL, LEFT, PITCH, TOP

MM = 72 / 25.4
A4_POINTS = (595, 842)
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
ISSUER, DATE_TEXT = "幸福社区居民委员会", "2026年11月25日"
SENTENCE = "社区将于本月组织志愿者开展环境整治活动请各位居民积极参加共同维护整洁优美的居住环境"  # no punctuation


def notice(body: str, **kwargs: Any) -> Notice:
    return Notice(kwargs.pop("kind", "notice"), kwargs.pop("issuer", ISSUER), kwargs.pop("title", "关于环境整治的通知"),
                  kwargs.pop("addressee", "各位居民"), body, date(2026, 11, 25), **kwargs)


def face(fontname: str) -> str:
    """The face behind a subset font name: "AAAAAB+WenQuanYiMicroHei-0" → "WenQuanYiMicroHei-0"."""
    return re.sub(r"^[A-Z]{6}\+", "", fontname)


def rows(page: Any) -> list[list[dict[str, Any]]]:
    """The text rows inside the text block, top to bottom, each a list of chars left to right,
    grouped by baseline (page numbers, under the block, are left out)."""
    by_baseline: dict[float, list[dict[str, Any]]] = {}
    for char in page.chars:
        from_top = page.height - char["matrix"][5]
        if from_top < TOP + BLOCK_HEIGHT + 1 and char["text"].strip():
            by_baseline.setdefault(round(from_top, 1), []).append(char)
    return [sorted(chars, key=lambda c: c["x0"]) for _, chars in sorted(by_baseline.items())]


def text_of(row: list[dict[str, Any]]) -> str:
    return "".join(c["text"] for c in row)


def baseline(row: list[dict[str, Any]], page: Any) -> float:
    return float(page.height - row[0]["matrix"][5])


def pages_of(path: Path) -> list[list[str]]:
    with pdfplumber.open(path) as pdf:
        return [[text_of(r) for r in rows(p)] for p in pdf.pages]


def test_parse_and_build(tmp_path: Path) -> None:
    notice = parse_notice_text(TEXT, date(2026, 1, 1))
    assert notice.kind == "public" and notice.issued_on == date(2026, 11, 25)
    assert notice.table_headers == ["排名", "姓名", "身份证号", "积分"] and len(notice.table_rows) == 2
    out = tmp_path / "notice.pdf"
    build_notice(out, notice)
    reader = PdfReader(out)
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == A4_POINTS
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


@pytest.mark.parametrize("table", ["表格：姓名,电话\n", "表格：\n姓名,电话\n", "表格:  姓名，电话\n\n",
                                   "表格：\n\n姓名\t电话\n"])
def test_the_table_header_may_sit_on_the_table_line_or_the_next(table: str) -> None:
    text = f"标题：志愿者名单\n---\n名单如下。\n{table}张三,13800138000\n李四,13900139000\n"
    parsed = parse_notice_text(text, date(2026, 11, 25))
    assert parsed.table_headers == ["姓名", "电话"]
    assert parsed.table_rows == [["张三", "13800138000"], ["李四", "13900139000"]]
    assert parsed.body == "名单如下。"


def test_a_head_line_keeps_colons_in_its_value() -> None:
    parsed = parse_notice_text("标题: 会议 9:30 开始\n日期：2026-12-01\n---\n正文", date(2026, 11, 25))
    assert parsed.title == "会议 9:30 开始" and parsed.issued_on == date(2026, 12, 1) and not parsed.table_headers


@pytest.mark.parametrize(("text", "message"), [
    ("主送：各单位\n---\n正文", "标题"),
    ("标题：通知\n正文", "---"),
    ("标题：通知\n发文：社区\n---\n正文", "第 2 行"),
    ("标题：通知\n类型：通告\n---\n正文", "类型"),
    ("标题：通知\n---\n正文\n表格：\n", "表格"),
    ("标题：通知\n---\n正文\n表格：姓名,电话\n张三,138,多余\n", "比表头"),
])
def test_a_notice_file_that_cannot_be_read_says_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_notice_text(text, date(2026, 11, 25))


def test_long_notice_numbers_every_page(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    build_notice(out, notice("\n".join(["这是一段很长的正文。" * 8] * 30)))
    pages = PdfReader(out).pages
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"— {number} —" in page.extract_text()


def test_a_page_holds_22_lines_of_28_characters_in_the_gbt_text_block(tmp_path: Path) -> None:
    out = tmp_path / "grid.pdf"
    build_notice(out, notice("\n".join([SENTENCE * 3] * 12)))
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 3
        page = pdf.pages[1]  # a page of body text only
        assert (round(page.width), round(page.height)) == A4_POINTS
        lines = rows(page)
        assert len(lines) == 22
        baselines = [baseline(r, page) for r in lines]
        assert all(abs(b - a - PITCH) < 0.05 for a, b in zip(baselines, baselines[1:], strict=False))
        full = [r for r in lines if len(r) == 28]
        assert len(full) >= 12 and max(len(r) for r in lines) == 28  # 28 characters on every full line
        for row in full:
            assert abs(row[0]["x0"] - LEFT) < 0.2 * MM  # left margin 28 mm
            assert abs(row[-1]["x1"] - (LEFT + BLOCK_WIDTH)) < 1.2 * MM  # right edge of the 156 mm block
            steps = [b["x0"] - a["x0"] for a, b in zip(row, row[1:], strict=False)]
            assert min(steps) > CELL - 0.05 and sum(steps) / len(steps) < CELL + 0.05
        first_top = baseline(lines[0], page) - 0.88 * lines[0][0]["size"]  # the em box's top
        last_bottom = baseline(lines[-1], page) + 0.12 * lines[-1][0]["size"]
        assert TOP <= first_top <= TOP + (PITCH - 16) / 2 + 0.5  # top margin 37 mm: the first row
        assert TOP + BLOCK_HEIGHT - PITCH <= last_bottom <= TOP + BLOCK_HEIGHT  # 225 mm block, 22 rows
        indented = [r for r in lines if abs(r[0]["x0"] - (LEFT + 2 * CELL)) < 0.2 * MM]
        assert indented  # each paragraph opens two characters in
        assert all(0 < len(r) <= 26 for r in indented)


def test_ten_short_paragraphs_and_their_signature_fit_on_one_page(tmp_path: Path) -> None:
    out = tmp_path / "short.pdf"
    build_notice(out, notice("\n".join(f"{i}. 请于本周六上午到社区活动室参加居民会议。" for i in range(1, 11))))
    (page,) = pages_of(out)
    assert page[-2:] == [ISSUER, DATE_TEXT]
    assert page[-3].startswith("10.")


@pytest.mark.parametrize("paragraphs", range(12, 19))
def test_the_issuer_and_date_are_never_alone_on_a_page(tmp_path: Path, paragraphs: int) -> None:
    """One-line paragraphs around the count that fills page 1 exactly (15: 2 rows of letterhead,
    2 blank, the title, 1 blank, the addressee, then 15 rows)."""
    out = tmp_path / "fill.pdf"
    body = "\n".join(f"第{i:02d}条请于本周六上午到社区活动室参加居民会议" for i in range(1, paragraphs + 1))
    build_notice(out, notice(body))
    pages = pages_of(out)
    last = pages[-1]
    assert last[-2:] == [ISSUER, DATE_TEXT] and all(DATE_TEXT not in row for page in pages[:-1] for row in page)
    body_rows = [row for row in last if row.startswith("第")]
    assert body_rows and body_rows[-1].startswith(f"第{paragraphs:02d}条")  # the last lines came along
    if paragraphs == 15:  # the body alone would end exactly at the foot of page 1
        assert len(pages) == 2 and len(body_rows) == 2 and pages[0][-1].startswith("第13条")


@pytest.mark.parametrize("count", [6, 9, 10, 11, 12, 30])
def test_the_last_table_rows_go_with_the_signature(tmp_path: Path, count: int) -> None:
    out = tmp_path / "table.pdf"
    table_rows = [[str(i), f"居民{i}", f"1380013{i:04d}", str(100 - i)] for i in range(1, count + 1)]
    build_notice(out, notice("现将积分排名公示如下。", kind="public", table_headers=["排名", "姓名", "电话", "积分"],
                             table_rows=table_rows))
    pages = pages_of(out)
    assert pages[-1][-2:] == [ISSUER, DATE_TEXT]
    assert any(row.startswith(f"{count}居民{count}") for row in pages[-1])
    assert all("13800130001" not in row for page in pages for row in page)  # phones masked
    if len(pages) > 1 and not any(row.startswith("1居民1") for row in pages[-1]):
        assert pages[-1][0] == "排名姓名电话积分"  # the header repeats over the rows carried over


def test_the_body_is_set_in_one_face(tmp_path: Path) -> None:
    body = "一、活动安排\n（一）时间地点\n1. 本周六上午九点在社区活动室。\n（1）请带好身份证。\n" + SENTENCE * 2
    out = tmp_path / "faces.pdf"
    build_notice(out, notice(body))
    fonts = find_notice_fonts()
    with pdfplumber.open(out) as pdf:
        lines = rows(pdf.pages[0])
    by_text = {text_of(r): {face(c["fontname"]) for c in r} for r in lines}
    plain = [t for t in by_text if not t.startswith(("一、", "（一）"))]
    body_faces = set().union(*(by_text[t] for t in plain if t not in (ISSUER,)))
    assert len(body_faces) == 1  # paragraphs, 1. and （1）, the addressee, the date: one face
    if not fonts.fangsong:  # no 仿宋 here: the headings take that same face, nothing is mixed in
        assert by_text["一、活动安排"] == body_faces and by_text["（一）时间地点"] == body_faces


def _stand_in_fangsong(folder: Path) -> Path:
    """WenQuanYi Micro Hei renamed "FangSong" (family and PostScript names, same lengths), so
    the 仿宋 path runs on a machine without 仿宋. ReportLab does not check table checksums."""
    source = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    if not source.exists():
        pytest.skip("needs fonts-wqy-microhei to make a stand-in 仿宋")
    data = source.read_bytes()
    for old, new in (("WenQuanYi Micro Hei", "FangSong"), ("文泉驿微米黑", "仿宋"), ("文泉驛微米黑", "仿宋")):
        data = data.replace(old.encode("utf-16-be"), new.ljust(len(old)).encode("utf-16-be"))
    for encoding in ("ascii", "utf-16-be"):
        data = data.replace("WenQuanYiMicroHei".encode(encoding), "StandInFangSongCD".encode(encoding))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "standin-fangsong.ttc").write_bytes(data)
    return folder / "standin-fangsong.ttc"


def test_fonts_are_found_by_family_name_under_any_file_name(tmp_path: Path) -> None:
    font = _stand_in_fangsong(tmp_path / "fonts")
    assert "FangSong" in read_faces(font)[0].names
    found = find_face(["仿宋_GB2312", "FangSong"], (tmp_path / "fonts",))
    assert found is not None and found.path == font and found.index == 0
    fonts = find_notice_fonts(dirs=(tmp_path / "fonts",))
    assert fonts.body.path == font and fonts.fangsong


def test_beside_a_fangsong_body_headings_take_hei_and_kai(tmp_path: Path) -> None:
    font = _stand_in_fangsong(tmp_path / "fonts")
    fonts = find_notice_fonts(font)  # as if chosen in 单位信息设置
    assert fonts.fangsong and fonts.body.path == font
    out = tmp_path / "fangsong.pdf"
    build_notice(out, notice("一、活动安排\n（一）时间地点\n本周六上午九点在社区活动室。"), font_file=font)
    with pdfplumber.open(out) as pdf:
        by_text = {text_of(r): {face(c["fontname"]) for c in r} for r in rows(pdf.pages[0])}
    body = by_text["本周六上午九点在社区活动室。"]
    assert body == {"StandInFangSongCD-0"} and by_text[DATE_TEXT] == body and by_text["各位居民："] == body
    if fonts.hei != fonts.body:
        assert by_text["一、活动安排"].isdisjoint(body)  # 黑体
        assert by_text["关于环境整治的通知"].isdisjoint(body)  # title in 小标宋 / 黑体
    if fonts.kai != fonts.body:
        assert by_text["（一）时间地点"].isdisjoint(body)  # 楷体


def test_the_readme_example_notice_file_builds(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Notice files"):]
    start = section.index("```text\n") + len("```text\n")
    example = section[start:section.index("\n```", start)]
    parsed = parse_notice_text(example, date(2026, 1, 1))
    assert parsed.kind == "public" and parsed.table_headers == ["排名", "姓名", "身份证号", "积分"]
    out = tmp_path / "readme.pdf"
    build_notice(out, parsed)
    (page,) = pages_of(out)
    assert page[-2:] == ["幸福社区党委", "2026年11月25日"] and "410302********5678" in "".join(page)
