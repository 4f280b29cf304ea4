"""The moral bank's ledger (issue 17, point 1): lines only ever added, a balance that is their
sum, corrections by reversal, caps per item, and the refusals of point 7 — each with its reason
and nothing written. Real database files (and the server, with --engine postgresql)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from db.accounts import create_user, sign_in
from db.bank.accounts import balance, find_accounts, open_account
from db.bank.ledger import post, reverse
from db.bank.rules import DEFAULT_RULES, earn_by_rule, rule_rows, save_rule
from db.database import Database
from db.models import BankEntry, Person
from db.people import PersonFields
from db.residents import ResidentInput, save_resident
from db.validation import ValidationErrors
from tests.db.test_members import make_id

PASSWORD = "Xingfu#2026"
TODAY = date(2026, 12, 3)


def a_resident(db: Database, name: str = "王大爷", seq: str = "111") -> int:
    with db.session() as s, s.begin():
        person = PersonFields(name=name, id_number=make_id("19500101", seq), phone="13800001111")
        return save_resident(s, ResidentInput(person, relation="other")).person_id


def an_account(db: Database, name: str = "王大爷", seq: str = "111") -> int:
    person = a_resident(db, name, seq)
    with db.session() as s, s.begin():
        return open_account(s, person_id=person).id


def refused(db: Database, write) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationErrors) as info, db.session() as s, s.begin():
        write(s)
    return [str(e) for e in info.value.errors]


def lines(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(BankEntry)) or 0)


def test_a_balance_is_the_sum_of_the_lines(db: Database) -> None:
    account = an_account(db)
    with db.session() as s, s.begin():
        post(s, account, "earn", 10, reason="清扫楼道", today=TODAY)
        post(s, account, "earn", "5", category="good_deed", today=TODAY)
        post(s, account, "redeem", 3, today=TODAY)
    with db.session() as s:
        assert balance(s, account) == 12
        assert [(e.kind, e.points) for e in s.scalars(select(BankEntry).order_by(BankEntry.id))] == [
            ("earn", 10), ("earn", 5), ("redeem", -3)]


@pytest.mark.parametrize(("kind", "points", "problem"), [
    ("earn", -5, "积分：应为1到100000之间的整数"),
    ("earn", 0, "积分：应为1到100000之间的整数"),
    ("earn", "十", "积分：应为1到100000之间的整数"),
    ("earn", 2.5, "积分：应为1到100000之间的整数"),
    ("earn", "", "积分：必填"),
    ("earn", 10**9, "积分：应为1到100000之间的整数"),
    ("redeem", 11, "积分：余额不足：现有10分，兑换需11分"),
    ("expire", 11, "积分：余额不足：现有10分，过期需11分"),
])
def test_bad_amounts_are_refused_and_nothing_is_written(db: Database, kind: str, points: object,
                                                        problem: str) -> None:
    account = an_account(db)
    with db.session() as s, s.begin():
        post(s, account, "earn", 10, today=TODAY)
    assert refused(db, lambda s: post(s, account, kind, points, today=TODAY)) == [problem]
    assert lines(db) == 1


def test_a_future_date_and_an_unknown_category_are_refused(db: Database) -> None:
    account = an_account(db)
    assert refused(db, lambda s: post(s, account, "earn", 1, on="2026-12-04", category="bribe", today=TODAY)) == [
        "日期：不能晚于今天", "积分类别：请从列表中选择"]


def test_the_ledger_cannot_be_edited_even_with_sql(db: Database) -> None:
    """Append-only in the database itself: an UPDATE or DELETE by any path is refused."""
    account = an_account(db)
    with db.session() as s, s.begin():
        entry = post(s, account, "earn", 10, today=TODAY).id
    for statement in (update(BankEntry).where(BankEntry.id == entry).values(points=1000),
                      text("DELETE FROM bank_entries")):
        with pytest.raises(DBAPIError, match="append-only"), db.session() as s, s.begin():
            s.execute(statement)
    with db.session() as s:
        assert balance(s, account) == 10


def test_a_mistake_is_reversed_once_by_an_administrator(db: Database) -> None:
    account = an_account(db)
    with db.session() as s, s.begin():
        create_user(s, "admin", PASSWORD, "admin")
        create_user(s, "clerk", PASSWORD, "clerk")
    db.actor = sign_in(db, "clerk", PASSWORD)
    with db.session() as s, s.begin():
        wrong = post(s, account, "earn", 50, reason="见义勇为（录错）", today=TODAY).id
    with pytest.raises(Exception, match="无权审核道德银行积分"), db.session() as s, s.begin():
        reverse(s, wrong, "录错了")
    db.actor = sign_in(db, "admin", PASSWORD)
    assert refused(db, lambda s: reverse(s, wrong, "")) == ["冲正原因：必填"]
    with db.session() as s, s.begin():
        undo = reverse(s, wrong, "录错了，应为拾金不昧", today=TODAY)
        assert (undo.kind, undo.points, undo.reverses_id, undo.approved_by) == ("reverse", -50, wrong, "admin")
    assert refused(db, lambda s: reverse(s, wrong, "再来一次")) == ["积分记录：该记录已经冲正过"]
    assert refused(db, lambda s: reverse(s, undo.id, "冲正冲正")) == ["积分记录：冲正记录本身不能再冲正"]
    with db.session() as s:
        assert balance(s, account) == 0


def test_points_already_spent_are_not_reversed(db: Database) -> None:
    account = an_account(db)
    with db.session() as s, s.begin():
        earned = post(s, account, "earn", 10, today=TODAY).id
        post(s, account, "redeem", 8, today=TODAY)
    assert refused(db, lambda s: reverse(s, earned, "录错")) == [
        "积分记录：余额不足以冲正这条记录（积分已被兑换），请改用调整"]


def test_an_item_is_capped_per_month(db: Database) -> None:
    account = an_account(db)
    with db.session() as s:
        garbage = next(r for r in rule_rows(s) if r.name == "垃圾分类正确投放")
    with db.session() as s, s.begin():
        earn_by_rule(s, account, garbage.id, times=18, on="2026-11-30", today=TODAY)  # November's cap is apart
        earn_by_rule(s, account, garbage.id, times=15, today=TODAY)
    assert refused(db, lambda s: earn_by_rule(s, account, garbage.id, times=6, today=TODAY)) == [
        "积分项目：“垃圾分类正确投放”本月上限20分，已得15分，最多还能得5分"]
    with db.session() as s, s.begin():
        earn_by_rule(s, account, garbage.id, times=5, today=TODAY)
        assert balance(s, account) == 38


def test_changing_an_item_leaves_what_was_earned(db: Database) -> None:
    account = an_account(db)
    with db.session() as s:
        honest = next(r for r in rule_rows(s) if r.name == "拾金不昧")
    with db.session() as s, s.begin():
        earn_by_rule(s, account, honest.id, today=TODAY)
        save_rule(s, "拾金不昧", "good_deed", 20, rule_id=honest.id)
    with db.session() as s:
        assert balance(s, account) == 10 and [r.points for r in rule_rows(s) if r.id == honest.id] == [20]


def test_the_default_items_are_seeded(db: Database) -> None:
    with db.session() as s:
        assert [r.name for r in rule_rows(s)] == [name for name, *_ in DEFAULT_RULES]


def test_no_points_for_a_merged_or_binned_person(db: Database) -> None:
    account = an_account(db)
    with db.session() as s, s.begin():
        s.get_one(Person, s.scalar(select(Person.id))).deleted_at = s.scalar(select(func.now()))
    assert refused(db, lambda s: post(s, account, "earn", 1, today=TODAY)) == ["积分账户：王大爷的记录在回收站中"]


def test_an_account_is_found_at_the_counter(db: Database) -> None:
    account = an_account(db, "张三", "131")
    an_account(db, "张三丰", "133")
    with db.session() as s, s.begin():
        post(s, account, "earn", 7, today=TODAY)
    with db.session() as s:
        for typed in ("张三", "zs", "zhangsan", make_id("19500101", "131")[-4:]):
            found = find_accounts(s, typed)
            assert found and found[0].holder == "张三" and found[0].balance == 7, typed


def test_two_records_of_one_person_merged_keep_every_point(db: Database) -> None:
    """Merging a person registered twice (db.exchange.merging): the balance moves by two lines,
    nothing is changed or lost, and the merged record takes no new line."""
    from db.bank.accounts import balances
    from db.exchange.merging import merge_persons
    from db.models import BankAccount

    keep = an_account(db, "王大爷", "111")
    with db.session() as s, s.begin():
        twin = save_resident(s, ResidentInput(PersonFields(name="王大爷", phone="13800001111"),
                                              relation="other")).person_id
        other = open_account(s, person_id=twin).id
        post(s, keep, "earn", 10, today=TODAY)
        post(s, other, "earn", 7, today=TODAY)
        keeper = s.get_one(BankAccount, keep).person_id
        merge_persons(s, keeper, twin)
    with db.session() as s:
        assert balances(s, [keep, other]) == {keep: 17, other: 0}
        assert s.get_one(BankAccount, other).deleted_at is not None
    assert lines(db) == 4
    assert refused(db, lambda s: post(s, other, "earn", 1, today=TODAY)) == ["积分账户：该积分账户在回收站中"]
