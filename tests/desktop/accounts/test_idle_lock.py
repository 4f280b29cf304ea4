"""The idle lock: locks after the interval, hides the window, unlocks only with a right password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMainWindow, QWidget

from db.data_settings import save_data_settings
from desktop.accounts import IdleLock
from desktop.accounts.lock_dialog import LockDialog
from tests.desktop.accounts.helpers import (
    ADMIN_PASSWORD,
    CLERK_PASSWORD,
    admin_signed_in,
    audit_actions,
    make_user,
    press_enter,
    show,
    type_keys,
)


@pytest.fixture
def window(ctx, qtbot):  # type: ignore[no-untyped-def]
    admin_signed_in(ctx.db)
    win = QMainWindow()
    win.setCentralWidget(QLabel("张三 410302199001011234", win))
    show(qtbot, win)
    yield win


@pytest.fixture
def lock(ctx, window):  # type: ignore[no-untyped-def]
    idle = IdleLock(ctx.db, window, minutes=0)
    yield idle
    idle.stop()
    if idle.dialog is not None:  # closed as the app's quitting does: without asking it again
        idle.dialog.finished.disconnect()
        idle.dialog.done(QDialog.DialogCode.Accepted)


def locked_dialog(lock: IdleLock) -> LockDialog:
    assert lock.is_locked and lock.dialog is not None and lock.dialog.isVisible()
    return lock.dialog


def test_the_interval_comes_from_the_data_settings(ctx, window) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.session() as s, s.begin():
        save_data_settings(s, "", 30, 7)
    idle = IdleLock(ctx.db, window)
    try:
        assert idle.interval_ms == 7 * 60_000
        idle.set_minutes(0)
        assert idle.interval_ms == 0
    finally:
        idle.stop()


def test_it_locks_after_the_interval_and_hides_the_content(ctx, qtbot, window, lock) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(lock.locked, timeout=3000):
        lock.set_interval_ms(50)
    dialog = locked_dialog(lock)
    assert not window.centralWidget().isVisible()
    assert "admin" in dialog.prompt.text()
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.isModal()


def test_input_keeps_it_unlocked(ctx, qtbot, window, lock) -> None:  # type: ignore[no-untyped-def]
    lock.set_interval_ms(600)
    for _ in range(4):  # 800 ms in all, never 600 without a key press
        qtbot.wait(200)
        qtbot.keyClick(window.centralWidget(), Qt.Key.Key_Shift)
    assert not lock.is_locked
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass


def test_a_wrong_password_keeps_it_locked_and_the_right_one_unlocks(ctx, qtbot, window, lock) -> None:  # type: ignore[no-untyped-def]
    lock.lock_now()
    dialog = locked_dialog(lock)
    type_keys(qtbot, dialog.password, "wrong-password")
    press_enter(qtbot, dialog.password)
    assert locked_dialog(lock) is dialog and dialog.message.text() == "用户名或密码不正确。"
    assert dialog.password.text() == "" and not window.centralWidget().isVisible()
    assert ("login_failed", "admin") in audit_actions(ctx.db)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc does not unlock
    assert locked_dialog(lock) is dialog
    type_keys(qtbot, dialog.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=2000):
        press_enter(qtbot, dialog.password)
    assert not lock.is_locked and lock.dialog is None
    assert window.centralWidget().isVisible()
    assert ctx.db.actor.username == "admin"
    with qtbot.waitSignal(lock.locked, timeout=3000):  # and the timer runs again
        lock.set_interval_ms(50)


def test_someone_else_signs_in_and_becomes_the_actor(ctx, qtbot, window, lock) -> None:  # type: ignore[no-untyped-def]
    make_user(ctx.db, "clerk1", CLERK_PASSWORD, "clerk")
    lock.lock_now()
    dialog = locked_dialog(lock)
    qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
    assert dialog.username.isVisible() and dialog.focusWidget() is dialog.username
    qtbot.keyClicks(dialog.username, "clerk1")
    press_enter(qtbot, dialog)
    assert dialog.focusWidget() is dialog.password and lock.is_locked
    qtbot.keyClicks(dialog.password, CLERK_PASSWORD)
    with qtbot.waitSignal(lock.user_changed, timeout=2000) as changed:
        press_enter(qtbot, dialog)
    assert changed.args[0].username == "clerk1" and changed.args[0].role == "clerk"
    assert ctx.db.actor.username == "clerk1" and not lock.is_locked and window.centralWidget().isVisible()


def test_the_same_user_unlocking_does_not_signal_a_change(ctx, qtbot, window, lock) -> None:  # type: ignore[no-untyped-def]
    seen: list[object] = []
    lock.user_changed.connect(seen.append)
    lock.lock_now()
    dialog = locked_dialog(lock)
    type_keys(qtbot, dialog.password, ADMIN_PASSWORD)
    press_enter(qtbot, dialog.password)
    assert not lock.is_locked and seen == []


def test_open_dialogs_are_covered_while_locked(ctx, qtbot, window, lock) -> None:  # type: ignore[no-untyped-def]
    other = QDialog(window)
    other.setObjectName("record_dialog")
    edit = QLineEdit(other)
    show(qtbot, other)
    type_keys(qtbot, edit, "typed")
    lock.lock_now()
    cover = other.findChild(QWidget, "lock_cover")
    assert cover is not None and cover.isVisible()
    assert cover.geometry() == other.rect()
    dialog = locked_dialog(lock)
    type_keys(qtbot, dialog.password, ADMIN_PASSWORD)
    press_enter(qtbot, dialog.password)
    assert other.isVisible() and edit.text() == "typed"  # nothing typed is lost
    qtbot.waitUntil(lambda: other.findChild(QWidget, "lock_cover") is None)


def test_quit_closes_the_window(ctx, qtbot, window, lock) -> None:  # type: ignore[no-untyped-def]
    lock.lock_now()
    dialog = locked_dialog(lock)
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible() and lock.dialog is None


class _KeepsOpen(QMainWindow):
    """A window whose closeEvent refuses, as the main window does when a dialog has unsaved work."""

    refuse = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.refuse:
            event.ignore()


def test_a_refused_quit_stays_locked(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    admin_signed_in(ctx.db)
    win = _KeepsOpen()
    win.setCentralWidget(QLabel("secret", win))
    show(qtbot, win)
    idle = IdleLock(ctx.db, win, minutes=0)
    try:
        idle.lock_now()
        qtbot.mouseClick(locked_dialog(idle).quit_button, Qt.MouseButton.LeftButton)
        assert win.isVisible() and not win.centralWidget().isVisible()
        dialog = locked_dialog(idle)  # a new lock dialog: still only the password gets in
        type_keys(qtbot, dialog.password, ADMIN_PASSWORD)
        press_enter(qtbot, dialog.password)
        assert not idle.is_locked and win.centralWidget().isVisible()
    finally:
        idle.stop()
        win.refuse = False


def test_a_window_nobody_signed_in_to_is_not_locked_by_the_timer(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = QMainWindow()  # db.actor is SYSTEM: screenshots and scripts, no password to ask for
    win.setCentralWidget(QLabel("demo", win))
    show(qtbot, win)
    idle = IdleLock(ctx.db, win, minutes=0)
    try:
        idle.set_interval_ms(30)
        qtbot.wait(200)
        assert not idle.is_locked and win.centralWidget().isVisible()
    finally:
        idle.stop()


def test_the_real_main_window_is_hidden_while_locked(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    admin_signed_in(ctx.db)
    win = MainWindow(ctx)
    show(qtbot, win)
    idle = IdleLock(ctx.db, win, minutes=0)
    try:
        with qtbot.waitSignal(idle.locked, timeout=3000):
            idle.set_interval_ms(50)
        assert not win.tabs.isVisible() and idle.dialog is not None and idle.dialog.parent() is win
        type_keys(qtbot, idle.dialog.password, ADMIN_PASSWORD)
        press_enter(qtbot, idle.dialog.password)
        assert win.tabs.isVisible() and not idle.is_locked
    finally:
        idle.stop()
