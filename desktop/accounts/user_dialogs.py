"""The forms the accounts dialog opens: a new account, a new password, another role.

Each saves through db.accounts in one transaction; the rules (password length, at least one
administrator, who may manage accounts) are checked there and shown here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from db.accounts import UserRow, change_password, create_user, set_role
from db.vocab import ROLES
from desktop.accounts.fields import password_edit, password_hint, repeated
from desktop.accounts.form import AccountForm
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo


class AddUserDialog(AccountForm):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setObjectName("add_user_dialog")
        self.setWindowTitle(self.tr("New account"))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = CodeCombo(ROLES, ctx.is_chinese)
        self.role.set_code("clerk")
        self.password = password_edit()
        self.password_again = password_edit()
        self.add_field(self.form, "username", self.tr("User name"), self.username, required=True)
        self.add_field(self.form, "display_name", self.tr("Full name"), self.display_name)
        self.add_field(self.form, "role", self.tr("Role"), self.role, required=True)
        self.add_field(self.form, "password", self.tr("Password"), self.password, required=True)
        self.add_field(self.form, "password_again", self.tr("Repeat the password"), self.password_again, required=True)
        self.password.setToolTip(password_hint())
        self.username.setFocus()

    def check(self) -> None:
        repeated(self.password.text(), self.password_again.text())

    def save(self, session: Session) -> int:
        return create_user(session, self.username.text(), self.password.text(), self.role.code(),
                           self.display_name.text()).id


class ResetPasswordDialog(AccountForm):
    """An administrator sets a new password (e.g. someone forgot theirs); it also lifts a lockout."""

    def __init__(self, ctx: AppContext, user: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setObjectName("reset_password_dialog")
        self.setWindowTitle(self.tr("Reset password"))
        self.user = user
        self.add_note("account_label", self.tr("New password for %1. Tell the person, and ask them to change it.")
                      .replace("%1", user.username))
        self.password = password_edit()
        self.password_again = password_edit()
        self.add_field(self.form, "password", self.tr("New password"), self.password, required=True)
        self.add_field(self.form, "password_again", self.tr("Repeat the password"), self.password_again, required=True)
        self.password.setToolTip(password_hint())
        self.password.setFocus()

    def check(self) -> None:
        repeated(self.password.text(), self.password_again.text())

    def save(self, session: Session) -> int:
        change_password(session, self.user.id, self.password.text())
        return self.user.id


class RoleDialog(AccountForm):
    def __init__(self, ctx: AppContext, user: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setObjectName("role_dialog")
        self.setWindowTitle(self.tr("Change role"))
        self.user = user
        self.add_note("account_label", self.tr("Role of %1").replace("%1", user.username))
        self.role = CodeCombo(ROLES, ctx.is_chinese)
        self.role.set_code(user.role)
        self.add_field(self.form, "role", self.tr("Role"), self.role, required=True)
        self.role.setFocus()

    def save(self, session: Session) -> int:
        set_role(session, self.user.id, self.role.code())
        return self.user.id
