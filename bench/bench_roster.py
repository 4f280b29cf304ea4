"""Benchmark: a 10,000-member roster PDF (target under 3 s).

    python bench/bench_roster.py [--db PATH] [--reuse]

Builds a demo database of about 10,000 members (scale 34) once, then times gathering the
rows and writing the PDF, and prints the page count. Where LibreOffice is installed, the same
rows are written to an .xlsx and LibreOffice's print of it to PDF (headless) is timed in the same
run (bench/libreoffice.py), with our time as a ratio to it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_libreoffice import convert_seconds  # noqa: E402

from db.database import open_database  # noqa: E402
from db.demo import fill_demo  # noqa: E402
from db.members import MemberRow  # noqa: E402
from db.printing_data import RosterRequest, roster_rows  # noqa: E402
from desktop.printing.member_roster import build_member_roster  # noqa: E402


def libreoffice_print(rows: list[MemberRow], xlsx: Path) -> float | None:
    """The roster's rows as a sheet, and LibreOffice's time to print it to PDF (None: not installed)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("花名册")
    for row in rows:
        sheet.append(["" if v is None else str(v) for v in vars(row).values()])
    wb.save(xlsx)
    try:
        return convert_seconds(xlsx, "pdf")
    finally:
        xlsx.unlink(missing_ok=True)


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
    libreoffice_s = libreoffice_print(data.rows, args.out.with_suffix(".xlsx"))
    result["libreoffice_pdf_s"] = round(libreoffice_s, 2) if libreoffice_s else None
    result["ratio_to_libreoffice"] = round((done - started) / libreoffice_s, 2) if libreoffice_s else None
    print(f"{result['members']:,} members, {result['pages']} pages: query {result['query_s']} s + "
          f"PDF {result['pdf_s']} s = {result['total_s']} s (target < 3 s)")
    if libreoffice_s:
        print(f"LibreOffice prints the same rows (an .xlsx, headless) to PDF in {libreoffice_s:.2f} s: ours takes "
              f"{result['ratio_to_libreoffice']}× that")
    else:
        print("LibreOffice is not installed here: no figure beside it")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
