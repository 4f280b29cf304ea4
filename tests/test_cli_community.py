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
