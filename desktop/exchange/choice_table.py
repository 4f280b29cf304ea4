"""The frame 待处理冲突 and 疑似重复人员 share: a sentence, a read-only table of rows to settle,
two action buttons enabled once a row is chosen, and Close; a settled row is saved at once
(db/ decides, one transaction) and the list read again."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.common.context import AppContext


class ChoiceTableDialog(QDialog):
    """Subclasses fill the table in reload() (show_rows) and settle rows through settle()."""

    def __init__(self, ctx: AppContext, parent: QWidget | None, *, title: str, name: str, headers: Sequence[str],
                 actions: Sequence[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName(name.replace("_dialog", "_table"))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.action_buttons: list[QPushButton] = []
        for text, object_name in actions:
            button = QPushButton(text, self)
            button.setObjectName(object_name)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            self.action_buttons.append(button)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.changed = False

    def show_rows(self, rows: Sequence[Sequence[str]], intro: str) -> None:
        self.table.setRowCount(len(rows))
        for i, texts in enumerate(rows):
            for j, text in enumerate(texts):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.intro.setText(intro)
        self._update_buttons()

    def chosen_rows(self) -> list[int]:
        return [i.row() for i in self.table.selectionModel().selectedRows()]

    def _update_buttons(self) -> None:
        chosen = bool(self.chosen_rows())
        for button in self.action_buttons:
            button.setEnabled(chosen)

    def settle(self, work: Callable[[], None]) -> None:
        """Run `work` (it saves in its own transaction); one sentence at the window if it fails."""
        from db.storage_errors import explain

        try:
            work()
        except Exception as exc:  # nothing written: said, and the list read again
            QMessageBox.warning(self, self.windowTitle(), explain(exc))
        else:
            self.changed = True
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError


def resize_columns(table: QTableWidget, mode: QHeaderView.ResizeMode, *, stretch_last: bool = False) -> None:
    table.horizontalHeader().setSectionResizeMode(mode)
    table.horizontalHeader().setStretchLastSection(stretch_last)
