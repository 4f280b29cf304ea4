"""The members tab (党员): filters by branch, type, category and the flags the office acts on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout
from sqlalchemy.orm import Session

from db.disclosure import record_unmasked_print
from db.listing import Sort
from db.members import (
    FLAG_LOST,
    FLAG_MOBILE,
    FLAG_OVERDUE,
    MemberFilter,
    MemberRow,
    flag_counts,
    member_ids,
    member_rows,
    org_tree,
)
from db.office import get_setting
from db.validation import mask_id_number, mask_phone
from db.vocab import GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES, MEMBER_TYPES
from desktop.common.base_tab import RegisterTab
from desktop.common.fields import CodeCombo, IdChoiceCombo
from desktop.common.formatting import format_date, label
from desktop.common.paged_model import Column
from desktop.members.dialog import MemberDialog
from desktop.printing.run import start_pdf
from desktop.settings import Settings

OVERDUE_COLOUR = QColor("#b03a2e")


class MembersTab(RegisterTab):
    register_key = "members"
    export_key = "members"
    partial_first = True

    def columns(self) -> list[Column]:
        zh = self.ctx.is_chinese

        def overdue_tip(r: MemberRow) -> str:
            return self.tr("Probation is over: due for conversion to full member") if r.overdue else ""

        return [
            Column("name", QT_TRANSLATE_NOOP("columns", "Name"), lambda r: r.name, "name", width=90,
                   tooltip=overdue_tip),
            Column("gender", QT_TRANSLATE_NOOP("columns", "Gender"), lambda r: label(GENDERS, r.gender, zh),
                   "gender", width=50),
            Column("birth_date", QT_TRANSLATE_NOOP("columns", "Birth date"),
                   lambda r: format_date(r.birth_date, zh), "birth_date", width=120),
            Column("id_number", QT_TRANSLATE_NOOP("columns", "ID number"),
                   lambda r: mask_id_number(r.id_number), None, width=160),
            Column("org", QT_TRANSLATE_NOOP("columns", "Branch"), lambda r: r.org_short, "org", width=130,
                   tooltip=lambda r: r.org_path),
            Column("member_type", QT_TRANSLATE_NOOP("columns", "Type"),
                   lambda r: label(MEMBER_TYPES, r.member_type, zh), "member_type", width=80),
            Column("admitted_on", QT_TRANSLATE_NOOP("columns", "Admitted"),
                   lambda r: format_date(r.admitted_on, zh), "admitted_on", width=120),
            Column("full_on", QT_TRANSLATE_NOOP("columns", "Made full"),
                   lambda r: format_date(r.full_on, zh), "full_on", width=120),
            Column("category", QT_TRANSLATE_NOOP("columns", "Category"),
                   lambda r: label(MEMBER_CATEGORIES, r.category, zh), "category", width=70),
            Column("phone", QT_TRANSLATE_NOOP("columns", "Phone"), lambda r: mask_phone(r.phone), "phone", width=110),
            Column("status", QT_TRANSLATE_NOOP("columns", "Status"),
                   lambda r: label(MEMBER_STATUSES, r.status, zh), "status", width=70),
            Column("address", QT_TRANSLATE_NOOP("columns", "Address"), lambda r: r.address, None, width=200),
        ]

    def build_filters(self, bar: QHBoxLayout) -> None:
        zh = self.ctx.is_chinese
        self.org_filter = IdChoiceCombo(parent=self)
        self.org_filter.setObjectName("org_filter")
        self.reload_orgs()
        self.type_filter = CodeCombo(MEMBER_TYPES, zh, allow_blank=True, blank_text=self.tr("All types"), parent=self)
        self.type_filter.setObjectName("type_filter")
        self.category_filter = CodeCombo(MEMBER_CATEGORIES, zh, allow_blank=True,
                                         blank_text=self.tr("All categories"), parent=self)
        self.category_filter.setObjectName("category_filter")
        self.flag_filter = QComboBox(self)
        self.flag_filter.setObjectName("flag_filter")
        self.flag_filter.addItem(self.tr("All members"), None)
        self.flag_filter.addItem(self.tr("Overdue probation"), FLAG_OVERDUE)
        self.flag_filter.addItem(self.tr("Working away"), FLAG_MOBILE)
        self.flag_filter.addItem(self.tr("Lost contact"), FLAG_LOST)
        self.flag_filter.addItem(self.tr("Including former members"), "former")
        for combo in (self.org_filter, self.type_filter, self.category_filter, self.flag_filter):
            combo.currentIndexChanged.connect(self.refresh)
            bar.addWidget(combo)
        self.model.row_style = lambda r: OVERDUE_COLOUR if r.overdue else None

    def build_buttons(self, bar: QHBoxLayout) -> None:
        self.print_button = self._button("print_button", self.tr("Print roster…"), self.on_print_button_clicked)
        bar.addWidget(self.print_button)

    def on_print_button_clicked(self) -> None:
        from desktop.printing.roster_dialog import RosterOptionsDialog  # its fields come with ReportLab

        options = RosterOptionsDialog(self, actor=self.ctx.db.actor)
        if options.exec():
            self.print_roster(options.fields(), options.masked())

    def print_roster(self, fields: tuple[str, ...], masked: bool, on_ready=None):  # type: ignore[no-untyped-def]
        """Build the roster of the members listed (current filter) and preview it.

        A roster with full numbers is a disclosure: the right is checked and the print logged
        (committed) before the PDF is built; a refusal ends the job with its message."""
        from desktop.printing.member_roster import build_member_roster  # ReportLab: when first printing

        member_filter = self.current_filter()
        branch = self.org_filter.currentText().strip() if self.org_filter.value() is not None else ""
        db = self.ctx.db
        font = Settings().value("printing/font_file")
        font_file = Path(font) if font else None

        def build(out: Path, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> None:
            with db.session() as s, s.begin():
                rows = member_rows(s, member_ids(s, member_filter))
                community = get_setting(s, "community_name")
                if not masked and ({"id_number", "phone"} & set(fields)):
                    record_unmasked_print(s, f"党员花名册（{branch or '全体党员'}）", len(rows))
            build_member_roster(out, rows, community=community, branch=branch, fields=fields, masked=masked,
                                progress=progress, cancelled=cancelled, font_file=font_file)

        return start_pdf(self, self.tr("member roster"), "党员花名册.pdf", build, on_ready)

    def reload_orgs(self) -> None:
        with self.ctx.db.session() as s:
            orgs = [(o.id, o.name, o.depth) for o in org_tree(s)]
        self.org_filter.blockSignals(True)
        self.org_filter.set_items([(None, self.tr("All branches")), *orgs])
        self.org_filter.blockSignals(False)

    def current_filter(self) -> MemberFilter:
        flag = self.flag_filter.currentData()
        return MemberFilter(
            text=self.search_edit.text(), org_id=self.org_filter.value(), member_type=self.type_filter.code(),
            category=self.category_filter.code(), flag=flag if flag != "former" else None,
            include_former=flag == "former",
        )

    def export_filter(self) -> MemberFilter:
        return self.current_filter()

    def query_ids(self, session: Session, sort: Sort, limit: int | None = None) -> list[int]:
        return member_ids(session, self.current_filter(), sort, limit=limit)

    def query_rows(self, session: Session, ids: Sequence[int]) -> list[Any]:
        return member_rows(session, ids)

    def on_records_changed(self) -> None:
        self._flags: dict[str, int] | None = None

    def count_text(self, count: int) -> str:
        """The listed count and the register's flags; the flags are counted again only after
        a change, not on every keystroke of a search."""
        if getattr(self, "_flags", None) is None:
            with self.ctx.db.session() as s:
                self._flags = flag_counts(s)
        flags = self._flags
        assert flags is not None
        return self.tr("%n member(s) listed", "", count) + " · " + self.tr(
            "overdue probation %1, working away %2, lost contact %3"
        ).replace("%1", str(flags[FLAG_OVERDUE])).replace("%2", str(flags[FLAG_MOBILE])).replace(
            "%3", str(flags[FLAG_LOST]))

    def record_noun(self, count: int) -> str:
        return self.tr("%n party member record(s)", "", count)

    def make_dialog(self, record_id: int | None) -> MemberDialog:
        return MemberDialog(self.ctx, record_id, self)

    def reset_filters(self) -> None:
        super().reset_filters()
        self.clear_quietly(self.org_filter, self.type_filter, self.category_filter, self.flag_filter)
