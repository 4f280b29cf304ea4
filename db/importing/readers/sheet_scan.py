"""Scanning a worksheet's XML for how far its cells reach and how much text they hold, before
python-calamine is asked to build the sheet.

An .xlsx sheet is first scanned quickly with regular expressions over the bytes (QuickXlsxScan):
enough when the sheet is written plainly, as Excel, WPS and the usual libraries write it, and
never an underestimate. Anything it cannot vouch for, or that comes out over a limit, is scanned
again exactly (XlsxSheetScan), placing each cell as calamine does; that costs about five times as
long. Both take the unpacked part chunk by chunk and hold only counters however large it is.
"""

from __future__ import annotations

import re
from array import array
from itertools import repeat
from xml.parsers import expat

from db.importing.readers import LedgerReadError, limits, unreadable
from db.importing.readers.limits import too_many_shared_strings

_REF = re.compile(r"([A-Za-z]{1,4})([0-9]{1,9})")
_FAR = 10**9  # a position past every limit, for references too long to be real
_ODS_MAX_COLUMNS = 16_384  # calamine caps a row's repeated cells here
_ODS_VALUE_ATTRS = ("office:value", "office:string-value", "office:date-value", "office:time-value",
                    "office:boolean-value", "table:formula")



def xml_parser(name: str) -> expat.XMLParserType:
    """Expat without namespace processing (calamine matches names by their local part whatever the
    prefix), refusing any DOCTYPE: the parts of a workbook never have one, and entity expansion
    and external entities come in through it."""
    def refuse(*_: object) -> None:
        raise LedgerReadError(f"“{name}”中含有 DOCTYPE 或实体声明，正常的工作簿不会有，出于安全考虑不予读取")

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.buffer_text = True
    return parser


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number - 1


class _Chunks:
    """Cuts a stream of bytes before its last marker (b"<c" for a cell, b"<si" for a shared
    string), so no element a pattern below reads is split between two chunks: the bytes from the
    marker on are held for the next chunk. More than MAX_HELD held (one enormous cell) is given
    up on: the scan is then not trusted and the exact one runs."""

    MAX_HELD = 8 * 1024 * 1024

    def __init__(self, marker: bytes) -> None:
        self.marker = marker
        self.held = b""
        self.size = 0
        self.overflow = False

    def cut(self, chunk: bytes) -> bytes:
        self.size += len(chunk)
        data = self.held + chunk if self.held else chunk
        at = data.rfind(self.marker)
        if at <= 0:
            if len(data) > self.MAX_HELD:
                self.overflow = True
                self.held = b""
                return data
            self.held = data
            return b""
        self.held = data[at:]
        return data[:at]

    def rest(self) -> bytes:
        data, self.held = self.held, b""
        return data


_CELL_ROW = re.compile(rb'<c(?=[\s>/])(?: r="[A-Z]{1,3}([0-9]{1,7})")?')  # b"" for a cell without a plain r
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
# (tag, text) of every <v> and <t>; tag is b"" when the element is not written plainly enough to read
_VALUE = re.compile(rb'<v(?=[\s>/])(?:((?:\s[^>]*)?>)([^<]*)</v>)?')
_TEXT = re.compile(rb'<t(?=[\s>/])(?:((?:\s[^>]*)?>)([^<]*)</t>)?')
_PREFIXED = re.compile(rb'<[A-Za-z_][\w.-]{0,31}:(?:c|v|t|is|row|si)[\s>/]')
_LEAST_MARKUP = 12  # len('<c r="A1"/>'), the least a cell's markup takes
_NOT_CONTINUATION = bytes(b for b in range(256) if not 0x80 <= b < 0xC0)  # bytes that start a character


def _characters(texts: tuple[bytes, ...]) -> int:
    """Characters in some UTF-8 text (entities, rare, count as their letters: an overestimate)."""
    joined = b"".join(texts)
    return len(joined) - len(joined.translate(None, _NOT_CONTINUATION))


class QuickSharedStrings:
    """An upper bound on the length of every shared string: the characters from its <si> to the
    next (markup included; entities only shrink). None when the part is not plain enough to split
    this way (a prefix, a comment or CDATA, which could move the split)."""

    def __init__(self) -> None:
        self.chunks = _Chunks(b"<si")
        self.lengths = array("l")
        self.current = 0
        self.plain = True

    def feed(self, chunk: bytes) -> None:
        self._split(self.chunks.cut(chunk))

    def _split(self, data: bytes) -> None:
        if not self.plain or not data:
            return
        if b"<!" in data or _PREFIXED.search(data):
            self.plain = False
            return
        parts = data.split(b"<si")
        self.current += _characters((parts[0],))
        if len(parts) > 1:
            self.lengths.append(self.current)
            self.lengths.extend(map(len, parts[1:-1]))  # bytes: never fewer than characters
            self.current = _characters((parts[-1],))

    def finish(self) -> array[int] | None:
        self._split(self.chunks.rest())
        if not self.plain or self.chunks.overflow:
            return None
        self.lengths.append(self.current)
        return self.lengths[1:]  # the first piece is what comes before the first <si>


