"""Issue 13, point 6b: one community copied from an office's file into a server (as a new
community there) and back out into a new file — the same records (by UUID, with every link
between them), the same counts, one transaction that a failure or a cancel leaves unwritten."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from db.accounts import create_user, sign_in
from db.copying import NOT_COPIED, CopyCancelled, CopyError, CountsDiffer, copy_into_server, copy_to_file
from db.counters import take_next
from db.data_settings import save_data_settings
from db.database import Database, open_database
from db.demo import fill_demo
from db.health import check_file
from db.models import AuditEntry, Base, MeetingSchedule, PartyOrg, Person, Volunteer
from db.office import set_setting
from db.party_life.ratings import IndicatorRow, indicators, save_indicators, save_scores
from db.permissions import PermissionDenied
from db.recycle import delete as recycle
from tests import engines
from tests.test_cli import run

ADMIN_PW, CLERK_PW = "Hexie#2026pw", "Luru#2026pw"
server_only = pytest.mark.server_only

# Every table's rows of one community, named by UUIDs and values instead of ids: equal in two
# databases only when the rows and every foreign key between them were copied faithfully.
FINGERPRINT = {
    "persons": "SELECT p.uuid, g.uuid, p.name, p.deleted_at IS NOT NULL FROM persons p "
               "LEFT JOIN grids g ON g.id = p.grid_id WHERE p.community_id = :c",
    "grids": "SELECT uuid, code, name FROM grids WHERE community_id = :c",
    "party_orgs": "SELECT o.uuid, p.uuid, o.name FROM party_orgs o LEFT JOIN party_orgs p ON p.id = o.parent_id "
                  "WHERE o.community_id = :c",
    "party_members": "SELECT m.uuid, p.uuid, o.uuid, m.version FROM party_members m "
                     "JOIN persons p ON p.id = m.person_id JOIN party_orgs o ON o.id = m.org_id "
                     "WHERE m.community_id = :c",
    "member_status_changes": "SELECT m.uuid, x.status, x.reason FROM member_status_changes x "
                             "JOIN party_members m ON m.id = x.member_id WHERE m.community_id = :c",
    "meetings": "SELECT mt.uuid, o.uuid, mt.kind, mt.topic FROM meetings mt JOIN party_orgs o ON o.id = mt.org_id "
                "WHERE mt.community_id = :c",
    "attendance": "SELECT mt.uuid, m.uuid, a.status FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id "
                  "JOIN party_members m ON m.id = a.member_id WHERE mt.community_id = :c",
    "point_entries": "SELECT m.uuid, mt.uuid, e.rule_code, e.points, e.year FROM point_entries e "
                     "JOIN party_members m ON m.id = e.member_id LEFT JOIN meetings mt ON mt.id = e.meeting_id "
                     "WHERE m.community_id = :c",
    "meeting_schedules": "SELECT o.uuid, s.kind, s.period, s.times FROM meeting_schedules s "
                         "JOIN party_orgs o ON o.id = s.org_id WHERE o.community_id = :c",
    "rating_scores": "SELECT i.year, i.name, o.uuid, s.score FROM rating_scores s "
                     "JOIN rating_indicators i ON i.id = s.indicator_id JOIN party_orgs o ON o.id = s.org_id "
                     "WHERE o.community_id = :c",
    "grid_workers": "SELECT w.uuid, p.uuid, w.role FROM grid_workers w JOIN persons p ON p.id = w.person_id "
                    "WHERE w.community_id = :c",
    "grid_worker_grids": "SELECT w.uuid, g.uuid FROM grid_worker_grids x "
                         "JOIN grid_workers w ON w.id = x.grid_worker_id JOIN grids g ON g.id = x.grid_id "
                         "WHERE w.community_id = :c",
    "mediators": "SELECT d.uuid, p.uuid, d.tier FROM mediators d JOIN persons p ON p.id = d.person_id "
                 "WHERE d.community_id = :c",
    "mediation_cases": "SELECT c.uuid, c.number, d.uuid FROM mediation_cases c LEFT JOIN mediators d "
                       "ON d.id = c.mediator_id WHERE c.community_id = :c",
    "mediation_parties": "SELECT c.uuid, x.name, x.role, p.uuid FROM mediation_parties x "
                         "JOIN mediation_cases c ON c.id = x.case_id LEFT JOIN persons p ON p.id = x.person_id "
                         "WHERE c.community_id = :c",
    "mediation_follow_ups": "SELECT f.uuid, c.uuid, f.performed FROM mediation_follow_ups f "
                            "JOIN mediation_cases c ON c.id = f.case_id WHERE f.community_id = :c",
    "volunteers": "SELECT v.uuid, p.uuid, v.number, v.deleted_at IS NOT NULL FROM volunteers v "
                  "JOIN persons p ON p.id = v.person_id WHERE v.community_id = :c",
    "service_activities": "SELECT uuid, project FROM service_activities WHERE community_id = :c",
    "service_logs": "SELECT l.uuid, a.uuid, v.uuid, l.hours FROM service_logs l "
                    "JOIN service_activities a ON a.id = l.activity_id JOIN volunteers v ON v.id = l.volunteer_id "
                    "WHERE l.community_id = :c",
    "users": "SELECT username, role, password_hash FROM users WHERE community_id = :c",
    "office_settings": "SELECT key, value FROM office_settings WHERE community_id = :c "
                       "AND key NOT IN ('backup_folder', 'backup_keep', 'lock_minutes')",
    "counters": "SELECT name, year, value FROM counters WHERE community_id = :c",
    "communities": "SELECT uuid FROM communities WHERE id = :c",
}


def fingerprint(engine: Engine, community: str | None = None) -> dict[str, Counter[tuple[Any, ...]]]:
    with engine.connect() as conn:
        ids = conn.execute(text("SELECT id, name FROM communities")).all()
        (found,) = [i for i, name in ids if community is None or name == community]
        return {table: Counter(tuple(r) for r in conn.execute(text(query), {"c": found}))
                for table, query in FINGERPRINT.items()}


def table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in Base.metadata.sorted_tables}


def _office_file(path: Path, name: str, seed: int) -> Path:
    """The demo community, with what the demo leaves empty: settings, a rating sheet and scores, a
    branch's own schedule, a counter, a record in the recycle bin, and two accounts."""
    db = open_database(path)
    fill_demo(db, seed=seed)
    with db.session() as s, s.begin():
        set_setting(s, "community_name", name)
        save_data_settings(s, str(path.parent / "备份"), 20, 10)  # this PC's: they stay behind
        save_indicators(s, 2026, [IndicatorRow(None, "组织建设", 20), IndicatorRow(None, "党员教育", 30)])
    with db.session() as s, s.begin():
        sheet = [row.id for row in indicators(s, 2026) if row.id is not None]
        branch = s.scalar(select(PartyOrg.id).where(PartyOrg.kind == "branch").order_by(PartyOrg.id).limit(1))
        assert branch is not None
        save_scores(s, 2026, branch, {sheet[0]: 18, sheet[1]: 25})
        s.add(MeetingSchedule(kind="themed_day", org_kind="branch", org_id=branch, period="month", times=2))
        take_next(s, "mediation_case", 2027)
        recycle(s, "volunteers", [s.scalars(select(Volunteer.id).order_by(Volunteer.id).limit(1)).one()])
    with db.session() as s, s.begin():
        create_user(s, "admin", ADMIN_PW, "admin", "王主任")
        create_user(s, "clerk", CLERK_PW, "clerk")
    db.close()
    return path


