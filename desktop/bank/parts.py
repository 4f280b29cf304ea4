"""Pieces the moral bank's dialogs share: a button on a bar, a write in one transaction whose
refusal is shown instead of raised, and the holder picker (a person found by typing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.bank.accounts import holder_candidates
from db.validation import FieldError, ValidationErrors
from desktop.common.context import AppContext


def problems_text(exc: Exception) -> str:
    """A refusal as the person reads it: each field's message on its own line."""
    if isinstance(exc, ValidationErrors):
        return "\n".join(e.message for e in exc.errors)
    if isinstance(exc, FieldError):
        return exc.message
    return str(exc)[:300]


def bar_button(parent: QWidget, bar: QHBoxLayout, name: str, text: str, slot: Callable[..., Any]) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    bar.addWidget(button)
    return button


def write_or_say(ctx: AppContext, write: Callable[[Session], Any], say: Callable[[str], None]) -> bool:
    """Run `write` in one transaction; a refusal (or a database failure) goes to `say`, nothing written."""
    try:
        with ctx.db.session() as s, s.begin():
            write(s)
    except Exception as exc:
        say(problems_text(exc))
        return False
    return True


class HolderPicker(QWidget):
    """A person chosen by typing their name, pinyin initials or an ID or phone tail."""

    entered = Signal()  # Enter in the box, or a double click on a name

    def __init__(self, ctx: AppContext, placeholder: str, parent: QWidget | None = None,
                 mark_accounts: str = "") -> None:
        super().__init__(parent)
        self.ctx, self.mark_accounts = ctx, mark_accounts
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("find_edit")
        self.find_edit.setPlaceholderText(placeholder)
        self.candidates = QListWidget(self)
        self.candidates.setObjectName("candidates")
        self.candidates.setMaximumHeight(120)
        self._people: list[int] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.find_edit)
        box.addWidget(self.candidates)
        self.find_edit.textEdited.connect(self.search)
        self.find_edit.returnPressed.connect(self.entered)
        self.candidates.itemDoubleClicked.connect(lambda _: self.entered.emit())

    def search(self, text: str) -> None:
        with self.ctx.db.session() as s:
            found = holder_candidates(s, text)
        self.candidates.clear()
        self._people = [c.person_id for c in found]
        for c in found:
            self.candidates.addItem(c.label + (self.mark_accounts if c.has_account else ""))
        if found:
            self.candidates.setCurrentRow(0)

    def chosen(self) -> int | None:
        row = self.candidates.currentRow()
        return self._people[row] if 0 <= row < len(self._people) else None


def list_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    """A read-only list of rows, chosen a whole row at a time."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(0)
    for values in rows:
        r = table.rowCount()
        table.insertRow(r)
        for column, text in enumerate(values):
            table.setItem(r, column, QTableWidgetItem(text))
