"""The grid workers tab (网格员): filters by grid, role and employment; grids managed from here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QHBoxLayout
from sqlalchemy.orm import Session

from db.choices import grid_choices
from db.grid_workers import GridWorkerFilter, grid_worker_ids, grid_worker_rows
from db.listing import Sort
from db.validation import mask_phone
from db.vocab import EMPLOYMENT, GENDERS, GRID_ROLES, WORKER_STATUSES
from desktop.common.base_tab import RegisterTab
from desktop.common.fields import CodeCombo, IdChoiceCombo
from desktop.common.formatting import format_date, label
from desktop.common.paged_model import Column
from desktop.grid_workers.dialog import GridWorkerDialog
from desktop.grid_workers.grids_dialog import GridsDialog
from desktop.printing.actions import menu_button, print_grid_boards, print_grid_roster


class GridWorkersTab(RegisterTab):
    register_key = "grid_workers"
    export_key = "grid-workers"

    def columns(self) -> list[Column]:
        zh = self.ctx.is_chinese
        return [
            Column("name", QT_TRANSLATE_NOOP("columns", "Name"), lambda r: r.name, "name", width=90),
            Column("gender", QT_TRANSLATE_NOOP("columns", "Gender"), lambda r: label(GENDERS, r.gender, zh),
                   None, width=50),
            Column("phone", QT_TRANSLATE_NOOP("columns", "Phone"), lambda r: mask_phone(r.phone), "phone", width=110),
            Column("role", QT_TRANSLATE_NOOP("columns", "Role"), lambda r: label(GRID_ROLES, r.role, zh), "role",
                   width=80),
            Column("employment", QT_TRANSLATE_NOOP("columns", "Full/part-time"),
                   lambda r: label(EMPLOYMENT, r.employment, zh), "employment", width=70),
            Column("grids", QT_TRANSLATE_NOOP("columns", "Grids"), lambda r: r.grids, None, width=220),
            Column("buildings", QT_TRANSLATE_NOOP("columns", "Buildings"), lambda r: r.buildings, None, width=160),
            Column("households", QT_TRANSLATE_NOOP("columns", "Households"), lambda r: str(r.households),
                   "households", align_right=True, width=70),
            Column("start_on", QT_TRANSLATE_NOOP("columns", "Started on"), lambda r: format_date(r.start_on, zh),
                   "start_on", width=120),
            Column("status", QT_TRANSLATE_NOOP("columns", "Status"), lambda r: label(WORKER_STATUSES, r.status, zh),
                   "status", width=60),
        ]

    def build_filters(self, bar: QHBoxLayout) -> None:
        zh = self.ctx.is_chinese
        self.grid_filter = IdChoiceCombo(parent=self)
        self.grid_filter.setObjectName("grid_filter")
        self.reload_grids()
        self.role_filter = CodeCombo(GRID_ROLES, zh, allow_blank=True, blank_text=self.tr("All roles"), parent=self)
        self.role_filter.setObjectName("role_filter")
        self.employment_filter = CodeCombo(EMPLOYMENT, zh, allow_blank=True,
                                           blank_text=self.tr("Full- and part-time"), parent=self)
        self.employment_filter.setObjectName("employment_filter")
        for combo in (self.grid_filter, self.role_filter, self.employment_filter):
            combo.currentIndexChanged.connect(self.refresh)
            bar.addWidget(combo)
        self.include_left_check = QCheckBox(self.tr("Include workers who left"), self)
        self.include_left_check.setObjectName("include_left_check")
        self.include_left_check.toggled.connect(self.refresh)
        bar.addWidget(self.include_left_check)

    def build_buttons(self, bar: QHBoxLayout) -> None:
        # Everyone may look at the grids; the list's New / Delete follow the role (restrict_list_dialog).
        self.grids_button = self._button("grids_button", self.tr("Grids…"), self.on_grids_button_clicked)
        bar.addWidget(self.grids_button)
        self.print_button = menu_button(self, "print_button", self.tr("Print"), [
            (self.tr("Grid-worker roster"), lambda: print_grid_roster(self, self.ctx.db)),
            (self.tr("Grid-worker roster with full phone numbers"),
             lambda: print_grid_roster(self, self.ctx.db, masked=False)),
            (self.tr("Public boards, one page per grid"), lambda: print_grid_boards(self, self.ctx.db)),
        ])
        menu = self.print_button.menu()
        menu.setObjectName("print_menu")
        self.print_full_roster_action = menu.actions()[1]
        self.print_full_roster_action.setObjectName("print_full_roster_action")
        self.guard(self.print_full_roster_action, "export_unmasked")
        bar.addWidget(self.print_button)

    def reload_grids(self) -> None:
        with self.ctx.db.session() as s:
            grids = grid_choices(s)
        self.grid_filter.blockSignals(True)
        self.grid_filter.set_items([(None, self.tr("All grids")), *grids])
        self.grid_filter.blockSignals(False)

    def on_grids_button_clicked(self) -> None:
        dialog = GridsDialog(self.ctx, self)
        self.restrict_list_dialog(dialog)
        dialog.exec()
        if dialog.changed:
            self.reload_grids()
            self.refresh(data_changed=True)

    def current_filter(self) -> GridWorkerFilter:
        return GridWorkerFilter(
            text=self.search_edit.text(), grid_id=self.grid_filter.value(), role=self.role_filter.code(),
            employment=self.employment_filter.code(), include_left=self.include_left_check.isChecked(),
        )

    def export_filter(self) -> GridWorkerFilter:
        return self.current_filter()

    def query_ids(self, session: Session, sort: Sort) -> list[int]:
        return grid_worker_ids(session, self.current_filter(), sort)

    def query_rows(self, session: Session, ids: Sequence[int]) -> list[Any]:
        return grid_worker_rows(session, ids)

    def count_text(self, count: int) -> str:
        return self.tr("%n grid worker(s) listed", "", count)

    def record_noun(self, count: int) -> str:
        return self.tr("%n grid worker record(s)", "", count)

    def make_dialog(self, record_id: int | None) -> GridWorkerDialog:
        return GridWorkerDialog(self.ctx, record_id, self)

    def reset_filters(self) -> None:
        super().reset_filters()
        self.clear_quietly(self.grid_filter, self.role_filter, self.employment_filter, self.include_left_check)
