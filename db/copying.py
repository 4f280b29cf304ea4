"""Moving one community between databases: an office's file into a street office's server (as a new
community there), and a community on the server back out into a new file.

What travels: every row of the community, table by table in foreign-key order
(`Base.metadata.sorted_tables`) — its register rows (Tracked: `community_id` = it), its accounts,
office settings and number counters, and the rows of the tables hanging off those by foreign key
(attendance, parties, status history, points, scores, schedules of its organisations, …);
not the settings about the database itself (backup folder and copies kept, the idle lock).
Tables no community owns (the points scheme, the rating indicators, the default meeting
schedules) are shared by every community of a database: into a server, the rows it lacks are
added and the ones it has (same code, same year and name, same meeting kind) are kept as the
server has them — another community's scheme is not overwritten by this one's; out to a file,
the file gets the server's as they are.

Ids are the target's: every row is inserted without its primary key, the target assigns it
(a server's sequences never fall behind, as they would if ids were copied), and every foreign key
is rewritten through the map old id → new id kept per table. UUIDs, version counters, times and
soft deletions are kept: the UUID is how the same record is recognised in both copies. Password
hashes are copied as they are, so everyone signs in with the password they had; `account_prefix`
renames the accounts where a server already has the same user names (every office has an
"admin").

The operation log does not travel. Each entry names its record by the id it had (`record_id`),
which the copy changes, and on a server the log is one chain for every community, with no column
saying whose an entry is; copied entries sealed afresh in the target's chain would be entries the
target never saw written, with ids that point at other records. So none is copied: the target's
log gets one entry, "从 … 复制社区“X”（N 条记录）", naming the source, the counts and the head of the
source's chain (last id, its hash, how many entries), which keeps the source's own log — still
whole where it is, or in its backups — checkable and tied to this copy. Copying out also leaves
an entry in the server's log (a whole community left it, ID numbers in full).

Nor do the exchange's tables (migration 0010): the copy is a database of its own, not the
source under another name, so it starts with no identity and no journal.

Writes go through db.gate as an administrator, not through `internal_connection`. An internal
connection is the program migrating its own schema: it would let anyone who can run the command
put a community, with administrator accounts of its own, into a server that has accounts. The copy
is an administrator's bulk write instead: on a database with accounts the session is the
signed-in account's (`Database.session()`), the right to manage accounts is checked against the
database at the start (`checked_writes(session, "accounts")`: a copy creates accounts), the
Core inserts run on that session's connection within that check, and the log entry is in that
account's name. A database with no account (a new server, the new file) is open, as it is to
everyone. Copying out of a server needs that server's administrator too (the file holds full ID
numbers and password hashes), of the community copied or of the street office. A file copied
from is only read, as any program can read it (db.gate: what it cannot do).

All or nothing: the target is written in one transaction (the source read in one snapshot), the
counts are compared table by table before it commits, and a failure, a difference, or an
exception raised by the `progress(done, total)` callback (the window's cancel button) rolls it all
back — a new file is removed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Table,
    UniqueConstraint,
    and_,
    delete,
    false,
    func,
    insert,
    or_,
    select,
    true,
)
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from db import audit, gate
from db.data_settings import LABELS as DATA_SETTINGS
from db.database import Database, DatabaseOpenError, open_database
from db.models import Base
from db.permissions import PermissionDenied, actor_of, require
from db.storage_errors import explain

CHUNK = 2000  # rows per INSERT batch and per progress step
NOT_COPIED = ("audit_log", "copy_identity", "change_journal", "exchange_peers", "exchange_conflicts",
              "record_aliases")  # see the module's docstring
# What every new community starts with (its default care tags and earning items): not a sign it holds records.
SEEDED = ("care_tags", "bank_rules")
# How a shared row is recognised in the target (otherwise: its own key, a unique constraint, or all columns).
SHARED_KEYS: dict[str, tuple[str, ...]] = {"meeting_schedules": ("kind", "org_kind", "period")}
# Office settings about the database, not the community (db.data_settings): a PC's backup folder means
# nothing on the server, whose backups read the first one they find; they stay behind.
DATABASE_SETTINGS = tuple(DATA_SETTINGS)
LABELS = {**audit.REGISTER_LABELS, "communities": "社区", "counters": "编号计数", "grid_worker_grids": "网格分工",
          "member_status_changes": "党员状态变化"}
Progress = Callable[[int, int], None]


class CopyError(Exception):
    """The copy did not happen (nothing was written); str() is one Chinese sentence."""


class CopyCancelled(CopyError):
    """What the window's progress callback raises to stop a copy."""

    def __init__(self, message: str = "已取消复制，没有写入任何数据。") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int  # the community's rows in the source
    target: int  # … in the target after the copy (shared tables: the source's rows found there)
    kept: int = 0  # shared rows the target already had, kept as they were

    @property
    def label(self) -> str:
        return LABELS.get(self.table, self.table)


