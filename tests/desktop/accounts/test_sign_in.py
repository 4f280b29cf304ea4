"""First start and signing in: the administrator account, the login dialog, failures and lockout."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit
from sqlalchemy import select

from db.accounts import LOCK_MINUTES, MAX_FAILURES, has_users
from db.models import User
from db.permissions import SYSTEM
from desktop.accounts import LoginDialog, SetupDialog, sign_in_or_set_up
from desktop.accounts.login_dialog import LAST_USERNAME_KEY
from desktop.settings import Settings
from tests.desktop.accounts.helpers import ADMIN_PASSWORD, audit_actions, make_user, press_enter, show, type_keys
from tests.qt_dialogs import handle_next_dialog


def fill_setup(qtbot, dialog: SetupDialog, password: str, again: str | None = None) -> None:  # type: ignore[no-untyped-def]
    for field, text in ((dialog.username, "wangzr"), (dialog.display_name, "Wang"), (dialog.password, password),
                        (dialog.password_again, password if again is None else again)):
        field.clear()
        type_keys(qtbot, field, text)


def test_the_first_administrator_is_created_and_signed_in(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(ctx.db)
    show(qtbot, dialog)
    assert "8" in dialog.findChild(QLabel, "intro_label").text()
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    fill_setup(qtbot, dialog, "short1")
    press_enter(qtbot, dialog.password_again)
    assert dialog.isVisible() and "至少8位" in dialog.error_text("password")
    assert dialog.focusWidget() is dialog.password
    with ctx.db.session() as s:
        assert not has_users(s)

    fill_setup(qtbot, dialog, ADMIN_PASSWORD, again="Xingfu#2027")
    press_enter(qtbot, dialog.password_again)
    assert dialog.isVisible() and dialog.error_text("password_again") and not dialog.error_text("password")

    fill_setup(qtbot, dialog, ADMIN_PASSWORD)
    press_enter(qtbot, dialog.password_again)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.actor is not None and (dialog.actor.username, dialog.actor.role) == ("wangzr", "admin")
    with ctx.db.session() as s:
        user = s.scalars(select(User)).one()
        assert (user.username, user.display_name, user.role) == ("wangzr", "Wang", "admin")
    assert ("login", "wangzr") in audit_actions(ctx.db)


def test_sign_in_or_set_up_on_an_empty_database_sets_db_actor(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    def create(dialog: QDialog) -> None:
        assert isinstance(dialog, SetupDialog)
        fill_setup(qtbot, dialog, ADMIN_PASSWORD)
        press_enter(qtbot, dialog.password_again)

    handle_next_dialog(SetupDialog, create)
    actor = sign_in_or_set_up(ctx.db)
    assert actor is not None and ctx.db.actor == actor and actor.role == "admin"
    assert Settings().value(LAST_USERNAME_KEY) == "wangzr"


def test_quitting_the_first_start_creates_nothing(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    handle_next_dialog(SetupDialog, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    assert sign_in_or_set_up(ctx.db) is None and ctx.db.actor is SYSTEM
    with ctx.db.session() as s:
        assert not has_users(s)


def test_sign_in_or_set_up_asks_to_sign_in_and_quit_returns_none(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_user(ctx.db, "admin", ADMIN_PASSWORD, "admin")

    def quit_(dialog: QDialog) -> None:
        assert isinstance(dialog, LoginDialog)
        dialog.quit_button.click()

    handle_next_dialog(LoginDialog, quit_)
    assert sign_in_or_set_up(ctx.db) is None and ctx.db.actor is SYSTEM

    def sign_in_(dialog: QDialog) -> None:
        assert isinstance(dialog, LoginDialog)
        type_keys(qtbot, dialog.username, "admin")
        type_keys(qtbot, dialog.password, ADMIN_PASSWORD)
        press_enter(qtbot, dialog.password)

    handle_next_dialog(LoginDialog, sign_in_)
    actor = sign_in_or_set_up(ctx.db)
    assert actor is not None and actor.username == "admin" and ctx.db.actor == actor


def test_login_remembers_the_user_name_and_signs_in_with_enter(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_user(ctx.db, "admin", ADMIN_PASSWORD, "admin")
    assert Settings().value(LAST_USERNAME_KEY) is None
    first = LoginDialog(ctx.db)
    show(qtbot, first)
    assert first.username.text() == "" and first.focusWidget() is first.username
    type_keys(qtbot, first.username, "ADMIN")  # user names are not case-sensitive
    qtbot.keyClick(first.username, "\t")
    assert first.focusWidget() is first.password
    qtbot.keyClicks(first.password, ADMIN_PASSWORD)
    press_enter(qtbot, first)
    assert first.result() == QDialog.DialogCode.Accepted and first.actor is not None
    assert first.actor.username == "admin"

    again = LoginDialog(ctx.db)
    show(qtbot, again)
    assert again.username.text() == "admin" and again.focusWidget() is again.password


def test_a_wrong_password_is_shown_logged_and_cleared(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_user(ctx.db, "admin", ADMIN_PASSWORD, "admin")
    dialog = LoginDialog(ctx.db)
    show(qtbot, dialog)
    type_keys(qtbot, dialog.username, "admin")
    press_enter(qtbot, dialog.username)  # Enter after the name goes on to the password, no attempt yet
    assert dialog.focusWidget() is dialog.password and not dialog.message.isVisible()
    assert audit_actions(ctx.db).count(("login_failed", "admin")) == 0
    qtbot.keyClicks(dialog.password, "not-the-password")
    press_enter(qtbot, dialog.password)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.isVisible() and dialog.message.text() == "用户名或密码不正确。"
    assert dialog.password.text() == "" and dialog.focusWidget() is dialog.password
    assert ("login_failed", "admin") in audit_actions(ctx.db)
    type_keys(qtbot, dialog.password, ADMIN_PASSWORD)
    press_enter(qtbot, dialog.password)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_repeated_failures_lock_the_account(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_user(ctx.db, "admin", ADMIN_PASSWORD, "admin")
    dialog = LoginDialog(ctx.db)
    show(qtbot, dialog)
    type_keys(qtbot, dialog.username, "admin")
    for _ in range(MAX_FAILURES):
        type_keys(qtbot, dialog.password, "wrong-password")
        press_enter(qtbot, dialog.password)
    assert f"账号已锁定{LOCK_MINUTES}分钟" in dialog.message.text()
    type_keys(qtbot, dialog.password, ADMIN_PASSWORD)  # even the right password waits now
    press_enter(qtbot, dialog.password)
    assert dialog.isVisible() and "已锁定" in dialog.message.text() and dialog.actor is None
    failed = [a for a in audit_actions(ctx.db) if a == ("login_failed", "admin")]
    assert len(failed) == MAX_FAILURES + 1


def test_an_empty_user_name_is_asked_for(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_user(ctx.db, "admin", ADMIN_PASSWORD, "admin")
    dialog = LoginDialog(ctx.db)
    show(qtbot, dialog)
    press_enter(qtbot, dialog.username)
    assert dialog.isVisible() and dialog.message.isVisible() and audit_actions(ctx.db).count(("login", "admin")) == 0
