"""The moral bank between the office and a station (issue 17, point 1): a station redeems at its
counter offline within the office's allowance, its redemptions reach the office whole, and an
account it took below zero (the office spent the same points meanwhile) is flagged there, with
nothing refused or lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.bank.accounts import balance, open_account
from db.bank.allowance import (
    DEFAULT_ALLOWANCE,
    AllowanceError,
    allowance_left,
    handle_overdraft,
    open_overdrafts,
    set_allowance,
    station_allowances,
)
from db.bank.claims import credit_due, review_claim, submit_claim
from db.bank.goods import move_stock, save_goods, stock_levels
from db.bank.ledger import LedgerRefused, post
from db.bank.redeeming import Item, redeem
from db.bank.rules import rule_rows
from db.database import Database
from db.exchange.incoming import import_bundle
from db.exchange.outgoing import export_bundle, peer_named
from db.models import BankAccount, BankEntry, Person, Redemption, RedemptionLine, StockMove
from db.validation import ValidationErrors
from tests.db.exchange.test_round_trip import office_name, send

STATION = "幸福驿站"


def account_of(db: Database, name: str) -> int:
    with db.session() as s:
        return s.scalars(select(BankAccount.id).join(Person, BankAccount.person_id == Person.id)
                         .where(Person.name == name)).one()


def points_of(db: Database, name: str) -> int:
    with db.session() as s:
        return balance(s, account_of(db, name))


def goods_of(db: Database, name: str = "香皂") -> int:
    from db.models import BankGoods

    with db.session() as s:
        return s.scalars(select(BankGoods.id).where(BankGoods.name == name)).one()


@pytest.fixture
def bank_pair(pair, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The office with 张三's 100 points and 20 bars of soap at 10 points, sent to the station."""
    office, station = pair
    with office.session() as s, s.begin():
        zhang = s.scalars(select(Person.id).where(Person.name == "张三")).one()
        account = open_account(s, person_id=zhang)
        post(s, account.id, "adjust", 100, reason="开户赠送")
        soap = save_goods(s, "香皂", 10)
        move_stock(s, soap.id, 20, "in")
    send(office, STATION, station, tmp_path / "down.zip")
    return office, station


def test_a_redemption_at_the_station_reaches_the_office_whole(bank_pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = bank_pair
    assert points_of(station, "张三") == 100
    with station.session() as s, s.begin():
        slip = redeem(s, account_of(station, "张三"), [Item(goods_of(station), 3)])
        number = slip.number
    assert number.startswith(STATION) and points_of(station, "张三") == 70
    send(station, office_name(office), office, tmp_path / "up.zip")
    assert points_of(office, "张三") == 70
    with office.session() as s:
        redemption = s.scalars(select(Redemption).where(Redemption.number == number)).one()
        assert redemption.station == STATION and redemption.points == 30
        assert [(line.name, line.quantity, line.price) for line in redemption.lines] == [("香皂", 3, 10)]
        entry = s.get_one(BankEntry, redemption.entry_id)
        # The line names its redemption by the office's own id, not the station's.
        assert (entry.kind, entry.points, entry.source, entry.source_id) == ("redeem", -30, "redemption",
                                                                             redemption.id)
        assert stock_levels(s, [goods_of(office)]) == {goods_of(office): 17}
        assert open_overdrafts(s) == []
    # Sent again (the office's answer lost on the way): nothing doubles.
    send(station, office_name(office), office, tmp_path / "again.zip")
    assert points_of(office, "张三") == 70
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(RedemptionLine)) == 1
        assert s.scalar(select(func.count()).select_from(StockMove)) == 2


