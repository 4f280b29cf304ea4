"""Good-deed claims (issue 17, point 2): 申报 → 审核 → 公示 for the notice days → credited unless
someone objects; a claim over its item's cap is refused up front; only an administrator reviews."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from db.accounts import create_user, sign_in
from db.bank.accounts import balance
from db.bank.claims import credit_due, notice_lines, object_to_claim, review_claim, submit_claim
from db.bank.rules import rule_rows
from db.database import Database
from db.models import BankAccount, BankClaim
from db.validation import ValidationErrors
from tests.db.bank.test_ledger import a_resident

PASSWORD = "Xingfu#2026"
TODAY = date(2026, 12, 3)


def rule(db: Database, name: str) -> int:
    with db.session() as s:
        return next(r.id for r in rule_rows(s) if r.name == name)


def points(db: Database, person: int) -> int:
    with db.session() as s:
        return balance(s, s.scalars(select(BankAccount.id).where(BankAccount.person_id == person)).one())


def state(db: Database, claim: int) -> str:
    with db.session() as s:
        return s.get_one(BankClaim, claim).state


def refused(db: Database, write) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationErrors) as info, db.session() as s, s.begin():
        write(s)
    return [str(e) for e in info.value.errors]


def test_a_claim_goes_from_submitted_to_credited(db: Database) -> None:
    person = a_resident(db)
    with db.session() as s, s.begin():
        claim = submit_claim(s, person, rule(db, "拾金不昧"), "捡到钱包交还失主", "2026-12-01", today=TODAY).id
        review_claim(s, claim, True, today=TODAY)
    with db.session() as s:
        [line] = notice_lines(s, TODAY)
    assert (line.name, line.item, line.points, line.until) == ("王大爷", "拾金不昧", 10, TODAY + timedelta(days=7))
    with db.session() as s, s.begin():
        assert credit_due(s, TODAY + timedelta(days=6)) == []  # still posted
        assert credit_due(s, TODAY + timedelta(days=7)) == [claim]
        assert credit_due(s, TODAY + timedelta(days=8)) == []  # once
    assert state(db, claim) == "credited" and points(db, person) == 10


def test_an_objection_stops_the_clock_until_reviewed_again(db: Database) -> None:
    person = a_resident(db)
    with db.session() as s, s.begin():
        claim = submit_claim(s, person, rule(db, "见义勇为"), "救起落水儿童", "2026-12-02", today=TODAY).id
        review_claim(s, claim, True, today=TODAY)
    assert refused(db, lambda s: object_to_claim(s, claim, "")) == ["异议内容：必填"]
    with db.session() as s, s.begin():
        object_to_claim(s, claim, "邻居反映事迹与实际不符")
        assert credit_due(s, TODAY + timedelta(days=30)) == []
    assert state(db, claim) == "objected"
    assert refused(db, lambda s: review_claim(s, claim, False, "")) == ["审核意见：必填"]
    with db.session() as s, s.begin():
        review_claim(s, claim, False, "经核实，事迹不实")
    assert state(db, claim) == "rejected" and points(db, person) == 0
    assert refused(db, lambda s: review_claim(s, claim, True)) == ["申报：该申报现在是“未通过”，不能这样处理"]


def test_a_claim_over_the_cap_is_refused_up_front(db: Database) -> None:
    person = a_resident(db)
    other = rule(db, "其他好人好事（经审核）")  # 5 points, at most 50 a year
    with db.session() as s, s.begin():
        for _ in range(10):
            submit_claim(s, person, other, "帮邻居修水管", "2026-12-01", today=TODAY)
    assert refused(db, lambda s: submit_claim(s, person, other, "又一次", "2026-12-01", today=TODAY)) == [
        "积分项目：“其他好人好事（经审核）”本年上限50分，已得0分，最多还能得50分（另有待入账的申报50分）"]


def test_a_claim_is_checked(db: Database) -> None:
    person = a_resident(db)
    assert refused(db, lambda s: submit_claim(s, person, rule(db, "拾金不昧"), "", "2026-12-09", today=TODAY)) == [
        "事迹：必填", "发生日期：不能晚于今天"]
    assert refused(db, lambda s: submit_claim(s, person, 999, "好事", "2026-12-01", today=TODAY)) == [
        "积分项目：请从列表中选择积分项目"]


def test_only_an_administrator_reviews(db: Database) -> None:
    person = a_resident(db)
    with db.session() as s, s.begin():
        create_user(s, "admin", PASSWORD, "admin")
        create_user(s, "clerk", PASSWORD, "clerk")
    db.actor = sign_in(db, "clerk", PASSWORD)
    with db.session() as s, s.begin():
        claim = submit_claim(s, person, rule(db, "拾金不昧"), "捡到钱包", "2026-12-01", today=TODAY).id
    with pytest.raises(Exception, match="无权审核道德银行积分"), db.session() as s, s.begin():
        review_claim(s, claim, True, today=TODAY)
    assert state(db, claim) == "claimed"