@dataclass
class CopyResult:
    community: str  # its name in the target
    community_uuid: str
    source: str  # shown (no password)
    target: str
    tables: list[TableCount] = field(default_factory=list)
    log_entries_left: int = 0  # the source's operation log, not copied
    accounts: dict[str, str] = field(default_factory=dict)  # user name in the source → in the target
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(t.source for t in self.tables)

    @property
    def differing(self) -> list[TableCount]:
        return [t for t in self.tables if t.source != t.target]

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


class CountsDiffer(CopyError):
    """The target's counts are not the source's: rolled back. `result` holds both."""

    def __init__(self, result: CopyResult) -> None:
        names = "、".join(f"{t.label}（{t.source} → {t.target}）" for t in result.differing)
        super().__init__(f"复制后记录条数不一致：{names}，已撤销，没有写入任何数据。")
        self.result = result


# --- which rows are the community's -----------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    """One table in the copy: "community" (a community_id of its own), "child" (hangs off such
    rows by foreign key) or "shared" (no community owns it)."""

    table: Table
    kind: str
    owned: tuple[Column[Any], ...] = ()  # a child's foreign keys to the community's rows

    @property
    def name(self) -> str:
        return self.table.name


def _parts() -> list[_Part]:
    parts: list[_Part] = []
    owned_tables: set[str] = set()
    for table in Base.metadata.sorted_tables:
        if table.name in NOT_COPIED or table.name == "communities":
            continue
        if "community_id" in table.c:
            parts.append(_Part(table, "community"))
        else:
            owned = tuple(fk.parent for fk in table.foreign_keys
                          if fk.column.table.name in owned_tables and fk.column.table is not table)
            parts.append(_Part(table, "child", owned) if owned else _Part(table, "shared"))
        if parts[-1].kind != "shared":
            owned_tables.add(table.name)
    return parts


PARTS = {part.name: part for part in _parts()}


def _own(part: _Part, community: int) -> ColumnElement[bool]:
    """The community's own rows of a table, as one WHERE clause (subqueries for children)."""
    if part.name == "office_settings":
        return and_(part.table.c.community_id == community, part.table.c.key.not_in(DATABASE_SETTINGS))
    if part.kind == "community":
        return part.table.c.community_id == community
    if part.kind == "shared":
        return false()
    ins = []
    for column in part.owned:
        (fk,) = column.foreign_keys
        ins.append(column.in_(select(fk.column).where(_own(PARTS[fk.column.table.name], community))))
    return or_(*ins)


def _shared(part: _Part) -> ColumnElement[bool] | None:
    """Rows no community owns: a shared table's, and a child's that point at nothing of any
    community (a meeting schedule for every branch, org_id NULL). None: the table has none."""
    if part.kind == "shared":
        return true()
    if part.kind == "child" and all(c.nullable for c in part.owned):
        return and_(*[c.is_(None) for c in part.owned])
    return None


def _key_columns(table: Table) -> tuple[str, ...]:
    if table.name in SHARED_KEYS:
        return SHARED_KEYS[table.name]
    if table.autoincrement_column is None:
        return tuple(c.name for c in table.primary_key.columns)
    uniques = sorted((c for c in table.constraints if isinstance(c, UniqueConstraint)), key=lambda c: str(c.name))
    if uniques:
        return tuple(c.name for c in uniques[0].columns)
    return tuple(c.name for c in table.columns if not c.primary_key)


