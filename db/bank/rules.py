"""The earning items (积分项目), like a 村规民约 points scheme: each with its points, category and
an optional cap per month or year. Every community starts with DEFAULT_RULES (migration 0014
for those that existed, db.communities for a new one); the office edits the list.

A line earned under an item keeps the points it was given: changing an item's points later
changes nothing already earned (the ledger holds amounts, not references to a price).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.bank.ledger import post, refuse
from db.gate import checked_writes
from db.models import BankEntry, BankRule, Community, now
from db.models.base import new_uuid
from db.validation import (
    ErrorCollector,
    FieldError,
    ValidationErrors,
    check_free_text,
    check_int,
    is_id,
    parse_date,
)
from db.vocab import BANK_CATEGORIES, CAP_PERIODS

# (name, category, points, cap, cap period), as migration 0014 seeds them.
DEFAULT_RULES = (
    ("垃圾分类正确投放", "garbage", 1, 20, "month"),
    ("助老助残、邻里互助", "neighbour", 5, 20, "month"),
    ("参与社区环境整治", "civility", 3, 15, "month"),
    ("移风易俗（婚事新办、丧事简办）", "civility", 10, 20, "year"),
    ("拾金不昧", "good_deed", 10, None, None),
    ("见义勇为", "good_deed", 50, None, None),
    ("其他好人好事（经审核）", "good_deed", 5, 50, "year"),
)
MAX_RULE_POINTS = 1000
MAX_TIMES = 100


@dataclass(frozen=True)
class RuleRow:
    id: int
    name: str
    category: str
    points: int
    cap: int | None
    cap_period: str | None
    active: bool


def seeded_rule_uuid(community_uuid: str, name: str) -> str:
    """A default item's UUID, the same in every copy of its community (office, stations, a
    server it moves to): a claim made at a station names the item the office has."""
    return str(uuid.uuid5(uuid.UUID(community_uuid), name))


def seed_rules(session: Session, community_id: int) -> None:
    """The default items for a new community, on the session's connection (as its care tags)."""
    at = now()
    community_uuid = session.connection().scalar(select(Community.uuid).where(Community.id == community_id))
    with checked_writes(session, "accounts"):
        session.connection().execute(insert(BankRule), [
            {"community_id": community_id, "name": name, "category": category, "points": points, "cap": cap,
             "cap_period": period, "active": True, "sort_order": order,
             "uuid": seeded_rule_uuid(community_uuid, name) if community_uuid else new_uuid(), "version": 1,
             "created_at": at, "updated_at": at}
            for order, (name, category, points, cap, period) in enumerate(DEFAULT_RULES)])


def rule_rows(session: Session, *, include_inactive: bool = False) -> list[RuleRow]:
    stmt = select(BankRule).where(BankRule.deleted_at.is_(None)).order_by(BankRule.sort_order, BankRule.id)
    if not include_inactive:
        stmt = stmt.where(BankRule.active.is_(True))
    return [RuleRow(r.id, r.name, r.category, r.points, r.cap, r.cap_period, r.active) for r in session.scalars(stmt)]


