"""The volunteer certificate, the grid-worker roster and the public boards, read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from db.database import Database
from db.grid_workers import GridWorkerInput, save_grid_worker
from db.models import Grid
from db.people import PersonFields
from db.printing_data import certificate_data, grid_boards, workers_without_grid
from db.service_logs import ActivityInput, AttendeeInput, save_activity
from db.volunteers import VolunteerInput, save_volunteer
from desktop.printing.certificate import build_certificate
from desktop.printing.grid_documents import build_grid_boards, build_grid_roster
from tests.db.test_members import make_id

TODAY = date(2026, 11, 25)


def text(path: Path) -> str:
    return "".join(p.extract_text() for p in PdfReader(path).pages)


def test_certificate_counts_the_period_and_masks_the_id(db: Database, tmp_path: Path) -> None:
    id_number = make_id("19900101", "111")
    with db.session() as s, s.begin():
        vid = save_volunteer(s, VolunteerInput(PersonFields(name="张三", id_number=id_number), number="V0007")).id
        services = (("2025-12-20", "义诊", 2), ("2026-03-05", "环境整治", 3), ("2026-04-01", "反诈宣传", 1.5))
        for day, project, hours in services:
            save_activity(s, ActivityInput(project, day, "社区广场", "08:00", "11:00",
                                           attendees=[AttendeeInput(vid, hours)]), today=TODAY)
    with db.session() as s, s.begin():
        first = certificate_data(s, "v0007", date(2026, 1, 1), date(2026, 12, 31), TODAY)
        second = certificate_data(s, "V0007", None, None, TODAY)
    assert first.certificate_number == "志证〔2026〕0001号" and second.certificate_number == "志证〔2026〕0002号"
    assert first.total_hours == 4.5 and second.total_hours == 6.5
    out = tmp_path / "cert.pdf"
    build_certificate(out, first)
    content = text(out)
    masked = f"{id_number[:6]}********{id_number[-4:]}"
    for required in ("志愿服务证明", "志证〔2026〕0001号", "张三", masked, "V0007", "2026年1月1日至2026年12月31日",
                     "累计服务时长 4.5 小时", "环境整治、反诈宣传", "幸福社区志愿服务队", "负责人", "经办人",
                     "（组织印章）", "2026年11月25日", "共 2 次"):
        assert required in content, required
    assert id_number not in content and "义诊" not in content


def test_grid_roster_masks_and_boards_show_phones(db: Database, tmp_path: Path) -> None:
    with db.session() as s, s.begin():
        grids = grid_boards(s)
        wg01 = s.scalar(select(Grid.id).where(Grid.code == "WG01"))
        save_grid_worker(s, GridWorkerInput(PersonFields(name="李梅", phone="13912345678"), role="leader",
                                            grid_ids=[wg01]), today=TODAY)
        save_grid_worker(s, GridWorkerInput(PersonFields(name="孙总", phone="13700001111"), role="chief",
                                            grid_ids=[]), today=TODAY)
    with db.session() as s:
        boards, others = grid_boards(s), workers_without_grid(s)
    assert others == [("孙总", "网格总长", "专职", "13700001111")]
    assert len(boards) == len(grids) == 2 and boards[0].workers[0][0] == "李梅"
    build_grid_roster(tmp_path / "roster.pdf", boards, community="幸福社区", unassigned=others)
    roster = text(tmp_path / "roster.pdf")
    assert "幸福社区网格员花名册" in roster and "139****5678" in roster and "13912345678" not in roster
    assert "孙总" in roster and "2 名网格员" in roster
    build_grid_boards(tmp_path / "boards.pdf", boards, community="幸福社区")
    pages = PdfReader(tmp_path / "boards.pdf").pages
    assert len(pages) == 2
    assert "13912345678" in pages[0].extract_text() and "WG01" in pages[0].extract_text()
