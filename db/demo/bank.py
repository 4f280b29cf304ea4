"""The demo community's moral bank (issue 17): a year of points for its volunteers (from their
service hours) and for about a tenth of its residents (garbage sorting, helping neighbours,
good deeds within the items' caps), a catalogue with its stock, two partner shops, redemptions
at the counter and at the shops, and good-deed claims in every state.

Written after the rest of the demo, in the same transaction: the volunteers' points through
db.bank.volunteering, the rest as bulk rows checked here as the counter would (no balance below
zero, no stock below zero, no item over its cap), then the claims through db.bank.claims.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.bank.claims import object_to_claim, review_claim, submit_claim
from db.bank.goods import save_goods
from db.bank.rules import rule_rows
from db.bank.shops import save_shop
from db.bank.volunteering import credit_service_hours
from db.models import BankAccount, BankEntry, Redemption, RedemptionLine, Resident, StockMove
from db.models.base import new_uuid
from db.scope import community_id_of

GOODS = (("洗衣液", 20, "瓶", 600), ("大米（5斤）", 30, "袋", 500), ("食用油", 40, "桶", 400), ("毛巾", 8, "条", 800),
         ("牙膏", 10, "支", 800), ("环保购物袋", 5, "个", 1000), ("理发", 15, "次", None), ("家电维修", 30, "次", None))
SHOPS = (("幸福便民超市", "刘建国", "13903790001"), ("邻里理发店", "王秀兰", "13903790002"))
MONTHLY = {"垃圾分类正确投放": (0.8, 10, 20), "助老助残、邻里互助": (0.15, 1, 2), "参与社区环境整治": (0.2, 1, 3)}
SHARE_OF_RESIDENTS = 10  # one resident in ten keeps a passbook


def add_bank(session: Session, seed: int, today: date) -> None:
    rnd = random.Random(seed + 17)
    credit_service_hours(session, today=today)
    goods = [(save_goods(session, name, price, unit=unit, tracks_stock=bought is not None).id, price, bought)
             for name, price, unit, bought in GOODS]
    bought_at = datetime.combine(today - timedelta(days=400), time(9))  # before the year's redemptions
    session.execute(insert(StockMove), [
        {"uuid": new_uuid(), "goods_id": gid, "quantity": bought, "kind": "in", "redemption_id": None,
         "note": "年初采购", "by": "", "at": bought_at} for gid, _price, bought in goods if bought is not None])
    shops = [save_shop(session, name, contact=contact, phone=phone).id for name, contact, phone in SHOPS]
    rules = {r.name: r for r in rule_rows(session)}
    residents = session.scalars(select(Resident.person_id).where(Resident.deleted_at.is_(None))
                                .order_by(Resident.id)).all()
    holders = [p for i, p in enumerate(residents) if i % SHARE_OF_RESIDENTS == 0]
    have = dict(session.execute(select(BankAccount.person_id, BankAccount.id)).all())
    community, at = community_id_of(session), datetime.combine(today, time(9))
    new = [p for p in holders if p not in have]
    if new:
        session.execute(insert(BankAccount), [
            {"person_id": p, "opened_on": today - timedelta(days=365), "notes": "", "community_id": community,
             "uuid": new_uuid(), "version": 1, "created_at": at, "updated_at": at} for p in new])
        have = dict(session.execute(select(BankAccount.person_id, BankAccount.id)).all())
    balance: dict[int, int] = defaultdict(int)
    for account, points in session.execute(select(BankEntry.account_id, BankEntry.points)):
        balance[account] += points
    entries: list[dict] = []  # type: ignore[type-arg]
    redemptions: list[tuple[int, int | None, int, date, int | None]] = []
    stock = {gid: n for gid, _p, n in goods if n is not None}
    for month_back in range(12, 0, -1):
        first = (today.replace(day=1) - timedelta(days=30 * month_back)).replace(day=1)
        for person in holders:
            account = have[person]
            for name, (chance, low, high) in MONTHLY.items():
                rule = rules.get(name)
                if rule is None or rnd.random() > chance:
                    continue
                points = min(rnd.randint(low, high) * rule.points, rule.cap or 10**6)
                on = first + timedelta(days=rnd.randint(0, 27))
                entries.append(_entry(account, "earn", points, on, rule.category, rule.name, rule.id, "rule"))
                balance[account] += points
            if balance[account] >= 20 and rnd.random() < 0.25:
                gid, price, _n = rnd.choice([g for g in goods if g[2] is None or stock[g[0]] > 0])
                if price <= balance[account]:
                    redemptions.append((account, gid, price, first + timedelta(days=28), None))
                    balance[account] -= price
                    if gid in stock:
                        stock[gid] -= 1
            elif balance[account] >= 30 and rnd.random() < 0.1:
                points = rnd.randint(10, min(balance[account], 50))
                redemptions.append((account, None, points, first + timedelta(days=20), rnd.choice(shops)))
                balance[account] -= points
    for start in range(0, len(entries), 5000):
        session.execute(insert(BankEntry), entries[start:start + 5000])
    _redeem(session, redemptions, dict((g, (p, n)) for g, p, n in goods))
    _claims(session, holders[:12], rules, today)


def _entry(account: int, kind: str, points: int, on: date, category: str, reason: str, rule_id: int | None,
           source: str, source_id: int | None = None) -> dict:
    return {"uuid": new_uuid(), "account_id": account, "kind": kind, "points": points, "on": on,
            "category": category, "reason": reason, "rule_id": rule_id, "source": source, "source_id": source_id,
            "hours": None, "reverses_id": None, "entered_by": "", "approved_by": "", "station": "",
            "at": datetime.combine(on, time(10))}


def _redeem(session: Session, redemptions: list, goods: dict) -> None:  # type: ignore[type-arg]
    """The year's redemptions, numbered in order, each with its line, stock movement and ledger line."""
    from db.models import BankGoods

    names = dict(session.execute(select(BankGoods.id, BankGoods.name)).all())
    community = community_id_of(session)
    numbered: dict[int, int] = defaultdict(int)  # the slips' yearly series, as the counter numbers them
    ordered = sorted(redemptions, key=lambda r: r[3])
    heads = []
    for account, _gid, points, on, shop in ordered:
        at = datetime.combine(on, time(15))
        numbered[on.year] += 1
        heads.append({"number": f"DH{on.year}-{numbered[on.year]:04d}", "account_id": account, "shop_id": shop,
                      "station": "", "at": at, "by": "", "points": points, "entry_id": None,
                      "community_id": community, "uuid": new_uuid(), "version": 1, "created_at": at, "updated_at": at})
    ids = session.scalars(insert(Redemption).returning(Redemption.id, sort_by_parameter_order=True), heads).all() \
        if heads else []
    lines, moves, entries = [], [], []
    for rid, head, (account, gid, points, on, _shop) in zip(ids, heads, ordered, strict=True):
        if gid is not None:
            lines.append({"redemption_id": rid, "goods_id": gid, "name": names[gid], "quantity": 1, "price": points})
            if goods[gid][1] is not None:
                moves.append({"uuid": new_uuid(), "goods_id": gid, "quantity": -1, "kind": "redeem",
                              "redemption_id": rid, "note": head["number"], "by": "", "at": head["at"]})
        what = names[gid] if gid is not None else "合作商家消费"
        entries.append(_entry(account, "redeem", -points, on, "other", f"兑换：{what}", None, "redemption", rid))
    for table, rows in ((RedemptionLine, lines), (StockMove, moves), (BankEntry, entries)):
        for start in range(0, len(rows), 5000):
            session.execute(insert(table), rows[start:start + 5000])
    from db.counters import take_next

    for year, last in numbered.items():  # the counter's series goes on after the demo's numbers
        take_next(session, "redemption", year, at_least=last)


def _claims(session: Session, people: list[int], rules: dict, today: date) -> None:  # type: ignore[type-arg]
    """Good-deed claims in every state: credited, posted, objected, rejected and waiting."""
    deeds = (("拾金不昧", "在小区捡到钱包，交还失主"), ("其他好人好事（经审核）", "义务为独居老人修理水管"),
             ("见义勇为", "制止电动车楼道充电引发的火情"), ("其他好人好事（经审核）", "冒雨帮邻居收回晾晒衣物"))
    for n, person in enumerate(people):
        name, deed = deeds[n % len(deeds)]
        if name not in rules:
            continue
        claim = submit_claim(session, person, rules[name].id, deed, today - timedelta(days=20 - n), today=today)
        step = n % 5
        if step in (1, 2, 3):
            review_claim(session, claim.id, True, today=today - timedelta(days=10 if step == 1 else 2))
        if step == 2:
            object_to_claim(session, claim.id, "有居民反映事迹需要核实")
        if step == 4:
            review_claim(session, claim.id, False, "事迹无法核实", today=today)
    from db.bank.claims import credit_due

    credit_due(session, today)
