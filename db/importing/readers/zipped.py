"""Checks on workbooks that are zip files (.xlsx, .xlsm, .ods) before python-calamine opens them.

The central directory is read first (zipfile, nothing unpacked) for the size each part declares;
then every part is unpacked as a stream and counted, because a part can declare 1 KB and unpack to
gigabytes, and calamine's zip reader would keep going. While streaming, the first worksheet of an
.xlsx (every table of an .ods, which calamine reads whole on opening) is scanned for the extent of
its cells and the text they will hold; see limits.py for why that must be known in advance.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from array import array
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from xml.parsers import expat

from db.importing.readers import LedgerReadError, limits, unreadable
from db.importing.readers.limits import check_grid, check_text, check_workbook_cells, fits, too_many_shared_strings
from db.importing.readers.sheet_scan import (
    OdsScan,
    QuickSharedStrings,
    QuickXlsxScan,
    SharedStringLengths,
    XlsxSheetScan,
    xml_parser,
)

CHUNK = 1024 * 1024
MAX_SMALL_PART = 16 * limits.MB  # the workbook and relationship parts, read whole to find the first sheet

Sink = Callable[[bytes], None]


def bomb(name: str, why: str) -> LedgerReadError:
    return LedgerReadError(f"“{name}”{why}，文件可能已损坏或是恶意构造的压缩炸弹，不予读取")


def check_zip(path: Path) -> str:
    """Checks an .xlsx/.ods against the limits; returns "xlsx" or "ods" by what it holds."""
    name = path.name
    _check_directory_size(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise unreadable(name) from None
    _check_declared(name, infos)
    parts = {info.filename: info for info in infos}
    if "xl/workbook.bin" in parts:
        raise LedgerReadError(f"“{name}”是 Excel 二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 后再导入")
    with open(path, "rb") as file:
        if "content.xml" in parts and not any(n.endswith("workbook.xml") for n in parts):
            _check_ods(file, name, infos)
            return "ods"
        _check_xlsx(file, name, infos)
        return "xlsx"


def _check_ods(file: BinaryIO, name: str, infos: list[zipfile.ZipInfo]) -> None:
    scan = OdsScan(name)
    _unpack_all(file, name, infos, {"content.xml": scan.feed})
    scan.finish()
    check_grid(name, scan.first_rows, scan.first_columns)
    check_text(name, scan.text)
    check_workbook_cells(name, scan.cells)


def _check_xlsx(file: BinaryIO, name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Scans the first worksheet (every worksheet when the first cannot be found) quickly, and
    again more closely only when the quick scan cannot vouch for it or finds it over a limit."""
    parts = {info.filename: info for info in infos}
    sheet, shared = _first_sheet(file, name, parts)
    lengths = _shared_lengths(file, name, parts[shared]) if shared else array("l")
    sheets = [sheet] if sheet else [n for n in parts if "worksheets/" in n and n.endswith(".xml")]
    quick = {part: QuickXlsxScan(lengths) for part in sheets}
    _unpack_all(file, name, [i for i in infos if i.filename != shared], {p: q.feed for p, q in quick.items()})
    exact_lengths: array[int] | None = None
    for part, scan in quick.items():
        scan.finish()
        if scan.valid and fits(scan.rows, scan.columns, 0) and not fits(scan.rows, scan.columns, scan.text):
            scan = QuickXlsxScan(lengths, precise=True)  # only the text bound was over: read the text
            _unpack(file, name, parts[part], scan.feed)
            scan.finish()
        if scan.valid and fits(scan.rows, scan.columns, scan.text):
            continue
        # not plain enough to vouch for, or over a limit perhaps only for styled empty cells
        if exact_lengths is None:
            exact_lengths = array("l")
            if shared:
                strings = SharedStringLengths(name, exact_lengths)
                _unpack(file, name, parts[shared], strings.feed)
                strings.finish()
        exact = XlsxSheetScan(name, exact_lengths)
        _unpack(file, name, parts[part], exact.feed)
        exact.finish()
        check_grid(name, exact.rows, exact.columns)
        check_text(name, exact.text)


def _shared_lengths(file: BinaryIO, name: str, info: zipfile.ZipInfo) -> array[int]:
    """An upper bound on the length of every shared string (exact when the quick split cannot be
    trusted), after the part's own limits."""
    if info.file_size > limits.MAX_SHARED_STRINGS_BYTES:
        raise LedgerReadError(f"“{name}”的共享文字部分有 {info.file_size / limits.MB:.0f} MB，超过了 "
                              f"{limits.MAX_SHARED_STRINGS_BYTES // limits.MB} MB 的上限，请拆分后再导入")
    quick = QuickSharedStrings()
    _unpack(file, name, info, quick.feed)
    lengths = quick.finish()
    if lengths is None:
        lengths = array("l")
        strings = SharedStringLengths(name, lengths)
        _unpack(file, name, info, strings.feed)
        strings.finish()
    if len(lengths) > limits.MAX_SHARED_STRINGS:
        raise too_many_shared_strings(name)
    return lengths


