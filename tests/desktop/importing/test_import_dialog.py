"""The import dialog: mapping found and corrected, a check that writes nothing, the import."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

from db.importing.pipeline import CREATE
from db.importing.registers import LEDGERS
from db.models import Grid, GridWorker, MediationCase, PartyMember, PartyOrg
from desktop.common.context import AppContext
from desktop.importing.dialog import ImportDialog, mapping_key, values_key
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
    assert load(qtbot, dialog, ledger(tmp_path))
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
    load(qtbot, again, ledger(tmp_path))
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
    assert load(qtbot, dialog, path)
    job = dialog.run(dry_run=False)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert dialog.result is not None and dialog.result.summary()["imported"] == 1
    assert "不符" in dialog.problems.item(0, 1).text()


def load(qtbot, dialog: ImportDialog, path: Path) -> bool:  # type: ignore[no-untyped-def]
    """Choose the file as the button does, and wait until it has been read."""
    job = dialog.load_file(path)
    with qtbot.waitSignals([job.finished], raising=False, timeout=20_000):
        pass
    return dialog.layout_found is not None


def run_to_end(qtbot, dialog: ImportDialog, dry_run: bool) -> None:  # type: ignore[no-untyped-def]
    job = dialog.run(dry_run=dry_run)
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass


def test_a_grid_ledger_with_merged_cells_through_the_dialog(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["南山社区网格划分表"])
    ws.merge_cells("A1:I1")
    ws.append(["网格编号", "网格名称", "网格长", "网格员", "专兼职", "联系电话", "负责楼栋", "户数", "人口数"])
    ws.append(["NS-01", "南山第1网格", "方国", "武超", "专职", "19075696036", "1-5栋", 416, 775])
    ws.append([None, None, None, "范燕", "兼职", "13747165949", "6-8栋", None, None])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.append(["NS-02", "南山第2网格", "方国", "冯兰秀", "专职", "1377815", "9栋", 401, 900])  # phone too short
    ws.append(["填表人：王芳", None, None, "审核人：李强"])
    path = tmp_path / "grids.xlsx"
    wb.save(path)
    dialog = ImportDialog(ctx, settings=Settings(), kind=LEDGERS["grid-workers"])
    qtbot.addWidget(dialog)
    assert load(qtbot, dialog, path) and dialog.combos["leader"].currentText() == "网格长"
    assert "3" in dialog.summary_label.text()  # three data rows, title and footer left out
    run_to_end(qtbot, dialog, dry_run=True)
    # NS-01 and NS-02 are new grids: nothing is created until staff say so.
    assert dialog.result is not None and dialog.result.summary()["imported"] == 0
    assert dialog.values_panel.isVisibleTo(dialog) and dialog.values_panel.rowCount() == 2
    dialog.values_panel.choose("NS-01", CREATE)
    dialog.values_panel.choose("NS-02", CREATE)
    run_to_end(qtbot, dialog, dry_run=True)
    assert dialog.result is not None and dialog.result.summary()["imported"] == 2
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Grid)) == 2  # the seeded WG01/WG02 only
    run_to_end(qtbot, dialog, dry_run=False)
    assert dialog.problems.rowCount() == 1 and dialog.problems.item(0, 0).text() == "5"
    assert "联系电话" in dialog.problems.item(0, 1).text()
    with ctx.db.session() as s:
        assert set(s.scalars(select(Grid.code))) == {"WG01", "WG02", "NS-01"}  # NS-02's only row was refused
        assert s.scalar(select(func.count()).select_from(GridWorker)) == 3


def test_a_mediation_ledger_in_gbk_csv_through_the_dialog(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_bytes("\n".join([
        "案件编号,受理日期,申请人,被申请人,纠纷类型,调解员,调解结果,结案日期",
        "（2026）幸福调字第1号,2026.3.5,张三,李四,邻里矛盾,王调解,调解成功,2026.3.20",
        "（2026）幸福调字第1号,2026.3.6,赵五,钱六,婚姻家庭,王调解,调解成功,2026.3.21",
        "（2026）幸福调字第2号,2026.4.1,孙七,周八,物业纠纷,王调解,调解成功,2026.3.1",
    ]).encode("gbk"))
    dialog = ImportDialog(ctx, settings=Settings(), kind=LEDGERS["mediation"])
    qtbot.addWidget(dialog)
    assert load(qtbot, dialog, path)
    run_to_end(qtbot, dialog, dry_run=False)
    assert dialog.result is not None
    assert dialog.result.summary() == {"rows": 3, "imported": 1, "updated": 0, "unchanged": 0, "invalid": 1,
                                       "duplicates": 1}
    reasons = [dialog.problems.item(i, 1).text() for i in range(dialog.problems.rowCount())]
    assert "同一案件" in reasons[0] and "结案日期" in reasons[1]
    assert dialog.report_button.isEnabled() and not dialog.import_button.isEnabled()
    with ctx.db.session() as s:
        assert s.scalars(select(MediationCase.dispute_type)).one() == "neighbour"  # 邻里矛盾 → 邻里


def test_cancelling_an_import_writes_nothing(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["姓名", "身份证号", "入党时间", "转正时间", "所在支部"])
    for i in range(20_000):
        ws.append([f"党员{i}", make_id(f"19{50 + i % 40}0101", f"{i % 1000:03d}"), "2010.07", "2011.07", "第一党支部"])
    path = tmp_path / "big.xlsx"
    wb.save(path)
    dialog = ImportDialog(ctx, settings=Settings())
    qtbot.addWidget(dialog)
    assert load(qtbot, dialog, path)
    job = dialog.run(dry_run=False)
    assert job is not None
    dialog.cancel_button.click()  # while it runs: cancels the import, does not close the dialog
    with qtbot.waitSignal(job.cancelled, timeout=20_000):
        pass
    assert dialog.result is None and dialog.import_button.isEnabled()  # ready to try again
    assert "nothing was written" in dialog.summary_label.text()
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(PartyMember)) == 0


def test_a_file_that_is_no_ledger_is_said_in_one_sentence(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    bad = tmp_path / "台账.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    dialog = ImportDialog(ctx, settings=Settings())
    qtbot.addWidget(dialog)
    job = dialog.load_file(bad)
    with qtbot.waitSignal(job.failed, timeout=20_000):
        pass
    assert "台账.xlsx" in dialog.summary_label.text() and not dialog.check_button.isEnabled()


def test_near_branch_names_and_unknown_values_are_answered_in_the_dialog(qtbot, ctx: AppContext,
                                                                          tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "入党时间", "转正时间", "党员类型", "所在支部"])
    ws.append(["张三", make_id("19850312", "131"), "2010.07", "2011.07", "正式", "第1支部"])  # near 第一党支部
    ws.append(["李四", make_id("19860101", "222"), "2012.07", "2013.07", "老党员", "第一党支部"])  # no such type
    ws.append(["王五", make_id("19870101", "333"), "2014.07", "2015.07", "正式党员", "新成立支部"])  # nobody has it
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    settings = Settings()
    dialog = ImportDialog(ctx, settings=settings)
    qtbot.addWidget(dialog)
    assert load(qtbot, dialog, path)
    run_to_end(qtbot, dialog, dry_run=True)
    assert dialog.result is not None and dialog.result.summary()["imported"] == 1  # 张三, in 第一党支部
    panel = dialog.values_panel
    asked = {panel.item(r, 1).text(): panel.cellWidget(r, 3).currentText() for r in range(panel.rowCount())}
    assert set(asked) == {"第1支部", "老党员", "新成立支部"} and asked["第1支部"] == "第一党支部"
    panel.choose("老党员", "full")
    panel.choose("新成立支部", CREATE)
    run_to_end(qtbot, dialog, dry_run=False)
    assert dialog.result is not None and dialog.result.summary()["imported"] == 3
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(PartyOrg).where(PartyOrg.name == "新成立支部")) == 1
    assert json.loads(settings.value(values_key(LEDGERS["members"]))) == {"member_type": {"老党员": "full"}}


def test_updating_with_nothing_new_says_the_records_are_unchanged(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    path = ledger(tmp_path)
    for update in (False, True):
        dialog = ImportDialog(ctx, settings=Settings())
        qtbot.addWidget(dialog)
        assert load(qtbot, dialog, path)
        dialog.combos["id_number"].setCurrentIndex(dialog.combos["id_number"].findText("证件号"))
        dialog.update_check.setChecked(update)
        run_to_end(qtbot, dialog, dry_run=False)
    assert dialog.result is not None and dialog.result.summary()["unchanged"] == 1
    assert dialog.tr("%1 already on record as written.").replace("%1", "1") in dialog.summary_label.text()


def test_mapping_drop_downs_show_the_ledger_headers(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    """A long ledger header is not cut in the drop-down: it widens up to a limit, and the open
    list and the tooltip show it whole."""
    wb = Workbook()
    wb.active.append(["姓名", "公民身份号码（十八位）", "入党时间", "所在党支部（党小组）名称"])
    wb.active.append(["张三", make_id("19850312", "131"), "2010.07", "第一党支部"])
    path = tmp_path / "long_headers.xlsx"
    wb.save(path)
    dialog = ImportDialog(ctx, settings=Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    assert load(qtbot, dialog, path)
    combo = dialog.combos["org"]
    combo.setCurrentIndex(combo.findText("所在党支部(党小组)名称"))
    qtbot.wait(10)
    text_width = combo.fontMetrics().horizontalAdvance("公民身份号码(十八位)")
    assert min(text_width, 200) <= combo.width() <= 200
    assert combo.view().minimumWidth() >= combo.fontMetrics().horizontalAdvance("所在党支部(党小组)名称")
    assert combo.toolTip() == "所在党支部(党小组)名称"  # headers are read in half-width form
