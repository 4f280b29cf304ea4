"""The office's 服务站兑换额度与透支记录 (issue 17, point 1) and the station's counter: the
allowance set per station from the window, an overdraft marked dealt with (a note required), and
at the station the counter saying what it may still redeem offline."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.bank.allowance import DEFAULT_ALLOWANCE
from db.bank.ledger import post
from db.database import open_database
from db.exchange.stations import create_station
from db.models import BankOverdraft, ExchangePeer
from desktop.bank.counter_dialog import CounterDialog
from desktop.bank.stations_dialog import StationsDialog
from desktop.bank.tab import PointsTab
from desktop.common.context import AppContext
from tests.db.bank.test_ledger import an_account
from tests.qt_input import type_text


def test_allowances_are_set_and_an_overdraft_dealt_with(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    create_station(ctx.db, "幸福驿站", tmp_path / "station.sqlite3")
    account = an_account(ctx.db, "李梅", "122")
    with ctx.db.session() as s, s.begin():
        s.add(BankOverdraft(account_id=account, station="幸福驿站", balance=-12))
    dialog = StationsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.allowances.rowCount() == 1 and dialog.allowances.item(0, 0).text() == "幸福驿站"
    spin = dialog._spins[0][1]
    assert spin.value() == DEFAULT_ALLOWANCE
    spin.setValue(120)
    dialog.save_button.click()
    with ctx.db.session() as s:
        assert s.scalars(select(ExchangePeer.points_allowance)).one() == 120
    assert dialog.overdrafts.rowCount() == 1 and dialog.overdrafts.item(0, 0).text() == "李梅"
    dialog.overdrafts.selectRow(0)
    dialog.handle_button.click()  # no note: refused, said, nothing written
    assert "必填" in dialog.message.text() and dialog.overdrafts.rowCount() == 1
    type_text(qtbot, dialog.note_edit, "已与居民核对")
    dialog.handle_button.click()
    assert dialog.overdrafts.rowCount() == 0
    with ctx.db.session() as s:
        flag = s.scalars(select(BankOverdraft)).one()
        assert flag.handled_at is not None and flag.note == "已与居民核对"


def test_the_station_counter_shows_its_allowance_and_hides_the_offices_buttons(  # type: ignore[no-untyped-def]
        qtbot, ctx: AppContext, tmp_path: Path) -> None:
    account = an_account(ctx.db, "李梅", "122")
    with ctx.db.session() as s, s.begin():
        post(s, account, "adjust", 50, reason="开户")
    create_station(ctx.db, "幸福驿站", tmp_path / "station.sqlite3")
    station = open_database(tmp_path / "station.sqlite3", create=False)
    try:
        here = AppContext(db=station, lang="zh_CN", station_registers=frozenset({"points"}))
        counter = CounterDialog(here)
        qtbot.addWidget(counter)
        assert counter.allowance_label.isVisibleTo(counter) and str(DEFAULT_ALLOWANCE) in counter.allowance_label.text()
        tab = PointsTab(here)
        qtbot.addWidget(tab)
        tab.apply_permissions()
        assert not tab.stations_button.isVisibleTo(tab) and not tab.credit_button.isVisibleTo(tab)
    finally:
        station.close()
    office_counter = CounterDialog(ctx)
    qtbot.addWidget(office_counter)
    assert not office_counter.allowance_label.isVisibleTo(office_counter)


def test_the_bank_settings_are_saved_and_expiry_runs_off_the_ui_thread(  # type: ignore[no-untyped-def]
        qtbot, ctx: AppContext) -> None:
    from datetime import date, timedelta

    from db.bank.accounts import balance
    from db.bank.settings import bank_settings
    from desktop.bank.settings_dialog import BankSettingsDialog

    account = an_account(ctx.db, "李梅", "122")
    with ctx.db.session() as s, s.begin():
        post(s, account, "earn", 9, reason="垃圾分类", on=date.today() - timedelta(days=800))
    dialog = BankSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.expire_button.isEnabled()  # expiry is off by default
    dialog.rate_edit.setText("0.55")
    dialog.save_button.click()
    assert "最多一位小数" in dialog.message.text()
    with ctx.db.session() as s:
        assert bank_settings(s).expiry_months == 0
    dialog.rate_edit.setText("0.5")
    dialog.expiry_spin.setValue(24)
    dialog.save_button.click()
    with ctx.db.session() as s:
        saved = bank_settings(s)
        assert (str(saved.hours_rate), saved.expiry_months) == ("0.5", 24)
    assert dialog.expire_button.isEnabled()
    dialog.expire_button.click()
    qtbot.waitUntil(lambda: "9" in dialog.message.text(), timeout=10_000)
    with ctx.db.session() as s:
        assert balance(s, account) == 0


def test_at_a_station_claims_are_recorded_and_the_catalogue_read(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from desktop.bank.catalogue_dialog import CatalogueDialog
    from desktop.bank.claims_dialog import ClaimsDialog

    here = AppContext(db=ctx.db, lang="zh_CN", station_registers=frozenset({"points"}))
    claims = ClaimsDialog(here)
    qtbot.addWidget(claims)
    assert claims.new_button.isVisibleTo(claims)
    assert not any(b.isVisibleTo(claims) for b in (claims.approve_button, claims.reject_button, claims.credit_button))
    catalogue = CatalogueDialog(here)
    qtbot.addWidget(catalogue)
    assert not catalogue.may_edit
    office = ClaimsDialog(ctx)
    qtbot.addWidget(office)
    assert office.approve_button.isVisibleTo(office) and office.credit_button.isVisibleTo(office)
