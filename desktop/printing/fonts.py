"""Finding and registering a Chinese TrueType font that ReportLab can embed.

ReportLab embeds TrueType outlines only: CFF/OpenType fonts (Noto CJK, Source Han) fail with
"postscript outlines are not supported", and the built-in STSong-Light is not embedded, so
some viewers print it blank. We look, in order, at a font file chosen in the settings, then
the system's Song/FangSong faces for body text and Hei faces for headings, and say clearly
what to install when nothing usable exists.

Notices need named faces (仿宋, 小标宋, 黑体, 楷体) wherever the office installed them, under any
file name: `installed_faces` reads the family names out of each TrueType file's name table.
"""

from __future__ import annotations

import copy
import os
import re
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab.graphics import shapes
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFError, TTFont

BODY, HEADING = "CDBody", "CDHeading"


class FontNotFound(Exception):
    """No embeddable Chinese font; str() tells the office what to install."""


@dataclass(frozen=True)
class FontChoice:
    body: Path
    heading: Path


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


# Song / FangSong faces first for body text (公文 use 仿宋), Hei faces first for headings.
BODY_CANDIDATES = [
    "simfang.ttf", "simsun.ttc", "simsun.ttf", "simkai.ttf",  # Windows 仿宋, 宋体, 楷体
    "/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/System/Library/Fonts/Supplemental/STFangsong.ttf", "/Library/Fonts/Songti.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "simhei.ttf", "msyh.ttc", "msyh.ttf",
]
KAI_CANDIDATES = ["simkai.ttf", "/usr/share/fonts/truetype/arphic/ukai.ttc",
                  "/System/Library/Fonts/Supplemental/Kaiti.ttc"]
HEADING_CANDIDATES = [
    "simhei.ttf", "msyh.ttc", "msyh.ttf",  # Windows 黑体, 微软雅黑
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc", "/System/Library/Fonts/Supplemental/Songti.ttc",
]

INSTALL_HINT = ("没有找到可嵌入 PDF 的中文 TrueType 字体。Windows 请确认系统装有仿宋、宋体或黑体"
                "（simfang.ttf / simsun.ttc / simhei.ttf）；Debian/Ubuntu 请安装 fonts-wqy-microhei"
                "（sudo apt-get install fonts-wqy-microhei）；也可以在“设置”中指定一个 .ttf/.ttc 字体文件。")


def resolve_font(candidate: str) -> Path:
    """A candidate as a path: bare file names are in the Windows fonts folder."""
    path = Path(candidate)
    return path if path.is_absolute() else _windows_fonts() / candidate


@lru_cache(maxsize=16)
def _parsed(path: str, index: int, _changed: float) -> TTFont | None:
    """The face at `index` of a TrueType file, parsed once per file version (a Chinese font
    takes ReportLab 0.2 s to read; a summary used to read the same file nine times, probing
    the candidates and registering three names); None when ReportLab cannot embed it."""
    try:
        return TTFont("probe", path, subfontIndex=index)
    except (TTFError, OSError, ValueError):
        return None


def parsed_font(path: Path, index: int = 0) -> TTFont | None:
    try:
        changed = path.stat().st_mtime
    except OSError:
        return None
    return _parsed(str(path), index, changed)


def is_embeddable(path: Path, index: int = 0) -> bool:
    """A TrueType file (or collection) ReportLab can subset and embed."""
    return parsed_font(path, index) is not None


def font_named(name: str, path: Path, index: int = 0) -> TTFont:
    """A font to register as `name`, sharing the parsed file (read-only) with every other
    name on the same face; what ReportLab keeps per font name and document (the subsets
    and encoding it builds while writing) is its own."""
    parsed = parsed_font(path, index)
    if parsed is None:
        return TTFont(name, str(path), subfontIndex=index)  # raises what ReportLab found wrong
    font = copy.copy(parsed)
    font.fontName = name
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    return font


def _first(candidates: list[str], chosen: Path | None) -> Path | None:
    if chosen is not None and chosen.exists() and is_embeddable(chosen):
        return chosen
    for candidate in candidates:
        path = resolve_font(candidate)
        if path.exists() and is_embeddable(path):
            return path
    return None


def find_fonts(chosen: Path | None = None) -> FontChoice:
    """The body and heading fonts to use; a font chosen in the settings wins for both."""
    body = _first(BODY_CANDIDATES, chosen)
    heading = _first(HEADING_CANDIDATES, chosen) or body
    if body is None or heading is None:
        raise FontNotFound(INSTALL_HINT)
    return FontChoice(body=body, heading=heading)


_registered: FontChoice | None = None


