"""The home page tab (工作台 · 今日待办): one card per thing that needs doing today.

Each card shows the count large, what it is, a line of detail and a button that opens its list:
the tab only emits `open_target` with the item's target ("members:flag=absent_six_months",
"mediation:open_over_30", "party_life" …) and the main window switches tab and applies the
filter, so this page knows nothing of the other tabs. The figures come from db.home.todo_items,
one SQL aggregate each, read again by refresh() whenever the tab is shown or data changes.

They are read off the UI thread (a BackgroundJob): on a small office's database they arrive at
once, but on 100,000 members with six months of attendance the six-month-absence flag alone
reads over a million attendance lines (about a second), and the home page is the window's first
tab — the window must not wait for it. Until the first figures arrive the counts read "…"; a
later refresh keeps the old figures on screen until the new ones replace them.

Written for office staff, not for IT: large text, plain words, and a zero shown as done ("无",
greyed) rather than as a red 0.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QDeadlineTimer, QLocale, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from db import home
from db.home import TodoItem
from db.validation import format_date_cn
from desktop.common.context import AppContext
from desktop.common.job import BackgroundJob

WEEKDAYS_CN = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

PAGE_STYLE = """
QWidget#home_page { background: #f5f6f8; }
QLabel#home_title { font-size: 26px; font-weight: bold; color: #1f2d3d; }
QLabel#home_date { font-size: 17px; color: #4a5568; }
QLabel#home_error { font-size: 15px; color: #b03a2e; }
QFrame[todo="card"] { background: white; border: 1px solid #dde1e6; border-radius: 8px; }
QFrame[todo="card"] QLabel { border: none; background: transparent; }
QLabel[todo="count"] { font-size: 34px; font-weight: bold; color: #b03a2e; }
QLabel[todo="count"][done="true"] { font-size: 24px; font-weight: normal; color: #9aa3ad; }
QLabel[todo="label"] { font-size: 18px; font-weight: bold; color: #1f2d3d; }
QLabel[todo="label"][done="true"] { color: #7b8591; font-weight: normal; }
QLabel[todo="detail"] { font-size: 15px; color: #4a5568; }
QLabel[todo="detail"][done="true"] { color: #9aa3ad; }
QPushButton[todo="link"] { font-size: 15px; padding: 6px 16px; }
"""


def _restyle(widget: QWidget, done: bool) -> None:
    widget.setProperty("done", "true" if done else "false")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class TodoCard(QFrame):
    """One item: count | label over detail | link button. Object names start with the item key."""

    def __init__(self, key: str, link_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.target = ""
        self.setObjectName(f"{key}_card")
        self.setProperty("todo", "card")
        self.count_label = QLabel()
        self.count_label.setObjectName(f"{key}_count")
        self.count_label.setProperty("todo", "count")
        self.count_label.setMinimumWidth(110)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label = QLabel()
        self.title_label.setObjectName(f"{key}_label")
        self.title_label.setProperty("todo", "label")
        self.detail_label = QLabel()
        self.detail_label.setObjectName(f"{key}_detail")
        self.detail_label.setProperty("todo", "detail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.link = QPushButton(link_text)
        self.link.setObjectName(f"{key}_link")
        self.link.setProperty("todo", "link")
        self.link.setCursor(Qt.CursorShape.PointingHandCursor)

        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(self.title_label)
        texts.addWidget(self.detail_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(16)
        row.addWidget(self.count_label)
        row.addLayout(texts, 1)
        row.addWidget(self.link, 0, Qt.AlignmentFlag.AlignVCenter)

    @property
    def done(self) -> bool:
        return self.count_label.property("done") == "true"

    def show_item(self, item: TodoItem, title: str, none_text: str) -> None:
        done = item.count == 0
        self.target = item.target
        self.count_label.setText(none_text if done else str(item.count))
        self.title_label.setText(title)
        self.detail_label.setText(item.detail)
        for widget in (self.count_label, self.title_label, self.detail_label):
            _restyle(widget, done)


class HomeTab(QWidget):
    """The first tab of the window. Not a RegisterTab: it lists no records, only counts."""

    open_target = Signal(str)
    refreshed = Signal()  # the cards show figures read after the last refresh() call

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("home_tab")
        # Which day "today" is; tests and screenshots fix it, the window leaves it the real day.
        self.clock: Callable[[], date] = date.today
        self.cards: dict[str, TodoCard] = {}
        self.items: list[TodoItem] = []
        self._job: BackgroundJob | None = None
        self._again = False  # refresh() was called while a read was running: read once more
        app = QCoreApplication.instance()
        if app is not None:  # let a read finish before the database is closed after the event loop
            app.aboutToQuit.connect(self.wait_until_read)

        page = QWidget()
        page.setObjectName("home_page")
        page.setStyleSheet(PAGE_STYLE)
        self.title = QLabel(self.tr("To do today"))
        self.title.setObjectName("home_title")
        self.date_label = QLabel()
        self.date_label.setObjectName("home_date")
        self.error_label = QLabel()
        self.error_label.setObjectName("home_error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addSpacing(16)
        heading.addWidget(self.date_label, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)

        self.cards_layout = QVBoxLayout()
        self.cards_layout.setSpacing(10)
        column = QVBoxLayout(page)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(14)
        column.addLayout(heading)
        column.addWidget(self.error_label)
        column.addLayout(self.cards_layout)
        column.addStretch(1)
        titles = self._titles() if not ctx.is_chinese else home.LABELS
        for key in home.KEYS:  # the cards exist before the first read, in the order shown
            card = self._card(key)
            card.count_label.setText("…")
            card.title_label.setText(titles[key])

        scroll = QScrollArea()
        scroll.setObjectName("home_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- texts -------------------------------------------------------------------------------

    def _titles(self) -> dict[str, str]:
        """English titles for an English window; a Chinese one shows db.home's own labels."""
        return {
            home.MEETINGS_MISSING: self.tr("Meetings not yet held this month"),
            home.ABSENT_SIX_MONTHS: self.tr("Members absent for six months"),
            home.OVERDUE_PROBATION: self.tr("Probation over, not yet full members"),
            home.POLITICAL_BIRTHDAYS: self.tr("Party anniversaries this month"),
            home.APPLICATIONS_WAITING: self.tr("Mediation applications awaiting acceptance"),
            home.OPEN_OVER_30: self.tr("Mediation cases open over 30 days"),
            home.FOLLOW_UP_DUE: self.tr("Agreements due a follow-up visit"),
            home.INCIDENTS_DUE: self.tr("Incidents near or past their deadline"),
            home.VISITS_DUE: self.tr("Households due a visit"),
            home.CARE_NOT_VISITED: self.tr("Care residents not visited this month"),
        }

    def _link_text(self, key: str) -> str:
        if key == home.MEETINGS_MISSING:
            return self.tr("Go to meetings")
        if key in (home.APPLICATIONS_WAITING, home.OPEN_OVER_30, home.FOLLOW_UP_DUE):
            return self.tr("View cases")
        if key == home.INCIDENTS_DUE:
            return self.tr("View incidents")
        return self.tr("View list")

    def date_text(self, day: date) -> str:
        """2026年12月1日 星期二 in Chinese; the system's English long form otherwise."""
        if self.ctx.is_chinese:
            return f"{format_date_cn(day)} {WEEKDAYS_CN[day.weekday()]}"
        return QLocale(QLocale.Language.English).toString(QDate(day.year, day.month, day.day),
                                                          "dddd, d MMMM yyyy")

    # --- reading -----------------------------------------------------------------------------

    def _card(self, key: str) -> TodoCard:
        card = self.cards.get(key)
        if card is None:
            card = TodoCard(key, self._link_text(key))
            card.link.clicked.connect(lambda _checked=False, c=card: self.on_link_clicked(c))
            self.cards[key] = card
            self.cards_layout.addWidget(card)
        return card

    def refresh(self, data_changed: bool = True) -> None:
        """Read every count again (the same call the register tabs take after a change).

        Returns at once; the cards change when the figures arrive (then `refreshed` is emitted).
        """
        today = self.clock()
        self.date_label.setText(self.date_text(today))
        if self._job is not None:
            self._again = True
            return
        db = self.ctx.db

        def work(progress, cancelled) -> list[TodoItem]:  # type: ignore[no-untyped-def]
            with db.session() as s:
                return home.todo_items(s, today)

        self._job = BackgroundJob(work)
        self._job.finished.connect(self.on_job_finished)
        self._job.failed.connect(self.on_job_failed)
        self._job.start()

    def is_reading(self) -> bool:
        return self._job is not None

    def wait_until_read(self, ms: int = 30_000) -> bool:
        """Block until the figures being read are on the cards (screenshots, benchmarks, closing)."""
        deadline = QDeadlineTimer(ms)
        while self._job is not None and not deadline.hasExpired():
            self._job.wait(max(1, min(50, deadline.remainingTime())))
            QCoreApplication.processEvents()
        return self._job is None

    def on_job_finished(self, items: list[TodoItem]) -> None:
        self._job = None
        self.error_label.hide()
        self.items = items
        titles = self._titles() if not self.ctx.is_chinese else {}
        none_text = self.tr("None")
        for item in items:
            self._card(item.key).show_item(item, titles.get(item.key, item.label), none_text)
        self._finish()

    def on_job_failed(self, message: str) -> None:
        # The first tab must open even if a figure cannot be read: say so, keep the rest usable.
        self._job = None
        self.error_label.setText(self.tr("The to-do list could not be read: %1").replace("%1", message))
        self.error_label.show()
        self._finish()

    def _finish(self) -> None:
        if self._again:
            self._again = False
            self.refresh()
        else:
            self.refreshed.emit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def on_link_clicked(self, card: TodoCard) -> None:
        if card.target:
            self.open_target.emit(card.target)