# --- the central directory --------------------------------------------------------------------
def _check_directory_size(path: Path) -> None:
    """Refuses a central directory too big to list; zipfile reads it whole before anything else."""
    with open(path, "rb") as file:
        file.seek(0, 2)
        size = file.tell()
        tail_length = min(size, 22 + 65535)
        file.seek(size - tail_length)
        tail = file.read(tail_length)
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            raise unreadable(path.name)
        entries, directory = struct.unpack_from("<HI", tail, at + 10)
        if (entries == 0xFFFF or directory == 0xFFFFFFFF) and at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":
            (offset,) = struct.unpack_from("<Q", tail, at - 12)
            file.seek(offset)
            record = file.read(56)
            if len(record) == 56 and record[:4] == b"PK\x06\x06":
                (directory,) = struct.unpack_from("<Q", record, 40)
    if directory > limits.MAX_ZIP_DIRECTORY_BYTES:
        raise bomb(path.name, f"的目录有 {directory / limits.MB:.1f} MB，超过了 "
                              f"{limits.MAX_ZIP_DIRECTORY_BYTES / limits.MB:.0f} MB 的上限")


def _check_declared(name: str, infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise LedgerReadError(f"“{name}”设置了打开密码，请在 Excel 或 WPS 中取消密码后再导入")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise unreadable(name)
        part = info.filename[:60]
        if info.file_size > limits.MAX_ZIP_PART_BYTES:
            raise bomb(name, f"中的“{part}”解压后有 {info.file_size / limits.MB:.0f} MB，超过了单个部分 "
                             f"{limits.MAX_ZIP_PART_BYTES // limits.MB} MB 的上限")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ZIP_RATIO_FLOOR and ratio > limits.MAX_ZIP_RATIO:
            raise bomb(name, f"中的“{part}”压缩比高达 {ratio:.0f} 倍，超过了 {limits.MAX_ZIP_RATIO} 倍的上限")
        total += info.file_size
        if total > limits.MAX_ZIP_TOTAL_BYTES:
            raise bomb(name, f"解压后超过 {limits.MAX_ZIP_TOTAL_BYTES // limits.MB} MB 的上限")


# --- unpacking as a stream --------------------------------------------------------------------
def _unpack_all(file: BinaryIO, name: str, infos: list[zipfile.ZipInfo], sinks: dict[str, Sink]) -> None:
    for info in infos:
        _unpack(file, name, info, sinks.get(info.filename))


def _unpack(file: BinaryIO, name: str, info: zipfile.ZipInfo, sink: Sink | None) -> None:
    """Unpacks one part from its raw bytes, counting what comes out: more than it declared is
    refused at once (zipfile would stop at the declared size and not notice)."""
    file.seek(info.header_offset)
    header = file.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise unreadable(name)
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    file.seek(info.header_offset + 30 + name_length + extra_length)
    left = info.compress_size
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    produced = 0
    try:
        while left > 0 and not (inflater and inflater.eof):
            packed = file.read(min(CHUNK, left))
            if not packed:
                raise unreadable(name)
            left -= len(packed)
            while packed:
                if inflater is None:
                    out, packed = packed, b""
                else:
                    out = inflater.decompress(packed, CHUNK)
                    packed = inflater.unconsumed_tail
                produced += len(out)
                if produced > info.file_size:
                    raise bomb(name, f"中的“{info.filename[:60]}”解压后比它声明的 {info.file_size:,} 字节更大")
                if sink and out:
                    sink(out)
        if inflater:
            out = inflater.flush()
            produced += len(out)
            if produced > info.file_size:
                raise bomb(name, f"中的“{info.filename[:60]}”解压后比它声明的 {info.file_size:,} 字节更大")
            if sink and out:
                sink(out)
    except zlib.error:
        raise unreadable(name) from None
    if produced != info.file_size:
        raise unreadable(name)


# --- finding the first worksheet ----------------------------------------------------------------
def _first_sheet(file: BinaryIO, name: str, parts: dict[str, zipfile.ZipInfo]) -> tuple[str | None, str | None]:
    """The parts holding the first worksheet and the shared strings, found the way calamine finds
    them (package relationships → workbook → its relationships); None where that fails."""
    def read(part: str) -> list[tuple[str, dict[str, str]]]:
        info = parts.get(part)
        if info is None:
            return []
        if info.file_size > MAX_SMALL_PART:
            raise bomb(name, f"中的“{part[:60]}”有 {info.file_size / limits.MB:.0f} MB，远大于正常大小")
        chunks: list[bytes] = []
        _unpack(file, name, info, chunks.append)
        return _elements(name, b"".join(chunks))

    workbook = "xl/workbook.xml"
    for tag, attrs in read("_rels/.rels"):
        if tag == "Relationship" and attrs.get("Type", "").endswith("/officeDocument"):
            workbook = _resolve("", attrs.get("Target", ""))
    base = str(PurePosixPath(workbook).parent)
    base = "" if base == "." else base
    targets: dict[str, str] = {}
    shared = None
    for tag, attrs in read(f"{base}/_rels/{PurePosixPath(workbook).name}.rels".lstrip("/")):
        if tag == "Relationship":
            target = _resolve(base, attrs.get("Target", ""))
            targets[attrs.get("Id", "")] = target
            if attrs.get("Type", "").endswith("/sharedStrings"):
                shared = target
    if shared is None and f"{base}/sharedStrings.xml".lstrip("/") in parts:
        shared = f"{base}/sharedStrings.xml".lstrip("/")
    sheet = None
    for tag, attrs in read(workbook):
        if tag == "sheet":
            sheet = targets.get(attrs.get("id", ""))
            break
    return (sheet if sheet in parts else None), (shared if shared in parts else None)


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for piece in f"{base}/{target}".split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _elements(name: str, data: bytes) -> list[tuple[str, dict[str, str]]]:
    """(local name, attributes by local name) of every element of a small XML part."""
    found: list[tuple[str, dict[str, str]]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        found.append((tag.rpartition(":")[2], {k.rpartition(":")[2]: v for k, v in attrs.items()}))

    parser = xml_parser(name)
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        raise unreadable(name) from None
    return found
