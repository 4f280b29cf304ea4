"""Community Desk (社区工作台): `python main.py [command] …` or the `community-desk` script.

With no command the window opens. Commands are for IT staff, scripts and the tests; each
failure is one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from cli.common import SIGN_IN_HELP, CommandError, OneLineParser, Refused, database, open_database_or_fail, sign_in_for
from cli.community_commands import add_community_commands, cmd_community
from cli.copy_commands import add_copy_commands, cmd_copy
from cli.data_commands import add_data_commands, cmd_backup, cmd_check, cmd_restore, cmd_user
from cli.exchange_commands import add_exchange_commands, cmd_exchange, cmd_station
from cli.points_commands import add_points_commands, cmd_points
from cli.server_commands import add_server_commands, cmd_server

LANGS = ("zh_CN", "en")
TABS = ("home", "members", "party-life", "grid-workers", "houses", "residents", "incidents", "mediation", "volunteers",
        "points", "attendance", "import")


def _db_arg(text: str) -> Path | str:
    """A file path, or a server URL kept as written (a Path would fold its //)."""
    from db.location import is_url

    return text if is_url(text) else Path(text)


def _add_common(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--db", type=_db_arg, default=default,
                        help="database file (default: per-user data folder), or a server's URL "
                             "postgresql+psycopg://user@host/database")
    parser.add_argument("--lang", choices=LANGS, default=default, help="interface language (default zh_CN)")
    parser.add_argument("--user", default=default, help="sign in as this account (needed to change a database "
                                                        "that has accounts)")
    parser.add_argument("--password-stdin", action="store_true", default=default,
                        help="read the --user password from the first line of standard input")
    parser.add_argument("--community", default=default,
                        help="the community to work in, where one database holds several (a street office's server)")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="community-desk", description="社区工作台 Community Desk", epilog=SIGN_IN_HELP)
    _add_common(parser, None)
    # Sub-commands accept the same options after the command name; SUPPRESS keeps a value
    # given before the command from being reset to the default by the sub-parser.
    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    sub.add_parser("gui", parents=[common], help="open the window (the default)")
    demo = sub.add_parser("demo", parents=[common], help="fill an empty database with a demo community")
    demo.add_argument("--scale", type=int, default=1, help="multiply the demo's size (default 1)")
    demo.add_argument("--seed", type=int, default=20261125, help="random seed")
    stats = sub.add_parser("stats", parents=[common], help="print counts per register")
    stats.add_argument("--json", action="store_true", help="one JSON object")
    export = sub.add_parser("export", parents=[common], help="write a document as a PDF")
    export.add_argument("document", choices=("roster", "grid-roster", "grid-board", "register", "agreement",
                                             "followup", "certificate", "notice", "summary", "visits", "incident",
                                             "grid-report", "passbook", "bank-report", "nominations"),
                        help="roster 党员花名册, grid-roster 网格员花名册, grid-board 网格公示牌, register 受理登记表, "
                             "agreement 调解协议书, followup 回访记录, certificate 志愿服务证明, notice 通知/公示, "
                             "visits 网格走访记录表 (--worker, --month), incident 事件处置单 (--id), "
                             "grid-report 网格工作月报 (--month), passbook 积分存折 (--resident, --from, --to), "
                             "bank-report 道德银行月报 (--month), "
                             "nominations 道德榜样推荐名单 (--from, --to, --limit; default: this year to today)")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--branch", help="only this branch (name), with its party groups")
    export.add_argument("--columns", help="comma-separated roster columns, e.g. name,gender,phone")
    export.add_argument("--unmasked", action="store_true", help="print ID and phone numbers in full")
    export.add_argument("--case", help="mediation case number, e.g. （2026）幸福调字第5号")
    export.add_argument("--volunteer", help="volunteer number, e.g. V0012")
    export.add_argument("--from", dest="date_from", help="first day counted, e.g. 2026-01-01")
    export.add_argument("--to", dest="date_to", help="last day counted")
    export.add_argument("--text", type=Path, help="notice text file (UTF-8; see desktop/printing/notice.py)")
    export.add_argument("--month", help="summary month, YYYY-MM (default: last month)")
    export.add_argument("--worker", help="grid worker's name, for visits")
    export.add_argument("--resident", help="for a passbook: an ID number, a volunteer number or a unique name")
    export.add_argument("--household", action="store_true", help="for a passbook: the resident's household's")
    export.add_argument("--id", dest="incident", help="incident number, e.g. 2026-0012")
    export.add_argument("--limit", help="for nominations: how many holders, most points first (default 20)")
    imp = sub.add_parser("import", parents=[common], help="import a ledger (xlsx/xls/csv)")
    imp.add_argument("register", choices=("members", "grid-workers", "mediation", "volunteer-hours", "residents"),
                     help="members 党员台账, grid-workers 网格划分, mediation 人民调解台账, "
                          "volunteer-hours 志愿服务记录, residents 人口房屋台账")
    imp.add_argument("file", type=Path)
    imp.add_argument("--errors", type=Path, help="write the rows not imported, with reasons, to this .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    imp.add_argument("--update-existing", action="store_true", help="update people already registered")
    imp.add_argument("--map", type=Path, help='JSON file {"column": {"ledger value": "choice"}} for values the '
                                              'ledger writes its own way (an organisation: its name, or "新建")')
    imp.add_argument("--create-orgs", action="store_true",
                     help="create the party organisations and grids the ledger names and nobody has")
    imp.add_argument("--unmasked", action="store_true",
                     help="write ID and phone numbers in full in --errors (needs the right; logged)")
    xlsx = sub.add_parser("export-xlsx", parents=[common], help="write a register to an .xlsx workbook")
    xlsx.add_argument("register", choices=("members", "grid-workers", "mediation", "volunteer-hours", "residents"))
    xlsx.add_argument("--out", type=Path, required=True)
    xlsx.add_argument("--unmasked", action="store_true",
                      help="write ID and phone numbers in full (and the residents' sensitive care tags)")
    add_data_commands(sub, common)
    add_server_commands(sub, common)
    add_community_commands(sub, common)
    add_copy_commands(sub)
    add_exchange_commands(sub, common)
    add_points_commands(sub, common)
    shot = sub.add_parser("screenshot", parents=[common], help="render the window on one tab to a PNG")
    shot.add_argument("--tab", choices=TABS, default="members")
    shot.add_argument("--out", type=Path, required=True)
    shot.add_argument("--width", type=int, default=1280)
    shot.add_argument("--height", type=int, default=800)
    return parser


def cmd_demo(args: argparse.Namespace) -> int:
    from db.demo import DemoRefused, fill_demo

    if args.scale < 1 or args.scale > 1000:
        raise CommandError("--scale 应为 1 到 1000 之间的整数")
    db = open_database_or_fail(args.db, create=True)
    try:
        sign_in_for(db, args, "写入演示数据")
        counts = fill_demo(db, scale=args.scale, seed=args.seed)
    except DemoRefused as exc:
        raise CommandError(str(exc)) from exc
    finally:
        db.close()
    print(json.dumps(counts, ensure_ascii=False))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from db.stats import register_counts

    with database(args.db, args) as db:
        with db.session() as s:
            counts = register_counts(s)
    if args.json:
        print(json.dumps(counts, ensure_ascii=False))
    else:
        for key, value in counts.items():
            print(f"{key}: {value}")
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.screenshot import take_screenshot

    with database(args.db, args) as db:
        if args.tab == "attendance":  # the meeting dialog's roll call, not a tab
            from desktop.party_life.screenshot import render_attendance_screenshot

            render_attendance_screenshot(db, args.out, lang=args.lang or "zh_CN")
            print(args.out)
            return 0
        if args.tab == "import":  # the import dialog after checking a messy ledger, not a tab
            from desktop.importing.screenshot import render_import_screenshot

            render_import_screenshot(db, args.out, lang=args.lang or "zh_CN")
            print(args.out)
            return 0
        take_screenshot(db, args.tab.replace("-", "_"), args.out, lang=args.lang or "zh_CN",
                        size=(args.width, args.height))
    print(args.out)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.document in MEDIATION_PAPERS:
        return export_mediation_paper(args)
    if args.document == "certificate":
        return export_certificate(args)
    if args.document in ("grid-roster", "grid-board"):
        return export_grid_document(args)
    if args.document == "notice":
        return export_notice(args)
    if args.document == "summary":
        return export_summary(args)
    if args.document in ("visits", "incident", "grid-report"):
        return export_grid_work(args)
    if args.document in ("passbook", "bank-report", "nominations"):
        return export_bank_document(args)
    return export_roster(args)


def export_bank_document(args: argparse.Namespace) -> int:
    """积分存折 of one resident for a period (all of it by default), 道德银行月报 of a month, or the
    道德榜样推荐名单 of a period (this year to today by default)."""
    from datetime import date, timedelta

    from db.bank.account_list import account_rows, statement
    from db.bank.accounts import account_of, resolve_holder
    from db.bank.expiry import upcoming
    from db.bank.nominations import nominations, period_text
    from db.bank.reports import month_figures
    from db.office import get_setting
    from db.validation import ValidationErrors
    from desktop.printing import bank_documents as documents
    from desktop.printing.fonts import FontNotFound

    with database(args.db, args) as db:
        with db.session() as s:
            community = get_setting(s, "community_name")
            if args.document == "bank-report":
                year, month = _month_arg(args.month)
                figures = month_figures(s, year, month)
                write = lambda: documents.build_month_report(args.out, figures, community=community)  # noqa: E731
            elif args.document == "nominations":
                today = date.today()
                start = _date_arg(args.date_from, "起始日期") or date(today.year, 1, 1)
                end = _date_arg(args.date_to, "截止日期") or today
                if end < start:
                    raise CommandError(f"截止日期{end}早于起始日期{start}")
                limit = _limit_arg(args.limit)
                nominees, period = nominations(s, start, end, limit), period_text(start, end)
                write = lambda: documents.build_nominations(  # noqa: E731
                    args.out, nominees, community=community, period=period)
                if not nominees:
                    print(f"提示：{period}没有获得积分的记录，名单为空", file=sys.stderr)
            else:
                if not args.resident:
                    raise CommandError("export passbook 需要 --resident 身份证号、志愿者编号或姓名")
                try:
                    person = resolve_holder(s, args.resident)
                except ValidationErrors as exc:
                    raise CommandError("；".join(e.message for e in exc.errors)) from exc
                account = account_of(s, person, household=args.household)
                if account is None:
                    whose = "所在的户" if args.household else ""
                    raise CommandError(f"“{args.resident}”{whose}还没有积分账户")
                start, end = _date_arg(args.date_from, "起始日期"), _date_arg(args.date_to, "截止日期")
                opening, lines = statement(s, account, start, end + timedelta(days=1) if end else None)
                holder, soon = account_rows(s, [account])[0].holder, upcoming(s, account)
                period = f"{start or '开户'}至{end or '今'}" if start or end else "全部记录"
                write = lambda: documents.build_passbook(  # noqa: E731
                    args.out, holder=holder, period=period, opening=opening, lines=lines, expiring=soon,
                    community=community)
        _write_pdf(write, args.out, FontNotFound)
    print(args.out)
    return 0


def _limit_arg(value: str | None) -> int:
    """--limit N (1 to 500), or the list's default."""
    from db.bank.nominations import DEFAULT_LIMIT

    if value is None:
        return DEFAULT_LIMIT
    text = value.strip()
    if not text.isdigit() or not 1 <= int(text) <= 500:
        raise CommandError("--limit 应为 1 到 500 之间的整数")
    return int(text)


def _month_arg(value: str | None) -> tuple[int, int]:
    """--month YYYY-MM, or last month."""
    import re
    from datetime import date

    if value:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise CommandError("--month 应为 YYYY-MM，如 2026-11")
        return int(match.group(1)), int(match.group(2))
    today = date.today()
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def export_grid_work(args: argparse.Namespace) -> int:
    """网格走访记录表, 事件处置单 or 网格工作月报 (db.grid_reports, desktop.printing.grid_work_documents)."""
    from datetime import date

    from db import grid_reports
    from db.office import get_setting
    from desktop.printing import grid_work_documents as documents
    from desktop.printing.fonts import FontNotFound

    year, month = _month_arg(args.month)
    with database(args.db, args) as db:
        _sign_in_if_asked(db, args, "打印完整电话号码" if args.unmasked else "")
        with db.session() as s:
            community = get_setting(s, "community_name")
            try:
                if args.document == "visits":
                    if not args.worker:
                        raise CommandError("export visits 需要 --worker 网格员姓名")
                    sheet = grid_reports.visit_sheet(s, args.worker, year, month)
                    write = lambda: documents.build_visit_sheet(args.out, sheet, community=community)  # noqa: E731
                elif args.document == "incident":
                    if not args.incident:
                        raise CommandError("export incident 需要 --id 事件编号")
                    incident = grid_reports.incident_sheet(s, args.incident, date.today(), masked=not args.unmasked)
                    write = lambda: documents.build_incident_sheet(args.out, incident, community=community)  # noqa: E731
                else:
                    lines = grid_reports.grid_month(s, year, month, date.today())
                    write = lambda: documents.build_grid_month_report(  # noqa: E731
                        args.out, lines, community=community, month=f"{year}年{month}月")
            except LookupError as exc:
                raise CommandError(str(exc)) from exc
        if args.unmasked and args.document == "incident":
            _record_unmasked(db, "事件处置单", 1)
        _write_pdf(write, args.out, FontNotFound)
    print(args.out)
    return 0


def _date_arg(value: str | None, label: str):  # type: ignore[no-untyped-def]
    from db.validation import FieldError, parse_date

    try:
        return parse_date(value, "date", label)
    except FieldError as exc:
        raise CommandError(exc.message) from exc


def export_certificate(args: argparse.Namespace) -> int:
    from datetime import date

    from db.printing_data import certificate_data
    from desktop.printing.certificate import build_certificate
    from desktop.printing.fonts import FontNotFound

    if not args.volunteer:
        raise CommandError("export certificate 需要 --volunteer 志愿者编号")
    date_from, date_to = _date_arg(args.date_from, "起始日期"), _date_arg(args.date_to, "截止日期")
    with database(args.db, args) as db:
        sign_in_for(db, args, "开具志愿服务证明（要取下一个证明编号）")
        with db.session() as s, s.begin():
            try:
                data = certificate_data(s, args.volunteer, date_from, date_to, date.today())
            except LookupError as exc:
                raise CommandError(str(exc)) from exc
            _write_pdf(lambda: build_certificate(args.out, data), args.out, FontNotFound)
    print(args.out)
    return 0


def export_notice(args: argparse.Namespace) -> int:
    from datetime import date

    from db.validation import FieldError
    from desktop.printing.fonts import FontNotFound
    from desktop.printing.notice import build_notice, parse_notice_text

    if not args.text:
        raise CommandError("export notice 需要 --text 通知文本文件")
    try:
        text = args.text.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"无法读取“{args.text}”（应为 UTF-8 文本）：{exc}") from exc
    try:
        notice = parse_notice_text(text.replace("\r\n", "\n"), date.today())
    except (ValueError, FieldError) as exc:
        raise CommandError(str(exc)) from exc
    _write_pdf(lambda: build_notice(args.out, notice), args.out, FontNotFound)
    print(args.out)
    return 0


