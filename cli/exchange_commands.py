"""`station create` and `exchange export|import|status`: station copies (服务站/驿站) and the
bundles they exchange with the office (db.exchange)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from cli.common import CommandError, database, sign_in_for
from db.exchange.registers import CHOICES

STATION_HELP = ("Make a station copy of the office database: a new file with the office's community, its "
                "accounts and settings, phone numbers masked and ID numbers left out unless --include-numbers, "
                "and an identity as a station of this office. The office becomes the station's peer and the "
                "station the office's. An administrator's work on a database with accounts.")
EXCHANGE_HELP = ("export writes a bundle (.zip) of everything changed here since the last bundle the other side "
                 "acknowledged; import checks a bundle whole before applying it in one transaction and prints "
                 '{"applied": N, "skipped": N, "conflicts": N, "persons_merged": N}; status shows this copy and '
                 "its peers.")


def add_exchange_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    station = sub.add_parser("station", parents=[common], help="make a station copy", description=STATION_HELP)
    actions = station.add_subparsers(dest="station_command", required=True)
    create = actions.add_parser("create", parents=[common], help="make a station copy of the office database")
    create.add_argument("--name", required=True, help="the station's name, e.g. 幸福驿站")
    create.add_argument("--out", type=Path, required=True, help="the new station database file")
    create.add_argument("--include-numbers", action="store_true",
                        help="copy ID and phone numbers in full (they stay masked otherwise)")
    registers = actions.add_parser("registers", parents=[common],
                                   help="show or mark the registers stations enter (at the office)")
    registers.add_argument("--set", dest="registers",
                           help="comma-separated keys: " + ", ".join(CHOICES) + " (an administrator's choice)")
    exchange = sub.add_parser("exchange", parents=[common], help="exchange bundles between office and stations",
                              description=EXCHANGE_HELP)
    verbs = exchange.add_subparsers(dest="exchange_command", required=True)
    export = verbs.add_parser("export", parents=[common], help="write a bundle for a peer")
    export.add_argument("--out", type=Path, required=True, help="the bundle file (.zip), e.g. on a USB stick")
    export.add_argument("--to", dest="peer", help="the peer's name (needed at an office with several stations)")
    imported = verbs.add_parser("import", parents=[common], help="apply a bundle from a peer")
    imported.add_argument("bundle", type=Path)
    verbs.add_parser("status", parents=[common], help="this copy and its peers")


def cmd_station(args: argparse.Namespace) -> int:
    from db.exchange.journal import ExchangeError
    from db.exchange.stations import create_station

    if args.station_command == "registers":
        return _station_registers(args)
    with database(args.db, args) as db:
        sign_in_for(db, args, "制作服务站副本")
        try:
            made = create_station(db, args.name, args.out, include_numbers=args.include_numbers)
        except ExchangeError as exc:
            raise CommandError(str(exc)) from exc
    masked = "电话号码已隐藏、身份证号未带入" if made.numbers_masked else "身份证号和电话号码完整带入"
    print(f"已制作服务站副本“{args.name}”：{made.path}（{made.rows} 条记录，{masked}）。")
    return 0


def _station_registers(args: argparse.Namespace) -> int:
    """Print the registers stations enter, one a line as `key<TAB>name`; with --set, mark them first."""
    from db.exchange.journal import ExchangeError
    from db.exchange.registers import set_station_registers, station_registers

    with database(args.db, args) as db:
        try:
            if args.registers is not None:
                sign_in_for(db, args, "设定服务站可录入的登记簿")
                keys = [k.strip() for k in args.registers.split(",") if k.strip()]
                with db.session() as s, s.begin():
                    set_station_registers(s, keys)
            with db.session() as s:
                chosen = station_registers(s)
        except ExchangeError as exc:
            raise CommandError(str(exc)) from exc
    for key, (label, _) in CHOICES.items():
        if key in chosen:
            print(f"{key}\t{label}")
    if args.registers is not None:
        print("各服务站导入办公室的下一个交换包后生效。", file=sys.stderr)
    return 0


def cmd_exchange(args: argparse.Namespace) -> int:
    from db.exchange.journal import ExchangeError

    with database(args.db, args) as db:
        try:
            if args.exchange_command == "status":
                return _status(db)
            sign_in_for(db, args, "导入或导出交换包")
            if args.exchange_command == "export":
                return _export(db, args)
            return _import(db, args)
        except ExchangeError as exc:
            raise CommandError(str(exc)) from exc


def _export(db: Any, args: argparse.Namespace) -> int:
    from db.exchange.outgoing import export_bundle, only_peer, peer_named

    with db.session() as s, s.begin():
        peer = peer_named(s, args.peer) if args.peer else only_peer(s)
        done = export_bundle(s, peer, args.out)
    for warning in done.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    print(f"已导出给“{peer.name}”的交换包：{done.path}"
          f"（{done.changes} 项改动，编号 {done.first_seq}–{done.last_seq}）。")
    return 0


def _import(db: Any, args: argparse.Namespace) -> int:
    from db.exchange.incoming import import_bundle

    with db.session() as s, s.begin():
        result = import_bundle(s, args.bundle)
    for warning in result.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    print(json.dumps(result.counts(), ensure_ascii=False))
    return 0


def _status(db: Any) -> int:
    from sqlalchemy import select

    from db.exchange.journal import last_seq, this_copy
    from db.models import ExchangeConflict, ExchangePeer

    with db.session() as s:
        here = this_copy(s)
        if here is None:
            print("这个数据库还没有参与交换（不是办公室或服务站副本）。")
            return 0
        kind = "办公室" if here.kind == "office" else "服务站"
        print(f"本副本：{here.name}（{kind}），改动编号到 {last_seq(s)}")
        for peer in s.scalars(select(ExchangePeer).order_by(ExchangePeer.name)):
            print(f"  {peer.name}：已发到 {peer.sent_up_to}，对方确认到 {peer.acked_up_to}，"
                  f"已收到对方的 {peer.received_up_to}")
        waiting = s.scalars(select(ExchangeConflict.id).where(ExchangeConflict.resolved_at.is_(None))).all()
        if waiting:
            print(f"待处理冲突：{len(waiting)} 项")
    return 0
