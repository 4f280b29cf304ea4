"""Starting the GUI: the QApplication, translations, the database and the main window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from db.heap import startup_objects_kept
from desktop.common.context import AppContext
from desktop.common.main_thread_gc import collect_on_the_ui_thread
from desktop.i18n import install_translators


def make_application(lang: str, argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("CommunityDesk")
    app.setOrganizationName("CommunityDesk")
    app.setApplicationDisplayName("社区工作台" if lang.startswith("zh") else "Community Desk")
    font = QFont(app.font())
    font.setFamilies(["Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", *font.families()])
    font.setPointSize(max(font.pointSize(), 10))
    app.setFont(font)
    app._translators = install_translators(app, lang)  # type: ignore[attr-defined]  # keep alive
    collect_on_the_ui_thread(app)
    return app


def run_gui(db_path: Path | str | None, lang: str) -> int:
    """Open the window on the database, safely: one copy per file, a quick check with a way back
    to a good backup, a sign-in, the day's backup, the idle lock, and a backup at closing.

    `db_path` is a file or a server URL; without one, the database used last on this PC (a file
    or a remembered server connection, desktop.connect.recent). When the person opens another
    database from the window (文件 → 打开数据库文件… / 连接服务器…), the window closes on the old
    one (its closing backup, its lock released) and opens again on the new one.

    Whatever goes wrong is said in a sentence (never a traceback, never an empty window).
    """
    from desktop.accounts.login_dialog import sign_in_or_set_up
    from desktop.connect.recent import remember_database, start_target
    from desktop.safety.startup import open_for_window

    app = make_application(lang)
    opened = open_for_window(db_path if db_path is not None else start_target())
    if opened is None:
        return 2
    try:
        if sign_in_or_set_up(opened.db, None, lang) is None:
            opened.close()
            return 0
    except BaseException:
        opened.close()
        raise
    while True:
        remember_database(opened.db)
        code, following = run_window(app, opened, lang)
        if following is None:
            return code
        opened = following


def run_window(app: QApplication, opened: Any, lang: str) -> tuple[int, Any]:
    """The window on one open, signed-in database until it closes; then its closing backup and
    the database closed. Returns the exit code and the database to open next, if the person
    chose one in the window (desktop.safety.startup.OpenedDatabase)."""
    from desktop.accounts.idle_lock import IdleLock
    from desktop.main_window import MainWindow
    from desktop.safety.backup_actions import back_up_at_opening, back_up_on_close

    ctx = AppContext(db=opened.db, lang=lang)
    window: Any = None
    try:
        window = MainWindow(ctx)
        window.idle_lock = IdleLock(ctx.db, window)
        window.idle_lock.user_changed.connect(window.on_user_changed)
        window.show()
        back_up_at_opening(ctx.db, window.statusBar())
        with startup_objects_kept():  # out of every full collection's way (db.heap)
            code = app.exec()
        window.idle_lock.stop()
        back_up_on_close(None, ctx.db)  # ctx.db: a restore in the window may have reopened it
        return code, window.next_database
    finally:
        opened.db = ctx.db
        opened.close()
        if window is not None:
            window.deleteLater()
