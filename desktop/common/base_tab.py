"""Base of the register tabs: search box, filters, paged table, new/edit/delete, counts.

A subclass says which columns it shows, how to query ids and rows (functions in db/), which
dialog edits a record and how to delete/restore. The base wires the keyboard (Ctrl+N new,
Enter edit, Del delete, Ctrl+F search), searching as you type, sorting in SQL, and pushes
deletes onto the window's undo stack so Ctrl+Z brings records back.

What the signed-in role may do is decided in one place, `apply_permissions()`: a viewer gets
no New / Delete (and the keys do nothing), Edit reads "View"; the export menu needs "export"
and its full-numbers entry "export_unmasked". Subclasses register their own writing buttons
with `guard()`. db/ checks every write again, so this only keeps people from dead ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db import recycle
from db.listing import Sort
from db.permissions import PermissionDenied, allowed
from desktop.common.column_fit import fit_columns, prepare_for_fitting
from desktop.common.context import AppContext
from desktop.common.job import BackgroundJob
from desktop.common.paged_model import Column, PagedTableModel
from desktop.common.table_headers import use_fixed_headers

SEARCH_DELAY_MS = 120
FIRST_IDS = 400  # rows listed at once; a larger result is completed when typing pauses
ID_BLOCK = 500  # rows of a register listed in blocks (lists_in_blocks) read at a time
COMPLETE_DELAY_MS = 150


class DeleteCommand(QUndoCommand):
    """Soft-delete records; undo restores them. Both run in their own transaction.

    The register is fixed when the command is made, so undo restores the right kind of
    record even if the tab has since switched to another view. The stack outlives a change of
    account (lock screen): if the account now signed in may not do it, the refusal is shown
    and the command dropped from the stack rather than raised into Qt.
    """

    def __init__(self, tab: RegisterTab, register: str, ids: list[int], text: str) -> None:
        super().__init__(text)
        self.tab, self.register, self.ids = tab, register, ids

    def redo(self) -> None:
        self._run(recycle.delete)

    def undo(self) -> None:
        self._run(recycle.restore)

    def _run(self, change: Any) -> None:
        try:
            with self.tab.ctx.db.session() as s, s.begin():
                change(s, self.register, self.ids)
        except PermissionDenied as exc:
            self.setObsolete(True)
            QMessageBox.warning(self.tab, self.text(), str(exc))
        self.tab.refresh(data_changed=True)


class RegisterTab(QWidget):
    count_changed = Signal(str)
    open_record_requested = Signal(str, int)  # register key, record id (another role of a person)
    data_changed = Signal()

    register_key = ""  # e.g. "members"; also the tab's objectName
    export_key: str | None = None  # db.exporting register name, when the tab can export to .xlsx
    # A register that can hold 100,000 rows lists the first FIRST_IDS matches at once (the
    # query stops early) and the rest once typing pauses, so every keystroke is answered at
    # once and the full list is read only for the query the person stopped at.
    partial_first = False
    deletes = True  # False for a register whose records are never deleted (the moral bank's accounts)

    def __init__(self, ctx: AppContext, undo_stack: QUndoStack | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.undo_stack = undo_stack or QUndoStack(self)
        self.sort = Sort()
        self._ready = False  # set once the subclass's filters exist; refreshes wait for it
        self._guarded: list[tuple[QWidget | QAction, str, str]] = []  # (widget, action, "hide" or "disable")
        self.setObjectName(f"{self.register_key}_tab")

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Search: name, pinyin initials (zs), ID tail or phone"))
        self.search_edit.setMinimumWidth(260)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.addWidget(self.search_edit)

        self.new_button = self._button("new_button", self.tr("New"), self.on_new_button_clicked)
        self.edit_button = self._button("edit_button", self.tr("Edit"), self.edit_current)
        self.delete_button = self._button("delete_button", self.tr("Delete"), self.delete_selected)
        self.button_bar = QHBoxLayout()

        self.model = PagedTableModel(self.columns(), self._fetch_rows, parent=self)
        self.model.sort_requested.connect(self.on_model_sort_requested)
        self.table = QTableView(self)
        self.table.setObjectName("table")
        use_fixed_headers(self.table)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        prepare_for_fitting(self.table)
        self.columns_fitted = False  # set once fitted, or when the window restores a layout set by hand
        self.table.doubleClicked.connect(self.on_table_double_clicked)
        for i, col in enumerate(self.model.columns):
            self.table.setColumnWidth(i, col.width)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._complete_timer = QTimer(self)
        self._complete_timer.setSingleShot(True)
        self._complete_timer.setInterval(COMPLETE_DELAY_MS)
        self._complete_timer.timeout.connect(self.complete_listing)
        self.search_edit.textChanged.connect(self._search_timer.start)

        layout = QVBoxLayout(self)
        self.build_filters(self.filter_bar)
        self.filter_bar.addStretch(1)
        layout.addLayout(self.filter_bar)
        self.button_bar.addWidget(self.new_button)
        self.button_bar.addWidget(self.edit_button)
        self.button_bar.addWidget(self.delete_button)
        self.build_buttons(self.button_bar)
        if self.export_key:
            self.export_button = QPushButton(self.tr("Export to Excel"), self)
            self.export_button.setObjectName("export_button")
            # Masked is the first choice; full numbers are asked for explicitly, for reports
            # upstream or to edit in Excel and import back.
            menu = QMenu(self.export_button)
            menu.setObjectName("export_menu")
            self.export_masked_action = menu.addAction(self.tr("ID and phone numbers masked…"),
                                                       lambda: self.on_export_button_clicked(masked=True))
            self.export_masked_action.setObjectName("export_masked_action")
            self.export_full_action = menu.addAction(self.tr("Full ID and phone numbers…"),
                                                     lambda: self.on_export_button_clicked(masked=False))
            self.export_full_action.setObjectName("export_full_action")
            self.export_button.setMenu(menu)
            self.button_bar.addWidget(self.export_button)
        self.button_bar.addStretch(1)
        layout.addLayout(self.button_bar)
        self.build_above_table(layout)
        layout.addWidget(self.table, 1)

        self._shortcut(QKeySequence.StandardKey.New, self.on_new_button_clicked, self)
        self._shortcut(QKeySequence.StandardKey.Find, self.focus_search, self)
        self.table.installEventFilter(self)
        self.search_edit.installEventFilter(self)
        # setSortingEnabled() asked for a sort by column 0 descending; start unsorted (by name).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.sort = Sort()
        self._ready = True
        self.apply_permissions()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        """Keys on the table (Enter edits, Del deletes) and Down from the search box into the list.

        An event filter rather than QShortcut: these keys act on the focused widget, and must
        work whether or not the window is the active one (tests, a second monitor).
        """
        if event.type() == QEvent.Type.KeyPress and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            key = event.key()
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_current()
                return True
            if watched is self.table and key == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
            if watched is self.search_edit and key == Qt.Key.Key_Down:
                self.focus_table()
                return True
        return super().eventFilter(watched, event)

    # --- to implement -------------------------------------------------------------------
    def columns(self) -> list[Column]:
        raise NotImplementedError

    def query_ids(self, session: Session, sort: Sort) -> list[int]:
        raise NotImplementedError

    def query_rows(self, session: Session, ids: Sequence[int]) -> list[Any]:
        raise NotImplementedError

    def lists_in_blocks(self) -> bool:
        """True for a list that grows with the register's whole history (the service log): it is
        listed a block of ID_BLOCK at a time as the person scrolls (query_id_block), and counted
        in SQL once the first block shows (listed_count_text), so opening it costs the same at a
        thousand lines and at a million."""
        return False

    def query_id_block(self, session: Session, sort: Sort, offset: int, limit: int) -> list[int]:
        """The ids of one block of the list, for a tab that lists_in_blocks."""
        raise NotImplementedError

    def listed_count_text(self, session: Session) -> str:
        """The count line of a list read in blocks, worked out in SQL."""
        raise NotImplementedError

    def make_dialog(self, record_id: int | None) -> Any:
        raise NotImplementedError

    def recycle_register(self) -> str:
        """The db.recycle register the listed rows belong to (e.g. "members")."""
        return self.register_key

    def record_noun(self, count: int) -> str:
        """e.g. "2 member records", for confirmations and the undo menu."""
        return self.tr("%n record(s)", "", count)

    def count_text(self, count: int) -> str:
        return self.tr("%n record(s)", "", count)

    def build_filters(self, bar: QHBoxLayout) -> None:
        """Add the register's filter widgets after the search box."""

    def build_buttons(self, bar: QHBoxLayout) -> None:
        """Add extra buttons after New / Edit / Delete."""

    def build_above_table(self, layout: QVBoxLayout) -> None:
        """Add a panel between the buttons and the table (e.g. flag links)."""

    # --- permissions ----------------------------------------------------------------------
    def may(self, action: str) -> bool:
        """Whether the signed-in actor may do `action` (db.permissions.ACTIONS) — at a station copy,
        entering records only in the registers a station enters (db.exchange.registers)."""
        from db.exchange.registers import ENTERING

        stations = self.ctx.station_registers
        if stations is not None and action in ENTERING and self.register_key not in stations:
            return False
        return allowed(self.ctx.db.actor, action)

    def guard(self, widget: QWidget | QAction, action: str, how: str = "hide") -> None:
        """Show (or enable) `widget` only for roles allowed `action`; applied by apply_permissions()."""
        self._guarded.append((widget, action, how))
        if self._ready:
            self.apply_permissions()

    def apply_permissions(self) -> None:
        """Show what the current actor may do. Public: the window calls it again when another
        account signs in on the lock screen (ctx.db.actor changed)."""
        can_edit = self.may("edit")
        self.new_button.setVisible(can_edit)
        self.delete_button.setVisible(self.deletes and self.may("delete"))
        self.edit_button.setText(self.tr("Edit") if can_edit else self.tr("View"))
        if self.export_key:
            self.export_button.setVisible(self.may("export"))
            self.export_full_action.setVisible(self.may("export_unmasked"))
        for widget, action, how in self._guarded:
            if how == "disable":
                widget.setEnabled(self.may(action))
            else:
                widget.setVisible(self.may(action))
        self.update_buttons()

    def restrict_list_dialog(self, dialog: QWidget) -> None:
        """A RecordListDialog opened from this tab (grids, mediators): no New / Delete for a
        role that may not write; Edit reads "View" (the record dialog itself is read-only)."""
        for name, action in (("new_button", "edit"), ("delete_button", "delete")):
            button = dialog.findChild(QPushButton, name)
            if button is not None:
                button.setVisible(self.may(action))
        edit = dialog.findChild(QPushButton, "edit_button")
        if edit is not None and not self.may("edit"):
            edit.setText(self.tr("View"))

    # --- behaviour ------------------------------------------------------------------------
    def _button(self, name: str, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _shortcut(self, key: Any, slot: Any, widget: QWidget) -> None:
        shortcut = QShortcut(key, widget)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _fetch_rows(self, ids: Sequence[int]) -> list[Any]:
        with self.ctx.db.session() as session:
            return self.query_rows(session, ids)

    def refresh(self, data_changed: bool = False) -> None:
        """Re-run the query for the current search, filters and sort, keeping the selection.

        data_changed says records were written (not just the filter changed), for tabs that
        keep figures of the whole register next to the list.
        """
        self._search_timer.stop()
        self._complete_timer.stop()
        if data_changed:
            self.on_records_changed()
        keep = self.selected_ids()
        blocks = self.lists_in_blocks()
        sort = self.sort
        with self.ctx.db.session() as session:
            if blocks:
                ids = self.query_id_block(session, sort, 0, ID_BLOCK)
            elif self.partial_first:
                ids = self.query_ids(session, sort, limit=FIRST_IDS)  # type: ignore[call-arg]
            else:
                ids = self.query_ids(session, sort)
        more = (lambda listed: self._next_block(sort, listed)) if blocks and len(ids) == ID_BLOCK else None
        self.model.set_ids(ids, more)
        if ids and not self.columns_fitted:
            fit_columns(self.table)
            self.columns_fitted = True
        self.select_ids(keep)
        if blocks or (self.partial_first and len(ids) == FIRST_IDS):
            self.count_changed.emit(self.tr("Listing…"))
            self._complete_timer.start()
        else:
            self.count_changed.emit(self.count_text(len(ids)))
        self.update_buttons()

    def _next_block(self, sort: Sort, listed: int) -> list[int]:
        with self.ctx.db.session() as session:
            return self.query_id_block(session, sort, listed, ID_BLOCK)

    def stop_pending_work(self) -> None:
        """Forget a search or count waiting for a pause in typing: the window is closing, and a
        timer firing after it would read a database that may already be closed."""
        self._search_timer.stop()
        self._complete_timer.stop()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """A tab shown as a window of its own (a test, a tool) closes like the main window does."""
        self.stop_pending_work()
        super().closeEvent(event)

    def finish_listing(self) -> None:
        """What a pause in typing would do next (the count of a list read in blocks, the rest of
        a long result), done now: for a screenshot or a test that shows the tab at once."""
        if self._complete_timer.isActive():
            self._complete_timer.stop()
            self.complete_listing()

    def complete_listing(self) -> None:
        """Once typing pauses: the count of a list read in blocks, or the rest of a result whose
        first rows are already listed."""
        if self.lists_in_blocks():
            with self.ctx.db.session() as session:
                self.count_changed.emit(self.listed_count_text(session))
            return
        with self.ctx.db.session() as session:
            ids = self.query_ids(session, self.sort)
        if ids[:len(self.model.ids)] == self.model.ids:
            self.model.append_ids(ids[len(self.model.ids):])
        else:  # the data changed in between: list it afresh
            self.model.set_ids(ids)
        self.count_changed.emit(self.count_text(len(ids)))

    def export_filter(self) -> Any:
        """The filter the export applies (what the tab lists); None exports the whole register."""
        return None

    def on_export_button_clicked(self, masked: bool = True) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"), f"{self.export_key}.xlsx",
                                              self.tr("Excel workbooks (*.xlsx)"))
        if name:
            self.export_to(Path(name), masked=masked)

    def export_to(self, out: Path, on_done: Any = None, masked: bool = True) -> BackgroundJob:
        """Write what the tab lists to `out` off the UI thread (personal numbers masked unless
        asked), with a progress dialog whose Cancel leaves no file and no log entry."""
        from db.exporting import export_register
        from desktop.common.progress_job import start_with_progress

        db, register, rows_filter = self.ctx.db, self.export_key, self.export_filter()

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            with db.session() as s, s.begin():  # the audit entry commits with the export, or neither
                return export_register(s, register, out, masked=masked, member_filter=rows_filter,
                                       progress=progress, cancelled=cancelled)

        job, self.export_progress = start_with_progress(
            self, "export_progress", self.tr("Exporting to %1…").replace("%1", out.name), self.tr("Cancel"), work)
        job.cancelled.connect(lambda: self.count_changed.emit(self.tr("Export cancelled")))
        job.finished.connect(on_done or (lambda count: self.count_changed.emit(
            self.tr("%1 rows exported to %2").replace("%1", str(count)).replace("%2", out.name))))
        job.failed.connect(lambda message: QMessageBox.warning(self, self.tr("Export to Excel"), message))
        return job

    def on_records_changed(self) -> None:
        """Records of this register were saved, deleted or restored."""

    def update_buttons(self) -> None:
        has = bool(self.selected_ids())
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def on_model_sort_requested(self, key: str, descending: bool) -> None:
        self.sort = Sort(key, descending)
        if self._ready:
            self.refresh()

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def selected_ids(self) -> list[int]:
        sm = self.table.selectionModel()
        if sm is None:
            return []
        rows = sorted({i.row() for i in sm.selectedRows()})
        return [self.model.id_at(r) for r in rows if r < self.model.rowCount()]

    def select_ids(self, ids: list[int]) -> None:
        sm = self.table.selectionModel()
        first = True
        for record_id in ids:
            row = self.model.row_of_id(record_id)
            if row is None:
                continue
            flags = QItemSelectionModel.SelectionFlag.Rows | (
                QItemSelectionModel.SelectionFlag.ClearAndSelect if first else QItemSelectionModel.SelectionFlag.Select
            )
            sm.select(self.model.index(row, 0), flags)
            if first:
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.scrollTo(self.model.index(row, 0))
            first = False
        self.update_buttons()

    def on_new_button_clicked(self) -> None:
        if self.may("edit"):  # Ctrl+N reaches here too
            self.open_dialog(None)

    def on_table_double_clicked(self, index: QModelIndex) -> None:
        self.open_dialog(self.model.id_at(index.row()))

    def edit_current(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.open_dialog(ids[0])

    def open_dialog(self, record_id: int | None) -> bool:
        dialog = self.make_dialog(record_id)
        if hasattr(dialog, "open_record_requested"):
            dialog.open_record_requested.connect(self.open_record_requested)
        if dialog.exec():
            self.refresh(data_changed=True)
            if dialog.saved_id is not None:
                self.select_ids([dialog.saved_id])
            self.data_changed.emit()
            return True
        return False

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or not self.deletes or not self.may("delete"):  # Del reaches here too
            return
        noun = self.record_noun(len(ids))
        answer = QMessageBox.question(
            self, self.tr("Delete"),
            self.tr("Delete %1? They go to the recycle bin and can be restored (Ctrl+Z undoes).").replace("%1", noun),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.delete_ids(ids)

    def delete_ids(self, ids: list[int]) -> None:
        """Delete without asking (the confirmation is delete_selected's job)."""
        text = self.tr("Delete %1").replace("%1", self.record_noun(len(ids)))
        self.undo_stack.push(DeleteCommand(self, self.recycle_register(), ids, text))
        self.data_changed.emit()

    def show_record(self, record_id: int) -> None:
        """Clear the filters so the record is listed, select it and scroll to it."""
        self.reset_filters()
        self.refresh()
        self.select_ids([record_id])

    def reset_filters(self) -> None:
        """Back to the unfiltered list (without a query per widget); subclasses add theirs."""
        self.clear_quietly(self.search_edit)

    @staticmethod
    def clear_quietly(*widgets: QWidget) -> None:
        """Reset filter widgets to their first/empty state without emitting change signals."""
        for widget in widgets:
            widget.blockSignals(True)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(0)
            elif isinstance(widget, QLineEdit):
                widget.clear()
            elif isinstance(widget, QCheckBox):
                widget.setChecked(False)
            widget.blockSignals(False)
