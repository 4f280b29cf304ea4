"""Each tab's print action builds its document in the background, from the selection."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.database import open_database
from db.demo import fill_demo
from desktop.common.context import AppContext
from desktop.grid_workers.tab import GridWorkersTab
from desktop.mediation.tab import MediationTab
from desktop.printing.actions import print_monthly_summary, print_notice
from desktop.printing.print_dialogs import NoticeDialog
from desktop.volunteers.tab import VOLUNTEERS, VolunteersTab
from tests.qt_input import type_text


@pytest.fixture
def demo_ctx(tmp_path: Path, qapp, db_target: Path | str):  # type: ignore[no-untyped-def]
    from desktop.settings import use_ini_file

    use_ini_file(tmp_path / "settings.ini")
    db = open_database(db_target)
    fill_demo(db)
    yield AppContext(db=db)
    db.close()
    use_ini_file(None)


def wait_for_pdf(qtbot, start) -> str:  # type: ignore[no-untyped-def]
    ready: list[Path] = []
    job = start(ready.append)
    assert job is not None
    qtbot.waitUntil(lambda: bool(ready), timeout=30_000)
    return "".join(p.extract_text() for p in PdfReader(ready[0]).pages)


def test_grid_and_case_and_certificate_actions(qtbot, demo_ctx: AppContext) -> None:
    from desktop.printing.actions import print_grid_boards

    grids = GridWorkersTab(demo_ctx)
    qtbot.addWidget(grids)
    assert [a.text() for a in grids.print_button.menu().actions()][0] == "Grid-worker roster"
    assert "WG01" in wait_for_pdf(qtbot, lambda ready: print_grid_boards(grids, demo_ctx.db, ready))

    cases = MediationTab(demo_ctx)
    qtbot.addWidget(cases)
    cases.refresh()
    cases.table.selectRow(0)
    number = cases.model.row_at(0).number
    text = wait_for_pdf(qtbot, lambda ready: cases.print_paper("agreement", ready))
    assert number in text and "人民调解协议书" in text

    volunteers = VolunteersTab(demo_ctx)
    qtbot.addWidget(volunteers)
    volunteers.set_view(VOLUNTEERS)
    volunteers.table.selectRow(0)
    name = volunteers.model.row_at(0).name
    text = wait_for_pdf(qtbot, lambda ready: volunteers.print_certificate(
        (date(2020, 1, 1), date.today()), ready))
    assert "志愿服务证明" in text and name in text


def test_notice_written_in_the_app_and_monthly_summary(qtbot, demo_ctx: AppContext) -> None:
    dialog = NoticeDialog(demo_ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.title_edit, "关于积分的公示")
    dialog.kind_combo.setCurrentIndex(1)
    type_text(qtbot, dialog.body_edit, "一、公示内容")
    dialog.table_edit.setPlainText("姓名,身份证号\n张三,410302198503121310")
    dialog.accept()
    assert dialog.notice is not None and dialog.notice.table_rows == [["张三", "410302********1310"]]
    text = wait_for_pdf(qtbot, lambda ready: print_notice(dialog, dialog.notice, ready))
    assert "关于积分的公示" in text and "410302198503121310" not in text

    text = wait_for_pdf(qtbot, lambda ready: print_monthly_summary(dialog, demo_ctx.db, 2026, 10, ready))
    assert "2026年10月工作统计" in text


def test_empty_notice_is_refused_at_the_fields(qtbot, demo_ctx: AppContext) -> None:
    dialog = NoticeDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.error_text("title") == "标题：必填" and dialog.error_text("body") == "正文：必填"