def save_rule(session: Session, name: str, category: str, points: object, *, cap: object = None,
              cap_period: str | None = None, active: bool = True, rule_id: int | None = None) -> BankRule:
    """Add an item or change one; what was earned under it before keeps its points."""
    errors = ErrorCollector()
    clean = errors.check(check_free_text, name, "name", "积分项目", max_len=60, required=True)
    if category not in BANK_CATEGORIES:
        errors.add(FieldError("category", "积分类别", "请从列表中选择"))
    amount = errors.check(check_int, points, "points", "分值", 1, MAX_RULE_POINTS)
    if amount is None and not errors.has("points"):
        errors.add(FieldError("points", "分值", "必填"))
    limit = errors.check(check_int, cap, "cap", "上限", 1, MAX_RULE_POINTS * MAX_TIMES)
    if (limit is None) != (cap_period is None):
        errors.add(FieldError("cap", "上限", "上限和上限周期（每月/每年）要一起填，或都不填"))
    elif cap_period is not None and cap_period not in CAP_PERIODS:
        errors.add(FieldError("cap_period", "上限周期", "请选择每月或每年"))
    elif limit is not None and amount is not None and limit < amount:
        errors.add(FieldError("cap", "上限", f"不能小于分值（{amount}分）"))
    errors.raise_if_any()
    rule = session.get(BankRule, rule_id) if is_id(rule_id) else None
    if rule_id is not None and (rule is None or rule.deleted_at is not None):
        raise ValidationErrors([FieldError("name", "积分项目", "该积分项目已不存在，请刷新后重试")])
    if session.scalar(select(BankRule.id).where(BankRule.name == clean, BankRule.deleted_at.is_(None),
                                                BankRule.id != (rule_id or 0))) is not None:
        raise ValidationErrors([FieldError("name", "积分项目", f"“{clean}”已经有了")])
    if rule is None:
        rule = BankRule(sort_order=(session.scalar(select(func.max(BankRule.sort_order))) or 0) + 1)
        session.add(rule)
    rule.name, rule.category, rule.points = clean or "", category, int(amount or 0)
    rule.cap, rule.cap_period, rule.active = limit, cap_period, bool(active)
    session.flush()
    return rule


def period_of(on: date, cap_period: str) -> tuple[date, date]:
    """The month or year `on` falls in, as [start, end)."""
    if cap_period == "year":
        return date(on.year, 1, 1), date(on.year + 1, 1, 1)
    start = date(on.year, on.month, 1)
    return start, date(on.year + (on.month == 12), on.month % 12 + 1, 1)


def earned_in_period(session: Session, account_id: int, rule: BankRule, on: date) -> int:
    """What the account has earned under the rule in the cap period `on` falls in (reversals count)."""
    assert rule.cap_period is not None
    start, end = period_of(on, rule.cap_period)
    return int(session.scalar(select(func.coalesce(func.sum(BankEntry.points), 0)).where(
        BankEntry.account_id == account_id, BankEntry.rule_id == rule.id, BankEntry.kind.in_(("earn", "reverse")),
        BankEntry.on >= start, BankEntry.on < end)) or 0)


def live_rule(session: Session, rule_id: object) -> BankRule:
    rule = session.get(BankRule, rule_id) if is_id(rule_id) else None
    if rule is None or rule.deleted_at is not None:
        raise refuse("rule_id", "积分项目", "请从列表中选择积分项目")
    if not rule.active:
        raise refuse("rule_id", "积分项目", f"“{rule.name}”已停用")
    return rule


def check_cap(session: Session, account_id: int, rule: BankRule, points: int, on: date) -> None:
    """Refuse points over the rule's cap for the period, saying how many are left."""
    if rule.cap is None or rule.cap_period is None:
        return
    already = earned_in_period(session, account_id, rule, on)
    if already + points > rule.cap:
        period = "本月" if rule.cap_period == "month" else "本年"
        left = max(rule.cap - already, 0)
        raise refuse("rule_id", "积分项目",
                     f"“{rule.name}”{period}上限{rule.cap}分，已得{already}分，最多还能得{left}分")


def earn_by_rule(session: Session, account_id: int, rule_id: object, *, times: object = 1,
                 on: date | str | None = None, reason: str = "", source: str = "rule", source_id: int | None = None,
                 approved_by: str = "", today: date | None = None) -> BankEntry:
    """Points for doing a rule's deed `times` times, within its cap."""
    rule = live_rule(session, rule_id)
    errors = ErrorCollector()
    count = errors.check(check_int, times, "times", "次数", 1, MAX_TIMES)
    day = errors.check(parse_date, on if on is not None else (today or date.today()), "on", "日期",
                       allow_future=False, today=today)
    errors.raise_if_any()
    points = rule.points * (count or 1)
    check_cap(session, account_id, rule, points, day or date.today())
    return post(session, account_id, "earn", points, reason=reason or rule.name, category=rule.category,
                rule_id=rule.id, source=source, source_id=source_id, on=day, approved_by=approved_by, today=today)
