"""Benchmark: a 10,000-member roster PDF (target under 3 s).

    python bench/bench_roster.py [--db PATH] [--reuse]

Builds a demo database of about 10,000 members (scale 34) once, then times gathering the
rows and writing the PDF, and prints the page count.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.database import open_database  # noqa: E402
from db.demo import fill_demo  # noqa: E402
from db.printing_data import RosterRequest, roster_rows  # noqa: E402
from desktop.printing.member_roster import build_member_roster  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/community-desk-bench-10k.sqlite3"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/community-desk-roster-10k.pdf"))
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    if not (args.reuse and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        db = open_database(args.db)
        fill_demo(db, scale=34)
        db.close()
    db = open_database(args.db)
    started = time.perf_counter()
    with db.session() as s:
        data = roster_rows(s, RosterRequest())
    gathered = time.perf_counter()
    build_member_roster(args.out, data.rows, community=data.community)
    done = time.perf_counter()
    db.close()
    from pypdf import PdfReader

    result = {"members": len(data.rows), "pages": len(PdfReader(args.out).pages),
              "query_s": round(gathered - started, 2), "pdf_s": round(done - gathered, 2),
              "total_s": round(done - started, 2), "target_s": 3.0}
    print(f"{result['members']:,} members, {result['pages']} pages: query {result['query_s']} s + "
          f"PDF {result['pdf_s']} s = {result['total_s']} s (target < 3 s)")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
