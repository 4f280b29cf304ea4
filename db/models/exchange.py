"""What a copy of the database needs to exchange its work with others (issue 15): who it is, and
the journal of every change made to it while it exchanges.

A station copy (服务站/驿站) and its office each record their own changes in `change_journal`,
numbered by the copy's own counter (`seq`), never by wall time: an exchange bundle carries the
entries after the last one the other side acknowledged. The entries are written by triggers
(migration 0010), so the window, the command line, a script using db/, an import and a bulk
change in SQL are all recorded alike; the triggers write only while the copy has an identity
with `journaling` on, so an office that never makes a station copy pays nothing for them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, new_uuid, now

COPY_KINDS = ("office", "station")


class CopyIdentity(Base):
    """This copy, in one row (none until it first exchanges): its UUID and name, whether it is the
    office or a station (and of which office), and whether its changes are journaled.

    applying_from: while a bundle is applied, the UUID of the copy whose work it is; the journal
    then records that copy as the changes' origin, so they are not sent back to it."""

    __tablename__ = "copy_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10))  # COPY_KINDS
    office_uuid: Mapped[str] = mapped_column(String(36))  # the office's own uuid for the office
    journaling: Mapped[bool] = mapped_column(default=True)
    applying_from: Mapped[str | None] = mapped_column(String(36), default=None)
    # The registers entered at stations, comma-separated (db.exchange.registers); None: the usual ones.
    station_registers: Mapped[str | None] = mapped_column(String(200), default=None)
    # At a station: the points it may redeem offline, as the office's last bundle set it (0015).
    points_allowance: Mapped[int | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=now)


class ChangeJournalEntry(Base):
    """One row inserted, changed or removed (physically: a move to the recycle bin is a change of
    deleted_at), with the whole row before and after as JSON text of its own columns (the
    columns the database keeps itself, such as counts and search keys, left out).

    row_uuid is the record's UUID for the registers that have one; row_id is its id in this copy
    (ids differ between copies: an exchange names records, and the records they point to, by
    UUID)."""

    __tablename__ = "change_journal"
    __table_args__ = (Index("ix_change_journal_table_row", "table_name", "row_id"),)

    seq: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[str] = mapped_column(String(32))  # this copy's clock when written, for the clock warning only
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int]
    row_uuid: Mapped[str | None] = mapped_column(String(36), default=None)
    op: Mapped[str] = mapped_column(String(6))  # insert / update / delete
    old_values: Mapped[str | None] = mapped_column(Text, default=None)
    new_values: Mapped[str | None] = mapped_column(Text, default=None)
    origin: Mapped[str] = mapped_column(String(36))  # the copy whose work the change is


class ExchangePeer(Base):
    """A copy this one exchanges bundles with (the office for a station, each station for the
    office), and how far the exchange has gone, each side's work by its own counter:

    sent_up_to: the last of this copy's journal entries put in a bundle for the peer;
    acked_up_to: the last of them the peer confirmed it applied (the next bundle starts after it);
    received_up_to: the last of the peer's entries applied here (a bundle must start right after);
    peer_clock: the peer's clock when it wrote its last bundle, for the clock warning;
    received_tip: "seq:digest" of the last of the peer's entries applied here, to notice a peer
    whose counter went back and ran past it again (restored from an old backup);
    asks_resend: this copy went back (restored from a backup): its next bundle asks the peer for
    everything again; resend_all: the peer asked that: the next bundle for it carries everything;
    numbers_masked: a station given phone numbers masked and no ID numbers, as what is sent to it."""

    __tablename__ = "exchange_peers"

    id: Mapped[int] = mapped_column(primary_key=True)
    peer_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10))  # COPY_KINDS
    sent_up_to: Mapped[int] = mapped_column(default=0)
    acked_up_to: Mapped[int] = mapped_column(default=0)
    received_up_to: Mapped[int] = mapped_column(default=0)
    peer_clock: Mapped[str | None] = mapped_column(String(32), default=None)
    received_tip: Mapped[str | None] = mapped_column(String(80), default=None)
    asks_resend: Mapped[bool] = mapped_column(default=False)
    resend_all: Mapped[bool] = mapped_column(default=False)
    numbers_masked: Mapped[bool] = mapped_column(default=False, server_default=false())  # a station's (0011)
    # At the office, a station's: the points it may redeem offline between exchanges (None: the
    # default, db.bank.allowance), sent to it in each bundle (0015).
    points_allowance: Mapped[int | None] = mapped_column(default=None)


class ExchangeConflict(Base):
    """One field that both the office and a station changed before they exchanged (待处理冲突).

    The office's value stands until someone at the office keeps it or takes the station's: both
    values are kept here, with which station, who made each side's change and when (each
    side's own clock, shown only), so that nothing is silently lost."""

    __tablename__ = "exchange_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_uuid: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(40))
    office_value: Mapped[str | None] = mapped_column(Text, default=None)  # JSON
    station_value: Mapped[str | None] = mapped_column(Text, default=None)  # JSON
    station_uuid: Mapped[str] = mapped_column(String(36))
    station_name: Mapped[str] = mapped_column(String(60))
    station_changed_at: Mapped[str] = mapped_column(String(32))
    # Who changed it on each side (the accounts' names, from each side's operation log; empty
    # where the log does not say) and when at the office (migration 0011).
    station_by: Mapped[str] = mapped_column(String(80), default="", server_default="")
    office_by: Mapped[str] = mapped_column(String(80), default="", server_default="")
    office_changed_at: Mapped[str] = mapped_column(String(32), default="", server_default="")
    found_at: Mapped[datetime] = mapped_column(default=now)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    resolution: Mapped[str | None] = mapped_column(String(10), default=None)  # kept / swapped


class RecordAlias(Base):
    """A UUID a record was known by before two records of one person were merged: a later
    bundle that names it lands on the survivor."""

    __tablename__ = "record_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    alias_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    uuid: Mapped[str] = mapped_column(String(36))
