"""待处理冲突: the fields the office and a station both changed. The office's value stands
until someone keeps it or takes the station's; taking it is an edit at the office like any
other (checked, logged, journaled), so it travels to the stations with the next bundle."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.audit import REGISTER_LABELS
from db.audit_text import field_label
from db.exchange.incoming import model_of, typed_value
from db.exchange.journal import ExchangeError
from db.models import Base, ExchangeConflict, Person, now
from db.people import refresh_search_keys
from db.permissions import actor_of, require

KEPT, SWAPPED = "kept", "swapped"


@dataclass(frozen=True)
class ConflictRow:
    id: int
    register: str  # 登记簿, in Chinese
    record: str  # whose record: the person's name where there is one
    field: str  # the field's Chinese label
    office_value: str
    office_changed: str  # who changed it here and when: 王芳（wangfang） 2026-12-04 09:30
    station_value: str
    station: str
    station_changed: str  # the same at the station
    found_at: datetime


def _changed(who: str, when: str) -> str:
    return " ".join(part for part in (who or "（未记录）", when[:16]) if part)


def _shown(value: str | None) -> str:
    loaded = json.loads(value) if value else None
    return "（空）" if loaded in (None, "") else str(loaded)


def _record(session: Session, table: str, uuid: str) -> Any:
    model = model_of(table)
    return session.scalars(select(model).where(model.uuid == uuid)).first() if uuid else None


def _title(record: Any) -> str:
    if record is None:
        return "（记录已不存在）"
    if isinstance(record, Person):
        return record.name
    person = getattr(record, "person", None)
    if isinstance(person, Person):
        return person.name
    for attr in ("name", "number", "project", "topic"):
        if getattr(record, attr, None):
            return str(getattr(record, attr))
    return f"#{record.id}"


def open_conflicts(session: Session) -> list[ConflictRow]:
    """The conflicts waiting, oldest first."""
    rows = []
    for c in session.scalars(select(ExchangeConflict).where(ExchangeConflict.resolved_at.is_(None))
                             .order_by(ExchangeConflict.id)):
        rows.append(ConflictRow(
            id=c.id, register=REGISTER_LABELS.get(c.table_name, c.table_name),
            record=_title(_record(session, c.table_name, c.row_uuid)), field=field_label(c.table_name, c.field),
            office_value=_shown(c.office_value), office_changed=_changed(c.office_by, c.office_changed_at),
            station_value=_shown(c.station_value), station=c.station_name,
            station_changed=_changed(c.station_by, c.station_changed_at), found_at=c.found_at))
    return rows


def resolve(session: Session, conflict_id: int, *, take_station: bool) -> None:
    """Keep the office's value, or take the station's (an edit of the record, in this session)."""
    require(actor_of(session), "edit")
    conflict = session.get(ExchangeConflict, conflict_id)
    if conflict is None or conflict.resolved_at is not None:
        raise ExchangeError("这项冲突已经处理过了，请刷新。")
    if take_station:
        record = _record(session, conflict.table_name, conflict.row_uuid)
        if record is None:
            raise ExchangeError("这条记录已不存在，无法采用服务站的值；可以选择保留。")
        column = Base.metadata.tables[conflict.table_name].c[conflict.field]
        value = json.loads(conflict.station_value) if conflict.station_value else None
        setattr(record, conflict.field, typed_value(column, value))
        if isinstance(record, Person):
            refresh_search_keys(record)
    conflict.resolved_at = now()
    conflict.resolution = SWAPPED if take_station else KEPT
    session.flush()

