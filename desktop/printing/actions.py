"""The print actions the tabs and the window offer, each building one document off the UI thread.

The data is read in the worker's own session (a database session is not shared between
threads) and the builders take plain data; the preview opens when the PDF is ready.
A document with full numbers is logged (db.disclosure) in a committed transaction before it
is built, and refused for a role without the right. The builders (ReportLab and the fonts) are
imported when a document is first printed, not when the window starts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from db.database import Database
from db.disclosure import case_paper_as_printed, record_unmasked_print
from db.office import get_setting
from db.printing_data import case_document, certificate_data, grid_boards, workers_without_grid
from db.summary import monthly_summary
from desktop.printing.job import PdfJob
from desktop.printing.run import start_pdf
from desktop.printing.text import Printing
from desktop.settings import Settings

if TYPE_CHECKING:
    from desktop.printing.notice import Notice

Ready = Callable[[Path], None] | None


def font_file() -> Path | None:
    chosen = Settings().value("printing/font_file")
    return Path(chosen) if chosen else None


def menu_button(parent: QWidget, name: str, text: str, items: list[tuple[str, Callable[[], object]]]) -> QPushButton:
    """A button opening a menu of documents."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    menu = QMenu(button)
    for label, slot in items:
        menu.addAction(label).triggered.connect(lambda _=False, s=slot: s())
    button.setMenu(menu)
    return button


def print_grid_roster(parent: QWidget, db: Database, on_ready: Ready = None, masked: bool = True) -> PdfJob:
    """网格员花名册; `masked=False` prints phone numbers in full (admin only, logged)."""
    from desktop.printing.grid_documents import build_grid_roster

    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s, s.begin():
            boards, community, others = grid_boards(s), get_setting(s, "community_name"), workers_without_grid(s)
            if not masked:
                people = sum(len(b.workers) for b in boards) + len(others)
                record_unmasked_print(s, "网格员花名册（完整电话）", people)
        build_grid_roster(out, boards, community=community, masked=masked, unassigned=others, font_file=font)

    return start_pdf(parent, Printing.tr("grid-worker roster"), "网格员花名册.pdf", build, on_ready)


def print_grid_boards(parent: QWidget, db: Database, on_ready: Ready = None) -> PdfJob:
    from desktop.printing.grid_documents import build_grid_boards

    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s:
            boards, community = grid_boards(s), get_setting(s, "community_name")
        build_grid_boards(out, boards, community=community, font_file=font)

    return start_pdf(parent, Printing.tr("grid public boards"), "网格公示牌.pdf", build, on_ready)


def print_case_paper(parent: QWidget, db: Database, number: str, paper: str, on_ready: Ready = None) -> PdfJob:
    from desktop.printing import mediation_papers

    builders = {"register": mediation_papers.build_register_sheet, "agreement": mediation_papers.build_agreement,
                "followup": mediation_papers.build_follow_up_record}
    font = font_file()
    titles = {"register": Printing.tr("case register sheet"), "agreement": Printing.tr("mediation agreement"),
              "followup": Printing.tr("follow-up record")}

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s, s.begin():
            case = case_paper_as_printed(s, case_document(s, number), paper)
        builders[paper](out, case, font_file=font)

    return start_pdf(parent, titles[paper], f"{paper}.pdf", build, on_ready)


def print_certificate(parent: QWidget, db: Database, volunteer_number: str, date_from: date | None,
                      date_to: date | None, on_ready: Ready = None) -> PdfJob:
    from desktop.printing.certificate import build_certificate

    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s, s.begin():  # issuing takes the next certificate number
            data = certificate_data(s, volunteer_number, date_from, date_to, date.today())
        build_certificate(out, data, font_file=font)

    return start_pdf(parent, Printing.tr("certificate of volunteer service"), "志愿服务证明.pdf", build, on_ready)


def print_monthly_summary(parent: QWidget, db: Database, year: int, month: int, on_ready: Ready = None) -> PdfJob:
    from desktop.printing.summary import build_monthly_summary

    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s:
            summary = monthly_summary(s, year, month)
        build_monthly_summary(out, summary, font_file=font)

    return start_pdf(parent, Printing.tr("monthly summary"), f"{year}-{month:02d}工作统计.pdf", build, on_ready)


def print_notice(parent: QWidget, notice: Notice, on_ready: Ready = None) -> PdfJob:
    from desktop.printing.notice import build_notice

    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        build_notice(out, notice, font_file=font)

    return start_pdf(parent, Printing.tr("notice"), "通知.pdf", build, on_ready)


