"""Form field widgets that speak in stored values: coded choices, dates, numbers.

Dates are typed, not picked: staff enter them from paper as 2026-11-25, 2026.11.25 or
20261125; db.validation.parse_date reads them all, and the form shows them back as
2026-11-25 so the next person reads one format.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from db.validation import FieldError, mask_id_number, mask_phone, parse_date
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


class MaskedNumberEdit(QLineEdit):
    """An ID or phone number that an existing record shows masked and read-only until revealed.

    The stored number is kept beside the widget, so value() hands the save path the stored
    number, never the mask, for as long as the mask is on: saving a record whose numbers were
    not revealed leaves them as they were, whatever reached the read-only text. Once revealed,
    value() is what is typed.
    """

    def __init__(self, mask: Callable[[str], str], chars: QRegularExpression, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mask = mask
        self._stored = ""
        self._masked_text: str | None = None  # the mask on display, or None when the full text is shown
        self.setValidator(QRegularExpressionValidator(chars, self))
        self.setMaximumWidth(220)

    def set_number(self, number: str, masked: bool) -> None:
        """Show a stored number; masked (and read-only) when asked and there is a number to hide."""
        self._stored = number or ""
        if masked and self._stored:
            self._masked_text = self._mask(self._stored)
            self.setText(self._masked_text)
            self.setReadOnly(True)
        else:
            self._masked_text = None
            self.setText(self._stored)

    def reveal(self, number: str) -> None:
        """Put the full number in and make it editable (the caller has logged the disclosure)."""
        self._stored = number or ""
        self._masked_text = None
        self.setText(self._stored)
        self.setReadOnly(False)

    def is_masked(self) -> bool:
        return self._masked_text is not None

    def value(self) -> str:
        """The number to save: the stored one while masked, else what is typed."""
        return self._stored if self.is_masked() else self.text()


def id_number_edit(parent: QWidget | None = None) -> MaskedNumberEdit:
    return MaskedNumberEdit(mask_id_number, ID_CHARS, parent)


def phone_edit(parent: QWidget | None = None) -> MaskedNumberEdit:
    return MaskedNumberEdit(mask_phone, PHONE_CHARS, parent)


def notes_edit(parent: QWidget | None = None, height: int = 60) -> QPlainTextEdit:
    """A multi-line box where Tab moves on (staff fill forms with the keyboard)."""
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit
