"""The incidents tab (事件): newest first, filtered by grid, category and state, or only those
near or past their deadline (预警/超期, marked in the list); a report opens its dialog."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QMessageBox
from sqlalchemy.orm import Session

from db.choices import grid_choices
from db.incident_list import IncidentFilter, incident_ids, incident_rows
from db.listing import Sort
from db.vocab import INCIDENT_CATEGORIES, INCIDENT_STATES, SATISFACTION
from desktop.common.base_tab import RegisterTab
from desktop.common.fields import CodeCombo, IdChoiceCombo
from desktop.common.formatting import format_date, label
from desktop.common.paged_model import Column
from desktop.incidents.dialog import IncidentDialog

DEADLINE_MARKS = {"overdue": QT_TRANSLATE_NOOP("IncidentsTab", "overdue"),
                  "warning": QT_TRANSLATE_NOOP("IncidentsTab", "due soon")}


class IncidentsTab(RegisterTab):
    register_key = "incidents"

    def columns(self) -> list[Column]:
        zh = self.ctx.is_chinese
        return [
            Column("number", QT_TRANSLATE_NOOP("columns", "Number"), lambda r: r.number, "number", width=90),
            Column("reported_at", QT_TRANSLATE_NOOP("columns", "Reported"),
                   lambda r: format_date(r.reported_at.date(), zh), "reported_at", width=120),
            Column("grid", QT_TRANSLATE_NOOP("columns", "Grid"), lambda r: r.grid, None, width=120),
            Column("building", QT_TRANSLATE_NOOP("columns", "Where"), lambda r: r.building, None, width=90),
            Column("category", QT_TRANSLATE_NOOP("columns", "Incident category"),
                   lambda r: label(INCIDENT_CATEGORIES, r.category, zh), "category", width=80),
            Column("subject", QT_TRANSLATE_NOOP("columns", "Subject"), lambda r: r.subject, None, width=200),
            Column("state", QT_TRANSLATE_NOOP("columns", "State"), lambda r: label(INCIDENT_STATES, r.state, zh),
                   "state", width=70),
            Column("assignee", QT_TRANSLATE_NOOP("columns", "With"), lambda r: r.assignee, None, width=100),
            Column("due_on", QT_TRANSLATE_NOOP("columns", "Deadline"), self._deadline, "due_on", width=150),
            Column("rating", QT_TRANSLATE_NOOP("columns", "Rating"),
                   lambda r: label(SATISFACTION, r.rating, zh) if r.rating else "", None, width=70),
        ]

    def _deadline(self, row: Any) -> str:
        if row.due_on is None:
            return ""
        text = format_date(row.due_on, self.ctx.is_chinese)
        mark = DEADLINE_MARKS.get(row.deadline)
        supervised = self.tr(" · supervised") if row.supervised else ""
        return f"{text}（{self.tr(mark)}）{supervised}" if mark else text + supervised

    def build_filters(self, bar: QHBoxLayout) -> None:
        zh = self.ctx.is_chinese
        self.search_edit.setPlaceholderText(self.tr("Search: number, subject or who reported it"))
        self.grid_filter = IdChoiceCombo(parent=self)
        self.grid_filter.setObjectName("grid_filter")
        with self.ctx.db.session() as s:
            self.grid_filter.set_items([(None, self.tr("All grids")), *grid_choices(s)])
        self.category_filter = CodeCombo(INCIDENT_CATEGORIES, zh, allow_blank=True,
                                         blank_text=self.tr("All categories"), parent=self)
        self.category_filter.setObjectName("category_filter")
        self.state_filter = CodeCombo(INCIDENT_STATES, zh, allow_blank=True, blank_text=self.tr("Every state"),
                                      parent=self)
        self.state_filter.setObjectName("state_filter")
        for combo in (self.grid_filter, self.category_filter, self.state_filter):
            combo.currentIndexChanged.connect(self.refresh)
            bar.addWidget(combo)
        self.due_check = QCheckBox(self.tr("Near or past the deadline"), self)
        self.due_check.setObjectName("due_check")
        self.due_check.toggled.connect(self.refresh)
        bar.addWidget(self.due_check)

    def build_buttons(self, bar: QHBoxLayout) -> None:
        from desktop.printing.actions import menu_button

        self.print_button = menu_button(self, "print_button", self.tr("Print"), [
            (self.tr("Incident sheet of the chosen incident"), self.on_print_sheet),
            (self.tr("Monthly grid report…"), self.on_print_report),
        ])
        bar.addWidget(self.print_button)

    def on_print_sheet(self) -> None:
        from desktop.printing.actions import print_incident_sheet

        ids = self.selected_ids()
        if not ids:
            QMessageBox.information(self, self.tr("Print"), self.tr("Select an incident first."))
            return
        row = self.model.row_at(self.model.row_of_id(ids[0]) or 0)
        print_incident_sheet(self, self.ctx.db, row.number)

    def on_print_report(self) -> None:
        from desktop.printing.actions import print_grid_report
        from desktop.printing.print_dialogs import MonthDialog

        dialog = MonthDialog(self.ctx, self)
        if dialog.exec():
            print_grid_report(self, self.ctx.db, dialog.year_spin.value(), dialog.month_spin.value())

    def current_filter(self) -> IncidentFilter:
        return IncidentFilter(text=self.search_edit.text(), grid_id=self.grid_filter.value(),
                              category=self.category_filter.code(), state=self.state_filter.code(),
                              due_only=self.due_check.isChecked(), today=date.today())

    def query_ids(self, session: Session, sort: Sort) -> list[int]:
        return incident_ids(session, self.current_filter(), sort)

    def query_rows(self, session: Session, ids: Sequence[int]) -> list[Any]:
        return incident_rows(session, ids)

    def count_text(self, count: int) -> str:
        return self.tr("%n incident(s) listed", "", count)

    def record_noun(self, count: int) -> str:
        return self.tr("%n incident(s)", "", count)

    def make_dialog(self, record_id: int | None) -> IncidentDialog:
        return IncidentDialog(self.ctx, record_id, self)

    def reset_filters(self) -> None:
        super().reset_filters()
        self.clear_quietly(self.grid_filter, self.category_filter, self.state_filter, self.due_check)