def register_fonts(chosen: Path | None = None) -> FontChoice:
    """Register BODY and HEADING with ReportLab (once per process and choice)."""
    global _registered
    choice = find_fonts(chosen)
    if choice != _registered:
        pdfmetrics.registerFont(font_named(BODY, choice.body))
        pdfmetrics.registerFont(font_named(HEADING, choice.heading))
        # Charts start from this default font; left as Helvetica it is listed unembedded.
        shapes.STATE_DEFAULTS["fontName"] = BODY
        _registered = choice
    return choice


@dataclass(frozen=True)
class Face:
    """One face of a TrueType file (a .ttc holds several) and the names it gives itself."""

    path: Path
    index: int = 0
    names: tuple[str, ...] = ()


def font_dirs() -> list[Path]:
    """Where Windows, macOS and Linux keep fonts, system-wide and per user."""
    home = Path.home()
    local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
    return [_windows_fonts(), local / "Microsoft" / "Windows" / "Fonts",  # per-user installs since Windows 10
            Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts", home / ".local/share/fonts",
            Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]


_NAME_IDS = (1, 4, 16)  # family, full name, typographic family


def _decode(platform: int, encoding: int, raw: bytes) -> str | None:
    if platform in (0, 3):
        return raw.decode("utf-16-be", "ignore")
    if platform == 1:
        return raw.decode("gb2312" if encoding == 25 else "mac_roman", "ignore")
    return None


def read_faces(path: Path) -> list[Face]:
    """The TrueType faces in a .ttf/.ttc with their family and full names (English and Chinese).

    Only the headers and the name table are read, so a folder of large CJK fonts is scanned in
    moments. CFF-flavoured faces ("OTTO") are left out: ReportLab cannot embed them."""
    faces: list[Face] = []
    try:
        with path.open("rb") as f:
            head = f.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                offsets: Sequence[int] = struct.unpack(f">{count}I", f.read(4 * count))
            else:
                offsets = (0,)
            for index, offset in enumerate(offsets):
                f.seek(offset)
                sfnt = f.read(12)
                if sfnt[:4] not in (b"\x00\x01\x00\x00", b"true"):
                    continue
                num_tables = struct.unpack(">H", sfnt[4:6])[0]
                directory = f.read(16 * num_tables)
                tables = {directory[i:i + 4]: struct.unpack(">II", directory[i + 8:i + 16])
                          for i in range(0, len(directory) - 15, 16)}
                if b"glyf" not in tables or b"name" not in tables:
                    continue
                name_offset, name_length = tables[b"name"]
                f.seek(name_offset)
                data = f.read(name_length)
                _, records, strings = struct.unpack(">HHH", data[:6])
                names: list[str] = []
                for r in range(records):
                    platform, encoding, _, name_id, length, start = struct.unpack(">6H", data[6 + 12 * r:18 + 12 * r])
                    if name_id in _NAME_IDS:
                        name = _decode(platform, encoding, data[strings + start:strings + start + length])
                        if name and name.strip() and name.strip() not in names:
                            names.append(name.strip())
                faces.append(Face(path, index, tuple(names)))
    except (OSError, struct.error, ValueError):
        return faces
    return faces


@lru_cache(maxsize=4)
def installed_faces(dirs: tuple[Path, ...] | None = None) -> tuple[Face, ...]:
    """Every TrueType face in the font folders, in a stable order (read once per process)."""
    found: list[Face] = []
    for folder in dirs if dirs is not None else tuple(font_dirs()):
        if not folder.is_dir():
            continue
        for root, _, files in os.walk(folder):
            for name in sorted(files):
                if name.lower().endswith((".ttf", ".ttc")):
                    found += read_faces(Path(root) / name)
    return tuple(sorted(found, key=lambda face: (str(face.path).lower(), face.index)))


def name_key(name: str) -> str:
    """"FangSong_GB2312", "fangsong gb2312" and "FangSong-GB2312" compare equal."""
    return re.sub(r"[\s_\-]", "", name).lower()


def face_matches(face: Face, patterns: Iterable[str]) -> bool:
    keys = [name_key(n) for n in face.names]
    return any(name_key(p) in k for p in patterns for k in keys)


def find_face(patterns: Sequence[str], dirs: tuple[Path, ...] | None = None) -> Face | None:
    """The first installed, embeddable face whose family or full name contains a pattern;
    earlier patterns win ("仿宋_GB2312" before any "仿宋")."""
    faces = installed_faces(dirs)
    for pattern in patterns:
        for face in faces:
            if face_matches(face, [pattern]) and is_embeddable(face.path, face.index):
                return face
    return None


__all__ = ["BODY", "HEADING", "Face", "FontChoice", "FontNotFound", "face_matches", "find_face", "find_fonts",
           "font_dirs", "installed_faces", "is_embeddable", "name_key", "read_faces", "register_fonts", "resolve_font"]
