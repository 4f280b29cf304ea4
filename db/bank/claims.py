"""Good-deed claims (好人好事申报): staff enter a claim for a resident under an earning item →
an administrator reviews it (审核: approved claims are posted, the others rejected with the
reason) → it is posted publicly for the office's notice days (公示: names and points only, the
notice printed through the notice layout) → credited if nobody objected (credit_due).

An objection during the notice (有异议) stops the clock; the reviewer then posts the claim again
or rejects it. A claim is refused up front when its item's cap for the period is already taken
by what was earned and what is still being claimed, so residents are not promised points that
can never be credited. (Caps count by the day points are booked: a claim is credited on the
day its notice ends.) The points are the item's when claimed: a later change of the item does
not change them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.bank.accounts import holder_problem, open_account
from db.bank.ledger import LedgerRefused, at_office_only, refuse
from db.bank.rules import check_cap, live_rule
from db.bank.settings import bank_settings
from db.models import BankAccount, BankClaim, BankEntry, Person
from db.permissions import actor_of, require_in
from db.validation import ErrorCollector, FieldError, check_free_text, is_id, parse_date

PENDING = ("claimed", "posted", "objected")


def _claim(session: Session, claim_id: object, *states: str) -> BankClaim:
    claim = session.get(BankClaim, claim_id) if is_id(claim_id) else None
    if claim is None or claim.deleted_at is not None:
        raise refuse("claim", "申报", "该申报已不存在")
    if claim.state not in states:
        from db.vocab import CLAIM_STATES

        raise refuse("claim", "申报", f"该申报现在是“{CLAIM_STATES.label(claim.state)}”，不能这样处理")
    return claim


def pending_points(session: Session, person_id: int, rule_id: int) -> int:
    """The points of the person's claims under the item not yet credited or rejected."""
    return int(session.scalar(select(func.coalesce(func.sum(BankClaim.points), 0)).where(
        BankClaim.person_id == person_id, BankClaim.rule_id == rule_id, BankClaim.state.in_(PENDING),
        BankClaim.deleted_at.is_(None))) or 0)


def submit_claim(session: Session, person_id: int, rule_id: int, deed: str, happened_on: date | str,
                 today: date | None = None) -> BankClaim:
    require_in(session, "edit")
    errors = ErrorCollector()
    text = errors.check(check_free_text, deed, "deed", "事迹", max_len=1000, multiline=True, required=True)
    day = errors.check(parse_date, happened_on, "happened_on", "发生日期", allow_future=False, today=today)
    if day is None and not errors.has("happened_on"):
        errors.add(FieldError("happened_on", "发生日期", "必填"))
    person = session.get(Person, person_id) if is_id(person_id) else None
    if person is None:
        errors.add(FieldError("person_id", "申报对象", "请选择一位居民"))
    errors.raise_if_any()
    assert person is not None and day is not None
    rule = live_rule(session, rule_id)
    account = open_account(session, person_id=person.id)
    if (problem := holder_problem(session, account)) is not None:
        raise refuse("person_id", "申报对象", problem)
    if rule.cap is not None and rule.cap_period is not None:
        waiting = pending_points(session, person.id, rule.id)
        try:
            check_cap(session, account.id, rule, rule.points + waiting, today or date.today())
        except LedgerRefused as exc:
            problem = exc.errors[0].problem + (f"（另有待入账的申报{waiting}分）" if waiting else "")
            raise refuse("rule_id", "积分项目", problem) from None
    claim = BankClaim(person_id=person.id, rule_id=rule.id, deed=text or "", happened_on=day, points=rule.points,
                      claimed_by=actor_of(session).username)
    session.add(claim)
    session.flush()
    return claim


def review_claim(session: Session, claim_id: int, approve: bool, note: str = "",
                 today: date | None = None) -> BankClaim:
    """审核: an approved claim is posted from today for the office's notice days; a rejected one
    says why. A claim someone objected to is reviewed again the same way."""
    require_in(session, "points_approve")
    at_office_only(session, "申报的审核")
    claim = _claim(session, claim_id, "claimed", "objected")
    errors = ErrorCollector()
    text = errors.check(check_free_text, note, "note", "审核意见", max_len=500, required=not approve) or ""
    errors.raise_if_any()
    claim.reviewed_by = actor_of(session).username
    if approve:
        claim.state, claim.posted_on = "posted", today or date.today()
        claim.notice_days = bank_settings(session).notice_days
        if text:
            claim.note = text
    else:
        claim.state, claim.note = "rejected", text
    session.flush()
    return claim


