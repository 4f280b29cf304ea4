"""The mediation tab (调解记录): cases filtered by dispute type, tier, status and date received."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox
from sqlalchemy.orm import Session

from db.listing import Sort
from db.mediation import CaseFilter, case_ids, case_rows
from db.vocab import CASE_RESULTS, CASE_SOURCES, CASE_STATUSES, DISPUTE_TYPES, MEDIATION_TIERS
from desktop.common.base_tab import RegisterTab
from desktop.common.fields import CodeCombo, DateEdit
from desktop.common.formatting import format_date, label
from desktop.common.paged_model import Column
from desktop.mediation.case_dialog import CaseDialog
from desktop.mediation.mediators_dialog import MediatorDialog, MediatorsDialog
from desktop.printing.actions import menu_button, print_case_paper


class MediationTab(RegisterTab):
    register_key = "mediation"
    export_key = "mediation"

    def columns(self) -> list[Column]:
        zh = self.ctx.is_chinese

        def outcome(r: Any) -> str:
            return label(CASE_RESULTS, r.result, zh) if r.status == "closed" else label(CASE_STATUSES, r.status, zh)

        return [
            Column("number", QT_TRANSLATE_NOOP("columns", "Case number"), lambda r: r.number, "number", width=190),
            Column("received_on", QT_TRANSLATE_NOOP("columns", "Received"), lambda r: format_date(r.received_on, zh),
                   "received_on", width=120),
            Column("parties", QT_TRANSLATE_NOOP("columns", "Parties"), lambda r: r.parties, None, width=170),
            Column("dispute_type", QT_TRANSLATE_NOOP("columns", "Dispute type"),
                   lambda r: label(DISPUTE_TYPES, r.dispute_type, zh), "dispute_type", width=90),
            Column("source", QT_TRANSLATE_NOOP("columns", "Source"), lambda r: label(CASE_SOURCES, r.source, zh),
                   None, width=100),
            Column("tier", QT_TRANSLATE_NOOP("columns", "Tier"), lambda r: label(MEDIATION_TIERS, r.tier, zh),
                   "tier", width=90),
            Column("mediator", QT_TRANSLATE_NOOP("columns", "Mediator"), lambda r: r.mediator, None, width=80),
            Column("status", QT_TRANSLATE_NOOP("columns", "Status / result"), outcome, "status", width=80),
            Column("closed_on", QT_TRANSLATE_NOOP("columns", "Closed"), lambda r: format_date(r.closed_on, zh),
                   "closed_on", width=120),
            Column("follow_ups", QT_TRANSLATE_NOOP("columns", "Follow-ups"), lambda r: str(r.follow_ups or ""),
                   None, align_right=True, width=60),
        ]

    def build_filters(self, bar: QHBoxLayout) -> None:
        zh = self.ctx.is_chinese
        self.type_filter = CodeCombo(DISPUTE_TYPES, zh, allow_blank=True, blank_text=self.tr("All dispute types"),
                                     parent=self)
        self.type_filter.setObjectName("type_filter")
        self.tier_filter = CodeCombo(MEDIATION_TIERS, zh, allow_blank=True, blank_text=self.tr("All tiers"),
                                     parent=self)
        self.tier_filter.setObjectName("tier_filter")
        self.status_filter = CodeCombo(CASE_STATUSES, zh, allow_blank=True, blank_text=self.tr("Open and closed"),
                                       parent=self)
        self.status_filter.setObjectName("status_filter")
        for combo in (self.type_filter, self.tier_filter, self.status_filter):
            combo.currentIndexChanged.connect(self.refresh)
            bar.addWidget(combo)
        bar.addWidget(QLabel(self.tr("Received from"), self))
        self.from_edit = DateEdit(self, self.tr("any date"))
        self.from_edit.setObjectName("from_edit")
        self.from_edit.setMaximumWidth(110)
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel(self.tr("to"), self))
        self.to_edit = DateEdit(self, self.tr("any date"))
        self.to_edit.setObjectName("to_edit")
        self.to_edit.setMaximumWidth(110)
        bar.addWidget(self.to_edit)
        for edit in (self.from_edit, self.to_edit):
            edit.textChanged.connect(self._search_timer.start)

    def build_buttons(self, bar: QHBoxLayout) -> None:
        self.mediators_button = self._button("mediators_button", self.tr("Mediators…"),
                                             self.on_mediators_button_clicked)
        bar.addWidget(self.mediators_button)
        self.print_button = menu_button(self, "print_button", self.tr("Print"), [
            (self.tr("Case register sheet"), lambda: self.print_paper("register")),
            (self.tr("Mediation agreement (one copy per party)"), lambda: self.print_paper("agreement")),
            (self.tr("Follow-up record"), lambda: self.print_paper("followup")),
        ])
        bar.addWidget(self.print_button)

    def print_paper(self, paper: str, on_ready=None):  # type: ignore[no-untyped-def]
        """A paper of the selected case."""
        ids = self.selected_ids()
        if not ids:
            QMessageBox.information(self, self.tr("Print"), self.tr("Select a case first."))
            return None
        row = self.model.row_at(self.model.row_of_id(ids[0]) or 0)
        return print_case_paper(self, self.ctx.db, row.number, paper, on_ready)

    def on_mediators_button_clicked(self) -> None:
        dialog = MediatorsDialog(self.ctx, self)
        self.restrict_list_dialog(dialog)
        dialog.open_record_requested.connect(self.open_record_requested)
        dialog.exec()
        if dialog.changed:
            self.refresh(data_changed=True)

    def open_linked_record(self, register: str, record_id: int) -> None:
        """Open a mediator (another role of a person) or a case."""
        if register == "mediators":
            dialog = MediatorDialog(self.ctx, record_id, self)
            dialog.open_record_requested.connect(self.open_record_requested)
            if dialog.exec():
                self.refresh(data_changed=True)
            return
        self.show_record(record_id)
        self.open_dialog(record_id)

    def current_filter(self) -> CaseFilter:
        return CaseFilter(
            text=self.search_edit.text(), dispute_type=self.type_filter.code(), tier=self.tier_filter.code(),
            status=self.status_filter.code(), received_from=self.from_edit.date_or_none(),
            received_to=self.to_edit.date_or_none(),
        )

    def export_filter(self) -> CaseFilter:
        return self.current_filter()

    def query_ids(self, session: Session, sort: Sort) -> list[int]:
        return case_ids(session, self.current_filter(), sort)

    def query_rows(self, session: Session, ids: Sequence[int]) -> list[Any]:
        return case_rows(session, ids)

    def count_text(self, count: int) -> str:
        return self.tr("%n case(s) listed", "", count)

    def record_noun(self, count: int) -> str:
        return self.tr("%n mediation case(s)", "", count)

    def make_dialog(self, record_id: int | None) -> CaseDialog:
        return CaseDialog(self.ctx, record_id, self)

    def reset_filters(self) -> None:
        super().reset_filters()
        self.clear_quietly(self.type_filter, self.tier_filter, self.status_filter, self.from_edit, self.to_edit)
