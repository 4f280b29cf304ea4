"""Declarative base, naming convention and the columns every record carries.

The naming convention gives every constraint a stable name, which Alembic's batch mode
needs to drop or alter constraints on SQLite (SQLite itself does not name them).
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def now() -> datetime:
    """Local wall-clock time, seconds only: the office reads these times, not a server."""
    return datetime.now().replace(microsecond=0)


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def community_of_connection(context: Any) -> int:
    """The default community of a new row: the one the saving session works in (db.scope puts
    it on the connection at the start of each transaction), for the ORM and Core inserts alike."""
    from db.scope import community_for_insert

    return community_for_insert(context.connection)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Tracked:
    """What every register row carries: its community, a UUID that never changes (to match the
    same record between copies), a version counter (a save based on an older version is
    refused: two clerks on one record), created/updated times and soft delete (deleted_at set =
    in the recycle bin)."""

    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True,
                                              default=community_of_connection)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None, index=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


def mapped_class(table: str) -> type[Base]:
    """The model stored in `table` (KeyError for a table no model maps)."""
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == table:
            return mapper.class_  # type: ignore[no-any-return]
    raise KeyError(table)
