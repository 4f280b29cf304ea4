"""The picker that adds the attendees of a service activity, many at once, from the keyboard.

The search box keeps the focus the whole time: staff type a volunteer's pinyin initials (or
name, number, phone tail), Down/Up move the highlight in the results, Space (or Enter) ticks
or unticks the highlighted one and selects the search text, so the next initials replace it.
A 30-person activity is then initials + Space per person. The line under the list says how
many are ticked and the last names ticked (the whole list in its tooltip); Ctrl+Enter adds
them, Esc cancels (asking first when someone is ticked).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from db.validation import mask_phone
from db.volunteers import VolunteerPick, find_volunteers
from desktop.common.context import AppContext
from desktop.common.record_dialog import ask_discard

HINT_STYLE = "color: #666;"
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ChosenLine(QLabel):
    """"已选 N 人：…李四、王五": the count always shown, then as many of the last names ticked as
    fit, whole names only; the whole list in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._head = ""
        self._names: list[str] = []
        self._separator = ""
        # Ignored: the text follows the dialog's width, never widens the dialog.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_parts(self, head: str, names: list[str], separator: str) -> None:
        self._head, self._names, self._separator = head, names, separator
        self.setToolTip(f"<p>{html.escape(self.full_text())}</p>" if names else "")  # rich text: the tip wraps
        self._elide()

    def full_text(self) -> str:
        return self._head + self._separator.join(self._names)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics, room = self.fontMetrics(), self.contentsRect().width()
        text = self.full_text()
        shown = len(self._names)
        while shown and metrics.horizontalAdvance(text) > room:
            shown -= 1
            text = self._head + "…" + self._separator.join(self._names[len(self._names) - shown:])
        self.setText(text)


