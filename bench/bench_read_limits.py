"""Benchmark: peak memory and time of read_rows on a real 50,000-row ledger and on crafted files
(zip bombs, a sheet spanning A1:XFD1048576, a file just under every limit), each read in a child
process so its peak RSS is its own. Targets: the ledger under 300 MB, any file under 500 MB.

    python bench/bench_read_limits.py [--rows 50000] [--keep]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import xlwt  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from db.importing.readers import limits  # noqa: E402

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CHILD_MEMORY = 3 * 1024**3  # an address-space cap for the children, so a failure cannot take the machine
HANZI = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂南山生活区栋室路号"

# ru_maxrss survives fork and exec on Linux, so the children are started from this small process
# and the files are built in children of their own.
CHILD = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from db.importing.read import LedgerReadError, read_rows
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    rows = read_rows(Path(sys.argv[1]))
    outcome = f"read {len(rows):,} rows"
except LedgerReadError as exc:
    outcome = f"refused: {exc}"
scale = 1024 * 1024 if sys.platform == "darwin" else 1024
print(json.dumps({"seconds": round(time.perf_counter() - started, 2), "outcome": outcome,
                  "baseline_mb": round(baseline / scale), "peak_rss_mb": round(resource.getrusage(
                      resource.RUSAGE_SELF).ru_maxrss / scale)}, ensure_ascii=False))
"""


# --- files --------------------------------------------------------------------------------------
def ledger(path: Path, rows: int) -> None:
    """A member ledger like the offices': title row, 序号, dates, 18-digit ID numbers, a footer."""
    rnd = random.Random(5)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("党员信息台账")
    sheet.append(["南山社区党委党员信息台账"])
    sheet.append(["序号", "姓名", "性别", "出生日期", "公民身份号码", "学历", "入党日期", "党员类别", "所属党支部",
                  "手机号", "现住址"])
    for n in range(1, rows + 1):
        born = date(1940, 1, 1) + timedelta(days=rnd.randint(0, 60 * 365))
        sheet.append([n, "".join(rnd.choices(HANZI[:20], k=rnd.randint(2, 3))), rnd.choice("男女"), born,
                      f"{rnd.randint(110000, 659999)}{born:%Y%m%d}{rnd.randint(0, 9999):04d}",
                      rnd.choice(("大专", "本科", "高中")), f"{born.year + 20}.{born.month:02d}", "正式党员",
                      f"第{rnd.randint(1, 12)}党支部", f"1{rnd.randint(0, 10**10 - 1):010d}",
                      f"南山生活区{rnd.randint(1, 40)}栋{rnd.randint(1, 30)}0{rnd.randint(1, 4)}室"])
    sheet.append([])
    sheet.append(["填表人：王某", "", "", "审核人：李某"])
    book.save(path)


def xlsx_parts(path: Path, sheet_rows: Callable[[], Iterable[str]],
               shared: Callable[[], Iterable[str]] | None = None) -> None:
    """An .xlsx written part by part, the sheet and shared strings streamed from generators of str."""
    rels = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    if shared:
        rels += f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        archive.writestr("_rels/.rels", f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                         f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                         '<sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>')
        for name, source in (("xl/worksheets/sheet1.xml", sheet_rows), ("xl/sharedStrings.xml", shared)):
            if source is None:
                continue
            with archive.open(name, "w") as part:
                for piece in source():
                    part.write(piece.encode())


def zip_bomb(path: Path) -> None:
    """sharedStrings.xml unpacking to 2,000,000,000 bytes (the file is about 2 MB), declared honestly."""
    unit = "<si><t>炸弹炸弹炸弹炸弹</t></si>" * 100
    count = 2_000_000_000 // len(unit.encode())

    def strings() -> Iterator[str]:
        yield f'<sst xmlns="{MAIN}">'
        for _ in range(count):
            yield unit
        yield "</sst>"

    xlsx_parts(path, lambda: iter(['<worksheet xmlns="' + MAIN + '"><sheetData><row r="1"><c r="A1" t="s"><v>0</v>'
                                   "</c></row></sheetData></worksheet>"]), strings)


