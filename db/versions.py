"""Two clerks on one record: the second save is refused, saying who changed it and when.

Every register row has a version counter (Tracked.version, SQLAlchemy's version_id_col), raised
by each change. An edit window remembers the version it loaded (`loaded_version`) and its save
first checks, in the saving transaction and with the row locked, that the version is still that
one (`check_unchanged`). A counter rather than a time stamp: two PCs' clocks disagree, and two
saves can fall in the same second.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AuditEntry, Tracked, mapped_class
from db.validation import format_date_cn


class EditConflict(Exception):
    """Someone else saved the record since it was opened; str() is one Chinese sentence."""


def _model(table: str) -> Any:
    """The register (a Tracked model) stored in `table`."""
    model = mapped_class(table)
    if not issubclass(model, Tracked):
        raise KeyError(table)
    return model


def loaded_version(session: Session, table: str, record_id: int) -> int | None:
    """The record's version now (None when it is gone): what an edit window remembers."""
    model = _model(table)
    return session.scalar(select(model.version).where(model.id == record_id))


def check_unchanged(session: Session, table: str, record_id: int, version: int | None) -> None:
    """In the saving transaction: EditConflict if the record changed (or went) since `version`.
    The row is locked until the transaction ends (FOR UPDATE on PostgreSQL; SQLite's writing
    transaction already has the database to itself), so no save slips in between."""
    model = _model(table)
    now = session.scalar(select(model.version).where(model.id == record_id)
                         .with_for_update())
    if version is None or now == version:
        return
    last = session.execute(select(AuditEntry.username, AuditEntry.at)
                           .where(AuditEntry.register == table, AuditEntry.record_id == record_id)
                           .order_by(AuditEntry.id.desc()).limit(1)).first()
    who = f"“{last.username}”" if last is not None else "其他人"
    when = f"于{format_date_cn(last.at.date())} {last.at:%H:%M}" if last is not None else ""
    if now is None:
        raise EditConflict(f"这条记录已被{who}{when}删除，您的修改没有保存。")
    raise EditConflict(f"这条记录已被{who}{when}修改过，您的修改没有保存。请重新载入后再改。")
