"""Benchmark: a street office's PostgreSQL server, ten communities, five clerks working at once.

Fills one database (once; --reuse starts again from a copy of it as filled) with 10 communities × 20,000 residents: per
community the demo community's registers (db.demo: party organisations, members, grid workers,
mediators and cases, volunteers and service hours, six months of party life) at --member-scale
(5: 1,500 party members, 600 volunteers, 750 cases over two years), and plain residents up to
--residents. Rows go in as fill_demo writes them: Core inserts without primary keys (the
server's sequences assign them; links rewritten through the ids RETURNING gives back).

Then --clerks processes (5), each bound to its own community (Database.scope), warm up (not
counted), wait for each other, and for --seconds (60) work without pause, as fast as the server
answers (--think-ms: with pauses, as people make them), in a mix of:

- search: the members tab as a keystroke does it — the first 400 ids of the search, ranked, and
  the first page of 80 rows (db.members.member_ids / member_rows), with what people type
  (pinyin initials and syllables, Chinese, digits: bench_window.TYPED);
- list rest: when the first 400 were a full page, the whole result, as the tab reads it when
  typing pauses;
- open: a member's edit dialog — load_member_input, the version it remembers, the org tree;
- save: that member saved with a change (check_unchanged with the row locked, save_member,
  the operation-log entry, commit);
- import: a new 500-row member ledger (.xlsx, made beforehand, untimed) read, checked and
  imported (db.importing, as bench_import.py does), every --import-every seconds per clerk, the
  first at a random moment in the first interval (the warm-up's imports run at the same moment).

It prints, per operation, count, p50 and p95 in ms, and the errors (there must be none; the
first of each kind is printed).

    python bench/bench_street.py [--server URL | --db URL] [--reuse] [--seconds 60] [--clerks 5]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import queue
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import URL, make_url  # noqa: E402

DEFAULT_SERVER = "postgresql+psycopg://postgres@/postgres?host=/tmp/cdpg"
DEFAULT_DATABASE = "cd_bench_street"
COMMUNITIES = ("幸福社区", "和平社区", "光明社区", "新华社区", "建设社区", "胜利社区", "友谊社区", "团结社区",
               "朝阳社区", "长青社区")
# What a person types, keystroke by keystroke (as bench_window.py types it).
TYPED = ["z", "zh", "zha", "zhan", "zhang", "zs", "w", "wa", "wan", "wang", "lx", "l", "li", "张", "王", "刘",
         "1", "13", "138", "1380", "5", "56", "567", "5678", "c", "ch", "che", "chen", "hm", "ou"]
FIRST_IDS, PAGE = 400, 80  # desktop.common.base_tab.FIRST_IDS, PagedTableModel's page
MIX = {"search": 60, "open": 25, "save": 15}
OPERATIONS = ("search", "list rest", "open", "save", "import")
LEDGER_ROWS = 500


# --- the database ---------------------------------------------------------------------------

def database_url(args: argparse.Namespace) -> URL:
    if args.db:
        return make_url(args.db)
    return make_url(args.server).set(database=DEFAULT_DATABASE)


def recreate(url: URL, template: str | None = None) -> None:
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{url.database}"' + (f' TEMPLATE "{template}"' if template else "")))
    admin.dispose()


def kept_name(url: URL) -> str:
    """The filled database as the fill left it, kept beside it: each --reuse run starts from a copy
    of it, so the ledgers a run imported do not make the next run's registers bigger."""
    return f"{url.database}_filled"


def keep(url: URL) -> None:
    recreate(url.set(database=kept_name(url)), template=url.database)


def restore_kept(url: URL) -> bool:
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": kept_name(url)}).first()
    admin.dispose()
    if found is not None:
        from db.database import open_database

        open_database(url.set(database=kept_name(url))).close()  # upgraded once, if the schema moved on
        recreate(url, template=kept_name(url))
    return found is not None


def filled(url: URL, communities: int) -> bool:
    from db.models import Community, Person

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found = conn.execute(select(func.count()).select_from(Community)).scalar_one()
            persons = conn.execute(select(func.count()).select_from(Person)).scalar_one()
    except Exception:
        return False
    finally:
        engine.dispose()
    return found >= communities and persons > 0


