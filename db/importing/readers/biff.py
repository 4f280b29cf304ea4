"""Checks on Excel 97–2003 workbooks (.xls, and .et files WPS writes the same way) before
python-calamine opens them.

calamine reads every sheet of an .xls as soon as the file is opened, each as a dense grid from its
first to its furthest cell, and copies a shared string into every cell that uses it. So the
compound file is opened here (just enough of it to find the workbook stream) and the stream's cell
records are walked to learn each sheet's extent and the text its cells will hold."""

from __future__ import annotations

import struct
from array import array
from pathlib import Path

from db.importing.readers import LedgerReadError, limits, unreadable
from db.importing.readers.limits import check_grid, check_text, check_workbook_cells, too_many_shared_strings

OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_END_OF_CHAIN = 0xFFFFFFFE
_ENCRYPTED = ("encryptedpackage", "encryptioninfo")  # a password-protected .xlsx sits in a compound file

# Cell records calamine turns into cells (the others, blanks included, leave no value).
_NUMBER, _LABEL, _RSTRING, _BOOLERR, _RK, _LABELSST, _MULRK, _FORMULA, _STRING = (
    0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x00BD, 0x0006, 0x0207)
_CELLS = frozenset((_NUMBER, _LABEL, _RSTRING, _BOOLERR, _RK, _LABELSST, _MULRK, _FORMULA))
_BOF, _EOF, _BOUNDSHEET, _FILEPASS, _SST, _CONTINUE = 0x0809, 0x000A, 0x0085, 0x002F, 0x00FC, 0x003C
_RECORD = struct.Struct("<HHHH")  # type, size, and the first four bytes of the body (a cell's row and column)


class _Corrupt(Exception):
    pass



def password_protected(name: str) -> LedgerReadError:
    return LedgerReadError(f"“{name}”设置了打开密码，请在 Excel 或 WPS 中取消密码后再导入")


def check_xls(path: Path) -> None:
    """Refuses an .xls whose sheets, once calamine has built them, would pass the limits."""
    try:
        stream = _workbook_stream(path)
        sheets, text, first = _scan(stream, path.name)
    except (_Corrupt, struct.error, IndexError, ValueError, OverflowError):
        raise unreadable(path.name) from None
    if first is not None:
        check_grid(path.name, *first)
    check_workbook_cells(path.name, sheets)
    check_text(path.name, text)


def _workbook_stream(path: Path) -> bytes:
    name = path.name
    with open(path, "rb") as file:
        file.seek(0, 2)
        file_size = file.tell()
        file.seek(0)
        header = file.read(512)
        if len(header) < 512 or header[:8] != OLE2_MAGIC:
            raise _Corrupt
        sector_shift, mini_shift = struct.unpack_from("<HH", header, 0x1E)
        if sector_shift not in (9, 12) or mini_shift != 6:
            raise _Corrupt
        sector = 1 << sector_shift
        sectors_in_file = file_size // sector

        def read_sector(number: int) -> bytes:
            if number >= sectors_in_file:
                raise _Corrupt
            file.seek((number + 1) * sector)
            return file.read(sector)

        fat_count, directory_start = struct.unpack_from("<II", header, 0x2C)
        mini_cutoff, mini_fat_start, mini_fat_count = struct.unpack_from("<III", header, 0x38)
        difat_start, difat_count = struct.unpack_from("<II", header, 0x44)
        if fat_count > sectors_in_file or difat_count > sectors_in_file:
            raise _Corrupt
        fat_sectors = list(struct.unpack_from("<109I", header, 0x4C))[: min(fat_count, 109)]
        next_difat = difat_start
        for _ in range(difat_count):
            if len(fat_sectors) >= fat_count or next_difat >= _END_OF_CHAIN:
                break
            pointers = struct.unpack(f"<{sector // 4}I", read_sector(next_difat))
            fat_sectors.extend(pointers[:-1])
            next_difat = pointers[-1]
        fat = array("I")
        for number in fat_sectors[:fat_count]:
            fat.frombytes(read_sector(number))
        if fat.itemsize != 4:
            raise _Corrupt

        def chain(start: int) -> list[int]:
            found: list[int] = []
            number = start
            while number < _END_OF_CHAIN - 3:  # the special values are all above
                if number >= len(fat) or len(found) > len(fat):
                    raise _Corrupt  # out of range, or a loop
                found.append(number)
                number = fat[number]
            return found

        def read_chain(start: int, size: int) -> bytes:
            if size > file_size:
                raise _Corrupt
            data = b"".join(read_sector(n) for n in chain(start))
            if len(data) < size:
                raise _Corrupt
            return data[:size]

        directory = b"".join(read_sector(n) for n in chain(directory_start))
        entries: dict[str, tuple[int, int]] = {}
        root: tuple[int, int] | None = None
        for at in range(0, len(directory) - 127, 128):
            name_length = min(struct.unpack_from("<H", directory, at + 64)[0], 64)
            kind = directory[at + 66]
            start, size = struct.unpack_from("<IQ", directory, at + 116)
            if sector_shift == 9:
                size &= 0xFFFFFFFF  # version 3 files leave the high half undefined
            entry_name = directory[at : at + max(name_length - 2, 0)].decode("utf-16-le", "replace").lower()
            if kind == 5:
                root = (start, size)
            elif kind == 2:
                entries.setdefault(entry_name, (start, size))
        if any(e in entries for e in _ENCRYPTED):
            raise password_protected(name)
        found = entries.get("workbook") or entries.get("book")
        if found is None:
            raise _Corrupt
        start, size = found
        if size >= mini_cutoff:
            return read_chain(start, size)
        # a small stream lives in the mini stream, in 64-byte sectors chained by the mini FAT
        if root is None:
            raise _Corrupt
        mini_fat = array("I", read_chain(mini_fat_start, min(mini_fat_count, sectors_in_file) * sector))
        mini_stream = read_chain(root[0], root[1])
        data = bytearray()
        number, steps = start, 0
        while number < _END_OF_CHAIN - 3 and len(data) < size:
            if number >= len(mini_fat) or steps > len(mini_fat):
                raise _Corrupt
            data += mini_stream[number * 64 : number * 64 + 64]
            number, steps = mini_fat[number], steps + 1
        if len(data) < size:
            raise _Corrupt
        return bytes(data[:size])


