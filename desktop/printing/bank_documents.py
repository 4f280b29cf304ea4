"""The moral bank's documents: the redemption slip (兑换凭证) on A4 or a receipt printer's 80 mm
roll, the passbook statement (积分存折), the monthly report, the partner shops' settlement and
the 道德榜样 nominations list, all but the slip's roll through the table layout every roster uses.
They take plain values (db.bank) and never touch widgets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from db.bank.account_list import StatementLine
from db.bank.expiry import Expiring
from db.bank.nominations import Nominee
from db.bank.redeeming import Slip
from db.bank.reports import MonthFigures
from db.bank.shops import SettlementLine
from db.validation import format_date_cn
from db.vocab import BANK_CATEGORIES, BANK_ENTRY_KINDS
from desktop.printing.fonts import BODY, HEADING, register_fonts
from desktop.printing.table_document import TableColumn, build_table_pdf

RECEIPT_WIDTH = 80 * mm
RECEIPT_MARGIN = 4 * mm
LINE = 5 * mm


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text cut to the width, with … when cut (a receipt line never wraps)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def build_slip(out: Path, slip: Slip, *, community: str, receipt: bool = False,
               font_file: Path | None = None) -> None:
    """兑换凭证: the number, who, where, the items and points, the balance after, and signatures."""
    if not receipt:
        rows = [[name, str(quantity), str(points)] for name, quantity, points in slip.lines]
        rows.append(["合计", "", str(slip.total)])
        build_table_pdf(out, title=f"{community}道德银行兑换凭证",
                        subtitle=f"凭证号：{slip.number}　{slip.at}　兑换人：{slip.holder}　兑换地点：{slip.where}",
                        columns=[TableColumn("物品或服务", 260), TableColumn("数量", 60, wraps=False),
                                 TableColumn("积分", 60, wraps=False)],
                        rows=rows, printed_on=date.today(),
                        closing_line=f"兑换后余额：{slip.balance_after} 分　　经办人：{slip.by or '________'}　　"
                                     "兑换人签字：____________",
                        font_file=font_file)
        return
    register_fonts(font_file)
    text_width = RECEIPT_WIDTH - 2 * RECEIPT_MARGIN
    lines: list[tuple[str, str, float, str]] = [  # (text, font, size, align)
        (f"{community}道德银行", HEADING, 11, "c"), ("兑换凭证", HEADING, 11, "c"),
        (f"凭证号：{slip.number}", BODY, 8.5, "l"), (f"时间：{slip.at}", BODY, 8.5, "l"),
        (f"兑换人：{slip.holder}", BODY, 8.5, "l"), (f"地点：{slip.where}", BODY, 8.5, "l"), ("-" * 40, BODY, 8.5, "c")]
    for name, quantity, points in slip.lines:
        lines.append((f"{name} ×{quantity}", BODY, 8.5, "l"))
        lines.append((f"{points} 分", BODY, 8.5, "r"))
    lines += [("-" * 40, BODY, 8.5, "c"), (f"合计：{slip.total} 分", HEADING, 10, "r"),
              (f"兑换后余额：{slip.balance_after} 分", BODY, 8.5, "r"), (f"经办人：{slip.by}", BODY, 8.5, "l"),
              ("兑换人签字：", BODY, 8.5, "l"), ("", BODY, 8.5, "l")]
    height = 2 * RECEIPT_MARGIN + LINE * len(lines)
    canvas = Canvas(str(out), pagesize=(RECEIPT_WIDTH, height))
    canvas.setTitle(f"兑换凭证 {slip.number}")
    y = height - RECEIPT_MARGIN - LINE * 0.8
    for text, font, size, align in lines:
        canvas.setFont(font, size)
        shown = _fit(text, font, size, text_width)
        if align == "c":
            canvas.drawCentredString(RECEIPT_WIDTH / 2, y, shown)
        elif align == "r":
            canvas.drawRightString(RECEIPT_WIDTH - RECEIPT_MARGIN, y, shown)
        else:
            canvas.drawString(RECEIPT_MARGIN, y, shown)
        y -= LINE
    canvas.showPage()
    canvas.save()


def build_passbook(out: Path, *, holder: str, period: str, opening: int, lines: list[StatementLine],
                   expiring: list[Expiring], community: str, font_file: Path | None = None) -> None:
    """积分存折: the balance brought forward, each line with the balance after it, and what is
    about to expire."""
    rows = [["", "上期结余", "", "", str(opening), ""]]
    for line in lines:
        what = BANK_ENTRY_KINDS.label(line.kind) + ("（已冲正）" if line.reversed else "")
        rows.append([f"{line.on:%Y-%m-%d}", what, line.reason, f"{line.points:+d}", str(line.balance),
                     line.approved_by or line.entered_by])
    closing = lines[-1].balance if lines else opening
    soon = "；".join(f"{format_date_cn(e.on)}将过期 {e.points} 分" for e in expiring)
    build_table_pdf(out, title=f"{community}道德银行积分存折",
                    subtitle=f"户名：{holder}　{period}　期末余额：{closing} 分",
                    columns=[TableColumn("日期", 70, wraps=False), TableColumn("摘要", 60),
                             TableColumn("事由", 200), TableColumn("积分", 45, wraps=False),
                             TableColumn("余额", 45, wraps=False), TableColumn("经办", 60)],
                    rows=rows, printed_on=date.today(),
                    closing_line=(soon + "。　" if soon else "") + "经办人：____________　　日期：______年____月____日",
                    font_file=font_file)


def build_month_report(out: Path, figures: MonthFigures, *, community: str, font_file: Path | None = None) -> None:
    """道德银行月报: points issued by category, redeemed, expired, outstanding; the stock's movement."""
    rows = [[f"发放·{BANK_CATEGORIES.label(c)}", str(p)] for c, p in sorted(figures.issued_by_category.items())]
    rows += [["发放合计", str(figures.issued)], ["兑换", str(figures.redeemed)], ["过期", str(figures.expired)],
             ["月末积分余额（待兑付）", str(figures.outstanding)], ["兑换笔数", str(figures.redemptions)]]
    rows += [[f"库存·{s.name}（{s.unit}）", f"期初 {s.opening}　入库 {s.stocked}　出库 {s.taken}　兑换 {s.redeemed}　"
              f"期末 {s.closing}"] for s in figures.stock]
    build_table_pdf(out, title=f"{community}道德银行月报", subtitle=f"{figures.year}年{figures.month}月",
                    columns=[TableColumn("项目", 160), TableColumn("数额", 300)], rows=rows, printed_on=date.today(),
                    closing_line="填表人：____________　　审核人：____________", font_file=font_file)


