"""Every document the CLI exports is A4 and uses only embedded fonts (none left to the viewer)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from main import main

A4 = {(595, 842), (842, 595)}
NOTICE = "标题：关于开展宣传活动的通知\n主送：各网格\n落款：幸福社区居民委员会\n---\n一、时间\n12月每周六。\n"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("docs") / "demo.sqlite3"
    assert main(["demo", "--db", str(db)]) == 0
    return db


@pytest.mark.parametrize("args", [
    ["roster"], ["roster", "--branch", "离退休党支部", "--unmasked"], ["grid-roster"], ["grid-board"],
    ["register", "--case", "（2026）幸福调字第1号"], ["agreement", "--case", "（2026）幸福调字第1号"],
    ["followup", "--case", "（2026）幸福调字第1号"], ["certificate", "--volunteer", "V0001"],
    ["summary", "--month", "2026-10"], ["notice"],
])
def test_document_is_a4_with_embedded_fonts(demo: Path, tmp_path: Path, args: list[str], capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "doc.pdf"
    extra = []
    if args[0] == "notice":
        text = tmp_path / "notice.txt"
        text.write_text(NOTICE, encoding="utf-8")
        extra = ["--text", str(text)]
    assert main(["export", *args, "--db", str(demo), "--out", str(out), *extra]) == 0, capsys.readouterr().err
    reader = PdfReader(out)
    assert len(reader.pages) >= 1
    for page in reader.pages:
        size = tuple(round(float(x)) for x in page.mediabox.upper_right)
        assert size in A4
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
