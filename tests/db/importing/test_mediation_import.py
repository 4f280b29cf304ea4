"""Importing a mediation ledger: own case numbers kept, variants mapped, faults reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.database import Database
from db.importing import pipeline
from db.importing.layout import find_layout
from db.importing.mediation import REGISTER
from db.importing.read import read_rows
from db.models import MediationCase
from main import main

SAMPLE = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "mediation_ledger_gbk.csv"
HEADER = "案件编号,受理日期,申请人,被申请人,纠纷类型,简要案情,承办调解员,调解层级,调解结果,结案日期\n"


def test_numbers_kept_variants_mapped_and_faults(db: Database, tmp_path: Path) -> None:
    csv = tmp_path / "ledger.csv"
    lines = [
        "（2026）南调字第001号,2026-03-01,张三、李四,王五,邻里矛盾,漏水,吴调解,社区调解员,调解成功,2026-03-09",
        "（2026）南调字第002号,2026-03-05,赵六,钱七,物业,拒交物业费,吴调解,社区调解员,正在调解,",
        "（2026）南调字第002号,2026-03-06,孙八,周九,合同,押金,吴调解,社区调解员,调解成功,2026-03-07",
        "（2026）南调字第003号,2026-04-10,郑十,冯十一,婚姻家庭,赡养,吴调解,社区法官,调解成功,2026-04-01",
        "（2026）南调字第004号,2026-04-12,陈十二,褚十三,吵架,琐事,吴调解,社区调解员,调解成功,2026-04-20",
    ]
    csv.write_bytes((HEADER + "\n".join(lines) + "\n").encode("gbk"))
    rows = read_rows(csv)
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    with db.session() as s, s.begin():
        result = pipeline.run_import(s, REGISTER, rows, layout, pipeline.ImportOptions(create_orgs=True))
    assert result.summary() == {"rows": 5, "imported": 2, "updated": 0, "unchanged": 0, "invalid": 2, "duplicates": 1}
    reasons = {p.row_number: "；".join(p.reasons) for p in result.problems}
    assert "与第3行是同一案件" in reasons[4] and "结案日期：不能早于受理日期" in reasons[5]
    assert "无法识别“吵架”" in reasons[6]
    with db.session() as s:
        first = s.scalars(select(MediationCase).where(MediationCase.number == "（2026）南调字第001号")).one()
        assert first.dispute_type == "neighbour" and [p.name for p in first.parties] == ["张三", "李四", "王五"]
        assert first.status == "closed" and first.mediator is not None and first.mediator.person.name == "吴调解"


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample ledgers not present")
def test_sample_ledger_accounts_for_every_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    errors = tmp_path / "errors.xlsx"
    db = tmp_path / "m.sqlite3"
    assert main(["import", "mediation", str(SAMPLE), "--db", str(db), "--errors", str(errors)]) == 0
    out = capsys.readouterr().out
    assert '"rows": 60' in out and '"imported": 58' in out and '"invalid": 1' in out and '"duplicates": 1' in out
    from python_calamine import CalamineWorkbook

    report = CalamineWorkbook.from_path(str(errors)).get_sheet_by_index(0).to_python()
    assert sorted(int(r[-2]) for r in report[1:]) == [21, 34]


def test_a_ledger_without_case_numbers_imported_twice_adds_nothing(db: Database, tmp_path: Path) -> None:
    csv = tmp_path / "ledger.csv"
    csv.write_text("受理日期,申请人,被申请人,纠纷类型,调解结果,结案日期\n"
                   "2026.3.5,张三、李四,王五,合同纠纷,调解成功,2026.3.20\n"
                   "2026.3.6,赵六,钱七,劳动争议纠纷,调解成功,2026.3.21\n", encoding="utf-8")
    rows = read_rows(csv)
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    for _ in range(2):
        with db.session() as s, s.begin():
            result = pipeline.run_import(s, REGISTER, rows, layout)
    assert result.summary()["duplicates"] == 2 and result.imported == 0
    assert all("已登记" in p.reasons[0] for p in result.problems)
    with db.session() as s:
        assert sorted(s.scalars(select(MediationCase.dispute_type))) == ["contract", "labour"]
