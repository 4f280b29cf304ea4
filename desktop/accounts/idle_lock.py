"""Locking the window after a while without keyboard or mouse input.

An application-wide event filter notes the time of the last key press, click, wheel turn or
mouse move; a single-shot timer wakes when the interval could have run out and locks only if
nothing happened since (cheaper than restarting a timer on every mouse move). While locked
the main window's central widget is hidden and other open windows are covered, so a passer-by
at the shared PC reads nothing; dialogs the person had open keep what they typed.
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QVBoxLayout, QWidget

from db.data_settings import DEFAULT_LOCK_MINUTES, data_settings
from db.database import Database
from db.permissions import Actor
from desktop.accounts.lock_dialog import QUIT, LockDialog

ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.InputMethod,
})


def lock_minutes(db: Database) -> int:
    """The idle minutes set in the database (0 = never lock); the default if it cannot be read."""
    try:
        with db.session() as session:
            return data_settings(session).lock_minutes
    except Exception:  # a damaged settings table must not stop the window from locking
        return DEFAULT_LOCK_MINUTES


class _Cover(QWidget):
    """An opaque panel over a whole window, following its size."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("Locked"), self)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        self.setGeometry(target.rect())
        target.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        return False


class IdleLock(QObject):
    """Install once per main window: IdleLock(db, window). Lives as long as the window.

    Signals: locked() when the lock dialog opens, unlocked() when it closes with a signed-in
    account, user_changed(Actor) before unlocked() when someone else signed in (db.actor is
    already the new actor; the window should re-apply permissions).
    """

    locked = Signal()
    unlocked = Signal()
    user_changed = Signal(object)

    def __init__(self, db: Database, window: QWidget, minutes: int | None = None) -> None:
        super().__init__(window)
        self.db = db
        self.window = window
        self.dialog: LockDialog | None = None
        self._interval_ms = 0
        self._last_input = time.monotonic()
        self._locked = False
        self._hidden: QWidget | None = None
        self._covers: list[_Cover] = []
        self._focus: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.set_minutes(lock_minutes(db) if minutes is None else minutes)

    # --- settings --------------------------------------------------------------------------
    @property
    def is_locked(self) -> bool:
        return self._locked

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    def set_minutes(self, minutes: int) -> None:
        """Change the idle time live (after the data settings are saved); 0 = never lock."""
        self.set_interval_ms(max(0, int(minutes)) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self._interval_ms = max(0, ms)
        self._last_input = time.monotonic()
        if self._interval_ms and not self._locked:
            self._timer.start(self._interval_ms)
        else:
            self._timer.stop()

    def stop(self) -> None:
        """Stop watching (the window is closing)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # --- watching ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY and not self._locked:
            self._last_input = time.monotonic()
        return False

    def _on_timer_timeout(self) -> None:
        if not self._interval_ms or self._locked:
            return
        if self.db.actor.user_id is None:  # nobody signed in (screenshots, scripts): no password to ask for
            return
        idle_ms = (time.monotonic() - self._last_input) * 1000
        if idle_ms + 5 >= self._interval_ms:  # timers may fire a few ms early
            self.lock_now()
        else:
            self._timer.start(max(1, int(self._interval_ms - idle_ms)))

    # --- locking -----------------------------------------------------------------------------
    def lock_now(self) -> None:
        if self._locked:
            return
        self._locked = True
        self._timer.stop()
        popup = QApplication.activePopupWidget()
        if popup is not None:  # an open menu or combo list would stay on top of the cover
            popup.close()
        self._focus = QApplication.focusWidget()
        self._conceal()
        self._show_dialog()
        self.locked.emit()

    def _show_dialog(self) -> None:
        self.dialog = LockDialog(self.db, self.db.actor, self.window)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _conceal(self) -> None:
        central = self.window.centralWidget() if isinstance(self.window, QMainWindow) else None
        if central is not None and central.isVisible():
            central.setVisible(False)
            self._hidden = central
        elif central is None:
            self._covers.append(_Cover(self.window))
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and isinstance(widget, (QDialog, QMainWindow)):
                self._covers.append(_Cover(widget))

    def _reveal(self) -> None:
        for cover in self._covers:
            if shiboken6.isValid(cover):
                cover.deleteLater()
                cover.hide()
        self._covers.clear()
        if self._hidden is not None and shiboken6.isValid(self._hidden):
            self._hidden.setVisible(True)
        self._hidden = None
        if self._focus is not None and shiboken6.isValid(self._focus) and self._focus.isVisible():
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focus = None

    def _on_dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        dialog.deleteLater()
        if result == QUIT:
            if not self.window.close():  # its closeEvent kept it open (unsaved work): stay locked
                self._show_dialog()
            return
        actor: Actor | None = dialog.actor
        if actor is None:
            self._show_dialog()
            return
        changed = (actor.username, actor.user_id) != (self.db.actor.username, self.db.actor.user_id)
        self.db.actor = actor
        if changed:
            self.user_changed.emit(actor)
        self._reveal()
        self._locked = False
        self.set_interval_ms(self._interval_ms)
        self.unlocked.emit()