class VolunteerPicker(QDialog):
    """Tick the volunteers who attended; `chosen` holds them, in the order ticked, once accepted.

    Volunteers already on the activity (`listed`) are shown greyed, so a search for one of them
    says why they cannot be ticked instead of finding nobody.
    """

    def __init__(self, ctx: AppContext, listed: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.listed = ctx, listed
        self.chosen: dict[int, VolunteerPick] = {}
        self.setObjectName("volunteer_picker")
        self.setWindowTitle(self.tr("Add volunteers"))
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("picker_search")
        self.search_edit.setPlaceholderText(self.tr("Pinyin initials (zs), name, number or phone tail"))
        self.search_edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("picker_list")
        # The keyboard stays in the search box (Down/Up move the highlight from there); the mouse
        # can still tick boxes. The highlight keeps its colour while the list has no focus.
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        palette = self.list.palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role))
        self.list.setPalette(palette)
        self.chosen_line = ChosenLine(self)
        self.chosen_line.setObjectName("chosen_line")
        self.keys_hint = QLabel(self.tr("↑↓ move · Space ticks or unticks · Ctrl+Enter adds · Esc cancels"), self)
        self.keys_hint.setObjectName("keys_hint")
        self.keys_hint.setStyleSheet(HINT_STYLE)
        self.keys_hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("picker_ok")
        cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel_button.setText(self.tr("Cancel"))
        for button in (self.ok_button, cancel_button):
            button.setAutoDefault(False)  # Enter ticks; it must never close the picker
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.chosen_line)
        layout.addWidget(self.keys_hint)
        layout.addWidget(self.buttons)
        self.search_edit.textChanged.connect(self.reload)
        self.search_edit.installEventFilter(self)
        self.list.itemChanged.connect(self.on_list_item_changed)
        self.resize(440, 520)
        self.reload()
        self.update_chosen()
        self.search_edit.setFocus()

    # --- results ------------------------------------------------------------------------
    def reload(self) -> None:
        with self.ctx.db.session() as s:
            found = find_volunteers(s, self.search_edit.text())
        self.list.blockSignals(True)
        self.list.clear()
        for pick in found:
            item = QListWidgetItem(self.item_text(pick), self.list)
            item.setData(Qt.ItemDataRole.UserRole, pick)
            if pick.id in self.listed:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # greyed: already an attendee
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if pick.id in self.chosen else Qt.CheckState.Unchecked)
        if not found:
            item = QListWidgetItem(self.tr("No volunteer matches"), self.list)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.blockSignals(False)
        self.highlight_first()

    def item_text(self, pick: VolunteerPick) -> str:
        name = pick.name.ljust(3, "\u3000")  # 王芳 padded to three characters: the numbers line up
        text = "\u3000".join(part for part in (name, pick.number, mask_phone(pick.phone)) if part)
        if pick.id in self.listed:
            text += self.tr(" (already listed)")
        return text

    def pickable_rows(self) -> list[int]:
        return [r for r in range(self.list.count()) if self.list.item(r).flags() & Qt.ItemFlag.ItemIsEnabled]

    def highlight_first(self) -> None:
        """The first match not ticked yet (the best match, or its namesake once it is ticked)."""
        rows = self.pickable_rows()
        unticked = [r for r in rows if self.list.item(r).checkState() != Qt.CheckState.Checked]
        row = (unticked or rows or [-1])[0]
        self.list.setCurrentRow(row)
        if row < 0:
            self.list.clearSelection()

    def move_highlight(self, step: int) -> None:
        rows = self.pickable_rows()
        if not rows:
            return
        current = self.list.currentRow()
        if current not in rows:
            target = rows[0]
        else:
            target = rows[max(0, min(len(rows) - 1, rows.index(current) + step))]
        self.list.setCurrentRow(target)

    def page_step(self) -> int:
        """Rows that fit in the list, for PageUp/PageDown."""
        height = self.list.sizeHintForRow(0) if self.list.count() else 0
        return max(1, self.list.viewport().height() // height - 1) if height > 0 else 1

    # --- ticking ------------------------------------------------------------------------
    def toggle_current(self) -> None:
        """Tick or untick the highlighted volunteer and select the search text for the next name."""
        item = self.list.currentItem()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self.search_edit.selectAll()

    def tick(self, volunteer_id: int) -> None:
        for r in self.pickable_rows():
            item = self.list.item(r)
            if item.data(Qt.ItemDataRole.UserRole).id == volunteer_id:
                item.setCheckState(Qt.CheckState.Checked)

    def on_list_item_changed(self, item: QListWidgetItem) -> None:
        pick: VolunteerPick | None = item.data(Qt.ItemDataRole.UserRole)
        if pick is None:
            return
        if item.checkState() == Qt.CheckState.Checked:
            self.chosen.setdefault(pick.id, pick)
        else:
            self.chosen.pop(pick.id, None)
        self.update_chosen()

    def update_chosen(self) -> None:
        count = len(self.chosen)
        if count:
            self.chosen_line.set_parts(self.tr("%n chosen: ", "", count), [p.name for p in self.chosen.values()],
                                       self.tr(", ", "between names"))
        else:
            self.chosen_line.set_parts(self.tr("None chosen yet"), [], "")
        self.ok_button.setText(self.tr("Add %n", "", count) if count else self.tr("Add"))
        self.ok_button.setEnabled(count > 0)

    # --- keys ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self.handle_search_key(event):
                return True
        return super().eventFilter(watched, event)

    def handle_search_key(self, event: QKeyEvent) -> bool:
        """The picker's keys in the search box; False lets the box have the key (typing)."""
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in ENTER_KEYS and mods == Qt.KeyboardModifier.ControlModifier:
            self.accept()
            return True
        if mods != Qt.KeyboardModifier.NoModifier:
            return False
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: self.page_step(),
                 Qt.Key.Key_PageUp: -self.page_step()}
        if key in steps:
            self.move_highlight(steps[key])
            return True
        if key == Qt.Key.Key_Space or key in ENTER_KEYS:
            self.toggle_current()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Ctrl+Enter adds from anywhere in the picker (the buttons too); a plain Enter never closes it."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in ENTER_KEYS:
            if mods == Qt.KeyboardModifier.ControlModifier:
                self.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self.chosen:
            super().accept()

    def reject(self) -> None:
        """Esc, Cancel and the title-bar close: ask before throwing away the people ticked."""
        count = len(self.chosen)
        if count and not ask_discard(self, self.tr("Add volunteers"),
                                     self.tr("Discard the %n volunteer(s) ticked?", "", count)):
            self.activateWindow()
            self.search_edit.setFocus()
            return
        super().reject()
