"""Rendering the main window on one tab to a PNG, without a display (offscreen platform).

Used for the README's pictures and to look at screens in CI-like machines. The window is
laid out at a fixed size and grabbed with QWidget.grab(), which renders the widget tree
itself, so no window manager or screen is involved.

"home" is the home page (工作台): shown in the window when the window has it (as
`window.home_tab`), otherwise rendered on its own at the same size.
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
        ctx = AppContext(db=db, lang=lang)
        window = MainWindow(ctx, Settings())
        window.resize(*size)
        if tab == "home":
            return _grab_home(app, window, ctx, out, size)
        if tab == "houses":
            return _grab_houses(app, window, out)
        window.show_tab(tab)
        window.show()
        for _ in range(3):
            app.processEvents()
        current = window.register_tabs[tab]
        current.finish_listing()  # its count in the status bar, not "Listing…"
        figures = getattr(current, "figures_panel", None)
        if figures is not None:  # the party-life figures are read off the UI thread
            figures.wait_until_read()
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


def _grab_houses(app, window, out: Path) -> Path:  # type: ignore[no-untyped-def]
    """The 房屋 tab with its first grid open, its first room's households shown and the first
    household's visits below them."""
    window.tabs.setCurrentWidget(window.houses_tab)
    window.show()
    tree = window.houses_tab.tree
    item = tree.topLevelItem(0)
    while item is not None and item.childCount():
        item.setExpanded(True)
        item = item.child(0)
    if item is not None:
        tree.setCurrentItem(item)
        window.houses_tab.households.selectRow(0)
    for _ in range(3):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out), "PNG"):
        raise OSError(f"无法写入截图文件“{out}”")
    window.close()
    return out


def _grab_home(app, window, ctx, out: Path, size: tuple[int, int]) -> Path:  # type: ignore[no-untyped-def]
    from desktop.home.tab import HomeTab

    home = getattr(window, "home_tab", None)
    if home is not None:
        window.tabs.setCurrentWidget(home)
        shown = window
    else:  # the window has no home tab yet: the page alone, at the window's size
        window.close()
        shown = HomeTab(ctx)
        shown.resize(*size)
    shown.show()
    page = home if home is not None else shown
    page.wait_until_read()  # the figures are read off the UI thread
    for _ in range(3):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not shown.grab().save(str(out), "PNG"):
        raise OSError(f"无法写入截图文件“{out}”")
    shown.close()
    window.close()
    return out
