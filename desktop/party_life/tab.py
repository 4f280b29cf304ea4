"""The party-life tab (党建 / 三会一课): the meetings register, its figures and the member flags.

The list shows one line per meeting with its attendance counted (出席/请假/缺席), filtered by
organisation, kind and period; New/Edit open the meeting and its roll call, Delete sends a
meeting to the recycle bin (Ctrl+Z brings it back). Above the list, the figures the office
reports for a chosen period and the four flags; a member opens in the members tab (the window
handles open_record_requested). Schedules… edits when each kind of meeting is due.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout
from sqlalchemy.orm import Session

from db.listing import Sort
from db.members import org_tree
from db.party_life.meetings import MeetingFilter, MeetingRow, meeting_ids, meeting_rows
from db.vocab import MEETING_KINDS
from desktop.common.base_tab import RegisterTab
from desktop.common.fields import CodeCombo, IdChoiceCombo
from desktop.common.formatting import format_datetime, label
from desktop.common.paged_model import Column
from desktop.party_life.figures_panel import FiguresPanel, PeriodChooser
from desktop.party_life.meeting_dialog import MeetingDialog


def _when(r: MeetingRow, zh: bool) -> str:
    text = format_datetime(r.held_at, zh)
    return text[:-6] if text.endswith(" 00:00") else text  # a meeting saved without a time


class PartyLifeTab(RegisterTab):
    register_key = "party_life"

    def columns(self) -> list[Column]:
        zh = self.ctx.is_chinese
        return [
            Column("held_at", QT_TRANSLATE_NOOP("columns", "Time"), lambda r: _when(r, zh), "held_at", width=150),
            Column("kind", QT_TRANSLATE_NOOP("columns", "Kind"), lambda r: label(MEETING_KINDS, r.kind, zh), "kind",
                   width=90),
            Column("org", QT_TRANSLATE_NOOP("columns", "Organisation"), lambda r: r.org_short, "org", width=120,
                   tooltip=lambda r: r.org_path),
            Column("topic", QT_TRANSLATE_NOOP("columns", "Topic"), lambda r: r.topic, "topic", width=200),
            Column("place", QT_TRANSLATE_NOOP("columns", "Venue"), lambda r: r.place, "place", width=110),
            Column("speaker", QT_TRANSLATE_NOOP("columns", "Speaker"), lambda r: r.speaker, "speaker", width=80),
            Column("present", QT_TRANSLATE_NOOP("columns", "Present"), lambda r: str(r.present), None,
                   align_right=True, width=50),
            Column("leave", QT_TRANSLATE_NOOP("columns", "On leave"), lambda r: str(r.leave), None,
                   align_right=True, width=50),
            Column("absent", QT_TRANSLATE_NOOP("columns", "Absent"), lambda r: str(r.absent), None,
                   align_right=True, width=50),
        ]

    # --- filters and panels ----------------------------------------------------------------
    def build_filters(self, bar: QHBoxLayout) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search: topic, place or speaker"))
        self.org_filter = IdChoiceCombo(parent=self)
        self.org_filter.setObjectName("org_filter")
        self.org_filter.set_items([(None, self.tr("All organisations"))])
        self._orgs_stale = True  # the organisation tree is read when the tab is first listed
        self.kind_filter = CodeCombo(MEETING_KINDS, self.ctx.is_chinese, allow_blank=True,
                                     blank_text=self.tr("All kinds"), parent=self)
        self.kind_filter.setObjectName("kind_filter")
        self.period_filter = PeriodChooser(allow_all=True, parent=self)
        self.period_filter.setObjectName("period_filter")
        for combo in (self.org_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self.refresh)
            bar.addWidget(combo)
        self.period_filter.changed.connect(self._search_timer.start)
        bar.addWidget(self.period_filter)

    def build_buttons(self, bar: QHBoxLayout) -> None:
        self.schedules_button = self._button("schedules_button", self.tr("Schedules…"),
                                             self.on_schedules_button_clicked)
        bar.addWidget(self.schedules_button)
        self.guard(self.schedules_button, "edit")

    def build_above_table(self, layout: QVBoxLayout) -> None:
        self.figures_panel = FiguresPanel(self.ctx, self)
        self.figures_panel.open_record_requested.connect(self.open_record_requested)
        layout.addWidget(self.figures_panel)
        self._figures_stale = True  # read when the tab is first listed, not while the window opens

    def set_today(self, today: date) -> None:
        """Fix the day the periods and flags are counted from (tests, screenshots of a demo)."""
        self.figures_panel.today = lambda: today
        self.period_filter.today = lambda: today
        self.refresh(data_changed=True)
        self.figures_panel.wait_until_read()

    def reload_orgs(self) -> None:
        with self.ctx.db.session() as s:
            orgs = [(o.id, o.name, o.depth) for o in org_tree(s)]
        chosen = self.org_filter.value()
        self.org_filter.blockSignals(True)
        self.org_filter.set_items([(None, self.tr("All organisations")), *orgs])
        self.org_filter.set_value(chosen)
        self.org_filter.blockSignals(False)

    def current_filter(self) -> MeetingFilter:
        date_from, date_to = self.period_filter.range()
        return MeetingFilter(org_id=self.org_filter.value(), kind=self.kind_filter.code(), date_from=date_from,
                             date_to=date_to, search=self.search_edit.text())

    # --- queries -------------------------------------------------------------------------
    def query_ids(self, session: Session, sort: Sort) -> list[int]:
        return meeting_ids(session, self.current_filter(), sort)

    def query_rows(self, session: Session, ids: Sequence[int]) -> list[Any]:
        return meeting_rows(session, ids)

    def count_text(self, count: int) -> str:
        return self.tr("%n meeting(s) listed", "", count)

    def record_noun(self, count: int) -> str:
        return self.tr("%n meeting record(s)", "", count)

    def recycle_register(self) -> str:
        return "meetings"

    def on_records_changed(self) -> None:
        self._orgs_stale = True
        self._figures_stale = True  # both read again by the next refresh (when this tab is shown)

    def refresh(self, data_changed: bool = False) -> None:
        if getattr(self, "_orgs_stale", False):
            self._orgs_stale = False
            self.reload_orgs()
        super().refresh(data_changed)
        if getattr(self, "_figures_stale", False):
            self._figures_stale = False
            self.figures_panel.refresh()

    # --- records ---------------------------------------------------------------------------
    def make_dialog(self, record_id: int | None) -> MeetingDialog:
        org_id = self.org_filter.value() if record_id is None else None
        return MeetingDialog(self.ctx, record_id, self, org_id=org_id)

    def on_schedules_button_clicked(self) -> None:
        from desktop.party_life.schedules_dialog import SchedulesDialog

        if SchedulesDialog(self.ctx, self).exec():
            self.figures_panel.refresh()

    def reset_filters(self) -> None:
        super().reset_filters()
        self.clear_quietly(self.org_filter, self.kind_filter, self.period_filter.combo)
        self.period_filter.combo.blockSignals(True)
        self.period_filter.set_choice("all")
        self.period_filter.combo.blockSignals(False)
