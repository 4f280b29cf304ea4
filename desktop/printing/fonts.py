"""Finding and registering a Chinese TrueType font that ReportLab can embed.

ReportLab embeds TrueType outlines only: CFF/OpenType fonts (Noto CJK, Source Han) fail with
"postscript outlines are not supported", and the built-in STSong-Light is not embedded, so
some viewers print it blank. We look, in order, at a font file chosen in the settings, then
the system's Song/FangSong faces for body text and Hei faces for headings, and say clearly
what to install when nothing usable exists.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import shapes
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

BODY, HEADING, KAI = "CDBody", "CDHeading", "CDKai"


class FontNotFound(Exception):
    """No embeddable Chinese font; str() tells the office what to install."""


@dataclass(frozen=True)
class FontChoice:
    body: Path
    heading: Path
    kai: Path  # 楷体 for second-level headings of notices; the body font where there is none


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


def _resolve(candidate: str) -> Path:
    path = Path(candidate)
    return path if path.is_absolute() else _windows_fonts() / candidate


def is_embeddable(path: Path) -> bool:
    """A TrueType file (or collection) ReportLab can subset and embed."""
    try:
        TTFont("probe", str(path), subfontIndex=0)
    except (TTFError, OSError, ValueError):
        return False
    return True


def _first(candidates: list[str], chosen: Path | None) -> Path | None:
    if chosen is not None and chosen.exists() and is_embeddable(chosen):
        return chosen
    for candidate in candidates:
        path = _resolve(candidate)
        if path.exists() and is_embeddable(path):
            return path
    return None


def find_fonts(chosen: Path | None = None) -> FontChoice:
    """The body and heading fonts to use; a font chosen in the settings wins for both."""
    body = _first(BODY_CANDIDATES, chosen)
    heading = _first(HEADING_CANDIDATES, chosen) or body
    if body is None or heading is None:
        raise FontNotFound(INSTALL_HINT)
    return FontChoice(body=body, heading=heading, kai=_first(KAI_CANDIDATES, None) or body)


_registered: FontChoice | None = None


def register_fonts(chosen: Path | None = None) -> FontChoice:
    """Register BODY and HEADING with ReportLab (once per process and choice)."""
    global _registered
    choice = find_fonts(chosen)
    if choice != _registered:
        pdfmetrics.registerFont(TTFont(BODY, str(choice.body), subfontIndex=0))
        pdfmetrics.registerFont(TTFont(HEADING, str(choice.heading), subfontIndex=0))
        pdfmetrics.registerFont(TTFont(KAI, str(choice.kai), subfontIndex=0))
        # Charts start from this default font; left as Helvetica it is listed unembedded.
        shapes.STATE_DEFAULTS["fontName"] = BODY
        _registered = choice
    return choice


__all__ = ["BODY", "HEADING", "KAI", "FontChoice", "FontNotFound", "find_fonts", "is_embeddable", "register_fonts"]
