"""Benchmark: how the window's tabs, `stats` and the monthly summary grow with the registers.

On the demo community at several scales (--scales 7,67,333,667: about 10,000, 100,000, 500,000
and 1,000,000 service-log lines, with the members, branches, volunteers and party life in
proportion; the counts found are printed), it measures, each in a fresh process:

- every tab of the main window (工作台 home, 党员 members, 组织生活 party life, 网格员 grid
  workers, 人民调解 mediation, 志愿服务 volunteers on its first view, the service log 服务记录, and
  its volunteer list 志愿者 switched to from there): the window is opened offscreen on the home
  page, left to settle, then the tab is asked for; "first page" is the time until the table has
  painted its first rows (the home page: its cards painted with the figures read), "complete"
  until a long list is listed whole and figures read beside it are shown (the tab reads the rest
  of a long result 150 ms after its first rows); peak memory is the process's max RSS;
- `python main.py stats --json`: wall time and peak memory;
- `python main.py export summary --month YYYY-MM` (last month unless --month): the same.

Then the growth tables: each tab's first page across the scales, and the issue's table (service
lines × volunteers tab, stats, summary) with the ratio of the largest scale to the smallest.
The demo scales everything together, so a screen that lists every branch (the summary) grows
with the branches; --history instead keeps the demo at scale 7 as it is and adds older service
history to it (bench/history.py), the issue's question: does a screen grow with the history
kept behind what it shows? Each
figure is marked ok/over against its target: a tab's first page < 1.5 s, stats < 1 s, summary
< 3 s, memory < 300 MB, growth largest/smallest ≤ 1.5×. Timings are medians over --repeat runs,
memory the largest. Beside each wall time, the CPU time the process spent on it (all its
threads): the steadier figure on a machine shared with other work.

    python bench/bench_scale.py [--scales 7,67,333,667] [--reuse] [--repeat 1] [--json]
    python bench/bench_scale.py --history 10000,100000,500000,1000000 [--reuse]
    python bench/bench_scale.py --db PATH|URL            # one database as it is
    python bench/bench_scale.py --engine postgresql [--server URL] [--scales 7,67] [--reuse]

SQLite databases are built with `python main.py demo --scale N` at /tmp/cd-scale-N.sqlite3 (kept;
--reuse measures them again without rebuilding, brought to the current schema first). On
PostgreSQL the same demo rows go into the database cd_bench_scale_N on --server (as
bench_window.py's build_on_server does: fill_demo, then ANALYZE). Builds run nice'd. Peak
memory is read with os.wait4 on each measured process; this process stays small (it imports
neither Qt nor SQLAlchemy) because Linux starts a child's max RSS at its parent's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_window import installed_env  # noqa: E402  (bench/ on the path first)

DEFAULT_SCALES = "7,67,333,667"
DEFAULT_SERVER = "postgresql+psycopg://postgres@/postgres?host=/tmp/cdpg"
SQLITE_PATH = "/tmp/cd-scale-{scale}.sqlite3"
SERVER_DATABASE = "cd_bench_scale_{scale}"
HISTORY_SQLITE_PATH = "/tmp/cd-history-{lines}.sqlite3"
HISTORY_SERVER_DATABASE = "cd_bench_history_{lines}"
HISTORY_BASE_SCALE = 7  # the community kept as it is while its history grows (about 2,100 members)

# key, what the table calls it
TABS = (("home", "home 工作台"), ("members", "members 党员"), ("party_life", "party life 组织生活"),
        ("grid_workers", "grid workers 网格员"), ("mediation", "mediation 人民调解"),
        ("volunteers", "volunteers 服务记录"), ("volunteers_list", "volunteer list 志愿者"))
TAB_S, STATS_S, SUMMARY_S, MEMORY_MB, GROWTH = 1.5, 1.0, 3.0, 300.0, 1.5
TIMEOUT_S = 600


def is_url(where: str) -> bool:
    return "://" in where


def last_month() -> str:
    today = date.today()
    return f"{today.year - 1}-12" if today.month == 1 else f"{today.year}-{today.month - 1:02d}"


# --- running a measured process ----------------------------------------------------------------

def run_measured(cmd: list[str], cwd: Path = ROOT) -> dict[str, Any]:
    """Run `cmd`; its wall time, its own peak RSS (os.wait4's rusage of that one child), output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=installed_env())
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            raise
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                "rc": proc.returncode,
                "stdout": out.read().decode("utf-8", "replace"), "stderr": err.read().decode("utf-8", "replace")}


