"""Each tab exports what it lists to .xlsx, in the background."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from db.demo import fill_demo
from desktop.common.context import AppContext
from desktop.members.tab import MembersTab
from desktop.volunteers.tab import VolunteersTab


def test_members_tab_exports_its_filtered_list(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    from db.database import open_database

    db = open_database(tmp_path / "demo.sqlite3")
    fill_demo(db)
    demo = AppContext(db=db)
    tab = MembersTab(demo)
    qtbot.addWidget(tab)
    tab.type_filter.set_code("probationary")
    tab.refresh()
    listed = tab.model.rowCount()
    out = tmp_path / "probationary.xlsx"
    with qtbot.waitSignal(tab.export_to(out, on_done=lambda n: None).finished, timeout=20_000) as blocker:
        pass
    assert blocker.args == [listed]
    sheet = load_workbook(out).active
    assert sheet.max_row == listed + 1 and {c.value for c in sheet["I"][1:]} == {"预备党员"}

    volunteers = VolunteersTab(demo)
    qtbot.addWidget(volunteers)
    out = tmp_path / "log.xlsx"
    with qtbot.waitSignal(volunteers.export_to(out, on_done=lambda n: None).finished, timeout=20_000) as blocker:
        pass
    assert blocker.args == [1500]
    db.close()
