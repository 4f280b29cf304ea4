"""The command line, run in-process: demo, stats, screenshot and the one-line failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse exits on bad arguments
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_stats(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.sqlite3"
    code, out, _ = run(capsys, "demo", "--db", str(db))
    assert code == 0 and json.loads(out)["party_members"] == 300
    code, out, _ = run(capsys, "--db", str(db), "stats", "--json")
    stats = json.loads(out)
    assert code == 0 and stats["members"] == 300 and stats["service_logs"] == 1500 and stats["service_hours"] > 0

    code, out, err = run(capsys, "demo", "--db", str(db))
    assert code == 1 and out == "" and err.count("\n") == 1 and "不是空的" in err


def test_stats_failures_are_one_line(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "stats", "--db", str(tmp_path / "absent.sqlite3"), "--json")
    assert code == 1 and err.count("\n") == 1 and "找不到" in err
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    code, _, err = run(capsys, "stats", "--db", str(text))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("args", [["stats", "--nope"], ["frobnicate"], ["demo", "--scale", "many"],
                                  ["screenshot", "--tab", "kitchen", "--out", "x.png"]])
def test_bad_arguments(capsys, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, *args)
    assert code == 2 and err.count("\n") == 1


def test_screenshot_of_each_tab(capsys, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    for tab in ("members", "grid-workers", "mediation", "volunteers"):
        out = tmp_path / f"{tab}.png"
        code, _, err = run(capsys, "screenshot", "--db", str(db), "--tab", tab, "--out", str(out))
        assert code == 0, err
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000


def test_export_roster(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    db = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    out = tmp_path / "roster.pdf"
    code, printed, err = run(capsys, "export", "roster", "--db", str(db), "--out", str(out), "--branch", "离退休党支部")
    assert code == 0, err
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "离退休党支部" in text and "幸福社区党员花名册" in text
    code, _, err = run(capsys, "export", "roster", "--db", str(db), "--out", str(out), "--branch", "不存在的支部")
    assert code == 1 and "没有名为“不存在的支部”的支部" in err and err.count("\n") == 1
    code, _, err = run(capsys, "export", "roster", "--db", str(db), "--out", str(out), "--columns", "name,shoe")
    assert code == 1 and "shoe" in err
    code, _, err = run(capsys, "export", "roster", "--db", str(db), "--out", str(tmp_path / "no" / "dir.pdf"))
    assert code == 1 and err.count("\n") == 1


def test_export_mediation_papers(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    for document in ("register", "agreement", "followup"):
        out = tmp_path / f"{document}.pdf"
        code, _, err = run(capsys, "export", document, "--db", str(db), "--case", "（2026）幸福调字第1号",
                           "--out", str(out))
        assert code == 0, err
        assert out.read_bytes()[:5] == b"%PDF-"
    code, _, err = run(capsys, "export", "agreement", "--db", str(db), "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "--case" in err


def test_export_certificate_and_grid_documents(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    for args in (["certificate", "--volunteer", "V0001", "--from", "2025-01-01", "--to", "2026-11-25"],
                 ["grid-roster"], ["grid-board"]):
        out = tmp_path / f"{args[0]}.pdf"
        code, _, err = run(capsys, "export", *args, "--db", str(db), "--out", str(out))
        assert code == 0, err
        assert out.read_bytes()[:5] == b"%PDF-"
    code, _, err = run(capsys, "export", "certificate", "--volunteer", "V9999", "--db", str(db), "--out", "x.pdf")
    assert code == 1 and "V9999" in err
    code, _, err = run(capsys, "export", "certificate", "--volunteer", "V0001", "--from", "2026-02-30",
                       "--db", str(db), "--out", "x.pdf")
    assert code == 1 and "日期不存在" in err


def test_export_notice(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = tmp_path / "notice.txt"
    text.write_text("标题：关于开展宣传活动的通知\n主送：各网格\n落款：幸福社区居民委员会\n---\n一、时间\n12月每周六。\n",
                    encoding="utf-8")
    out = tmp_path / "notice.pdf"
    code, _, err = run(capsys, "export", "notice", "--text", str(text), "--out", str(out))
    assert code == 0, err
    assert out.read_bytes()[:5] == b"%PDF-"
    (tmp_path / "bad.txt").write_bytes("标题".encode("gbk"))
    code, _, err = run(capsys, "export", "notice", "--text", str(tmp_path / "bad.txt"), "--out", str(out))
    assert code == 1 and err.count("\n") == 1


def test_export_summary(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    out = tmp_path / "summary.pdf"
    code, _, err = run(capsys, "export", "summary", "--db", str(db), "--month", "2026-10", "--out", str(out))
    assert code == 0, err
    assert out.read_bytes()[:5] == b"%PDF-"
    code, _, err = run(capsys, "export", "summary", "--db", str(db), "--month", "2026-13", "--out", str(out))
    assert code == 1 and "YYYY-MM" in err


def test_import_and_export_xlsx(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    out = tmp_path / "members.xlsx"
    code, printed, err = run(capsys, "export-xlsx", "members", "--db", str(db), "--out", str(out), "--unmasked")
    assert code == 0, err
    assert json.loads(printed)["rows"] == 295
    fresh = tmp_path / "fresh.sqlite3"
    code, printed, err = run(capsys, "import", "members", str(out), "--db", str(fresh), "--create-orgs")
    assert code == 0, err
    counts = {k: v for k, v in json.loads(printed).items() if k != "created"}
    assert counts == {"rows": 295, "imported": 295, "updated": 0, "unchanged": 0, "invalid": 0, "duplicates": 0}
    code, _, err = run(capsys, "import", "members", str(tmp_path / "absent.xlsx"), "--db", str(fresh))
    assert code == 1 and "找不到" in err

    out = tmp_path / "residents.xlsx"  # the 人口台账, masked: numbers starred, sensitive tags left out
    code, printed, err = run(capsys, "export-xlsx", "residents", "--db", str(db), "--out", str(out))
    assert code == 0, err
    assert json.loads(printed)["rows"] > 7000
    from openpyxl import load_workbook

    header, *lines = load_workbook(out, read_only=True).active.iter_rows(values_only=True)
    tags = {t for line in lines for t in (line[header.index("关爱对象")] or "").split("、")}
    assert "独居老人" in tags and "低保户" not in tags and "重点人员" not in tags


def test_stats_json_has_party_life_figures(capsys, db, db_target: Path | str) -> None:  # type: ignore[no-untyped-def]
    """Dates relative to today, since `stats` counts the last 12 months from the real today."""
    from datetime import date, timedelta

    from tests.db.party_life.world import BRANCH_1, BRANCH_2, add_meeting, add_member

    today = date.today()
    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    with db.session() as s, s.begin():
        a = add_member(s, "张三", "19750101", "011", BRANCH_1, today, admitted_on="2005-11-20", full_on="2006-11-20",
                       reported=True, reported_on=ago(30))
        b = add_member(s, "李四", "19800202", "022", BRANCH_1, today, admitted_on="2005-11-20", full_on="2006-11-20")
        c = add_member(s, "王五", "19700303", "033", BRANCH_2, today, admitted_on="2000-07-01", full_on="2001-07-01",
                       category="mobile", category_since=ago(400))
        d = add_member(s, "赵六", "19900404", "044", BRANCH_2, today, member_type="probationary",
                       admitted_on=ago(400), category="retired")
        add_meeting(s, "lecture", BRANCH_1, ago(20), [(a, "present"), (b, "absent"), (c, "leave")], today)
        add_meeting(s, "themed_day", BRANCH_2, ago(100), [(a, "present"), (b, "absent"), (c, "present")], today)
        add_meeting(s, "themed_day", BRANCH_2, ago(400), [(b, "present"), (d, "present")], today)  # > 12 months
    db.close()
    code, out, _ = run(capsys, "stats", "--db", str(db_target), "--json")
    stats = json.loads(out)
    assert code == 0 and stats["members"] == 4 and stats["branches"] == 2  # the old keys are still there
    assert stats["meetings_last_12_months"] == 2
    # lines in the 12 months: present a, a, c; leave c; absent b, b → 3 / 6
    assert stats["attendance_rate_last_12_months"] == 50.0
    # present at least once: a, c of 4 members (d only came 400 days ago) → 50.0; at the 党课: a → 25.0
    assert stats["participation_rate_last_12_months"] == 50.0
    assert stats["education_coverage_last_12_months"] == 25.0
    # b absent at both meetings of the last six months; d's probation year is up; c mobile for 400 days;
    # in service: a reported 30 days ago, b never, d is retired → b
    assert (stats["flag_absent_six_months"], stats["flag_overdue_probation"], stats["flag_mobile_or_lost_six_months"],
            stats["flag_not_reported_six_months"]) == (1, 1, 1, 1)
