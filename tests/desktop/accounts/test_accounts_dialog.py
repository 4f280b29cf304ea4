"""The accounts dialog: add, reset a password, change a role, deactivate, and what db/ refuses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from db.accounts import MAX_FAILURES, LoginFailed, sign_in
from desktop.accounts import AccountsDialog
from desktop.accounts.user_dialogs import AddUserDialog, ResetPasswordDialog, RoleDialog
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
from tests.qt_dialogs import answer_next_message_box


def cell(dialog: AccountsDialog, username: str, column: str) -> str:
    keys = [c.key for c in dialog.model.columns]
    for row in range(dialog.model.rowCount()):
        if dialog.model.index(row, 0).data() == username:
            return str(dialog.model.index(row, keys.index(column)).data())
    raise AssertionError(f"{username} not listed")


@pytest.fixture
def accounts(ctx, qtbot):  # type: ignore[no-untyped-def]
    admin_signed_in(ctx.db)
    make_user(ctx.db, "clerk1", CLERK_PASSWORD, "clerk", "李录入")
    dialog = AccountsDialog(ctx)
    show(qtbot, dialog)
    return dialog


def test_the_list_shows_each_account_with_its_role_in_chinese(accounts) -> None:  # type: ignore[no-untyped-def]
    assert accounts.model.rowCount() == 2
    assert cell(accounts, "admin", "role") == "管理员" and cell(accounts, "clerk1", "role") == "录入员"
    assert cell(accounts, "admin", "display_name") == "王主任"
    assert cell(accounts, "admin", "last_login") != "" and cell(accounts, "clerk1", "last_login") == ""
    assert cell(accounts, "clerk1", "locked_until") == ""


def test_add_an_account_with_the_keyboard(ctx, qtbot, accounts) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(accounts.add_button, Qt.MouseButton.LeftButton)
    form = accounts.form
    assert isinstance(form, AddUserDialog) and form.isVisible()
    type_keys(qtbot, form.username, "viewer1")
    type_keys(qtbot, form.password, "short")
    type_keys(qtbot, form.password_again, "short")
    press_enter(qtbot, form.password_again)
    assert form.isVisible() and "至少8位" in form.error_text("password")
    form.role.setFocus()
    qtbot.keyClick(form.role, Qt.Key.Key_Down)  # 录入员 → 只读
    assert form.role.code() == "viewer"
    for field in (form.password, form.password_again):
        field.clear()
        type_keys(qtbot, field, "Chakan#2026")
    press_enter(qtbot, form.password_again)
    assert not form.isVisible() and accounts.form is None
    assert cell(accounts, "viewer1", "role") == "只读"
    assert accounts.selected_user() is not None and accounts.selected_user().username == "viewer1"
    assert sign_in(ctx.db, "viewer1", "Chakan#2026").role == "viewer"


def test_a_taken_user_name_is_refused_at_the_field(qtbot, accounts) -> None:  # type: ignore[no-untyped-def]
    accounts.on_add_button_clicked()
    form = accounts.form
    assert isinstance(form, AddUserDialog)
    type_keys(qtbot, form.username, "CLERK1")
    type_keys(qtbot, form.password, "Another#2026")
    type_keys(qtbot, form.password_again, "Another#2026")
    press_enter(qtbot, form.password_again)
    assert form.isVisible() and "已被使用" in form.error_text("username")
    form.reject()
    assert accounts.model.rowCount() == 2


def test_reset_a_password_lifts_a_lockout(ctx, qtbot, accounts) -> None:  # type: ignore[no-untyped-def]
    for _ in range(MAX_FAILURES):
        with pytest.raises(LoginFailed):
            sign_in(ctx.db, "clerk1", "wrong-password")
    accounts.reload()
    assert cell(accounts, "clerk1", "locked_until") != ""
    assert accounts.select_user("clerk1")
    qtbot.mouseClick(accounts.reset_button, Qt.MouseButton.LeftButton)
    form = accounts.form
    assert isinstance(form, ResetPasswordDialog) and "clerk1" in form.findChild(QLabel, "account_label").text()
    type_keys(qtbot, form.password, "Newpass#2026")
    type_keys(qtbot, form.password_again, "Newpass#2027")
    press_enter(qtbot, form.password_again)
    assert form.isVisible() and form.error_text("password_again")
    form.password_again.clear()
    type_keys(qtbot, form.password_again, "Newpass#2026")
    press_enter(qtbot, form.password_again)
    assert not form.isVisible() and cell(accounts, "clerk1", "locked_until") == ""
    assert sign_in(ctx.db, "clerk1", "Newpass#2026").username == "clerk1"
    assert ("password", "admin") in audit_actions(ctx.db)


def test_change_a_role_and_the_last_administrator_is_kept(ctx, qtbot, accounts) -> None:  # type: ignore[no-untyped-def]
    accounts.select_user("clerk1")
    qtbot.mouseClick(accounts.role_button, Qt.MouseButton.LeftButton)
    form = accounts.form
    assert isinstance(form, RoleDialog)
    form.role.set_code("admin")
    press_enter(qtbot, form.role)
    assert not form.isVisible() and cell(accounts, "clerk1", "role") == "管理员"
    assert ("role", "admin") in audit_actions(ctx.db)

    accounts.select_user("clerk1")
    accounts.on_role_button_clicked()
    accounts.form.role.set_code("clerk")
    press_enter(qtbot, accounts.form.role)
    assert cell(accounts, "clerk1", "role") == "录入员"

    accounts.select_user("admin")
    accounts.on_role_button_clicked()
    form = accounts.form
    form.role.set_code("viewer")
    press_enter(qtbot, form.role)
    assert form.isVisible() and "至少要保留一个管理员账号" in form.error_text("role")
    form.reject()
    assert cell(accounts, "admin", "role") == "管理员"


def test_deactivate_asks_first_and_activate_undoes_it(ctx, qtbot, accounts) -> None:  # type: ignore[no-untyped-def]
    accounts.select_user("clerk1")
    answer_next_message_box(QMessageBox.StandardButton.No)
    qtbot.mouseClick(accounts.active_button, Qt.MouseButton.LeftButton)
    assert cell(accounts, "clerk1", "active") == "Active"
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(accounts.active_button, Qt.MouseButton.LeftButton)
    assert cell(accounts, "clerk1", "active") == "Deactivated" and accounts.active_button.text() == "Activate"
    with pytest.raises(LoginFailed):
        sign_in(ctx.db, "clerk1", CLERK_PASSWORD)
    qtbot.mouseClick(accounts.active_button, Qt.MouseButton.LeftButton)  # activating does not ask
    assert cell(accounts, "clerk1", "active") == "Active"
    assert sign_in(ctx.db, "clerk1", CLERK_PASSWORD).username == "clerk1"


def test_refusals_from_db_are_shown_in_the_dialog(ctx, qtbot, accounts) -> None:  # type: ignore[no-untyped-def]
    accounts.select_user("admin")
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(accounts.active_button, Qt.MouseButton.LeftButton)
    assert accounts.message.isVisible() and "至少要保留一个管理员账号" in accounts.message.text()
    make_user(ctx.db, "admin2", ADMIN_PASSWORD + "x", "admin")
    accounts.reload()
    accounts.select_user("admin")
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(accounts.active_button, Qt.MouseButton.LeftButton)
    assert "不能停用自己正在使用的账号" in accounts.message.text()
    assert cell(accounts, "admin", "active") == "Active"


def test_a_clerk_cannot_manage_accounts(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    admin_signed_in(ctx.db)
    make_user(ctx.db, "clerk1", CLERK_PASSWORD, "clerk")
    ctx.db.actor = sign_in(ctx.db, "clerk1", CLERK_PASSWORD)
    dialog = AccountsDialog(ctx)
    show(qtbot, dialog)
    assert not dialog.add_button.isEnabled() and not dialog.active_button.isEnabled()
    assert dialog.message.isVisible()
    form = AddUserDialog(ctx, dialog)  # a path around the buttons meets db's check
    show(qtbot, form)
    type_keys(qtbot, form.username, "sneaky")
    type_keys(qtbot, form.password, "Sneaky#2026")
    type_keys(qtbot, form.password_again, "Sneaky#2026")
    press_enter(qtbot, form.password_again)
    assert form.isVisible() and "无权管理账号" in form.general_text()
    dialog.reload()
    assert dialog.model.rowCount() == 2


def test_demoting_oneself_updates_the_signed_in_role(ctx, qtbot, accounts) -> None:  # type: ignore[no-untyped-def]
    make_user(ctx.db, "admin2", ADMIN_PASSWORD + "x", "admin")
    accounts.reload()
    accounts.select_user("admin")
    accounts.on_role_button_clicked()
    accounts.form.role.set_code("clerk")
    with qtbot.waitSignal(accounts.user_changed, timeout=2000) as changed:
        press_enter(qtbot, accounts.form.role)
    assert changed.args[0].role == "clerk" and ctx.db.actor.role == "clerk" and ctx.db.actor.username == "admin"
    assert not accounts.add_button.isEnabled() and not accounts.role_button.isEnabled()
    assert accounts.message.isVisible()
