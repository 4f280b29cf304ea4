"""Driving the residents tab (issue 16): a resident entered in the dialog with a household and
care tags, refused with its reason at the field, listed, searched and filtered by tag."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.grid_workers import GridInput, save_grid
from db.housing import BuildingInput, HouseholdInput, RoomInput, save_building, save_household, save_room
from desktop.common.context import AppContext
from desktop.residents.dialog import ResidentDialog
from desktop.residents.tab import ResidentsTab
from tests.db.test_members import make_id
from tests.qt_input import replace_text, type_text


def household(ctx: AppContext) -> int:
    with ctx.db.session() as s, s.begin():
        grid = save_grid(s, GridInput(code="wg91", name="幸福一区")).id
        building = save_building(s, BuildingInput(grid_id=grid, name="3号楼", units=2, floors=6)).id
        room = save_room(s, RoomInput(building_id=building, unit=2, floor=3, number="301")).id
        return save_household(s, HouseholdInput(room_id=room)).id


def tick(dialog: ResidentDialog, name: str) -> None:
    for i in range(dialog.tag_list.count()):
        if dialog.tag_list.item(i).text().startswith(name):
            dialog.tag_list.item(i).setCheckState(Qt.CheckState.Checked)


def test_a_resident_through_the_tab(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    home = household(ctx)
    tab = ResidentsTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    dialog = ResidentDialog(ctx)  # no parent: each widget qtbot closes is its own (a tab collected first took it along)
    qtbot.addWidget(dialog)
    assert dialog.tag_list.count() == 7 and any("（敏感）" in dialog.tag_list.item(i).text() or "(sensitive)" in
                                                dialog.tag_list.item(i).text() for i in range(7))
    type_text(qtbot, dialog.person.name_edit, "王大爷")
    type_text(qtbot, dialog.person.id_number_edit, "410302195001012220")  # a wrong check character
    dialog.household_combo.set_value(home)
    tick(dialog, "独居老人")
    dialog.accept()
    assert "身份证号" in dialog.error_text("id_number") and dialog.saved_id is None
    assert dialog.checked_tags()  # nothing ticked is lost
    replace_text(qtbot, dialog.person.id_number_edit, make_id("19500101", "111"))
    dialog.accept()
    assert dialog.saved_id is not None
    tab.reload_choices()
    tab.refresh()
    assert tab.model.rowCount() == 1
    row = [tab.model.data(tab.model.index(0, c)) for c in range(tab.model.columnCount())]
    assert row[0] == "王大爷" and "WG91 幸福一区" in row and "3号楼 2单元301" in row and "独居老人" in row

    second = ResidentDialog(ctx, household_id=home)  # a second head for the same household
    qtbot.addWidget(second)
    type_text(qtbot, second.person.name_edit, "王小明")
    second.accept()
    assert second.error_text("relation") == "与户主关系：该户已有户主：王大爷"

    type_text(qtbot, tab.search_edit, "wdy")
    tab.refresh()
    assert tab.model.rowCount() == 1
    replace_text(qtbot, tab.search_edit, "")
    index = tab.tag_filter.findText("空巢老人")
    tab.tag_filter.setCurrentIndex(index)
    tab.refresh()
    assert tab.model.rowCount() == 0


def test_the_home_page_lists_care_residents_not_visited(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from db.care_tags import tag_rows
    from db.people import PersonFields
    from db.residents import ResidentInput, save_resident
    from desktop.home.targets import open_home_target
    from desktop.main_window import MainWindow
    from desktop.party_life.figures_panel import MemberListDialog
    from tests.qt_dialogs import handle_next_dialog

    home = household(ctx)
    with ctx.db.session() as s, s.begin():
        alone = next(t.id for t in tag_rows(s) if t.name == "独居老人")
        save_resident(s, ResidentInput(PersonFields(name="王大爷"), household_id=home, tag_ids=[alone]))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    seen: list[list[str]] = []

    def read(dialog: MemberListDialog) -> None:
        seen.append([dialog.table.item(0, c).text() for c in range(3)])
        dialog.reject()

    handle_next_dialog(MemberListDialog, read)
    open_home_target(window, "grid:care_not_visited")
    assert seen == [["王大爷", "3号楼 2单元301", "独居老人"]]
    handle_next_dialog(MemberListDialog, read)
    open_home_target(window, "grid:visits_due")
    assert seen[-1][:2] == ["3号楼 2单元301 王大爷", "WG91 幸福一区"]


def test_a_long_list_shows_its_first_page_at_once_and_the_rest_when_typing_pauses(  # type: ignore[no-untyped-def]
        qtbot, ctx: AppContext) -> None:
    """200,000 residents: a keystroke lists the first FIRST_IDS matches, best first, and the
    rest follow when typing pauses, in the same order (the members tab does the same)."""
    from db.people import PersonFields
    from db.residents import ResidentInput, save_resident
    from desktop.common.base_tab import FIRST_IDS

    given = "伟强明华军芳敏静丽勇"
    names = [f"{surname}{a}{b}" for surname in "张郑周赵曾" for a in given for b in given][:FIRST_IDS + 30]
    with ctx.db.session() as s, s.begin():
        for name in names:
            save_resident(s, ResidentInput(person=PersonFields(name=name), relation="other"))
    tab = ResidentsTab(ctx)
    qtbot.addWidget(tab)
    counts: list[str] = []
    tab.count_changed.connect(counts.append)
    tab.search_edit.setText("z")
    tab.refresh()
    first = list(tab.model.ids)
    assert len(first) == FIRST_IDS and counts[-1] in ("Listing…", "正在列出…")
    tab.finish_listing()
    assert len(tab.model.ids) == FIRST_IDS + 30 and tab.model.ids[:FIRST_IDS] == first
    assert str(FIRST_IDS + 30) in counts[-1]