class QuickXlsxScan:
    """The grid and text calamine will build for a sheet, read off the bytes with regular
    expressions: never less than the truth, and valid only when the sheet is written plainly.

    Plainly means every <c> tag starts with r="A1" (so every cell's place is written out, whatever
    its row says) and no c, v, t, is or row element carries a prefix, and no CDATA. Text is bounded
    by the characters of the part less the least markup of its cells, or, when precise, is that of
    every <t> and <v> (a second pass, taken when the first bound is over the limit). Each <v> also
    adds the shared string its number would pick (the first one when it is not a number: calamine
    reads a bad index as 0; the longest one when the <v> cannot be read). Styled empty cells count
    towards the grid here; the exact scan leaves them out."""

    def __init__(self, shared_lengths: array[int], precise: bool = False) -> None:
        self.chunks = _Chunks(b"<c")
        self.valid = True
        self.rows = 0
        self.letters: set[bytes] = set()
        self.text = 0
        self.precise = precise
        self.table = array("l", shared_lengths)
        self.table.append(0)  # what a number past the end picks (calamine refuses the file)
        self.first = shared_lengths[0] if shared_lengths else 0
        self.longest = max(shared_lengths, default=0)

    def feed(self, chunk: bytes) -> None:
        self._scan(self.chunks.cut(chunk))

    def _scan(self, data: bytes) -> None:
        if not self.valid or not data:
            return
        rows = _CELL_ROW.findall(data)
        if b"" in rows or b"<![CDATA[" in data or _PREFIXED.search(data):
            self.valid = False
            return
        if rows:
            self.rows = max(self.rows, int(max(map(bytes.rjust, rows, repeat(7), repeat(b"0")))))
            self.letters.update(_CELL_COLUMN.findall(data))
        self.text += self._shared(data) if len(self.table) > 1 else 0
        self.text += self._text(data) if self.precise else _characters((data,)) - _LEAST_MARKUP * len(rows)

    def _shared(self, data: bytes) -> int:
        found = _VALUE.findall(data)
        if not found:
            return 0
        tags, texts = zip(*found, strict=True)
        numbers = [text for text in texts if text.isdigit() and len(text) < 12]
        last = len(self.table) - 1
        picked = sum(map(self.table.__getitem__, map(min, map(int, numbers), repeat(last))))
        unread = tags.count(b"")
        return picked + (len(texts) - texts.count(b"") - len(numbers)) * self.first + unread * self.longest

    def _text(self, data: bytes) -> int:
        """The characters of every <t> and <v> in the chunk; invalid when one cannot be read."""
        total = 0
        for pattern in (_TEXT, _VALUE):
            found = pattern.findall(data)
            if found:
                tags, texts = zip(*found, strict=True)
                if b"" in tags:
                    self.valid = False
                total += _characters(texts)
        return total

    def finish(self) -> None:
        self._scan(self.chunks.rest())
        if self.chunks.overflow:
            self.valid = False

    @property
    def columns(self) -> int:
        return max((_column(letters.decode("ascii")) + 1 for letters in self.letters), default=0)


