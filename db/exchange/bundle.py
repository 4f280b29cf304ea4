"""Exchange bundles: a zip file that carries one copy's journaled changes to another.

A bundle holds a manifest and its parts. The manifest says which bundle it is (its own UUID),
whose work it carries (the source copy, its office, the range of the source's counter), what
it is for (the target copy), the schema revision both must be at, the source's clock when it
was written, and for each part its SHA-256 and row count. Reading a bundle checks all of that
before anything is applied: a truncated, altered, reordered or foreign bundle is refused in one
sentence (ExchangeError) and nothing is written.

Parts (JSON Lines, one row a line):
- changes: the journal entries, in the source's order;
- keys: for every record the changes point at by id (a foreign key), the record's UUID, as
  `[table, id, uuid]`: ids differ between copies, so the other side finds records by UUID;
- given: whole records sent along for a station that may lack them (db.exchange.scope), as
  journal entries that insert them; added only where missing.

A bundle written to a USB stick is written under a temporary name beside its final one, flushed
to the device, and renamed when whole: a stick pulled out half-way leaves no bundle that looks
finished.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import uuid as uuid_module
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from db.database import head_revision
from db.exchange.clocks import now_text
from db.exchange.journal import ExchangeError, JournalEntry
from db.models import Base

FORMAT = "community-desk-bundle/1"
MANIFEST = "manifest.json"
PARTS = ("changes", "keys", "given")


@dataclass(frozen=True)
class CopyRef:
    """A copy as a bundle names it."""

    uuid: str
    name: str
    kind: str


@dataclass
class Manifest:
    bundle_id: str
    source: CopyRef
    target: CopyRef
    office_uuid: str
    first_seq: int  # the source's counter: this bundle carries its entries first_seq..last_seq
    last_seq: int
    after_seq: int  # the last entry of the source's the target had (the bundle follows right on it)
    acknowledges: int  # the last of the target's entries the source has applied
    schema_revision: str
    written_at: str  # the source's clock (UTC), for the clock warning only
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → {"sha256", "rows"}
    format: str = FORMAT
    resend: bool = False  # everything again, the target's own changes included (it was restored from a backup)
    asks_resend: bool = False  # the source was restored from a backup: it asks for everything again
    acknowledges_tip: str | None = None  # "seq:digest" of the last of the target's entries the source applied
    station_registers: list[str] | None = None  # the office's: the registers its stations enter (None: the usual)
    points_allowance: int | None = None  # the office's, for the station: its offline redemptions (db.bank.allowance)


@dataclass
class Bundle:
    manifest: Manifest
    changes: list[JournalEntry]
    keys: dict[tuple[str, int], str]  # (table, id in the source) → uuid
    given: list[JournalEntry] = field(default_factory=list)


def _json_lines(rows: Iterable[Any]) -> tuple[bytes, int]:
    out = io.StringIO()
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        count += 1
    return out.getvalue().encode("utf-8"), count


# References without a foreign key: (table, column) → (the column naming the kind of record,
# kind → the table it is in). A moral-bank line's source is a redemption or a claim.
SOFT_REFERENCES: dict[tuple[str, str], tuple[str, dict[str, str]]] = {
    ("bank_entries", "source_id"): ("source", {"redemption": "redemptions", "claim": "bank_claims"}),
}


def soft_target(table: str, column: str, values: dict[str, Any]) -> str | None:
    """The table a soft reference in `values` points into, or None (not one, or of another kind)."""
    reference = SOFT_REFERENCES.get((table, column))
    return None if reference is None else reference[1].get(values.get(reference[0]) or "")


def referenced_keys(session: Session, changes: list[JournalEntry]) -> list[list[Any]]:
    """[table, id, uuid] for every record the changes point at through a foreign key (or a soft
    reference)."""
    wanted: dict[str, set[int]] = {}
    for entry in changes:
        table = Base.metadata.tables[entry.table]
        for values in (entry.old, entry.new):
            for fk in table.foreign_keys:
                value = (values or {}).get(fk.parent.name)
                if value is not None:
                    wanted.setdefault(fk.column.table.name, set()).add(int(value))
            for (name, column) in SOFT_REFERENCES:
                pointed = soft_target(name, column, values or {}) if name == entry.table else None
                if pointed is not None and (values or {}).get(column) is not None:
                    wanted.setdefault(pointed, set()).add(int((values or {})[column]))
    keys: list[list[Any]] = []
    for name, ids in sorted(wanted.items()):
        target: Table = Base.metadata.tables[name]
        found: dict[int, str] = {}
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            found.update(session.execute(select(target.c.id, target.c.uuid).where(target.c.id.in_(chunk))).all())
        keys += [[name, i, found[i]] for i in ordered if i in found]
    return keys


def write_bundle(path: Path, manifest: Manifest, changes: list[JournalEntry], keys: list[list[Any]],
                 given: list[JournalEntry] | None = None) -> Path:
    """Write the bundle at `path` (under a temporary name, renamed when whole); the manifest's
    parts are filled in here."""
    path = Path(path)
    parts = {"changes": _json_lines(asdict(e) for e in changes), "keys": _json_lines(keys),
             "given": _json_lines(asdict(e) for e in given or [])}
    manifest.parts = {name: {"sha256": hashlib.sha256(data).hexdigest(), "rows": rows}
                      for name, (data, rows) in parts.items()}
    partial = path.with_name(path.name + ".part")
    try:
        with open(partial, "wb") as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(MANIFEST, json.dumps(asdict(manifest), ensure_ascii=False, indent=1))
                for name, (data, _) in parts.items():
                    zf.writestr(f"{name}.jsonl", data)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def read_bundle(path: Path) -> Bundle:
    """The bundle at `path`, every part checked against the manifest; ExchangeError otherwise."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            try:
                raw_manifest = json.loads(zf.read(MANIFEST))
            except KeyError:
                raise ExchangeError(f"“{path.name}”不是社区工作台的交换包（缺少清单）。") from None
            manifest = _manifest(raw_manifest, path)
            data = {}
            for name in PARTS:
                try:
                    data[name] = zf.read(f"{name}.jsonl")
                except KeyError:
                    raise ExchangeError(f"交换包“{path.name}”不完整：缺少“{name}”部分。") from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        if isinstance(exc, ExchangeError):
            raise
        raise ExchangeError(f"交换包“{path.name}”已损坏或没有写完整，请重新导出。") from None
    rows = {}
    for name in PARTS:
        expected = manifest.parts.get(name) or {}
        if hashlib.sha256(data[name]).hexdigest() != expected.get("sha256"):
            raise ExchangeError(f"交换包“{path.name}”的“{name}”部分与清单不符（被改动或损坏），已拒绝导入。")
        lines = [json.loads(line) for line in data[name].decode("utf-8").splitlines() if line]
        if len(lines) != expected.get("rows"):
            raise ExchangeError(f"交换包“{path.name}”的“{name}”部分条数与清单不符，已拒绝导入。")
        rows[name] = lines
    try:
        changes = [JournalEntry(**row) for row in rows["changes"]]
        given = [JournalEntry(**row) for row in rows["given"]]
        keys = {(t, int(i)): u for t, i, u in rows["keys"]}
    except (TypeError, ValueError):
        raise ExchangeError(f"交换包“{path.name}”的内容不是本软件写的格式，已拒绝导入。") from None
    seqs = [e.seq for e in changes]
    if seqs != sorted(set(seqs)) or (seqs and (seqs[0] < manifest.first_seq or seqs[-1] > manifest.last_seq)):
        raise ExchangeError(f"交换包“{path.name}”中的改动顺序或编号与清单不符，已拒绝导入。")
    if any(g.op != "insert" or g.table != "persons" or not g.row_uuid or not g.new for g in given):
        raise ExchangeError(f"交换包“{path.name}”的“given”部分不是人员记录，已拒绝导入。")
    return Bundle(manifest=manifest, changes=changes, keys=keys, given=given)


