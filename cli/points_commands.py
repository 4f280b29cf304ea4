"""`points earn|redeem|adjust|reverse|balance|credit|expire|allowance|overdrafts`: the moral bank
(道德银行) from the command line, through the same db.bank functions as the window. Each prints
one JSON line (the line written and the balance after it); a refusal is one Chinese sentence
with exit status 1, and nothing is written."""

from __future__ import annotations

import argparse
import json
from typing import Any

from cli.common import CommandError, database, sign_in_for

POINTS_HELP = ("--resident takes an ID number, a volunteer number (V0012) or a name only one person has. "
               "earn: --points N [--category garbage|good_deed|…] --reason TEXT, or --rule NAME [--times N]; "
               "redeem: --item NAME[:QUANTITY] (repeat it) or, at a partner shop, --shop NAME --points N; "
               "adjust (an administrator's): --points ±N --reason TEXT; reverse (an administrator's): --entry ID "
               "--reason TEXT; credit: claims whose notice has ended; expire: points past the office's limit. "
               "--household: the account of the resident's household instead of the resident's own. "
               "allowance: the stations' offline redemption allowances, or set one with --station NAME --points N; "
               "overdrafts: the accounts a station took below zero, or mark one dealt with: --handle ID --note TEXT.")


def add_points_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    points = sub.add_parser("points", parents=[common], help="the moral bank: earn, redeem, adjust …",
                            description=POINTS_HELP)
    verbs = points.add_subparsers(dest="points_command", required=True)
    for name, text in (("earn", "points earned"), ("redeem", "points redeemed at the counter"),
                       ("adjust", "a correction"), ("balance", "an account's balance")):
        verb = verbs.add_parser(name, parents=[common], help=text)
        verb.add_argument("--resident", required=True)
        verb.add_argument("--household", action="store_true", help="the account of the resident's household")
        if name in ("earn", "adjust", "redeem"):
            verb.add_argument("--points")
        if name in ("earn", "adjust", "redeem"):
            verb.add_argument("--reason", default="")
        if name == "earn":
            verb.add_argument("--category", default="other")
            verb.add_argument("--rule", help="an earning item's name")
            verb.add_argument("--times", default="1")
            verb.add_argument("--on", help="the day (default today)")
        if name == "redeem":
            verb.add_argument("--item", action="append", default=[], help="NAME or NAME:QUANTITY")
            verb.add_argument("--shop", help="a partner shop's name")
    undo = verbs.add_parser("reverse", parents=[common], help="reverse one ledger line")
    undo.add_argument("--entry", required=True, type=int)
    undo.add_argument("--reason", required=True)
    verbs.add_parser("credit", parents=[common], help="credit the claims whose notice has ended")
    verbs.add_parser("expire", parents=[common], help="expire the points past the office's limit")
    allowance = verbs.add_parser("allowance", parents=[common], help="the points a station may redeem offline")
    allowance.add_argument("--station")
    allowance.add_argument("--points")
    overdrafts = verbs.add_parser("overdrafts", parents=[common], help="accounts a station took below zero")
    overdrafts.add_argument("--handle", type=int, help="the id of the flag dealt with")
    overdrafts.add_argument("--note", default="")


def _items(session: Any, wanted: list[str]) -> list[Any]:
    from sqlalchemy import select

    from db.bank.redeeming import Item
    from db.models import BankGoods

    items = []
    for text in wanted:
        name, _, quantity = text.rpartition(":") if ":" in text else (text, "", "1")
        goods = session.scalar(select(BankGoods.id).where(BankGoods.name == name.strip(),
                                                          BankGoods.deleted_at.is_(None)))
        if goods is None:
            raise CommandError(f"物品目录中没有“{name.strip()}”")
        items.append(Item(goods, quantity.strip()))
    return items


def _shop(session: Any, name: str | None) -> int | None:
    from sqlalchemy import select

    from db.models import PartnerShop

    if not name:
        return None
    shop = session.scalar(select(PartnerShop.id).where(PartnerShop.name == name.strip(),
                                                       PartnerShop.deleted_at.is_(None)))
    if shop is None:
        raise CommandError(f"没有登记名为“{name.strip()}”的合作商家")
    return int(shop)