def export_summary(args: argparse.Namespace) -> int:

    from db.summary import monthly_summary
    from desktop.printing.fonts import FontNotFound
    from desktop.printing.summary import build_monthly_summary

    year, month = _month_arg(args.month)
    with database(args.db, args) as db:
        _sign_in_if_asked(db, args)
        with db.session() as s:
            summary = monthly_summary(s, year, month)
        _write_pdf(lambda: build_monthly_summary(args.out, summary), args.out, FontNotFound)
    print(args.out)
    return 0


def export_grid_document(args: argparse.Namespace) -> int:
    from db.office import get_setting
    from db.printing_data import grid_boards, workers_without_grid
    from desktop.printing.fonts import FontNotFound
    from desktop.printing.grid_documents import build_grid_boards, build_grid_roster

    with database(args.db, args) as db:
        _sign_in_if_asked(db, args, "打印完整电话" if args.unmasked else "")
        with db.session() as s:
            boards, community, others = grid_boards(s), get_setting(s, "community_name"), workers_without_grid(s)
        if args.document == "grid-roster" and args.unmasked:
            people = {(w[0], w[3]) for b in boards for w in b.workers} | {(w[0], w[3]) for w in others}
            _record_unmasked(db, "网格员花名册", len(people))  # people, not rows: a worker may serve two grids
        if args.document == "grid-board":
            _write_pdf(lambda: build_grid_boards(args.out, boards, community=community), args.out, FontNotFound)
        else:
            _write_pdf(lambda: build_grid_roster(args.out, boards, community=community, masked=not args.unmasked,
                                                 unassigned=others), args.out, FontNotFound)
    print(args.out)
    return 0


