"""The window's community filter: street staff look at every community or one; a database with
several communities and no accounts asks where to work; one community shows no filter."""

from __future__ import annotations

from db.accounts import create_user, sign_in
from db.communities import add_community
from db.people import PersonFields
from db.scope import Scope
from db.volunteers import VolunteerInput, save_volunteer
from desktop.common.context import AppContext
from desktop.main_window import MainWindow
from desktop.volunteers.tab import VOLUNTEERS


def two_communities(ctx: AppContext) -> None:
    with ctx.db.session() as s, s.begin():
        save_volunteer(s, VolunteerInput(PersonFields(name="张三")))
        sunny = add_community(s, "阳光社区").id
    ctx.db.scope = Scope(sunny)
    for name in ("李四", "王五"):
        with ctx.db.session() as s, s.begin():
            save_volunteer(s, VolunteerInput(PersonFields(name=name)))
    ctx.db.scope = None


def listed(window: MainWindow, qtbot) -> int:  # type: ignore[no-untyped-def]
    """The volunteers the window lists now."""
    tab = window.show_tab("volunteers")
    tab.set_view(VOLUNTEERS)  # type: ignore[attr-defined]
    tab.refresh()
    return int(tab.model.rowCount())


def test_one_community_shows_no_filter(qtbot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.community_picker.isHidden()


def test_without_accounts_the_clerk_picks_where_to_work(qtbot, ctx: AppContext) -> None:
    two_communities(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    picker = window.community_picker
    assert not picker.isHidden()
    assert [picker.itemText(i) for i in range(picker.count())] == ["幸福社区", "阳光社区"]
    assert listed(window, qtbot) == 1
    picker.setCurrentIndex(1)
    assert listed(window, qtbot) == 2 and not ctx.db.scope.read_only  # type: ignore[union-attr]


def test_street_staff_see_all_together_or_one(qtbot, ctx: AppContext) -> None:
    two_communities(ctx)
    with ctx.db.session() as s, s.begin():
        create_user(s, "jiedao", "Street-2026!", "admin", street=True)
    ctx.db.actor = sign_in(ctx.db, "jiedao", "Street-2026!")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    picker = window.community_picker
    assert [picker.itemText(i) for i in range(picker.count())] == ["全部社区", "幸福社区", "阳光社区"]
    assert listed(window, qtbot) == 3
    picker.setCurrentIndex(2)
    assert listed(window, qtbot) == 2 and ctx.db.scope == Scope.street(ctx.db.scope.community_id)  # type: ignore[union-attr]
