"""文件 → 连接服务器…, a start on a server URL, the way back to a file, and lists that see others' changes.

The password store is keyring's own: an in-memory backend installed with keyring.set_keyring
stands for Windows Credential Manager, and the fail backend for a PC without one. The server
tests run with `--engine postgresql`; the wrong-password test starts a PostgreSQL server of its
own that checks passwords (the test server trusts every connection).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from db.accounts import create_user
from db.connections import KEYRING_SERVICE, server_url, without_password
from db.data_settings import save_data_settings
from db.database import Database, open_database
from db.grid_workers import GridWorkerInput, load_grid_worker_input, save_grid_worker
from db.lock import lock_path
from db.models import Grid, GridWorker
from db.people import PersonFields
from desktop.accounts.login_dialog import LoginDialog
from desktop.app import run_gui
from desktop.common.context import AppContext
from desktop.connect.dialogs import ConnectServerDialog, ServerPasswordDialog
from desktop.connect.recent import recent_databases, remember_database
from desktop.main_window import MainWindow
from desktop.safety.restore_dialog import RestoreDialog
from desktop.safety.startup import open_for_window
from desktop.settings import Settings
from tests import engines
from tests.desktop.safety.boxes import Seen, answer_message_box
from tests.qt_dialogs import handle_next_dialog
from tests.seed import seed_basics

PASSWORD = "Tongguo#2026"
ADMIN = ("admin", "Xingfu#2026")


class MemoryKeyring(KeyringBackend):
    """A credential store in memory: what keyring keeps on Windows, kept here for the test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def with_account(db: Database) -> Database:
    with db.session() as s, s.begin():
        create_user(s, ADMIN[0], ADMIN[1], "admin", "王主任")
    return db


def sign_in(dialog: LoginDialog) -> None:
    dialog.username.setText(ADMIN[0])
    dialog.password.setText(ADMIN[1])
    dialog.accept()


def when(ready: Callable[[], bool], then: Callable[[], None]) -> None:
    """Run `then` on the UI thread once `ready()` holds (a connection attempt has come back)."""
    def poll() -> None:
        if ready():
            then()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def socket_of(url: str) -> str:
    host = make_url(url).query.get("host")
    return str(host[0] if isinstance(host, tuple) else host)


def ini_text(tmp_path: Path) -> str:
    Settings().sync()
    return (tmp_path / "settings.ini").read_text(encoding="utf-8")


# --- 文件 → 连接服务器… --------------------------------------------------------------------------

@pytest.mark.server_only
def test_connecting_remembers_the_url_without_the_password_and_keeps_it_in_the_store(
        qtbot, ctx: AppContext, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    target = engines.new_database("cd_connect")
    try:
        with_account(open_database(target)).close()
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()

        def fill(dialog: ConnectServerDialog) -> None:
            dialog.host.setText(socket_of(target))
            dialog.database_name.setText(make_url(target).database or "")
            dialog.username.setText("postgres")
            dialog.password.setText(PASSWORD)
            assert dialog.remember.isEnabled()
            dialog.remember.setChecked(True)
            qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

        handle_next_dialog(ConnectServerDialog, fill)
        handle_next_dialog(LoginDialog, sign_in)  # the server database's own accounts
        window.findChild(QAction, "connect_server_action").trigger()

        opened = window.next_database
        assert opened is not None and opened.db.is_server and opened.lock is None
        assert opened.db.name == f"{make_url(target).database}@{socket_of(target)}"
        assert not window.isVisible()  # the app opens the window anew on it
        bare = without_password(opened.db.location)  # type: ignore[arg-type]
        assert PASSWORD not in bare
        assert recent_databases()[0] == bare
        assert memory_keyring.passwords == {(KEYRING_SERVICE, bare): PASSWORD}
        text = ini_text(tmp_path)
        assert make_url(target).database in text and PASSWORD not in text
        opened.close()
    finally:
        engines.drop_database(target)


@pytest.mark.server_only
def test_without_a_password_store_nothing_is_kept(qtbot, ctx: AppContext, tmp_path: Path, no_keyring: None) -> None:
    dialog = ConnectServerDialog(None, make_url(engines.admin_url().render_as_string(hide_password=False)))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remember.isEnabled() and dialog.no_store.isVisible()
    assert dialog.host.text() and dialog.username.text() == "postgres" and dialog.database_name.text() == "postgres"
    dialog.password.setText(PASSWORD)
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.database is not None, timeout=15_000)
    assert dialog.result() == ConnectServerDialog.DialogCode.Accepted
    assert dialog.database is not None
    remember_database(dialog.database)
    dialog.database.close()
    assert PASSWORD not in ini_text(tmp_path)


