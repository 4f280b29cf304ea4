"""The community filter in the status bar: street staff look at every community or one; on a
database with several communities and no account to say which, the clerk picks where to work.
Hidden where there is nothing to choose (db.communities.scope_choices)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from db.communities import scope_choices
from desktop.common.context import AppContext


class CommunityPicker(QComboBox):
    scope_changed = Signal()  # the lists and figures must be read again

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("community_picker")
        self.setToolTip(self.tr("Which community the lists and figures show"))
        self.currentIndexChanged.connect(self._on_chosen)
        self.reload()

    def reload(self) -> None:
        """After a sign-in (another account may see other communities)."""
        choices = scope_choices(self.ctx.db)
        self.blockSignals(True)
        self.clear()
        for name, scope in choices:
            self.addItem(name, scope)
        current = next((i for i, (_name, scope) in enumerate(choices) if scope == self.ctx.db.scope), 0)
        self.setCurrentIndex(current if choices else -1)
        self.blockSignals(False)
        self.setVisible(bool(choices))
        if choices and self.ctx.db.scope != choices[current][1]:
            self.ctx.db.scope = choices[current][1]
            self.scope_changed.emit()

    def _on_chosen(self, index: int) -> None:
        if index < 0:
            return
        self.ctx.db.scope = self.itemData(index)
        self.scope_changed.emit()