def lying_zip_bomb(source: Path, path: Path) -> None:
    """The same bomb with its shared strings declaring 1,000 bytes, in both headers."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        struct.pack_into("<I", data, archive.getinfo("xl/sharedStrings.xml").header_offset + 22, 1000)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == b"xl/sharedStrings.xml":
            struct.pack_into("<I", data, at + 24, 1000)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def far_cell_xlsx(path: Path) -> None:
    """Two cells, A1 and XFD1048576: calamine alone asks for 550 GB and aborts."""
    xlsx_parts(path, lambda: iter([f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                                   '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>']))


def far_cell_xls(path: Path) -> None:
    """An Excel 97 file with cells in A1 and IV65536, in each of 20 sheets (calamine reads them all)."""
    book = xlwt.Workbook()
    for n in range(20):
        sheet = book.add_sheet(f"s{n}")
        sheet.write(0, 0, 1)
        sheet.write(65535, 255, 1)
    book.save(str(path))


def xls_at_the_limits(path: Path) -> None:
    """Two sheets of numbers just inside MAX_CELLS each and MAX_WORKBOOK_CELLS together: calamine
    builds both on opening, the first one then goes to Python."""
    columns = 30
    rows = min(65536, limits.MAX_CELLS // columns, limits.MAX_WORKBOOK_CELLS // 2 // columns)
    book = xlwt.Workbook()
    for name in ("一", "二"):
        sheet = book.add_sheet(name)
        for row in range(rows):
            for column in range(columns):
                sheet.write(row, column, row * 0.5 + column)
    book.save(str(path))


def at_the_limits(path: Path) -> None:
    """A sheet just inside MAX_CELLS and MAX_TEXT_CHARS, every cell a different Chinese string:
    the most memory a file can make the readers take and still be read."""
    columns = 40
    rows = limits.MAX_CELLS // columns
    length = limits.MAX_TEXT_CHARS // limits.MAX_CELLS
    rnd = random.Random(7)

    def sheet() -> Iterator[str]:
        yield f'<worksheet xmlns="{MAIN}"><sheetData>'
        for row in range(1, rows + 1):
            cells = "".join(f'<c r="{_column(c)}{row}" t="inlineStr"><is><t>{"".join(rnd.choices(HANZI, k=length))}'
                            "</t></is></c>" for c in range(columns))
            yield f'<row r="{row}">{cells}</row>'
        yield "</sheetData></worksheet>"

    xlsx_parts(path, sheet)


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def csv_copy(rows: int, path: Path) -> None:
    rnd = random.Random(5)
    with open(path, "w", encoding="gbk", newline="") as file:
        file.write("序号,姓名,性别,公民身份号码,手机号,现住址\r\n")
        for n in range(1, rows + 1):
            file.write(f"{n},{''.join(rnd.choices(HANZI[:20], k=3))},男,{rnd.randint(10**17, 10**18 - 1)},"
                       f"1{rnd.randint(0, 10**10 - 1):010d},南山生活区{rnd.randint(1, 40)}栋\r\n")


def html_copy(rows: int, path: Path) -> None:
    rnd = random.Random(5)
    with open(path, "w", encoding="gbk") as file:
        file.write('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
                   "<table border=1><tr><th>序号</th><th>姓名</th><th>性别</th><th>公民身份号码</th><th>手机号</th>"
                   "<th>现住址</th></tr>\n")
        for n in range(1, rows + 1):
            file.write(f"<tr><td>{n}</td><td>{''.join(rnd.choices(HANZI[:20], k=3))}</td><td>男</td>"
                       f"<td>{rnd.randint(10**17, 10**18 - 1)}</td><td>1{rnd.randint(0, 10**10 - 1):010d}</td>"
                       f"<td>南山生活区{rnd.randint(1, 40)}栋</td></tr>\n")
        file.write("</table></body></html>")


# --- running ------------------------------------------------------------------------------------
def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))


def measure(path: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), str(ROOT)], capture_output=True, text=True,
                          timeout=600, preexec_fn=_cap_memory)
    if done.returncode != 0:
        return {"outcome": f"child died with code {done.returncode}: {done.stderr.strip()[-300:]}"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def builders(rows: int, work: Path) -> dict[str, tuple[str, Path, Callable[[Path], None]]]:
    return {
        "ledger": (f"{rows:,}-row ledger (.xlsx, openpyxl write-only)", work / "ledger.xlsx",
                   lambda p: ledger(p, rows)),
        "csv": (f"{rows:,}-row ledger (.csv in GBK)", work / "ledger.csv", lambda p: csv_copy(rows, p)),
        "html": (f"{rows:,}-row ledger (HTML table saved as .xls)", work / "ledger_html.xls",
                 lambda p: html_copy(rows, p)),
        "bomb": ("zip bomb: sharedStrings.xml unpacks to 2 GB", work / "bomb.xlsx", zip_bomb),
        "lying": ("zip bomb declaring 1,000 bytes", work / "bomb_lying.xlsx",
                  lambda p: lying_zip_bomb(work / "bomb.xlsx", p)),
        "far_xlsx": ("two cells, A1 and XFD1048576 (.xlsx)", work / "far.xlsx", far_cell_xlsx),
        "far_xls": ("A1 and IV65536 in 20 sheets (.xls)", work / "far.xls", far_cell_xls),
        "limits_xlsx": (f"just inside the limits: {limits.MAX_CELLS:,} cells, {limits.MAX_TEXT_CHARS:,} characters",
                        work / "limits.xlsx", at_the_limits),
        "limits_xls": (f"two .xls sheets of numbers, {limits.MAX_WORKBOOK_CELLS:,} cells together",
                       work / "limits.xls", xls_at_the_limits),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--keep", action="store_true", help="keep the files (their folder is printed)")
    parser.add_argument("--build", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:  # in a child of its own: a parent grown by xlwt would pass its peak on to the readers
        kind, folder = args.build
        _, path, build = builders(args.rows, Path(folder))[kind]
        build(path)
        return 0
    work = Path(tempfile.mkdtemp(prefix="bench-read-limits-"))
    results = []
    for kind, (title, path, _) in builders(args.rows, work).items():
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--build", kind, str(work)], check=True)
        built = time.perf_counter() - started
        figures = {"file": title, "size_mb": round(path.stat().st_size / 1024**2, 1), "built_s": round(built, 1)}
        figures.update(measure(path))
        results.append(figures)
        print(json.dumps(figures, ensure_ascii=False), flush=True)
    if args.keep:
        print(work)
    else:
        shutil.rmtree(work)
    worst = max(int(str(r.get("peak_rss_mb", 10**6))) for r in results)
    ledger_peak = int(str(results[0].get("peak_rss_mb", 10**6)))
    ok = ledger_peak < 300 and worst < 500 and str(results[0]["outcome"]).startswith("read")
    print(f"ledger peak {ledger_peak} MB (target < 300), worst peak {worst} MB (target < 500): "
          f"{'ok' if ok else 'OVER TARGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
