"""Managing accounts (administrators): the list of users, and adding, resetting, roles, (de)activating.

Every change is one transaction through db.accounts, which also refuses what must not happen
(the last administrator demoted or deactivated, deactivating oneself, a non-administrator
managing accounts). Those refusals are shown in red above the list, never as a traceback.
Accounts are never deleted: the audit trail names them, and deactivating keeps the name taken.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.accounts import UserRow, set_active, user_rows
from db.models import now
from db.permissions import PermissionDenied, allowed
from db.validation import ValidationErrors
from db.vocab import ROLES
from desktop.accounts.fields import error_label, show_message
from desktop.accounts.user_dialogs import AddUserDialog, ResetPasswordDialog, RoleDialog
from desktop.common.buttons import named_button
from desktop.common.context import AppContext
from desktop.common.formatting import format_datetime, label
from desktop.common.paged_model import Column, PagedTableModel


def _yes_no(value: bool) -> str:
    return QCoreApplication.translate("accounts", "Active") if value else QCoreApplication.translate(
        "accounts", "Deactivated")


def _locked_until(row: UserRow, chinese: bool) -> str:
    return format_datetime(row.locked_until, chinese) if row.locked_until and row.locked_until > now() else ""


def user_columns(chinese: bool) -> list[Column]:
    return [
        Column("username", QT_TRANSLATE_NOOP("columns", "User name"), lambda r: r.username, width=120),
        Column("display_name", QT_TRANSLATE_NOOP("columns", "Full name"), lambda r: r.display_name, width=110),
        Column("role", QT_TRANSLATE_NOOP("columns", "Account role"), lambda r: label(ROLES, r.role, chinese), width=80),
        Column("active", QT_TRANSLATE_NOOP("columns", "Status"), lambda r: _yes_no(r.active), width=70),
        Column("last_login", QT_TRANSLATE_NOOP("columns", "Last sign-in"),
               lambda r: format_datetime(r.last_login_at, chinese), width=160),
        Column("locked_until", QT_TRANSLATE_NOOP("columns", "Locked until"), lambda r: _locked_until(r, chinese),
               width=160),
    ]


class AccountsDialog(QDialog):
    """The account list. `form` is the add/reset/role form currently open (opened window-modal).

    user_changed(Actor) is emitted when the signed-in account's own role was changed here:
    db.actor already carries the new role, and the window should re-apply permissions.
    """

    user_changed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form: QDialog | None = None
        self._rows: dict[int, UserRow] = {}
        self.setObjectName("accounts_dialog")
        self.setWindowTitle(self.tr("Accounts"))
        self.message = error_label("message_label", self)
        self.model = PagedTableModel(user_columns(ctx.is_chinese), lambda ids: [self._rows[i] for i in ids],
                                     parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(self.model.columns):
            self.table.setColumnWidth(i, col.width)
        buttons = QHBoxLayout()
        self.add_button = named_button(self, "add_button", self.tr("Add…"), self.on_add_button_clicked, buttons,
                                       auto_default=False)
        self.reset_button = named_button(self, "reset_button", self.tr("Reset password…"), self.on_reset_button_clicked,
                                         buttons, auto_default=False)
        self.role_button = named_button(self, "role_button", self.tr("Change role…"), self.on_role_button_clicked,
                                        buttons, auto_default=False)
        self.active_button = named_button(self, "active_button", self.tr("Deactivate"), self.on_active_button_clicked,
                                          buttons, auto_default=False)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Accounts are never deleted: deactivate one that is no longer used. "
                              "A new password also lifts a lock after wrong passwords."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _: self.on_role_button_clicked())
        self.resize(820, 420)
        self.reload()

    # --- list --------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        current = self.selected_user()
        keep = select_id if select_id is not None else current.id if current else None
        with self.ctx.db.session() as session:
            rows = user_rows(session)
        self._rows = {r.id: r for r in rows}
        self.model.set_ids([r.id for r in rows])
        row = self.model.row_of_id(keep) if keep is not None else None
        self._select_row(row if row is not None else 0)

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._update_buttons()

    def select_user(self, username: str) -> bool:
        for row, user_id in enumerate(self.model.ids):
            if self._rows[user_id].username.lower() == username.lower():
                self._select_row(row)
                return True
        return False

    def selected_user(self) -> UserRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.ids):
            return None
        return self._rows.get(self.model.id_at(index.row()))

    def _update_buttons(self) -> None:
        user = self.selected_user()
        may = allowed(self.ctx.db.actor, "accounts")
        self.add_button.setEnabled(may)
        if not may:
            show_message(self.message, self.tr("Only an administrator can manage accounts."))
        for button in (self.reset_button, self.role_button, self.active_button):
            button.setEnabled(may and user is not None)
        self.active_button.setText(self.tr("Activate") if user is not None and not user.active
                                   else self.tr("Deactivate"))

    # --- actions -----------------------------------------------------------------------------
    def _open_form(self, form: QDialog) -> None:
        show_message(self.message, "")
        self.form = form
        form.finished.connect(lambda result, f=form: self._on_form_finished(f, result))
        form.open()

    def _on_form_finished(self, form: QDialog, result: int) -> None:
        saved = getattr(form, "saved_id", None)
        if self.form is form:
            self.form = None
        form.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            return
        actor = self.ctx.db.actor
        if isinstance(form, RoleDialog) and form.user.id == actor.user_id and form.role.code() != actor.role:
            self.ctx.db.actor = replace(actor, role=form.role.code())  # the role signed in with is out of date
            self.user_changed.emit(self.ctx.db.actor)
        self.reload(saved)

    def on_add_button_clicked(self) -> None:
        self._open_form(AddUserDialog(self.ctx, self))

    def on_reset_button_clicked(self) -> None:
        user = self.selected_user()
        if user is not None:
            self._open_form(ResetPasswordDialog(self.ctx, user, self))

    def on_role_button_clicked(self) -> None:
        user = self.selected_user()
        if user is not None and allowed(self.ctx.db.actor, "accounts"):
            self._open_form(RoleDialog(self.ctx, user, self))

    def on_active_button_clicked(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        show_message(self.message, "")
        if user.active:
            answer = QMessageBox.question(
                self, self.tr("Deactivate account"),
                self.tr("Deactivate the account %1? It can no longer sign in; it can be activated again.")
                .replace("%1", user.username),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            with self.ctx.db.session() as session, session.begin():
                set_active(session, user.id, not user.active)
        except (ValidationErrors, PermissionDenied) as exc:
            show_message(self.message, "；".join(e.problem for e in exc.errors)
                         if isinstance(exc, ValidationErrors) else str(exc))
            return
        except Exception as exc:
            show_message(self.message, self.tr("Not saved: %1").replace("%1", str(exc)[:300]))
            return
        self.reload(user.id)
