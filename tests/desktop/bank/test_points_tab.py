"""The 道德银行 tab (issue 17): accounts with their balances, searched; a new account opened for
a resident found by typing; points recorded under an item (its cap refused at the dialog); the
passbook and the monthly report read back from their PDFs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber

from db.bank.account_list import statement
from db.bank.ledger import post
from db.bank.reports import month_figures
from desktop.bank.account_dialog import AccountDialog, EarnDialog
from desktop.bank.tab import PointsTab
from desktop.common.context import AppContext
from desktop.printing.bank_documents import build_month_report, build_passbook
from tests.db.bank.test_ledger import a_resident, an_account
from tests.qt_input import type_text


def text_of(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


def test_an_account_is_opened_listed_and_credited(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    a_resident(ctx.db, "李梅", "122")
    tab = PointsTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.model.rowCount() == 0
    dialog = AccountDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.find_edit, "lm")
    dialog.picker.search(dialog.find_edit.text())
    assert dialog.candidates.count() == 1 and "李梅" in dialog.candidates.item(0).text()
    dialog.on_open_clicked()
    assert dialog.record_id is not None and dialog.holder_label.text().startswith("李梅 — ")

    earn = EarnDialog(ctx, dialog.record_id)
    qtbot.addWidget(earn)
    earn.rule_combo.setCurrentIndex(next(i for i in range(earn.rule_combo.count())
                                         if earn.rule_combo.itemText(i).startswith("垃圾分类正确投放")))
    earn.times_spin.setValue(25)  # 25 points, over the item's 20 a month
    earn.accept()
    assert "本月上限20分" in earn.error_label.text() and earn.result() == 0
    earn.times_spin.setValue(5)
    earn.accept()
    assert earn.result() == EarnDialog.DialogCode.Accepted
    dialog.reload()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "+5"

    tab.refresh()
    assert tab.model.rowCount() == 1
    assert [tab.model.data(tab.model.index(0, c)) for c in range(2)] == ["李梅", "5"]
    tab.search_edit.setText("zzz")
    tab.refresh()
    assert tab.model.rowCount() == 0


def test_the_passbook_and_the_monthly_report_read_back(ctx: AppContext, tmp_path: Path) -> None:
    account = an_account(ctx.db, "张三", "131")
    today = date.today()
    with ctx.db.session() as s, s.begin():
        post(s, account, "earn", 12, category="garbage", reason="垃圾分类督导")
        post(s, account, "redeem", 5)
    with ctx.db.session() as s:
        opening, lines = statement(s, account)
        figures = month_figures(s, today.year, today.month)
    out = tmp_path / "passbook.pdf"
    build_passbook(out, holder="张三", period="全部记录", opening=opening, lines=lines, expiring=[],
                   community="幸福社区")
    text = text_of(out)
    assert "积分存折" in text and "张三" in text and "垃圾分类督导" in text and "+12" in text
    assert "期末余额：7 分" in text
    out = tmp_path / "month.pdf"
    build_month_report(out, figures, community="幸福社区")
    text = text_of(out)
    assert "道德银行月报" in text and "发放·垃圾分类" in text and "兑换" in text and "月末积分余额" in text


def test_a_households_account_is_opened_from_a_resident(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from db.bank.account_list import AccountFilter, account_ids, account_rows
    from db.listing import Sort
    from db.models import BankAccount

    a_resident(ctx.db, "李梅", "122")  # registered without a household: refused, said at the field
    dialog = AccountDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.find_edit, "lm")
    dialog.picker.search(dialog.find_edit.text())
    dialog.household_check.setChecked(True)
    dialog.on_open_clicked()
    assert dialog.record_id is None and "没有登记在某一户中" in dialog.open_error.text()
    with ctx.db.session() as s:
        assert s.scalars(select(BankAccount)).all() == []
    # 王大爷 lives in 3号楼 2单元301: the household's account opens, listed under its head.
    from db.residents import save_resident
    from tests.db.test_housing import a_block, resident

    place = a_block(ctx.db)
    with ctx.db.session() as s, s.begin():
        save_resident(s, resident("王大爷", place["household"], "133", relation="head"))
    dialog = AccountDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.find_edit, "wdy")
    dialog.picker.search(dialog.find_edit.text())
    dialog.household_check.setChecked(True)
    dialog.on_open_clicked()
    assert dialog.record_id is not None, dialog.open_error.text()
    with ctx.db.session() as s:
        (row,) = account_rows(s, account_ids(s, AccountFilter(), Sort("name")))
        assert row.is_household and "王大爷" in row.holder
        assert s.get_one(BankAccount, dialog.record_id).household_id == place["household"]
