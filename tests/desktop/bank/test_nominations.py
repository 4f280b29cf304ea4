"""The 道德榜样 nominations list from the 道德银行 tab (issue 17, point 5): the Print menu offers
this year's list, built in the background into a PDF that reads back with its title, the
committees' note, the names, points and categories in order; an empty period still prints a
sheet that says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

from db.bank.ledger import post
from db.bank.nominations import nominations, period_text
from desktop.bank.tab import PointsTab
from desktop.common.context import AppContext
from desktop.printing.actions import print_bank_nominations
from desktop.printing.bank_documents import build_nominations
from tests.db.bank.test_ledger import an_account

A4 = {(595, 842), (842, 595)}


def text_of(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


def test_the_print_menu_offers_this_year_s_nominations(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    tab = PointsTab(ctx)
    qtbot.addWidget(tab)
    actions = tab.print_button.menu().actions()
    assert len(actions) == 3  # the two monthly reports, then the nominations
    assert str(date.today().year) in actions[-1].text()


def test_the_list_is_built_in_the_background_and_reads_back(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    li, wang = an_account(ctx.db, "李梅", "122"), an_account(ctx.db, "王大爷", "111")
    today = date.today()
    with ctx.db.session() as s, s.begin():
        post(s, li, "earn", 30, category="volunteer", on=today)
        post(s, li, "earn", 12, category="good_deed", on=today)
        post(s, wang, "earn", 8, category="garbage", on=today)
    tab = PointsTab(ctx)
    qtbot.addWidget(tab)
    ready: list[Path] = []
    job = print_bank_nominations(tab, ctx.db, date(today.year, 1, 1), today, ready.append)
    assert job is not None
    qtbot.waitUntil(lambda: bool(ready), timeout=30_000)
    text = text_of(ready[0])
    assert "道德榜样推荐名单" in text and "供两委评议，不作公开排名" in text
    assert period_text(date(today.year, 1, 1), today) in text
    assert text.index("李梅") < text.index("王大爷") and "42" in text and "志愿服务 30、好人好事 12" in text
    for head in ("序号", "姓名", "住址或网格", "所得积分", "其中（按类别）", "时长", "评议意见", "填报人", "审核人"):
        assert head in text, head
    for page in PdfReader(ready[0]).pages:
        assert tuple(round(float(x)) for x in page.mediabox.upper_right) in A4


def test_an_empty_period_prints_a_sheet_that_says_so(ctx: AppContext, tmp_path: Path) -> None:
    an_account(ctx.db)
    with ctx.db.session() as s:
        nominees = nominations(s, date(2020, 1, 1), date(2020, 12, 31))
    assert nominees == []
    out = tmp_path / "nominations.pdf"
    build_nominations(out, nominees, community="幸福社区", period="2020年1月1日至2020年12月31日")
    text = text_of(out)
    assert "幸福社区道德榜样推荐名单" in text and "本期无积分记录" in text and "2020年1月1日至2020年12月31日" in text
