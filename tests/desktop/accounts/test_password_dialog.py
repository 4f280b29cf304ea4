"""Changing one's own password: the current one is checked by signing in, the new one twice."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from db.accounts import sign_in
from desktop.accounts import ChangePasswordDialog
from tests.desktop.accounts.helpers import (
    CLERK_PASSWORD,
    admin_signed_in,
    audit_actions,
    make_user,
    press_enter,
    show,
    type_keys,
)


def fill(qtbot, dialog: ChangePasswordDialog, current: str, new: str, again: str) -> None:  # type: ignore[no-untyped-def]
    for field, text in ((dialog.current, current), (dialog.password, new), (dialog.password_again, again)):
        field.clear()
        type_keys(qtbot, field, text)


def test_a_clerk_changes_their_own_password(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    admin_signed_in(ctx.db)
    make_user(ctx.db, "clerk1", CLERK_PASSWORD, "clerk")
    ctx.db.actor = sign_in(ctx.db, "clerk1", CLERK_PASSWORD)
    dialog = ChangePasswordDialog(ctx)
    show(qtbot, dialog)

    fill(qtbot, dialog, "wrong-password", "Mine#20261", "Mine#20261")
    press_enter(qtbot, dialog.password_again)
    assert dialog.isVisible() and "用户名或密码不正确" in dialog.error_text("current_password")
    assert dialog.current.text() == "" and ("login_failed", "clerk1") in audit_actions(ctx.db)

    fill(qtbot, dialog, CLERK_PASSWORD, "Mine#20261", "Mine#20262")
    press_enter(qtbot, dialog.password_again)
    assert dialog.isVisible() and dialog.error_text("password_again")

    fill(qtbot, dialog, CLERK_PASSWORD, "clerk1", "clerk1")
    press_enter(qtbot, dialog.password_again)
    assert dialog.isVisible() and "至少8位" in dialog.error_text("password")

    fill(qtbot, dialog, CLERK_PASSWORD, "Mine#20261", "Mine#20261")
    press_enter(qtbot, dialog.password_again)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert sign_in(ctx.db, "clerk1", "Mine#20261").username == "clerk1"
    assert ("password", "clerk1") in audit_actions(ctx.db)
