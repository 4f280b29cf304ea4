"""Answering the next message box and keeping what it said (title, text, which button was the default)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


@dataclass
class Seen:
    title: str
    text: str
    default: QMessageBox.StandardButton | None


_generation = [0]


def stop_answering() -> None:
    """Called after each test: boxes still being waited for belong to a test that has ended."""
    _generation[0] += 1


def answer_message_box(button: QMessageBox.StandardButton, seen: list[Seen], within_ms: int = 15_000) -> None:
    """Click `button` on the next message box; stop looking after `within_ms` (so a box that should
    not have opened fails the test's assertions instead of hanging it, and none is left polling)."""
    tries = within_ms // 20
    generation = _generation[0]

    def click() -> None:
        nonlocal tries
        if generation != _generation[0]:  # that test is over
            return
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            default = box.defaultButton()
            seen.append(Seen(box.windowTitle(), box.text(), box.standardButton(default) if default else None))
            box.button(button).click()
        elif tries > 0:
            tries -= 1
            QTimer.singleShot(20, click)

    QTimer.singleShot(20, click)
