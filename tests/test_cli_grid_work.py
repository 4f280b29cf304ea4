"""Issue 16's documents from the command line, read back from the PDFs: 网格走访记录表 for a
worker and month, 事件处置单 with its history (the phone masked unless asked), and the monthly
grid report with its coverage, incidents by category and rates."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.database import Database
from db.grid_workers import GridInput, GridWorkerInput, save_grid, save_grid_worker
from db.housing import BuildingInput, HouseholdInput, RoomInput, save_building, save_household, save_room
from db.incidents import IncidentInput, report_incident, take_step
from db.people import PersonFields
from db.visits import RoundLine, save_round
from main import main


def text_of(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace(" ", "")


@pytest.fixture
def grid_work(db: Database) -> Database:
    with db.session() as s, s.begin():
        grid = save_grid(s, GridInput(code="wg91", name="幸福一区")).id
        building = save_building(s, BuildingInput(grid_id=grid, name="3号楼", floors=6)).id
        homes = [save_household(s, HouseholdInput(room_id=save_room(s, RoomInput(
            building_id=building, floor=f, number=f"{f}01")).id)).id for f in (1, 2, 3, 4)]
        worker = save_grid_worker(s, GridWorkerInput(PersonFields(name="刘网格", phone="13900002222"),
                                                     grid_ids=[grid])).id
        save_round(s, "2026-11-20", worker, [RoundLine(homes[0], "老人身体好"),
                                             RoundLine(homes[1], "燃气管老化", True)])
        first = report_incident(s, IncidentInput(grid_id=grid, building_id=building, category="hazard",
                                                 subject="燃气管老化", reporter="王大爷", reporter_phone="13800001111"),
                                at=datetime(2026, 11, 20, 10, 0))
        take_step(s, first.id, "accept", note="已核实", at=datetime(2026, 11, 20, 11, 0))
        take_step(s, first.id, "dispatch", assignee="燃气公司", at=datetime(2026, 11, 20, 14, 0))
        take_step(s, first.id, "finish", note="已更换", at=datetime(2026, 11, 21, 9, 0))
        take_step(s, first.id, "rate", rating="satisfied", at=datetime(2026, 11, 22, 9, 0))
        report_incident(s, IncidentInput(grid_id=grid, category="dispute", subject="楼上漏水"),
                        at=datetime(2026, 11, 23, 10, 0))
    return db


def test_the_grid_work_documents(grid_work: Database, db_target: Path | str, tmp_path: Path,
                                 capsys) -> None:  # type: ignore[no-untyped-def]
    target = str(db_target)
    visits = tmp_path / "visits.pdf"
    assert main(["export", "visits", "--worker", "刘网格", "--month", "2026-11", "--db", target,
                 "--out", str(visits)]) == 0
    text = text_of(visits)
    assert "网格走访记录表" in text and "共走访2次" in text and "燃气管老化" in text and "3号楼201" in text

    sheet = tmp_path / "incident.pdf"
    assert main(["export", "incident", "--id", "2026-0001", "--db", target, "--out", str(sheet)]) == 0
    text = text_of(sheet)
    assert "事件处置单" in text and "138****1111" in text and "13800001111" not in text
    assert "燃气公司" in text and "已更换" in text and "满意" in text

    report = tmp_path / "report.pdf"
    assert main(["export", "grid-report", "--month", "2026-11", "--db", target, "--out", str(report)]) == 0
    text = text_of(report)
    assert "网格工作月报" in text and "WG91幸福一区" in text and "50.0%" in text  # 2 of 4 households visited
    assert "安全隐患1" in text and "矛盾纠纷1" in text

    capsys.readouterr()
    assert main(["export", "incident", "--id", "2026-9999", "--db", target, "--out", str(sheet)]) == 1
    assert "没有编号为“2026-9999”的事件" in capsys.readouterr().err
    assert main(["export", "visits", "--month", "2026-13", "--worker", "刘网格", "--db", target,
                 "--out", str(visits)]) == 1
