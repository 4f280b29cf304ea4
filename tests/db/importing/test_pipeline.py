"""The pipeline's own rules, on the smallest ledgers that show them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from db.database import Database
from db.importing import pipeline
from db.importing.layout import find_layout
from db.importing.read import read_rows
from db.importing.volunteer_hours import REGISTER
from tests.db.test_members import make_id

TODAY = date(2026, 11, 25)


def test_a_pasted_row_numbered_anew_is_still_a_copy(db: Database, tmp_path: Path) -> None:
    zhang = make_id("19800101", "111")
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "志愿者姓名", "证件号码", "活动名称", "活动日期", "起止时间", "服务时长"])
    ws.append([1, "张三", zhang, "环境整治", "2026-03-05", "08:30-11:30", 3])
    ws.append([2, "张三", zhang, "环境整治", "2026-03-05", "08:30-11:30", 3])  # pasted; Excel renumbered it
    ws.append([3, "张三", zhang, "环境整治", "2026-03-06", "08:30-11:30", 3])  # another day: not a copy
    path = tmp_path / "log.xlsx"
    wb.save(path)
    rows = read_rows(path)
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    with db.session() as s, s.begin():
        result = pipeline.run_import(s, REGISTER, rows, layout, pipeline.ImportOptions(today=TODAY))
    assert (result.imported, result.duplicates, result.invalid) == (2, 1, 0)
    assert result.problems[0].row_number == 3 and "与第2行完全相同" in result.problems[0].reasons[0]
