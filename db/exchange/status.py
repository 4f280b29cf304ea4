"""What the window says about the copy it shows: a station of which office, or the office with
how many stations and conflicts waiting; nothing for a database that does not exchange."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.exchange.journal import this_copy
from db.exchange.registers import parse
from db.models import ExchangeConflict, ExchangePeer


@dataclass(frozen=True)
class CopyStatus:
    name: str
    kind: str  # office / station
    peers: list[str]
    conflicts: int
    station_registers: frozenset[str]  # the registers stations enter (db.exchange.registers)

    @property
    def is_station(self) -> bool:
        return self.kind == "station"


def copy_status(session: Session) -> CopyStatus | None:
    here = this_copy(session)
    if here is None:
        return None
    peers = list(session.scalars(select(ExchangePeer.name).order_by(ExchangePeer.name)))
    conflicts = count_open(session) if here.kind == "office" else 0
    return CopyStatus(name=here.name, kind=here.kind, peers=peers, conflicts=conflicts,
                      station_registers=parse(here.station_registers))


def count_open(session: Session) -> int:
    """The conflicts waiting at the office (db.exchange.conflicts lists them)."""
    return session.scalar(select(func.count()).select_from(ExchangeConflict)
                          .where(ExchangeConflict.resolved_at.is_(None))) or 0


def peer_names(session: Session) -> list[str]:
    return list(session.scalars(select(ExchangePeer.name).order_by(func.lower(ExchangePeer.name))))
