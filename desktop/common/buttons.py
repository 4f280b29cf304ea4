"""One way to make a push button with an object name (tests find widgets by it), its slot and,
optionally, the row it sits in — instead of a private copy of these five lines in every dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget


def named_button(parent: QWidget, name: str, text: str, slot: Any, layout: QBoxLayout | None = None, *,
                 auto_default: bool = True) -> QPushButton:
    """auto_default=False keeps Enter for the dialog's own default button (a list's side buttons)."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(auto_default)
    button.clicked.connect(slot)
    if layout is not None:
        layout.addWidget(button)
    return button