def _count(conn: Connection, table: Table, where: ColumnElement[bool]) -> int:
    return int(conn.execute(select(func.count()).select_from(table).where(where)).scalar_one())


# --- the copy ---------------------------------------------------------------------------------------


@contextmanager
def _snapshot(database: Database) -> Iterator[Connection]:
    """The source, read in one consistent snapshot (a clerk saving meanwhile is not half-seen)."""
    with database.engine.connect() as conn:
        if database.is_server:
            conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with conn.begin():
            yield conn


@dataclass(frozen=True)
class _Community:
    id: int
    uuid: str
    name: str
    sort_order: int
    created_at: Any
    setting_name: str  # its office setting community_name ("" when unset)


def _pick(src: Connection, shown: str, name: str | None) -> _Community:
    table = Base.metadata.tables["communities"]
    rows = src.execute(select(table).order_by(table.c.sort_order, table.c.id)).mappings().all()
    names = "、".join(r["name"] for r in rows)
    if name is not None and name.strip():
        found = [r for r in rows if r["name"] == name.strip()]
        if not found:
            raise CopyError(f"“{shown}”中没有名为“{name.strip()}”的社区（有：{names or '无'}）。")
        row = found[0]
    elif len(rows) == 1:
        row = rows[0]
    else:
        raise CopyError(f"“{shown}”中有 {len(rows)} 个社区，请用 --community 指明复制哪一个（有：{names}）。")
    settings = Base.metadata.tables["office_settings"]
    setting = src.execute(select(settings.c.value).where(settings.c.community_id == row["id"],
                                                         settings.c.key == "community_name")).scalar()
    return _Community(row["id"], row["uuid"], row["name"], row["sort_order"], row["created_at"],
                      (setting or "").strip())


def _source_counts(src: Connection, community: int) -> dict[str, tuple[int, int]]:
    """Per table: (the community's own rows, shared rows)."""
    counts = {}
    for part in PARTS.values():
        shared = _shared(part)
        counts[part.name] = (_count(src, part.table, _own(part, community)),
                             0 if shared is None else _count(src, part.table, shared))
    return counts


def _log_head(src: Connection) -> dict[str, Any]:
    log = Base.metadata.tables["audit_log"]
    last = src.execute(select(log.c.id, log.c.entry_hash).order_by(log.c.id.desc()).limit(1)).first()
    return {"entries": _count(src, log, true()), "last_id": last[0] if last else None,
            "hash": last[1] if last else None}