MEDIATION_PAPERS = ("register", "agreement", "followup")


def export_mediation_paper(args: argparse.Namespace) -> int:
    from db.disclosure import case_paper_as_printed
    from db.printing_data import case_document
    from desktop.printing.fonts import FontNotFound
    from desktop.printing.mediation_papers import build_agreement, build_follow_up_record, build_register_sheet

    if not args.case:
        raise CommandError(f"export {args.document} 需要 --case 案件编号")
    builders = {"register": build_register_sheet, "agreement": build_agreement, "followup": build_follow_up_record}
    with database(args.db, args) as db:
        _sign_in_if_asked(db, args)  # signed in with the right to see numbers, the parties' phones print in full
        with db.session() as s, s.begin():
            try:
                case = case_paper_as_printed(s, case_document(s, args.case.strip()), args.document)
            except LookupError as exc:
                raise CommandError(str(exc)) from exc
        _write_pdf(lambda: builders[args.document](args.out, case), args.out, FontNotFound)
    print(args.out)
    return 0


def _sign_in_if_asked(db, args: argparse.Namespace, needed_for: str = "") -> None:  # type: ignore[no-untyped-def]
    """Printing reads only: it signs in when --user is given, or when what it prints needs a right."""
    if needed_for or getattr(args, "user", None):
        sign_in_for(db, args, needed_for or "登录")


