"""In zh_CN no window or dialog shows English: every one is opened on demo data and read.

test_i18n proves every string lupdate can see has a translation; this proves what a clerk sees
is Chinese — a string translated under a context the catalogue does not hold, a string built
outside tr(), or a Qt standard button left untranslated all show up here and nowhere else.

The crawl opens what a person can open from the window: every menu command, every button of
every tab (with the first row selected) and every home-page card, and inside each dialog every
button that opens another ("…" by convention), two levels deep. Each window that appears is read
— titles, labels, buttons, headers, placeholders, group titles, tab texts, menu entries, the
first rows of its tables — and closed without saving. Data (names, numbers, paths, codes) is not
English, so a text is suspect only when it holds an ASCII word of three letters or more that
is not a file or product name every office knows (PDF, Excel, WPS …).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTabBar,
    QToolButton,
    QWidget,
)

from db.database import open_database
from db.demo import fill_demo
from desktop.common.context import AppContext

ROOT = Path(__file__).resolve().parents[2]

ALLOWED = {"PDF", "Excel", "WPS", "ID", "OK", "SQLite", "PostgreSQL", "CSV", "xlsx", "xls", "csv", "pdf",
           "Ctrl", "Shift", "Alt", "Enter", "Esc", "Tab", "Space", "Del", "Delete", "Home", "End",
           "PgUp", "PgDn", "Backspace", "TrueType"}
NOT_WORDS = re.compile(r"\S*[/\\._@:#]\S*|<[^>]*>|&\w+;")  # paths, file names, e-mail, markup
WORD = re.compile(r"[A-Za-z]{3,}")
QT_OWN_DIALOGS = (QFileDialog, QPrintDialog)  # Qt's (native on Windows), translated by Qt's catalogue
SKIP_ACTIONS = {"quit_action", "lock_action", "sign_out_action"}


def english_words(text: str) -> list[str]:
    return [w for w in WORD.findall(NOT_WORDS.sub(" ", text)) if w not in ALLOWED]


def ascii_colon_label(text: str) -> bool:
    """A Chinese label ends with the Chinese colon (姓名：), not the ASCII one."""
    return text.rstrip().endswith(":") and re.search(r"[\u4e00-\u9fff]", text) is not None


def widget_texts(root: QWidget) -> Iterator[str]:
    """What a person can read in `root`: its own texts and the first rows of its tables."""
    yield root.windowTitle()
    for w in [root, *root.findChildren(QWidget)]:
        if w is not root and (w.isHidden() or w.window() is not root.window() and w.window().isHidden()):
            continue  # a dialog closed earlier stays a child of the window
        if isinstance(w.window(), QT_OWN_DIALOGS):
            continue
        if isinstance(w, QLabel):
            yield w.text()
        elif isinstance(w, QAbstractButton):
            yield w.text()
            yield w.toolTip()
        elif isinstance(w, QGroupBox):
            yield w.title()
        elif isinstance(w, QLineEdit):
            yield w.placeholderText()
        elif isinstance(w, QTabBar):
            yield from (w.tabText(i) for i in range(w.count()))
        elif isinstance(w, QComboBox):
            yield from (w.itemText(i) for i in range(min(w.count(), 40)))
        elif isinstance(w, QMenu):
            yield from (a.text() for a in w.actions())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            yield from _view_texts(w)


def _view_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    columns = 1 if isinstance(model, QAbstractListModel) else _count(model.columnCount)
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for row in range(min(_count(model.rowCount), 15)):
            value = model.data(model.index(row, column, QModelIndex()))
            if isinstance(value, str):
                yield value


def _count(method: Callable[..., int]) -> int:
    """PySide makes one of the two signatures private depending on the model's base class."""
    try:
        return method()
    except TypeError:
        return method(QModelIndex())


class Crawler:
    """Opens things, reads every window that appears, and closes it again."""

    def __init__(self, qtbot, keep: set[QWidget]) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.keep = keep
        self.found: dict[str, set[str]] = {}
        self.windows = 0  # windows read: the crawl must reach the window's dialogs, not just its tabs

    def read(self, where: str, widget: QWidget) -> None:
        for text in widget_texts(widget):
            if text and (english_words(text) or ascii_colon_label(text)):
                self.found.setdefault(text, set()).add(where)

    def run(self, where: str, trigger: Callable[[], None], depth: int = 0) -> None:
        timer = QTimer()
        timer.setInterval(40)
        handled: set[int] = set()
        timer.timeout.connect(lambda: self._sweep(where, handled, depth))
        timer.start()
        try:
            trigger()
            from desktop.common.job import wait_for_running_work

            wait_for_running_work()
            self.qtbot.wait(120)
            self._sweep(where, handled, depth)
        finally:
            timer.stop()
        for top in QApplication.topLevelWidgets():
            if top.isVisible() and top not in self.keep and not isinstance(top, QMenu):
                self.read(f"{where} → {top.windowTitle()}", top)
                top.close()

    def _sweep(self, where: str, handled: set[int], depth: int) -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            self.read(f"{where} (menu)", popup)
            popup.close()
        modal = QApplication.activeModalWidget()
        if modal is None or modal in self.keep or id(modal) in handled and not isinstance(modal, QDialog):
            return
        if isinstance(modal, QProgressDialog):
            self.read(where, modal)
            return  # closes itself when its job ends
        handled.add(id(modal))
        self.windows += 1
        title = f"{where} → {modal.windowTitle()}"
        try:
            if not isinstance(modal, QT_OWN_DIALOGS):
                self.read(title, modal)
            if depth < 2 and isinstance(modal, QDialog) and not isinstance(modal, QMessageBox):
                self.keep.add(modal)
                try:
                    for button in _opening_buttons(modal):
                        self.run(f"{title} → {button.text()}", button.click, depth + 1)
                finally:
                    self.keep.discard(modal)
        finally:  # whatever happened, the window must go, or the test waits for ever
            if isinstance(modal, QDialog):
                modal.done(QDialog.DialogCode.Rejected)
            else:
                modal.close()