class _Copier:
    """Rows from `src` into `dst`, ids remapped; the one transaction is the caller's."""

    def __init__(self, src: Connection, dst: Connection, community: _Community, new_community: int, *,
                 merge_shared: bool, account_prefix: str, total: int, progress: Progress | None) -> None:
        self.src, self.dst, self.community = src, dst, community
        self.merge_shared, self.account_prefix = merge_shared, account_prefix
        self.total, self.done, self.progress = total, 0, progress
        self.maps: dict[str, dict[Any, Any]] = {"communities": {community.id: new_community}}
        self.kept: dict[str, int] = {}
        self.accounts: dict[str, str] = {}
        self.referenced = {fk.column.table.name for t in Base.metadata.tables.values() for fk in t.foreign_keys}

    def run(self) -> None:
        self._step(1)  # the community's own row, inserted by the caller
        for part in PARTS.values():
            try:
                self._copy_part(part)
            except (CopyError, PermissionDenied):
                raise
            except DBAPIError as exc:
                raise CopyError(_refusal(part.name, exc)) from exc

    def _step(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None:
            self.progress(self.done, self.total)  # an exception here (cancel) rolls everything back

    def _copy_part(self, part: _Part) -> None:
        table = part.table
        if part.kind != "community":
            shared = _shared(part)
            if shared is not None:
                self._copy_shared(part, shared)
            if part.kind == "shared":
                return
        query = select(table).where(_own(part, self.community.id)).order_by(*table.primary_key.columns)
        if any(fk.column.table is table for fk in table.foreign_keys):  # a tree (party organisations)
            self._copy_tree(part, [row._asdict() for row in self.src.execute(query)])
            return
        for rows in self.src.execute(query.execution_options(yield_per=CHUNK)).partitions():
            self._insert(table, [row._asdict() for row in rows])
            self._step(len(rows))

    def _copy_tree(self, part: _Part, rows: list[dict[str, Any]]) -> None:
        """Parents before their children, in as many rounds as the tree is deep."""
        table = part.table
        (parent,) = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
        placed = self.maps.setdefault(table.name, {})
        while rows:
            ready = [r for r in rows if r[parent] is None or r[parent] in placed]
            if not ready:
                raise CopyError(f"“{LABELS.get(table.name, table.name)}”中有记录的上级不在本社区，没有写入任何数据。")
            rows = [r for r in rows if not (r[parent] is None or r[parent] in placed)]
            for start in range(0, len(ready), CHUNK):
                self._insert(table, ready[start:start + CHUNK])
                self._step(len(ready[start:start + CHUNK]))

    def _copy_shared(self, part: _Part, shared: ColumnElement[bool]) -> None:
        """Shared rows: into a server, only those it lacks (its own are kept and mapped to); into
        a new file, all of them."""
        table = part.table
        rows = [row._asdict() for row in self.src.execute(select(table).where(shared)
                                                          .order_by(*table.primary_key.columns))]
        if not rows:
            return
        pk = table.autoincrement_column
        missing = rows
        if self.merge_shared:
            keys = _key_columns(table)
            have = {tuple(r[1:]): r[0] for r in self.dst.execute(
                select(pk if pk is not None else table.c[keys[0]], *[table.c[k] for k in keys]).where(shared))}
            missing = []
            for row in rows:
                found = have.get(tuple(row[k] for k in keys))
                if found is None:
                    missing.append(row)
                elif pk is not None:
                    self.maps.setdefault(table.name, {})[row[pk.name]] = found
            self.kept[table.name] = len(rows) - len(missing)
        if missing:
            self._insert(table, missing)
        self._step(len(rows))

    def _insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        pk = table.autoincrement_column
        old_ids = [row.pop(pk.name) for row in rows] if pk is not None else []
        for row in rows:
            self._remap(table, row)
        if table.name == "users":
            self._rename(rows)
        if pk is not None and table.name in self.referenced:
            new_ids = self.dst.execute(insert(table).returning(pk, sort_by_parameter_order=True), rows).scalars().all()
            self.maps.setdefault(table.name, {}).update(zip(old_ids, new_ids, strict=True))
        else:
            self.dst.execute(insert(table), rows)

    def _remap(self, table: Table, row: dict[str, Any]) -> None:
        for fk in table.foreign_keys:
            old = row[fk.parent.name]
            referred = fk.column.table
            if old is None or fk.column is not referred.autoincrement_column:
                continue
            try:
                row[fk.parent.name] = self.maps[referred.name][old]
            except KeyError:
                raise CopyError(f"“{LABELS.get(table.name, table.name)}”中有记录引用了不属于本社区的"
                                f"{LABELS.get(referred.name, referred.name)}（{fk.parent.name} = {old}），"
                                "没有写入任何数据。") from None

    def _rename(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            new = f"{self.account_prefix}{row['username']}"
            if len(new) > 40:
                raise CopyError(f"账号“{row['username']}”加上前缀后超过 40 个字符，请换一个短些的前缀。")
            self.accounts[row["username"]] = new
            row["username"] = new


def _refusal(table: str, exc: DBAPIError) -> str:
    label = LABELS.get(table, table)
    text = str(getattr(exc, "orig", exc))
    if isinstance(exc, IntegrityError) and "uuid" in text:
        return (f"目标数据库中已有与源数据相同的{label}记录（UUID 相同）：这些数据已复制过一次，没有写入任何数据。")
    return f"写入{label}时出错：{explain(exc)}；没有写入任何数据。"


def _counts(dst: Connection, src_counts: dict[str, tuple[int, int]], new_community: int, *, merge_shared: bool,
            source_keys: dict[str, list[tuple[Any, ...]]], kept: dict[str, int]) -> list[TableCount]:
    """The target's counts, read in the copying transaction before it commits."""
    counted = [TableCount("communities", 1, _count(dst, Base.metadata.tables["communities"],
                                                   Base.metadata.tables["communities"].c.id == new_community))]
    for part in PARTS.values():
        own, shared = src_counts[part.name]
        target = 0 if part.kind == "shared" else _count(dst, part.table, _own(part, new_community))
        where = _shared(part)
        if where is not None:
            if merge_shared:  # the source's shared rows found in the target (by their key)
                keys = _key_columns(part.table)
                have = {tuple(r) for r in dst.execute(select(*[part.table.c[k] for k in keys]).where(where))}
                target += sum(1 for key in source_keys[part.name] if key in have)
            else:
                target += _count(dst, part.table, where)
        counted.append(TableCount(part.name, own + shared, target, kept.get(part.name, 0)))
    return counted


def _shared_keys(src: Connection) -> dict[str, list[tuple[Any, ...]]]:
    keys: dict[str, list[tuple[Any, ...]]] = {}
    for part in PARTS.values():
        where = _shared(part)
        if where is not None:
            columns = [part.table.c[k] for k in _key_columns(part.table)]
            keys[part.name] = [tuple(r) for r in src.execute(select(*columns).where(where))]
    return keys


def _copy(src: Connection, session: Session, community: _Community, new_values: dict[str, Any], *,
          merge_shared: bool, account_prefix: str, result: CopyResult, progress: Progress | None) -> None:
    """Everything of `community` from `src` into the session's database, then its log entry and the
    comparison of counts (CountsDiffer rolls the caller's transaction back)."""
    dst = session.connection()
    src_counts = _source_counts(src, community.id)
    communities = Base.metadata.tables["communities"]
    new_id = dst.execute(insert(communities).returning(communities.c.id), [new_values]).scalar_one()
    copier = _Copier(src, dst, community, new_id, merge_shared=merge_shared, account_prefix=account_prefix,
                     total=1 + sum(a + b for a, b in src_counts.values()), progress=progress)
    copier.run()
    result.accounts = {old: new for old, new in copier.accounts.items() if old != new}
    result.tables = _counts(dst, src_counts, new_id, merge_shared=merge_shared, source_keys=_shared_keys(src),
                            kept=copier.kept)
    head = _log_head(src)
    result.log_entries_left = head["entries"]
    audit.record(session, "copy", "database", None,
                 f"从 {result.source} 复制社区“{result.community}”（{result.rows} 条记录）",
                 {"source": result.source, "source_community": community.name, "community_uuid": community.uuid,
                  "community_id": new_id, "records": result.rows, "source_log": head,
                  "accounts_renamed": result.accounts,
                  "counts": {t.table: [t.source, t.target] for t in result.tables}})
    session.flush()
    if result.differing:
        raise CountsDiffer(result)


# --- the two ways ------------------------------------------------------------------------------------


def copy_into_server(source: Database, target: Database, *, community: str | None = None, name: str | None = None,
                     account_prefix: str = "", progress: Progress | None = None) -> CopyResult:
    """Copy a community of `source` (a file, or another server) into the server database `target`
    as a new community named `name` (default: the source's office setting community_name). On a
    server with accounts, `target` is signed in as an administrator (db.accounts.sign_in)."""
    if not target.is_server:
        raise CopyError("只能复制到服务器上的数据库，或复制成一个新的数据库文件。")
    started = time.perf_counter()
    with _snapshot(source) as src:
        picked = _pick(src, source.shown, community)
        new_name = (name or "").strip() or picked.setting_name or picked.name
        if len(new_name) > 60:
            raise CopyError(f"社区名称“{new_name}”超过 60 个字符。")
        result = CopyResult(new_name, picked.uuid, source.shown, target.shown)
        with target.session() as s, s.begin():
            with gate.checked_writes(s, "accounts"):
                dst = s.connection()
                _refuse_clashes(dst, src, picked, new_name, account_prefix)
                sort_order = dst.execute(select(func.max(Base.metadata.tables["communities"].c.sort_order))).scalar()
                _copy(src, s, picked, {"uuid": picked.uuid, "name": new_name, "sort_order": (sort_order or 0) + 1,
                                       "created_at": picked.created_at},
                      merge_shared=True, account_prefix=account_prefix, result=result, progress=progress)
    result.seconds = time.perf_counter() - started
    return result


def _refuse_clashes(dst: Connection, src: Connection, picked: _Community, new_name: str, prefix: str) -> None:
    communities = Base.metadata.tables["communities"]
    existing = dst.execute(select(communities.c.id).where(communities.c.name == new_name)).scalar()
    if existing is not None:
        empty = all(_count(dst, part.table, _own(part, existing)) == 0
                    for part in PARTS.values() if part.kind == "community" and part.name not in SEEDED)
        why = "（还没有任何记录，是新建数据库时自带的）" if empty else ""
        raise CopyError(f"服务器上已有名为“{new_name}”的社区{why}，没有复制任何数据：请用 --name 另起一个名称。")
    same = dst.execute(select(communities.c.name).where(communities.c.uuid == picked.uuid)).scalar()
    if same is not None:
        raise CopyError(f"服务器上的社区“{same}”就是这份数据复制过去的（UUID 相同），没有再复制。")
    users = Base.metadata.tables["users"]
    names = [f"{prefix}{n}" for n in src.execute(select(users.c.username).where(users.c.community_id == picked.id))
             .scalars()]
    if names:
        taken = dst.execute(select(users.c.username).where(
            func.lower(users.c.username).in_([n.lower() for n in names]))).scalars().all()
        if taken:
            raise CopyError(f"服务器上已有同名账号“{'”“'.join(sorted(taken))}”，没有复制任何数据：请加 "
                            "--account-prefix 前缀（如 --account-prefix xf-）给本社区的账号改名后再复制。")


def copy_to_file(source: Database, path: Path, *, community: str | None = None, name: str | None = None,
                 progress: Progress | None = None, finish: Callable[[Session], None] | None = None) -> CopyResult:
    """Copy a community of `source` (a server, or a file holding several) into a new database
    file at `path` holding that community only. Refused when `path` exists; removed again when
    the copy fails or is cancelled. `finish`, when given, writes what else the new file needs in
    the copy's own transaction (a station copy's identity): all of it, or no file."""
    path = Path(path)
    if path.exists():
        raise CopyError(f"“{path}”已存在：复制只写入新文件，请换一个文件名。")
    started = time.perf_counter()
    with _snapshot(source) as src:
        picked = _pick(src, source.shown, community)
        _require_copy_out(source, picked)
        try:
            target = open_database(path, create=True)
        except DatabaseOpenError as exc:
            raise CopyError(str(exc)) from exc
        try:
            target.actor = source.actor  # the log entry's name; a new file has no account to prove it on
            result = CopyResult((name or "").strip() or picked.name, picked.uuid, source.shown, str(path))
            with target.session() as s, s.begin(), gate.checked_writes(s, "accounts"):
                dst = s.connection()
                for table in reversed(Base.metadata.sorted_tables):  # what the new file was made with
                    if table.name not in NOT_COPIED:
                        dst.execute(delete(table))
                _copy(src, s, picked, {"uuid": picked.uuid, "name": result.community, "sort_order": picked.sort_order,
                                       "created_at": picked.created_at},
                      merge_shared=False, account_prefix="", result=result, progress=progress)
                if finish is not None:
                    finish(s)
        except BaseException:
            target.close()
            _remove(path)
            raise
        target.close()
    if source.is_server:
        with source.session() as s, s.begin():
            audit.record(s, "copy", "database", None,
                         f"复制社区“{picked.name}”到文件 {path.name}（{result.rows} 条记录）",
                         {"file": str(path), "community_uuid": picked.uuid, "records": result.rows})
    result.seconds = time.perf_counter() - started
    return result


def _require_copy_out(source: Database, picked: _Community) -> None:
    """Out of a server with accounts: its administrator, of this community or of the street office."""
    if not source.is_server:
        return
    with source.session() as s:
        if not gate.guarded(s):
            return
        require(actor_of(s), "accounts")
    if source.scope is not None and source.scope.community_id not in (None, picked.id):
        raise PermissionDenied("只能复制本社区的数据：复制其他社区须用该社区或街道的管理员账号。")


def _remove(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