def _manifest(raw: dict[str, Any], path: Path) -> Manifest:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ExchangeError(f"“{path.name}”不是本软件能读的交换包格式。")
    try:
        return Manifest(**{**raw, "source": CopyRef(**raw["source"]), "target": CopyRef(**raw["target"])})
    except (TypeError, KeyError):
        raise ExchangeError(f"交换包“{path.name}”的清单不完整，已拒绝导入。") from None


def check_for(manifest: Manifest, here: CopyRef, office_uuid: str, received_up_to: int) -> None:
    """Refuse a bundle that is not for this copy, or for another office or schema revision, or
    that does not follow on the last one applied here (saying which are missing)."""
    if manifest.office_uuid != office_uuid:
        raise ExchangeError(f"这个交换包属于另一个办公室（来自“{manifest.source.name}”），不能导入到这里。")
    if manifest.target.uuid != here.uuid:
        raise ExchangeError(f"这个交换包是给“{manifest.target.name}”的，不是给本副本（“{here.name}”）的。")
    if manifest.schema_revision != head_revision():
        raise ExchangeError(f"这个交换包来自数据库结构版本“{manifest.schema_revision}”，本副本是“{head_revision()}”："
                            "请先把两边的软件升级到同一版本。")
    if manifest.after_seq > received_up_to:
        raise ExchangeError(f"缺少“{manifest.source.name}”之前的交换包：本副本只收到第 {received_up_to} 号改动为止，"
                            f"这个包从第 {manifest.after_seq + 1} 号开始。请先导入之前的包，或让对方重新导出。")


def entry_digest(entry: JournalEntry) -> str:
    """A short fingerprint of a journal entry: the same seq with another change is another copy's past.

    Which change it is, not its values: when (to the microsecond), which row, what was done and
    whose work. The values travel masked to a station given masked numbers, and the authors
    are read from the log as a bundle is written; the fingerprint the station confirms must be
    the office's all the same."""
    fields = {k: v for k, v in asdict(entry).items() if k not in ("old", "new", "by", "by_at")}
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def new_manifest(source: CopyRef, target: CopyRef, office_uuid: str, first_seq: int, last_seq: int,
                 after_seq: int, acknowledges: int) -> Manifest:
    return Manifest(bundle_id=str(uuid_module.uuid4()), source=source, target=target, office_uuid=office_uuid,
                    first_seq=first_seq, last_seq=last_seq, after_seq=after_seq, acknowledges=acknowledges,
                    schema_revision=head_revision(), written_at=now_text())