def _record_unmasked(db, document: str, count: int) -> None:  # type: ignore[no-untyped-def]
    """Full numbers are a disclosure: logged (and committed) before the document is made."""
    from db.disclosure import record_unmasked_print
    from db.permissions import PermissionDenied

    try:
        with db.session() as s, s.begin():
            record_unmasked_print(s, document, count)
    except PermissionDenied as exc:
        raise Refused(str(exc)) from exc


def _write_pdf(write, out: Path, font_error: type[Exception]) -> None:  # type: ignore[no-untyped-def]
    try:
        write()
    except font_error as exc:
        raise CommandError(str(exc)) from exc
    except OSError as exc:
        raise CommandError(f"无法写入“{out}”：{exc.strerror or exc}") from exc


def export_roster(args: argparse.Namespace) -> int:
    from db.printing_data import RosterRequest, roster_rows
    from desktop.printing.fonts import FontNotFound
    from desktop.printing.member_roster import DEFAULT_FIELDS, FIELDS, build_member_roster

    fields = tuple(f.strip() for f in args.columns.split(",")) if args.columns else DEFAULT_FIELDS
    if unknown := [f for f in fields if f not in FIELDS]:
        raise CommandError(f"未知的花名册栏目：{'、'.join(unknown)}（可用：{','.join(FIELDS)}）")
    with database(args.db, args) as db:
        _sign_in_if_asked(db, args, "打印完整身份证号和电话" if args.unmasked else "")
        with db.session() as s:
            try:
                data = roster_rows(s, RosterRequest(branch=args.branch))
            except LookupError as exc:
                raise CommandError(str(exc)) from exc
        if args.unmasked:
            document = f"党员花名册（{data.branch_name}）" if data.branch_name else "党员花名册"
            _record_unmasked(db, document, len(data.rows))
        _write_pdf(lambda: build_member_roster(args.out, data.rows, community=data.community,
                                               branch=data.branch_name, fields=fields, masked=not args.unmasked),
                   args.out, FontNotFound)
    print(args.out)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from db.importing.layout import find_layout
    from db.importing.maps import MapError, read_map_file, resolve_maps
    from db.importing.pipeline import ImportOptions
    from db.importing.read import LedgerReadError, read_rows
    from db.importing.registers import LEDGERS, import_ledger
    from db.importing.report import allow_unmasked_report, write_error_report
    from db.permissions import PermissionDenied

    register = LEDGERS[args.register]
    try:
        rows = read_rows(args.file)
        raw_map = read_map_file(args.map) if args.map else {}
    except (LedgerReadError, MapError) as exc:
        raise CommandError(str(exc)) from exc
    layout = find_layout(rows, register.synonyms)
    if layout is None or any(c not in layout.columns for c in register.required):
        needed = "、".join(register.label(c) for c in register.required)
        raise CommandError(f"在“{args.file.name}”中找不到{register.title}的表头（需要这些列：{needed}）")
    db = open_database_or_fail(args.db, create=True)
    try:
        sign_in_for(db, args, "导入台账")
        with db.session() as s:
            with s.begin():
                try:
                    value_map, name_map = resolve_maps(s, register, layout, raw_map)
                except MapError as exc:
                    raise CommandError(str(exc)) from exc
                options = ImportOptions(update_existing=args.update_existing, create_orgs=args.create_orgs,
                                        value_map=value_map, name_map=name_map)
                result = import_ledger(s, register, rows, layout, source=args.file.name, dry_run=args.dry_run,
                                       options=options)
                if args.dry_run:
                    s.rollback()
        if args.errors is not None and result.problems and args.unmasked:
            with db.session() as s, s.begin():
                try:
                    allow_unmasked_report(s, args.file.name, len(result.problems))
                except PermissionDenied as exc:
                    raise Refused(str(exc)) from exc
    finally:
        db.close()
    print(json.dumps(result.summary() | result.findings(), ensure_ascii=False), flush=True)
    if args.errors is not None and result.problems:
        try:
            write_error_report(args.errors, rows, layout, result.problems, masked=not args.unmasked)
        except OSError as exc:
            raise CommandError(f"已导入，但无法写入错误报告“{args.errors}”：{exc.strerror or exc}") from exc
    return 0


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from db.exporting import export_register

    # A transaction: the export writes its own audit entry, which must be committed with it.
    with database(args.db, args) as db:
        sign_in_for(db, args, "导出 Excel")
        with db.session() as s, s.begin():
            try:
                count = export_register(s, args.register, args.out, masked=not args.unmasked)
            except OSError as exc:
                raise CommandError(f"无法写入“{args.out}”：{exc.strerror or exc}") from exc
    print(json.dumps({"rows": count, "out": str(args.out)}, ensure_ascii=False))
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.app import run_gui

    return run_gui(args.db, args.lang or "zh_CN")


COMMANDS = {"demo": cmd_demo, "stats": cmd_stats, "export": cmd_export, "import": cmd_import,
            "export-xlsx": cmd_export_xlsx, "backup": cmd_backup, "restore": cmd_restore, "check": cmd_check,
            "user": cmd_user, "server": cmd_server, "copy": cmd_copy, "community": cmd_community,
            "station": cmd_station, "exchange": cmd_exchange, "points": cmd_points,
            "screenshot": cmd_screenshot,
            "gui": cmd_gui, None: cmd_gui}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except Refused as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except CommandError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last guard: one line, not a traceback (nor an exception's class name)
        from db.permissions import PermissionDenied
        from db.storage_errors import explain

        if isinstance(exc, PermissionDenied):  # a right the signed-in account lacks: refused, like a sign-in
            print(f"错误：{exc}", file=sys.stderr)
            return 2
        print(f"错误：{explain(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
