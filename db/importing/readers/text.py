"""Telling which text encoding a ledger saved as text uses: byte-order marks, UTF-16 without
one (told by where its NUL bytes fall), and the charset labels of HTML and XML headers."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Labels seen on files from Chinese offices and government systems. GB2312 and GBK are read as
# GB18030, their superset: files labelled gb2312 routinely hold characters only GBK has.
_CHINESE = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "csgb2312", "cp936", "ms936", "windows-936",
            "euc-cn", "gb18030"}

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


def bom_encoding(head: bytes) -> str | None:
    """The codec for a file starting with a byte-order mark (the codec also drops the mark)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def bom_length(head: bytes) -> int:
    for bom, _ in _BOMS:
        if head.startswith(bom):
            return len(bom)
    return 0


def utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 LE or BE told by its NUL bytes: the digits, tabs and line ends of a ledger are ASCII,
    whose high byte is 0, on the same side of every pair. UTF-8 and GBK text never holds a NUL."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
    if odd >= pairs // 10 + 1 and even * 10 <= odd:
        return "utf-16-le"
    if even >= pairs // 10 + 1 and odd * 10 <= even:
        return "utf-16-be"
    return None


def python_codec(label: str) -> str | None:
    """The Python codec for a charset label, or None when Python has no such codec."""
    label = label.strip().lower()
    if label in _CHINESE:
        return "gb18030"
    if label == "unicode":  # what Microsoft writes for UTF-16
        return "utf-16"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(head: bytes) -> str | None:
    """The charset label of an XML declaration or an HTML meta tag in the first bytes, if any."""
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def text_candidates(head: bytes, declared: str | None = None) -> list[str]:
    """Encodings to try, most likely first. A stray NUL does not rule out UTF-8 or GBK: a cell
    copied from another program can hold one, and the importer reports that row alone."""
    encoding = bom_encoding(head)
    if encoding:
        return [encoding]
    encoding = utf16_without_bom(head)
    if encoding:
        return [encoding]
    candidates = []
    codec = python_codec(declared) if declared else None
    if codec and not codec.startswith("utf-16") and not codec.startswith("utf-32"):
        candidates.append("utf-8-sig" if codec == "utf-8" else codec)
    for codec in ("utf-8-sig", "gb18030"):
        if codec not in candidates:
            candidates.append(codec)
    return candidates
