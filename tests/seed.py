"""A few rows most tests need: the community committee, two branches with a party group,
two grids. Kept tiny so each test builds its own data on top and every number is visible."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.database import Database
from db.models import Grid, PartyOrg


def seed_basics(session: Session) -> None:
    committee = PartyOrg(name="幸福社区党委", kind="committee", sort_order=1)
    first = PartyOrg(name="第一党支部", kind="branch", parent=committee, sort_order=2)
    second = PartyOrg(name="第二党支部", kind="branch", parent=committee, sort_order=3)
    group = PartyOrg(name="第一党小组", kind="group", parent=first, sort_order=4)
    session.add_all([committee, first, second, group])
    session.add_all([
        Grid(code="WG01", name="幸福一区", buildings="1栋,2栋,3栋", households=320, population=910),
        Grid(code="WG02", name="幸福二区", buildings="4栋,5栋", households=280, population=760),
    ])


ADMIN, CLERK, VIEWER = ("admin", "Xingfu#2026"), ("lixiao", "Luru#2026a"), ("zhao", "Chakan#2026")


def seed_office_accounts(db: Database) -> None:
    """The seed rows and three accounts made as an office makes them: the administrator first
    (no account yet: the system sets up), then, signed in as them, a clerk and a viewer. The
    database is left signed in as the administrator."""
    from db.accounts import create_user, sign_in

    with db.session() as s, s.begin():
        seed_basics(s)
        create_user(s, *ADMIN, "admin")
    db.actor = sign_in(db, *ADMIN)
    with db.session() as s, s.begin():
        create_user(s, *CLERK, "clerk")
        create_user(s, *VIEWER, "viewer")
