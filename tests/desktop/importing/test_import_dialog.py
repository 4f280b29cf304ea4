"""The import dialog: mapping found and corrected, a check that writes nothing, the import."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

from db.importing.registers import LEDGERS
from db.models import PartyMember
from desktop.common.context import AppContext
from desktop.importing.dialog import ImportDialog, mapping_key
from desktop.settings import Settings
from tests.db.test_members import make_id


def ledger(tmp_path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["幸福社区党员名单"])
    ws.append(["序号", "姓名", "证件号", "入党时间", "转正时间", "所在支部"])  # 证件号: not a known header
    ws.append([1, "张三", make_id("19850312", "131"), "2010.07", "2011.07", "第一党支部"])
    ws.append([2, "李四", make_id("19900101", "222")[:-1] + "0", "2015.07", "2016.07", "第一党支部"])
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    return path


def test_check_correct_mapping_then_import(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    settings = Settings()
    dialog = ImportDialog(ctx, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.load_file(ledger(tmp_path))
    assert dialog.combos["name"].currentText() == "姓名" and dialog.combos["id_number"].currentData() == -1
    dialog.combos["id_number"].setCurrentIndex(dialog.combos["id_number"].findText("证件号"))

    job = dialog.run(dry_run=True)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert dialog.result is not None and dialog.result.summary()["imported"] == 1
    assert dialog.problems.rowCount() == 1 and "校验位" in dialog.problems.item(0, 1).text()
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(PartyMember)) == 0  # a check writes nothing

    job = dialog.run(dry_run=False)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(PartyMember)) == 1
    assert "证件号" in settings.value(mapping_key(LEDGERS["members"]))  # the correction is remembered
    report = tmp_path / "not-imported.xlsx"
    dialog.save_report(report)
    assert report.exists()

    again = ImportDialog(ctx, settings=settings)
    qtbot.addWidget(again)
    again.load_file(ledger(tmp_path))
    assert again.combos["id_number"].currentText() == "证件号"


def test_the_dialog_imports_other_ledgers(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["志愿者姓名", "证件号码", "活动名称", "活动日期", "起止时间", "服务时长"])
    ws.append(["张三", make_id("19850312", "131"), "环境整治", "2026-03-05", "08:30-11:30", 3])
    ws.append(["李四", make_id("19900101", "222"), "环境整治", "2026-03-05", "08:30-11:00", 3])
    path = tmp_path / "log.xlsx"
    wb.save(path)
    dialog = ImportDialog(ctx, settings=Settings(), kind=LEDGERS["volunteer-hours"])
    qtbot.addWidget(dialog)
    assert not dialog.update_check.isVisibleTo(dialog) and "志愿服务记录" in dialog.windowTitle()
    assert dialog.load_file(path)
    job = dialog.run(dry_run=False)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert dialog.result is not None and dialog.result.summary()["imported"] == 1
    assert "不符" in dialog.problems.item(0, 1).text()
