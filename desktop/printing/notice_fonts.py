"""The faces a notice is set in: 仿宋 body, 小标宋 (or 黑体) title, 黑体 and 楷体 headings.

GB/T 9704-2012 sets the body in 仿宋. Where no 仿宋 is installed (a Debian PC, most Linux) the
whole body — paragraphs, headings, addressee, signature and table — takes ONE fallback face,
so a page never mixes a Ming body with Hei and Kai headings; the 黑体 / 楷体 heading faces are
used only beside a real 仿宋, as the standard means them. A font chosen in 单位信息设置 is the
body face; the title still takes 小标宋 or 黑体 where installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.printing.fonts import (
    BODY_CANDIDATES,
    HEADING_CANDIDATES,
    INSTALL_HINT,
    KAI_CANDIDATES,
    Face,
    FontNotFound,
    face_matches,
    find_face,
    is_embeddable,
    read_faces,
    resolve_font,
)

NOTICE_BODY, NOTICE_TITLE, NOTICE_HEI, NOTICE_KAI = "CDNoticeBody", "CDNoticeTitle", "CDNoticeHei", "CDNoticeKai"

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
    def title_name(self) -> str:
        return NOTICE_BODY if self.title == self.body else NOTICE_TITLE

    @property
    def level1_name(self) -> str:
        """一、 headings and table headers: 黑体 beside 仿宋, the body face otherwise."""
        return NOTICE_HEI if self.fangsong and self.hei != self.body else NOTICE_BODY

    @property
    def level2_name(self) -> str:
        return NOTICE_KAI if self.fangsong and self.kai != self.body else NOTICE_BODY


def _first_file(candidates: list[str]) -> Face | None:
    for candidate in candidates:
        path = resolve_font(candidate)
        if path.exists() and is_embeddable(path):
            faces = read_faces(path)
            return faces[0] if faces else Face(path)
    return None


def find_notice_fonts(chosen: Path | None = None, dirs: tuple[Path, ...] | None = None) -> NoticeFonts:
    """The notice's faces; `dirs` replaces the system font folders (tests)."""
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


_registered: NoticeFonts | None = None


def register_notice_fonts(chosen: Path | None = None, dirs: tuple[Path, ...] | None = None) -> NoticeFonts:
    """Register the notice faces with ReportLab (again only when the choice changes)."""
    global _registered
    fonts = find_notice_fonts(chosen, dirs)
    if fonts != _registered:
        for name, face in ((NOTICE_BODY, fonts.body), (NOTICE_TITLE, fonts.title), (NOTICE_HEI, fonts.hei),
                           (NOTICE_KAI, fonts.kai)):
            if name == NOTICE_BODY or face != fonts.body:  # a face the body already is stays unused
                pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
        _registered = fonts
    return fonts


__all__ = ["NOTICE_BODY", "NOTICE_HEI", "NOTICE_KAI", "NOTICE_TITLE", "NoticeFonts", "find_notice_fonts",
           "register_notice_fonts"]