def fill(url: URL, communities: int, residents: int, member_scale: int, seed: int) -> None:
    from db.database import open_database
    from db.models import Community
    from db.scope import Scope

    started = time.perf_counter()
    recreate(url)
    db = open_database(url)
    with db.session() as s, s.begin():
        have = set(s.scalars(select(Community.name)))
        first = s.scalar(select(Community).order_by(Community.id).limit(1))
        if first is not None and first.name not in COMMUNITIES:
            first.name = COMMUNITIES[0]
            have = {COMMUNITIES[0]}
        for n, name in enumerate(COMMUNITIES[:communities]):
            if name not in have:
                s.add(Community(name=name, sort_order=n))
    with db.session() as s:
        ids = list(s.scalars(select(Community.id).order_by(Community.id)))[:communities]
    totals: dict[str, int] = defaultdict(int)
    for n, community_id in enumerate(ids):
        t = time.perf_counter()
        rows = build_community(residents, member_scale, seed + n)
        db.scope = Scope(community_id)
        counts = insert_community(db, rows)
        for table, count in counts.items():
            totals[table] += count
        print(f"  community {n + 1}/{len(ids)}: {counts['persons']:,} residents, {counts['party_members']:,} members "
              f"in {time.perf_counter() - t:.1f} s", flush=True)
    db.close()
    analyze = create_engine(url, isolation_level="AUTOCOMMIT")  # as autovacuum would soon after a bulk load
    with analyze.connect() as conn:
        conn.execute(text("ANALYZE"))
    analyze.dispose()
    keep(url)
    print(f"filled {url.database} in {time.perf_counter() - started:.0f} s: "
          + ", ".join(f"{totals[k]:,} {k}" for k in ("persons", "party_members", "volunteers", "mediation_cases",
                                                     "service_logs", "attendance")), flush=True)


def build_community(residents: int, member_scale: int, seed: int) -> dict[str, list[dict[str, Any]]]:
    """The demo community's rows (ids local to the community), plus plain residents."""
    from db.demo.fill import build_demo

    b = build_demo(member_scale, seed, date.today())
    while len(b.rows["persons"]) < residents:
        b.person(0, 95)
    return b.rows


def insert_community(db: Any, rows: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Every table's rows into the community db.scope names, as fill_demo writes them: without
    their ids (the server numbers them; links rewritten through INSERT … RETURNING)."""
    from db.demo.fill import TABLES, _write

    with db.session() as s, s.begin():
        _write(s, rows)
    return {name: len(rows.get(name, [])) for name, _ in TABLES}


# --- a clerk ---------------------------------------------------------------------------------

def make_ledger(path: Path, rnd: random.Random, branches: list[str], rows: int = LEDGER_ROWS) -> None:
    """A member ledger like the offices' (bench_import.py's), into this community's branches."""
    from openpyxl import Workbook

    from db.demo.names import id_number, mobile, person_name

    used: set[str] = set()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("党员信息台账")
    ws.append(["社区党委党员信息台账"])
    ws.append(["序号", "姓名", "性别", "出生日期", "公民身份号码", "学历", "入党日期", "党员类别", "所属党支部",
               "手机号", "现住址"])
    for n in range(1, rows + 1):
        gender = rnd.choice(("male", "female"))
        born = date(1945, 1, 1) + timedelta(days=rnd.randint(0, 55 * 365))
        admitted = min(born + timedelta(days=19 * 365 + rnd.randint(0, 3000)), date(2024, 1, 1))
        ws.append([n, person_name(rnd, gender), "男" if gender == "male" else "女", born,
                   id_number(rnd, born, gender, used), rnd.choice(("大专", "本科", "高中")), admitted, "正式党员",
                   rnd.choice(branches), mobile(rnd, used), f"幸福路{rnd.randint(1, 200)}号{rnd.randint(1, 12)}栋"])
    wb.save(path)


