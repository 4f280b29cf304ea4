"""Shared fixtures: a fresh migrated database file per test, offscreen Qt, settings in tmp.

QT_QPA_PLATFORM must be set before Qt is imported anywhere, or Qt aborts on a machine with
no display; so it is set at the top of this file, which pytest imports first.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from db.database import Database, open_database  # noqa: E402
from tests import engines  # noqa: E402

pytest_addoption = engines.pytest_addoption
pytest_configure = engines.pytest_configure
pytest_collection_modifyitems = engines.pytest_collection_modifyitems
server_database = engines.server_database
module_db_target = engines.module_db_target


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "community.sqlite3"


@pytest.fixture
def db_target(request: pytest.FixtureRequest, db_path: Path) -> Path | str:
    """Where the test's database lives on the engine the run is for: the file `db_path`, or (with
    --engine postgresql) an emptied database on the test server, as a URL string."""
    if engines.engine_of(request.config) == "sqlite":
        return db_path
    url: str = request.getfixturevalue("server_database")
    engines.empty(url)
    return url


@pytest.fixture
def db(db_target: Path | str) -> Iterator[Database]:
    """A new database, migrated to head, with the seed organisations and grids: a file, or a
    database on the test server when the run is for PostgreSQL."""
    database = open_database(db_target)
    from tests.seed import seed_basics

    with database.session() as s, s.begin():
        seed_basics(s)
    yield database
    database.close()


@pytest.fixture
def ctx(db: Database, qapp, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The context the GUI receives, with QSettings in a temporary INI file."""
    from desktop.common.context import AppContext
    from desktop.settings import use_ini_file

    use_ini_file(tmp_path / "settings.ini")
    yield AppContext(db=db, lang="zh_CN")
    use_ini_file(None)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):  # type: ignore[no-untyped-def]
    """Before pytest-qt closes a test's widgets: a record dialog the test left with changes would
    ask "discard?" in a modal box nobody answers, and the run would hang. Discard them first."""
    record_dialog = sys.modules.get("desktop.common.record_dialog")
    if record_dialog is not None:
        for dialog in record_dialog.open_dialogs_with_changes():
            dialog.discard_and_close()
    job = sys.modules.get("desktop.common.job")
    if job is not None:  # no background work may run on into the next test (see wait_for_running_work)
        job.wait_for_running_work()
    _release_held_modifiers()
    result = yield
    _hide_windows_left_open(item)
    _collect_on_the_ui_thread()
    return result


def _collect_on_the_ui_thread() -> None:
    """Once Qt runs, garbage is collected on this thread only, as in the app (see
    desktop.common.main_thread_gc): a worker's collection freed a closed dialog from the wrong
    thread and crashed CI. Between tests, do what the app's timer does."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets is not None else None
    if app is None:
        return
    from desktop.common.main_thread_gc import collect_on_the_ui_thread

    collect_on_the_ui_thread(app).collect()


def _hide_windows_left_open(item) -> None:  # type: ignore[no-untyped-def]
    """A window a test opened without giving it to qtbot stays open, and a modal one blocks the
    keys and clicks of every later test (a Del that deletes nothing, a double-click that opens
    nothing). Hide what is left, and say which test left it."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets is not None else None
    if app is None:
        return
    left = [w for w in app.topLevelWidgets() if w.isVisible()]
    for widget in left:
        widget.hide()
    if left:
        names = ", ".join(f"{type(w).__name__}({w.objectName()})" for w in left)
        sys.stderr.write(f"\n{item.nodeid} left windows open: {names}\n")


def _release_held_modifiers() -> None:
    """A key chord that closes its dialog (Ctrl+S saves) never delivers its release, so Qt goes on
    believing Ctrl is held: the next test's selectRow() then toggles rows instead of selecting one."""
    gui = sys.modules.get("PySide6.QtGui")
    if gui is None or gui.QGuiApplication.instance() is None:
        return
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    if gui.QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
        return
    target = QWidget()  # a spontaneous key event sets the modifiers Qt believes are held
    QTest.keyRelease(target, Qt.Key.Key_Control, Qt.KeyboardModifier.NoModifier)
    target.deleteLater()
