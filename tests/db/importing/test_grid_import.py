"""Importing a grid ledger whose grid cells are merged over the rows of its workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from db.database import Database
from db.grid_workers import GridWorkerFilter, grid_rows, grid_worker_ids, grid_worker_rows
from db.importing import pipeline
from db.importing.grid_workers import REGISTER
from db.importing.layout import find_layout
from db.importing.read import read_rows
from db.models import Grid
from main import main

SAMPLE = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "grid_ledger.xlsx"


def test_merged_grid_cells(db: Database, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["网格编号", "网格名称", "网格长", "网格员", "专兼职", "联系电话", "负责楼栋", "户数", "人口数"])
    ws.append(["NS-01", "南山第1网格", "方国", "武超", "专职", "19075696036", "1-5栋", 416, 775])
    ws.append([None, None, None, "范燕", "兼职", "13747165949", "6-8栋", None, None])
    ws.merge_cells("A2:A3")
    ws.append(["NS-02", "南山第2网格", "方国", "冯兰秀", "兼差", "13778159841", "9栋", 401, 900])
    path = tmp_path / "grids.xlsx"
    wb.save(path)
    rows = read_rows(path)
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    with db.session() as s, s.begin():
        result = pipeline.run_import(s, REGISTER, rows, layout, pipeline.ImportOptions(create_orgs=True))
    assert result.summary() == {"rows": 3, "imported": 2, "updated": 0, "unchanged": 0, "invalid": 1, "duplicates": 0}
    assert "专兼职：无法识别“兼差”" in result.problems[0].reasons[0]
    with db.session() as s:
        grid = s.scalars(select(Grid).where(Grid.code == "NS-01")).one()
        assert grid.households == 416 and "1-5栋" in grid.buildings and "6-8栋" in grid.buildings
        workers = {r.name: r for r in grid_worker_rows(s, grid_worker_ids(s, GridWorkerFilter()))}
        assert set(workers) == {"方国", "武超", "范燕"}
        assert workers["范燕"].grids.startswith("NS-01") and workers["方国"].role == "leader"
        assert [g.code for g in grid_rows(s)] == ["NS-01", "WG01", "WG02"]  # NS-02's row was refused


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample ledgers not present")
def test_sample_grid_ledger(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "g.sqlite3"
    assert main(["import", "grid-workers", str(SAMPLE), "--db", str(db)]) == 0  # new grids: not without asking
    assert json.loads(capsys.readouterr().out)["missing"]["NS-01"] == [2]
    assert main(["import", "grid-workers", str(SAMPLE), "--db", str(db), "--create-orgs"]) == 0
    assert '"rows": 10, "imported": 10' in capsys.readouterr().out
    assert main(["import", "grid-workers", str(SAMPLE), "--db", str(db)]) == 0  # again: all on record already
    assert json.loads(capsys.readouterr().out)["unchanged"] == 10
    assert main(["stats", "--db", str(db), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"grids": 8' in out and '"grid_workers": 18' in out


def test_the_apps_own_layout_with_roles_and_workers_without_a_grid(db: Database, tmp_path: Path) -> None:
    """One row per worker and grid with 岗位/性别/联系户数/上岗日期/状态; 未分配 is no grid, not a merged cell."""
    wb = Workbook()
    ws = wb.active
    ws.append(["网格编号", "网格名称", "姓名", "性别", "岗位", "专兼职", "联系电话", "负责楼栋", "联系户数", "上岗日期",
               "状态"])
    ws.append(["NS-01", "南山第1网格", "方国", "男", "网格长", "专职", "13800001111", "", 0, "2024-03-01", "在岗"])
    ws.append(["NS-01", "南山第1网格", "武超", "女", "网格员", "兼职", "13800002222", "1-5栋", 120, "", "在岗"])
    ws.append(["NS-02", "南山第2网格", "武超", "女", "网格员", "兼职", "13800002222", "1-5栋", 120, "", "在岗"])
    ws.append(["未分配", "", "黄总", "男", "网格总长", "专职", "13800003333", "", 0, "", "在岗"])
    ws.append(["NS-02", "南山第2网格", "马六", "男", "片长", "专职", "13800004444", "", 0, "", "在岗"])
    path = tmp_path / "export.xlsx"
    wb.save(path)
    rows = read_rows(path)
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None and layout.unmapped == []
    with db.session() as s, s.begin():
        result = pipeline.run_import(s, REGISTER, rows, layout, pipeline.ImportOptions(create_orgs=True))
    assert result.summary() == {"rows": 5, "imported": 4, "updated": 0, "unchanged": 0, "invalid": 1, "duplicates": 0}
    assert result.problems[0].reasons == ["岗位：无法识别“片长”，不在可选范围内"]
    unknown = [(u.label, u.value, u.rows) for u in result.unknown_values]
    assert unknown == [("岗位", "片长", [result.problems[0].row_number])]
    with db.session() as s:
        workers = {r.name: r for r in grid_worker_rows(s, grid_worker_ids(s, GridWorkerFilter()))}
        assert workers["方国"].role == "leader" and workers["方国"].start_on.isoformat() == "2024-03-01"
        assert workers["武超"].grids.count("NS-0") == 2 and workers["武超"].households == 120
        assert workers["武超"].gender == "female"
        assert workers["黄总"].role == "chief" and workers["黄总"].grids == ""
