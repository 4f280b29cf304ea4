"""One visit from the 房屋 tab (issue 16, point 2): to the chosen household or to a place, refused
with its reason at the field, listed under the household, and — 报事件 ticked — the incident
report opened with the household and what was found; the report form warns of a possible
duplicate while it is filled in (point 3)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from db.database import Database
from db.grid_workers import GridWorkerInput, save_grid_worker
from db.incidents import IncidentInput, save_incident
from db.models import Incident
from db.people import PersonFields
from desktop.common.context import AppContext
from desktop.incidents.dialog import IncidentDialog
from desktop.residents.houses_tab import HousesTab
from desktop.residents.visit_dialog import VisitDialog
from tests.db.test_housing import block  # noqa: F401 (a fixture)
from tests.qt_input import type_text


def a_worker(db: Database, grid: int) -> int:
    with db.session() as s, s.begin():
        person = PersonFields(name="刘网格", phone="13900002222")
        return save_grid_worker(s, GridWorkerInput(person, grid_ids=[grid])).id


def test_a_visit_to_a_household_and_the_incident_it_reports(  # type: ignore[no-untyped-def]
        qtbot, ctx: AppContext, block: dict[str, int]) -> None:  # noqa: F811
    worker = a_worker(ctx.db, block["grid"])
    dialog = VisitDialog(ctx, household_id=block["household"])
    qtbot.addWidget(dialog)
    assert "3号楼" in dialog.household_label.text() and dialog.date_edit.value() == date.today().isoformat()
    type_text(qtbot, dialog.found_edit, "楼道堆放杂物，有消防隐患")
    dialog.accept()
    assert dialog.error_text("visitor_id") == "走访人：请选择在册的网格员" and dialog.saved_id is None
    dialog.visitor_combo.set_value(worker)
    dialog.report_box.setChecked(True)
    dialog.accept()
    assert dialog.saved_id is not None

    values = dialog.values()
    report = IncidentDialog(ctx, start=IncidentInput(grid_id=values.grid_id, building_id=dialog.building_id,
                                                     household_id=values.household_id, description=values.found,
                                                     visit_id=dialog.saved_id))
    qtbot.addWidget(report)
    assert report.grid_combo.value() == block["grid"] and report.building_combo.value() == block["building"]
    assert report.description_edit.toPlainText() == "楼道堆放杂物，有消防隐患"
    report.category_combo.set_code("hazard")
    type_text(qtbot, report.subject_edit, "楼道堆物")
    report.accept()
    assert report.saved_id is not None
    with ctx.db.session() as s:
        incident = s.get_one(Incident, report.saved_id)
        assert (incident.household_id, incident.visit_id) == (block["household"], dialog.saved_id)

    again = IncidentDialog(ctx, report.saved_id)  # edited later: the household and the visit stay
    qtbot.addWidget(again)
    type_text(qtbot, again.reporter_edit, "王大爷")
    again.accept()
    with ctx.db.session() as s:
        incident = s.get_one(Incident, report.saved_id)
        assert (incident.household_id, incident.visit_id, incident.reporter) == (
            block["household"], dialog.saved_id, "王大爷")

    tab = HousesTab(ctx)  # the household's visits, with the incident reported from it
    qtbot.addWidget(tab)
    tab.refresh()
    room = tab.tree.findItems("2单元301", Qt.MatchFlag.MatchRecursive)[0]
    tab.tree.setCurrentItem(room)
    tab.households.selectRow(0)
    assert tab.visits.table.rowCount() == 1
    line = [tab.visits.table.item(0, c).text() for c in range(5)]
    assert line[1] == "刘网格" and "堆放杂物" in line[2] and line[4] == incident.number


def test_a_visit_to_a_place_needs_the_place(  # type: ignore[no-untyped-def]
        qtbot, ctx: AppContext, block: dict[str, int]) -> None:  # noqa: F811
    worker = a_worker(ctx.db, block["grid"])
    dialog = VisitDialog(ctx, grid_id=block["grid"])
    qtbot.addWidget(dialog)
    dialog.visitor_combo.set_value(worker)
    dialog.accept()
    assert dialog.error_text("place") == "走访地点：必填（走访的不是某一户时）"
    type_text(qtbot, dialog.place_edit, "小区东门")
    dialog.accept()
    assert dialog.saved_id is not None


def test_the_report_form_warns_of_a_possible_duplicate(  # type: ignore[no-untyped-def]
        qtbot, ctx: AppContext, block: dict[str, int]) -> None:  # noqa: F811
    with ctx.db.session() as s, s.begin():
        number = save_incident(s, IncidentInput(grid_id=block["grid"], building_id=block["building"],
                                                category="hazard", subject="楼道堆物")).number
    dialog = IncidentDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.duplicate_label.isHidden()
    dialog.grid_combo.set_value(block["grid"])
    dialog.building_combo.set_value(block["building"])
    dialog.category_combo.set_code("hazard")
    assert not dialog.duplicate_label.isHidden() and number in dialog.duplicate_label.text()
    assert "楼道堆物" in dialog.duplicate_label.text()
    dialog.category_combo.set_code("request")
    assert dialog.duplicate_label.isHidden()
