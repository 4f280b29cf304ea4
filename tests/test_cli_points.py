"""`points …` and `stats` (issue 17, points 6 and 7): earn, redeem and adjust from the command
line through db.bank; each refusal one sentence with exit status 1 and nothing written; the
stats' points add up (issued − redeemed − expired = outstanding) on the demo community."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run


def stats(capsys, db: Path) -> dict:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "stats", "--db", str(db), "--json")
    assert code == 0, err
    return json.loads(out)


def test_points_from_the_command_line(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    before = stats(capsys, db)
    assert before["points_issued"] - before["points_redeemed"] - before["points_expired"] == \
        before["points_outstanding"] > 0
    assert before["points_accounts"] > 600

    code, out, err = run(capsys, "points", "earn", "--db", str(db), "--resident", "V0001", "--points", "12",
                         "--category", "garbage", "--reason", "垃圾分类督导")
    assert code == 0, err
    start = json.loads(out)["balance"]
    code, out, err = run(capsys, "points", "earn", "--db", str(db), "--resident", "V0001", "--rule", "拾金不昧")
    assert code == 0, err and json.loads(out)["balance"] == start + 10
    code, out, err = run(capsys, "points", "redeem", "--db", str(db), "--resident", "V0001", "--item", "毛巾:2")
    assert code == 0, err
    assert json.loads(out)["points"] == -16 and json.loads(out)["balance"] == start + 10 - 16
    code, out, err = run(capsys, "points", "adjust", "--db", str(db), "--resident", "V0001", "--points", "-1",
                         "--reason", "多记了一分")
    assert code == 0, err and json.loads(out)["balance"] == start - 7

    for args, message in [
        (("redeem", "--resident", "V0001", "--item", "家电维修:999"), "余额不足"),
        (("redeem", "--resident", "V0001", "--item", "毛巾:100000"), "第1项数量：应为1到1000之间的整数"),
        (("redeem", "--resident", "V0001", "--item", "金条"), "物品目录中没有“金条”"),
        (("earn", "--resident", "V0001", "--points", "-5"), "积分：应为1到100000之间的整数"),
        (("earn", "--resident", "V9999", "--points", "5"), "找不到“V9999”"),
        (("adjust", "--resident", "V0001", "--points", "3"), "事由：必填"),
    ]:
        code, _out, err = run(capsys, "points", args[0], "--db", str(db), *args[1:])
        assert code == 1 and message in err, (args, err)
    after = stats(capsys, db)
    assert after["points_outstanding"] == before["points_outstanding"] + 12 + 10 - 16 - 1
    assert after["points_issued"] - after["points_redeemed"] - after["points_expired"] == after["points_outstanding"]


def test_the_passbook_and_the_monthly_report_from_the_command_line(  # type: ignore[no-untyped-def]
        capsys, tmp_path: Path) -> None:
    import pdfplumber

    db = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    assert run(capsys, "points", "earn", "--db", str(db), "--resident", "V0001", "--points", "12",
               "--reason", "清扫楼道")[0] == 0
    out = tmp_path / "passbook.pdf"
    code, _out, err = run(capsys, "export", "passbook", "--db", str(db), "--resident", "V0001", "--out", str(out))
    assert code == 0, err
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "积分存折" in text and "清扫楼道" in text and "+12" in text
    code, _out, err = run(capsys, "export", "passbook", "--db", str(db), "--resident", "V9999", "--out", str(out))
    assert code == 1 and "找不到“V9999”" in err
    out = tmp_path / "report.pdf"
    code, _out, err = run(capsys, "export", "bank-report", "--db", str(db), "--month", "2026-11", "--out", str(out))
    assert code == 0, err
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "道德银行月报" in text and "2026年11月" in text and "月末积分余额" in text
