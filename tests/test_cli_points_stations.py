"""`points allowance`, `points overdrafts` and `--household` (issue 17, point 1): the office sets
what a station may redeem offline, sees and deals with the accounts a station took below zero,
and a household's account is used from the command line as a resident's is."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run


def ok(capsys, *args: str) -> object:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return json.loads(out)


def test_station_allowances_and_overdrafts_from_the_command_line(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = tmp_path / "office.sqlite3", tmp_path / "station.sqlite3"
    assert run(capsys, "demo", "--db", str(office))[0] == 0
    # (enough for two towels whatever the demo's calendar gave V0001)
    ok(capsys, "points", "earn", "--db", str(office), "--resident", "V0001", "--points", "40", "--reason", "测试")
    assert run(capsys, "station", "create", "--db", str(office), "--name", "幸福驿站", "--out", str(station))[0] == 0
    assert ok(capsys, "points", "allowance", "--db", str(office)) == [
        {"station": "幸福驿站", "points": 500, "default": True}]
    assert ok(capsys, "points", "allowance", "--db", str(office), "--station", "幸福驿站", "--points", "20") == [
        {"station": "幸福驿站", "points": 20, "default": False}]
    code, _out, err = run(capsys, "points", "allowance", "--db", str(office), "--station", "东门", "--points", "5")
    assert code == 1 and "没有名为“东门”的服务站" in err
    code, _out, err = run(capsys, "points", "allowance", "--db", str(office), "--station", "幸福驿站",
                          "--points", "多")
    assert code == 1 and "离线兑换额度" in err
    bundle = tmp_path / "down.zip"
    assert run(capsys, "exchange", "export", "--db", str(office), "--to", "幸福驿站", "--out", str(bundle))[0] == 0
    assert run(capsys, "exchange", "import", "--db", str(station), str(bundle))[0] == 0
    # At the station: 毛巾 costs 8; two are 16 of the 20 allowed, two more are refused.
    before = ok(capsys, "points", "balance", "--db", str(station), "--resident", "V0001")["balance"]
    assert ok(capsys, "points", "redeem", "--db", str(station), "--resident", "V0001", "--item", "毛巾:2")[
        "balance"] == before - 16
    code, _out, err = run(capsys, "points", "redeem", "--db", str(station), "--resident", "V0001", "--item", "毛巾:2")
    assert code == 1 and "超出本服务站的离线兑换额度：还可兑换4分" in err
    # The office spends the rest meanwhile; the station's bundle takes the account below zero.
    rest = ok(capsys, "points", "balance", "--db", str(office), "--resident", "V0001")["balance"]
    assert ok(capsys, "points", "adjust", "--db", str(office), "--resident", "V0001", "--points", str(-rest + 1),
              "--reason", "核对台账")["balance"] == 1
    up = tmp_path / "up.zip"
    assert run(capsys, "exchange", "export", "--db", str(station), "--out", str(up))[0] == 0
    code, out, err = run(capsys, "exchange", "import", "--db", str(office), str(up))
    assert code == 0 and "余额为负" in out + err
    (flag,) = ok(capsys, "points", "overdrafts", "--db", str(office))
    assert flag["station"] == "幸福驿站" and flag["balance"] == -15
    code, _out, err = run(capsys, "points", "overdrafts", "--db", str(office), "--handle", str(flag["id"]))
    assert code == 1 and "处理说明：必填" in err
    assert ok(capsys, "points", "overdrafts", "--db", str(office), "--handle", str(flag["id"]),
              "--note", "已与居民核对") == []


def test_a_households_account_from_the_command_line(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from db.database import open_database
    from db.models import Person, Resident

    db = tmp_path / "demo.sqlite3"
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    opened = open_database(db)
    with opened.session() as s:
        resident = s.scalars(select(Person.id_number).join(Resident, Resident.person_id == Person.id)
                             .where(Resident.household_id.is_not(None), Person.id_number.is_not(None)).limit(1)).one()
    opened.close()
    own = ok(capsys, "points", "balance", "--db", str(db), "--resident", resident)["balance"]
    household = ok(capsys, "points", "earn", "--db", str(db), "--resident", resident, "--household",
                   "--points", "7", "--category", "garbage", "--reason", "全户垃圾分类")
    assert household["balance"] >= 7
    assert ok(capsys, "points", "balance", "--db", str(db), "--resident", resident)["balance"] == own
    out = tmp_path / "household.pdf"
    code, _out, err = run(capsys, "export", "passbook", "--db", str(db), "--resident", resident, "--household",
                          "--out", str(out))
    assert code == 0, err
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "全户垃圾分类" in text and "户" in text
