"""Changing one's own password: the current one first (checked by signing in), then the new one twice.

Checking the current password through db.accounts.sign_in means a wrong guess here is logged
and counts towards the lockout, so an unattended signed-in window cannot be used to try
passwords or to take the account over without knowing its password.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from db.accounts import LoginFailed, change_password, check_password, sign_in
from db.validation import FieldError
from desktop.accounts.fields import password_edit, password_hint, repeated
from desktop.accounts.form import AccountForm
from desktop.common.context import AppContext


class ChangePasswordDialog(AccountForm):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setObjectName("change_password_dialog")
        self.setWindowTitle(self.tr("Change my password"))
        self.add_note("account_label", self.tr("Account: %1").replace("%1", ctx.db.actor.username))
        self.current = password_edit()
        self.password = password_edit()
        self.password_again = password_edit()
        self.add_field(self.form, "current_password", self.tr("Current password"), self.current, required=True)
        self.add_field(self.form, "password", self.tr("New password"), self.password, required=True)
        self.add_field(self.form, "password_again", self.tr("Repeat the password"), self.password_again, required=True)
        self.password.setToolTip(password_hint())
        self.current.setFocus()

    def check(self) -> None:
        actor = self.ctx.db.actor
        if actor.user_id is None:
            raise FieldError("current_password", self.tr("Current password"),
                              self.tr("sign in with an account to change its password"))
        check_password(self.password.text(), actor.username)
        repeated(self.password.text(), self.password_again.text())
        try:
            sign_in(self.ctx.db, actor.username, self.current.text())
        except LoginFailed as exc:
            self.current.clear()
            raise FieldError("current_password", self.tr("Current password"), str(exc)) from exc

    def save(self, session: Session) -> int:
        user_id = self.ctx.db.actor.user_id
        assert user_id is not None
        change_password(session, user_id, self.password.text())
        return user_id
