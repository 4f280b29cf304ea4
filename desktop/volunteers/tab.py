"""The volunteer service tab (志愿服务), in two views: the service log and the volunteers.

The service log lists one line per volunteer per activity (filter by volunteer, project and
date range; the status bar shows the hours of what is listed). The volunteers view lists the
register with each volunteer's total hours. New/Edit/Delete act on the view shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QMessageBox
from sqlalchemy.orm import Session

from db.listing import Sort
from db.service_logs import (
    ServiceLogFilter,
    activity_of_log,
    project_choices,
    service_log_ids,
    service_log_rows,
    service_log_totals,
)
from db.validation import mask_phone
from db.vocab import VOLUNTEER_KINDS, VOLUNTEER_STATUSES
from db.volunteers import VolunteerFilter, volunteer_choices, volunteer_ids, volunteer_rows
from desktop.common.base_tab import RegisterTab
from desktop.common.fields import CodeCombo, DateEdit, LazyIdChoiceCombo
from desktop.common.formatting import format_date, format_hours, format_time, label
from desktop.common.paged_model import Column
from desktop.printing.actions import print_certificate
from desktop.volunteers.activity_dialog import ActivityDialog
from desktop.volunteers.volunteer_dialog import VolunteerDialog

LOGS, VOLUNTEERS = "logs", "volunteers"


class VolunteersTab(RegisterTab):
    register_key = "volunteers"
    export_key = "volunteer-hours"
    view = LOGS

    def columns(self) -> list[Column]:
        return self.log_columns() if self.view == LOGS else self.volunteer_columns()

    def log_columns(self) -> list[Column]:
        zh = self.ctx.is_chinese
        return [
            Column("held_on", QT_TRANSLATE_NOOP("columns", "Date"), lambda r: format_date(r.held_on, zh), "held_on",
                   width=120),
            Column("project", QT_TRANSLATE_NOOP("columns", "Project"), lambda r: r.project, "project", width=140),
            Column("place", QT_TRANSLATE_NOOP("columns", "Place"), lambda r: r.place, "place", width=130),
            Column("time", QT_TRANSLATE_NOOP("columns", "Time"),
                   lambda r: f"{format_time(r.start_time)}–{format_time(r.end_time)}" if r.start_time else "",
                   None, width=100),
            Column("name", QT_TRANSLATE_NOOP("columns", "Volunteer"), lambda r: r.name, "name", width=90),
            Column("number", QT_TRANSLATE_NOOP("columns", "Number"), lambda r: r.number, "number", width=70),
            Column("hours", QT_TRANSLATE_NOOP("columns", "Hours"), lambda r: format_hours(r.hours), "hours",
                   align_right=True, width=60),
            Column("organiser", QT_TRANSLATE_NOOP("columns", "Organiser"), lambda r: r.organiser, None, width=150),
        ]

    def volunteer_columns(self) -> list[Column]:
        zh = self.ctx.is_chinese
        return [
            Column("name", QT_TRANSLATE_NOOP("columns", "Name"), lambda r: r.name, "name", width=90),
            Column("number", QT_TRANSLATE_NOOP("columns", "Number"), lambda r: r.number, "number", width=70),
            Column("kind", QT_TRANSLATE_NOOP("columns", "Kind"), lambda r: label(VOLUNTEER_KINDS, r.kind, zh), "kind",
                   width=100),
            Column("phone", QT_TRANSLATE_NOOP("columns", "Phone"), lambda r: mask_phone(r.phone), None, width=110),
            Column("skills", QT_TRANSLATE_NOOP("columns", "Skills"), lambda r: r.skills, None, width=150),
            Column("registered_on", QT_TRANSLATE_NOOP("columns", "Registered"),
                   lambda r: format_date(r.registered_on, zh), "registered_on", width=120),
            Column("hours", QT_TRANSLATE_NOOP("columns", "Total hours"), lambda r: format_hours(r.total_hours),
                   "hours", align_right=True, width=70),
            Column("services", QT_TRANSLATE_NOOP("columns", "Services"), lambda r: str(r.service_count), None,
                   align_right=True, width=60),
            Column("status", QT_TRANSLATE_NOOP("columns", "Status"),
                   lambda r: label(VOLUNTEER_STATUSES, r.status, zh), None, width=60),
        ]

    # --- filters ------------------------------------------------------------------------
    def build_filters(self, bar: QHBoxLayout) -> None:
        zh = self.ctx.is_chinese
        self.view_switch = QComboBox(self)
        self.view_switch.setObjectName("view_switch")
        self.view_switch.addItem(self.tr("Service log"), LOGS)
        self.view_switch.addItem(self.tr("Volunteers"), VOLUNTEERS)
        self.view_switch.currentIndexChanged.connect(self.on_view_switch_changed)
        bar.insertWidget(0, self.view_switch)
        self.volunteer_filter = LazyIdChoiceCombo((None, self.tr("All volunteers")), self._volunteer_choices, self)
        self.volunteer_filter.setObjectName("volunteer_filter")
        self.project_filter = LazyIdChoiceCombo((None, self.tr("All projects")), self._project_choices, self)
        self.project_filter.setObjectName("project_filter")
        self.from_label = QLabel(self.tr("From"), self)
        self.from_edit = DateEdit(self, self.tr("any date"))
        self.from_edit.setObjectName("from_edit")
        self.to_label = QLabel(self.tr("to"), self)
        self.to_edit = DateEdit(self, self.tr("any date"))
        self.to_edit.setObjectName("to_edit")
        for edit in (self.from_edit, self.to_edit):
            edit.setMaximumWidth(110)
            edit.textChanged.connect(self._search_timer.start)
        self.kind_filter = CodeCombo(VOLUNTEER_KINDS, zh, allow_blank=True, blank_text=self.tr("All kinds"),
                                     parent=self)
        self.kind_filter.setObjectName("kind_filter")
        self.include_left_check = QCheckBox(self.tr("Include volunteers who left"), self)
        self.include_left_check.setObjectName("include_left_check")
        for combo in (self.volunteer_filter, self.project_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self.refresh)
        self.include_left_check.toggled.connect(self.refresh)
        self.log_filters = [self.volunteer_filter, self.project_filter, self.from_label, self.from_edit,
                            self.to_label, self.to_edit]
        self.volunteer_filters = [self.kind_filter, self.include_left_check]
        for widget in self.log_filters + self.volunteer_filters:
            bar.addWidget(widget)
        self._show_filters()

    def build_buttons(self, bar: QHBoxLayout) -> None:
        self.certificate_button = self._button("certificate_button", self.tr("Certificate of service…"),
                                               self.on_certificate_button_clicked)
        bar.addWidget(self.certificate_button)

    def on_certificate_button_clicked(self) -> None:
        self.print_certificate()

    def print_certificate(self, period=None, on_ready=None):  # type: ignore[no-untyped-def]
        """志愿服务证明 for the selected volunteer (volunteers view) or the volunteer filtered on."""
        volunteer_number = self.selected_volunteer_number()
        if volunteer_number is None:
            QMessageBox.information(self, self.tr("Certificate of service"),
                                    self.tr("Select a volunteer in the volunteers view first."))
            return None
        if period is None:
            from desktop.printing.print_dialogs import PeriodDialog  # (with ReportLab: when first printing)

            dialog = PeriodDialog(self.ctx, self.tr("Certificate of service"), self)
            if not dialog.exec():
                return None
            period = dialog.period
        return print_certificate(self, self.ctx.db, volunteer_number, period[0], period[1], on_ready)

    def selected_volunteer_number(self) -> str | None:
        ids = self.selected_ids()
        if self.view != VOLUNTEERS or not ids:
            return None
        row = self.model.row_at(self.model.row_of_id(ids[0]) or 0)
        return row.number if row is not None else None

    def reload_choices(self) -> None:
        """The filters' lists are read again when next opened: the volunteers (tens of thousands
        in a street office) and the projects (distinct among a hundred thousand activities:
        0.1 s with ten years of history) are read when their filter is first opened, not when
        the tab lists."""
        self.volunteer_filter.forget()
        self.project_filter.forget()

    def _project_choices(self) -> list[tuple[str | None, str]]:
        with self.ctx.db.session() as s:
            return [(project, project) for project in project_choices(s)]

    def _volunteer_choices(self) -> list[tuple[int | None, str]]:
        with self.ctx.db.session() as s:
            return list(volunteer_choices(s))

    def _show_filters(self) -> None:
        for widget in self.log_filters:
            widget.setVisible(self.view == LOGS)
        for widget in self.volunteer_filters:
            widget.setVisible(self.view == VOLUNTEERS)

    def on_view_switch_changed(self) -> None:
        self.set_view(self.view_switch.currentData())

    def set_view(self, view: str) -> None:
        if view == self.view:
            return
        self.view = view
        self.view_switch.blockSignals(True)
        self.view_switch.setCurrentIndex(self.view_switch.findData(view))
        self.view_switch.blockSignals(False)
        self.sort = Sort()
        self.model.set_columns(self.columns())
        for i, col in enumerate(self.model.columns):
            self.table.setColumnWidth(i, col.width)
        self.table.horizontalHeader().setSortIndicator(-1, self.table.horizontalHeader().sortIndicatorOrder())
        self._show_filters()
        self.refresh()

    def export_filter(self) -> ServiceLogFilter:
        """The service log as filtered (the volunteer list itself is exported from the log view)."""
        return self.log_filter()

    def log_filter(self) -> ServiceLogFilter:
        return ServiceLogFilter(
            text=self.search_edit.text(), volunteer_id=self.volunteer_filter.value(),
            project=self.project_filter.currentData(), date_from=self.from_edit.date_or_none(),
            date_to=self.to_edit.date_or_none(),
        )

    def volunteer_filter_values(self) -> VolunteerFilter:
        return VolunteerFilter(text=self.search_edit.text(), kind=self.kind_filter.code(),
                               include_left=self.include_left_check.isChecked())

    # --- queries ------------------------------------------------------------------------
    def query_ids(self, session: Session, sort: Sort) -> list[int]:
        if self.view == LOGS:
            return service_log_ids(session, self.log_filter(), sort)
        return volunteer_ids(session, self.volunteer_filter_values(), sort)

    def lists_in_blocks(self) -> bool:
        return self.view == LOGS  # every activity adds to it: a million lines in a street office

    def query_id_block(self, session: Session, sort: Sort, offset: int, limit: int) -> list[int]:
        return service_log_ids(session, self.log_filter(), sort, limit=limit, offset=offset)

    def listed_count_text(self, session: Session) -> str:
        count, hours = service_log_totals(session, self.log_filter())
        return self.tr("%n service record(s) listed", "", count) + " · " + self.tr("%1 hours").replace(
            "%1", format_hours(hours))

    def query_rows(self, session: Session, ids: Sequence[int]) -> list[Any]:
        return service_log_rows(session, ids) if self.view == LOGS else volunteer_rows(session, ids)

    def count_text(self, count: int) -> str:
        return self.tr("%n volunteer(s) listed", "", count)

    def record_noun(self, count: int) -> str:
        if self.view == VOLUNTEERS:
            return self.tr("%n volunteer record(s)", "", count)
        return self.tr("%n service record(s)", "", count)

    def on_records_changed(self) -> None:
        self.reload_choices()  # read again when a filter is next opened

    # --- records ------------------------------------------------------------------------
    def make_dialog(self, record_id: int | None) -> Any:
        if self.view == VOLUNTEERS:
            return VolunteerDialog(self.ctx, record_id, self)
        activity_id = None
        if record_id is not None:
            with self.ctx.db.session() as s:
                activity_id = activity_of_log(s, record_id)
        return ActivityDialog(self.ctx, activity_id, self)

    def open_dialog(self, record_id: int | None) -> bool:
        """In the service log an activity is opened and saved; select nothing by its id."""
        if self.view == VOLUNTEERS:
            return super().open_dialog(record_id)
        dialog = self.make_dialog(record_id)
        if dialog.exec():
            self.refresh(data_changed=True)
            if record_id is not None:
                self.select_ids([record_id])
            self.data_changed.emit()
            return True
        return False

    def open_linked_record(self, register: str, record_id: int) -> None:
        self.set_view(VOLUNTEERS)
        self.show_record(record_id)
        self.open_dialog(record_id)

    def recycle_register(self) -> str:
        return "volunteers" if self.view == VOLUNTEERS else "service_logs"

    def reset_filters(self) -> None:
        super().reset_filters()
        self.clear_quietly(self.volunteer_filter, self.project_filter, self.kind_filter, self.from_edit, self.to_edit,
                           self.include_left_check)
