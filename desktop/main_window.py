"""The main window: the home page (工作台), one tab per register, menus, the status bar and undo.

Tabs are created here with the shared context and the window's undo stack; the window keeps
no database session of its own. Menu entries name the db.permissions right they need and are
shown by apply_permissions(), again whenever another account signs in. It remembers its size,
column widths and last tab.

The database may be a file or on a server (several PCs at once). 文件 → 打开数据库文件… and
连接服务器… and the recent list open another one: the window signs in there, sets
`next_database` and closes, and the app opens it anew on that database (desktop.app). A tab
lists afresh when shown if anyone changed the database since it listed (db.changes), and F5
lists the current tab afresh whatever the mark says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox, QTabWidget, QWidget

from db import location
from db.changes import change_mark
from db.permissions import allowed
from db.vocab import ROLES
from desktop.common.base_tab import RegisterTab
from desktop.common.context import AppContext
from desktop.settings import Settings


def _make_tabs(ctx: AppContext, undo: QUndoStack, parent: QWidget) -> list[RegisterTab]:
    from desktop.bank.tab import PointsTab
    from desktop.grid_workers.tab import GridWorkersTab
    from desktop.incidents.tab import IncidentsTab
    from desktop.mediation.tab import MediationTab
    from desktop.members.tab import MembersTab
    from desktop.party_life.tab import PartyLifeTab
    from desktop.residents.tab import ResidentsTab
    from desktop.volunteers.tab import VolunteersTab

    return [cls(ctx, undo, parent)
            for cls in (MembersTab, PartyLifeTab, GridWorkersTab, ResidentsTab, IncidentsTab, MediationTab,
                        VolunteersTab, PointsTab)]


class MainWindow(QMainWindow):
    TAB_KEYS = ("members", "party_life", "grid_workers", "residents", "incidents", "mediation", "volunteers",
                "points")

    def __init__(self, ctx: AppContext, settings: Settings | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings or Settings()
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Community Desk") + f" — {ctx.db.name}")
        self.undo_stack = QUndoStack(self)
        self.idle_lock: Any = None  # desktop.accounts.idle_lock.IdleLock, given by the app at start
        self.next_database: Any = None  # desktop.safety.startup.OpenedDatabase the app opens after this window
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("register_tabs")
        self.setCentralWidget(self.tabs)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.statusBar().addWidget(self.count_label, 1)
        self.user_label = QLabel(self)
        self.user_label.setObjectName("user_label")
        from desktop.common.community_picker import CommunityPicker

        self.community_picker = CommunityPicker(ctx, self)
        self.statusBar().addPermanentWidget(self.community_picker)
        self.copy_label = QLabel(self)  # a station copy, or the office that has stations (issue 15)
        self.copy_label.setObjectName("copy_label")
        self.statusBar().addPermanentWidget(self.copy_label)
        self.statusBar().addPermanentWidget(self.user_label)

        from desktop.home.tab import HomeTab

        self.home_tab = HomeTab(ctx, self.tabs)
        self.home_tab.open_target.connect(self.open_home_target)
        self.tabs.addTab(self.home_tab, self.tr("Home"))
        titles = {
            "members": self.tr("Party members"),
            "party_life": self.tr("Party life"),
            "grid_workers": self.tr("Grid workers"),
            "residents": self.tr("Residents"),
            "incidents": self.tr("Incidents"),
            "mediation": self.tr("Mediation records"),
            "volunteers": self.tr("Volunteer service"),
            "points": self.tr("Moral bank"),
        }
        self.register_tabs: dict[str, RegisterTab] = {}
        for tab in _make_tabs(ctx, self.undo_stack, self.tabs):
            key = tab.register_key
            self.register_tabs[key] = tab
            self.tabs.addTab(tab, titles[key])
            tab.count_changed.connect(lambda text, t=tab: self._on_count_changed(t, text))
            tab.open_record_requested.connect(self.open_record)
            tab.data_changed.connect(self._on_data_changed)
        from desktop.residents.houses_tab import HousesTab

        self.houses_tab = HousesTab(ctx, self.tabs)  # the 房屋 tree, before the residents it holds
        self.tabs.insertTab(self.tabs.indexOf(self.register_tabs["residents"]), self.houses_tab, self.tr("Houses"))
        self.houses_tab.data_changed.connect(self._on_data_changed)
        self._counts: dict[RegisterTab, str] = {}
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        self.community_picker.scope_changed.connect(self.refresh_all)
        self._build_menus()
        self.copy_status: Any = None
        self.show_copy_status()
        self.apply_permissions()
        self._stale: set[RegisterTab] = set(self.register_tabs.values())
        self._listed_at: dict[RegisterTab, int | None] = {}  # the change mark each tab last listed at
        self._restore_state()
        self.on_tabs_current_changed(self.tabs.currentIndex())

    # --- menus ---------------------------------------------------------------------------
    def _action(self, menu: QMenu, name: str, text: str, slot: Any, *, right: str | None = None,
                shortcut: Any = None) -> QAction:
        """A menu entry; `right` is the db.permissions action it needs (hidden without it)."""
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        menu.addAction(action)
        if right is not None:
            self._rights[action] = right
        return action

    def _build_menus(self) -> None:
        self._rights: dict[QAction, str] = {}
        act = self._action
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setToolTipsVisible(True)  # why an action is disabled (backups on a server)
        act(file_menu, "open_file_action", self.tr("&Open a database file…"), self.open_database_file,
            shortcut=QKeySequence.StandardKey.Open)
        act(file_menu, "connect_server_action", self.tr("Connect to a ser&ver…"), self.connect_to_server)
        self.recent_menu = file_menu.addMenu(self.tr("Recent &databases"))
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.fill_recent_menu()
        file_menu.addSeparator()
        act(file_menu, "office_action", self.tr("Office &details…"), self.open_office_settings, right="settings")
        act(file_menu, "data_settings_action", self.tr("Backup and &lock settings…"), self.open_data_settings,
            right="settings")
        file_menu.addSeparator()
        self.import_menu = file_menu.addMenu(self.tr("&Import a ledger"))
        ledgers = (("members", self.tr("Party members…")), ("grid-workers", self.tr("Grids and grid workers…")),
                   ("mediation", self.tr("Mediation cases…")), ("volunteer-hours", self.tr("Volunteer service log…")),
                   ("residents", self.tr("Population and housing…")))
        for key, text in ledgers:
            act(self.import_menu, f"import_{key}_action", text, lambda _=False, k=key: self.import_ledger(k),
                right="import")
        file_menu.addSeparator()
        self.station_action = act(file_menu, "station_action", self.tr("Make a s&tation copy…"),
                                  self.make_station_copy, right="accounts")
        act(file_menu, "export_bundle_action", self.tr("E&xport an exchange bundle…"), self.export_exchange_bundle,
            right="exchange")
        act(file_menu, "import_bundle_action", self.tr("Import an e&xchange bundle…"), self.import_exchange_bundle,
            right="exchange")
        self.registers_action = act(file_menu, "station_registers_action",
                                    self.tr("Registers entered at &stations…"), self.open_station_registers,
                                    right="accounts")
        self.conflicts_action = act(file_menu, "conflicts_action", self.tr("Pending &conflicts…"),
                                    self.open_conflicts, right="edit")
        act(file_menu, "duplicates_action", self.tr("Possible &duplicate people…"), self.open_duplicates,
            right="edit")
        file_menu.addSeparator()
        act(file_menu, "notice_action", self.tr("Write a &notice or public notice…"), self.write_notice,
            right="print")
        act(file_menu, "summary_action", self.tr("Monthly &summary…"), self.print_summary, right="print")
        file_menu.addSeparator()
        act(file_menu, "backup_action", self.tr("&Back up now"), self.back_up_now, right="backup")
        act(file_menu, "restore_action", self.tr("&Restore from a backup…"), self.restore_backup,
            right="restore_backup")
        act(file_menu, "check_action", self.tr("&Check the database"), self.check_database)
        if self.ctx.db.is_server:
            self._server_safety_actions()
        file_menu.addSeparator()
        act(file_menu, "quit_action", self.tr("&Quit"), self.close, shortcut=QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setObjectName("undo_action")
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        act(edit_menu, "refresh_action", self.tr("Re&fresh the list"), self.refresh_current,
            shortcut=QKeySequence(Qt.Key.Key_F5))
        edit_menu.addSeparator()
        self.recycle_action = act(edit_menu, "recycle_action", self.tr("Recycle &bin…"), self.open_recycle_bin,
                                  right="restore")

        party_menu = self.menuBar().addMenu(self.tr("&Party life"))
        act(party_menu, "points_action", self.tr("Members' &points…"), self.open_points)
        act(party_menu, "ratings_action", self.tr("Branch &star ratings…"), self.open_ratings)

        account_menu = self.menuBar().addMenu(self.tr("&Account"))
        act(account_menu, "lock_action", self.tr("&Lock now"), self.lock_now, shortcut=QKeySequence("Ctrl+L"))
        act(account_menu, "password_action", self.tr("Change my &password…"), self.change_password)
        account_menu.addSeparator()
        act(account_menu, "accounts_action", self.tr("&Accounts and roles…"), self.open_accounts, right="accounts")
        act(account_menu, "audit_action", self.tr("Operation &log…"), self.open_audit_log, right="audit")

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        act(help_menu, "about_action", self.tr("&About"), self._about)

    def on_user_changed(self, _actor: object = None) -> None:
        """Another account signed in at the lock screen, or one's own role changed: the undo
        history was someone else's work, and the menus follow the new rights."""
        self.undo_stack.clear()
        self.apply_permissions()
        self.community_picker.reload()

    def apply_permissions(self) -> None:
        """Show what the signed-in role may do (db/ checks again whatever is attempted)."""
        actor = self.ctx.db.actor
        for action, right in self._rights.items():
            action.setVisible(allowed(actor, right))
        for name in ("lock_action", "password_action"):  # only for a signed-in account, not scripts
            self.findChild(QAction, name).setVisible(actor.user_id is not None)
        self.import_menu.menuAction().setVisible(allowed(actor, "import"))
        station = self.copy_status is not None and self.copy_status.is_station
        if station:  # station copies are made, conflicts settled and the office's ledgers imported at the office
            self.station_action.setVisible(False)
            self.registers_action.setVisible(False)
            for ledger, register in (("members", "members"), ("grid-workers", "grid_workers"),
                                     ("residents", "residents")):
                if register not in (self.ctx.station_registers or ()):
                    self.findChild(QAction, f"import_{ledger}_action").setVisible(False)
        self.conflicts_action.setVisible(not station and allowed(actor, "edit"))
        self.user_label.setText(self.tr("Signed in: %1 (%2)").replace("%1", actor.username)
                                .replace("%2", ROLES.label(actor.role) if self.ctx.is_chinese else actor.role))
        for tab in self.register_tabs.values():
            tab.apply_permissions()
        self.houses_tab.on_selection_changed()  # its buttons follow the role

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Community Desk"),
                          self.tr("Community Desk keeps the community office's registers offline.")
                          + f"\n\n{self.ctx.db.shown}")

    # --- behaviour ------------------------------------------------------------------------
    def _on_count_changed(self, tab: RegisterTab, text: str) -> None:
        self._counts[tab] = text
        if self.tabs.currentWidget() is tab:
            self.count_label.setText(text)

    def on_tabs_current_changed(self, index: int) -> None:
        """Show the tab's count; a tab is queried the first time it is shown, not at start-up,
        so the window opens as fast as its first register (500,000 service-log lines need not
        be read to show the members). Shown again, it lists afresh when the database changed
        since it listed (a colleague's save on another PC), which one index lookup tells."""
        tab = self.tabs.widget(index)
        if isinstance(tab, RegisterTab):
            mark = self._change_mark()
            if tab in self._stale:
                self._stale.discard(tab)
                self._list_again(tab, mark, changed=False)
            elif mark is None or self._listed_at.get(tab) != mark:
                self._list_again(tab, mark, changed=True)
        if tab is self.houses_tab:
            self.houses_tab.refresh()
        self.count_label.setText(self._counts.get(tab, ""))  # type: ignore[call-overload]

    def _change_mark(self) -> int | None:
        """db.changes' mark; None when it cannot be read (then a shown tab always lists afresh)."""
        try:
            with self.ctx.db.session() as s:
                return change_mark(s)
        except Exception:  # noqa: BLE001  (a role that may not read the log: list afresh instead)
            return None

    def _list_again(self, tab: RegisterTab, mark: int | None, *, changed: bool) -> None:
        if changed:  # rows cached and figures beside the list may be others' old values
            tab.model.invalidate()
            tab.on_records_changed()
        tab.refresh()
        self._listed_at[tab] = mark

    def refresh_current(self) -> None:
        """F5: the current tab reads its list (and its figures) afresh, keeping the selection."""
        tab = self.tabs.currentWidget()
        if isinstance(tab, RegisterTab):
            self._stale.discard(tab)
            self._list_again(tab, self._change_mark(), changed=True)
            self.count_label.setText(self._counts.get(tab, ""))
        elif tab is self.home_tab:
            self.home_tab.refresh()
        elif tab is self.houses_tab:
            self.houses_tab.refresh()

    def _on_data_changed(self) -> None:
        """A save in one tab may change another (a person's name shows in several registers)."""
        self.home_tab.refresh()
        sender = self.sender()
        if isinstance(sender, RegisterTab):  # it listed its own change: no need to list it again when shown
            self._listed_at[sender] = self._change_mark()
        for tab in self.register_tabs.values():
            if tab is not sender:
                tab.model.invalidate()
                tab.on_records_changed()
                self._stale.add(tab)  # re-queried when next shown

    def open_home_target(self, target: str) -> None:
        from desktop.home.targets import open_home_target

        open_home_target(self, target)

    def show_tab(self, key: str) -> RegisterTab:
        tab = self.register_tabs[key]
        if self.tabs.currentWidget() is tab:
            self.on_tabs_current_changed(self.tabs.currentIndex())
        else:
            self.tabs.setCurrentWidget(tab)  # currentChanged lists it
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
            self.refresh_all()

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
            self.refresh_all()

    # --- station copies and exchange bundles (desktop/exchange) -------------------------------
    def show_copy_status(self) -> None:
        """The title and the status bar say when this is a station copy, or the office with stations."""
        from db.exchange.status import copy_status

        try:
            with self.ctx.db.session() as s:
                self.copy_status = status = copy_status(s)
        except Exception:  # a status line must not keep the window from opening
            self.copy_status = status = None
        title = self.tr("Community Desk") + f" — {self.ctx.db.name}"
        self.ctx.station_registers = status.station_registers if status is not None and status.is_station else None
        if status is None:
            self.copy_label.setVisible(False)
            self.setWindowTitle(title)
            return
        if status.is_station:
            text = self.tr("Station copy: %1").replace("%1", status.name)
            self.setWindowTitle(self.tr("Community Desk") + " — " + self.tr("%1 (station copy)")
                                .replace("%1", status.name) + f" — {self.ctx.db.name}")
        else:
            text = self.tr("Office · %1 stations").replace("%1", str(len(status.peers)))
            if status.conflicts:
                text += " · " + self.tr("%1 conflicts pending").replace("%1", str(status.conflicts))
            self.setWindowTitle(title)
        self.copy_label.setText(text)
        self.copy_label.setContentsMargins(6, 0, 12, 0)
        # A station is marked so nobody takes it for the office's own database.
        self.copy_label.setStyleSheet("QLabel { background: #fff3cd; color: #6b4400; border-radius: 3px; }"
                                      if status.is_station else "")
        self.copy_label.setVisible(True)

    def make_station_copy(self) -> None:
        from desktop.exchange.dialogs import StationDialog
        from desktop.exchange.run import make_station, run_exchange_job, station_made_text

        dialog = StationDialog(self)
        if not dialog.exec():
            return
        name, out, numbers = dialog.name_edit.text().strip(), dialog.file_row.path(), dialog.numbers_check.isChecked()
        run_exchange_job(self, self.tr("Make a station copy"), self.tr("Copying the office's records…"),
                         lambda progress: make_station(self.ctx.db, name, out, numbers, progress),
                         station_made_text, on_done=lambda _made: self.show_copy_status())

    def export_exchange_bundle(self) -> None:
        from db.exchange.status import peer_names
        from desktop.exchange.dialogs import ExportDialog
        from desktop.exchange.run import export_to, exported_text, run_exchange_job

        with self.ctx.db.session() as s:
            peers = peer_names(s)
        dialog = ExportDialog(peers, self)
        if not dialog.exec():
            return
        peer, out = dialog.peer_combo.currentText(), dialog.file_row.path()
        run_exchange_job(self, self.tr("Export an exchange bundle"), self.tr("Writing the bundle…"),
                         lambda progress: export_to(self.ctx.db, peer, out, progress), exported_text)

    def import_exchange_bundle(self) -> None:
        from desktop.exchange.dialogs import ImportDialog
        from desktop.exchange.run import import_from, imported_text, run_exchange_job

        dialog = ImportDialog(self)
        if not dialog.exec():
            return
        path = dialog.file_row.path()

        def imported(_result: object) -> None:
            self.refresh_all()
            self.show_copy_status()

        run_exchange_job(self, self.tr("Import an exchange bundle"), self.tr("Checking and applying the bundle…"),
                         lambda progress: import_from(self.ctx.db, path, progress), imported_text, on_done=imported)

    def open_conflicts(self) -> None:
        from desktop.exchange.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.ctx, self)
        dialog.exec()
        if dialog.changed:
            self.refresh_all()
        self.show_copy_status()

    def open_station_registers(self) -> None:
        from desktop.exchange.registers_dialog import StationRegistersDialog

        StationRegistersDialog(self.ctx, self).exec()

    def open_duplicates(self) -> None:
        from desktop.exchange.duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.ctx, self)
        dialog.exec()
        if dialog.changed:
            self.refresh_all()

    def refresh_all(self) -> None:
        """After an import, a restore from the bin or a whole backup: every tab lists anew."""
        self.home_tab.refresh()
        for tab in self.register_tabs.values():
            tab.model.invalidate()
            tab.on_records_changed()
            self._stale.add(tab)
        self.on_tabs_current_changed(self.tabs.currentIndex())

    # --- which database ---------------------------------------------------------------------
    def fill_recent_menu(self) -> None:
        """The databases this PC opened, the last first; the open one is ticked."""
        from desktop.connect.recent import recent_databases, shown_name

        self.recent_menu.clear()
        recent = recent_databases(self.settings)
        for i, text in enumerate(recent):
            action = self.recent_menu.addAction(shown_name(text))
            action.setObjectName(f"recent_action_{i}")
            action.setData(text)
            if self._is_open(text):
                action.setCheckable(True)
                action.setChecked(True)
            action.triggered.connect(lambda _=False, t=text: self.open_recent(t))
        if not recent:
            empty = self.recent_menu.addAction(self.tr("(none yet)"))
            empty.setEnabled(False)

    def _is_open(self, target: Path | str) -> bool:
        try:
            return location.key(location.parse(target)) == self.ctx.db.key
        except (location.BadLocation, OSError):
            return False

    def open_database_file(self) -> None:
        from desktop.connect.recent import last_file

        start = self.ctx.db.path.parent if not self.ctx.db.is_server else last_file(self.settings).parent
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open a database file"), str(start),
                                              self.tr("Community Desk databases (*.sqlite3 *.db);;All files (*)"))
        if name:
            self.open_database(Path(name))

    def connect_to_server(self) -> None:
        """文件 → 连接服务器…: the dialog connects (and keeps the password if asked); then the window
        opens anew on the server's database."""
        from db.connections import parse_server
        from desktop.connect.dialogs import ConnectServerDialog
        from desktop.connect.recent import recent_databases
        from desktop.safety.startup import OpenedDatabase

        initial = self.ctx.db.location if self.ctx.db.is_server else None
        if initial is None:  # the server connected to last, to change one detail of it
            initial = next((url for url in map(parse_server, recent_databases(self.settings)) if url), None)
        dialog = ConnectServerDialog(self, initial)  # type: ignore[arg-type]
        if not dialog.exec() or dialog.database is None:
            return
        if dialog.database.key == self.ctx.db.key:
            dialog.database.close()
            self.statusBar().showMessage(self.tr("This database is already open."), 5000)
            return
        self.switch_to(OpenedDatabase(dialog.database, None))

    def open_recent(self, text: str) -> None:
        from desktop.connect.recent import forget_database

        if not location.is_url(text) and not Path(text).is_file():
            QMessageBox.warning(self, self.tr("Cannot open the database"),
                                self.tr("The database file %1 is not there any more (moved, renamed, or on a drive "
                                        "that is not plugged in).").replace("%1", text))
            forget_database(text, self.settings)
            return
        self.open_database(text)

    def open_database(self, target: Path | str) -> bool:
        """Open another database (a file, with its lock and check; or a server URL, with its password)
        and reopen the window on it. False when it stays on the current one."""
        from desktop.safety.startup import open_for_window

        if self._is_open(target):
            self.statusBar().showMessage(self.tr("This database is already open."), 5000)
            return False
        opened = open_for_window(target, self, self.settings)
        if opened is None:
            return False
        return self.switch_to(opened)

    def switch_to(self, opened: Any) -> bool:
        """Sign in on the opened database (its own accounts), then close this window so the app
        opens it anew there. A refused sign-in or close leaves everything as it was."""
        from desktop.accounts.login_dialog import sign_in_or_set_up

        try:
            actor = sign_in_or_set_up(opened.db, self, self.ctx.lang)
        except Exception as exc:  # noqa: BLE001  (never a traceback: the window stays on its database)
            opened.close()
            QMessageBox.critical(self, self.tr("Cannot open the database"), str(exc) or type(exc).__name__)
            return False
        if actor is None:
            opened.close()
            return False
        self.next_database = opened
        if not self.close():  # changes being edited that the person chose to keep
            self.next_database = None
            opened.close()
            return False
        from desktop.connect.recent import remember_database

        remember_database(opened.db, self.settings)  # a server by its URL without the password
        return True

    # --- data safety ------------------------------------------------------------------------
    def _server_safety_actions(self) -> None:
        """On a server, backups and restores are pg_dump's (desktop.safety.server_actions); the
        check is SQLite's integrity check of a file, so it is the server administrator's there."""
        action = self.findChild(QAction, "check_action")
        action.setEnabled(False)
        action.setToolTip(self.tr("On a server, the administrator checks the database"))

    def open_data_settings(self) -> None:
        from desktop.safety.settings_dialog import DataSettingsDialog

        if DataSettingsDialog(self.ctx, self).exec() and self.idle_lock is not None:
            self.idle_lock.set_minutes(self._lock_minutes())

    def _lock_minutes(self) -> int:
        from db.data_settings import data_settings

        with self.ctx.db.session() as s:
            return data_settings(s).lock_minutes

    def back_up_now(self) -> None:
        from desktop.safety.backup_actions import back_up_in_background

        if self.ctx.db.is_server:
            from desktop.safety.server_actions import back_up_server_now

            back_up_server_now(self, self.ctx.db)
            return
        back_up_in_background(self, self.ctx.db)  # the job keeps itself alive while it runs

    def restore_backup(self) -> None:
        from db.backup import BackupError
        from desktop.safety.backup_actions import backup_target
        from desktop.safety.folders import backup_folders
        from desktop.safety.restore_dialog import RestoreDialog, restore_into

        if self.ctx.db.is_server:
            self._restore_server_backup()
            return
        folders = backup_folders(self.ctx.db.path, self.settings)
        dialog = RestoreDialog(self.ctx.db.path, folders, self)
        if not dialog.exec() or dialog.chosen is None:
            return
        try:
            message = restore_into(self.ctx, dialog.chosen.path, backup_target(self.ctx.db)[0])
        except BackupError as exc:
            QMessageBox.critical(self, self.tr("Not restored"), str(exc))
            return
        self.undo_stack.clear()  # the undo history spoke of records of the replaced file
        if self.idle_lock is not None:
            self.idle_lock.db = self.ctx.db  # reopened by the restore
        self.refresh_all()
        QMessageBox.information(self, self.tr("Restored"), message)

    def _restore_server_backup(self) -> None:
        from db.backup import BackupError
        from desktop.safety.restore_dialog import RestoreDialog
        from desktop.safety.server_actions import restore_server_into, run_busy, server_backups

        try:
            folder, backups = server_backups(self.ctx.db)
        except (BackupError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Not restored"), str(exc))
            return
        dialog = RestoreDialog(self.ctx.db.name, [folder], self, backups=backups)
        if not dialog.exec() or dialog.chosen is None:
            return
        dump = dialog.chosen.path
        result = run_busy(self, self.tr("Restore from a backup"), self.tr("Restoring the server's database…"),
                          lambda: restore_server_into(self.ctx, dump, folder))
        if isinstance(result, BackupError):
            QMessageBox.critical(self, self.tr("Not restored"), str(result))
            return
        self.undo_stack.clear()
        if self.idle_lock is not None:
            self.idle_lock.db = self.ctx.db  # opened afresh by the restore
        self.refresh_all()
        QMessageBox.information(self, self.tr("Restored"), result)

    def check_database(self) -> None:
        from desktop.safety.check import check_in_background

        if self.ctx.db.is_server:
            return
        check_in_background(self, self.ctx.db.path)

    # --- party life -------------------------------------------------------------------------
    def open_points(self) -> None:
        from desktop.party_life.points_dialog import PointsDialog

        PointsDialog(self.ctx, self).exec()
        self.home_tab.refresh()

    def open_ratings(self) -> None:
        from desktop.party_life.ratings_dialog import RatingsDialog

        RatingsDialog(self.ctx, self).exec()

    # --- accounts ---------------------------------------------------------------------------
    def lock_now(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.lock_now()

    def change_password(self) -> None:
        from desktop.accounts.password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.ctx, self).exec()

    def open_accounts(self) -> None:
        from desktop.accounts.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.ctx, self)
        dialog.user_changed.connect(self.on_user_changed)
        dialog.exec()

    def open_audit_log(self) -> None:
        from desktop.audit_log.dialog import AuditLogDialog

        AuditLogDialog(self.ctx, self).exec()

    # --- state ----------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        for key, tab in self.register_tabs.items():
            state = self.settings.header_state(key)
            if state is not None and tab.table.horizontalHeader().restoreState(state):
                tab.columns_fitted = True  # the widths the person chose win over fitting
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
        """Ask before an open record dialog's typing is thrown away; then remember the layout."""
        from desktop.common.record_dialog import open_dialogs_with_changes

        unsaved = open_dialogs_with_changes()
        if unsaved:
            answer = QMessageBox.question(
                self, self.tr("Unsaved changes"),
                self.tr("%n record(s) being edited have changes that are not saved. Quit and discard them?", "",
                        len(unsaved)),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                unsaved[0].raise_()
                unsaved[0].activateWindow()
                return
            for dialog in unsaved:
                dialog.discard_and_close()
        self.save_state()
        if self.idle_lock is not None:  # a closed window has nothing to lock: its timer must not fire later
            self.idle_lock.stop()
        for tab in self.register_tabs.values():
            tab.stop_pending_work()
        super().closeEvent(event)
