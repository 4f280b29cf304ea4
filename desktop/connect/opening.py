"""Starting the window on a server database (`--db URL`, or the connection remembered last).

The password is the URL's own (typed on the command line), else the one in the credential
store, else none (a server that trusts this PC needs none). A server that wants one, or refuses
the stored one, gets the password dialog with the reason; a server that cannot be reached gets
one sentence and the choice of trying again, opening this PC's own database file instead, or
quitting. No lock file and no file check: those are for files (desktop.safety.startup).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.engine import URL

from db import location
from db.connections import ConnectionFailed, stored_password, try_open_server
from db.database import Database
from desktop.common.busy_wait import wait_behind_busy_dialog
from desktop.connect.dialogs import ServerPasswordDialog
from desktop.connect.recent import last_file
from desktop.settings import Settings


class Opening(QObject):
    """Only a name for the texts' translation context: never made."""


def connect_with_busy_dialog(url: URL, parent: QWidget | None = None) -> Database | ConnectionFailed:
    """try_open_server off the UI thread, with a small busy dialog (no window exists yet)."""
    return wait_behind_busy_dialog(  # type: ignore[no-any-return]
        lambda: try_open_server(url), lambda text: ConnectionFailed("other", text), parent=parent,
        title=Opening.tr("Community Desk"), name="connecting_progress",
        text=Opening.tr("Connecting to the server %1…").replace("%1", location.display_name(url)),
        modality=Qt.WindowModality.ApplicationModal)


def open_server_for_window(text: str, parent: QWidget | None = None,
                           settings: Settings | None = None) -> Database | Path | None:
    """The open server database; or the file to open instead (the person chose this PC's own
    database); or None when the start should stop."""
    try:
        place = location.parse(text)
    except location.BadLocation as exc:
        QMessageBox.critical(parent, Opening.tr("Cannot open the database"), str(exc))
        return None
    if not isinstance(place, URL):
        return place
    url = place
    stored = None if url.password else stored_password(url)
    if stored:
        url = url.set(password=stored)
    while True:
        result = connect_with_busy_dialog(url, parent)
        if isinstance(result, Database):
            return result
        if result.kind == "password":
            reason = "" if not url.password and not stored else str(result)
            dialog = ServerPasswordDialog(url, reason, parent, remembered=bool(stored))
            if dialog.exec() and dialog.database is not None:
                return dialog.database
            return None
        choice = _unreachable_box(result, parent)
        if choice == "local":
            return last_file(settings)
        if choice == "quit":
            return None


def _unreachable_box(failure: ConnectionFailed, parent: QWidget | None) -> str:
    box = QMessageBox(QMessageBox.Icon.Warning, Opening.tr("Cannot connect to the server"), str(failure),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("server_unreachable_box")
    retry = box.addButton(Opening.tr("Try again"), QMessageBox.ButtonRole.AcceptRole)
    local = box.addButton(Opening.tr("Open this computer's database"), QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton(Opening.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    retry.setObjectName("retry_button")
    local.setObjectName("local_button")
    quit_button.setObjectName("quit_button")
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    return "retry" if clicked is retry else "local" if clicked is local else "quit"