@pytest.fixture(scope="module")
def office_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _office_file(tmp_path_factory.mktemp("a") / "heping.sqlite3", "和平社区", 1)


@pytest.fixture(scope="module")
def office_b(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _office_file(tmp_path_factory.mktemp("b") / "ankang.sqlite3", "安康社区", 2)


def server_url(database: Database) -> str:
    assert isinstance(database.location, URL)
    return database.location.render_as_string(hide_password=False)


def file_engine(path: Path) -> Engine:
    return create_engine(f"sqlite:///{path}", poolclass=NullPool)


@pytest.fixture
def street(server_database: str) -> Iterator[Database]:
    """The street office's server database, as new (its one empty community, 幸福社区)."""
    engines.empty(server_database)
    database = open_database(server_database)
    yield database
    database.close()


@pytest.fixture
def street_engine(server_database: str) -> Iterator[Engine]:
    engine = create_engine(server_database, poolclass=NullPool)
    yield engine
    engine.dispose()


# --- file to file (both runs) ------------------------------------------------------------------------


def test_a_copied_file_holds_the_same_records(office_a: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.sqlite3"
    source = open_database(office_a, create=False)
    seen: list[tuple[int, int]] = []
    try:
        result = copy_to_file(source, out, progress=lambda done, total: seen.append((done, total)))
    finally:
        source.close()
    assert result.differing == [] and result.rows > 13_000
    assert result.community == "幸福社区"  # a file keeps the community's name (the letterhead is a setting)
    assert {t.table for t in result.tables} == {t.name for t in Base.metadata.sorted_tables} - set(NOT_COPIED)
    assert seen[-1] == (result.rows, result.rows) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert fingerprint(file_engine(out)) == fingerprint(file_engine(office_a))
    assert check_file(out, full=True).ok, check_file(out, full=True).message
    counts, original = table_counts(file_engine(out)), table_counts(file_engine(office_a))
    original["office_settings"] -= 3  # the backup folder, the copies kept and the idle lock: the PC's
    assert {t: n for t, n in counts.items() if t != "audit_log"} == {t: n for t, n in original.items()
                                                                     if t != "audit_log"}
    copied = open_database(out, create=False)
    try:
        with copied.session() as s:
            (entry,) = s.scalars(select(AuditEntry)).all()  # the source's log stays where it was
        assert entry.action == "copy" and "heping.sqlite3" in entry.summary and str(result.rows) in entry.summary
        assert sign_in(copied, "admin", ADMIN_PW).role == "admin"  # the password travelled as its hash
    finally:
        copied.close()


def test_an_existing_file_is_never_written(office_a: Path, tmp_path: Path) -> None:
    out = tmp_path / "there.sqlite3"
    out.write_bytes(b"not ours")
    source = open_database(office_a, create=False)
    try:
        with pytest.raises(CopyError, match="已存在"):
            copy_to_file(source, out)
    finally:
        source.close()
    assert out.read_bytes() == b"not ours"


def test_cancelled_halfway_leaves_no_file(office_a: Path, tmp_path: Path) -> None:
    out = tmp_path / "half.sqlite3"

    def cancel(done: int, total: int) -> None:
        if done > total // 2:
            raise CopyCancelled()

    source = open_database(office_a, create=False)
    try:
        with pytest.raises(CopyCancelled, match="已取消"):
            copy_to_file(source, out, progress=cancel)
    finally:
        source.close()
    assert list(tmp_path.iterdir()) == []


# --- through the server ------------------------------------------------------------------------------


@server_only
def test_round_trip_through_the_server(office_a: Path, office_b: Path, street: Database, street_engine: Engine,
                                       tmp_path: Path) -> None:
    original = fingerprint(file_engine(office_a))
    source = open_database(office_a, create=False)
    try:
        result = copy_into_server(source, street)  # named by its setting: 和平社区
    finally:
        source.close()
    assert result.community == "和平社区" and result.differing == []
    assert result.log_entries_left == table_counts(file_engine(office_a))["audit_log"] > 0  # they stay there
    assert dict((t.table, t.kept) for t in result.tables if t.kept) == {"point_rules": 6, "meeting_schedules": 7}
    assert fingerprint(street_engine, "和平社区") == original
    print(f"\n{result.rows} rows in {result.seconds:.2f} s: {result.rows_per_second:.0f} rows/s into the server")

    # A second community alongside: its accounts renamed, the first one untouched.
    street.actor = sign_in(street, "admin", ADMIN_PW)
    source = open_database(office_b, create=False)
    try:
        with pytest.raises(CopyError, match="--account-prefix"):
            copy_into_server(source, street)
        second = copy_into_server(source, street, account_prefix="ak-")
    finally:
        source.close()
    assert second.differing == [] and second.accounts == {"admin": "ak-admin", "clerk": "ak-clerk"}
    assert fingerprint(street_engine, "和平社区") == original
    assert fingerprint(street_engine, "安康社区")["persons"] == fingerprint(file_engine(office_b))["persons"]
    with street_engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM communities ORDER BY sort_order")).scalars().all()
        log = conn.execute(text("SELECT username, action, summary FROM audit_log WHERE action = 'copy'")).all()
    assert names == ["幸福社区", "和平社区", "安康社区"]
    with street_engine.connect() as conn:  # a server backup would have gone to an office PC's folder
        assert conn.execute(text("SELECT count(*) FROM office_settings WHERE key = 'backup_folder'")).scalar() == 0
    assert [(u, a) for u, a, _ in log] == [("系统", "copy"), ("admin", "copy")] and "安康社区" in log[1][2]

    # Back out: the same records, UUIDs and counts as the office's file; the server logs it.
    out = tmp_path / "back.sqlite3"
    back = copy_to_file(street, out, community="和平社区")
    assert back.differing == [] and back.rows == result.rows
    assert fingerprint(file_engine(out)) == original
    assert check_file(out, full=True).ok
    counts, first = table_counts(file_engine(out)), table_counts(file_engine(office_a))
    first["office_settings"] -= 3
    assert {t: n for t, n in counts.items() if t != "audit_log"} == {t: n for t, n in first.items()
                                                                     if t != "audit_log"}
    with street_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log WHERE action = 'copy' "
                                 "AND summary LIKE '%back.sqlite3%'")).scalar() == 1
    # Only the community's own administrator, or the street office's, takes it out.
    with pytest.raises(PermissionDenied, match="本社区"):
        copy_to_file(street, tmp_path / "other.sqlite3", community="安康社区")
    assert not (tmp_path / "other.sqlite3").exists()

    # The server's own numbering goes on after the copied rows: a save takes a new id.
    with street.session() as s, s.begin():
        s.add(Person(name="新来的"))
    with street.session() as s:
        assert s.scalar(select(func.count()).select_from(Person).where(Person.name == "新来的")) == 1


