"""The main window: one tab per register, menus, the status bar count and undo.

Tabs are created here with the shared context and the window's undo stack; the window keeps
no database session of its own. It remembers its size, column widths and last tab.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from desktop.common.base_tab import RegisterTab
from desktop.common.context import AppContext
from desktop.settings import Settings


def _make_tabs(ctx: AppContext, undo: QUndoStack, parent: QWidget) -> list[RegisterTab]:
    from desktop.grid_workers.tab import GridWorkersTab
    from desktop.mediation.tab import MediationTab
    from desktop.members.tab import MembersTab
    from desktop.volunteers.tab import VolunteersTab

    return [cls(ctx, undo, parent) for cls in (MembersTab, GridWorkersTab, MediationTab, VolunteersTab)]


class MainWindow(QMainWindow):
    TAB_KEYS = ("members", "grid_workers", "mediation", "volunteers")

    def __init__(self, ctx: AppContext, settings: Settings | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings or Settings()
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Community Desk") + f" — {ctx.db.path.name}")
        self.undo_stack = QUndoStack(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("register_tabs")
        self.setCentralWidget(self.tabs)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.statusBar().addWidget(self.count_label, 1)

        titles = {
            "members": self.tr("Party members"),
            "grid_workers": self.tr("Grid workers"),
            "mediation": self.tr("Mediation records"),
            "volunteers": self.tr("Volunteer service"),
        }
        self.register_tabs: dict[str, RegisterTab] = {}
        for tab in _make_tabs(ctx, self.undo_stack, self.tabs):
            key = tab.register_key
            self.register_tabs[key] = tab
            self.tabs.addTab(tab, titles[key])
            tab.count_changed.connect(lambda text, t=tab: self._on_count_changed(t, text))
            tab.open_record_requested.connect(self.open_record)
            tab.data_changed.connect(self._on_data_changed)
        self._counts: dict[RegisterTab, str] = {}
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        self._build_menus()
        self._stale: set[RegisterTab] = set(self.register_tabs.values())
        self._restore_state()
        self.on_tabs_current_changed(self.tabs.currentIndex())

    # --- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        office = QAction(self.tr("Office &details…"), self)
        office.setObjectName("office_action")
        office.triggered.connect(self.open_office_settings)
        file_menu.addAction(office)
        file_menu.addSeparator()
        import_menu = file_menu.addMenu(self.tr("&Import a ledger"))
        ledgers = (("members", self.tr("Party members…")), ("grid-workers", self.tr("Grids and grid workers…")),
                   ("mediation", self.tr("Mediation cases…")), ("volunteer-hours", self.tr("Volunteer service log…")))
        for key, text in ledgers:
            action = QAction(text, self)
            action.setObjectName(f"import_{key}_action")
            action.triggered.connect(lambda _=False, k=key: self.import_ledger(k))
            import_menu.addAction(action)
        file_menu.addSeparator()
        notice = QAction(self.tr("Write a &notice or public notice…"), self)
        notice.setObjectName("notice_action")
        notice.triggered.connect(self.write_notice)
        file_menu.addAction(notice)
        summary = QAction(self.tr("Monthly &summary…"), self)
        summary.setObjectName("summary_action")
        summary.triggered.connect(self.print_summary)
        file_menu.addAction(summary)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setObjectName("undo_action")
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        self.recycle_action = QAction(self.tr("Recycle &bin…"), self)
        self.recycle_action.setObjectName("recycle_action")
        self.recycle_action.triggered.connect(self.open_recycle_bin)
        edit_menu.addAction(self.recycle_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Community Desk"),
                          self.tr("Community Desk keeps the community office's registers offline.")
                          + f"\n\n{self.ctx.db.path}")

    # --- behaviour ------------------------------------------------------------------------
    def _on_count_changed(self, tab: RegisterTab, text: str) -> None:
        self._counts[tab] = text
        if self.tabs.currentWidget() is tab:
            self.count_label.setText(text)

    def on_tabs_current_changed(self, index: int) -> None:
        """Show the tab's count; a tab is queried the first time it is shown, not at start-up,
        so the window opens as fast as its first register (500,000 service-log lines need not
        be read to show the members)."""
        tab = self.tabs.widget(index)
        if tab in self._stale:
            self._stale.discard(tab)  # type: ignore[arg-type]
            tab.refresh()  # type: ignore[union-attr]
        self.count_label.setText(self._counts.get(tab, ""))  # type: ignore[call-overload]

    def _on_data_changed(self) -> None:
        """A save in one tab may change another (a person's name shows in several registers)."""
        sender = self.sender()
        for tab in self.register_tabs.values():
            if tab is not sender:
                tab.model.invalidate()
                tab.on_records_changed()
                self._stale.add(tab)  # re-queried when next shown

    def show_tab(self, key: str) -> RegisterTab:
        tab = self.register_tabs[key]
        self.tabs.setCurrentWidget(tab)
        self.on_tabs_current_changed(self.tabs.currentIndex())
        return tab

    def open_record(self, register: str, record_id: int) -> None:
        """Switch to the register holding a person's other record and open it."""
        key = "mediation" if register == "mediators" else register
        tab = self.show_tab(key)
        if hasattr(tab, "open_linked_record"):
            tab.open_linked_record(register, record_id)
            return
        tab.show_record(record_id)
        tab.open_dialog(record_id)

    def import_ledger(self, key: str) -> None:
        from db.importing.registers import LEDGERS
        from desktop.importing.dialog import ImportDialog

        dialog = ImportDialog(self.ctx, self, self.settings, LEDGERS[key])
        dialog.exec()
        if dialog.result is not None:
            for tab in self.register_tabs.values():
                tab.on_records_changed()
                self._stale.add(tab)
            self.on_tabs_current_changed(self.tabs.currentIndex())

    def write_notice(self) -> None:
        from desktop.printing.actions import print_notice
        from desktop.printing.print_dialogs import NoticeDialog

        dialog = NoticeDialog(self.ctx, self)
        if dialog.exec() and dialog.notice is not None:
            print_notice(self, dialog.notice)

    def print_summary(self) -> None:
        from desktop.printing.actions import print_monthly_summary
        from desktop.printing.print_dialogs import MonthDialog

        dialog = MonthDialog(self.ctx, self)
        if dialog.exec():
            print_monthly_summary(self, self.ctx.db, dialog.year_spin.value(), dialog.month_spin.value())

    def open_office_settings(self) -> None:
        from desktop.office_settings_dialog import OfficeSettingsDialog

        OfficeSettingsDialog(self.ctx, self.settings, self).exec()

    def open_recycle_bin(self) -> None:
        from desktop.recycle_bin import RecycleBinDialog

        dialog = RecycleBinDialog(self.ctx, self)
        dialog.exec()
        if dialog.restored:
            for tab in self.register_tabs.values():
                tab.on_records_changed()
                self._stale.add(tab)
            self.on_tabs_current_changed(self.tabs.currentIndex())

    # --- state ----------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        for key, tab in self.register_tabs.items():
            state = self.settings.header_state(key)
            if state is not None:
                tab.table.horizontalHeader().restoreState(state)
        last = self.settings.value("window/last_tab")
        if 0 <= last < self.tabs.count():
            self.tabs.setCurrentIndex(last)

    def save_state(self) -> None:
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/last_tab", self.tabs.currentIndex())
        for key, tab in self.register_tabs.items():
            self.settings.set_header_state(key, tab.table.horizontalHeader().saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_state()
        super().closeEvent(event)



