"""Writing a bundle for a peer: the changes made here since the last one it acknowledged."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.bank.volunteering import SOURCE as SERVICE_SOURCE
from db.exchange.authors import last_authors
from db.exchange.bundle import CopyRef, new_manifest, referenced_keys, write_bundle
from db.exchange.clocks import ahead_warning
from db.exchange.journal import ExchangeError, JournalEntry, journal_after, last_seq, this_copy
from db.exchange.registers import parse
from db.exchange.scope import for_station
from db.models import COPY_KINDS, ExchangePeer


@dataclass(frozen=True)
class Exported:
    path: Path
    bundle_id: str
    changes: int
    first_seq: int
    last_seq: int
    warnings: tuple[str, ...] = ()


def add_peer(session: Session, peer_uuid: str, name: str, kind: str) -> ExchangePeer:
    """Remember a copy this one exchanges with (a station made from this office, or the office a
    station was made from)."""
    if kind not in COPY_KINDS:
        raise ValueError(f"unknown copy kind {kind!r}")
    if session.scalars(select(ExchangePeer).where(ExchangePeer.peer_uuid == peer_uuid)).first() is not None:
        raise ExchangeError(f"已经登记过“{name}”。")
    peer = ExchangePeer(peer_uuid=peer_uuid, name=name, kind=kind)
    session.add(peer)
    session.flush()
    return peer


def peer_named(session: Session, peer: str) -> ExchangePeer:
    """A peer by its UUID or its name."""
    found = session.scalars(select(ExchangePeer).where(
        (ExchangePeer.peer_uuid == peer) | (ExchangePeer.name == peer))).all()
    if not found:
        raise ExchangeError(f"没有名为“{peer}”的交换对象。")
    if len(found) > 1:
        raise ExchangeError(f"有多个名为“{peer}”的交换对象，请用编号。")
    return found[0]


def only_peer(session: Session) -> ExchangePeer:
    """The one peer (a station's office); at an office with several stations, say which."""
    peers = session.scalars(select(ExchangePeer)).all()
    if not peers:
        raise ExchangeError("本副本还没有交换对象：先在办公室制作服务站副本。")
    if len(peers) > 1:
        raise ExchangeError("本副本有多个交换对象，请用 --to 指定导出给谁：" + "、".join(p.name for p in peers))
    return peers[0]


def derived_here(change: JournalEntry) -> bool:
    """A change each copy makes for itself from what it holds, so never sent: the moral bank's
    lines for service hours (db.bank.volunteering credits every copy's own service logs)."""
    return change.table == "bank_entries" and (change.new or change.old or {}).get("source") == SERVICE_SOURCE


def export_bundle(session: Session, peer: ExchangePeer, out: Path) -> Exported:
    """Write the bundle for `peer` at `out`: every change here after the last one the peer
    acknowledged, except those that came from the peer itself (and, for a station, those of
    what it does not hold: db.exchange.scope). Sent changes stay in the next
    bundle too until the peer acknowledges them (a bundle lost on the way costs nothing)."""
    here = this_copy(session)
    if here is None:
        raise ExchangeError("这个数据库还没有设为办公室或服务站副本，不能导出交换包。")
    counter = last_seq(session)
    # Everything again for a peer restored from a backup (it asked): its own changes that came
    # here before it lost them included.
    after = 0 if peer.resend_all else peer.acked_up_to
    changes = [c for c in journal_after(session, after, not_from=None if peer.resend_all else peer.peer_uuid)
               if not derived_here(c)]
    given: list[JournalEntry] = []
    if peer.kind == "station":  # what a station holds (db.exchange.scope)
        changes, given = for_station(session, peer, changes, here.uuid)
    authors = last_authors(session, ((c.table, c.row_id) for c in changes))
    changes = [replace(c, by=who, by_at=when) for c in changes
               for who, when in [authors.get((c.table, c.row_id), ("", ""))]]
    manifest = new_manifest(
        source=CopyRef(here.uuid, here.name, here.kind), target=CopyRef(peer.peer_uuid, peer.name, peer.kind),
        office_uuid=here.office_uuid, first_seq=after + 1, last_seq=counter,
        after_seq=after, acknowledges=peer.received_up_to)
    manifest.resend, manifest.asks_resend = peer.resend_all, peer.asks_resend
    manifest.acknowledges_tip = peer.received_tip
    if here.kind == "office" and here.station_registers is not None:
        manifest.station_registers = sorted(parse(here.station_registers))
    if here.kind == "office" and peer.kind == "station":
        manifest.points_allowance = peer.points_allowance
    write_bundle(out, manifest, changes, referenced_keys(session, changes + given), given)
    peer.sent_up_to = counter
    warning = ahead_warning(peer.peer_clock, peer.name, manifest.written_at)
    return Exported(path=Path(out), bundle_id=manifest.bundle_id, changes=len(changes),
                    first_seq=manifest.first_seq, last_seq=counter, warnings=(warning,) if warning else ())
