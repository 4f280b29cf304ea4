"""First start: create the administrator account, then sign in as it.

Shown only while the database has no account at all (db.accounts.has_users is false). The
office chooses the password; nobody else can recover it, which is why the dialog says to
write it down. The account is created in one transaction by db.accounts.create_user, whose
messages appear under their fields.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget
from sqlalchemy.orm import Session

from db.accounts import MIN_PASSWORD_LENGTH, LoginFailed, create_user, has_users, sign_in
from db.database import Database
from db.permissions import Actor
from desktop.accounts.fields import password_edit, password_hint, repeated
from desktop.accounts.form import AccountForm
from desktop.common.context import AppContext


class SetupDialog(AccountForm):
    """After accept(), `actor` is the new administrator, signed in (db.actor is not changed here)."""

    def __init__(self, db: Database, parent: QWidget | None = None, lang: str = "zh_CN") -> None:
        super().__init__(AppContext(db=db, lang=lang), "", parent)
        self.setObjectName("setup_dialog")
        self.setWindowTitle(self.tr("Create the administrator account"))
        self.actor: Actor | None = None
        self.add_note("intro_label", self.tr(
            "This is the first start: create the administrator account. The office chooses the password; "
            "write it down and keep it somewhere safe, because nobody can look it up later. "
            "The password needs at least %1 characters.").replace("%1", str(MIN_PASSWORD_LENGTH)))
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.password = password_edit()
        self.password_again = password_edit()
        self.add_field(self.form, "username", self.tr("User name"), self.username, required=True)
        self.add_field(self.form, "display_name", self.tr("Full name"), self.display_name)
        self.add_field(self.form, "password", self.tr("Password"), self.password, required=True)
        self.add_field(self.form, "password_again", self.tr("Repeat the password"), self.password_again, required=True)
        self.password.setToolTip(password_hint())
        self.buttons.button(self.buttons.StandardButton.Save).setText(self.tr("Create and sign in"))
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(self.tr("Quit"))
        self.username.setFocus()
        self.resize(480, self.sizeHint().height())

    def check(self) -> None:
        repeated(self.password.text(), self.password_again.text())

    def save(self, session: Session) -> int:
        if has_users(session):  # another PC on the same file got there first
            raise RuntimeError(self.tr("An account already exists. Close this window and sign in with it."))
        return create_user(session, self.username.text(), self.password.text(), "admin", self.display_name.text()).id

    def after_save(self) -> None:
        try:
            self.actor = sign_in(self.ctx.db, self.username.text(), self.password.text())
        except LoginFailed as exc:  # only if the file changed under us; the login dialog follows
            QMessageBox.warning(self, self.tr("Sign in"), str(exc))
