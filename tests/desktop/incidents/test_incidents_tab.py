"""Driving the incidents tab (issue 16): a report saved from the dialog, its steps taken from the
handling page (the inputs each step asks for), a step that cannot be taken refused in words,
and the list filtered to what is near its deadline."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QInputDialog, QMessageBox

from db.grid_workers import GridInput, save_grid
from db.incidents import add_working_days
from db.validation import format_date_cn
from desktop.common.context import AppContext
from desktop.incidents.dialog import IncidentDialog
from desktop.incidents.tab import IncidentsTab
from tests.qt_dialogs import answer_next_message_box, handle_next_dialog
from tests.qt_input import type_text


def test_an_incident_through_the_tab(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.session() as s, s.begin():
        grid = save_grid(s, GridInput(code="wg91", name="幸福一区")).id
    tab = IncidentsTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    dialog = IncidentDialog(ctx)  # no parent: each widget qtbot closes is its own
    qtbot.addWidget(dialog)
    assert dialog.step_buttons == {}  # nothing to take before the report is saved
    dialog.accept()
    assert dialog.error_text("subject") == "事件标题：必填" and dialog.error_text("grid_id")
    dialog.grid_combo.set_value(grid)
    dialog.category_combo.set_code("hazard")
    type_text(qtbot, dialog.subject_edit, "楼道堆放杂物")
    dialog.accept()
    assert dialog.saved_id is not None

    handling = IncidentDialog(ctx, dialog.saved_id)
    qtbot.addWidget(handling)
    assert handling.number_label.text().endswith("-0001")
    assert set(handling.step_buttons) == {"accept", "reject", "mark_duplicate", "supervise"}
    assert handling.take("accept", {"note": "已核实"})
    due = format_date_cn(add_working_days(date.today(), 2))  # a hazard: two working days
    assert due in handling.state_label.text() and set(handling.step_buttons) >= {"dispatch"}

    def assignee(box: QInputDialog) -> None:
        handle_next_dialog(QInputDialog, lambda note: (note.setTextValue("请尽快清理"), note.accept()))
        box.setTextValue("物业公司")
        box.accept()

    handle_next_dialog(QInputDialog, assignee)
    handling.on_step_clicked("dispatch")
    assert "物业公司" in handling.state_label.text()
    assert handling.history.rowCount() == 3 and handling.history.item(2, 3).text() == "请尽快清理"
    answer_next_message_box(QMessageBox.StandardButton.Ok)
    assert not handling.take("finish", {"note": ""})  # 办结 needs a note: said, nothing taken
    assert handling.history.rowCount() == 3
    handling.accept()  # the report saved after steps: no edit conflict with itself
    assert handling.saved_id == dialog.saved_id

    tab.refresh()
    assert tab.model.rowCount() == 1
    tab.due_check.setChecked(True)
    tab.refresh()
    assert tab.model.rowCount() in (0, 1)  # near the deadline or not, depending on today's weekday


def test_the_incident_sheet_prints_off_the_ui_thread(qtbot, ctx: AppContext, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from pypdf import PdfReader

    from db.incidents import IncidentInput, report_incident
    from desktop.printing.actions import print_incident_sheet
    from desktop.settings import use_ini_file

    use_ini_file(tmp_path / "settings.ini")
    with ctx.db.session() as s, s.begin():
        grid = save_grid(s, GridInput(code="wg91", name="幸福一区")).id
        number = report_incident(s, IncidentInput(grid_id=grid, category="hazard", subject="楼道堆放杂物")).number
    tab = IncidentsTab(ctx)
    qtbot.addWidget(tab)
    ready: list[Path] = []
    job = print_incident_sheet(tab, ctx.db, number, on_ready=ready.append)
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: bool(ready))
    text = "".join(p.extract_text() for p in PdfReader(ready[0]).pages).replace(" ", "")
    assert "事件处置单" in text and "楼道堆放杂物" in text
