"""Where each link of the home page (工作台) leads: a tab, a filtered list, or the records behind
a count. Kept apart from the home tab (which only says what to open) and from the window (which
only owns the tabs), so a new to-do item is one line here."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from db import home
from db.mediation import case_rows
from db.validation import format_date_cn
from desktop.home.text import HomeLists

if TYPE_CHECKING:
    from desktop.main_window import MainWindow



def open_home_target(window: MainWindow, target: str, today: date | None = None) -> None:
    """Follow a TodoItem.target: "party_life", "members:flag=<key>" or "mediation:<key>"."""
    today = today or date.today()
    register, _, what = target.partition(":")
    if register == "party_life":
        window.show_tab("party_life")
    elif register == "members":
        _member_list(window, what.removeprefix("flag="), today)
    elif register == "mediation":
        _case_list(window, what, today)
    elif register == "grid":
        _grid_list(window, what, today)


def _member_list(window: MainWindow, key: str, today: date) -> None:
    tab = window.show_tab("party_life")
    panel = tab.figures_panel  # type: ignore[attr-defined]
    if key == home.POLITICAL_BIRTHDAYS:
        with window.ctx.db.session() as s:
            ids = home.todo_ids(s, key, today)
        month = f"{today.year}年{today.month}月"
        panel.member_list_dialog(HomeLists.tr("Party anniversaries in %1").replace("%1", month), ids, key).exec()
    else:
        panel.flag_dialog(key).exec()


def _case_list(window: MainWindow, key: str, today: date) -> None:
    from desktop.party_life.figures_panel import MemberListDialog

    with window.ctx.db.session() as s:
        rows = case_rows(s, home.todo_ids(s, key, today))
    if key == home.OPEN_OVER_30:
        title = HomeLists.tr("Mediation cases open more than %1 days").replace("%1", str(home.OPEN_CASE_DAYS))
        lines = [(r.id, r.number, r.parties, HomeLists.tr("Received %1, %2 days ago").replace("%1", format_date_cn(
            r.received_on)).replace("%2", str((today - r.received_on).days))) for r in rows]
    elif key == home.APPLICATIONS_WAITING:
        title = HomeLists.tr("Mediation applications awaiting acceptance")
        lines = [(r.id, r.number, r.parties, HomeLists.tr("Applied %1 at a service station").replace(
            "%1", format_date_cn(r.received_on))) for r in rows]
    else:
        title = HomeLists.tr("Agreements due a follow-up visit")
        lines = [(r.id, r.number, r.parties, HomeLists.tr("Closed %1, no follow-up visit yet").replace(
            "%1", format_date_cn(r.closed_on or today - timedelta(days=home.FOLLOW_UP_AFTER_DAYS)))) for r in rows]
    dialog = MemberListDialog(title, lines, window, register="mediation",
                              headers=(HomeLists.tr("Case number"), HomeLists.tr("Parties"), HomeLists.tr("Why")))
    dialog.open_record_requested.connect(window.open_record)
    dialog.resize(720, 420)
    dialog.exec()


def _grid_list(window: MainWindow, key: str, today: date) -> None:
    """The incidents, households or residents behind a grid-work item; a resident opens."""
    from desktop.party_life.figures_panel import MemberListDialog

    with window.ctx.db.session() as s:
        ids = home.todo_ids(s, key, today)
        title, headers, register, lines = _grid_lines(s, key, ids, today)
    dialog = MemberListDialog(title, lines, window, register=register, headers=headers)
    if register == "residents":
        dialog.open_record_requested.connect(window.open_record)
    dialog.resize(720, 420)
    dialog.exec()


def _grid_lines(session, key: str, ids: list[int], today: date):  # type: ignore[no-untyped-def]
    from db.incidents import deadline_state
    from db.models import Incident
    from db.resident_list import resident_rows
    from db.visits import due_households

    if key == home.INCIDENTS_DUE:
        lines = []
        for incident_id in ids:
            incident = session.get(Incident, incident_id)
            overdue = deadline_state(incident, today) == "overdue"
            state = HomeLists.tr("overdue") if overdue else HomeLists.tr("due soon")
            lines.append((incident.id, incident.number, incident.subject,
                          HomeLists.tr("Deadline %1, %2").replace("%1", format_date_cn(incident.due_on))
                          .replace("%2", state)))
        return (HomeLists.tr("Incidents near or past their deadline"),
                (HomeLists.tr("Number"), HomeLists.tr("Subject"), HomeLists.tr("Why")), "incidents", lines)
    if key == home.VISITS_DUE:
        lines = [(d.household_id, d.title, d.grid,
                  HomeLists.tr("Last visited %1").replace("%1", format_date_cn(d.last_visit)) if d.last_visit
                  else HomeLists.tr("Never visited")) for d in due_households(session, today)]
        return (HomeLists.tr("Households due a visit"),
                (HomeLists.tr("Household"), HomeLists.tr("Grid"), HomeLists.tr("Why")), "households", lines)
    rows = resident_rows(session, ids)
    lines = [(r.id, r.name, r.address, "、".join(r.tags)) for r in rows]
    return (HomeLists.tr("Care residents not visited this month"),
            (HomeLists.tr("Name"), HomeLists.tr("Address"), HomeLists.tr("Care tags")), "residents", lines)
