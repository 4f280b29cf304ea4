"""Writing the ledger: every change to an account is a new line, checked before it is written.

- earn: a positive amount (by a rule, from service hours, for a credited claim);
- redeem and expire: an amount taken off (stored negative);
- adjust: a correction either way, for an administrator ("points_approve"), with its reason;
- reverse: the exact opposite of one line, pointing at it (an administrator's): the way a
  mistaken line is undone, since no line is ever changed or removed.

No line here takes an account below zero: the balance is read with the account row locked (a
second counter waits), so two redemptions at once cannot both spend the same points. Each line
records who entered it, who approved it, the station it was entered at and when.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.bank.accounts import holder_problem
from db.models import BankAccount, BankEntry
from db.permissions import actor_of, require_in
from db.validation import ErrorCollector, FieldError, ValidationErrors, check_free_text, check_int, is_id, parse_date
from db.vocab import BANK_CATEGORIES, BANK_ENTRY_KINDS

MAX_LINE = 100_000  # points on one line: more is a typing slip
TAKEN_OFF = ("redeem", "expire")  # amounts given as positive numbers, stored negative


class LedgerRefused(ValidationErrors):
    """A line that may not be written: the reasons, one sentence each, nothing written."""


def refuse(field: str, label: str, problem: str) -> LedgerRefused:
    return LedgerRefused([FieldError(field, label, problem)])


def station_name(session: Session) -> str:
    """The station copy's name, "" at the office (a line says where it was entered)."""
    from db.exchange.journal import this_copy

    here = this_copy(session)
    return here.name if here is not None and here.kind == "station" else ""


def at_office_only(session: Session, what: str) -> None:
    """Refuse, at a station, work only the office does: two copies doing it offline would both
    write the same points (a claim credited twice, points expired twice). A station records
    claims and redeems; the office reviews, credits and expires, and its lines come back."""
    if station_name(session):
        raise refuse("station", "服务站", f"{what}由办公室办理；服务站只登记申报和兑换，结果随交换包回到服务站")


def locked_account(session: Session, account_id: object) -> BankAccount:
    """The account, its row locked for the transaction (PostgreSQL; SQLite writes one at a time)."""
    account = session.get(BankAccount, account_id, with_for_update=True) if is_id(account_id) else None
    if account is None:
        raise refuse("account", "积分账户", "该积分账户不存在")
    if (problem := holder_problem(session, account)) is not None:
        raise refuse("account", "积分账户", problem)
    return account


def account_balance(session: Session, account_id: int) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(BankEntry.points), 0))
                              .where(BankEntry.account_id == account_id)) or 0)


def post(session: Session, account_id: int, kind: str, points: object, *, reason: str = "", category: str = "other",
         rule_id: int | None = None, source: str = "manual", source_id: int | None = None,
         on: date | str | None = None, approved_by: str = "", today: date | None = None) -> BankEntry:
    """Write one line (kind earn, redeem, adjust or expire; a reversal: `reverse`). `points` is the
    amount as a person gives it: positive, except for an adjustment, which has a sign."""
    require_in(session, "points_approve" if kind == "adjust" else "edit")
    if kind not in BANK_ENTRY_KINDS or kind == "reverse":
        raise ValueError(kind)
    errors = ErrorCollector()
    low = -MAX_LINE if kind == "adjust" else 1
    amount = errors.check(check_int, points, "points", "积分", low, MAX_LINE,
                          problem="应为1到100000之间的整数" if kind != "adjust" else "应为非零整数（可为负数）")
    if amount is None and not errors.has("points"):
        errors.add(FieldError("points", "积分", "必填"))
    if amount == 0:
        errors.add(FieldError("points", "积分", "不能为0"))
    day = errors.check(parse_date, on if on is not None else (today or date.today()), "on", "日期",
                       allow_future=False, today=today)
    text = errors.check(check_free_text, reason, "reason", "事由", max_len=200,
                        required=kind in ("adjust",)) or ""
    if category not in BANK_CATEGORIES:
        errors.add(FieldError("category", "积分类别", "请从列表中选择"))
    errors.raise_if_any()
    account = locked_account(session, account_id)
    signed = -int(amount or 0) if kind in TAKEN_OFF else int(amount or 0)
    if signed < 0:
        have = account_balance(session, account.id)
        if have + signed < 0:
            raise refuse("points", "积分", f"余额不足：现有{have}分，{BANK_ENTRY_KINDS.label(kind)}需{-signed}分")
    entry = BankEntry(account_id=account.id, kind=kind, points=signed, on=day, category=category, reason=text,
                      rule_id=rule_id, source=source, source_id=source_id, entered_by=actor_of(session).username,
                      approved_by=approved_by or (actor_of(session).username if kind == "adjust" else ""),
                      station=station_name(session))
    session.add(entry)
    session.flush()
    return entry


def reverse(session: Session, entry_id: int, reason: str, *, today: date | None = None) -> BankEntry:
    """The line's exact opposite, pointing at it; a line is reversed once, a reversal never."""
    require_in(session, "points_approve")
    errors = ErrorCollector()
    text = errors.check(check_free_text, reason, "reason", "冲正原因", max_len=200, required=True) or ""
    errors.raise_if_any()
    original = session.get(BankEntry, entry_id) if is_id(entry_id) else None
    if original is None:
        raise refuse("entry", "积分记录", "该积分记录不存在")
    if original.kind == "reverse":
        raise refuse("entry", "积分记录", "冲正记录本身不能再冲正")
    if original.source == "service_log":  # (each copy credits its own service logs: db.bank.volunteering)
        raise refuse("entry", "积分记录", "志愿服务时长的积分随服务记录变化：请更正或删除那条服务记录，积分会自动收回")
    if session.scalar(select(BankEntry.id).where(BankEntry.reverses_id == original.id)) is not None:
        raise refuse("entry", "积分记录", "该记录已经冲正过")
    account = locked_account(session, original.account_id)
    if original.points > 0 and account_balance(session, account.id) < original.points:
        raise refuse("entry", "积分记录", "余额不足以冲正这条记录（积分已被兑换），请改用调整")
    who = actor_of(session).username
    entry = BankEntry(account_id=account.id, kind="reverse", points=-original.points, on=today or date.today(),
                      category=original.category, reason=text, rule_id=original.rule_id, source=original.source,
                      source_id=original.source_id, reverses_id=original.id, entered_by=who, approved_by=who,
                      station=station_name(session))
    session.add(entry)
    session.flush()
    return entry
