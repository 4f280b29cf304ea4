"""Rendering the main window on one tab to a PNG, without a display (offscreen platform).

Used for the README's pictures and to look at screens in CI-like machines. The window is
laid out at a fixed size and grabbed with QWidget.grab(), which renders the widget tree
itself, so no window manager or screen is involved.
"""

from __future__ import annotations

import os
from pathlib import Path

from db.database import Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def take_screenshot(db: Database, tab: str, out: Path, *, lang: str = "zh_CN",
                    size: tuple[int, int] = (1280, 800)) -> Path:
    from desktop.app import make_application
    from desktop.common.context import AppContext
    from desktop.main_window import MainWindow
    from desktop.settings import Settings, use_ini_file

    app = make_application(lang)
    use_ini_file(out.with_suffix(".screenshot.ini"))  # never touch the user's window settings
    try:
        window = MainWindow(AppContext(db=db, lang=lang), Settings())
        window.resize(*size)
        window.show_tab(tab)
        window.show()
        for _ in range(3):
            app.processEvents()
        current = window.register_tabs[tab]
        if current.model.rowCount():
            current.table.selectRow(0)
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out), "PNG"):
            raise OSError(f"无法写入截图文件“{out}”")
        window.close()
    finally:
        use_ini_file(None)
        out.with_suffix(".screenshot.ini").unlink(missing_ok=True)
    return out
