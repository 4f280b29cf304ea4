"""Matching the organisations and grids a ledger names to the ones already registered.

Offices write the same branch many ways: 离退休党员党支部 for 离退休党支部, 第1支部 for 第一党支部,
中共幸福社区第一党支部, with full-width spaces in between. A name is first looked up as it is;
failing that, by a loose key that drops what varies (spaces, 中共, the community's name in front,
党员, 党 before 支部/小组, numerals written either way). A loose key that points at exactly one
record is a near match, which the window shows for confirmation; anything else is missing and
is never created unless staff say so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_DIGITS = "零一二三四五六七八九"


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as a number (enough for branch, group and grid numbers)."""
    if not text or any(ch not in _DIGITS + "十两" for ch in text):
        return None
    text = text.replace("两", "二")
    if "十" not in text:
        return int("".join(str(_DIGITS.index(ch)) for ch in text)) if len(text) <= 3 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in tens + ones:  # 九十九九, 十十 are no numbers
        return None
    return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)


def _numerals(text: str) -> str:
    """Numbers after 第 (and before 支部/小组/网格) in Arabic digits, without leading zeros."""
    def arabic(m: re.Match[str]) -> str:
        value = chinese_number(m.group(1))
        return str(value) if value is not None else m.group(1)
    text = re.sub(r"([零一二三四五六七八九十两]+)(?=(?:党)?(?:支部|小组|网格|总支))", arabic, text)
    text = re.sub(r"(?<=第)([零一二三四五六七八九十两]+)", arabic, text)
    return re.sub(r"\d+", lambda m: m.group(0).lstrip("0") or "0", text)


def org_key(name: str) -> str:
    """A party organisation's name with what offices vary taken out."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", name))
    text = re.sub(r"^(中国共产党|中共)", "", text)
    text = text.replace("党员", "").replace("党支部", "支部").replace("党小组", "小组").replace("党总支", "总支")
    return _numerals(text)


def grid_key(code: str) -> str:
    """A grid number with case, separators and leading zeros taken out (WG-01 ~ wg01 ~ WG1)."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", code)).upper()
    text = re.sub(r"[-_.·/]", "", text).replace("网格", "")
    return _numerals(text)


@dataclass(frozen=True)
class Match:
    id: int
    name: str
    near: bool  # found by the loose key, not the exact name


_COMMUNITY = re.compile(r"^(?:中国共产党|中共)?(.{1,20}?社区)")


class NameIndex:
    """The registered names of one kind, looked up exactly and then loosely.

    The community's own name in front (幸福社区第一党支部 for 第一党支部) is dropped only when it
    is the name of a registered organisation's community: another community's 第一党支部 is not ours.
    """

    def __init__(self, names: dict[str, int], key=org_key) -> None:  # type: ignore[no-untyped-def]
        self.base_key = key
        self.by_name = dict(names)
        self.communities = {m.group(1) for name in names if (m := _COMMUNITY.match(name))}
        self.by_key: dict[str, list[str]] = {}
        for name in names:
            self.by_key.setdefault(self.key(name), []).append(name)

    def key(self, name: str) -> str:
        text = _SPACES.sub("", unicodedata.normalize("NFKC", name))
        m = _COMMUNITY.match(text)
        if m and m.group(1) in self.communities and len(text) > m.end():
            text = text[m.end():]
        return self.base_key(text)

    def find(self, name: str) -> Match | None:
        if name in self.by_name:
            return Match(self.by_name[name], name, False)
        same = self.by_key.get(self.key(name), [])
        if len(same) == 1:
            return Match(self.by_name[same[0]], same[0], True)
        return None

    def add(self, name: str, record_id: int) -> None:
        self.by_name[name] = record_id
        self.by_key.setdefault(self.key(name), []).append(name)
