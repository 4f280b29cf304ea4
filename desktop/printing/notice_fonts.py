"""The faces a notice is set in: 仿宋 body, 小标宋 (or 黑体) title, 黑体 and 楷体 headings.

GB/T 9704-2012 sets the body in 仿宋. Where no 仿宋 is installed (a Debian PC, most Linux) the
whole body — paragraphs, headings, addressee, signature and table — takes ONE fallback face,
so a page never mixes a Ming body with Hei and Kai headings; the 黑体 / 楷体 heading faces are
used only beside a real 仿宋, as the standard means them. A font chosen in 单位信息设置 is the
body face; the title still takes 小标宋 or 黑体 where installed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from desktop.printing.fonts import (
    BODY_CANDIDATES,
    HEADING_CANDIDATES,
    INSTALL_HINT,
    KAI_CANDIDATES,
    Face,
    FontNotFound,
    face_matches,
    find_face,
    font_named,
    is_embeddable,
    read_faces,
    resolve_font,
)

# Family names as fonts spell them (Chinese or English), most specific first.
FANGSONG = ["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"]  # also FZFangSong, STFangsong
XIAOBIAOSONG = ["小标宋", "XiaoBiaoSong"]  # 方正小标宋 FZXiaoBiaoSong-B05S
HEITI = ["黑体", "SimHei", "FZHei", "Heiti"]
KAITI = ["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "FZKai"]

# Without 仿宋: a Song face where the system has one (Windows, macOS), else the Hei faces Debian
# installs (fonts-wqy-microhei), which also set the title, so the page keeps one look.
FALLBACK_CANDIDATES = [
    "simsun.ttc", "simsun.ttf", "/System/Library/Fonts/Supplemental/Songti.ttc", "/Library/Fonts/Songti.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    *BODY_CANDIDATES,
]


@dataclass(frozen=True)
class NoticeFonts:
    body: Face
    title: Face
    hei: Face
    kai: Face
    fangsong: bool  # the body is a real 仿宋, so 一、 and （一） headings take 黑体 and 楷体

    @property
    def body_name(self) -> str:
        return font_name(self.body)

    @property
    def title_name(self) -> str:
        return font_name(self.title)

    @property
    def level1_name(self) -> str:
        """一、 headings and table headers: 黑体 beside 仿宋, the body face otherwise."""
        return font_name(self.hei if self.fangsong else self.body)

    @property
    def level2_name(self) -> str:
        return font_name(self.kai if self.fangsong else self.body)


def font_name(face: Face) -> str:
    """ReportLab's name for a face, one per file and index: ReportLab silently keeps the first
    font registered under a name, so a name is never reused for another face."""
    digest = hashlib.sha1(f"{face.path}|{face.index}".encode()).hexdigest()[:12]
    return f"CDNotice-{digest}"


def _first_file(candidates: list[str]) -> Face | None:
    for candidate in candidates:
        path = resolve_font(candidate)
        if path.exists() and is_embeddable(path):
            faces = read_faces(path)
            return faces[0] if faces else Face(path)
    return None


@lru_cache(maxsize=8)
def find_notice_fonts(chosen: Path | None = None, dirs: tuple[Path, ...] | None = None) -> NoticeFonts:
    """The notice's faces; `dirs` replaces the system font folders (tests). Read once per
    process and choice: checking a CJK font embeds takes a tenth of a second or more."""
    body: Face | None = None
    if chosen is not None and chosen.exists() and is_embeddable(chosen):
        faces = read_faces(chosen)
        body = faces[0] if faces else Face(chosen)
    body = body or find_face(FANGSONG, dirs) or _first_file(FALLBACK_CANDIDATES)
    if body is None:
        raise FontNotFound(INSTALL_HINT)
    fangsong = face_matches(body, FANGSONG)
    hei = find_face(HEITI, dirs) or _first_file(HEADING_CANDIDATES) or body
    title = find_face(XIAOBIAOSONG, dirs) or hei
    kai = (find_face(KAITI, dirs) or _first_file(KAI_CANDIDATES) or body) if fangsong else body
    return NoticeFonts(body=body, title=title, hei=hei if fangsong else body, kai=kai, fangsong=fangsong)


def register_notice_fonts(chosen: Path | None = None, dirs: tuple[Path, ...] | None = None) -> NoticeFonts:
    """Find the notice faces and register those ReportLab does not know yet."""
    fonts = find_notice_fonts(chosen, dirs)
    for face in {fonts.body, fonts.title, fonts.hei, fonts.kai}:
        if font_name(face) not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(font_named(font_name(face), face.path, face.index))
    return fonts


__all__ = ["NoticeFonts", "find_notice_fonts", "font_name", "register_notice_fonts"]
