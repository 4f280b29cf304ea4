"""Search keys for names: full pinyin and initials, with the surname's special readings.

Staff search the way they type on a Chinese keyboard: `zs` or `zhangsan` for 张三. The keys
are computed once per save and stored (Person.search_text), so a search is one indexed-column
LIKE in SQL. Surnames often read differently from the same character elsewhere (单 shan,
曾 zeng, 解 xie), so the first character(s) use a surname table, and both readings are kept
where people are unsure.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin, pinyin

from db.validation import clean_text

MAX_READINGS = 8
SEPARATOR = "|"

COMPOUND_SURNAMES = {
    "欧阳": ["ouyang"], "司马": ["sima"], "诸葛": ["zhuge"], "上官": ["shangguan"], "东方": ["dongfang"],
    "皇甫": ["huangfu"], "尉迟": ["yuchi"], "公孙": ["gongsun"], "慕容": ["murong"], "长孙": ["zhangsun"],
    "宇文": ["yuwen"], "司徒": ["situ"], "夏侯": ["xiahou"], "令狐": ["linghu"], "端木": ["duanmu"],
    "轩辕": ["xuanyuan"], "独孤": ["dugu"], "南宫": ["nangong"], "万俟": ["moqi"], "闻人": ["wenren"],
    "申屠": ["shentu"], "澹台": ["tantai"], "钟离": ["zhongli"], "公冶": ["gongye"], "太史": ["taishi"],
    "百里": ["baili"], "单于": ["chanyu"], "呼延": ["huyan"], "赫连": ["helian"],
}

# Surname readings first; a second entry is the everyday reading people may type instead.
SURNAMES = {
    "单": ["shan", "dan"], "曾": ["zeng", "ceng"], "解": ["xie", "jie"], "仇": ["qiu", "chou"],
    "区": ["ou", "qu"], "查": ["zha", "cha"], "朴": ["piao", "pu"], "盖": ["ge", "gai"], "万": ["wan"],
    "覃": ["qin", "tan"], "缪": ["miao", "mou"], "翟": ["zhai", "di"], "乐": ["yue", "le"], "任": ["ren"],
    "华": ["hua"], "纪": ["ji"], "种": ["chong", "zhong"], "繁": ["po", "fan"], "折": ["she", "zhe"],
    "那": ["na"], "秘": ["bi", "mi"], "冼": ["xian"], "员": ["yun", "yuan"], "句": ["gou", "ju"],
    "重": ["chong", "zhong"], "柏": ["bai", "bo"], "沈": ["shen"], "尉": ["yu", "wei"], "祭": ["zhai", "ji"],
    "能": ["nai", "neng"], "贲": ["ben", "bi"], "宁": ["ning"], "石": ["shi"], "长": ["chang", "zhang"],
    "薄": ["bo"], "褚": ["chu"], "都": ["du"], "藏": ["zang", "cang"], "阚": ["kan"], "召": ["shao", "zhao"],
    "隗": ["wei", "kui"], "哈": ["ha"], "葛": ["ge"], "蔺": ["lin"], "过": ["guo"], "朝": ["chao", "zhao"],
}

_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class NameKeys:
    full: tuple[str, ...]
    initials: tuple[str, ...]


@lru_cache(maxsize=20000)
def _char_options(ch: str) -> tuple[str, ...]:
    """A character's readings, the most common first (cached: names draw on few characters)."""
    if ch in "·•・‧":
        return ("",)  # the dot in 阿依古丽·买买提 is not typed when searching
    if not _HAN.match(ch):
        return (ch.lower(),)
    first = lazy_pinyin(ch, style=Style.NORMAL)[0]
    others = [a for a in pinyin(ch, style=Style.NORMAL, heteronym=True)[0][:3] if a != first][:2]
    return tuple(o.replace("ü", "v") for o in (first, *others))


def _char_readings(text: str) -> list[list[str]]:
    """Per character, its readings: the most common one first, then other heteronyms.

    Character by character rather than phrase-aware: a name is not a phrase, and this makes
    the keys of 50,000 imported names a matter of dictionary look-ups.
    """
    return [list(_char_options(ch)) for ch in text]


def _split_surname(name: str) -> tuple[list[list[str]], str]:
    """Readings for the surname part (as one unit per syllable) and the rest of the name."""
    for compound, readings in COMPOUND_SURNAMES.items():
        if name.startswith(compound) and len(name) > len(compound):
            return [[r] for r in readings], name[len(compound):]
    if name[:1] in SURNAMES and len(name) > 1:
        return [SURNAMES[name[0]]], name[1:]
    return [], name


@lru_cache(maxsize=65536)  # names repeat, and pinyin lookup is the slow part of an import
def name_keys(name: str) -> NameKeys:
    """Full readings and initials of a name, the main reading first, at most MAX_READINGS."""
    words = re.findall(r"[A-Za-z]+", clean_text(name))
    name = clean_text(name).replace(" ", "")
    if not name:
        return NameKeys((), ())
    if not _HAN.search(name):
        latin = "".join(words).lower() or name.lower()
        return NameKeys((latin,), ("".join(w[0] for w in words).lower() or latin[:1],))
    surname, rest = _split_surname(name)
    # A compound surname is one unit with a multi-syllable reading.
    per_unit: list[list[str]] = [*surname, *(_char_readings(rest) if rest else [])]
    full: list[str] = []
    initials: list[str] = []
    for combo in itertools.islice(itertools.product(*per_unit), MAX_READINGS):
        full.append("".join(combo))
        initials.append("".join(_initials_of(unit, reading) for unit, reading in zip(per_unit, combo, strict=True)))
    return NameKeys(tuple(dict.fromkeys(full)), tuple(dict.fromkeys(initials)))


def _initials_of(unit: list[str], reading: str) -> str:
    """Initial letters of a unit: one per syllable for a compound surname (欧阳 → oy)."""
    for compound_readings in COMPOUND_SURNAMES.values():
        if unit is compound_readings or unit == compound_readings:
            return "".join(s[0] for s in _syllables(reading))
    return reading[:1]


def _syllables(reading: str) -> list[str]:
    """Split a known compound-surname reading into syllables (only used for those)."""
    parts = re.findall(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv]+(?:ng|n(?![aeiouv])|r(?![aeiouv]))?", reading)
    return parts or [reading]


def search_text(name: str, *, id_number: str = "", phone: str = "", extra: tuple[str, ...] = ()) -> str:
    """The lower-case string stored for LIKE '%q%' search; keys joined by "|" so no match spans two."""
    keys = name_keys(name)
    parts = [clean_text(name).replace(" ", ""), *keys.full, *keys.initials, id_number, phone, *extra]
    return SEPARATOR.join(dict.fromkeys(p.lower() for p in parts if p))


@lru_cache(maxsize=65536)
def sort_key(name: str) -> str:
    """The main reading with a space after each character's syllable, so names sort the way a
    pinyin-ordered roster does: 陈 (chen) before 程 (cheng) whatever follows."""
    name = clean_text(name).replace(" ", "")
    if not _HAN.search(name):
        return name.lower()
    surname, rest = _split_surname(name)
    syllables = [readings[0] for readings in surname] + [r[0] for r in _char_readings(rest) if r[0]]
    return " ".join(syllables)


def normalize_query(text: str) -> str:
    return clean_text(text).replace(" ", "").lower()


def like_pattern(query: str) -> str:
    q = normalize_query(query)
    q = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{q}%"