def test_a_failed_connection_is_one_chinese_sentence_and_the_dialog_stays(qtbot, tmp_path: Path) -> None:
    dialog = ConnectServerDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()  # nothing filled in: asked for the server first
    assert dialog.message.text() and dialog.focusWidget() is dialog.host and not dialog.is_connecting()
    dialog.host.setText(str(tmp_path / "no-server-here"))
    dialog.database_name.setText("jiedao")
    dialog.username.setText("luru01")
    dialog.password.setText(PASSWORD)
    dialog.accept()
    assert dialog.is_connecting() and dialog.busy.isVisible() and not dialog.connect_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_connecting(), timeout=15_000)
    assert dialog.isVisible() and dialog.database is None
    message = dialog.message.text()
    assert message.startswith("无法连接服务器") and "\n" not in message and PASSWORD not in message
    assert dialog.connect_button.isEnabled() and dialog.password.text() == PASSWORD  # what was typed stays


# --- starting on a server ----------------------------------------------------------------------

@pytest.mark.server_only
def test_a_start_on_a_url_takes_no_file_lock_and_shows_the_database_in_the_title(
        qtbot, ctx: AppContext, server_database: str, no_keyring: None) -> None:
    first = open_for_window(server_database)
    second = open_for_window(server_database)  # a second PC on the same server database
    assert first is not None and second is not None
    assert first.lock is None and second.lock is None and first.db.is_server
    window = MainWindow(AppContext(db=first.db))
    qtbot.addWidget(window)
    assert window.windowTitle().endswith(f" — {first.db.name}") and "@" in first.db.name
    check = window.findChild(QAction, "check_action")  # SQLite's check of a file: the server administrator's
    assert not check.isEnabled() and check.toolTip()
    window.close()
    first.close()
    second.close()


