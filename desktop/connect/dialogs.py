"""文件 → 连接服务器…, and the password asked when the window starts on a server.

Both dialogs try the connection when OK is pressed, off the UI thread with a busy bar (the
server may take seconds to answer, or not answer at all); a failure is one Chinese sentence
in the dialog, which stays open with what was typed. Once connected, `database` is the open
database and the password is kept in the operating system's credential store when "remember"
is ticked and this PC has one (db.connections), or removed from it when it is not ticked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL

from db import location
from db.connections import (
    DEFAULT_PORT,
    ConnectionFailed,
    forget_password,
    form_of,
    keyring_usable,
    server_url,
    store_password,
    try_open_server,
)
from db.database import Database
from desktop.accounts.fields import error_label, password_edit, show_message
from desktop.common.job import BackgroundJob


class _ConnectingDialog(QDialog):
    """What both dialogs share: the password box, "remember", the busy bar and the attempt."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.database: Database | None = None
        self.failure: ConnectionFailed | None = None
        self._job: BackgroundJob | None = None
        self.password = password_edit(self)
        self.password.setObjectName("password_edit")
        self.remember = QCheckBox(self.tr("Remember the password on this computer"), self)
        self.remember.setObjectName("remember_check")
        self.no_store = QLabel(self.tr("This computer has no password store: the password is asked at each start."),
                               self)
        self.no_store.setObjectName("no_store_label")
        self.no_store.setWordWrap(True)
        self.no_store.setStyleSheet("color: palette(placeholder-text);")
        if not keyring_usable():
            self.remember.setEnabled(False)
            self.remember.setToolTip(self.no_store.text())
        else:
            self.no_store.hide()
        self.message = error_label("message_label", self)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("busy_bar")
        self.busy.setRange(0, 0)  # no figure to show: the server answers or not
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.hide()
        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("buttons")
        self.connect_button: QPushButton = self.buttons.addButton(self.tr("Connect"),
                                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setObjectName("connect_button")
        self.connect_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_button")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self, intro_text: str, rows: list[tuple[str, QWidget]]) -> None:
        """The intro, the subclass's fields, then the password, the remember box, the message, the
        busy bar and the buttons, as both dialogs show them."""
        layout = QVBoxLayout(self)
        intro = QLabel(intro_text, self)
        intro.setObjectName("intro_label")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QFormLayout()
        for label, widget in rows:
            grid.addRow(label, widget)
        grid.addRow(self.tr("Password:"), self.password)
        grid.addRow("", self.remember)
        grid.addRow("", self.no_store)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

    def fields(self) -> list[QWidget]:
        return [self.password, self.remember]

    def is_connecting(self) -> bool:
        return self._job is not None

    def attempt(self, url: URL) -> None:
        """Connect to `url` (with its password) in the background; accept when it opens."""
        show_message(self.message, "")
        self._set_busy(True)
        self._job = BackgroundJob(lambda progress, cancelled: try_open_server(url))
        self._job.finished.connect(lambda result: self._on_result(result, url))
        self._job.failed.connect(lambda text: self._on_result(ConnectionFailed("other", text), url))
        self._job.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in [*self.fields(), self.connect_button, self.cancel_button]:
            widget.setEnabled(not busy and (widget is not self.remember or keyring_usable()))

    def _on_result(self, result: Database | ConnectionFailed, url: URL) -> None:
        self._job = None
        self._set_busy(False)
        if isinstance(result, Database):
            if not self.isVisible():  # closed while connecting: nobody will use it
                result.close()
                return
            self.database = result
            password = url.password if isinstance(url.password, str) else ""
            if self.remember.isChecked() and password:
                store_password(url, password)
            else:
                forget_password(url)
            QDialog.accept(self)
            return
        self.failure = result
        show_message(self.message, str(result))
        if result.kind == "password":
            self.password.selectAll()
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        if self.is_connecting():  # the server answers within seconds (connect_timeout)
            return
        super().reject()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.is_connecting():
            return
        super().keyPressEvent(event)


class ConnectServerDialog(_ConnectingDialog):
    """Server, port, database name, user name, password and "remember": the window's way onto a server."""

    def __init__(self, parent: QWidget | None = None, initial: URL | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connect_server_dialog")
        self.setWindowTitle(self.tr("Connect to a server"))
        form = form_of(initial) if initial is not None else None
        self.host = QLineEdit(form.host if form else "", self)
        self.host.setObjectName("host_edit")
        self.host.setPlaceholderText(self.tr("server name or IP address"))
        self.port = QSpinBox(self)
        self.port.setObjectName("port_spin")
        self.port.setRange(1, 65535)
        self.port.setValue(form.port if form else DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.port.setMaximumWidth(110)
        self.database_name = QLineEdit(form.database if form else "", self)
        self.database_name.setObjectName("database_edit")
        self.username = QLineEdit(form.username if form else "", self)
        self.username.setObjectName("username_edit")
        for edit in (self.host, self.database_name, self.username):
            edit.setMaxLength(200)
        self.remember.setChecked(False)
        self._lay_out(self.tr("Work on a database on the office's server, shared by several computers. "
                              "The administrator gives you these details."),
                      [(self.tr("Server:"), self.host), (self.tr("Port:"), self.port),
                       (self.tr("Database name:"), self.database_name), (self.tr("User name:"), self.username)])
        first_empty = next((e for e in (self.host, self.database_name, self.username, self.password)
                            if not e.text()), self.password)
        first_empty.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(440, self.sizeHint().height())

    def fields(self) -> list[QWidget]:
        return [self.host, self.port, self.database_name, self.username, *super().fields()]

    def url(self) -> URL:
        """The URL the fields name, with the password typed (never shown or stored as such)."""
        return server_url(self.host.text(), self.port.value(), self.database_name.text(), self.username.text(),
                          self.password.text())

    def accept(self) -> None:
        if self.is_connecting():
            return
        for edit, what in ((self.host, self.tr("the server")), (self.database_name, self.tr("the database name")),
                           (self.username, self.tr("the user name"))):
            if not edit.text().strip():
                show_message(self.message, self.tr("Enter %1.").replace("%1", what))
                edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.attempt(self.url())


class ServerPasswordDialog(_ConnectingDialog):
    """The password for a remembered (or given) server connection, asked at start with the
    reason it is asked (none stored, or the stored one no longer works)."""

    def __init__(self, url: URL, reason: str = "", parent: QWidget | None = None, *,
                 remembered: bool = False) -> None:
        super().__init__(parent)
        self.server = url._replace(password=None)
        self.setObjectName("server_password_dialog")
        self.setWindowTitle(self.tr("Password for the server"))
        self.remember.setChecked(remembered and keyring_usable())
        self._lay_out(self.tr("Community Desk works on the database %1 on the server. Enter the password "
                              "of the user %2.").replace("%1", location.display_name(url))
                      .replace("%2", url.username or ""), [])
        self.cancel_button.setText(self.tr("Quit"))
        show_message(self.message, reason)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(420, self.sizeHint().height())

    def accept(self) -> None:
        if self.is_connecting():
            return
        self.attempt(self.server.set(password=self.password.text()))