def print_incident_sheet(parent: QWidget, db: Database, number: str, on_ready: Ready = None) -> PdfJob:
    """事件处置单 of one incident, with its history (the reporter's phone masked)."""
    from db.grid_reports import incident_sheet
    from desktop.printing.grid_work_documents import build_incident_sheet

    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s:
            sheet, community = incident_sheet(s, number, date.today()), get_setting(s, "community_name")
        build_incident_sheet(out, sheet, community=community, font_file=font)

    return start_pdf(parent, Printing.tr("incident sheet"), f"事件处置单{number}.pdf", build, on_ready)


def print_grid_report(parent: QWidget, db: Database, year: int, month: int, on_ready: Ready = None) -> PdfJob:
    """网格工作月报 of a month."""
    from db.grid_reports import grid_month
    from desktop.printing.grid_work_documents import build_grid_month_report

    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s:
            lines, community = grid_month(s, year, month, date.today()), get_setting(s, "community_name")
        build_grid_month_report(out, lines, community=community, month=f"{year}年{month}月", font_file=font)

    return start_pdf(parent, Printing.tr("monthly grid report"), f"网格工作月报{year}-{month:02d}.pdf", build,
                     on_ready)


def print_redemption_slip(parent: QWidget, db: Database, redemption_id: int, on_ready: Ready = None,
                          receipt: bool | None = None) -> PdfJob:
    """兑换凭证 of one redemption: on A4, or on a receipt printer's roll when the office chose so."""
    from db.bank.redeeming import slip
    from desktop.printing.bank_documents import build_slip

    font = font_file()
    roll = Settings().value("printing/receipt_slips", False, type=bool) if receipt is None else receipt

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s:
            community = get_setting(s, "community_name")
            data = slip(s, redemption_id, community)
        build_slip(out, data, community=community, receipt=roll, font_file=font)

    return start_pdf(parent, Printing.tr("redemption slip"), f"兑换凭证{redemption_id}.pdf", build, on_ready)


def print_passbook(parent: QWidget, db: Database, account_id: int, start: date | None, end: date | None,
                   on_ready: Ready = None) -> PdfJob:
    """积分存折 of one account for a period (the whole history when no dates)."""
    from db.bank.account_list import account_rows, statement
    from db.bank.expiry import upcoming
    from desktop.printing.bank_documents import build_passbook

    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s:
            community = get_setting(s, "community_name")
            holder = account_rows(s, [account_id])[0].holder
            opening, lines = statement(s, account_id, start, end)
            soon = upcoming(s, account_id)
        period = f"{start or '开户'}至{end or date.today()}" if start or end else "全部记录"
        build_passbook(out, holder=holder, period=period, opening=opening, lines=lines, expiring=soon,
                       community=community, font_file=font)

    return start_pdf(parent, Printing.tr("passbook"), f"积分存折{account_id}.pdf", build, on_ready)


def print_bank_month(parent: QWidget, db: Database, year: int, month: int, on_ready: Ready = None) -> PdfJob:
    """道德银行月报 of a month."""
    from db.bank.reports import month_figures
    from desktop.printing.bank_documents import build_month_report

    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s:
            community, figures = get_setting(s, "community_name"), month_figures(s, year, month)
        build_month_report(out, figures, community=community, font_file=font)

    return start_pdf(parent, Printing.tr("moral bank monthly report"), f"道德银行月报{year}-{month:02d}.pdf", build,
                     on_ready)


def print_shop_settlement(parent: QWidget, db: Database, year: int, month: int, on_ready: Ready = None) -> PdfJob:
    """合作商家结算单 of a month."""
    from db.bank.shops import settlement
    from desktop.printing.bank_documents import build_settlement

    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s:
            community, lines = get_setting(s, "community_name"), settlement(s, year, month)
        build_settlement(out, lines, community=community, month=f"{year}年{month}月", font_file=font)

    return start_pdf(parent, Printing.tr("shop settlement"), f"合作商家结算单{year}-{month:02d}.pdf", build, on_ready)


def print_bank_nominations(parent: QWidget, db: Database, start: date, end: date, on_ready: Ready = None) -> PdfJob:
    """道德榜样推荐名单 of a period (both days counted), for the two committees."""
    from db.bank.nominations import nominations, period_text
    from desktop.printing.bank_documents import build_nominations

    font = font_file()

    def build(out: Path, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        with db.session() as s:
            community, nominees = get_setting(s, "community_name"), nominations(s, start, end)
        build_nominations(out, nominees, community=community, period=period_text(start, end), font_file=font)

    return start_pdf(parent, Printing.tr("role-model nominations"), f"道德榜样推荐名单{start:%Y%m%d}-{end:%Y%m%d}.pdf",
                     build, on_ready)