class Clerk:
    def __init__(self, url: str, community_id: int, seed: int, work: Path) -> None:
        from db.database import open_database
        from db.scope import Scope

        self.db = open_database(make_url(url))
        self.db.scope = Scope(community_id)
        self.rnd = random.Random(seed)
        self.work = work
        self.imports = 0
        self.imported = {"imported": 0, "invalid": 0}
        from db.models import PartyMember, PartyOrg

        with self.db.session() as s:
            self.members = list(s.scalars(select(PartyMember.id).where(PartyMember.status == "normal",
                                                                        PartyMember.deleted_at.is_(None))))
            self.branches = list(s.scalars(select(PartyOrg.name).where(PartyOrg.kind == "branch",
                                                                       PartyOrg.deleted_at.is_(None))))

    def search(self, timed: dict[str, list[float]]) -> None:
        from db.members import MemberFilter, member_ids, member_rows

        f = MemberFilter(text=self.rnd.choice(TYPED))
        t = time.perf_counter()
        with self.db.session() as s:
            ids = member_ids(s, f, limit=FIRST_IDS)
            member_rows(s, ids[:PAGE])
        timed["search"].append((time.perf_counter() - t) * 1000)
        if len(ids) == FIRST_IDS:
            t = time.perf_counter()
            with self.db.session() as s:
                member_ids(s, f)
            timed["list rest"].append((time.perf_counter() - t) * 1000)

    def open(self, member_id: int) -> tuple[Any, int | None]:
        from db.members import load_member_input, org_tree
        from db.versions import loaded_version

        with self.db.session() as s:
            raw = load_member_input(s, member_id)
            version = loaded_version(s, "party_members", member_id)
            org_tree(s)
        return raw, version

    def open_timed(self, timed: dict[str, list[float]]) -> None:
        t = time.perf_counter()
        self.open(self.rnd.choice(self.members))
        timed["open"].append((time.perf_counter() - t) * 1000)

    def save(self, timed: dict[str, list[float]]) -> None:
        from db.members import save_member
        from db.versions import check_unchanged

        member_id = self.rnd.choice(self.members)
        raw, version = self.open(member_id)  # the dialog is open; its save is what is timed
        raw.notes = f"走访记录 {self.rnd.randint(1, 10**6)}"
        raw.employer = self.rnd.choice(("", "社区居委会", "市第一中学", "人民医院", "区税务局"))
        t = time.perf_counter()
        with self.db.session() as s, s.begin():
            check_unchanged(s, "party_members", member_id, version)
            save_member(s, raw, member_id)
        timed["save"].append((time.perf_counter() - t) * 1000)

    def import_ledger(self, timed: dict[str, list[float]]) -> None:
        from db.importing.layout import find_layout
        from db.importing.members import REGISTER
        from db.importing.read import read_rows
        from db.importing.registers import import_ledger

        self.imports += 1
        ledger = self.work / f"ledger-{self.imports}.xlsx"
        make_ledger(ledger, self.rnd, self.branches)
        t = time.perf_counter()
        rows = read_rows(ledger)
        layout = find_layout(rows, REGISTER.synonyms)
        if layout is None:
            raise RuntimeError("ledger layout not recognised")
        with self.db.session() as s, s.begin():
            result = import_ledger(s, REGISTER, rows, layout, source=ledger.name)
        timed["import"].append((time.perf_counter() - t) * 1000)
        ledger.unlink()
        self.imported["imported"] += result.imported
        self.imported["invalid"] += result.invalid


def clerk_main(n: int, url: str, community: tuple[int, str], args: dict[str, Any], barrier: Any, out: Any) -> None:
    """One clerk's process; whatever stops it is reported, and the others are not left waiting."""
    try:
        clerk_work(n, url, community, args, barrier, out)
    except BaseException:
        barrier.abort()
        out.put({"clerk": n, "fatal": traceback.format_exc()})