def test_the_station_redeems_offline_only_within_its_allowance(bank_pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = bank_pair
    with office.session() as s, s.begin():
        assert station_allowances(s)[0].points == DEFAULT_ALLOWANCE and station_allowances(s)[0].is_default
        set_allowance(s, STATION, 40)
    send(office, STATION, station, tmp_path / "allowance.zip")
    with station.session() as s:
        assert allowance_left(s) == 40
    with station.session() as s, s.begin():
        redeem(s, account_of(station, "张三"), [Item(goods_of(station), 3)])
    with station.session() as s, s.begin(), pytest.raises(ValidationErrors) as refused:
        redeem(s, account_of(station, "张三"), [Item(goods_of(station), 2)])
    assert "离线兑换额度" in str(refused.value) and "还可兑换10分" in str(refused.value)
    assert points_of(station, "张三") == 70  # the refused one wrote nothing
    # Once the office has the redemptions and says so, the allowance is whole again.
    send(station, office_name(office), office, tmp_path / "up.zip")
    send(office, STATION, station, tmp_path / "ack.zip")
    with station.session() as s:
        assert allowance_left(s) == 40
    with station.session() as s, s.begin():
        redeem(s, account_of(station, "张三"), [Item(goods_of(station), 2)])
    assert points_of(station, "张三") == 50


def test_an_allowance_is_set_by_the_office_for_a_station_it_has(bank_pair) -> None:  # type: ignore[no-untyped-def]
    office, station = bank_pair
    with office.session() as s, s.begin(), pytest.raises(AllowanceError, match="没有名为“东门驿站”的服务站"):
        set_allowance(s, "东门驿站", 10)
    with office.session() as s, s.begin(), pytest.raises(ValidationErrors, match="离线兑换额度"):
        set_allowance(s, STATION, "-5")
    with station.session() as s, s.begin(), pytest.raises(AllowanceError, match="只有办公室"):
        set_allowance(s, STATION, 10)


def test_points_spent_twice_are_flagged_at_the_office_and_nothing_is_lost(bank_pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = bank_pair
    with office.session() as s, s.begin():
        redeem(s, account_of(office, "张三"), [Item(goods_of(office), 8)])  # 80 at the office
    with station.session() as s, s.begin():
        redeem(s, account_of(station, "张三"), [Item(goods_of(station), 5)])  # 50 at the station, offline
    with station.session() as s, s.begin():
        export_bundle(s, peer_named(s, office_name(office)), tmp_path / "up.zip")
    with office.session() as s, s.begin():
        applied = import_bundle(s, tmp_path / "up.zip")
    assert any("余额为负" in w and "张三（-30分）" in w for w in applied.warnings)
    assert not any("库存为负" in w for w in applied.warnings)  # 8 + 5 of the 20
    assert points_of(office, "张三") == -30  # both redemptions stand
    with office.session() as s, s.begin():
        (flag,) = open_overdrafts(s)
        assert (flag.holder, flag.station, flag.balance_now) == ("张三", STATION, -30)
        post(s, account_of(office, "张三"), "adjust", 30, reason="重复兑换，与居民协商后补记")
        handle_overdraft(s, flag.id, "已与居民协商，补记30分")
    with office.session() as s:
        assert open_overdrafts(s) == []
    # Back at the station: the office's redemption and the adjustment arrive; the same balance.
    send(office, STATION, station, tmp_path / "down2.zip")
    assert points_of(station, "张三") == points_of(office, "张三") == 0


def test_an_account_opened_on_both_sides_is_one_account(bank_pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = bank_pair
    for db in (office, station):
        with db.session() as s, s.begin():
            li = s.scalars(select(Person.id).where(Person.name == "李四")).one()
            post(s, open_account(s, person_id=li).id, "adjust", 5, reason="开户")
    send(station, office_name(office), office, tmp_path / "up.zip")
    with office.session() as s:
        li = s.scalars(select(Person.id).where(Person.name == "李四")).one()
        assert s.scalar(select(func.count()).select_from(BankAccount).where(BankAccount.person_id == li)) == 1
    assert points_of(office, "李四") == 10  # both lines, on the one account
    send(office, STATION, station, tmp_path / "down.zip")
    assert points_of(station, "李四") == 10


def test_claims_are_recorded_at_a_station_and_reviewed_at_the_office(bank_pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    office, station = bank_pair
    with station.session() as s, s.begin():
        rule = next(r.id for r in rule_rows(s) if r.name == "拾金不昧")
        zhang = s.scalars(select(Person.id).where(Person.name == "张三")).one()
        claim = submit_claim(s, zhang, rule, "拾到钱包交还失主", date.today() - timedelta(days=1)).id
    with station.session() as s, s.begin(), pytest.raises(LedgerRefused, match="由办公室办理"):
        review_claim(s, claim, True)
    with station.session() as s, s.begin(), pytest.raises(LedgerRefused, match="由办公室办理"):
        credit_due(s)
    send(station, office_name(office), office, tmp_path / "up.zip")
    with office.session() as s, s.begin():
        from db.models import BankClaim

        office_claim = s.scalars(select(BankClaim.id)).one()
        review_claim(s, office_claim, True, today=date.today() - timedelta(days=30))
        assert len(credit_due(s)) == 1
    send(office, STATION, station, tmp_path / "down.zip")
    assert points_of(station, "张三") == points_of(office, "张三") == 110


def test_the_default_items_have_the_same_uuids_in_every_copy_of_a_community(db: Database) -> None:
    """A station made before the moral bank seeded its own default items; 0015 gives them the UUIDs
    every copy makes from the community, so a claim made there names the office's item."""
    from db.bank.rules import DEFAULT_RULES, seeded_rule_uuid
    from db.communities import add_community
    from db.models import BankRule, Community

    with db.session() as s, s.begin():
        add_community(s, "第二社区")
    with db.session() as s:
        for community in s.scalars(select(Community)):
            seeded = dict(s.execute(select(BankRule.name, BankRule.uuid)
                                    .where(BankRule.community_id == community.id)).all())
            assert len(seeded) == len(DEFAULT_RULES)
            assert all(uuid == seeded_rule_uuid(community.uuid, name) for name, uuid in seeded.items())


def test_the_last_goods_handed_out_on_both_sides_are_said_at_the_office(bank_pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = bank_pair
    with office.session() as s, s.begin():
        li = s.scalars(select(Person.id).where(Person.name == "李四")).one()
        post(s, open_account(s, person_id=li).id, "adjust", 200, reason="开户")
    send(office, STATION, station, tmp_path / "li.zip")
    with office.session() as s, s.begin():
        redeem(s, account_of(office, "李四"), [Item(goods_of(office), 15)])
    with station.session() as s, s.begin():
        redeem(s, account_of(station, "张三"), [Item(goods_of(station), 8)])
    with station.session() as s, s.begin():
        export_bundle(s, peer_named(s, office_name(office)), tmp_path / "up.zip")
    with office.session() as s, s.begin():
        applied = import_bundle(s, tmp_path / "up.zip")
        assert stock_levels(s, [goods_of(office)]) == {goods_of(office): -3}
    assert any("库存为负：香皂（-3）" in w for w in applied.warnings)


def test_overdrafts_are_each_communitys_own(db: Database) -> None:
    """On a street office's server, a community sees its own accounts' flags only."""
    from db.communities import add_community
    from db.models import BankOverdraft, Community
    from db.scope import Scope
    from tests.db.bank.test_ledger import an_account

    account = an_account(db, "李梅", "122")
    with db.session() as s, s.begin():
        other = add_community(s, "第二社区").id
        home = s.scalars(select(Community.id).where(Community.id != other)).one()
        s.add(BankOverdraft(account_id=account, station=STATION, balance=-5))
    db.scope = Scope(other)
    with db.session() as s:
        assert open_overdrafts(s) == []
    db.scope = Scope(home)
    with db.session() as s:
        assert [r.holder for r in open_overdrafts(s)] == ["李梅"]
