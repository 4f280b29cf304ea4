"""Answering modal message boxes and dialogs that a test action opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox


def answer_next_message_box(button: QMessageBox.StandardButton) -> None:
    """Click `button` on the next message box that opens (deletes ask first)."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(20, click)


def handle_next_dialog(kind: type[QDialog], action: Callable[[QDialog], None]) -> None:
    """Run `action` on the next modal dialog of `kind` once it is open."""
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            action(dialog)
        else:
            QTimer.singleShot(20, run)

    QTimer.singleShot(20, run)
