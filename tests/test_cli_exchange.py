"""Issue 15 from the command line, on the demo community with accounts: an administrator makes a
station copy; at the station a clerk signs in with the office's password, imports a volunteer
ledger and exports the week's bundle; at the office a clerk imports it, once, and sends the
office's answer back. Refusals are one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli_safety import demo, demo_template, run  # noqa: F401  (fixtures)
from tests.test_cli_sign_in import ADMIN, CLERK, office  # noqa: F401  (fixtures)

LEDGER = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "volunteer_log.xlsx"


def as_user(monkeypatch: pytest.MonkeyPatch, account: tuple[str, str]) -> list[str]:
    monkeypatch.setenv("CD_PASSWORD", account[1])
    return ["--user", account[0]]


def test_a_station_copy_and_a_week_of_its_work_reach_the_office(  # type: ignore[no-untyped-def]
        capsys, monkeypatch, office: Path, tmp_path: Path) -> None:  # noqa: F811
    station = tmp_path / "station.sqlite3"
    code, _, err = run(capsys, "station", "create", "--db", str(office), "--name", "幸福驿站", "--out", str(station),
                       *as_user(monkeypatch, CLERK))
    assert code == 2 and "管理账号" in err and not station.exists()  # an administrator's work
    code, out, err = run(capsys, "station", "create", "--db", str(office), "--name", "幸福驿站", "--out",
                         str(station), *as_user(monkeypatch, ADMIN))
    assert code == 0, err
    assert "电话号码已隐藏" in out

    clerk = as_user(monkeypatch, CLERK)
    code, out, err = run(capsys, "import", "volunteer-hours", str(LEDGER), "--db", str(station), *clerk)
    assert code == 0, err
    up = tmp_path / "up.zip"
    code, out, err = run(capsys, "exchange", "export", "--db", str(station), "--out", str(up), *clerk)
    assert code == 0, err
    code, out, err = run(capsys, "exchange", "import", "--db", str(office), str(up), *clerk)
    assert code == 0, err
    counts = json.loads(out.strip().splitlines()[-1])
    assert counts["applied"] > 100 and counts["conflicts"] == 0
    code, out, _ = run(capsys, "exchange", "import", "--db", str(office), str(up), *clerk)
    assert json.loads(out)["applied"] == 0  # the same bundle twice applies nothing

    code, _, err = run(capsys, "station", "registers", "--db", str(office), "--set", "volunteers,members", *clerk)
    assert code == 2 and "管理账号" in err  # the office's administrator marks them
    admin = as_user(monkeypatch, ADMIN)
    code, _, err = run(capsys, "station", "registers", "--db", str(office), "--set", "volunteers,houses", *admin)
    assert code == 1 and err.count("\n") == 1 and "没有名为“houses”的登记簿" in err
    code, out, err = run(capsys, "station", "registers", "--db", str(office), "--set", "members,volunteers", *admin)
    assert code == 0 and out == "volunteers\t志愿者与志愿服务时长\nmembers\t党员\n", err
    clerk = as_user(monkeypatch, CLERK)
    down = tmp_path / "down.zip"
    code, out, err = run(capsys, "exchange", "export", "--db", str(office), "--out", str(down), "--to", "幸福驿站",
                         *clerk)
    assert code == 0, err
    code, out, err = run(capsys, "exchange", "import", "--db", str(station), str(down), *clerk)
    assert code == 0, err
    code, out, err = run(capsys, "exchange", "status", "--db", str(station))
    assert code == 0 and "服务站" in out
    code, out, _ = run(capsys, "station", "registers", "--db", str(station))  # the office's choice arrived
    assert code == 0 and out.split() == ["volunteers", "志愿者与志愿服务时长", "members", "党员"]


def test_exchange_refusals_are_one_line(capsys, monkeypatch, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    admin = as_user(monkeypatch, ADMIN)
    code, _, err = run(capsys, "exchange", "export", "--db", str(office), "--out", str(tmp_path / "x.zip"), *admin)
    assert code == 1 and err.count("\n") == 1 and "还没有交换对象" in err
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    code, _, err = run(capsys, "exchange", "import", "--db", str(office), str(broken), *admin)
    assert code == 1 and err.count("\n") == 1
