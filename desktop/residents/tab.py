"""The residents tab (居民): searched as the other registers are, filtered by grid, care tag and
常住/流动. Sensitive care tags show only for roles with the right to see them (db.resident_list)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout
from sqlalchemy.orm import Session

from db.care_tags import tag_rows
from db.choices import grid_choices
from db.listing import Sort
from db.resident_list import ResidentFilter, resident_ids, resident_rows
from db.validation import mask_phone
from db.vocab import GENDERS, POLITICAL_STATUSES, RELATIONS, RESIDENCE_KINDS
from desktop.common.base_tab import RegisterTab
from desktop.common.fields import CodeCombo, IdChoiceCombo
from desktop.common.formatting import format_date, label
from desktop.common.paged_model import Column
from desktop.residents.dialog import ResidentDialog


class ResidentsTab(RegisterTab):
    register_key = "residents"
    export_key = "residents"
    partial_first = True  # 200,000 residents: list the first page at once, the rest when typing pauses

    def columns(self) -> list[Column]:
        zh = self.ctx.is_chinese
        return [
            Column("name", QT_TRANSLATE_NOOP("columns", "Name"), lambda r: r.name, "name", width=90),
            Column("gender", QT_TRANSLATE_NOOP("columns", "Gender"), lambda r: label(GENDERS, r.gender, zh),
                   None, width=50),
            Column("birth_date", QT_TRANSLATE_NOOP("columns", "Date of birth"),
                   lambda r: format_date(r.birth_date, zh), "birth_date", width=120),
            Column("phone", QT_TRANSLATE_NOOP("columns", "Phone"), lambda r: mask_phone(r.phone), None, width=110),
            Column("grid", QT_TRANSLATE_NOOP("columns", "Grid"), lambda r: r.grid, None, width=130),
            Column("address", QT_TRANSLATE_NOOP("columns", "Address"), lambda r: r.address, None, width=130),
            Column("relation", QT_TRANSLATE_NOOP("columns", "Relation"), lambda r: label(RELATIONS, r.relation, zh),
                   "relation", width=70),
            Column("residence", QT_TRANSLATE_NOOP("columns", "Permanent/floating"),
                   lambda r: label(RESIDENCE_KINDS, r.residence, zh), "residence", width=70),
            Column("political_status", QT_TRANSLATE_NOOP("columns", "Political status"),
                   lambda r: label(POLITICAL_STATUSES, r.political_status, zh), None, width=90),
            Column("tags", QT_TRANSLATE_NOOP("columns", "Care tags"), lambda r: "、".join(r.tags), None, width=160),
        ]

    def build_filters(self, bar: QHBoxLayout) -> None:
        zh = self.ctx.is_chinese
        self.grid_filter = IdChoiceCombo(parent=self)
        self.grid_filter.setObjectName("grid_filter")
        self.tag_filter = IdChoiceCombo(parent=self)
        self.tag_filter.setObjectName("tag_filter")
        self.reload_choices()
        self.residence_filter = CodeCombo(RESIDENCE_KINDS, zh, allow_blank=True,
                                          blank_text=self.tr("Permanent and floating"), parent=self)
        self.residence_filter.setObjectName("residence_filter")
        for combo in (self.grid_filter, self.tag_filter, self.residence_filter):
            combo.currentIndexChanged.connect(self.refresh)
            bar.addWidget(combo)

    def build_buttons(self, bar: QHBoxLayout) -> None:
        self.care_tags_button = self._button("care_tags_button", self.tr("Care tags…"),
                                             self.on_care_tags_button_clicked)
        bar.addWidget(self.care_tags_button)
        self.guard(self.care_tags_button, "edit")

    def on_care_tags_button_clicked(self) -> None:
        from desktop.residents.care_tags_dialog import CareTagsDialog

        if CareTagsDialog(self.ctx, self).exec():
            self.reload_choices()
            self.refresh(data_changed=True)

    def reload_choices(self) -> None:
        with self.ctx.db.session() as s:
            grids = grid_choices(s)
            tags = [(t.id, t.name) for t in tag_rows(s)]
        for combo, first, items in ((self.grid_filter, self.tr("All grids"), grids),
                                    (self.tag_filter, self.tr("All residents"), tags)):
            combo.blockSignals(True)
            combo.set_items([(None, first), *items])
            combo.blockSignals(False)

    def current_filter(self) -> ResidentFilter:
        return ResidentFilter(text=self.search_edit.text(), grid_id=self.grid_filter.value(),
                              tag_id=self.tag_filter.value(), residence=self.residence_filter.code())

    def export_filter(self) -> ResidentFilter:
        return self.current_filter()

    def query_ids(self, session: Session, sort: Sort, limit: int | None = None) -> list[int]:
        return resident_ids(session, self.current_filter(), sort, limit=limit)

    def query_rows(self, session: Session, ids: Sequence[int]) -> list[Any]:
        return resident_rows(session, ids)

    def count_text(self, count: int) -> str:
        return self.tr("%n resident(s) listed", "", count)

    def record_noun(self, count: int) -> str:
        return self.tr("%n resident record(s)", "", count)

    def make_dialog(self, record_id: int | None) -> ResidentDialog:
        return ResidentDialog(self.ctx, record_id, self)

    def reset_filters(self) -> None:
        super().reset_filters()
        self.clear_quietly(self.grid_filter, self.tag_filter, self.residence_filter)
