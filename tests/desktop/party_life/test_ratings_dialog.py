"""The Ratings dialog: scores typed into the sheet, totals and stars shown, wrong cells refused,
read-only for a viewer, the indicators and thresholds editors, and the history per branch."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from db.party_life.ratings import IndicatorRow, indicators, rating_thresholds, save_indicators, save_scores
from db.permissions import Actor
from desktop.common.context import AppContext
from desktop.party_life.ratings_dialog import IndicatorsDialog, RatingsDialog, ThresholdsDialog
from tests.qt_dialogs import answer_next_message_box

ADMIN = Actor("wang", "admin", 1, "OFFICE-PC\\staff")
CLERK = Actor("lixiao", "clerk", 2, "OFFICE-PC\\staff")
VIEWER = Actor("zhao", "viewer", 3, "OFFICE-PC\\staff")
YEAR = 2026
FIRST, SECOND = 2, 3  # tests/seed.py


def sheet(ctx: AppContext, year: int = YEAR, rows: tuple[tuple[str, float], ...] = (("组织建设", 60),
                                                                                  ("服务群众", 40))) -> list[int]:
    with ctx.db.session() as s, s.begin():
        save_indicators(s, year, [IndicatorRow(None, name, most) for name, most in rows])
        return [r.id for r in indicators(s, year) if r.id is not None]


def open_dialog(ctx: AppContext, qtbot, actor: Actor) -> RatingsDialog:  # type: ignore[no-untyped-def]
    ctx.db.actor = actor
    dialog = RatingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.year_spin.setValue(YEAR)
    return dialog


def row_text(dialog: RatingsDialog, row: int) -> list[str]:
    t = dialog.sheet_table
    return [t.item(row, c).text() for c in range(t.columnCount())]


def test_clerk_enters_scores_and_sees_totals_and_stars(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    sheet(ctx)
    dialog = open_dialog(ctx, qtbot, CLERK)
    t = dialog.sheet_table
    headers = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    assert headers[:2] == ["组织建设（60）", "服务群众（40）"] and len(headers) == 5  # then total, of 100, stars
    assert row_text(dialog, 0) == ["", "", "0", "0", "—"]  # not scored yet
    t.item(0, 0).setText("57")
    t.item(0, 1).setText("38")  # 95 of 100 → five stars, shown as typed, before saving
    assert row_text(dialog, 0) == ["57", "38", "95", "95", "★★★★★"]
    t.item(1, 0).setText("50")
    t.item(1, 1).setText("34.5")  # 84.5 → three stars (85 is four)
    assert row_text(dialog, 1)[2:] == ["84.5", "84.5", "★★★☆☆"]
    assert dialog.has_unsaved_changes()
    assert dialog.on_save_button_clicked()
    assert not dialog.has_unsaved_changes()
    assert row_text(dialog, 0) == ["57", "38", "95", "95", "★★★★★"]  # read back from the database
    t.setCurrentCell(1, 0)
    assert dialog.history_label.text().endswith("第二党支部")
    assert [dialog.history_table.item(0, c).text() for c in range(3)] == ["2026", "84.5", "★★★☆☆"]


def test_a_score_above_full_marks_saves_nothing(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = sheet(ctx)
    dialog = open_dialog(ctx, qtbot, CLERK)
    dialog.sheet_table.item(0, 0).setText("50")
    dialog.sheet_table.item(1, 1).setText("41")  # out of 40
    assert not dialog.on_save_button_clicked()
    assert dialog.error_label.text() == "第二党支部：服务群众：应在 0 到 40 分之间"
    with ctx.db.session() as s:
        from db.party_life.ratings import score_sheet

        assert score_sheet(s, YEAR) == {}  # 第一党支部's good cell was not written either
    dialog.sheet_table.item(1, 1).setText("40")
    assert dialog.on_save_button_clicked()
    with ctx.db.session() as s:
        assert score_sheet(s, YEAR) == {FIRST: {ids[0]: 50}, SECOND: {ids[1]: 40}}


def test_viewer_reads_the_sheet_only(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = sheet(ctx)
    with ctx.db.session() as s, s.begin():
        save_scores(s, YEAR, FIRST, {ids[0]: 60, ids[1]: 40})
    dialog = open_dialog(ctx, qtbot, VIEWER)
    assert dialog.save_button.isHidden()
    assert row_text(dialog, 0) == ["60", "40", "100", "100", "★★★★★"]
    assert dialog.sheet_table.editTriggers() == dialog.sheet_table.EditTrigger.NoEditTriggers
    thresholds = ThresholdsDialog(ctx, dialog)
    qtbot.addWidget(thresholds)
    assert thresholds.read_only
    indicators_dialog = IndicatorsDialog(ctx, YEAR, dialog)
    qtbot.addWidget(indicators_dialog)
    assert indicators_dialog.read_only and indicators_dialog.add_indicator_button.isHidden()


def test_unsaved_scores_are_asked_about_when_the_year_changes(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    sheet(ctx)
    dialog = open_dialog(ctx, qtbot, CLERK)
    dialog.sheet_table.item(0, 0).setText("50")
    answer_next_message_box(QMessageBox.StandardButton.Cancel)  # keep editing
    dialog.year_spin.setValue(YEAR - 1)
    assert dialog.year_spin.value() == YEAR and dialog.sheet_table.item(0, 0).text() == "50"
    answer_next_message_box(QMessageBox.StandardButton.Discard)
    dialog.year_spin.setValue(YEAR - 1)
    assert dialog.year() == YEAR - 1 and not dialog.empty_label.isHidden()  # no sheet for 2025


def test_new_year_from_last_years_sheet_or_the_example(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    sheet(ctx, YEAR - 1, (("组织建设", 50), ("作风建设", 50)))
    ctx.db.actor = CLERK
    editor = IndicatorsDialog(ctx, YEAR)
    qtbot.addWidget(editor)
    assert editor.copy_button.isEnabled() and "2025" in editor.copy_button.text()
    editor.copy_button.click()
    editor.accept()
    assert editor.result() == QDialog.DialogCode.Accepted
    with ctx.db.session() as s:
        assert [(r.name, r.max_score) for r in indicators(s, YEAR)] == [("组织建设", 50), ("作风建设", 50)]
    editor = IndicatorsDialog(ctx, YEAR + 1)
    qtbot.addWidget(editor)
    editor.example_button.click()
    editor.table.item(0, 1).setText("abc")
    editor.accept()
    assert editor.error_text("indicator0_max_score") == "" and "应为数字" in editor.general_error.text()
    editor.table.item(0, 1).setText("20")
    editor.accept()
    with ctx.db.session() as s:
        assert [r.max_score for r in indicators(s, YEAR + 1)] == [20] * 5


def test_admin_changes_the_thresholds_and_the_stars_follow(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = sheet(ctx)
    with ctx.db.session() as s, s.begin():
        save_scores(s, YEAR, FIRST, {ids[0]: 54, ids[1]: 36})  # 90: four stars by default
    dialog = open_dialog(ctx, qtbot, ADMIN)
    assert row_text(dialog, 0)[-1] == "★★★★☆"
    thresholds = ThresholdsDialog(ctx, dialog)
    qtbot.addWidget(thresholds)
    thresholds.edits[0].setText("90")
    thresholds.edits[1].setText("95")  # not below five stars' line: refused at its field
    thresholds.accept()
    assert thresholds.error_text("threshold1") == "4星分数线：应低于5星分数线 90"
    thresholds.edits[1].setText("80")
    thresholds.accept()
    assert thresholds.result() == QDialog.DialogCode.Accepted
    with ctx.db.session() as s:
        assert rating_thresholds(s) == [90, 80, 75, 65, 60]
    dialog.reload()
    assert row_text(dialog, 0)[-1] == "★★★★★"
