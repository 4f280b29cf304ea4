"""Starting the GUI: the QApplication, translations, the database and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from db.database import DatabaseOpenError, open_database
from desktop.common.context import AppContext
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
    return app


def run_gui(db_path: Path | None, lang: str) -> int:
    """Open the window on the database; a database that cannot be opened is explained, not traced."""
    app = make_application(lang)
    try:
        db = open_database(db_path)
    except DatabaseOpenError as exc:
        QMessageBox.critical(None, app.translate("app", "Cannot open the database"), str(exc))
        return 2
    from desktop.main_window import MainWindow

    window = MainWindow(AppContext(db=db, lang=lang))
    window.show()
    code = app.exec()
    db.close()
    return code
