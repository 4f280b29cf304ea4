"""Benchmark: the main window on a 100,000-member database.

Prints time to first window (process start → window shown with the first page of members
painted), search-as-you-type latency on the members tab (median and 95th percentile over
typed prefixes: keystroke → first page of results painted) beside the same keystrokes' SQL
alone (the statements the window sent, replayed on a plain driver connection) and the ratio of
the two p95s, the time to read the rest of a long result once typing pauses (it is listed
first in part), and peak memory (max RSS). Targets from issue 14: window < 1.5 s, search p95
< 20 ms and ≤ 1.3× the bare SQL, memory < 300 MB.

    python bench/bench_window.py [--db PATH|URL] [--reuse] [--scale 334]
    python bench/bench_window.py --engine both [--server URL] [--reuse]

The database is built once with the demo generator (scale 334 ≈ 100,000 members, with
the other registers in proportion) and reused with --reuse. `--engine postgresql` (or a
`--db postgresql+psycopg://…` URL) measures the same on a PostgreSQL server: the same demo rows
(fill_demo, same seed), in the database cd_bench_window on --server, ANALYZEd as autovacuum
would after a bulk load. `--engine both`
prints SQLite and PostgreSQL side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# What a person types, keystroke by keystroke: pinyin initials, full pinyin, Chinese, digits.
TYPED = ["z", "zh", "zha", "zhan", "zhang", "zs", "w", "wa", "wan", "wang", "lx", "l", "li", "张", "王", "刘",
         "1", "13", "138", "1380", "5", "56", "567", "5678", "c", "ch", "che", "chen", "hm", "ou"]
REPEATS = 3


DEFAULT_SQLITE = "/tmp/community-desk-bench-100k.sqlite3"
DEFAULT_SERVER = "postgresql+psycopg://postgres@/postgres?host=/tmp/cdpg"
SERVER_DATABASE = "cd_bench_window"


def installed_env() -> dict[str, str]:
    """This environment as an installed copy runs: Python keeps compiled modules (__pycache__),
    as pip's install and the first start leave them. A shell that sets PYTHONDONTWRITEBYTECODE
    (this development machine does) otherwise compiles every module at every start: about
    0.2 s of a command's time that no office PC spends."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def is_url(where: str) -> bool:
    return "://" in where


def build(where: str, scale: int) -> None:
    if is_url(where):
        build_on_server(where, scale)
        return
    from db.database import open_database
    from db.demo import fill_demo

    db_path = Path(where)
    db_path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(db_path)
    counts = fill_demo(db, scale=scale)
    db.close()
    print(f"built {db_path} in {time.perf_counter() - started:.1f} s: {counts['party_members']:,} members, "
          f"{counts['service_logs']:,} service-log lines")


def build_on_server(url: str, scale: int) -> None:
    """The demo community (fill_demo, as on a file) in a new database on the server."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from db.database import open_database
    from db.demo import fill_demo

    started = time.perf_counter()
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{make_url(url).database}"'))
    admin.dispose()
    db = open_database(url)
    counts = fill_demo(db, scale=scale)
    db.close()
    engine = create_engine(make_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()
    print(f"built {make_url(url).database} in {time.perf_counter() - started:.1f} s: {counts['party_members']:,} "
          f"members, {counts['service_logs']:,} service-log lines")


def exists(where: str) -> bool:
    if not is_url(where):
        return Path(where).exists()
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(make_url(where))
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text("SELECT count(*) FROM party_members")).scalar())
    except Exception:
        return False
    finally:
        engine.dispose()


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def child(db_path: str, started: float) -> None:
    """Runs in a fresh process: open the window, then type into the members search box."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import gc
    import resource

    from db.database import open_database
    from desktop.app import make_application
    from desktop.common.context import AppContext
    from desktop.main_window import MainWindow
    from desktop.settings import Settings, use_ini_file

    use_ini_file(Path(os.environ.get("TMPDIR", "/tmp")) / "bench-window.ini")
    app = make_application("zh_CN")
    db = open_database(db_path)
    window = MainWindow(AppContext(db=db, lang="zh_CN"), Settings())
    window.show_tab("members")
    window.show()
    tab = window.register_tabs["members"]
    tab.model.data(tab.model.index(0, 0))
    app.processEvents()
    first_window = time.time() - started
    rows = tab.model.rowCount()
    gc.freeze()  # as desktop.app.run_window does once the window is up (db.heap)

    latencies: list[float] = []  # keystroke → first page of results painted
    bare: list[float] = []  # the same keystroke's SQL statements alone, straight on the driver
    completions: list[float] = []  # the rest of a long result, read once typing pauses
    statements = record_statements(db.engine)
    for _ in range(REPEATS):
        for text in TYPED:
            statements.clear()
            t = time.perf_counter()
            tab.search_edit.setText(text)
            tab.refresh()
            if tab.model.rowCount():
                tab.model.data(tab.model.index(0, 0))
            app.processEvents()
            latencies.append((time.perf_counter() - t) * 1000)
            bare.append(replay(db.engine, list(statements)))
            if tab._complete_timer.isActive():
                t = time.perf_counter()
                tab._complete_timer.stop()
                tab.complete_listing()
                app.processEvents()
                completions.append((time.perf_counter() - t) * 1000)
    p95 = percentile(latencies, 95)
    bare_p95 = percentile(bare, 95)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"members_listed": rows, "first_window_s": round(first_window, 3),
                      "search_median_ms": round(statistics.median(latencies), 1), "search_p95_ms": round(p95, 1),
                      "search_max_ms": round(max(latencies), 1), "searches": len(latencies),
                      "bare_sql_median_ms": round(statistics.median(bare), 1), "bare_sql_p95_ms": round(bare_p95, 1),
                      "search_to_sql_p95": round(p95 / bare_p95, 2) if bare_p95 else 0,
                      "full_list_median_ms": round(statistics.median(completions), 1) if completions else 0,
                      "full_list_p95_ms": round(percentile(completions, 95), 1) if completions else 0,
                      "peak_rss_mb": round(rss_mb, 1)}))
    window.close()
    db.close()


