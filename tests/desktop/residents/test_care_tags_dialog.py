"""The care tags dialog (关爱对象类别): the office's list edited as a table, saved together or
not at all, with the bad line's problem under the table."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox

from db.care_tags import tag_rows
from desktop.common.context import AppContext
from desktop.residents.care_tags_dialog import COL_ACTIVE, COL_MONTHS, COL_NAME, CareTagsDialog
from desktop.residents.tab import ResidentsTab
from tests.qt_input import replace_text, type_text


def cell(dialog: CareTagsDialog, row: int, col: int):  # type: ignore[no-untyped-def]
    return dialog.table.cellWidget(row, col)


def test_tags_are_added_renamed_and_switched_off(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    tab = ResidentsTab(ctx)
    qtbot.addWidget(tab)
    dialog = CareTagsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 7
    name: QLineEdit = cell(dialog, 0, COL_NAME)
    replace_text(qtbot, name, "高龄独居老人")
    retired: QCheckBox = cell(dialog, 5, COL_ACTIVE)  # 退役军人
    retired.setChecked(False)
    dialog.add_button.click()
    type_text(qtbot, cell(dialog, 7, COL_NAME), "空巢老人")  # already on line 2
    dialog.accept()
    assert not dialog.error_label.isHidden()
    assert "第8行" in dialog.error_label.text() and "第2行重复" in dialog.error_label.text()
    with ctx.db.session() as s:
        assert tag_rows(s)[0].name == "独居老人"  # nothing written

    replace_text(qtbot, cell(dialog, 7, COL_NAME), "困境儿童")
    months: QSpinBox = cell(dialog, 7, COL_MONTHS)
    months.setValue(2)
    dialog.add_button.click()  # a line added and left empty is not a tag
    dialog.accept()
    assert dialog.result() == CareTagsDialog.DialogCode.Accepted
    with ctx.db.session() as s:
        rows = {r.name: r for r in tag_rows(s, include_inactive=True)}
    assert rows["高龄独居老人"].active and not rows["退役军人"].active and rows["困境儿童"].visit_months == 2
    assert "" not in rows
    tab.reload_choices()
    filters = [tab.tag_filter.itemText(i) for i in range(tab.tag_filter.count())]
    assert "困境儿童" in filters and "退役军人" not in filters