@pytest.fixture(scope="module")
def password_server() -> Iterator[str]:
    """A PostgreSQL server that checks passwords (scram-sha-256): role clerk, password Dui#2026,
    owning the database office. Its URL without the password."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not bins:
        pytest.skip("PostgreSQL is not installed")
    bin_dir = bins[-1]
    folder = Path(tempfile.mkdtemp(prefix="cd-pgpw-"))
    as_owner: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to the postgres user, as in .ci/pg-server
        shutil.chown(folder, "postgres")
        as_owner = ["runuser", "-u", "postgres", "--"]
    (folder / "pw").write_text("Chaoji#2026\n")
    shutil.chown(folder / "pw", "postgres") if as_owner else None
    subprocess.run([*as_owner, str(bin_dir / "initdb"), "-D", str(folder / "data"), "-U", "postgres",
                    "--auth=scram-sha-256", f"--pwfile={folder / 'pw'}", "-E", "UTF8", "--locale=C.UTF-8"],
                   check=True, capture_output=True)
    subprocess.run([*as_owner, str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log"), "-w",
                    "-o", f"-k {folder} -c listen_addresses=''", "start"], check=True, capture_output=True)
    try:
        admin = f"postgresql+psycopg://postgres:Chaoji%232026@/postgres?host={folder}"
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("CREATE ROLE clerk LOGIN PASSWORD 'Dui#2026'"))
            conn.execute(text("CREATE DATABASE office OWNER clerk"))
        engine.dispose()
        yield f"postgresql+psycopg://clerk@/office?host={folder}"
    finally:
        subprocess.run([*as_owner, str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "-w", "stop"],
                       check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.server_only
def test_a_refused_stored_password_is_asked_again_with_the_reason(
        qtbot, ctx: AppContext, tmp_path: Path, password_server: str, memory_keyring: MemoryKeyring) -> None:
    key = without_password(make_url(password_server))
    memory_keyring.passwords[(KEYRING_SERVICE, key)] = "Jiu#2025"  # changed on the server since
    seen: list[str] = []

    def wrong_then_right(dialog: ServerPasswordDialog) -> None:
        seen.append(dialog.message.text())
        assert dialog.remember.isChecked()  # it was remembered: a new one is remembered too
        dialog.password.setText("Cuo#1")
        dialog.accept()

        def right() -> None:
            seen.append(dialog.message.text())
            dialog.password.setText("Dui#2026")
            dialog.accept()

        when(lambda: not dialog.is_connecting(), right)

    handle_next_dialog(ServerPasswordDialog, wrong_then_right)
    opened = open_for_window(password_server)
    assert opened is not None and opened.lock is None and opened.db.is_server
    assert len(seen) == 2 and all("不接受用户“clerk”" in m for m in seen)
    assert memory_keyring.passwords[(KEYRING_SERVICE, key)] == "Dui#2026"
    remember_database(opened.db)
    opened.close()
    text = ini_text(tmp_path)
    assert "office" in text and "Dui#2026" not in text and "Jiu#2025" not in text


@pytest.mark.server_only
def test_the_stored_password_opens_the_server_without_asking(
        qtbot, ctx: AppContext, password_server: str, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.passwords[(KEYRING_SERVICE, without_password(make_url(password_server)))] = "Dui#2026"
    asked: list[str] = []

    def refuse_any() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, ServerPasswordDialog):
            asked.append(modal.message.text())
            modal.reject()

    watch = QTimer()
    watch.timeout.connect(refuse_any)
    watch.start(20)
    try:
        opened = open_for_window(password_server)
    finally:
        watch.stop()
    assert opened is not None and opened.db.is_server and asked == []
    opened.close()


@pytest.mark.server_only
def test_with_no_password_kept_it_is_asked_and_quit_stops_the_start(
        qtbot, ctx: AppContext, password_server: str, no_keyring: None) -> None:
    seen: list[tuple[str, bool]] = []

    def quit_(dialog: ServerPasswordDialog) -> None:
        seen.append((dialog.message.text(), dialog.remember.isEnabled()))
        dialog.reject()

    handle_next_dialog(ServerPasswordDialog, quit_)
    assert open_for_window(password_server) is None
    assert seen == [("", False)]  # nothing went wrong yet: just asked


def test_an_unreachable_server_offers_this_computers_database(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    local = tmp_path / "local.sqlite3"
    with_account(open_database(local)).close()
    settings = Settings()
    settings.set_value("database/recent", [f"postgresql+psycopg://luru01@/jiedao?host={tmp_path / 'gone'}", str(local)])
    seen: list[str] = []

    def choose_local() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, choose_local)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.objectName() == "local_button").click()

    QTimer.singleShot(20, choose_local)
    opened = open_for_window(recent_databases()[0], None, settings)
    assert opened is not None and opened.db.location == local and opened.lock is not None
    assert seen and seen[0].startswith("无法连接服务器")
    opened.close()


@pytest.fixture
def plain_server_database(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A database made and migrated as an office makes it (not from the tests' template, whose
    extra schema is not the application's), seeded, open."""
    if engines.engine_of(request.config) == "sqlite":
        pytest.skip("needs --engine postgresql")
    name = f"cd_plain_{os.getpid()}"
    admin = create_engine(engines.admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    db = open_database(engines.admin_url().set(database=name).render_as_string(hide_password=False))
    with db.session() as s, s.begin():
        seed_basics(s)
    yield db
    db.close()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.mark.server_only
def test_back_up_now_and_restore_on_a_server_go_through_pg_dump(qtbot, ctx: AppContext, tmp_path: Path,
                                                                plain_server_database: Database) -> None:
    ctx = AppContext(db=plain_server_database)
    folder = tmp_path / "服务器备份"
    with ctx.db.session() as s, s.begin():
        save_data_settings(s, str(folder), 3, 0)
    add_worker(ctx.db, "张三", "13900000001")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert not window.findChild(QAction, "check_action").isEnabled()  # SQLite's file check
    seen: list[Seen] = []
    answer_message_box(QMessageBox.StandardButton.Ok, seen)
    window.findChild(QAction, "backup_action").trigger()
    dumps = sorted(folder.glob("*.dump"))
    assert len(dumps) == 1 and seen[0].text.find(dumps[0].name) >= 0

    add_worker(ctx.db, "李四", "13900000002")  # after the backup: the restore takes it away
    window.show_tab("grid_workers")
    assert listed_names(window) == {"张三", "李四"}

    def choose(dialog: RestoreDialog) -> None:
        assert [b.path for b in dialog.backups] == dumps
        answer_message_box(QMessageBox.StandardButton.Yes, seen)  # "put back the backup of …?"
        dialog.on_restore_button_clicked()
        answer_message_box(QMessageBox.StandardButton.Ok, seen, within_ms=60_000)  # what came of it

    handle_next_dialog(RestoreDialog, choose)
    window.findChild(QAction, "restore_action").trigger()
    before = sorted(set(folder.glob("*.dump")) - set(dumps))  # the state before the restore, dumped first
    assert len(before) == 1, before
    # the message names where the state before is kept (named like the backup, "-2", in the same second)
    assert before[0].name in seen[-1].text and dumps[0].name not in seen[-1].text, seen[-1]
    assert "restored" in seen[-1].text
    assert window.ctx.db.is_server and listed_names(window) == {"张三"}


# --- the way back to a file ----------------------------------------------------------------------

def test_open_a_database_file_reopens_the_window_on_it(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    other = tmp_path / "第二社区.sqlite3"
    with_account(open_database(other)).close()
    remember_database(ctx.db)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    handle_next_dialog(LoginDialog, sign_in)
    assert window.open_database(other)
    opened = window.next_database
    assert opened.db.location == other and opened.lock is not None  # a file keeps its one-copy lock
    assert not window.isVisible()
    assert recent_databases()[:2] == [str(other.absolute()), recent_databases()[1]]

    again = MainWindow(AppContext(db=opened.db))
    qtbot.addWidget(again)
    again.fill_recent_menu()
    entries = [a for a in again.recent_menu.actions() if a.data()]
    assert [a.isChecked() for a in entries] == [True, False]  # the open one is ticked
    assert entries[0].text().startswith("第二社区.sqlite3")
    assert not again.open_database(other)  # already open: nothing happens
    again.close()
    opened.close()


def test_the_app_opens_its_window_anew_on_the_database_chosen_in_it(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    """run_gui: the window on the first file, 文件 → 打开数据库文件 on the second, and the window is
    built again on it (the first one's lock released, the second remembered as the last used)."""
    first, second = tmp_path / "一社区.sqlite3", tmp_path / "二社区.sqlite3"
    for path in (first, second):
        with_account(open_database(path)).close()
    app = QApplication.instance()
    font, locale, name = app.font(), QLocale(), app.applicationDisplayName()
    titles: list[str] = []

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if isinstance(modal, LoginDialog):
            sign_in(modal)
        elif windows and windows[0].windowTitle() not in titles and modal is None:
            window = windows[0]
            titles.append(window.windowTitle())
            if len(titles) == 1:
                assert lock_path(first).exists()
                QTimer.singleShot(0, lambda: window.open_database(second))
            else:
                assert not lock_path(first).exists() and lock_path(second).exists()
                window.close()
                return
        QTimer.singleShot(30, drive)

    QTimer.singleShot(30, drive)
    try:
        assert run_gui(first, "en") == 0
    finally:
        for translator in getattr(app, "_translators", []):
            app.removeTranslator(translator)
        app.setFont(font)
        QLocale.setDefault(locale)
        app.setApplicationDisplayName(name)
    assert [t.rsplit(" — ", 1)[1] for t in titles] == ["一社区.sqlite3", "二社区.sqlite3"]
    assert not lock_path(second).exists()
    assert recent_databases()[:2] == [str(second.absolute()), str(first.absolute())]


def test_a_recent_file_that_is_gone_is_said_and_forgotten(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    gone = tmp_path / "gone.sqlite3"
    Settings().set_value("database/recent", [str(gone)])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    seen: list[str] = []

    def ok() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, ok)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(20, ok)
    window.open_recent(str(gone))
    assert seen and str(gone) in seen[0] and not gone.exists()  # no empty database made there
    assert recent_databases() == [] and window.next_database is None


@pytest.mark.parametrize(("host", "port", "expected"), [
    ("192.168.1.20", 5432, "postgresql+psycopg://luru01@192.168.1.20/jiedao"),
    (" srv ", 5433, "postgresql+psycopg://luru01@srv:5433/jiedao"),
    ("/run/postgresql", 5432, "postgresql+psycopg://luru01@/jiedao?host=%2Frun%2Fpostgresql"),
])
def test_the_url_is_kept_without_its_password(host: str, port: int, expected: str) -> None:
    url = server_url(host, port, "jiedao", "luru01", PASSWORD)
    assert url.password == PASSWORD and without_password(url) == expected
    assert without_password(url.update_query_dict({"password": PASSWORD})) == expected


# --- lists see others' changes ------------------------------------------------------------------

@pytest.fixture
def other_connection(db: Database, db_target: Path | str) -> Iterator[Database]:
    """A second Database on the same file or server database: another PC."""
    other = open_database(db_target)
    yield other
    other.close()


def add_worker(db: Database, name: str, phone: str) -> None:
    with db.session() as s, s.begin():
        grid = s.scalar(select(Grid.id).order_by(Grid.id))
        save_grid_worker(s, GridWorkerInput(PersonFields(name=name, phone=phone), grid_ids=[grid]))


def listed_names(window: MainWindow) -> set[str]:
    tab = window.register_tabs["grid_workers"]
    column = next(i for i, c in enumerate(tab.model.columns) if c.key == "name")
    return {tab.model.data(tab.model.index(row, column)) for row in range(tab.model.rowCount())}


def test_f5_lists_what_another_computer_saved(qtbot, ctx: AppContext, other_connection: Database) -> None:
    add_worker(ctx.db, "张三", "13900000001")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_tab("grid_workers")
    assert listed_names(window) == {"张三"}
    add_worker(other_connection, "李四", "13900000002")
    with other_connection.session() as s, s.begin():
        worker_id = s.scalar(select(GridWorker.id).order_by(GridWorker.id))
        raw: Any = load_grid_worker_input(s, worker_id)
        save_grid_worker(s, replace(raw, person=replace(raw.person, name="张三丰")), worker_id)
    assert listed_names(window) == {"张三"}  # not yet: nothing asked the database
    refresh = window.findChild(QAction, "refresh_action")
    assert refresh.shortcut().toString() == "F5"
    refresh.trigger()
    assert listed_names(window) == {"李四", "张三丰"}  # the new row, and the changed one not from the cache
    assert "2" in window.count_label.text()


def test_a_shown_tab_lists_afresh_only_when_the_database_changed(qtbot, ctx: AppContext,
                                                                 other_connection: Database) -> None:
    add_worker(ctx.db, "张三", "13900000001")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    workers = window.show_tab("grid_workers")
    listed = workers.model.ids
    window.show_tab("mediation")
    window.show_tab("grid_workers")
    assert workers.model.ids is listed  # nothing changed: not queried again
    add_worker(other_connection, "李四", "13900000002")
    window.show_tab("mediation")
    window.show_tab("grid_workers")
    assert workers.model.ids is not listed
    assert listed_names(window) == {"李四", "张三"}