@server_only
def test_the_same_community_twice_is_refused_and_changes_nothing(office_a: Path, street: Database,
                                                                 street_engine: Engine) -> None:
    source = open_database(office_a, create=False)
    try:
        with pytest.raises(CopyError, match="自带"):  # the new database's own empty community
            copy_into_server(source, street, name="幸福社区")
        copy_into_server(source, street)
        before = table_counts(street_engine)
        street.actor = sign_in(street, "admin", ADMIN_PW)
        with pytest.raises(CopyError, match="已有名为“和平社区”的社区"):
            copy_into_server(source, street)
        with pytest.raises(CopyError, match="UUID 相同"):
            copy_into_server(source, street, name="和平社区二", account_prefix="x-")
    finally:
        source.close()
    after = table_counts(street_engine)
    assert {t: n for t, n in after.items() if t != "audit_log"} == {t: n for t, n in before.items()
                                                                     if t != "audit_log"}
    assert after["audit_log"] == before["audit_log"] + 1  # the sign-in, nothing of a copy


@server_only
def test_a_server_with_accounts_takes_a_copy_from_its_administrator_only(office_a: Path, office_b: Path,
                                                                         street: Database) -> None:
    source = open_database(office_a, create=False)
    try:
        copy_into_server(source, street)
    finally:
        source.close()
    source = open_database(office_b, create=False)
    try:
        with pytest.raises(PermissionDenied):  # nobody signed in
            copy_into_server(source, street, account_prefix="ak-")
        street.actor = sign_in(street, "clerk", CLERK_PW)
        with pytest.raises(PermissionDenied, match="管理账号"):
            copy_into_server(source, street, account_prefix="ak-")
        street.actor = sign_in(street, "admin", ADMIN_PW)
        assert copy_into_server(source, street, account_prefix="ak-").differing == []
    finally:
        source.close()


