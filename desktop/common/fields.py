"""Form field widgets that speak in stored values: coded choices, dates, numbers.

Dates are typed, not picked: staff enter them from paper as 2026-11-25, 2026.11.25 or
20261125; db.validation.parse_date reads them all, and the form shows them back as
2026-11-25 so the next person reads one format.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from db.validation import FieldError, parse_date
from db.vocab import Vocabulary

DATE_CHARS = QRegularExpression(r"[0-9０-９\-./年月日 ]{0,12}")
ID_CHARS = QRegularExpression(r"[0-9０-９xXｘＸ ]{0,22}")
PHONE_CHARS = QRegularExpression(r"[0-9０-９+\-() ]{0,20}")


class CodeCombo(QComboBox):
    """A drop-down of a vocabulary's labels whose value is the stored code."""

    def __init__(self, vocab: Vocabulary, chinese: bool = True, *, allow_blank: bool = False,
                 blank_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if allow_blank:
            self.addItem(blank_text, None)
        for choice in vocab:
            self.addItem(choice.zh if chinese else choice.en, choice.code)

    def code(self) -> Any:
        return self.currentData()

    def set_code(self, code: Any) -> None:
        index = self.findData(code)
        self.setCurrentIndex(max(index, 0))


class IdChoiceCombo(QComboBox):
    """A drop-down of (id, label) pairs, e.g. organisations or grids."""

    def __init__(self, items: list[tuple[int | None, str]] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_items(items or [])

    def set_items(self, items: list[tuple[int | None, str]]) -> None:
        current = self.currentData()
        self.clear()
        for value, text in items:
            self.addItem(text, value)
        self.set_value(current)

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, value: int | None) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class DateEdit(QLineEdit):
    """A date typed as text; value() is the text for db.validation.parse_date to judge."""

    def __init__(self, parent: QWidget | None = None, placeholder: str = "") -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(DATE_CHARS, self))
        self.setPlaceholderText(placeholder or QCoreApplication.translate("DateEdit", "e.g. 2026-11-25"))
        self.setMaximumWidth(160)

    def value(self) -> str:
        return self.text()

    def set_value(self, value: date | str | None) -> None:
        self.setText(value.isoformat() if isinstance(value, date) else (value or ""))

    def date_or_none(self) -> date | None:
        """The date typed, or None while it is empty or not yet a whole date (filters)."""
        try:
            return parse_date(self.text(), "date", "日期")
        except FieldError:
            return None


def id_number_edit(parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setValidator(QRegularExpressionValidator(ID_CHARS, edit))
    edit.setMaximumWidth(220)
    return edit


def phone_edit(parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setValidator(QRegularExpressionValidator(PHONE_CHARS, edit))
    edit.setMaximumWidth(220)
    return edit


def notes_edit(parent: QWidget | None = None, height: int = 60) -> QPlainTextEdit:
    """A multi-line box where Tab moves on (staff fill forms with the keyboard)."""
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit
