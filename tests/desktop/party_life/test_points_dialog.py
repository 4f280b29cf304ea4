"""The Points dialog: standing and ledger, points added by a clerk, hidden for a viewer, the rules
editor for administrators, and the ranking notice PDF (names and totals, no ID numbers)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from db.members import MemberInput, save_member
from db.models import Attendance, Meeting, PointEntry
from db.party_life.points import award_for_meeting, point_rules
from db.people import PersonFields
from db.permissions import Actor
from desktop.common.context import AppContext
from desktop.party_life.points_dialog import AddPointsDialog, PointRulesDialog, PointsDialog
from desktop.printing.print_dialogs import NoticeDialog
from tests.db.test_members import make_id
from tests.qt_dialogs import handle_next_dialog
from tests.qt_input import replace_text

ADMIN = Actor("wang", "admin", 1, "OFFICE-PC\\staff")
CLERK = Actor("lixiao", "clerk", 2, "OFFICE-PC\\staff")
VIEWER = Actor("zhao", "viewer", 3, "OFFICE-PC\\staff")
YEAR = 2026
ID_ZHANG = make_id("19850312", "131")
ID_LI = make_id("19900101", "222")


def seed(ctx: AppContext) -> dict[str, int]:
    """张三 (第一党支部) came to one meeting, 李四 (第二党支部) missed it: 61 and 58 points."""
    with ctx.db.session() as s, s.begin():
        a = save_member(s, MemberInput(PersonFields("张三", id_number=ID_ZHANG, phone="13800001111"), org_id=2,
                                       admitted_on="2010-07-01", full_on="2011-07-01")).id
        b = save_member(s, MemberInput(PersonFields("李四", id_number=ID_LI, phone="13900002222"), org_id=3,
                                       admitted_on="2012-07-01", full_on="2013-07-01")).id
        m = Meeting(kind="themed_day", org_id=1, held_at=datetime(YEAR, 3, 5, 9))
        m.attendance = [Attendance(member_id=a, status="present"), Attendance(member_id=b, status="absent")]
        s.add(m)
        s.flush()
        award_for_meeting(s, m)
    return {"张三": a, "李四": b}


def dialog_for(ctx: AppContext, qtbot, actor: Actor) -> PointsDialog:  # type: ignore[no-untyped-def]
    ctx.db.actor = actor
    dialog = PointsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.year_spin.setValue(YEAR)
    return dialog


def cells(dialog: PointsDialog, name: str = "standing_table") -> list[list[str]]:
    model = dialog.findChild(type(dialog.standing_table), name).model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_standing_and_ledger(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = seed(ctx)
    dialog = dialog_for(ctx, qtbot, VIEWER)
    # rank, name, branch, base, earned, deducted, total: 60 + 1 = 61; 60 − 2 = 58
    assert cells(dialog) == [["1", "张三", "第一党支部", "60", "1", "0", "61"],
                             ["2", "李四", "第二党支部", "60", "0", "2", "58"]]
    assert cells(dialog, "branch_table") == [["第一党支部", "1", "61", "61"], ["第二党支部", "1", "58", "58"]]
    dialog.select_member(ids["李四"])
    assert cells(dialog, "ledger_table") == [
        ["2026-03-05", "无故缺席（每次）", "-2", "无故缺席主题党日（2026年3月5日）", "系统"]]
    dialog.branch_combo.setCurrentIndex(dialog.branch_combo.findData(2))
    assert [row[1] for row in cells(dialog)] == ["张三"]


def test_viewer_sees_no_add_or_delete(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    seed(ctx)
    dialog = dialog_for(ctx, qtbot, VIEWER)
    assert dialog.add_button.isHidden() and dialog.delete_button.isHidden()
    assert not dialog.print_button.isHidden()
    rules = PointRulesDialog(ctx, dialog)  # readable, not changeable
    qtbot.addWidget(rules)
    assert rules.read_only and rules.add_rule_button.isHidden()


def test_clerk_adds_training_points_within_the_range(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = seed(ctx)
    dialog = dialog_for(ctx, qtbot, CLERK)
    assert not dialog.add_button.isHidden()
    dialog.select_member(ids["张三"])
    outcome: list[str] = []

    def fill(add: QDialog) -> None:
        assert isinstance(add, AddPointsDialog)
        add.rule_combo.setCurrentIndex(add.rule_combo.findData("training"))
        assert add.points_edit.text() == "1"  # the rule's own points to start with
        replace_text(qtbot, add.points_edit, "4")
        replace_text(qtbot, add.reason_edit, "党史学习培训")
        add.date_edit.set_value("2026-06-01")
        add.accept()  # 4 is outside 1–3: refused next to the field
        outcome.append(add.error_text("points"))
        replace_text(qtbot, add.points_edit, "2")
        add.accept()

    handle_next_dialog(AddPointsDialog, fill)
    dialog.add_button.click()
    assert outcome == ["分值：“参加培训”应在 1 到 3 分之间"]
    assert cells(dialog)[0][1:] == ["张三", "第一党支部", "60", "3", "0", "63"]  # 60 + 1 + 2
    with ctx.db.session() as s:
        line = s.scalar(select(PointEntry).where(PointEntry.rule_code == "training"))
        assert (line.points, line.reason, line.entered_by) == (2, "党史学习培训", "lixiao")


def test_admin_edits_the_rules(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx.db.actor = ADMIN
    rules = PointRulesDialog(ctx)
    qtbot.addWidget(rules)
    rules.table.item(0, 1).setText("50")  # base 60 → 50
    assert rules.has_unsaved_changes()
    rules.accept()
    assert rules.result() == QDialog.DialogCode.Accepted
    with ctx.db.session() as s:
        assert point_rules(s)[0].points == 50
    rules = PointRulesDialog(ctx)
    qtbot.addWidget(rules)
    rules.table.item(2, 2).setText("0.5")  # training up to 0.5, below its 1: refused, dialog stays open
    rules.accept()
    assert "不能低于分值 1" in rules.general_error.text() and rules.result() != QDialog.DialogCode.Accepted
    rules.discard_and_close()


def test_ranking_notice_pdf_has_names_and_totals_and_no_id_numbers(ctx: AppContext, qtbot,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    seed(ctx)
    dialog = dialog_for(ctx, qtbot, CLERK)
    ready: list[Path] = []
    seen: list[str] = []

    def check_and_print(notice: QDialog) -> None:
        assert isinstance(notice, NoticeDialog)
        seen.append(notice.table_edit.toPlainText())
        notice.accept()

    handle_next_dialog(NoticeDialog, check_and_print)
    job = dialog.print_ranking_notice(on_ready=ready.append)
    assert job is not None
    qtbot.waitUntil(lambda: bool(ready), timeout=30_000)
    assert seen == ["名次,姓名,所在支部,积分\n1,张三,第一党支部,61\n2,李四,第二党支部,58"]
    text = "".join(page.extract_text() for page in PdfReader(ready[0]).pages).replace(" ", "").replace("\n", "")
    assert "关于2026年度党员积分情况的公示" in text
    assert "张三第一党支部61" in text and "李四第二党支部58" in text
    for secret in (ID_ZHANG, ID_LI, "13800001111", "1380", "13900002222"):
        assert secret not in text


def test_viewer_prints_the_notice_without_the_editor(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    seed(ctx)
    dialog = dialog_for(ctx, qtbot, VIEWER)
    ready: list[Path] = []
    dialog.print_ranking_notice(on_ready=ready.append)
    qtbot.waitUntil(lambda: bool(ready), timeout=30_000)
    assert "张三" in "".join(page.extract_text() for page in PdfReader(ready[0]).pages)


def test_a_long_ranking_is_attached_rather_than_put_in_the_text_box(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    seed(ctx)
    dialog = dialog_for(ctx, qtbot, CLERK)
    dialog.editable_notice_rows = 1  # two members: "long" for this test
    ready: list[Path] = []
    seen: list[str] = []

    def check_and_print(notice: QDialog) -> None:
        assert isinstance(notice, NoticeDialog)
        seen.append(notice.table_edit.toPlainText())
        notice.accept()

    handle_next_dialog(NoticeDialog, check_and_print)
    dialog.print_ranking_notice(on_ready=ready.append)
    qtbot.waitUntil(lambda: bool(ready), timeout=30_000)
    assert seen == [""]
    text = "".join(page.extract_text() for page in PdfReader(ready[0]).pages).replace(" ", "").replace("\n", "")
    assert "张三第一党支部61" in text and "李四第二党支部58" in text
