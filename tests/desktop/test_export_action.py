"""Each tab exports what it lists to .xlsx, in the background."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from db.demo import fill_demo
from desktop.common.context import AppContext
from desktop.members.tab import MembersTab
from desktop.residents.tab import ResidentsTab
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

    residents = ResidentsTab(demo)  # the residents carrying one care tag, as the filter lists them
    qtbot.addWidget(residents)
    residents.tag_filter.setCurrentIndex(1)
    residents.refresh()
    residents.finish_listing()
    tag, listed = residents.tag_filter.currentText(), residents.model.rowCount()
    out = tmp_path / "tagged.xlsx"
    with qtbot.waitSignal(residents.export_to(out, on_done=lambda n: None).finished, timeout=20_000) as blocker:
        pass
    assert blocker.args == [listed] and listed > 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    tags_column = rows[0].index("关爱对象")
    assert len(rows) == listed + 1 and all(tag in row[tags_column] for row in rows[1:])
    assert residents.export_progress.objectName() == "export_progress"
    db.close()


def test_export_offers_masked_first_and_full_numbers_on_request(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    from db.members import MemberInput, save_member
    from db.people import PersonFields
    from tests.db.test_members import make_id

    id_number = make_id("19850312", "131")
    with ctx.db.session() as s, s.begin():
        save_member(s, MemberInput(PersonFields("张三", id_number=id_number), org_id=1, admitted_on="2010-07-01",
                                   full_on="2011-07-01"))
    tab = MembersTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    actions = [a.text() for a in tab.export_button.menu().actions()]
    assert actions == ["ID and phone numbers masked…", "Full ID and phone numbers…"]
    for masked, expected in ((True, f"{id_number[:6]}********{id_number[-4:]}"), (False, id_number)):
        out = tmp_path / f"{masked}.xlsx"
        with qtbot.waitSignal(tab.export_to(out, on_done=lambda n: None, masked=masked).finished, timeout=20_000):
            pass
        assert load_workbook(out).active["E2"].value == expected
