"""Typing into widgets in tests. qtbot.keyClicks aborts on non-ASCII characters (Qt's key
table asserts), so Chinese text is delivered as an input-method commit, as a real IME does."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` at the cursor: ASCII through key clicks, the rest through an IME commit."""
    widget.setFocus()
    for chunk_is_ascii, chunk in _chunks(text):
        if chunk_is_ascii:
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def replace_text(qtbot, widget: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.selectAll()
    widget.del_()
    type_text(qtbot, widget, text)


def _chunks(text: str) -> list[tuple[bool, str]]:
    out: list[tuple[bool, str]] = []
    for ch in text:
        is_ascii = ch.isascii()
        if out and out[-1][0] == is_ascii:
            out[-1] = (is_ascii, out[-1][1] + ch)
        else:
            out.append((is_ascii, ch))
    return out