def last_json(text: str) -> dict[str, Any] | None:
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            try:
                result: dict[str, Any] = json.loads(line)
                return result
            except ValueError:
                return None
    return None


def failure(run: dict[str, Any]) -> str:
    lines = [line for line in (run["stderr"] or run["stdout"]).strip().splitlines() if line.strip()]
    return f"exit {run['rc']}: {lines[-1][:200] if lines else 'no output'}"


def me(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def niced(cmd: list[str]) -> list[str]:
    nice = shutil.which("nice")
    return [nice, "-n", "10", *cmd] if nice else cmd


# --- the databases ---------------------------------------------------------------------------

def place_of(engine: str, scale: int, server: str, history: int | None = None) -> str:
    """Where the demo at `scale` is kept, or (history) the base demo grown to `history` lines."""
    if engine == "sqlite":
        return HISTORY_SQLITE_PATH.format(lines=history) if history else SQLITE_PATH.format(scale=scale)
    from urllib.parse import urlsplit, urlunsplit

    name = HISTORY_SERVER_DATABASE.format(lines=history) if history else SERVER_DATABASE.format(scale=scale)
    parts = urlsplit(server)  # the server's administrator URL, with the benchmark's database instead
    return urlunsplit(parts._replace(path="/" + name))


def exists(where: str) -> bool:
    if not is_url(where):
        return Path(where).exists()
    return subprocess.run(me("--exists-only", "--db", where), capture_output=True).returncode == 0


def build(where: str, scale: int) -> None:
    """The demo at `scale` at `where`, built anew (nice'd: other work shares the machine)."""
    started = time.perf_counter()
    print(f"building scale {scale} at {where} …", flush=True)
    if is_url(where):
        if subprocess.run(niced(me("--build-only", "--db", where, "--scale", str(scale))), cwd=ROOT).returncode:
            raise SystemExit(f"building {where} failed")
        return
    target = Path(where)
    building = target.with_name(target.name + ".building")  # a build cut short is never taken for a database
    for path in (target, building):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    done = subprocess.run(niced([sys.executable, "main.py", "demo", "--db", str(building), "--scale", str(scale)]),
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"building {where} failed: {done.stderr.strip()[-500:]}")
    building.rename(target)
    counts = last_json(done.stdout) or {}
    print(f"built {where} in {time.perf_counter() - started:.0f} s: {counts.get('party_members', 0):,} members, "
          f"{counts.get('service_logs', 0):,} service-log lines", flush=True)


def build_history(where: str, lines: int, server: str) -> None:
    """The base demo with older service history added until it holds `lines` lines (history.py)."""
    started = time.perf_counter()
    print(f"building the base demo with {lines:,} service-log lines at {where} …", flush=True)
    if is_url(where):
        build(where, HISTORY_BASE_SCALE)
        grown = where
    else:
        base = place_of("sqlite", HISTORY_BASE_SCALE, server)
        if not exists(base):
            build(base, HISTORY_BASE_SCALE)
        subprocess.run(me("--upgrade-only", "--db", base), check=True, cwd=ROOT)
        grown = where + ".building"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{where}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(base, grown)
    if subprocess.run(niced(me("--grow-only", "--db", grown, "--lines", str(lines))), cwd=ROOT).returncode:
        raise SystemExit(f"adding history to {grown} failed")
    if grown != where:
        Path(grown).rename(where)
    print(f"built {where} in {time.perf_counter() - started:.0f} s", flush=True)


def grow_only(where: str, lines: int) -> None:
    """In its own process: history.grow_history, then (a server) ANALYZE as autovacuum would."""
    from history import grow_history

    added = grow_history(where, lines)
    print(f"added {added:,} older service-log lines", flush=True)
    if is_url(where):
        from sqlalchemy import create_engine, text

        engine = create_engine(where, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
        engine.dispose()


def build_only(where: str, scale: int) -> None:
    """In its own process: a PostgreSQL database filled as bench_window.py fills one."""
    from bench_window import build_on_server

    build_on_server(where, scale)


def exists_only(where: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(where)
    try:
        with engine.connect() as conn:
            return 0 if conn.execute(text("SELECT count(*) FROM party_members")).scalar() else 1
    except Exception:  # noqa: BLE001  (no such database, no such table: not built)
        return 1
    finally:
        engine.dispose()


def upgrade_only(where: str) -> None:
    from db.database import open_database

    open_database(where).close()


def describe(where: str) -> str:
    if is_url(where):
        from urllib.parse import urlsplit

        parts = urlsplit(where)
        return f"{parts.path.lstrip('/')} on {parts.hostname or parts.query or 'the server'}"
    return f"{where} ({Path(where).stat().st_size / 2**20:,.0f} MB)"


# --- one tab, in a fresh process --------------------------------------------------------------

def tab_child(where: str, key: str, started: float) -> None:
    """Open the window on the home page, let it settle, then ask for one tab; print what it took."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import gc
    import resource

    from PySide6.QtCore import QEvent, QObject

    from db.database import open_database
    from desktop.app import make_application
    from desktop.common.context import AppContext
    from desktop.common.job import wait_for_running_work
    from desktop.main_window import MainWindow
    from desktop.settings import Settings, use_ini_file

    def peak_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    class PaintWatch(QObject):
        """Notes the first paint of a widget once `ready()` says what it paints is the answer."""

        def __init__(self, widget: Any, ready: Any) -> None:
            super().__init__()
            self.ready, self.painted = ready, False
            widget.installEventFilter(self)

        def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and not self.painted and self.ready():
                self.painted = True
            return False

    def spin_until(done: Any, what: str) -> None:
        """The event loop as the window runs it, until done(); the paint has finished when
        processEvents returns."""
        deadline = time.perf_counter() + TIMEOUT_S
        while not done():
            app.processEvents()
            if done():
                return
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{what}: not done after {TIMEOUT_S} s")
            time.sleep(0.001)  # lets a background read (home figures, party-life figures) run

    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    use_ini_file(work / "window.ini")  # never the user's settings; a fresh window each time
    app = make_application("zh_CN")
    settings = Settings()
    if key == "home":  # the window opens on a small register, and the home page is then asked for
        settings.set_value("window/last_tab", 1 + MainWindow.TAB_KEYS.index("grid_workers"))
    db = open_database(where)
    window = MainWindow(AppContext(db=db, lang="zh_CN"), settings)
    window.resize(1366, 768)
    window.show()
    home = window.home_tab
    for _ in range(3):
        app.processEvents()
    home.wait_until_read()  # the window is up: its first page read and painted
    for _ in range(3):
        app.processEvents()
    window_s = time.time() - started
    gc.freeze()  # as desktop.app.run_window does once the window is up (db.heap)
    before_mb = peak_mb()
    result: dict[str, Any] = {"tab": key, "window_s": round(window_s, 3), "peak_before_mb": round(before_mb, 1)}

    if key == "home":
        read = {"done": False}
        home.refreshed.connect(lambda: read.update(done=True))
        first_card = next(iter(home.cards.values()))
        watch = PaintWatch(first_card.count_label, lambda: read["done"])
        t, cpu = time.perf_counter(), time.process_time()
        window.tabs.setCurrentWidget(home)
        spin_until(lambda: watch.painted, "home")
        result["first_s"] = result["complete_s"] = round(time.perf_counter() - t, 3)
        result["first_cpu_s"] = round(time.process_time() - cpu, 3)
        result["rows"] = len(home.items)
    else:
        register = "volunteers" if key == "volunteers_list" else key
        tab = window.register_tabs[register]
        if key == "volunteers_list":  # the service log first, settled; then its volunteer list is asked for
            window.show_tab(register)
            spin_until(lambda: settled(tab), "volunteers")
            for _ in range(3):
                app.processEvents()
            before_mb = peak_mb()
            result["peak_before_mb"] = round(before_mb, 1)
        counted: list[str] = []
        tab.count_changed.connect(counted.append)
        listed = {"done": False}
        watch = PaintWatch(tab.table.viewport(), lambda: listed["done"] or tab.model.rowCount() > 0)
        t, cpu = time.perf_counter(), time.process_time()
        if key == "volunteers_list":
            tab.set_view("volunteers")  # type: ignore[attr-defined]
        else:
            window.show_tab(register)
        listed["done"] = True  # the first rows are listed synchronously; painting them fetches their page
        spin_until(lambda: watch.painted, key)
        result["first_s"] = round(time.perf_counter() - t, 3)
        result["first_cpu_s"] = round(time.process_time() - cpu, 3)  # every thread of the process
        spin_until(lambda: settled(tab), key)
        for _ in range(2):
            app.processEvents()
        result["complete_s"] = round(time.perf_counter() - t, 3)
        result["rows"] = tab.model.rowCount()  # listed so far (a list read in blocks: its first block)
        result["count"] = counted[-1] if counted else ""  # what the status bar says
    result["peak_rss_mb"] = round(peak_mb(), 1)
    print(json.dumps(result))
    window.close()
    wait_for_running_work()
    db.close()
    use_ini_file(None)
    shutil.rmtree(work, ignore_errors=True)


def settled(tab: Any) -> bool:
    """A long list's rest read, and figures read beside it (party life) shown."""
    timer = getattr(tab, "_complete_timer", None)
    panel = getattr(tab, "figures_panel", None)
    return not (timer is not None and timer.isActive()) and getattr(panel, "_job", None) is None


# --- measuring one database --------------------------------------------------------------------

def repeated(cmd: list[str], repeat: int) -> dict[str, Any]:
    """`cmd` run `repeat` times: median wall time, largest peak, its JSON answer (or why it failed)."""
    runs = [run_measured(cmd) for _ in range(repeat)]
    failed = [r for r in runs if r["rc"] != 0]
    if failed:
        return {"error": failure(failed[0])}
    return {"wall_s": round(statistics.median(r["wall_s"] for r in runs), 3),
            "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 3),
            "peak_mb": round(max(r["peak_mb"] for r in runs), 1), "answer": last_json(runs[0]["stdout"])}


def measure_tab(where: str, key: str, repeat: int) -> dict[str, Any]:
    results = []
    for _ in range(repeat):
        run = run_measured(me("--tab-child", key, "--db", where, "--started", str(time.time())))
        answer = last_json(run["stdout"]) if run["rc"] == 0 else None
        if answer is None:
            return {"error": failure(run)}
        answer["peak_rss_mb"] = round(max(answer["peak_rss_mb"], run["peak_mb"]), 1)
        results.append(answer)
    merged = dict(results[0])
    for name in ("first_s", "first_cpu_s", "complete_s", "window_s"):
        merged[name] = round(statistics.median(r[name] for r in results), 3)
    merged["peak_rss_mb"] = max(r["peak_rss_mb"] for r in results)
    return merged


def measure(where: str, tabs: list[str], month: str, repeat: int) -> dict[str, Any]:
    out_dir = Path(tempfile.mkdtemp(prefix="bench-scale-out-"))
    try:
        print("  stats …", flush=True)
        stats = repeated([sys.executable, "main.py", "stats", "--json", "--db", where], repeat)
        counts = stats.pop("answer", None) or {}
        print(f"  export summary {month} …", flush=True)
        summary = repeated([sys.executable, "main.py", "export", "summary", "--month", month, "--db", where,
                            "--out", str(out_dir / f"summary-{month}.pdf")], repeat)
        summary.pop("answer", None)
        tab_results = {}
        for key in tabs:
            print(f"  tab {key} …", flush=True)
            tab_results[key] = measure_tab(where, key, repeat)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    return {"where": where, "counts": {k: counts.get(k) for k in ("service_logs", "members", "branches", "volunteers",
                                                                   "persons", "mediation_cases",
                                                                   "meetings_last_12_months")},
            "stats": stats, "summary": summary, "tabs": tab_results}


# --- the tables --------------------------------------------------------------------------------

def mark(value: float | None, target: float, unit: str = "") -> str:
    """ok when under the target (a growth ratio: at most the target)."""
    if value is None:
        return "-"
    return "ok" if value < target or (unit == "×" and value <= target) else "over"


def cell(value: float | None, target: float, digits: int = 2, unit: str = "") -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}{unit} {mark(value, target, unit)}"


def short(lines: int | None) -> str:
    if not lines:
        return "?"
    if lines >= 1_000_000:
        return f"{lines / 1_000_000:.1f}M".replace(".0M", "M")
    return f"{round(lines / 1000):,}k"


def ratio(first: float | None, last: float | None) -> float | None:
    if first is None or last is None or first <= 0:
        return None
    return round(last / first, 2)


def pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (a Chinese character takes two)."""
    from unicodedata import east_asian_width

    shown = sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)


def print_scale(engine: str, label: str, result: dict[str, Any], month: str) -> None:
    c = result["counts"]

    def n(key: str) -> str:
        return f"{c[key]:,}" if isinstance(c.get(key), int) else "?"

    print(f"\n{engine}, {label}: {describe(result['where'])} — "
          f"{n('service_logs')} service-log lines, {n('members')} members, {n('branches')} branches, "
          f"{n('volunteers')} volunteers, {n('mediation_cases')} mediation cases")
    up = [r["window_s"] for k, r in result["tabs"].items() if k != "home" and "window_s" in r]
    if up:
        print(f"window up (process start → home page read and painted): median {statistics.median(up):.2f} s")
    print(f"{pad('', 26)}{'first page s':>15}{'cpu s':>8}{'complete s':>12}{'rows listed':>13}{'peak MB':>13}"
          f"{'before MB':>11}")
    for key, name in TABS:
        r = result["tabs"].get(key)
        if r is None:
            continue
        if "error" in r:
            print(f"{pad(name, 26)}  failed: {r['error']}")
            continue
        print(f"{pad(name, 26)}{cell(r['first_s'], TAB_S):>15}{r['first_cpu_s']:>8.2f}{r['complete_s']:>12.2f}"
              f"{r['rows']:>13,}{cell(r['peak_rss_mb'], MEMORY_MB, 0):>13}{r['peak_before_mb']:>11.0f}")
    for name, r, target in (("stats --json", result["stats"], STATS_S),
                            (f"export summary {month}", result["summary"], SUMMARY_S)):
        if "error" in r:
            print(f"{pad(name, 26)}  failed: {r['error']}")
        else:
            print(f"{pad(name, 26)}{cell(r['wall_s'], target):>15}{r['cpu_s']:>8.2f}{'':>12}{'':>13}"
                  f"{cell(r['peak_mb'], MEMORY_MB, 0):>13}")


def tab_first(result: dict[str, Any], key: str) -> float | None:
    r = result["tabs"].get(key) or {}
    return r.get("first_s")


def growth(results: list[tuple[int | None, dict[str, Any]]], tabs: list[str]) -> dict[str, Any]:
    """Each tab's first page and the issue's three figures per scale, and largest/smallest."""
    first, last = results[0][1], results[-1][1]
    figures: dict[str, Any] = {}
    for key in tabs:
        figures[key] = {"seconds": [tab_first(r, key) for _, r in results],
                        "ratio": ratio(tab_first(first, key), tab_first(last, key))}
    for name in ("stats", "summary"):
        figures[name] = {"seconds": [r[name].get("wall_s") for _, r in results],
                         "ratio": ratio(first[name].get("wall_s"), last[name].get("wall_s"))}
    return figures


def print_growth(engine: str, results: list[tuple[int | None, dict[str, Any]]], tabs: list[str],
                 figures: dict[str, Any], history: bool) -> None:
    lines = [r["counts"].get("service_logs") for _, r in results]
    span = f"{short(lines[-1])}/{short(lines[0])}"
    grown = ("older service history added, the rest as it is" if history
             else "the whole demo scaled, members and branches too")
    print(f"\n{engine}: tab opening, first page painted (s), by service-log lines ({grown})")
    print(pad("", 26) + "".join(f"{short(n):>12}" for n in lines) + f"{span:>14}")
    for key, name in TABS:
        if key not in tabs:
            continue
        row = figures[key]
        print(pad(name, 26) + "".join(f"{cell(v, TAB_S):>12}" for v in row["seconds"])
              + f"{cell(row['ratio'], GROWTH, 2, '×'):>14}")

    print(f"\n{engine}: growth (s, peak MB; {grown})")
    print(f"{'service-log lines':<20}{'volunteers tab':>24}{'stats':>24}{'summary':>24}")
    for n, (_, r) in zip(lines, results, strict=True):
        vol = r["tabs"].get("volunteers") or {}
        parts = [(vol.get("first_s"), TAB_S, vol.get("peak_rss_mb")),
                 (r["stats"].get("wall_s"), STATS_S, r["stats"].get("peak_mb")),
                 (r["summary"].get("wall_s"), SUMMARY_S, r["summary"].get("peak_mb"))]
        row = "".join(f"{cell(s, t) + ', ' + cell(m, MEMORY_MB, 0):>24}" if s is not None else f"{'-':>24}"
                      for s, t, m in parts)
        print(f"{f'{n:,}' if n else '?':<20}{row}")
    ratios = [figures.get("volunteers", {}).get("ratio"), figures["stats"]["ratio"], figures["summary"]["ratio"]]
    print(f"{'ratio ' + span:<20}" + "".join(f"{cell(x, GROWTH, 2, '×'):>24}" for x in ratios))


# --- the run -----------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=DEFAULT_SCALES, help=f"demo scales (default {DEFAULT_SCALES})")
    parser.add_argument("--db", help="measure this one database (a file or a postgresql+psycopg:// URL) as it "
                        "is; built there at the first of --scales when it does not exist")
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default=None,
                        help="sqlite (default), postgresql (databases cd_bench_scale_N on --server), or both")
    parser.add_argument("--server", default=DEFAULT_SERVER, help=f"an administrator's URL (default {DEFAULT_SERVER})")
    parser.add_argument("--reuse", action="store_true", help="measure the databases already built instead of "
                        f"building them anew ({SQLITE_PATH.format(scale='N')}, or cd_bench_scale_N)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement (median time, largest memory)")
    parser.add_argument("--history", default=None, help="service-log lines, e.g. 10000,100000,500000,1000000: "
                        f"instead of the scales, the demo at scale {HISTORY_BASE_SCALE} with older history added to "
                        f"that many lines ({HISTORY_SQLITE_PATH.format(lines='N')}, or cd_bench_history_N)")
    parser.add_argument("--tabs", default=",".join(k for k, _ in TABS), help="the tabs to open (default: all)")
    parser.add_argument("--month", default=None, help="the summary's month, YYYY-MM (default: last month)")
    parser.add_argument("--json", action="store_true", help="also print every figure as one JSON line")
    parser.add_argument("--tab-child", help=argparse.SUPPRESS)
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--exists-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--upgrade-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--grow-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--lines", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tab_child:
        tab_child(args.db, args.tab_child, args.started)
        return 0
    if args.build_only:
        build_only(args.db, args.scale)
        return 0
    if args.grow_only:
        grow_only(args.db, args.lines)
        return 0
    if args.exists_only:
        return exists_only(args.db)
    if args.upgrade_only:
        upgrade_only(args.db)
        return 0

    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    history = [int(n) for n in args.history.split(",") if n.strip()] if args.history else []
    tabs = [t.strip() for t in args.tabs.split(",") if t.strip()]
    unknown = sorted(set(tabs) - {k for k, _ in TABS})
    if unknown or not scales or args.repeat < 1:
        parser.error(f"unknown tabs: {', '.join(unknown)}" if unknown else "--scales and --repeat need a number")
    month = args.month or last_month()
    engine = args.engine or ("postgresql" if args.db and is_url(args.db) else "sqlite")
    engines = ["sqlite", "postgresql"] if engine == "both" else [engine]
    plan: list[tuple[str, int | None, str]] = []  # engine, demo scale or history lines, where
    for name in engines:
        if args.db:
            plan.append((name, None, args.db))
        elif history:
            plan.extend((name, lines, place_of(name, HISTORY_BASE_SCALE, args.server, lines)) for lines in history)
        else:
            plan.extend((name, scale, place_of(name, scale, args.server)) for scale in scales)
    print(f"{os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"tabs {', '.join(tabs)}; summary month {month}; {args.repeat} run(s) each", flush=True)

    report: dict[str, Any] = {"month": month, "repeat": args.repeat, "engines": {}}
    for name in engines:
        results: list[tuple[int | None, dict[str, Any]]] = []
        for engine_name, scale, where in plan:
            if engine_name != name:
                continue
            if history and scale and (not exists(where) or not args.reuse):
                build_history(where, scale, args.server)
            elif not exists(where) or not (args.reuse or args.db):
                build(where, scale if scale is not None else scales[0])
            else:  # a reused database is brought to the current schema before the clock starts
                subprocess.run(me("--upgrade-only", "--db", where), check=True, cwd=ROOT)
            print(f"measuring {name} {where} …", flush=True)
            result = measure(where, tabs, month, args.repeat)
            results.append((scale, result))
            label = (f"base demo with {scale:,} service-log lines" if history else
                     f"scale {scale if scale is not None else '?'}")
            print_scale(name, label, result, month)
        figures = growth(results, tabs) if len(results) > 1 else {}
        if figures:
            print_growth(name, results, tabs, figures, bool(history))
        report["engines"][name] = {"history" if history else "scales":
                                   {str(s if s is not None else "db"): r for s, r in results}, "growth": figures}
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    failed = any("error" in part for e in report["engines"].values()
                 for r in (e.get("scales") or e.get("history") or {}).values()
                 for part in (r["stats"], r["summary"], *r["tabs"].values()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
