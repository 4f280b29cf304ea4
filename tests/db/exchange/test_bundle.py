"""Exchange bundles written and read back on the engine of the run: what a bundle carries, and
every kind of bad bundle refused in one sentence before anything is read from it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from db.database import Database
from db.exchange.bundle import CopyRef, check_for, read_bundle
from db.exchange.journal import ExchangeError, start_journal
from db.exchange.outgoing import add_peer, export_bundle, peer_named
from db.models import ExchangePeer
from db.service_logs import AttendeeInput
from tests.db.test_volunteers import activity, add_volunteer, save

STATION = "5a1e0000-0000-4000-8000-000000000001"


def office_with_station(db: Database) -> tuple[str, str]:
    with db.session() as s, s.begin():
        me = start_journal(s, "和平社区办公室", "office")
        add_peer(s, STATION, "幸福驿站", "station")
        return me.uuid, me.office_uuid


def export(db: Database, out: Path) -> int:
    with db.session() as s, s.begin():
        return export_bundle(s, peer_named(s, "幸福驿站"), out).changes


def test_a_bundle_carries_the_changes_and_the_uuids_they_point_at(db: Database, tmp_path: Path) -> None:
    me, office = office_with_station(db)
    volunteer = add_volunteer(db, "张三", "111")
    save(db, activity([AttendeeInput(volunteer_id=volunteer, hours="2.5")]))
    out = tmp_path / "to-station.zip"
    assert export(db, out) == 5
    assert not list(tmp_path.glob("*.part"))
    bundle = read_bundle(out)
    m = bundle.manifest
    assert (m.source.uuid, m.target.uuid, m.office_uuid, m.after_seq) == (me, STATION, office, 0)
    assert m.parts["changes"]["rows"] == 5 and len(m.parts["changes"]["sha256"]) == 64
    # The volunteer's points account, opened for the hours, travels; the hours' points do not
    # (each copy credits its own service logs).
    assert [c.table for c in bundle.changes] == ["persons", "volunteers", "service_activities", "service_logs",
                                                 "bank_accounts"]
    line = bundle.changes[3]
    activity_uuid = bundle.changes[2].row_uuid
    assert bundle.keys[("service_activities", line.new["activity_id"])] == activity_uuid
    assert bundle.keys[("volunteers", line.new["volunteer_id"])] == bundle.changes[1].row_uuid
    with db.session() as s:
        peer = s.query(ExchangePeer).one()
        assert peer.sent_up_to == m.last_seq and peer.acked_up_to == 0
    # Until the station acknowledges them, the next bundle carries the same changes again.
    assert export(db, tmp_path / "again.zip") == 5


def rewrite(src: Path, dst: Path, change) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = change(item.filename, zin.read(item.filename))
            if data is not None:
                zout.writestr(item.filename, data)
    return dst


@pytest.fixture
def bundle(db: Database, tmp_path: Path) -> Path:
    office_with_station(db)
    volunteer = add_volunteer(db, "张三", "111")
    save(db, activity([AttendeeInput(volunteer_id=volunteer, hours="3")]))
    out = tmp_path / "b.zip"
    export(db, out)
    return out


def test_a_truncated_bundle_is_refused(bundle: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.zip"
    cut.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 2])
    with pytest.raises(ExchangeError, match="已损坏或没有写完整"):
        read_bundle(cut)


def test_an_altered_part_is_refused(bundle: Path, tmp_path: Path) -> None:
    def more_hours(name: str, data: bytes) -> bytes:
        return data.replace(b'"hours":3', b'"hours":30') if name == "changes.jsonl" else data

    with pytest.raises(ExchangeError, match="与清单不符"):
        read_bundle(rewrite(bundle, tmp_path / "altered.zip", more_hours))


def test_reordered_changes_are_refused(bundle: Path, tmp_path: Path) -> None:
    # Reorder the lines and make the manifest's hash fit, as a careless tool would: the order check holds.
    with zipfile.ZipFile(bundle) as zf:
        lines = zf.read("changes.jsonl").decode().splitlines()
        manifest = json.loads(zf.read("manifest.json"))
    reordered = ("\n".join(reversed(lines)) + "\n").encode()
    import hashlib

    manifest["parts"]["changes"]["sha256"] = hashlib.sha256(reordered).hexdigest()

    def put(name: str, data: bytes) -> bytes:
        return {"changes.jsonl": reordered, "manifest.json": json.dumps(manifest).encode()}.get(name, data)

    with pytest.raises(ExchangeError, match="顺序或编号"):
        read_bundle(rewrite(bundle, tmp_path / "reordered.zip", put))


def test_a_missing_part_or_another_file_is_refused(bundle: Path, tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="缺少“keys”"):
        read_bundle(rewrite(bundle, tmp_path / "nokeys.zip", lambda n, d: None if n == "keys.jsonl" else d))
    with pytest.raises(ExchangeError, match="缺少清单"):
        read_bundle(rewrite(bundle, tmp_path / "nomanifest.zip", lambda n, d: None if n == "manifest.json" else d))
    plain = tmp_path / "ledger.zip"
    plain.write_text("not a zip at all", encoding="utf-8")
    with pytest.raises(ExchangeError, match="已损坏"):
        read_bundle(plain)


def test_a_bundle_for_another_copy_office_revision_or_out_of_order_is_refused(bundle: Path) -> None:
    m = read_bundle(bundle).manifest
    station = CopyRef(STATION, "幸福驿站", "station")
    check_for(m, station, m.office_uuid, received_up_to=0)  # the right one passes
    with pytest.raises(ExchangeError, match="另一个办公室"):
        check_for(m, station, "0ff1ce00-0000-4000-8000-000000000000", received_up_to=0)
    with pytest.raises(ExchangeError, match="是给“幸福驿站”的"):
        check_for(m, CopyRef("5a1e0000-0000-4000-8000-000000000002", "平安驿站", "station"), m.office_uuid, 0)
    m.after_seq = 7
    with pytest.raises(ExchangeError, match="只收到第 0 号改动为止"):
        check_for(m, station, m.office_uuid, received_up_to=0)
    m.after_seq, m.schema_revision = 0, "0009_volunteer_totals"
    with pytest.raises(ExchangeError, match="同一版本"):
        check_for(m, station, m.office_uuid, received_up_to=0)


def test_exporting_needs_an_identity_and_a_known_peer(db: Database, tmp_path: Path) -> None:
    with db.session() as s, pytest.raises(ExchangeError, match="没有名为"):
        peer_named(s, "幸福驿站")
    with db.session() as s:
        peer = add_peer(s, STATION, "幸福驿站", "station")
        with pytest.raises(ExchangeError, match="还没有设为办公室或服务站副本"):
            export_bundle(s, peer, tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()

