"""Accounts made the way the office makes them, and typing with the keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from db.accounts import create_user, sign_in
from db.database import Database
from db.models import AuditEntry
from db.permissions import Actor

ADMIN_PASSWORD = "Xingfu#2026"
CLERK_PASSWORD = "Luru#2026a"


def make_user(db: Database, username: str, password: str, role: str, display_name: str = "") -> int:
    with db.session() as s, s.begin():
        return create_user(s, username, password, role, display_name).id


def admin_signed_in(db: Database) -> Actor:
    """The first administrator, signed in as the window would be."""
    make_user(db, "admin", ADMIN_PASSWORD, "admin", "王主任")
    db.actor = sign_in(db, "admin", ADMIN_PASSWORD)
    return db.actor


def show(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)


def type_keys(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ASCII into a field as a person would (keyClicks aborts on anything else)."""
    assert text.isascii()
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def press_enter(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Enter in `widget`, or in the field that has the focus when `widget` is a window."""
    target = widget.focusWidget() if widget.isWindow() and widget.focusWidget() is not None else widget
    qtbot.keyClick(target, Qt.Key.Key_Return)


def audit_actions(db: Database) -> list[tuple[str, str]]:
    with db.session() as s:
        return [(e.action, e.username) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
