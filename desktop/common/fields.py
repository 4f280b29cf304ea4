"""Form field widgets that speak in stored values: coded choices, dates, numbers.

Drop-downs are chosen from by typing pinyin initials (ChoiceCombo); a tree of organisations
shows its levels by indenting the open list, never by spaces inside the names.

Dates are typed, not picked: staff enter them from paper as 2026-11-25, 2026.11.25 or
20261125; db.validation.parse_date reads them all, and the form shows them back as
2026-11-25 so the next person reads one format.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    QSize,
    Qt,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStyleOptionViewItem,
    QWidget,
)

from db.search_keys import name_keys
from db.validation import FieldError, mask_id_number, mask_phone, parse_date
from db.vocab import Vocabulary

DATE_CHARS = QRegularExpression(r"[0-9０-９\-./年月日 ]{0,12}")
ID_CHARS = QRegularExpression(r"[0-9０-９xXｘＸ ]{0,22}")
PHONE_CHARS = QRegularExpression(r"[0-9０-９+\-() ]{0,20}")


Choice = tuple[int | None, str] | tuple[int | None, str, int]  # (id, label) or (id, name, depth)
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 1  # an item's level in a tree of choices (organisations)
INDENT = 16  # pixels per level in the drop-down list
TYPING_PAUSE_MS = 1500  # slow typists take most of a second between two letters


class ChoiceCombo(QComboBox):
    """A drop-down whose item is chosen by typing, the way staff look names up elsewhere: the
    pinyin initials ("dsw" for 第三网格党支部), the full pinyin, or the start of an English label.

    Letters typed without a pause (TYPING_PAUSE_MS) add up to one search; the first item whose keys
    start with them is chosen (else one whose initials hold them). The same letter typed again
    moves on to the next item it starts, as Qt's own type-ahead does. It works on the closed box
    and in the open list (there only the highlight moves; Enter chooses, as usual).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._typed_at = QElapsedTimer()
        self.view().installEventFilter(self)

    def showPopup(self) -> None:  # noqa: N802
        self._typed = ""  # the open list is a new search
        super().showPopup()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self._typed = ""
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        row = self._search(event)
        if row is None:
            super().keyPressEvent(event)
        elif row >= 0 and row != self.currentIndex():
            self.setCurrentIndex(row)
            self.activated.emit(row)  # a choice by the person, as with the arrow keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view() and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            row = self._search(event)
            if row is not None:
                if row >= 0:
                    self.view().setCurrentIndex(self.model().index(row, self.modelColumn()))
                return True
        return super().eventFilter(watched, event)

    def _search(self, event: QKeyEvent) -> int | None:
        """None when the key is not a letter or digit for the search; else the row to choose,
        -1 for no match."""
        text = event.text()
        if (self.isEditable() or len(text) != 1 or not text.isascii() or not text.isalnum()
                or event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier):
            return None
        pause = max(QApplication.keyboardInputInterval(), TYPING_PAUSE_MS)
        if not self._typed_at.isValid() or self._typed_at.elapsed() > pause:
            self._typed = ""
        self._typed_at.start()
        self._typed += text.lower()
        return self.find_typed(self._typed)

    def find_typed(self, typed: str) -> int:
        """The row that letters typed choose, or -1 (the search behind the keys, for tests too)."""
        current = self.view().currentIndex().row() if self.view().isVisible() else self.currentIndex()
        keys = [self._keys(i) for i in range(self.count())]
        if len(set(typed)) == 1 and len(typed) > 1 and not any(self._starts(k, typed) for k in keys):
            # "dd": no item starts so; step to the next item starting with "d" after the current one
            rows = [i for i, k in enumerate(keys) if self._starts(k, typed[0])]
            after = [i for i in rows if i > current]
            return (after or rows or [-1])[0]
        for i, k in enumerate(keys):
            if self._starts(k, typed):
                return i
        if len(typed) > 1:
            for i, (initials, _full) in enumerate(keys):
                if any(typed in key for key in initials):
                    return i
        return -1

    @staticmethod
    def _starts(keys: tuple[tuple[str, ...], tuple[str, ...]], typed: str) -> bool:
        return any(key.startswith(typed) for group in keys for key in group)

    def _keys(self, row: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        keys = name_keys(self.itemText(row).strip("\u3000 "))
        return keys.initials, keys.full


class CodeCombo(ChoiceCombo):
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


class IdChoiceCombo(ChoiceCombo):
    """A drop-down of (id, label) pairs, e.g. organisations or grids.

    A tree of choices (organisations: branches and their party groups) is given as
    (id, name, depth) triples: the open list shows each level indented, while the label itself,
    and so the closed box and currentText(), is the plain name.
    """

    def __init__(self, items: Sequence[Choice] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._indented = False
        self.set_items(items or [])

    def set_items(self, items: Sequence[Choice]) -> None:
        current = self.currentData()
        self.clear()
        depths = [item[2] if len(item) > 2 else 0 for item in items]
        top = min(depths, default=0)
        for (value, text, *_), depth in zip(items, depths, strict=True):
            self.addItem(text, value)
            self.setItemData(self.count() - 1, depth - top, DEPTH_ROLE)
        if any(depths) and not self._indented:
            self.setItemDelegate(IndentDelegate(self.itemDelegate(), self))
            self._indented = True
        if self._indented:  # Qt sizes the open list by the texts alone: make room for the indent too
            metrics = self.view().fontMetrics()
            widest = max((metrics.horizontalAdvance(self.itemText(i)) + INDENT * int(self.itemData(i, DEPTH_ROLE) or 0)
                          for i in range(self.count())), default=0)
            self.view().setMinimumWidth(widest + 3 * INDENT + self.view().verticalScrollBar().sizeHint().width())
        self.set_value(current)

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, value: int | None) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class LazyIdChoiceCombo(IdChoiceCombo):
    """An IdChoiceCombo whose long list (every volunteer of a street office: 80,000) is read when
    the person first opens it or types into it, not when its tab opens; until then it holds only
    its first choice ("All volunteers"). forget() has the list read again at its next use."""

    def __init__(self, first: Choice, load: Callable[[], Sequence[Choice]], parent: QWidget | None = None) -> None:
        super().__init__([first], parent)
        self._first, self._load, self._loaded = first, load, False

    def forget(self) -> None:
        self._loaded = False

    def load_choices(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        self.blockSignals(True)  # the chosen item stays: nothing to tell anyone
        self.set_items([self._first, *self._load()])
        self.blockSignals(False)

    def showPopup(self) -> None:  # noqa: N802
        self.load_choices()
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self.load_choices()
        super().keyPressEvent(event)


class IndentDelegate(QAbstractItemDelegate):
    """Draws a drop-down's items through the style's own delegate, moved right by their level
    (DEPTH_ROLE): the tree shows in the list without spaces in the items' text."""

    def __init__(self, base: QAbstractItemDelegate, parent: QObject) -> None:
        super().__init__(parent)
        self._base = base  # the combo box's own delegate, kept alive by the box

    @staticmethod
    def _indent(index: QModelIndex | QPersistentModelIndex) -> int:
        return int(index.data(DEPTH_ROLE) or 0) * INDENT

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        moved = QStyleOptionViewItem(option)
        moved.rect = option.rect.adjusted(self._indent(index), 0, 0, 0)
        self._base.paint(painter, moved, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = self._base.sizeHint(option, index)
        return QSize(size.width() + self._indent(index), size.height())


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