def clerk_work(n: int, url: str, community: tuple[int, str], args: dict[str, Any], barrier: Any, out: Any) -> None:
    timed: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, dict[str, Any]] = {}

    def attempt(op: str, call: Any) -> None:
        try:
            call(timed)
        except Exception as exc:  # counted and the first of each kind kept, the clerk goes on
            kind = f"{op}: {type(exc).__name__}"
            if kind not in errors:
                errors[kind] = {"count": 0, "first": "".join(traceback.format_exception_only(exc)).strip()[:600]}
            errors[kind]["count"] += 1

    work = Path(tempfile.mkdtemp(prefix=f"bench-street-{n}-"))
    clerk = Clerk(url, community[0], 1000 + n, work)
    ops = {"search": clerk.search, "open": clerk.open_timed, "save": clerk.save, "import": clerk.import_ledger}
    for _ in range(10):  # warm-up, not counted: connections, imports, caches, the server's plans
        for op in ("search", "open", "save"):
            attempt(op, ops[op])
    attempt("import", ops["import"])
    warmup_errors = dict(errors)
    clerk.imported = {"imported": 0, "invalid": 0}
    timed.clear()
    errors.clear()
    barrier.wait(timeout=900)
    start = time.perf_counter()
    deadline = start + args["seconds"]
    every = args["import_every"]
    # Each clerk at its own moment, as people do: two imports may overlap (or not).
    next_import = start + clerk.rnd.uniform(0, every)
    choices, weights = zip(*MIX.items(), strict=True)
    while time.perf_counter() < deadline:
        if every and time.perf_counter() >= next_import:
            next_import += every
            attempt("import", ops["import"])
        else:
            op = clerk.rnd.choices(choices, weights)[0]
            attempt(op, ops[op])
        if args["think_ms"]:  # a person reading the screen between two actions (mean think_ms)
            time.sleep(clerk.rnd.uniform(0, 2 * args["think_ms"]) / 1000)
    elapsed = time.perf_counter() - start
    clerk.db.close()
    shutil.rmtree(work, ignore_errors=True)
    out.put({"clerk": n, "community": community[1], "elapsed": elapsed, "timed": dict(timed), "errors": errors,
             "warmup_errors": warmup_errors, "imported": clerk.imported, "members": len(clerk.members)})


# --- the run ---------------------------------------------------------------------------------

def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def server_facts(url: URL) -> str:
    engine = create_engine(url)
    with engine.connect() as conn:
        version = conn.execute(text("SHOW server_version")).scalar()
        fsync = conn.execute(text("SHOW fsync")).scalar()
        sync = conn.execute(text("SHOW synchronous_commit")).scalar()
        persons = conn.execute(text("SELECT count(*) FROM persons")).scalar()
        members = conn.execute(text("SELECT count(*) FROM party_members")).scalar()
    engine.dispose()
    return (f"PostgreSQL {version} (fsync={fsync}, synchronous_commit={sync}); {persons:,} persons, {members:,} "
            f"party members in the database")


