"""Benchmark: reading, checking and importing a 50,000-row member ledger, in one run beside the
time openpyxl alone takes to read the same file (target: at most 0.5× that) and python-calamine's
read (at most 4×), with the peak memory (under 300 MB).

    python bench/bench_import.py [--rows 50000]

Beside them, where LibreOffice is installed, the time it takes to open the same ledger (headless,
xlsx → csv; bench/libreoffice.py) and our read + check + import as a ratio to it.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_libreoffice import convert_seconds  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from db.database import open_database  # noqa: E402
from db.demo.names import id_number, mobile, person_name  # noqa: E402
from db.importing.layout import find_layout  # noqa: E402
from db.importing.members import REGISTER  # noqa: E402
from db.importing.read import read_rows  # noqa: E402
from db.importing.registers import import_ledger  # noqa: E402
from db.models import PartyOrg  # noqa: E402


def make_ledger(path: Path, rows: int) -> None:
    """A ledger like the offices': title and date rows, 序号, mixed date forms, a footer."""
    rnd = random.Random(5)
    used_ids: set[str] = set()
    used_phones: set[str] = set()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("党员信息台账")
    ws.append(["南山社区党委党员信息台账"])
    ws.append(["统计截止：2026年9月30日"])
    ws.append(["序号", "姓名", "性别", "出生日期", "公民身份号码", "学历", "入党日期", "党员类别", "所属党支部",
               "手机号", "现住址"])
    for n in range(1, rows + 1):
        gender = rnd.choice(("male", "female"))
        born = date(1940, 1, 1) + timedelta(days=rnd.randint(0, 60 * 365))
        admitted = born + timedelta(days=19 * 365 + rnd.randint(0, 3000))
        admitted = min(admitted, date(2024, 1, 1))
        birth_cell = rnd.choice((born, f"{born.year}.{born.month:02d}", f"{born.year}年{born.month}月"))
        ws.append([n, person_name(rnd, gender), "男" if gender == "male" else "女", birth_cell,
                   id_number(rnd, born, gender, used_ids), rnd.choice(("大专", "本科", "高中")),
                   rnd.choice((admitted, f"{admitted.year}.{admitted.month:02d}")), "正式党员",
                   f"第{rnd.randint(1, 12)}党支部", mobile(rnd, used_phones), f"南山生活区{rnd.randint(1, 40)}栋"])
    ws.append([])
    ws.append(["填表人：王某", "", "", "审核人：李某"])
    wb.save(path)


def import_in_this_process(ledger: Path, database: Path) -> dict[str, object]:
    """Read, check and import the ledger into a database that has the office's branches; the
    time and this process's peak memory (run in a fresh process, so nothing else counts)."""
    db = open_database(database)
    with db.session() as s, s.begin():  # the office's branches exist before its ledger comes in
        committee = PartyOrg(name="南山社区党委", kind="committee", sort_order=0)
        s.add(committee)
        s.flush()
        s.add_all(PartyOrg(name=f"第{n}党支部", kind="branch", parent_id=committee.id, sort_order=n)
                  for n in range(1, 13))
    started = time.perf_counter()
    rows = read_rows(ledger)  # with the checks made before reading (db/importing/readers/limits.py)
    read_s = time.perf_counter() - started
    layout = find_layout(rows, REGISTER.synonyms)
    assert layout is not None
    with db.session() as s, s.begin():
        result = import_ledger(s, REGISTER, rows, layout, source=ledger.name)
    total_s = time.perf_counter() - started
    db.close()
    return {"imported": result.imported, "invalid": result.invalid, "read_rows_s": round(read_s, 2),
            "read_check_import_s": round(total_s, 2),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--import-only", nargs=2, type=Path, metavar=("LEDGER", "DATABASE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_only:
        print(json.dumps(import_in_this_process(*args.import_only)))
        return 0
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    ledger = work / "ledger.xlsx"
    make_ledger(ledger, args.rows)

    started = time.perf_counter()
    wb = load_workbook(ledger, read_only=True)
    openpyxl_rows = sum(1 for _ in wb.active.iter_rows(values_only=True))
    openpyxl_s = time.perf_counter() - started
    started = time.perf_counter()  # python-calamine alone, as the issue measures it
    CalamineWorkbook.from_path(str(ledger)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    calamine_s = time.perf_counter() - started
    done = subprocess.run([sys.executable, __file__, "--import-only", str(ledger), str(work / "bench.sqlite3")],
                          check=True, capture_output=True, text=True)
    imported = json.loads(done.stdout.splitlines()[-1])
    total_s = float(imported["read_check_import_s"])
    libreoffice_s = convert_seconds(ledger, "csv")
    figures = {"rows": args.rows, **imported, "calamine_alone_s": round(calamine_s, 2),
               "openpyxl_read_only_s": round(openpyxl_s, 2), "openpyxl_rows": openpyxl_rows,
               "ratio_to_openpyxl": round(total_s / openpyxl_s, 2), "ratio_to_calamine": round(total_s / calamine_s, 2),
               "libreoffice_open_s": round(libreoffice_s, 2) if libreoffice_s else None,
               "ratio_to_libreoffice": round(total_s / libreoffice_s, 2) if libreoffice_s else None}
    print(f"{args.rows:,} rows: python-calamine alone reads it in {calamine_s:.2f} s, our reader (with its limit "
          f"checks) in {imported['read_rows_s']} s; read + check + import {total_s:.2f} s; openpyxl alone reads it "
          f"in {openpyxl_s:.2f} s")
    print(f"ratio to openpyxl's read {total_s / openpyxl_s:.2f} (target ≤ 0.5); "
          f"ratio to python-calamine's read {total_s / calamine_s:.2f} (target ≤ 4); "
          f"peak memory of the importing process {imported['peak_mb']} MB (< 300)")
    if libreoffice_s:
        print(f"LibreOffice opens the same ledger (xlsx → csv, headless) in {libreoffice_s:.2f} s: our read + check + "
              f"import takes {total_s / libreoffice_s:.2f}× that, our read alone "
              f"{float(imported['read_rows_s']) / libreoffice_s:.2f}×")
    else:
        print("LibreOffice is not installed here: no figure beside it")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
