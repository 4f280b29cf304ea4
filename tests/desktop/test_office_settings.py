"""Office details: checked in db/, edited in the dialog, used by case numbers and documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.database import Database
from db.office import office_settings, save_office_settings
from db.validation import ValidationErrors
from desktop.common.context import AppContext
from desktop.office_settings_dialog import OfficeSettingsDialog
from desktop.settings import Settings
from tests.qt_input import replace_text


def test_rules(db: Database) -> None:
    with db.session() as s, s.begin():
        values = office_settings(s)
        with pytest.raises(ValidationErrors) as info:
            save_office_settings(s, values | {"community_name": "", "case_number_prefix": "（2026）幸福",
                                              "office_phone": "12345"})
    messages = {e.field: e.message for e in info.value.errors}
    assert messages["community_name"] == "社区名称：必填"
    assert "字号" in messages["case_number_prefix"] and "办公电话" in messages["office_phone"]


def test_dialog_saves_details_and_refuses_an_otf_font(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = OfficeSettingsDialog(ctx, Settings())
    qtbot.addWidget(dialog)
    assert dialog.edits["community_name"].text() == "幸福社区"
    replace_text(qtbot, dialog.edits["community_name"], "和平社区")
    replace_text(qtbot, dialog.edits["case_number_prefix"], "和平")
    fake = tmp_path / "NotoSansCJK.otf"
    fake.write_bytes(b"OTTO" + b"\0" * 64)
    dialog.font_edit.setText(str(fake))
    dialog.accept()
    assert "TrueType" in dialog.error_text("font_file")
    dialog.font_edit.clear()
    dialog.accept()
    assert dialog.result() == 1
    with ctx.db.session() as s:
        assert office_settings(s)["community_name"] == "和平社区"
        assert office_settings(s)["case_number_prefix"] == "和平"