class _Scan:
    """An expat scan fed chunk by chunk; the subclass says what to count."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.parser = xml_parser(name)
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        raise NotImplementedError

    def _end(self, tag: str) -> None:
        raise NotImplementedError

    def _text(self, data: str) -> None:
        raise NotImplementedError

    def feed(self, chunk: bytes) -> None:
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError:
            raise unreadable(self.name) from None

    def finish(self) -> None:
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError:
            raise unreadable(self.name) from None


class SharedStringLengths(_Scan):
    """The length of every shared string, exactly, for the exact sheet scan."""

    def __init__(self, name: str, lengths: array[int]) -> None:
        super().__init__(name)
        self.lengths = lengths
        self.current = -1  # length of the open <si>, -1 outside one

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition(":")[2] == "si":
            self.current = 0
            if len(self.lengths) >= limits.MAX_SHARED_STRINGS:
                raise too_many_shared_strings(self.name)

    def _end(self, tag: str) -> None:
        if tag.rpartition(":")[2] == "si":
            self.lengths.append(self.current)
            self.current = -1

    def _text(self, data: str) -> None:
        if self.current >= 0:
            self.current += len(data)


class XlsxSheetScan(_Scan):
    """rows × columns of the grid python-calamine returns for an .xlsx worksheet (from A1 to its
    furthest cell holding a value) and the characters of text its cells will hold, shared
    strings counted once per cell that uses them (calamine copies them into every cell)."""

    def __init__(self, name: str, shared_lengths: array[int]) -> None:
        super().__init__(name)
        self.shared = shared_lengths
        self.rows = 0
        self.columns = 0
        self.text = 0
        # calamine's running position, for cells and rows written without r="..."
        self.row_index = 0
        self.column_index = 0
        self.row_at = -1  # byte index of the open <row>'s tag, to tell <row/> from <row></row>
        self.cell_at = -1
        self.cell: tuple[int, int] | None = None
        self.cell_type = "n"
        self.has_value = False
        self.value: list[str] | None = None  # text of <v> or of an inline string's <t>

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "row":
            self.row_at = self.parser.CurrentByteIndex
            r = attrs.get("r")
            if r is not None:
                self.row_index = int(r) - 1 if r.isdigit() and len(r) < 10 else _FAR
        elif local == "c":
            self.cell_at = self.parser.CurrentByteIndex
            r = attrs.get("r")
            found = _REF.fullmatch(r) if r is not None else None
            if found:
                self.cell = (int(found.group(2)) - 1, _column(found.group(1)))
                self.column_index = self.cell[1]
            elif r is not None:
                self.cell = (_FAR, _FAR)
            else:
                self.cell = (self.row_index, self.column_index)
            self.cell_type = attrs.get("t", "n")
            self.has_value = False
            self.value = None
        elif self.cell is not None and local in ("v", "is"):
            self.has_value = True
            if local == "v":
                self.value = []
        elif self.cell is not None and local == "t":
            self.value = self.value if self.value is not None else []

    def _end(self, tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local == "c" and self.cell is not None:
            # <c .../> is an empty element, which calamine skips without moving on a column
            if self.parser.CurrentByteIndex != self.cell_at:
                if self.has_value:
                    self._count(*self.cell)
                self.column_index += 1
            self.cell = None
        elif local == "row":
            if self.parser.CurrentByteIndex != self.row_at:
                self.row_index += 1
                self.column_index = 0

    def _count(self, row: int, column: int) -> None:
        self.rows = max(self.rows, row + 1)
        self.columns = max(self.columns, column + 1)
        text = "".join(self.value or ())
        if self.cell_type != "s":
            self.text += len(text)
        elif text:  # calamine reads an index it cannot parse as 0, the first string
            index = int(text) if text.isascii() and text.isdigit() and len(text) < 12 else 0
            self.text += self.shared[index] if index < len(self.shared) else 0

    def _text(self, data: str) -> None:
        if self.value is not None:
            self.value.append(data)


class OdsScan(_Scan):
    """For an .ods, which calamine reads whole on opening: the first table's grid (from A1, as
    python-calamine returns it), and over every table the cells calamine holds and the text it
    copies into repeated cells (number-rows-repeated × number-columns-repeated, text:s spaces)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.tables = 0
        self.first_rows = 0
        self.first_columns = 0
        self.cells = 0
        self.text = 0
        self._in_table = False
        self._row_start = 0  # rows above the open row, repeats included
        self._row_repeats = 1
        self._row_end_column = 0  # after the open row's last cell with a value
        self._row_text = 0
        self._table_rows = 0
        self._table_columns = 0
        self._column = 0
        self._cell_repeats = 1
        self._cell_value = False
        self._cell_text = -1  # -1 outside a cell

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "table:table":
            self._in_table = True
            self.tables += 1
            self._row_start = self._table_rows = self._table_columns = 0
        elif not self._in_table:
            return
        elif tag == "table:table-row":
            self._row_repeats = _count(attrs.get("table:number-rows-repeated"))
            self._row_end_column = self._column = self._row_text = 0
        elif tag in ("table:table-cell", "table:covered-table-cell"):
            self._cell_repeats = _count(attrs.get("table:number-columns-repeated"))
            self._cell_value = (any(a in attrs for a in _ODS_VALUE_ATTRS)
                                or attrs.get("office:value-type") == "string")
            self._cell_text = sum(len(attrs.get(a, "")) for a in _ODS_VALUE_ATTRS[1:4])
        elif tag == "text:s" and self._cell_text >= 0:
            self._cell_text += _count(attrs.get("text:c"))
        elif tag == "text:p" and self._cell_text >= 0:
            self._cell_text += 1  # the line break between paragraphs

    def _end(self, tag: str) -> None:
        if not self._in_table:
            return
        if tag in ("table:table-cell", "table:covered-table-cell") and self._cell_text >= 0:
            self._column = min(self._column + self._cell_repeats, _FAR)
            if self._cell_value or self._cell_text > 0:
                self._row_end_column = self._column
                self._row_text += self._cell_text * self._cell_repeats
            self._cell_text = -1
        elif tag == "table:table-row":
            self._row_start = min(self._row_start + self._row_repeats, _FAR)
            if self._row_end_column:
                self._table_rows = self._row_start
                self._table_columns = max(self._table_columns, self._row_end_column)
                self.text += self._row_text * self._row_repeats
            self.cells += min(self._row_end_column, _ODS_MAX_COLUMNS)
        elif tag == "table:table":
            self._in_table = False
            self.cells += self._table_rows * self._table_columns
            if self.tables == 1:
                self.first_rows, self.first_columns = self._table_rows, self._table_columns

    def _text(self, data: str) -> None:
        if self._cell_text >= 0:
            self._cell_text += len(data)


def _count(value: str | None) -> int:
    """A repeat count; one that is not a number is taken as 1 (calamine refuses the file)."""
    if value is None:
        return 1
    value = value.strip()
    return min(int(value), _FAR) if value.isdigit() and len(value) < 12 else 1