def _rule(session: Any, name: str) -> int:
    from db.bank.rules import rule_rows

    found = [r.id for r in rule_rows(session) if r.name == name.strip()]
    if not found:
        raise CommandError(f"没有名为“{name.strip()}”的积分项目（在用的）")
    return found[0]


def cmd_points(args: argparse.Namespace) -> int:
    from db.bank.accounts import balance, resolve_holder
    from db.bank.claims import credit_due
    from db.bank.expiry import expire_points
    from db.bank.ledger import post, reverse
    from db.bank.redeeming import redeem
    from db.bank.rules import earn_by_rule
    from db.validation import FieldError, ValidationErrors

    verb = args.points_command
    if verb in ("allowance", "overdrafts"):
        return _stations_and_overdrafts(args)
    with database(args.db, args) as db:
        if verb != "balance":
            sign_in_for(db, args, "登记道德银行积分")
        try:
            with db.session() as s, s.begin():
                out: dict[str, Any] = {}
                if verb == "credit":
                    out = {"credited": len(credit_due(s))}
                elif verb == "expire":
                    out = {"expired": expire_points(s)}
                elif verb == "reverse":
                    entry = reverse(s, args.entry, args.reason)
                    out = {"entry": entry.id, "points": entry.points, "balance": balance(s, entry.account_id)}
                else:
                    account = _account(s, resolve_holder(s, args.resident), args.household)
                    if verb == "earn" and args.rule:
                        entry = earn_by_rule(s, account, _rule(s, args.rule), times=args.times, on=args.on,
                                             reason=args.reason)
                        out = {"entry": entry.id, "points": entry.points}
                    elif verb in ("earn", "adjust"):
                        entry = post(s, account, verb, args.points, reason=args.reason, category=args.category
                                     if verb == "earn" else "other", on=getattr(args, "on", None))
                        out = {"entry": entry.id, "points": entry.points}
                    elif verb == "redeem":
                        done = redeem(s, account, _items(s, args.item), shop_id=_shop(s, args.shop),
                                      points=args.points, note=args.reason)
                        out = {"redemption": done.number, "points": -done.points}
                    out["balance"] = balance(s, account)
        except (ValidationErrors, FieldError) as exc:
            errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
            raise CommandError("；".join(e.message for e in errors)) from exc
    print(json.dumps(out, ensure_ascii=False))
    return 0


def _account(session: Any, person_id: int, household: bool) -> int:
    """The resident's account, or their household's (each opened the first time)."""
    from db.bank.accounts import open_account, open_household_account

    if household:
        return int(open_household_account(session, person_id).id)
    return int(open_account(session, person_id=person_id).id)


def _stations_and_overdrafts(args: argparse.Namespace) -> int:
    """`points allowance` and `points overdrafts`: the office's side of the stations' counters."""
    from db.bank.allowance import AllowanceError, handle_overdraft, open_overdrafts, set_allowance, station_allowances
    from db.validation import ValidationErrors

    changing = args.station if args.points_command == "allowance" else args.handle
    with database(args.db, args) as db:
        if changing:
            sign_in_for(db, args, "设定服务站兑换额度或处理透支记录")
        try:
            with db.session() as s, s.begin():
                if args.points_command == "allowance":
                    if args.station:
                        set_allowance(s, args.station, args.points)
                    out: Any = [{"station": a.station, "points": a.points, "default": a.is_default}
                                for a in station_allowances(s)]
                else:
                    if args.handle:
                        handle_overdraft(s, args.handle, args.note)
                    out = [{"id": r.id, "holder": r.holder, "station": r.station, "balance": r.balance_now,
                            "found_at": r.found_at.isoformat(sep=" ", timespec="minutes")} for r in open_overdrafts(s)]
        except ValidationErrors as exc:
            raise CommandError("；".join(e.message for e in exc.errors)) from exc
        except AllowanceError as exc:
            raise CommandError(str(exc)) from exc
    print(json.dumps(out, ensure_ascii=False))
    return 0