def build_settlement(out: Path, lines: list[SettlementLine], *, community: str, month: str,
                     font_file: Path | None = None) -> None:
    """合作商家月结算单: each shop's redemptions and points in the month, signed by both sides."""
    rows = [[line.shop, str(line.redemptions), str(line.points)] for line in lines]
    rows.append(["合计", str(sum(line.redemptions for line in lines)), str(sum(line.points for line in lines))])
    build_table_pdf(out, title=f"{community}道德银行合作商家结算单", subtitle=month,
                    columns=[TableColumn("合作商家", 200), TableColumn("兑换笔数", 70, wraps=False),
                             TableColumn("兑换积分", 70, wraps=False)],
                    rows=rows, printed_on=date.today(),
                    closing_line="社区经办人：____________　　商家签字：____________", font_file=font_file)


# A header as wide as its words (min_width) even over blank cells; the opinion column has room
# to write in by hand, the hours' header is broken where a form would break it.
NOMINATION_COLUMNS = [
    TableColumn("序号", 30, wraps=False), TableColumn("姓名", 70), TableColumn("住址或网格", 110, min_width=48),
    TableColumn("所得积分", 45, wraps=False, min_width=38), TableColumn("其中（按类别）", 140),
    TableColumn("志愿服务\n时长", 60, wraps=False, min_width=40), TableColumn("评议意见", 120, min_width=100)]


def build_nominations(out: Path, nominees: list[Nominee], *, community: str, period: str,
                      font_file: Path | None = None) -> None:
    """道德榜样推荐名单: the holders who earned most in the period, for the two committees to
    consider, with a blank column for their opinion — a working paper, not a public ranking."""
    rows = [[str(n), nominee.holder, nominee.place, str(nominee.points),
             f"{nominee.breakdown}（共 {nominee.deeds} 笔）", f"{nominee.hours:g} 小时" if nominee.hours else "",
             "\n"]  # two blank lines: room to write
            for n, nominee in enumerate(nominees, start=1)]
    if not rows:
        rows = [["", "", "", "", "本期无积分记录", "", ""]]
    listed = f"所得积分前 {len(nominees)} 名" if nominees else "本期无积分记录"
    build_table_pdf(out, title=f"{community}道德榜样推荐名单", subtitle=f"{period}　{listed}　供两委评议，不作公开排名",
                    columns=NOMINATION_COLUMNS, rows=rows, printed_on=date.today(),
                    closing_line="说明：所得积分为期内获得且未冲正、未收回的积分，兑换不扣减。\n"
                                 "填报人：____________　　审核人：____________　　日期：______年____月____日",
                    font_file=font_file)