def object_to_claim(session: Session, claim_id: int, note: str) -> BankClaim:
    """An objection during the notice (有异议), with what was said: the claim waits for review."""
    require_in(session, "edit")
    claim = _claim(session, claim_id, "posted")
    errors = ErrorCollector()
    claim.note = errors.check(check_free_text, note, "note", "异议内容", max_len=500, required=True) or ""
    errors.raise_if_any()
    claim.state = "objected"
    session.flush()
    return claim


def credit_due(session: Session, today: date | None = None) -> list[int]:
    """Credit every claim whose notice has run its days without an objection; returns their ids.
    A claim the cap no longer allows (other points came in meanwhile) is rejected, saying so."""
    at_office_only(session, "公示期满入账")
    day = today or date.today()
    credited = []
    for claim in session.scalars(select(BankClaim).where(BankClaim.state == "posted",
                                                         BankClaim.deleted_at.is_(None)).order_by(BankClaim.id)):
        assert claim.posted_on is not None
        if claim.posted_on + timedelta(days=claim.notice_days) > day:
            continue
        account = session.scalars(select(BankAccount).where(BankAccount.person_id == claim.person_id)).one()
        if holder_problem(session, account) is not None:
            continue  # (merged or binned meanwhile: left for a person to decide)
        try:
            check_cap(session, account.id, claim.rule, claim.points, day)
        except LedgerRefused as exc:
            claim.state, claim.note = "rejected", f"公示期满，但{exc.errors[0].problem}"
            continue
        entry = BankEntry(account_id=account.id, kind="earn", points=claim.points, on=day,
                          category=claim.rule.category, reason=f"{claim.rule.name}（申报公示期满）"[:200],
                          rule_id=claim.rule_id, source="claim", source_id=claim.id,
                          entered_by=claim.claimed_by, approved_by=claim.reviewed_by)
        session.add(entry)
        session.flush()
        claim.state, claim.entry_id = "credited", entry.id
        credited.append(claim.id)
    session.flush()
    return credited


@dataclass(frozen=True)
class NoticeLine:
    """A line of the 公示: a name, the item and the points — nothing else about the person."""

    name: str
    item: str
    points: int
    until: date


def notice_lines(session: Session, today: date | None = None) -> list[NoticeLine]:
    """The claims being posted now, for the public notice."""
    day = today or date.today()
    rows = session.execute(select(Person.name, BankClaim).join(Person, BankClaim.person_id == Person.id)
                           .where(BankClaim.state == "posted", BankClaim.deleted_at.is_(None))
                           .order_by(BankClaim.posted_on, BankClaim.id)).all()
    return [NoticeLine(name, claim.rule.name, claim.points, claim.posted_on + timedelta(days=claim.notice_days))
            for name, claim in rows if claim.posted_on is not None and claim.posted_on <= day]


@dataclass(frozen=True)
class ClaimRow:
    id: int
    name: str
    item: str
    points: int
    deed: str
    happened_on: date
    state: str
    posted_on: date | None
    until: date | None  # the notice's last day
    note: str


def claim_rows(session: Session, states: tuple[str, ...] = PENDING + ("posted",)) -> list[ClaimRow]:
    """The claims in these states, the oldest first."""
    rows = session.execute(select(Person.name, BankClaim).join(Person, BankClaim.person_id == Person.id)
                           .where(BankClaim.state.in_(states), BankClaim.deleted_at.is_(None))
                           .order_by(BankClaim.id)).all()
    return [ClaimRow(c.id, name, c.rule.name, c.points, c.deed, c.happened_on, c.state, c.posted_on,
                     c.posted_on + timedelta(days=c.notice_days) if c.posted_on else None, c.note)
            for name, c in rows]


@dataclass(frozen=True)
class PublicNotice:
    """The 公示 of the claims being posted: names, items and points only (DOMAIN.md §6: nothing
    that identifies a person further goes on a public notice)."""

    issuer: str
    title: str
    body: str
    rows: list[list[str]]
    issued_on: date


def public_notice(session: Session, today: date | None = None) -> PublicNotice:
    from db.office import get_setting
    from db.validation import format_date_cn

    day = today or date.today()
    lines = notice_lines(session, day)
    until = max((line.until for line in lines), default=day + timedelta(days=bank_settings(session).notice_days))
    phone = get_setting(session, "office_phone")
    body = (f"经居民申报、社区审核，以下好人好事拟记入道德银行积分，现予公示。公示期自{format_date_cn(day)}至"
            f"{format_date_cn(until)}。如有异议，请在公示期内向社区居民委员会反映"
            + (f"（电话：{phone}）" if phone else "") + "。")
    return PublicNotice(get_setting(session, "residents_committee") or get_setting(session, "community_name"),
                        "关于道德银行好人好事积分的公示", body,
                        [[line.name, line.item, str(line.points)] for line in lines], day)