def record_statements(engine):  # type: ignore[no-untyped-def]
    """The SQL the window sends from now on, as (statement, parameters), in a list kept up to date."""
    from sqlalchemy import event

    sent: list[tuple[str, object]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def sending(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")):
            sent.append((statement, parameters))

    return sent


def replay(engine, statements) -> float:  # type: ignore[no-untyped-def]
    """Milliseconds the statements take alone: on a plain driver connection, every row fetched
    as the driver gives it (the floor a keystroke's answer cannot go below)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        started = time.perf_counter()
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            cursor.fetchall()
        elapsed = (time.perf_counter() - started) * 1000
        cursor.close()
        raw.rollback()
        return elapsed
    finally:
        raw.close()


TARGETS = {"first_window_s": 1.5, "search_p95_ms": 20.0, "search_to_sql_p95": 1.3, "peak_rss_mb": 300.0}


def measure(where: str, reuse: bool, scale: int) -> dict[str, float] | None:
    if not (reuse and exists(where)):
        # In its own process: Linux carries a parent's peak RSS into a child it execs, and the
        # build's peak would otherwise show as the window's.
        subprocess.run([sys.executable, __file__, "--build-only", "--db", where, "--scale", str(scale)], check=True)
    else:  # a reused database is brought to the current schema before the clock starts
        subprocess.run([sys.executable, __file__, "--upgrade-only", "--db", where], check=True)
    started = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", "--db", where, "--started", str(started)],
                         capture_output=True, text=True, check=False, env=installed_env())
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        return None
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def server_url(server: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(server).set(database=SERVER_DATABASE).render_as_string(hide_password=False)


def server_facts(url: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(make_url(url))
    with engine.connect() as conn:
        facts = [conn.execute(text(f"SHOW {name}")).scalar() for name in ("server_version", "fsync",
                                                                           "synchronous_commit")]
    engine.dispose()
    return f"PostgreSQL {str(facts[0]).split()[0]} (fsync={facts[1]}, synchronous_commit={facts[2]})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help=f"a file (default {DEFAULT_SQLITE}) or a postgresql+psycopg:// URL")
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default=None,
                        help="sqlite (default), postgresql (the database cd_bench_window on --server), or both")
    parser.add_argument("--server", default=DEFAULT_SERVER, help=f"an administrator's URL (default {DEFAULT_SERVER})")
    parser.add_argument("--reuse", action="store_true", help="reuse the database if it exists")
    parser.add_argument("--scale", type=int, default=334)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--upgrade-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db, args.started)
        return 0
    if args.build_only:
        build(args.db, args.scale)
        return 0
    if args.upgrade_only:
        from db.database import open_database

        open_database(args.db).close()
        return 0
    engine = args.engine or ("postgresql" if args.db and is_url(args.db) else "sqlite")
    places: dict[str, str] = {}
    if engine in ("sqlite", "both"):
        places["sqlite"] = args.db if args.db and not is_url(args.db) else DEFAULT_SQLITE
    if engine in ("postgresql", "both"):
        places["postgresql"] = args.db if args.db and is_url(args.db) else server_url(args.server)
    results: dict[str, dict[str, float]] = {}
    for name, where in places.items():
        result = measure(where, args.reuse, args.scale)
        if result is None:
            return 1
        results[name] = result
    if len(results) == 1:
        result = next(iter(results.values()))
        if engine == "postgresql":
            print(server_facts(places["postgresql"]))
        print(f"{'figure':<20}{'measured':>12}{'target':>10}")
        for key, value in result.items():
            target = TARGETS.get(key)
            mark = "" if target is None else ("  ok" if value <= target else "  MISSED")
            print(f"{key:<20}{value:>12}{'' if target is None else target:>10}{mark}")
        print(json.dumps(result))
        return 0
    print(f"SQLite {places['sqlite']} beside {server_facts(places['postgresql'])}, {os.cpu_count()} cores")
    print(f"{'figure':<20}{'SQLite':>10}{'PostgreSQL':>12}{'target':>10}")
    for key, value in results["sqlite"].items():
        target = TARGETS.get(key)
        other = results["postgresql"].get(key, "")
        marks = "" if target is None else "  " + "/".join(
            "ok" if v <= target else "MISSED" for v in (value, other) if isinstance(v, (int, float)))
        print(f"{key:<20}{value:>10}{other:>12}{'' if target is None else target:>10}{marks}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
