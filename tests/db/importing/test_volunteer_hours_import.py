"""Importing a volunteer service log: activities grouped, hours checked, volunteers found."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from db.database import Database
from db.importing import pipeline
from db.importing.layout import find_layout
from db.importing.read import read_rows
from db.importing.volunteer_hours import REGISTER
from db.models import ServiceActivity, Volunteer
from db.volunteers import volunteer_total_hours
from main import main
from tests.db.test_members import make_id

SAMPLE = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "volunteer_log.xlsx"
TODAY = date(2026, 11, 25)


def log(tmp_path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["志愿者姓名", "证件号码", "活动名称", "活动日期", "起止时间", "服务时长", "备注"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "log.xlsx"
    wb.save(path)
    return path


def test_lines_become_activities_and_faults_are_reported(db: Database, tmp_path: Path) -> None:
    zhang, li = make_id("19800101", "111"), make_id("19850101", "222")
    path = log(tmp_path, [
        ["张三", zhang, "环境整治", "3月5日", "08:30-11:30", 3, ""],          # year implied
        ["李四", li, "环境整治", "3月5日", "08:30-11:30", "", ""],            # hours from the times
        ["张三", "", "反诈宣传", "2026/04/01", "14:00-15:30", 1.5, ""],      # no ID, name unambiguous
        ["李四", li, "义诊", "2026-05-01", "09:00-10:00", 2, ""],            # hours ≠ end − start
        ["张三", zhang, "夜间值守", "2026-06-01", "18:00-17:00", "", ""],    # ends before it starts
        ["李四", li, "环境整治", "2027/02/30", "08:00-09:00", 1, ""],        # no such date
        ["张三", "", "反诈宣传", "2026/04/01", "14:00-15:30", 1.5, ""],      # exact copy of line 4
        ["王五", "", "义诊", "2026-05-01", "09:00-10:00", 1, ""],            # unknown, no ID
    ])
    rows = read_rows(path)
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    with db.session() as s, s.begin():
        result = pipeline.run_import(s, REGISTER, rows, layout, pipeline.ImportOptions(today=TODAY, create_orgs=True))
    assert result.summary() == {"rows": 8, "imported": 3, "updated": 0, "unchanged": 0, "invalid": 4, "duplicates": 1}
    reasons = {p.row_number: "；".join(p.reasons) for p in result.problems}
    assert "不符" in reasons[5] and "结束时间不能早于开始时间" in reasons[6] and "日期不存在" in reasons[7]
    assert "完全相同" in reasons[8] and "没有名为“王五”的志愿者" in reasons[9]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Volunteer)) == 2  # registered from the log
        assert s.scalar(select(func.count()).select_from(ServiceActivity)) == 2
        zhang_id = s.scalar(select(Volunteer.id).join(Volunteer.person).where(Volunteer.person.has(id_number=zhang)))
        assert volunteer_total_hours(s, zhang_id) == 4.5


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample ledgers not present")
def test_sample_log_accounts_for_every_row(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    errors = tmp_path / "errors.xlsx"
    code = main(["import", "volunteer-hours", str(SAMPLE), "--db", str(tmp_path / "v.sqlite3"),
                 "--errors", str(errors)])
    assert code == 0
    out = capsys.readouterr().out
    assert '"rows": 400' in out and '"imported": 396' in out and '"invalid": 3' in out and '"duplicates": 1' in out
    from python_calamine import CalamineWorkbook

    report = CalamineWorkbook.from_path(str(errors)).get_sheet_by_index(0).to_python()
    assert sorted(int(r[-2]) for r in report[1:]) == [30, 44, 61, 120]


def test_activity_span_allows_leaving_early_but_not_serving_longer(db: Database, tmp_path: Path) -> None:
    """活动起止时间 (the app's export) is the activity's span: a person's hours may be less, never more."""
    wb = Workbook()
    ws = wb.active
    ws.append(["活动日期", "服务项目", "活动起止时间", "姓名", "证件号码", "志愿者编号", "服务时长", "组织单位"])
    ws.append(["2026-05-01", "义诊", "09:00-12:00", "张三", make_id("19800101", "111"), "V0101", 3, "社区卫生站"])
    ws.append(["2026-05-01", "义诊", "09:00-12:00", "李四", "", "V0102", 1.5, "社区卫生站"])  # left early
    ws.append(["2026-05-01", "义诊", "09:00-12:00", "王五", "", "V0103", 4, "社区卫生站"])    # longer than the span
    path = tmp_path / "export.xlsx"
    wb.save(path)
    rows = read_rows(path)
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    with db.session() as s, s.begin():
        result = pipeline.run_import(s, REGISTER, rows, layout, pipeline.ImportOptions(today=TODAY, create_orgs=True))
    assert result.summary() == {"rows": 3, "imported": 2, "updated": 0, "unchanged": 0, "invalid": 1, "duplicates": 0}
    assert "超过活动时长（3 小时）" in result.problems[0].reasons[0] and result.problems[0].row_number == 4
    with db.session() as s:
        activity = s.scalars(select(ServiceActivity)).one()
        assert activity.organiser == "社区卫生站" and len(activity.logs) == 2
        numbers = set(s.scalars(select(Volunteer.number)))
        assert {"V0101", "V0102"} <= numbers  # named by number only: registered under it
