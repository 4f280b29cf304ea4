"""The home tab offscreen: cards with counts, zero shown as done, links emitting their targets,
and a refresh after data changes. Data as in tests/db/test_home.py, on 2026-12-01 (Tuesday)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from db import home
from db.party_life.schedules import ScheduleInput, save_schedules
from desktop.common.context import AppContext
from desktop.home.tab import HomeTab
from tests.db.test_home import FIRST, add_case, add_meeting, add_member

TODAY = date(2026, 12, 1)


def make_tab(ctx: AppContext, qtbot) -> HomeTab:  # type: ignore[no-untyped-def]
    tab = HomeTab(ctx)
    qtbot.addWidget(tab)
    tab.clock = lambda: TODAY
    read(tab, qtbot)
    return tab


def read(tab: HomeTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    """refresh() and wait for the figures (they are read off the UI thread)."""
    with qtbot.waitSignal(tab.refreshed, timeout=10_000):
        tab.refresh()


def text(tab: HomeTab, name: str) -> str:
    label = tab.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def only_monthly_committee_meetings(ctx: AppContext) -> None:
    """One schedule line: each of the two branches owes one 支委会 in December."""
    with ctx.db.session() as s, s.begin():
        save_schedules(s, [ScheduleInput("branch_committee", "branch", None, "month")])


def test_counts_large_and_zero_items_shown_as_done(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    only_monthly_committee_meetings(ctx)
    add_meeting(ctx.db, FIRST, "branch_committee", "2026-12-01", {})  # 第一党支部 held it: 第二 still owes one
    add_case(ctx.db, "2026-10-01")  # open 61 days
    add_case(ctx.db, "2026-10-20")  # open 42 days
    add_member(ctx.db, 1, "张三", "2010-12-15")  # a December anniversary
    tab = make_tab(ctx, qtbot)

    assert tab.objectName() == "home_tab"
    assert text(tab, "home_date") == "2026年12月1日 星期二"
    assert text(tab, "meetings_missing_count") == "1"
    assert text(tab, "meetings_missing_label") == "本月未开会议"
    assert text(tab, "meetings_missing_detail") == "第二党支部：支委会"
    assert text(tab, "open_over_30_count") == "2"
    assert text(tab, "open_over_30_detail") == "受理已满30天仍在调解，最早的受理于2026年10月1日"
    assert text(tab, "political_birthdays_count") == "1"
    for key in (home.ABSENT_SIX_MONTHS, home.OVERDUE_PROBATION, home.FOLLOW_UP_DUE):
        card = tab.cards[key]
        assert card.count_label.text() == tab.tr("None") and card.done, key
    assert not tab.cards[home.OPEN_OVER_30].done
    assert [tab.cards_layout.itemAt(i).widget().objectName() for i in range(tab.cards_layout.count())] == [
        f"{key}_card" for key in home.KEYS]


def test_each_link_emits_its_target(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(ctx, qtbot)
    for key in home.KEYS:
        link = tab.findChild(QPushButton, f"{key}_link")
        assert link is not None and link.isEnabled(), key
        with qtbot.waitSignal(tab.open_target, timeout=1000) as blocker:
            qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
        assert blocker.args == [home.TARGETS[key]]
    assert home.TARGETS[home.OVERDUE_PROBATION] == "members:flag=overdue_probation"


def test_refresh_reads_the_changes(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    only_monthly_committee_meetings(ctx)
    tab = make_tab(ctx, qtbot)
    assert text(tab, "open_over_30_count") == tab.tr("None")
    assert text(tab, "meetings_missing_count") == "2"  # neither branch has met in December
    add_case(ctx.db, "2026-09-15")
    add_meeting(ctx.db, FIRST, "branch_committee", "2026-12-01", {})
    assert text(tab, "open_over_30_count") == tab.tr("None")  # nothing re-read yet
    read(tab, qtbot)
    assert text(tab, "open_over_30_count") == "1"
    assert not tab.cards[home.OPEN_OVER_30].done
    assert text(tab, "meetings_missing_count") == "1"


def test_showing_the_tab_reads_it(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = HomeTab(ctx)
    qtbot.addWidget(tab)
    tab.clock = lambda: TODAY
    add_case(ctx.db, "2026-10-01")
    assert text(tab, "open_over_30_count") == "…"  # built, not read yet
    assert text(tab, "open_over_30_label") == "调解超过30天未结案"  # the titles are there from the start
    with qtbot.waitSignal(tab.refreshed, timeout=10_000):
        tab.show()
    assert text(tab, "open_over_30_count") == "1"


def test_refresh_during_a_read_reads_again(ctx: AppContext, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(ctx, qtbot)
    emitted: list[None] = []
    tab.refreshed.connect(lambda: emitted.append(None))
    tab.refresh()
    assert tab.is_reading()
    add_case(ctx.db, "2026-10-01")  # written while the first read may already be under way
    tab.refresh()  # … so this one must read again once that read is done
    assert tab.wait_until_read()
    assert text(tab, "open_over_30_count") == "1"
    assert emitted == [None]  # one signal, once the figures are current


def test_english_window_titles(db, qapp, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.settings import use_ini_file

    use_ini_file(tmp_path / "settings.ini")
    try:
        tab = make_tab(AppContext(db=db, lang="en"), qtbot)
        assert text(tab, "home_date") == "Tuesday, 1 December 2026"
        assert text(tab, "open_over_30_label") == "Mediation cases open over 30 days"
    finally:
        use_ini_file(None)


def test_screenshot_of_the_home_page(db, qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QImage

    from desktop.screenshot import take_screenshot

    add_case(db, "2026-10-01")
    locale = QLocale()
    try:
        out = take_screenshot(db, "home", tmp_path / "home.png", lang="en", size=(1280, 800))
    finally:
        QLocale.setDefault(locale)  # take_screenshot sets the language for the whole application
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    # The page background (#f5f6f8) and the white cards are both there: the page was painted.
    colours = {image.pixelColor(x, y).name() for x in range(0, 1280, 30) for y in range(0, 800, 30)}
    assert {"#f5f6f8", "#ffffff"} <= colours