def run(url: URL, args: argparse.Namespace) -> int:
    from db.database import open_database
    from db.models import Community

    open_database(url).close()  # brought to the current schema once, not by five clerks at once

    engine = create_engine(url)
    with engine.connect() as conn:
        communities = [tuple(r) for r in conn.execute(select(Community.id, Community.name).order_by(Community.id))]
    engine.dispose()
    print(server_facts(url))
    print(f"{os.cpu_count()} cores (shared with other work; load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}); {args.clerks} clerks, {args.seconds} s, "
          f"a 500-row import every {args.import_every} s per clerk, "
          + (f"pauses of {args.think_ms:g} ms on average between operations" if args.think_ms
             else "no pause between operations"), flush=True)
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(args.clerks), ctx.Queue()
    settings = {"seconds": args.seconds, "import_every": args.import_every, "clerks": args.clerks,
                "think_ms": args.think_ms}
    procs = [ctx.Process(target=clerk_main, args=(n, url.render_as_string(hide_password=False),
                                                  communities[n % len(communities)], settings, barrier, out))
             for n in range(args.clerks)]
    for p in procs:
        p.start()
    results: list[dict[str, Any]] = []
    while len(results) < len(procs):
        try:
            results.append(out.get(timeout=5))
        except queue.Empty:
            reported = {r["clerk"] for r in results}
            gone = [n for n, p in enumerate(procs) if p.exitcode not in (None, 0) and n not in reported]
            if gone:  # died without a word (killed, a crash in C): the others would wait for it
                barrier.abort()
                results.extend({"clerk": n, "fatal": f"exit code {procs[n].exitcode}"} for n in gone)
    for p in procs:
        p.join()
    fatal = [r for r in results if "fatal" in r]
    if fatal:
        for r in fatal:  # the first to stop says why; the others only that they could not start
            if "BrokenBarrierError" not in r["fatal"] or len(fatal) == 1:
                print(f"clerk {r['clerk']} stopped:\n{r['fatal']}", file=sys.stderr)
        return 2
    timed: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, dict[str, Any]] = {}
    for r in sorted(results, key=lambda r: r["clerk"]):
        for op, values in r["timed"].items():
            timed[op].extend(values)
        for source, key in ((r["errors"], "count"), (r["warmup_errors"], "warm-up")):
            for kind, e in source.items():
                entry = errors.setdefault(kind, {"count": 0, "warm-up": 0, "first": e["first"]})
                entry[key] += e["count"]
    elapsed = max(r["elapsed"] for r in results)
    total = sum(len(v) for v in timed.values())
    print(f"\n{'operation':<12}{'count':>8}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'errors':>8}")
    figures: dict[str, Any] = {}
    for op in OPERATIONS:
        values = timed.get(op, [])
        failed = sum(e["count"] for kind, e in errors.items() if kind.startswith(f"{op}:"))
        if not values and not failed:
            continue
        row = {"count": len(values), "p50_ms": round(percentile(values, 50), 1) if values else None,
               "p95_ms": round(percentile(values, 95), 1) if values else None,
               "max_ms": round(max(values), 1) if values else None, "errors": failed}
        figures[op] = row
        print(f"{op:<12}{row['count']:>8}{row['p50_ms'] or '-':>10}{row['p95_ms'] or '-':>10}"
              f"{row['max_ms'] or '-':>10}{failed:>8}")
    error_count = sum(e["count"] + e["warm-up"] for e in errors.values())
    imported = sum(r["imported"]["imported"] for r in results)
    invalid = sum(r["imported"]["invalid"] for r in results)
    print(f"\n{total:,} operations in {elapsed:.1f} s ({total / elapsed:.0f}/s); ledgers imported {imported:,} rows, "
          f"{invalid} rows refused; errors: {error_count}")
    for kind, e in errors.items():
        print(f"  {kind} ×{e['count']} (and {e['warm-up']} in the warm-up): {e['first']}")
    worked_in = [r["community"] for r in sorted(results, key=lambda r: r["clerk"])]
    print(json.dumps({"operations": figures, "errors": error_count, "elapsed_s": round(elapsed, 1),
                      "clerks": args.clerks, "communities": worked_in}, ensure_ascii=False))
    return 1 if error_count else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=DEFAULT_SERVER, help="an administrator's URL of the server "
                        f"(default {DEFAULT_SERVER}); the database {DEFAULT_DATABASE} is made there")
    parser.add_argument("--db", help="the database's URL instead (filled unless --reuse finds it filled)")
    parser.add_argument("--reuse", action="store_true", help="start from the database as the last fill left it "
                        "(a copy of <db>_filled), or as it is")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clerks", type=int, default=5)
    parser.add_argument("--communities", type=int, default=10)
    parser.add_argument("--residents", type=int, default=20_000, help="per community")
    parser.add_argument("--member-scale", type=int, default=5, help="the demo's scale per community (300 members each)")
    parser.add_argument("--import-every", type=float, default=15.0, help="seconds between a clerk's imports (0: none)")
    parser.add_argument("--think-ms", type=float, default=0.0,
                        help="mean pause between a clerk's operations (default 0: as fast as the server answers)")
    parser.add_argument("--fill-only", action="store_true")
    args = parser.parse_args()
    url = database_url(args)
    if not (args.reuse and (restore_kept(url) or filled(url, args.communities))):
        fill(url, args.communities, args.residents, args.member_scale, seed=20261125)
    if args.fill_only:
        return 0
    return run(url, args)


if __name__ == "__main__":
    sys.exit(main())
