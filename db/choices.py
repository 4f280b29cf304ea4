"""Small lists the forms offer as drop-downs (grids, …), as (id, label) pairs."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Grid


def grid_choices(session: Session) -> list[tuple[int | None, str]]:
    """Live grids as (id, "code name"), in code order."""
    rows = session.execute(select(Grid.id, Grid.code, Grid.name).where(Grid.deleted_at.is_(None)).order_by(Grid.code))
    return [(gid, f"{code} {name}") for gid, code, name in rows]


def grid_worker_choices(session: Session) -> list[tuple[int | None, str]]:
    """Active grid workers as (id, name), by name: who can be recorded as having visited."""
    from db.models import GridWorker, Person

    rows = session.execute(select(GridWorker.id, Person.name).join(Person, GridWorker.person_id == Person.id)
                           .where(GridWorker.deleted_at.is_(None), GridWorker.status == "active")
                           .order_by(Person.name_sort))
    return [(worker_id, name) for worker_id, name in rows]
