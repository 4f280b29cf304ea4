"""Small lists the forms offer as drop-downs (grids, …), as (id, label) pairs."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Grid


def grid_choices(session: Session) -> list[tuple[int | None, str]]:
    """Live grids as (id, "code name"), in code order."""
    rows = session.execute(select(Grid.id, Grid.code, Grid.name).where(Grid.deleted_at.is_(None)).order_by(Grid.code))
    return [(gid, f"{code} {name}") for gid, code, name in rows]
