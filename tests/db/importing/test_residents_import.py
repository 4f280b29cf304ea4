"""Importing a population and housing ledger (人口/房屋台账), messy as offices keep them: the
address made as written (buildings and rooms the grid does not have yet), the floor read from
the door number, one household per room with one head, care tags from the office's list, and
every bad row refused with its reason while the others go in."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from db.database import Database
from db.housing import housing_tree
from db.importing import pipeline
from db.importing.layout import find_layout
from db.importing.read import read_rows
from db.importing.residents import REGISTER
from db.models import Building, Household, Resident, Room
from main import main
from tests.db.test_members import make_id

HEADERS = ["序号", "网格编号", "楼栋", "单元", "门牌号", "姓名", "性别", "身份证号", "与户主关系", "联系电话",
           "户籍地", "人口类型", "政治面貌", "关爱对象"]


def ledger(tmp_path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["幸福社区人口房屋台账（2026年11月）"])  # a title row above the headers, as offices write
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    path = tmp_path / "people.xlsx"
    wb.save(path)
    return path


def run(db: Database, path: Path, **options: object) -> pipeline.ImportResult:
    rows = read_rows(path)
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    with db.session() as s, s.begin():
        return pipeline.run_import(s, REGISTER, rows, layout, pipeline.ImportOptions(**options))  # type: ignore[arg-type]


def test_a_messy_ledger(db: Database, tmp_path: Path) -> None:
    path = ledger(tmp_path, [
        [1, "WG01", "3号楼", "2单元", "301", "王建国", "男", make_id("19500101", "111"), "户主", "13800001111",
         "河南洛阳", "常住", "群众", "独居老人"],
        [2, "WG01", "3号楼", 2, "301室", "李秀英", "女", make_id("19520202", "222"), "妻", "", "", "常住人口", "",
         "空巢老人、低保户"],
        [3, "WG01", "3号楼", "2", "301", "王小明", "男", "", "户主", "", "", "", "", ""],  # a second head
        # a tag not in the office's list
        [4, "WG01", "5号楼", "1", "1203", "赵敏", "女", "", "本人", "", "", "流动人口", "团员", "失独家庭"],
        [5, "WG09", "1号楼", "1", "101", "孙丽", "女", "", "户主", "", "", "", "", ""],  # unknown grid
        [6, "WG01", "5号楼", "1", "1203", "赵敏123", "女", "", "本人", "", "", "流动", "团员", ""],  # digits in a name
        [7, "WG01", "5号楼", "一", "1203", "钱多", "男", "", "子", "", "", "", "", ""],
    ])
    result = run(db, path)
    assert (result.imported, result.invalid) == (3, 4), [p.reasons for p in result.problems]
    reasons = {p.row_number: "；".join(p.reasons) for p in result.problems}
    assert "与户主关系：该户已有户主：王建国" in reasons[5]
    assert "关爱对象：“失独家庭”不在关爱对象类别中" in reasons[6]
    assert "WG09" in reasons[7]
    assert "姓名" in reasons[8]
    with db.session() as s:
        building = s.scalars(select(Building).where(Building.name == "3号楼")).one()
        assert (building.units, building.floors) == (2, 3)  # grown to hold 2单元301
        tall = s.scalars(select(Building).where(Building.name == "5号楼")).one()
        assert tall.floors == 12  # 1203: the 12th floor
        room = s.scalars(select(Room).where(Room.building_id == building.id)).one()
        (household,) = s.scalars(select(Household).where(Household.room_id == room.id)).all()
        assert household.head.name == "王建国"  # type: ignore[union-attr]
        li = s.scalars(select(Resident).join(Resident.person).where(Resident.relation == "spouse")).one()
        assert sorted(t.tag.name for t in li.tags) == ["低保户", "空巢老人"]
        grid = next(g for g in housing_tree(s) if g.title.startswith("WG01"))
        assert (grid.households, grid.residents) == (2, 3)


def test_the_command_line_imports_and_says_what_it_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = ledger(tmp_path, [
        [1, "WG01", "3号楼", "1", "101", "王建国", "男", make_id("19500101", "111"), "户主", "", "", "", "", ""],
        [2, "WG01", "3号楼", "1", "101", "王建国", "男", make_id("19500101", "111"), "户主", "", "", "", "", ""],
    ])
    db = tmp_path / "r.sqlite3"
    assert main(["import", "residents", str(path), "--db", str(db)]) == 0  # a new file has no grid WG01
    assert json.loads(capsys.readouterr().out)["missing"] == {"WG01": [3]}
    assert main(["import", "residents", str(path), "--db", str(db), "--create-orgs",
                 "--errors", str(tmp_path / "errors.xlsx")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["imported"] == 1 and out["duplicates"] == 1
    assert main(["import", "residents", str(path), "--db", str(db)]) == 0  # again: registered already
    assert json.loads(capsys.readouterr().out)["imported"] == 0