def _opening_buttons(dialog: QDialog) -> list[QAbstractButton]:
    return [b for b in dialog.findChildren(QAbstractButton)
            if b.isVisibleTo(dialog) and b.isEnabled() and b.text().rstrip().endswith(("…", "..."))]


class _Waiter:
    """What the crawl needs of qtbot, for the child process that has none."""

    @staticmethod
    def wait(ms: int) -> None:
        from PySide6.QtTest import QTest

        QTest.qWait(ms)


def crawl_in_chinese(folder: Path) -> tuple[list[str], int]:
    """Open the window in zh_CN on demo data in `folder`, crawl it; (findings, windows read)."""
    from desktop.app import make_application
    from desktop.main_window import MainWindow
    from desktop.settings import use_ini_file

    use_ini_file(folder / "settings.ini")
    db = open_database(folder / "demo.sqlite3")
    fill_demo(db)
    make_application("zh_CN")
    window = MainWindow(AppContext(db=db, lang="zh_CN"))
    window.resize(1366, 768)
    window.show()
    crawler = Crawler(_Waiter(), keep={window})
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _Waiter.wait(50)
        crawler.read(f"tab {window.tabs.tabText(index)}", window)
        tab = window.tabs.widget(index)
        table = getattr(tab, "table", None)
        for button in [b for b in tab.findChildren(QPushButton) + tab.findChildren(QToolButton)
                       if b.isVisibleTo(tab) and b.isEnabled()]:
            if table is not None and table.model() is not None and table.model().rowCount():
                table.selectRow(0)
            crawler.run(f"{window.tabs.tabText(index)} → {button.text()}", button.click)
            if button.menu() is not None:
                for action in button.menu().actions():
                    if action.isEnabled() and action.isVisible() and not action.isSeparator():
                        crawler.run(f"{button.text()} → {action.text()}", action.trigger)
    for action in _menu_actions(window):
        crawler.run(f"menu {action.text()}", action.trigger)
    crawler.read("status bar", window.statusBar())
    report = [f"{text!r} in {sorted(where)[0]}" for text, where in sorted(crawler.found.items())]
    return report, crawler.windows


def test_no_english_in_any_window_in_chinese(tmp_path: Path) -> None:
    """Run in a process of its own: opening 80 windows and dialogs leaves Qt state behind
    (closed but living dialogs, jobs, shortcuts) that made later tests' keys go nowhere."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "tests.desktop.test_every_window_chinese", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["windows"] >= 40, f"the crawl opened only {result['windows']} windows"
    assert result["report"] == [], "English in the Chinese window:\n" + "\n".join(result["report"])


def _menu_actions(window: QWidget) -> list:  # type: ignore[type-arg]
    actions = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is None:
            continue
        for action in menu.actions():
            if action.menu() is not None:
                actions.extend(a for a in action.menu().actions() if not a.isSeparator())
            elif not action.isSeparator() and action.isVisible() and action.isEnabled() \
                    and action.objectName() not in SKIP_ACTIONS:
                actions.append(action)
    return actions


def test_the_check_itself_finds_english() -> None:
    assert english_words("Agreements due a follow-up visit") != []
    assert english_words("Closed 2025年1月14日, no follow-up visit yet") != []
    assert english_words("已自动备份：/tmp/x/backups/community.sqlite3（2.0 MB）") == []
    assert english_words("WG01 第三网格 导出到 Excel") == []
    assert ascii_colon_label("姓名:") and not ascii_colon_label("姓名：") and not ascii_colon_label("10:30")


def test_the_crawl_finds_english_in_a_dialog_it_opens(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def open_english_dialog() -> None:
        dialog = QDialog(parent)
        dialog.setWindowTitle("随访")
        QLabel("Agreements due a follow-up visit", dialog)
        dialog.exec()

    crawler = Crawler(qtbot, keep={parent})
    crawler.run("test", open_english_dialog)
    assert list(crawler.found) == ["Agreements due a follow-up visit"] and crawler.windows == 1


if __name__ == "__main__":
    found, windows = crawl_in_chinese(Path(sys.argv[1]))
    print(json.dumps({"report": found, "windows": windows}, ensure_ascii=False), flush=True)
    os._exit(0)  # no teardown of 80 windows' Qt objects: the answer is out
