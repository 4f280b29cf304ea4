"""Station copies from the window (issue 15): 文件 → 制作服务站副本 makes the file off the UI
thread and the office's status bar counts its stations; the station copy's window says it is
one (title and status bar) and offers no station copy of its own; 待处理冲突 lists a conflict
with both values and takes the station's on request."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select, text

from db.database import open_database
from db.exchange.incoming import import_bundle
from db.exchange.outgoing import export_bundle, only_peer
from db.models import MediationCase, Person
from desktop.common.context import AppContext
from desktop.exchange.conflicts_dialog import ConflictsDialog
from desktop.exchange.dialogs import StationDialog
from desktop.main_window import MainWindow
from tests.db.test_volunteers import add_volunteer
from tests.desktop.mediation.test_mediation_tab import add_party
from tests.qt_dialogs import answer_next_message_box, handle_next_dialog
from tests.qt_input import type_text


def make_station(qtbot, window: MainWindow, out: Path) -> list[str]:  # type: ignore[no-untyped-def]
    said: list[str] = []

    def fill(dialog: StationDialog) -> None:  # type: ignore[type-arg]
        dialog.buttons.accepted.emit()  # nothing filled in yet: said at the dialog, which stays open
        said.append(dialog.error.text() if dialog.isVisible() else "closed")
        dialog.name_edit.setText("幸福驿站")
        dialog.file_row.edit.setText(str(out))
        dialog.buttons.accepted.emit()

    handle_next_dialog(StationDialog, fill)
    answer_next_message_box(QMessageBox.StandardButton.Ok)  # the message saying where the copy is
    window.make_station_copy()
    with qtbot.waitSignal(window._exchange_job.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: not window.copy_label.isHidden(), timeout=10_000)
    return said


def test_the_office_makes_a_station_copy_and_the_station_says_what_it_is(qtbot, ctx: AppContext,  # type: ignore[no-untyped-def]
                                                                         tmp_path: Path) -> None:
    add_volunteer(ctx.db, "张三", "111")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.copy_label.isHidden()  # a database that does not exchange says nothing
    out = tmp_path / "station.sqlite3"
    assert make_station(qtbot, window, out) == ["Enter the station's name."]
    assert out.exists() and window.copy_label.text() == "Office · 1 stations"

    station = open_database(out, create=False)
    try:
        there = MainWindow(AppContext(db=station, lang="zh_CN"))
        qtbot.addWidget(there)
        assert "幸福驿站 (station copy)" in there.windowTitle()
        assert there.copy_label.text() == "Station copy: 幸福驿站"
        assert not there.findChild(QAction, "station_action").isVisible()
        assert not there.findChild(QAction, "conflicts_action").isVisible()
        assert there.findChild(QAction, "export_bundle_action").isVisible()
    finally:
        station.close()


def test_a_conflict_is_settled_in_the_dialog(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from db.exchange.stations import create_station

    add_volunteer(ctx.db, "张三", "111")
    create_station(ctx.db, "幸福驿站", tmp_path / "station.sqlite3")
    station = open_database(tmp_path / "station.sqlite3", create=False)
    try:
        with station.session() as s, s.begin():
            s.execute(text("UPDATE persons SET notes = '驿站改'"))
            export_bundle(s, only_peer(s), tmp_path / "up.zip")
    finally:
        station.close()
    with ctx.db.session() as s, s.begin():
        s.execute(text("UPDATE persons SET notes = '办公室改'"))
    with ctx.db.session() as s, s.begin():
        assert import_bundle(s, tmp_path / "up.zip").conflicts == 1

    dialog = ConflictsDialog(ctx)
    qtbot.addWidget(dialog)
    shown = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    # Changed by SQL on both sides: the office's log names who registered 张三 last, the
    # station's (the copy starts without the office's log) nobody.
    assert shown[:4] + shown[5:7] == ["人员", "张三", "备注", "办公室改", "驿站改", "幸福驿站"]
    assert shown[4].startswith("系统 ") and shown[7].startswith("（未记录） ")
    assert not dialog.take_button.isEnabled()
    dialog.table.selectRow(0)
    dialog.take_button.click()
    assert dialog.table.rowCount() == 0 and dialog.intro.text() == "No conflicts are waiting." and dialog.changed
    with ctx.db.session() as s:
        assert s.scalars(select(Person.notes)).one() == "驿站改"


def test_possible_duplicates_are_merged_in_the_dialog(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from db.people import PersonFields
    from db.volunteers import VolunteerInput, save_volunteer
    from desktop.exchange.duplicates_dialog import DuplicatesDialog

    with ctx.db.session() as s, s.begin():
        for phone in ("13900003333", "13900002222"):
            save_volunteer(s, VolunteerInput(person=PersonFields(name="郑十", phone=phone)))
    dialog = DuplicatesDialog(ctx)
    qtbot.addWidget(dialog)
    assert [dialog.table.item(0, c).text() for c in range(3)] == ["郑十", "13900003333", "13900002222"]
    dialog.table.selectRow(0)
    dialog.keep_second.click()
    assert dialog.table.rowCount() == 0 and dialog.changed
    with ctx.db.session() as s:
        (live,) = s.scalars(select(Person.phone).where(Person.name == "郑十", Person.deleted_at.is_(None))).all()
    assert live == "13900002222"


def test_a_station_enters_its_registers_and_shows_the_office_s_to_read(qtbot, ctx: AppContext,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    from db.exchange.stations import create_station
    from desktop.mediation.case_dialog import CaseDialog
    from desktop.members.dialog import MemberDialog

    create_station(ctx.db, "幸福驿站", tmp_path / "station.sqlite3")
    station = open_database(tmp_path / "station.sqlite3", create=False)
    try:
        there = MainWindow(AppContext(db=station, lang="zh_CN"))
        qtbot.addWidget(there)
        tabs = there.register_tabs
        for key in ("volunteers", "party_life", "mediation", "points"):
            assert not tabs[key].new_button.isHidden(), key
        for key in ("members", "grid_workers"):
            assert tabs[key].new_button.isHidden() and tabs[key].delete_button.isHidden(), key
        assert not there.findChild(QAction, "import_members_action").isVisible()
        assert there.findChild(QAction, "import_volunteer-hours_action").isVisible()
        dialog = MemberDialog(there.ctx)
        qtbot.addWidget(dialog)
        assert dialog.read_only
        application = CaseDialog(there.ctx)  # an application, accepted (受理) at the office
        qtbot.addWidget(application)
        assert not application.read_only and application.status_combo.currentText() == "待受理"
        assert application.result_combo.code() == "in_progress"  # an application has no result yet
        type_text(qtbot, application.received_on_edit, "2026-11-30")
        add_party(qtbot, application, "applicant", "王建国")
        add_party(qtbot, application, "respondent", "李秀英")
        application.accept()
        assert application.saved_id is not None
        with station.session() as s:
            saved = s.get(MediationCase, application.saved_id)
            assert (saved.status, saved.number) == ("applied", "幸福驿站-临-0001")
        assert not application.status_combo.isEnabled() and not application.closed_on_edit.isEnabled()
    finally:
        station.close()
    office = MainWindow(ctx)  # the office itself enters everything
    qtbot.addWidget(office)
    assert not office.register_tabs["members"].new_button.isHidden()


def test_the_office_marks_a_register_stations_enter_and_the_station_takes_it(  # type: ignore[no-untyped-def]
        qtbot, ctx: AppContext, tmp_path: Path) -> None:
    from db.exchange.stations import create_station
    from desktop.exchange.registers_dialog import StationRegistersDialog

    dialog = StationRegistersDialog(ctx)  # no station yet: said at the dialog, which stays open
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()
    assert "只有办公室" in dialog.error.text()
    create_station(ctx.db, "幸福驿站", tmp_path / "station.sqlite3")
    dialog = StationRegistersDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == ["volunteers", "party_life", "mediation", "points"]  # the usual ones
    dialog.checks["members"].setChecked(True)
    dialog.checks["mediation"].setChecked(False)
    dialog.buttons.accepted.emit()
    assert dialog.error.text() == "" and dialog.result() == dialog.DialogCode.Accepted
    with ctx.db.session() as s, s.begin():
        export_bundle(s, only_peer(s), tmp_path / "down.zip")
    station = open_database(tmp_path / "station.sqlite3", create=False)
    try:
        with station.session() as s, s.begin():
            import_bundle(s, tmp_path / "down.zip")
        there = MainWindow(AppContext(db=station, lang="zh_CN"))
        qtbot.addWidget(there)
        tabs = there.register_tabs
        assert not tabs["members"].new_button.isHidden() and tabs["mediation"].new_button.isHidden()
        assert not there.findChild(QAction, "station_registers_action").isVisible()
    finally:
        station.close()
