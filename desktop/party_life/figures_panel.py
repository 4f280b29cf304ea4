"""The figures the office reports and the member flags it acts on, shown above the meetings list.

The figures (db.party_life.figures) are for a period chosen as the office asks for it: this
month, quarter or year, the last 12 months, or any dates; one row for the whole community and
one per branch. The four flags (db.party_life.flags) are links with their counts; each opens a
list of those members saying why they are on it, and a member opens from there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDeadlineTimer, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.members import probation_due
from db.party_life.figures import Figures, branch_and_community_figures
from db.party_life.flags import FLAG_KEYS, FlagDetail, flag_counts, flag_details, flag_member_ids
from db.vocab import MEMBER_CATEGORIES
from desktop.common.context import AppContext
from desktop.common.fields import DateEdit
from desktop.common.formatting import format_date, label
from desktop.common.job import BackgroundJob

ALL, MONTH, QUARTER, YEAR, LAST_12, CUSTOM = "all", "month", "quarter", "year", "last_12", "custom"


def _month_start(d: date, back: int = 0) -> date:
    y, m = divmod(d.month - 1 - back, 12)
    return date(d.year + y, m + 1, 1)


def _month_end(d: date) -> date:
    return _month_start(d, -1) - timedelta(days=1)


def period_range(choice: str, today: date) -> tuple[date, date] | None:
    """Whole calendar periods (so the schedules' required meetings count): this month is the
    1st to the last day, the last 12 months are the 12 whole months ending with this one."""
    if choice == MONTH:
        return _month_start(today), _month_end(today)
    if choice == QUARTER:
        start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        return start, _month_end(_month_start(start, -2))
    if choice == YEAR:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if choice == LAST_12:
        return _month_start(today, 11), _month_end(today)
    return None


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}".rstrip("0").rstrip(".") + "%"


class PeriodChooser(QWidget):
    """A period as the office names it; custom shows two date boxes. changed fires on any change."""

    changed = Signal()

    def __init__(self, allow_all: bool = False, parent: QWidget | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.today = today
        self.combo = QComboBox(self)
        self.combo.setObjectName("period_combo")
        if allow_all:
            self.combo.addItem(self.tr("All dates"), ALL)
        for code, text in ((MONTH, self.tr("This month")), (QUARTER, self.tr("This quarter")),
                           (YEAR, self.tr("This year")), (LAST_12, self.tr("Last 12 months")),
                           (CUSTOM, self.tr("Custom…"))):
            self.combo.addItem(text, code)
        self.from_edit = DateEdit(self, self.tr("from"))
        self.from_edit.setObjectName("from_edit")
        self.to_edit = DateEdit(self, self.tr("to"))
        self.to_edit.setObjectName("to_edit")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.from_edit)
        layout.addWidget(self.to_edit)
        for edit in (self.from_edit, self.to_edit):
            edit.setMaximumWidth(110)
            edit.textChanged.connect(self.changed)
        self.combo.currentIndexChanged.connect(self._on_combo_changed)
        self._on_combo_changed()

    def _on_combo_changed(self) -> None:
        custom = self.combo.currentData() == CUSTOM
        self.from_edit.setVisible(custom)
        self.to_edit.setVisible(custom)
        self.changed.emit()

    def set_choice(self, choice: str) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(choice), 0))

    def range(self) -> tuple[date | None, date | None]:
        """(from, to); either is None when open (all dates, or a custom box not filled in)."""
        choice = self.combo.currentData()
        if choice == CUSTOM:
            return self.from_edit.date_or_none(), self.to_edit.date_or_none()
        found = period_range(choice, self.today())
        return found if found is not None else (None, None)


class FiguresPanel(QWidget):
    """Figures for the chosen period and the four member flags; asks the tab to open members."""

    open_record_requested = Signal(str, int)
    COLUMNS = (QT_TRANSLATE_NOOP("FiguresPanel", "Organisation"), QT_TRANSLATE_NOOP("FiguresPanel", "Members"),
               QT_TRANSLATE_NOOP("FiguresPanel", "Meetings held / required"),
               QT_TRANSLATE_NOOP("FiguresPanel", "Attendance"), QT_TRANSLATE_NOOP("FiguresPanel", "Participation"),
               QT_TRANSLATE_NOOP("FiguresPanel", "Education coverage"),
               QT_TRANSLATE_NOOP("FiguresPanel", "Absent members"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: Callable[[], date] = date.today
        self.setObjectName("figures_panel")
        self.figures: list[Figures] = []
        self._job: BackgroundJob | None = None
        self._again = False  # refresh() was called while a read was running: read once more
        app = QCoreApplication.instance()
        if app is not None:  # a read under way finishes before the database is closed
            app.aboutToQuit.connect(self.wait_until_read)
        figures_box = QGroupBox(self.tr("Party life figures"), self)
        box = QVBoxLayout(figures_box)
        self.period = PeriodChooser(parent=figures_box, today=lambda: self.today())
        self.period.setObjectName("figures_period")
        self.period.changed.connect(self.refresh_figures)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period"), figures_box))
        top.addWidget(self.period)
        self.range_label = QLabel(figures_box)
        self.range_label.setObjectName("range_label")
        top.addWidget(self.range_label)
        top.addStretch(1)
        box.addLayout(top)
        self.table = QTableWidget(0, len(self.COLUMNS), figures_box)
        self.table.setObjectName("figures_table")
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("FiguresPanel", c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setMaximumHeight(190)  # the community and up to six branches without scrolling
        self.table.setToolTip(self.tr("Double-click a row to list its absent members"))
        self.table.cellDoubleClicked.connect(self.on_table_cell_double_clicked)
        box.addWidget(self.table)

        flags_box = QGroupBox(self.tr("Members to follow up"), self)
        flags = QVBoxLayout(flags_box)
        self.flag_labels: dict[str, QLabel] = {}
        for key in FLAG_KEYS:
            link = QLabel(flags_box)
            link.setObjectName(f"flag_{key}")
            link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                         | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            link.linkActivated.connect(self.open_flag)
            flags.addWidget(link)
            self.flag_labels[key] = link
        flags.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(figures_box, 3)
        layout.addWidget(flags_box, 1)

    def flag_title(self, key: str) -> str:
        return {
            "absent_six_months": self.tr("Absent from every meeting for six months"),
            "overdue_probation": self.tr("Probationary, overdue for conversion"),
            "mobile_or_lost_six_months": self.tr("Working away or lost contact for six months"),
            "not_reported_six_months": self.tr("In service, not reported in six months"),
        }[key]

    # --- refreshing -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the figures and the flag counts again, off the UI thread: on 100,000 members the
        per-branch figures take seconds. Returns at once; the table fills when they arrive."""
        date_from, date_to = self.period.range()
        if date_from is None or date_to is None or date_to < date_from:
            self.range_label.setText(self.tr("Type both dates"))
            date_from = date_to = None
        else:
            zh = self.ctx.is_chinese
            self.range_label.setText(f"{format_date(date_from, zh)} – {format_date(date_to, zh)}")
        if self._job is not None:
            self._again = True
            return
        db, today = self.ctx.db, self.today()

        def work(progress, cancelled) -> tuple[list[Figures], dict[str, int]]:  # type: ignore[no-untyped-def]
            with db.session() as s:
                figures: list[Figures] = []
                if date_from is not None and date_to is not None:  # the community's from the branches' counts
                    branches, community = branch_and_community_figures(s, date_from, date_to)
                    figures = [community, *branches]
                return figures, flag_counts(s, today)

        self._job = BackgroundJob(work)
        self._job.finished.connect(self.on_job_finished)
        self._job.failed.connect(self.on_job_failed)
        self._job.start()

    refresh_figures = refresh  # the period chooser's slot

    def wait_until_read(self, ms: int = 60_000) -> bool:
        """Block until the figures being read are shown (tests, screenshots)."""
        deadline = QDeadlineTimer(ms)
        while self._job is not None and not deadline.hasExpired():
            self._job.wait(max(1, min(50, deadline.remainingTime())))
            QCoreApplication.processEvents()
        return self._job is None

    def on_job_finished(self, result: tuple[list[Figures], dict[str, int]]) -> None:
        self._job = None
        self.figures, counts = result
        self.show_figures()
        for key, link in self.flag_labels.items():
            link.setText(f'<a href="{key}">{self.flag_title(key)}</a>: <b>{counts.get(key, 0)}</b>')
        self._read_again()

    def on_job_failed(self, message: str) -> None:
        self._job = None
        self.range_label.setText(message)
        self._read_again()

    def _read_again(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def show_figures(self) -> None:
        self.table.setRowCount(len(self.figures))
        for row, f in enumerate(self.figures):
            cells = (f.scope_label, str(f.members), f"{f.meetings_held} / {f.meetings_required}",
                     percent(f.attendance_rate), percent(f.participation_rate), percent(f.education_coverage),
                     str(len(f.absent_member_ids)))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row == 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)

    # --- lists of members -----------------------------------------------------------------
    def figure_text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    def on_table_cell_double_clicked(self, row: int, _col: int) -> None:
        """The absent members of that row's organisation, as a list to open them from."""
        if 0 <= row < len(self.figures):
            self.absent_dialog(row).exec()

    def absent_dialog(self, row: int) -> MemberListDialog:
        f = self.figures[row]
        title = self.tr("Not present at any meeting: %1, %2 – %3").replace("%1", f.scope_label).replace(
            "%2", format_date(f.date_from, self.ctx.is_chinese)).replace("%3", format_date(f.date_to,
                                                                                          self.ctx.is_chinese))
        return self.member_list_dialog(title, f.absent_member_ids, "absent_six_months")

    def open_flag(self, key: str) -> None:
        self.flag_dialog(key).exec()

    def flag_dialog(self, key: str) -> MemberListDialog:
        with self.ctx.db.session() as s:
            ids = flag_member_ids(s, key, self.today())
        return self.member_list_dialog(self.flag_title(key), ids, key)

    def member_list_dialog(self, title: str, ids: list[int], why: str) -> MemberListDialog:
        """Members with why they are listed (`why`: a flag key, or political_birthdays)."""
        with self.ctx.db.session() as s:
            details = flag_details(s, ids)
        dialog = MemberListDialog(title, [(d.id, d.name, d.org, self.reason(why, d)) for d in details], self)
        dialog.open_record_requested.connect(self.open_record_requested)
        return dialog

    def reason(self, key: str, d: FlagDetail) -> str:
        """Why a member is on a list, in a few words with the date that matters."""
        zh = self.ctx.is_chinese
        if key == "absent_six_months":
            if d.last_present is None:
                return self.tr("Never recorded present")
            return self.tr("Last present %1").replace("%1", format_date(d.last_present, zh))
        if key == "overdue_probation":
            if d.admitted_on is None:
                return ""
            due = probation_due(d.admitted_on, d.extended)
            return self.tr("Admitted %1, due for conversion %2").replace("%1", format_date(d.admitted_on, zh)) \
                .replace("%2", format_date(due, zh))
        if key == "mobile_or_lost_six_months":
            what = label(MEMBER_CATEGORIES, d.category, zh)
            if d.category_since is None:
                return self.tr("%1 since an unknown date").replace("%1", what)
            return self.tr("%1 since %2").replace("%1", what).replace("%2", format_date(d.category_since, zh))
        if key == "not_reported_six_months":
            if not d.reported or d.reported_on is None:
                return self.tr("Not reported to the community")
            return self.tr("Last reported %1").replace("%1", format_date(d.reported_on, zh))
        if key == "political_birthdays" and d.admitted_on is not None:
            return self.tr("Admitted %1").replace("%1", format_date(d.admitted_on, zh))
        return ""


class MemberListDialog(QDialog):
    """Members with the reason they are listed; Enter or a double-click opens one (the window does)."""

    open_record_requested = Signal(str, int)
    WIDEST_COLUMN = 260  # pixels: the reason column keeps the rest

    def __init__(self, title: str, rows: list[tuple[int, str, str, str]], parent: QWidget | None = None,
                 register: str = "members", headers: tuple[str, str, str] | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.setObjectName("member_list_dialog")
        self.setWindowTitle(title)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("members_table")
        self.table.setHorizontalHeaderLabels(list(headers or (self.tr("Name"), self.tr("Branch"), self.tr("Why"))))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long branch path keeps both ends
        for row, (member_id, name, org, why) in enumerate(rows):
            for col, text in enumerate((name, org, why)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, member_id)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        for col in (0, 1):  # as wide as their texts (a case number, a branch), up to a limit
            self.table.resizeColumnToContents(col)
            self.table.setColumnWidth(col, min(max(self.table.columnWidth(col), 80), self.WIDEST_COLUMN))
        if rows:
            self.table.selectRow(0)
        self.table.itemActivated.connect(lambda item: self.open_member(item.row()))
        count = QLabel(self.tr("%n member(s)", "", len(rows)) if register == "members"
                       else self.tr("%n record(s)", "", len(rows)), self)
        count.setObjectName("count_label")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(count)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def rows(self) -> list[tuple[str, str, str]]:
        t = self.table
        return [tuple(t.item(r, c).text() for c in range(3)) for r in range(t.rowCount())]  # type: ignore[misc]

    def open_member(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.open_record_requested.emit(self.register, item.data(Qt.ItemDataRole.UserRole))
            self.accept()
