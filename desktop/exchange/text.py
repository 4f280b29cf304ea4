"""The translation context of the exchange's texts said outside a widget of their own (see
desktop/safety/text.py for why a class, not a module-level helper)."""

from __future__ import annotations

from PySide6.QtCore import QObject


class Exchange(QObject):
    """Only a name for the texts' context: never made."""
