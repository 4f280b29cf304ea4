"""`community add/list` and `--community`: one database, several communities, on both engines."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from db.database import Database
from db.models import Community
from db.people import PersonFields
from db.scope import Scope
from db.volunteers import VolunteerInput, save_volunteer
from tests.test_cli import run


def test_communities_are_added_listed_and_chosen(  # type: ignore[no-untyped-def]
        capsys, db: Database, db_target: Path | str) -> None:
    target = str(db_target)
    code, out, err = run(capsys, "community", "add", "阳光社区", "--db", target)
    assert code == 0, err
    code, _, err = run(capsys, "community", "add", "阳光社区", "--db", target)
    assert code == 1 and "“阳光社区”已经有了" in err
    with db.sessions() as s:
        sunny = s.scalar(select(Community.id).where(Community.name == "阳光社区"))
    db.scope = Scope(sunny)
    with db.session() as s, s.begin():
        save_volunteer(s, VolunteerInput(PersonFields(name="李四")))

    code, out, _ = run(capsys, "stats", "--db", target, "--community", "阳光社区", "--json")
    assert code == 0 and json.loads(out)["volunteers"] == 1
    code, out, _ = run(capsys, "stats", "--db", target, "--community", "幸福社区", "--json")
    assert code == 0 and json.loads(out)["volunteers"] == 0
    code, out, _ = run(capsys, "community", "list", "--db", target, "--json")
    assert [c["name"] for c in json.loads(out)] == ["幸福社区", "阳光社区"]
    code, _, err = run(capsys, "stats", "--db", target, "--community", "月亮社区")
    assert code == 1 and "没有名为“月亮社区”的社区（现有：幸福社区、阳光社区）" in err


def test_a_street_account_reads_every_community_and_changes_none(  # type: ignore[no-untyped-def]
        capsys, monkeypatch, db: Database, db_target: Path | str) -> None:
    from db.accounts import create_user
    from db.communities import add_community

    for community, name in ((None, "张三"), ("阳光社区", "李四")):
        if community:
            with db.session() as s, s.begin():
                add_community(s, community)
            with db.sessions() as s:
                db.scope = Scope(s.scalar(select(Community.id).where(Community.name == community)))
        with db.session() as s, s.begin():
            save_volunteer(s, VolunteerInput(PersonFields(name=name)))
    db.scope = None
    with db.session() as s, s.begin():  # the first account is made where there is none yet
        create_user(s, "admin", "Admin-2026!", "admin", street=True)
        create_user(s, "jiedao", "Street-2026!", "viewer", "街道办", street=True)
    target = str(db_target)
    monkeypatch.setenv("CD_PASSWORD", "Street-2026!")
    code, out, err = run(capsys, "stats", "--db", target, "--user", "jiedao", "--json")
    assert code == 0 and json.loads(out)["volunteers"] == 2, err  # the street's total
    code, out, err = run(capsys, "stats", "--db", target, "--user", "jiedao", "--community", "阳光社区", "--json")
    assert code == 0 and json.loads(out)["volunteers"] == 1, err  # one community, picked
    code, out, err = run(capsys, "community", "list", "--db", target, "--user", "jiedao", "--json")
    assert code == 0 and {c["name"]: c["people"] for c in json.loads(out)} == {"幸福社区": 1, "阳光社区": 1}
    code, _, err = run(capsys, "community", "add", "月亮社区", "--db", target, "--user", "jiedao")
    assert code == 2 and err
    monkeypatch.setenv("CD_PASSWORD", "Admin-2026!")  # the street's administrator sets communities up
    code, _, err = run(capsys, "community", "add", "月亮社区", "--db", target, "--user", "admin")
    assert code == 0, err


def test_the_street_administrator_places_an_account_in_a_community(  # type: ignore[no-untyped-def]
        capsys, monkeypatch, db: Database, db_target: Path | str) -> None:
    from db.accounts import create_user
    from db.communities import add_community
    from db.models import User

    with db.session() as s, s.begin():
        add_community(s, "阳光社区")
        create_user(s, "admin", "Admin-2026!", "admin", street=True)
    monkeypatch.setenv("CD_PASSWORD", "Admin-2026!")
    target = str(db_target)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("Zhang-2026!\nZhang-2026!\n"))
    code, _, err = run(capsys, "user", "add", "--username", "zhang", "--role", "clerk", "--community", "阳光社区",
                       "--db", target, "--user", "admin")
    assert code == 0, err
    with db.session() as s:
        sunny = s.scalar(select(Community.id).where(Community.name == "阳光社区"))
        assert dict(s.execute(select(User.username, User.community_id)).all()) == \
            {"admin": None, "zhang": sunny}