@server_only
def test_cancelled_halfway_leaves_the_server_as_it_was(office_a: Path, street: Database,
                                                      street_engine: Engine) -> None:
    before = table_counts(street_engine)
    seen: list[int] = []

    def cancel(done: int, total: int) -> None:
        seen.append(done)
        if done > total // 2:
            raise CopyCancelled()

    source = open_database(office_a, create=False)
    try:
        with pytest.raises(CopyCancelled):
            copy_into_server(source, street, progress=cancel)
    finally:
        source.close()
    assert len(seen) > 3 and table_counts(street_engine) == before


@server_only
def test_counts_that_differ_undo_the_copy(office_a: Path, street: Database, street_engine: Engine,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A server that silently drops rows (a trigger someone left there): the copy sees the count
    differ and writes nothing; the command prints both counts and fails in one line."""
    with street_engine.begin() as conn:
        conn.execute(text("CREATE FUNCTION cd_drop_some() RETURNS trigger AS $$ BEGIN "
                          "IF NEW.points < 1 THEN RETURN NULL; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"))
        conn.execute(text("CREATE TRIGGER cd_drop_some BEFORE INSERT ON point_entries "
                          "FOR EACH ROW EXECUTE FUNCTION cd_drop_some()"))
    try:
        before = table_counts(street_engine)
        source = open_database(office_a, create=False)
        try:
            with pytest.raises(CountsDiffer) as raised:
                copy_into_server(source, street)
        finally:
            source.close()
        assert [t.table for t in raised.value.result.differing] == ["point_entries"]
        assert table_counts(street_engine) == before
        code, out, err = run(capsys, "copy", "--from", str(office_a), "--to", server_url(street))
        assert code == 1 and err.count("\n") == 1 and "积分" in err and "没有写入任何数据" in err
        assert "← 不一致" in out and table_counts(street_engine) == before
    finally:
        with street_engine.begin() as conn:
            conn.execute(text("DROP TRIGGER cd_drop_some ON point_entries"))
            conn.execute(text("DROP FUNCTION cd_drop_some()"))


@server_only
def test_the_copy_command_round_trip(office_a: Path, street: Database, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    url = server_url(street)
    code, out, err = run(capsys, "copy", "--from", str(office_a), "--to", url)
    assert code == 0, err
    assert "人员 persons" in out and "已把社区“和平社区”" in out and "每秒" in out
    code, out, err = run(capsys, "copy", "--from", str(office_a), "--to", url)
    assert code == 2 and out == "" and "须先登录" in err  # the server has the file's accounts now
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PW + "\n"))
    code, out, err = run(capsys, "copy", "--from", str(office_a), "--to", url, "--user", "admin", "--password-stdin")
    assert code == 1 and out == "" and err.count("\n") == 1 and "已有名为“和平社区”的社区" in err
    out_file = tmp_path / "back.sqlite3"
    code, out, err = run(capsys, "copy", "--from", url, "--community", "和平社区", "--to", str(out_file))
    assert code == 2 and "登录" in err and not out_file.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PW + "\n"))
    code, out, err = run(capsys, "copy", "--from", url, "--to", str(out_file), "--user", "admin",
                         "--password-stdin")  # two communities: which one?
    assert code == 1 and "--community" in err and not out_file.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN_PW + "\n"))
    code, out, err = run(capsys, "copy", "--from", url, "--community", "和平社区", "--to", str(out_file),
                         "--user", "admin", "--password-stdin")
    assert code == 0, err
    assert run(capsys, "check", "--db", str(out_file), "--full")[0] == 0
    assert fingerprint(file_engine(out_file)) == fingerprint(file_engine(office_a))


def test_copying_needs_a_server_or_a_new_file(office_a: Path, tmp_path: Path) -> None:
    source = open_database(office_a, create=False)
    other = open_database(tmp_path / "other.sqlite3")
    try:
        with pytest.raises(CopyError, match="服务器"):
            copy_into_server(source, other)
    finally:
        source.close()
        other.close()
    with pytest.raises(CopyError, match="没有名为“无此社区”的社区"):
        src = open_database(office_a, create=False)
        try:
            copy_to_file(src, tmp_path / "none.sqlite3", community="无此社区")
        finally:
            src.close()
    assert not (tmp_path / "none.sqlite3").exists()
