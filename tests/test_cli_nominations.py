"""`export nominations` (issue 17, point 5): the 道德榜样推荐名单 as a PDF from the command line —
this year to today by default, or --from/--to, the first --limit holders; an empty period still
prints a sheet that says so (with a note on stderr); a bad date or limit is one sentence with
exit status 1."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from db.bank.nominations import nominations
from db.database import open_database
from tests.test_cli import run

A4 = {(595, 842), (842, 595)}


def text_of(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("nominations") / "demo.sqlite3"
    assert run_plain("demo", "--db", str(db)) == 0
    return db


def run_plain(*args: str) -> int:
    from main import main

    return main(list(args))


def test_this_year_s_list_by_default(capsys, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    today = date.today()
    database = open_database(demo)
    try:
        with database.session() as s:  # (early in January the demo may have little of this year)
            found = nominations(s, date(today.year, 1, 1), today)
    finally:
        database.close()
    out = tmp_path / "nominations.pdf"
    code, printed, err = run(capsys, "export", "nominations", "--db", str(demo), "--out", str(out))
    assert code == 0, err
    assert printed.strip() == str(out)
    text = text_of(out)
    assert "道德榜样推荐名单" in text and "供两委评议，不作公开排名" in text and "所得积分前 20 名" in text
    assert f"{today.year}年1月1日至{today.year}年{today.month}月{today.day}日" in text
    if found:
        assert f"1 {found[0].holder}" in text and str(found[0].points) in text
    if len(found) > 1:
        assert text.index(found[0].holder) <= text.index(found[1].holder)
    for page in PdfReader(out).pages:
        assert tuple(round(float(x)) for x in page.mediabox.upper_right) in A4


def test_a_period_and_a_limit(capsys, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "spring.pdf"
    # Three months of the demo's year of points, whatever today is.
    start, end = date.today() - timedelta(days=150), date.today() - timedelta(days=60)
    database = open_database(demo)
    try:
        with database.session() as s:
            *listed, next_one = nominations(s, start, end, limit=4)
    finally:
        database.close()
    code, _printed, err = run(capsys, "export", "nominations", "--db", str(demo), "--out", str(out),
                              "--from", start.isoformat(), "--to", end.isoformat(), "--limit", "3")
    assert code == 0, err
    text = text_of(out)
    assert f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日" in text
    assert "所得积分前 3 名" in text
    assert all(n.holder in text for n in listed)
    assert next_one.holder in {n.holder for n in listed} or next_one.holder not in text


def test_an_empty_period_still_prints(capsys, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "empty.pdf"
    code, _printed, err = run(capsys, "export", "nominations", "--db", str(demo), "--out", str(out),
                              "--from", "2001-01-01", "--to", "2001-12-31")
    assert code == 0 and "没有获得积分的记录" in err
    assert "本期无积分记录" in text_of(out)


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "2026-13-01"), "起始日期"),
    (("--to", "明天"), "截止日期"),
    (("--from", "2026-06-01", "--to", "2026-05-01"), "早于起始日期"),
    (("--limit", "0"), "--limit 应为 1 到 500 之间的整数"),
    (("--limit", "many"), "--limit 应为 1 到 500 之间的整数"),
])
def test_bad_dates_and_limits_are_refused(capsys, demo: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          args: tuple[str, ...], message: str) -> None:
    out = tmp_path / "refused.pdf"
    code, _printed, err = run(capsys, "export", "nominations", "--db", str(demo), "--out", str(out), *args)
    assert code == 1 and message in err, err
    assert not out.exists()
