"""The moral bank tab (道德银行): the points accounts with their balances, searched as the other
registers are; an account opens on its passbook (desktop.bank.account_dialog). From here: the
market-day counter (兑换台), the good-deed claims (desktop.bank.claims_dialog), crediting the
claims whose notice has ended, the monthly report and the year's 道德榜样 nominations list.

No public ranking of residents is offered (the 2023 rules against 指尖上的形式主义 warn against
publishing rankings); the public part is the 公示 of approved claims. The nominations list is
the two committees' working paper, printed for them, not posted. Accounts are never deleted:
their lines are the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QMessageBox
from sqlalchemy.orm import Session

from db.bank.account_list import AccountFilter, account_ids, account_rows
from db.listing import Sort
from desktop.bank.account_dialog import AccountDialog
from desktop.common.base_tab import RegisterTab
from desktop.common.formatting import format_date
from desktop.common.paged_model import Column
from desktop.printing.actions import menu_button, print_bank_month, print_bank_nominations


class PointsTab(RegisterTab):
    register_key = "points"
    partial_first = True
    deletes = False  # an account is never deleted: its lines are the record

    def columns(self) -> list[Column]:
        zh = self.ctx.is_chinese
        return [
            Column("name", QT_TRANSLATE_NOOP("columns", "Holder"), lambda r: r.holder, "name", width=160),
            Column("balance", QT_TRANSLATE_NOOP("columns", "Balance"), lambda r: str(r.balance), None,
                   align_right=True, width=80),
            Column("last_on", QT_TRANSLATE_NOOP("columns", "Last change"), lambda r: format_date(r.last_on, zh),
                   None, width=120),
        ]

    def build_buttons(self, bar: QHBoxLayout) -> None:
        self.counter_button = self._button("counter_button", self.tr("Counter…"), self.on_counter_clicked)
        self.credit_button = self._button("credit_button", self.tr("Credit ended notices"), self.on_credit_clicked)
        self.claims_button = self._button("claims_button", self.tr("Good-deed claims…"), self.on_claims_clicked)
        self.catalogue_button = self._button("catalogue_button", self.tr("Catalogue and shops…"),
                                             self.on_catalogue_clicked)
        bar.addWidget(self.counter_button)
        bar.addWidget(self.claims_button)
        bar.addWidget(self.catalogue_button)
        bar.addWidget(self.credit_button)
        self.stations_button = self._button("stations_button", self.tr("Stations and overdrafts…"),
                                            self.on_stations_clicked)
        bar.addWidget(self.stations_button)
        self.settings_button = self._button("bank_settings_button", self.tr("Settings…"), self.on_settings_clicked)
        bar.addWidget(self.settings_button)
        self.guard(self.counter_button, "edit")
        self.guard(self.credit_button, "edit")
        today = date.today()
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        self.print_button = menu_button(self, "print_button", self.tr("Print"), [
            (self.tr("Monthly report for %1").replace("%1", f"{year}-{month:02d}"),
             lambda: print_bank_month(self, self.ctx.db, year, month)),
            (self.tr("Monthly report for this month"),
             lambda: print_bank_month(self, self.ctx.db, today.year, today.month)),
            (self.tr("Role-model nominations for %1").replace("%1", str(today.year)),
             lambda: print_bank_nominations(self, self.ctx.db, date(today.year, 1, 1), today)),
        ])
        bar.addWidget(self.print_button)

    def apply_permissions(self) -> None:
        super().apply_permissions()
        at_station = self.ctx.station_registers is not None  # claims are credited, stations managed, at the office
        self.credit_button.setVisible(self.may("edit") and not at_station)
        self.stations_button.setVisible(not at_station)
        self.settings_button.setVisible(not at_station)
        self.new_button.setText(self.tr("Open an account"))
        self.edit_button.setText(self.tr("Passbook"))

    def current_filter(self) -> AccountFilter:
        return AccountFilter(text=self.search_edit.text())

    def query_ids(self, session: Session, sort: Sort, limit: int | None = None) -> list[int]:
        return account_ids(session, self.current_filter(), sort, limit=limit)

    def query_rows(self, session: Session, ids: Sequence[int]) -> list[Any]:
        return account_rows(session, ids)

    def count_text(self, count: int) -> str:
        return self.tr("%n account(s) listed", "", count)

    def record_noun(self, count: int) -> str:
        return self.tr("%n points account(s)", "", count)

    def make_dialog(self, record_id: int | None) -> AccountDialog:
        return AccountDialog(self.ctx, record_id, self)

    def on_counter_clicked(self) -> None:
        from desktop.bank.counter_dialog import CounterDialog

        dialog = CounterDialog(self.ctx, self)
        dialog.redeemed.connect(lambda _id: self.refresh(data_changed=True))
        dialog.exec()

    def on_settings_clicked(self) -> None:
        from desktop.bank.settings_dialog import BankSettingsDialog

        BankSettingsDialog(self.ctx, self).exec()
        self.refresh(data_changed=True)

    def on_stations_clicked(self) -> None:
        from desktop.bank.stations_dialog import StationsDialog

        StationsDialog(self.ctx, self).exec()
        self.refresh(data_changed=True)

    def on_catalogue_clicked(self) -> None:
        from desktop.bank.catalogue_dialog import CatalogueDialog

        CatalogueDialog(self.ctx, self).exec()

    def on_claims_clicked(self) -> None:
        from desktop.bank.claims_dialog import ClaimsDialog

        ClaimsDialog(self.ctx, self).exec()
        self.refresh(data_changed=True)

    def on_credit_clicked(self) -> None:
        from db.bank.claims import credit_due

        try:
            with self.ctx.db.session() as s, s.begin():
                credited = credit_due(s)
        except Exception as exc:
            QMessageBox.warning(self, self.tr("Credit ended notices"), str(exc)[:300])
            return
        self.count_changed.emit(self.tr("%n claim(s) credited", "", len(credited)))
        self.refresh(data_changed=True)
