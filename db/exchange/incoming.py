"""Applying a peer's bundle, in one transaction: records added there are added here, logs merge
as the union, edits of different fields are both kept, and a field changed on both sides keeps
the office's value, the other waiting at the office in 待处理冲突 (exchange_conflicts).

Records are found by UUID (ids differ between copies; a merged record's old UUIDs lead to its
survivor, record_aliases), and the journaled tables without one by their natural key (an
attendance line is its meeting and member). Each change is applied field by field against the
row's value before the change on the other side: where this copy still has that value, the new
one is taken; where it already has the new one, nothing is to do; otherwise both sides changed
it. A record removed on the other side goes into the recycle bin here.

The changes are written through the ORM as the signed-in account (its rights checked, its
operation log written as for any save), and the journal records them as the peer's work
(journal.applying_from), so they are not sent back. The bundle's entries up to the last one
applied here before are skipped: importing a bundle twice applies nothing.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Table, select
from sqlalchemy.orm import Session

from db.audit import REGISTER_LABELS
from db.exchange.authors import last_authors
from db.exchange.bundle import Bundle, CopyRef, Manifest, check_for, entry_digest, read_bundle, soft_target
from db.exchange.clocks import ahead_warning, backwards_warning, local_minute
from db.exchange.journal import (
    ExchangeError,
    JournalEntry,
    applying_from,
    journal_after,
    last_seq,
    move_past,
    this_copy,
)
from db.exchange.numbers import MARK, is_provisional
from db.exchange.registers import take_from_office
from db.gate import checked_writes
from db.models import (
    BankAccount,
    Base,
    CopyIdentity,
    ExchangeConflict,
    ExchangePeer,
    Incident,
    MediationCase,
    Person,
    RecordAlias,
    Volunteer,
    mapped_class,
    now,
)
from db.people import copy_search_keys, refresh_search_keys
from db.validation import normalize_id_number
from db.volunteers import next_volunteer_number

# The journaled tables without a UUID, and the columns that say which row is which.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "redemption_lines": ("redemption_id", "goods_id"),
    "attendance": ("meeting_id", "member_id"),
    "mediation_parties": ("case_id", "sort_order"),
    "point_entries": ("member_id", "on", "rule_code", "meeting_id"),
    "member_status_changes": ("member_id", "changed_on", "status"),
    "resident_tags": ("resident_id", "tag_id"),
    "incident_events": ("incident_id", "at", "action"),
}
# Registers holding one record per person: a person registered on both sides has one there too.
# A points account is one per person or household the same way.
ROLE_TABLES = frozenset({"volunteers", "party_members", "grid_workers", "mediators", "residents", "bank_accounts"})
# Each copy's own bookkeeping of a row: never taken from the other side, never a conflict.
LOCAL = frozenset({"id", "version", "updated_at"})


@dataclass
class Applied:
    """What an import did, as the command line prints it."""

    applied: int = 0
    skipped: int = 0
    conflicts: int = 0
    persons_merged: int = 0
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"applied": self.applied, "skipped": self.skipped, "conflicts": self.conflicts,
                "persons_merged": self.persons_merged}


def import_bundle(session: Session, path: Path, progress: Callable[[int, int], None] | None = None) -> Applied:
    """Check the bundle at `path` and apply it in the session's transaction (the caller commits
    or rolls back: an import stopped half-way leaves nothing). `progress(done, total)` is told
    every hundred changes; an exception it raises (the window's Cancel) stops the import."""
    bundle = read_bundle(path)
    here = this_copy(session)
    if here is None:
        raise ExchangeError("这个数据库还没有设为办公室或服务站副本，不能导入交换包。")
    source = bundle.manifest.source
    if source.uuid == here.uuid:
        raise ExchangeError("这个交换包是本副本自己导出的，应在对方那里导入。")
    peer = session.scalars(select(ExchangePeer).where(ExchangePeer.peer_uuid == source.uuid)).first()
    if peer is None:
        raise ExchangeError(f"这个交换包来自“{source.name}”，本副本没有登记这个交换对象。")
    check_for(bundle.manifest, CopyRef(here.uuid, here.name, here.kind), here.office_uuid, peer.received_up_to)
    _refuse_a_peer_gone_back(bundle, peer)
    result = Applied()
    if not peer.asks_resend and _we_lost_what_the_peer_has(session, bundle.manifest):  # (once: then it waits)
        result.warnings.append(_we_went_back(session, peer, bundle.manifest.acknowledges))
    for warning in (ahead_warning(bundle.manifest.written_at, source.name),
                    backwards_warning(peer.peer_clock, bundle.manifest.written_at, source.name)):
        if warning:
            result.warnings.append(warning)
    with checked_writes(session, "exchange"), applying_from(session, source.uuid):
        applier = _Applier(session, bundle, here, peer, result)
        for record in bundle.given:
            applier.give(record)
        for done, change in enumerate(bundle.changes):
            if progress is not None and done % 100 == 0:
                progress(done, len(bundle.changes))
            if change.seq <= peer.received_up_to and not bundle.manifest.resend:
                result.skipped += 1
            else:
                applier.apply(change)
        session.flush()
    if applier.missing:
        labels = "、".join(f"{REGISTER_LABELS.get(t, t)} {n} 项" for t, n in sorted(applier.missing.items()))
        result.warnings.append(f"有改动指向本副本没有的记录，未导入（{labels}）：这些记录在本副本已永久删除，"
                               "或随旧备份的恢复丢失了（那样对方会重发）。")
    _credit_service_hours(session, bundle.changes)
    if here.kind == "office":  # the office's own work, journaled as such: sent back to the station
        _number_officially(session, applier.added_volunteers)
        _number_cases_officially(session, applier.added_cases)
        _number_incidents_officially(session, applier.added_incidents)
        _flag_overdrafts(session, bundle.changes, source.name, result)
    manifest = bundle.manifest
    peer.received_up_to = max(peer.received_up_to, manifest.last_seq)
    if bundle.changes:
        peer.received_tip = f"{bundle.changes[-1].seq}:{entry_digest(bundle.changes[-1])}"
    peer.acked_up_to = max(peer.acked_up_to, min(manifest.acknowledges, peer.sent_up_to))
    peer.peer_clock = manifest.written_at
    if manifest.asks_resend:
        peer.resend_all = True
    elif peer.resend_all and manifest.acknowledges >= peer.sent_up_to:
        peer.resend_all = False  # the peer has applied everything sent again
    if manifest.resend:
        peer.asks_resend = False
    if source.kind == "office":
        take_from_office(session, manifest.station_registers)
        here.points_allowance = manifest.points_allowance
    return result


def _flag_overdrafts(session: Session, changes: list[JournalEntry], station: str, result: Applied) -> None:
    """The accounts a station's offline redemptions took below zero: flagged, and said; and the
    goods whose stock they took below zero (both sides handed out the last ones): said."""
    from db.bank.allowance import flag_overdrafts
    from db.bank.goods import stock_levels
    from db.models import BankEntry, BankGoods, StockMove

    def added(table: str, kind: str) -> list[str]:
        return sorted({c.row_uuid for c in changes if c.table == table and c.op == "insert" and c.row_uuid
                       and (c.new or {}).get("kind") == kind})

    accounts: set[int] = set()
    goods: set[int] = set()
    redeemed, handed_out = added("bank_entries", "redeem"), added("stock_moves", "redeem")
    for start in range(0, max(len(redeemed), len(handed_out)), 500):
        accounts.update(session.scalars(select(BankEntry.account_id).where(
            BankEntry.uuid.in_(redeemed[start:start + 500]))))
        goods.update(session.scalars(select(StockMove.goods_id).where(
            StockMove.uuid.in_(handed_out[start:start + 500]))))
    flagged = flag_overdrafts(session, accounts, station)
    if flagged:
        shown = "、".join(f"{r.holder}（{r.balance_now}分）" for r in flagged[:5]) + ("等" if len(flagged) > 5 else "")
        result.warnings.append(f"“{station}”离线兑换后，{len(flagged)} 个积分账户余额为负"
                               f"（办公室同期也兑换了这些积分）：{shown}。兑换记录已全部保留，"
                               "已记入道德银行的“透支记录”，请核实处理。")
    short = {g: n for g, n in stock_levels(session, sorted(goods)).items() if n < 0}
    if short:
        names = dict(session.execute(select(BankGoods.id, BankGoods.name).where(BankGoods.id.in_(sorted(short)))).all())
        shown = "、".join(f"{names.get(g, g)}（{n}）" for g, n in sorted(short.items()))
        result.warnings.append(f"“{station}”离线兑换后，库存为负：{shown}。兑换记录已全部保留，请盘点后在物品目录中入库更正。")


def _credit_service_hours(session: Session, changes: list[JournalEntry]) -> None:
    """The moral bank's points for the service hours the bundle brought: each copy credits them
    from its own service logs (db.bank.volunteering), so the points follow the hours."""
    from db.bank.volunteering import activities_by_uuid, credit_service_hours

    touched: dict[str, set[str]] = {}
    for change in changes:
        if change.table in ("service_activities", "service_logs", "volunteers") and change.row_uuid:
            touched.setdefault(change.table, set()).add(change.row_uuid)
    activities: set[int] = set()
    for table, uuids in touched.items():
        activities |= activities_by_uuid(session, table, uuids)
    if activities:
        credit_service_hours(session, activities)


def _refuse_a_peer_gone_back(bundle: Bundle, peer: ExchangePeer) -> None:
    """A peer restored from an old backup numbers its changes again from where the backup left
    off: a bundle ending before what was received from it, or holding another change under the
    number of the last one received, is refused before anything is applied (its new changes
    would otherwise be taken for ones applied already, and lost)."""
    manifest = bundle.manifest
    gone_back = manifest.last_seq < peer.received_up_to
    if not gone_back and peer.received_tip:
        tip_seq, digest = peer.received_tip.split(":", 1)
        if manifest.after_seq < int(tip_seq) <= manifest.last_seq:
            same = [c for c in bundle.changes if c.seq == int(tip_seq)]
            gone_back = not same or entry_digest(same[0]) != digest
    if gone_back:
        raise ExchangeError(
            f"“{peer.name}”的数据库像是从旧备份恢复的：本副本已收到它第 {peer.received_up_to} 号为止的改动，"
            f"这个交换包只到第 {manifest.last_seq} 号，或与收到过的不同。没有导入任何内容。请先把本副本的最新交换包"
            f"导入“{peer.name}”（它会自动接上），再在那里重新导出。")


def _we_lost_what_the_peer_has(session: Session, manifest: Manifest) -> bool:
    """The peer has applied more of this copy's changes than this copy holds, or another change
    under the number of the last one it applied: this copy was restored from an old backup."""
    if manifest.acknowledges > last_seq(session):
        return True
    if not manifest.acknowledges_tip:
        return False
    tip_seq, digest = manifest.acknowledges_tip.split(":", 1)
    mine = journal_after(session, int(tip_seq) - 1, limit=1)
    return not mine or mine[0].seq != int(tip_seq) or entry_digest(mine[0]) != digest


def _we_went_back(session: Session, peer: ExchangePeer, acknowledged: int) -> str:
    """The peer has more of this copy's changes than this copy: it was restored from a backup.
    Its changes since the backup move past what the peer holds, and its next bundle asks the
    peer for everything again (what it had sent before the restore comes back with it)."""
    ours = last_seq(session)
    moved = move_past(session, peer.acked_up_to, acknowledged)
    peer.acked_up_to = peer.sent_up_to = acknowledged
    peer.asks_resend = True
    return (f"本副本像是从旧备份恢复的：“{peer.name}”已收到本副本第 {acknowledged} 号为止的改动，"
            f"本副本现在只到第 {ours} 号。"
            f"恢复后的 {moved} 项改动已重新编号，下次导出时发给对方；备份之后交给对方的内容，"
            "下次导出时会请对方全部重发，随对方的下一个交换包回到本副本。")


def _number_officially(session: Session, volunteer_ids: list[int]) -> None:
    """A volunteer arrived with a station's provisional number, or one taken here meanwhile: the
    next official one."""
    for volunteer_id in volunteer_ids:
        volunteer = session.get(Volunteer, volunteer_id)
        if volunteer is None:
            continue
        clash = session.scalars(select(Volunteer.id).where(Volunteer.number == volunteer.number,
                                                           Volunteer.id != volunteer.id)).first()
        if is_provisional(volunteer.number) or clash is not None:
            volunteer.number = next_volunteer_number(session)
            session.flush()


def _number_incidents_officially(session: Session, incident_ids: list[int]) -> None:
    """An incident reported at a station (站名-临-2026-0003): the office's next number of its year."""
    from db.incidents import next_number

    for incident_id in incident_ids:
        incident = session.get(Incident, incident_id)
        if incident is not None and is_provisional(incident.number):
            incident.number = next_number(session, incident.reported_at.year)
            session.flush()


def _number_cases_officially(session: Session, case_ids: list[int]) -> None:
    """A case recorded at a station (provisional number, or one taken here meanwhile): the next
    official number of its year, as the office gives it."""
    from db.mediation import format_case_number, next_case_seq
    from db.office import get_setting

    for case_id in case_ids:
        case = session.get(MediationCase, case_id)
        if case is None:
            continue
        case.seq = next_case_seq(session, case.year)
        case.number = format_case_number(case.year, get_setting(session, "case_number_prefix"), case.seq)
        _refresh_case_keys(case)
        session.flush()


def _refresh_case_keys(case: Any) -> None:
    from db.mediation import case_search_text

    parties = [{"name": p.name, "id_number": p.id_number, "phone": p.phone} for p in case.parties]
    case.search_text = case_search_text(case.number, parties, case.facts or "")


def model_of(table: str) -> type[Any]:
    """The mapped class of a journaled table; a table this program does not know refuses the bundle."""
    try:
        return mapped_class(table)
    except KeyError:
        raise ExchangeError(f"交换包中有本软件不认识的登记簿“{table}”。") from None


def typed_value(column: Column[Any], value: Any) -> Any:
    """A value as the JSON of either engine gave it, as the column holds it; a value of another
    kind (a bundle written by some other tool) refuses the bundle in one sentence."""
    try:
        return _typed(column, value)
    except (TypeError, ValueError):
        shown = str(value)[:30]
        raise ExchangeError(f"交换包中“{column.table.name}.{column.name}”的值“{shown}”不是它应有的类型，"
                            "已拒绝导入，没有写入任何内容。") from None


def _typed(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column.type.python_type
    if kind is datetime:
        return datetime.fromisoformat(str(value))
    if kind is date:
        return date.fromisoformat(str(value)[:10])
    if kind is time:
        return time.fromisoformat(str(value))
    if kind is bool:
        return bool(value)
    if kind is int:
        return int(value)
    if kind is float:
        return float(value)
    return str(value)


def _as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


class _Missing(Exception):
    """A change points at a record of `table` this copy does not have."""

    def __init__(self, table: str) -> None:
        super().__init__(table)
        self.table = table


class _Applier:
    def __init__(self, session: Session, bundle: Bundle, here: CopyIdentity, peer: ExchangePeer,
                 result: Applied) -> None:
        self.session, self.bundle, self.here, self.peer, self.result = session, bundle, here, peer, result
        self._ids: dict[tuple[str, str], int] = {}
        self._aliases: dict[str, str] = dict(session.execute(select(RecordAlias.alias_uuid, RecordAlias.uuid)).all())
        # Rows added by this bundle and not yet written, by (table, uuid or natural key): found
        # here without a query, and written (flushed) only when a later change needs one's id.
        # A flush per row, as autoflush does before each lookup, made a week's bundle 3× slower.
        self._pending: dict[tuple[str, Any], Any] = {}
        self._added_volunteers: list[Any] = []
        self._added_cases: list[Any] = []
        self._added_incidents: list[Any] = []
        self._here = self._uuids_here()
        self.missing: dict[str, int] = {}  # table → changes skipped for a record missing there

    # --- values ------------------------------------------------------------------------------
    def _local_values(self, table: Table, values: dict[str, Any] | None, *, strict: bool) -> dict[str, Any] | None:
        """The row's values as this copy holds them: types from JSON, references by UUID to ids
        here. strict: a reference to a record this copy lacks raises _Missing (a change to
        apply); otherwise it becomes None (the row before, compared only)."""
        if values is None:
            return None
        out: dict[str, Any] = {}
        for name, value in values.items():
            if name not in table.c or name in LOCAL:
                continue
            column = table.c[name]
            if column.foreign_keys and value is not None:
                (fk,) = column.foreign_keys
                out[name] = self._local_id(fk.column.table.name, int(value), strict=strict)
            elif value is not None and (target := soft_target(table.name, name, values)) is not None:
                out[name] = self._local_id(target, int(value), strict=strict)
            else:
                out[name] = typed_value(column, value)
        return out

    def _local_id(self, table: str, source_id: int, *, strict: bool) -> int | None:
        uuid = self.bundle.keys.get((table, source_id))
        found = self._id_of(table, uuid) if uuid else None
        if found is None and strict:
            raise _Missing(table)
        return found

    def _id_of(self, table: str, uuid: str) -> int | None:
        uuid = self._aliases.get(uuid, uuid)
        key = (table, uuid)
        if key not in self._ids:
            pending = self._pending.get(key)
            if pending is not None:
                if pending.id is None:
                    self.session.flush()  # every row added so far, at once
                self._ids[key] = pending.id
                return pending.id
            target = Base.metadata.tables[table]
            with self.session.no_autoflush:
                found = self.session.scalar(select(target.c.id).where(target.c.uuid == uuid))
            if found is None:
                return None
            self._ids[key] = found
        return self._ids[key]

    def _key(self, table: Table, change: JournalEntry, values: dict[str, Any]) -> tuple[str, Any]:
        if "uuid" in table.c:
            return table.name, self._aliases.get(change.row_uuid or "", change.row_uuid)
        return table.name, tuple(values.get(k) for k in NATURAL_KEYS[table.name])

    def _uuids_here(self) -> set[tuple[str, str]]:
        """Which of the records the bundle names are here already, read in a few queries: most
        of a station's week is new records, and asking for each one cost a query apiece."""
        named: dict[str, set[str]] = {}
        for change in self.bundle.given + self.bundle.changes:
            if change.row_uuid:
                named.setdefault(change.table, set()).add(self._aliases.get(change.row_uuid, change.row_uuid))
        here: set[tuple[str, str]] = set()
        for table, uuids in named.items():
            column = Base.metadata.tables[table].c.uuid
            ordered = sorted(uuids)
            for start in range(0, len(ordered), 500):
                found = self.session.scalars(select(column).where(column.in_(ordered[start:start + 500])))
                here.update((table, u) for u in found)
        return here

    def _row(self, model: type[Any], table: Table, change: JournalEntry, values: dict[str, Any]) -> Any:
        key = self._key(table, change, values)
        if key in self._pending:
            return self._pending[key]
        with self.session.no_autoflush:  # rows added by this bundle are in _pending
            if "uuid" in table.c:
                if key not in self._here:
                    return None
                return self.session.scalars(select(model).where(model.uuid == key[1])).first()
            names = NATURAL_KEYS[table.name]
            return self.session.scalars(select(model).where(*(table.c[k] == v for k, v in zip(names, key[1],
                                                                                               strict=True)))).first()

    @property
    def added_volunteers(self) -> list[int]:
        self.session.flush()
        return [v.id for v in self._added_volunteers]

    @property
    def added_incidents(self) -> list[int]:
        self.session.flush()
        return [i.id for i in self._added_incidents]

    @property
    def added_cases(self) -> list[int]:
        self.session.flush()
        return [c.id for c in self._added_cases]

    # --- changes -----------------------------------------------------------------------------
    def apply(self, change: JournalEntry) -> None:
        """Apply one change; one that points at a record this copy lacks (removed for good here,
        or lost with a restore: then the peer sends it again) is skipped and counted."""
        try:
            self._apply(change)
        except _Missing as missing:
            self.result.skipped += 1
            self.missing[missing.table] = self.missing.get(missing.table, 0) + 1

    def give(self, record: JournalEntry) -> None:
        """Add a record sent along with the changes (db.exchange.scope) unless it is here: a
        person the station lacks, named by a change that follows."""
        table: Table = Base.metadata.tables[record.table]
        key = self._key(table, record, {})
        if key in self._here or key in self._pending:
            return
        try:
            self._add(model_of(record.table), table, record, self._local_values(table, record.new, strict=True) or {})
        except _Missing:
            return  # (what it points at is not here: the changes that need it are skipped and said)

    def _apply(self, change: JournalEntry) -> None:
        model = model_of(change.table)
        table: Table = Base.metadata.tables[change.table]
        new = self._local_values(table, change.new, strict=True)
        old = self._local_values(table, change.old, strict=False)
        row = self._row(model, table, change, new if new is not None else old or {})
        if change.op == "delete":
            self._remove(row)
        elif row is None:
            self._add(model, table, change, new or {})
        elif change.op == "insert":
            self.result.skipped += 1  # here already (a bundle sent again, or the record came both ways)
        else:
            self._change(row, table, change, old or {}, new or {})

    def _add(self, model: type[Any], table: Table, change: JournalEntry, values: dict[str, Any]) -> None:
        if model is Person and (same := self._same_person(values)) is not None:
            self._alias("persons", values["uuid"], same)
            for name, value in values.items():  # what the other side knew and this one did not
                if name not in ("uuid", "created_at") and value not in (None, "") and getattr(same, name) in (None, ""):
                    setattr(same, name, value)
            refresh_search_keys(same)
            self.result.persons_merged += 1
            return
        if table.name in ROLE_TABLES and (same_role := self._role_of(model, values)) is not None:
            # The person's record in this register came both ways (registered on both sides): one.
            self._alias(table.name, values["uuid"], same_role)
            self.result.skipped += 1
            return
        if model is Volunteer and values.get("number"):
            values["number"] = self._free_number(values["number"])
        case = model is MediationCase and self.here.kind == "office"
        if case:  # numbered officially after the bundle; until then a stand-in nobody else holds
            values["seq"], values["number"] = -(10**9 + len(self._added_cases)), f"{MARK}{values['uuid']}"
        row = model(**values)
        self.session.add(row)
        self._pending[self._key(table, change, values)] = row
        self._after_change(row)
        if model is Volunteer:
            self._added_volunteers.append(row)
        if case:
            self._added_cases.append(row)
        if model is Incident and self.here.kind == "office":
            self._added_incidents.append(row)
        self.result.applied += 1

    def _role_of(self, model: type[Any], values: dict[str, Any]) -> Any:
        if model is BankAccount and values.get("person_id") is None:  # a household's account
            return self.session.scalars(select(model).where(model.household_id == values.get("household_id"))).first()
        return self.session.scalars(select(model).where(model.person_id == values.get("person_id"))).first()

    def _alias(self, table: str, alias: str, row: Any) -> None:
        self.session.add(RecordAlias(table_name=table, alias_uuid=alias, uuid=row.uuid))
        self._aliases[alias] = row.uuid
        self._here.add((table, row.uuid))
        self._ids.pop((table, alias), None)

    def _free_number(self, number: str) -> str:
        """The number, or while it is taken here a stand-in the office numbers afterwards."""
        taken = self.session.scalars(select(Volunteer.id).where(Volunteer.number == number)).first()
        return number if taken is None else f"{self.peer.name}{MARK}{uuid_module.uuid4().hex[:8]}"

    def _same_person(self, values: dict[str, Any]) -> Person | None:
        """The person already here who is the one arriving: the same ID number (normalised); for
        someone registered without one, the same name and phone, or the same name and birth date
        (a masked phone, 138****5678, proves nothing). Only a live record is matched, and only
        one: two candidates are left for a person to decide."""
        number = normalize_id_number(values.get("id_number") or "")
        live = Person.deleted_at.is_(None)
        if number:
            return self.session.scalars(select(Person).where(Person.id_number == number, live)).first()
        name, phone, born = values.get("name"), values.get("phone") or "", values.get("birth_date")
        for condition in ((Person.phone == phone) if phone and "*" not in phone else None,
                          (Person.birth_date == born) if born else None):
            if condition is None:
                continue
            found = self.session.scalars(select(Person).where(Person.name == name, condition, live).limit(2)).all()
            if len(found) == 1:
                return found[0]
        return None

    def _change(self, row: Any, table: Table, change: JournalEntry, old: dict[str, Any],
                new: dict[str, Any]) -> None:
        changed = [k for k in new if k not in LOCAL and old.get(k) != new[k]]
        taken = conflicts = 0
        for name in changed:
            mine = getattr(row, name)
            if mine == new[name]:
                continue
            if mine == old.get(name) or self.here.kind == "station":  # untouched here, or the office's value
                setattr(row, name, new[name])
                taken += 1
            else:  # both changed it, here at the office: the office's value stands, the other waits
                office_by, office_at = last_authors(self.session, [(table.name, row.id)]).get(
                    (table.name, row.id), ("", ""))
                self.session.add(ExchangeConflict(
                    table_name=table.name, row_uuid=row.uuid if "uuid" in table.c else "", field=name,
                    office_value=_as_json(mine), station_value=_as_json(new[name]), station_uuid=self.peer.peer_uuid,
                    station_name=self.peer.name, station_changed_at=change.by_at or local_minute(change.at),
                    station_by=change.by, office_by=office_by, office_changed_at=office_at))
                conflicts += 1
        if taken:
            self._after_change(row)
            self.result.applied += 1
        elif not conflicts:
            self.result.skipped += 1
        self.result.conflicts += conflicts

    def _remove(self, row: Any) -> None:
        if row is None:
            self.result.skipped += 1
        elif hasattr(row, "deleted_at"):
            if row.deleted_at is None:
                row.deleted_at = now()  # into the recycle bin here: restorable, as a deletion here would be
                self.result.applied += 1
            else:
                self.result.skipped += 1
        else:
            self.session.delete(row)
            self.result.applied += 1

    def _after_change(self, row: Any) -> None:
        """What the program keeps beside a record: a person's search keys, and a member's copy of them."""
        with self.session.no_autoflush:
            if isinstance(row, Person):
                refresh_search_keys(row)
            elif isinstance(row, MediationCase):
                if row.id is not None:  # (a new case's keys are made once it is numbered)
                    _refresh_case_keys(row)
            elif hasattr(row, "person_id") and hasattr(row, "search_text") and row.person_id is not None:
                copy_search_keys(self.session.get(Person, row.person_id), row)  # type: ignore[arg-type]