def _scan(stream: bytes, name: str) -> tuple[int, int, tuple[int, int] | None]:
    """(cells of all sheets' dense grids, characters of text in them, the first sheet's rows and
    columns from A1), walking the records the way calamine does."""
    unpack = struct.unpack_from
    length = len(stream)
    positions: list[int] = []
    sst: list[bytes] = []
    in_sst = False
    at = 0
    while at + 4 <= length:  # the workbook globals, up to their EOF
        kind, size = unpack("<HH", stream, at)
        body = stream[at + 4 : at + 4 + size]
        at += 4 + size
        if kind == _EOF:
            break
        if kind == _FILEPASS:
            raise password_protected(name)
        if kind == _BOUNDSHEET and size >= 4:
            positions.append(unpack("<I", body)[0])
        if kind == _SST:
            sst, in_sst = [body], True
        elif kind == _CONTINUE and in_sst:
            sst.append(body)
        else:
            in_sst = False
    lengths = _shared_string_lengths(sst, name)
    # Each sheet is walked from its BOF to its EOF; sheets do not overlap, so together they take
    # one pass over the stream at most. A file whose sheets point into each other is not a workbook.
    walked = cells = text = 0
    first: tuple[int, int] | None = None
    record = _RECORD.unpack_from
    strings = len(lengths)
    padded = stream + bytes(4)  # a record's head is read with the four bytes after it
    for position in positions:
        rows = columns = formula_rows = formula_columns = 0
        depth, seen_bof = 0, False
        at = position
        while at + 4 <= length:
            kind, size, row, column = record(padded, at)
            body_at = at + 4
            at = body_at + size
            if kind in _CELLS:
                if depth or size < 4:
                    continue
                if kind == _MULRK and size >= 6:
                    column = max(column, unpack("<H", stream, at - 2)[0])
                if row >= rows:
                    rows = row + 1
                if column >= columns:
                    columns = column + 1
                if kind == _LABELSST:
                    if size >= 10:
                        index = unpack("<I", stream, body_at + 6)[0]
                        text += lengths[index] if index < strings else 0
                elif kind == _FORMULA:
                    formula_rows, formula_columns = max(formula_rows, row + 1), max(formula_columns, column + 1)
                elif (kind == _LABEL or kind == _RSTRING) and size >= 8:  # a count of characters, then them
                    text += unpack("<H", stream, body_at + 6)[0]
            elif kind == _BOF:
                depth, seen_bof = (depth + 1, seen_bof) if seen_bof else (0, True)
            elif kind == _EOF:
                if not depth:
                    break
                depth -= 1
            elif kind == _STRING and not depth and size >= 2:
                text += row  # the first two bytes of a STRING record count its characters
        walked += at - position
        if walked > length + 4096:
            raise _Corrupt
        cells += rows * columns + formula_rows * formula_columns
        if first is None:
            first = (rows, columns)
    return cells, text, first


def _shared_string_lengths(parts: list[bytes], name: str) -> array[int]:
    """Characters of every string in the SST record and its CONTINUE records. Only the lengths are
    read; the characters are stepped over, minding that each continuation restarts with a byte
    saying whether the rest of the string is one or two bytes a character."""
    lengths = array("l")
    if not parts or len(parts[0]) < 8:
        return lengths
    unique = struct.unpack_from("<I", parts[0], 4)[0]
    if unique > limits.MAX_SHARED_STRINGS:
        raise too_many_shared_strings(name)
    part, at = 0, 8
    data = parts[0]
    try:
        for _ in range(unique):
            if at >= len(data):
                part, at = part + 1, 0
                data = parts[part]
            characters, flags = struct.unpack_from("<HB", data, at)
            at += 3
            runs = extended = 0
            if flags & 0x08:
                runs = struct.unpack_from("<H", data, at)[0]
                at += 2
            if flags & 0x04:
                extended = struct.unpack_from("<I", data, at)[0]
                at += 4
            width = 2 if flags & 0x01 else 1
            left = characters
            while left:
                if at >= len(data):
                    part, at = part + 1, 0
                    data = parts[part]
                    width = 2 if data[0] & 0x01 else 1
                    at = 1
                step = min(left, (len(data) - at) // width)
                if step == 0:
                    at = len(data)
                    continue
                at += step * width
                left -= step
            skip = 4 * runs + extended
            while skip:
                if at >= len(data):
                    part, at = part + 1, 0
                    data = parts[part]
                step = min(skip, len(data) - at)
                at += step
                skip -= step
            lengths.append(characters)
    except (IndexError, struct.error):
        pass  # a short SST: calamine will say what is wrong; the strings counted so far stand
    return lengths
