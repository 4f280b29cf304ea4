"""One rights table (db.permissions.ACTIONS, role × action): the window's menus and buttons show
exactly what it allows each role, and the database gate lets each role change exactly the
tables that follow from it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction

from db.gate import may_change
from db.permissions import ACTIONS, Actor, allowed
from desktop.common.context import AppContext
from desktop.main_window import MainWindow

ROLES = ("admin", "clerk", "viewer")


@pytest.mark.parametrize("role", ROLES)
def test_menus_and_tab_buttons_follow_the_rights_table(qtbot, ctx: AppContext, role: str) -> None:  # type: ignore[no-untyped-def]
    actor = Actor("someone", role, 7)
    ctx.db.actor = actor
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    menu_rights = window._rights.items()
    assert {right for _, right in menu_rights} >= {"accounts", "audit", "settings"}
    for action, right in menu_rights:
        assert right in ACTIONS, right
        assert action.isVisible() == allowed(actor, right), (action.objectName(), right)
    guarded = [(w, right, how) for tab in window.register_tabs.values() for w, right, how in tab._guarded]
    assert guarded
    for widget, right, how in guarded:
        assert right in ACTIONS, right
        shown = widget.isVisible() if isinstance(widget, QAction) else (
            widget.isEnabled() if how == "disable" else not widget.isHidden())
        assert shown == allowed(actor, right), (widget.objectName(), right)
    for tab in window.register_tabs.values():
        assert (not tab.new_button.isHidden()) == allowed(actor, "edit")
        assert (not tab.delete_button.isHidden()) == (tab.deletes and allowed(actor, "delete"))


@pytest.mark.parametrize("role", ROLES)
def test_the_gate_lets_a_role_change_what_the_table_allows(role: str) -> None:
    def may(action: str) -> bool:
        return role in ACTIONS[action][0]

    for table in ("persons", "party_members", "meetings", "service_logs", "mediation_cases"):
        assert all(may_change(role, table, change) == may("edit") for change in ("INSERT", "UPDATE", "DELETE"))
    assert may_change(role, "users", "INSERT") == may("accounts")
    assert may_change(role, "users", "UPDATE", "role") == may("accounts")
    assert may_change(role, "users", "UPDATE", "password_hash")  # one's own password: the row is checked above
    assert may_change(role, "office_settings", "UPDATE") == (may("settings") or may("print"))
    assert may_change(role, "audit_log", "INSERT")
    assert not may_change(role, "audit_log", "UPDATE") and not may_change(role, "audit_log", "DELETE")
    assert not may_change(role, "alembic_version", "UPDATE")
