"""Search keys for names: full pinyin and initials, with the surname's special readings.

Staff search the way they type on a Chinese keyboard: `zs` or `zhangsan` for 张三. The keys
are computed once per save and stored (Person.search_text), so a search is one indexed-column
LIKE in SQL. Surnames often read differently from the same character elsewhere (单 shan,
曾 zeng, 解 xie), so the first character(s) use a surname table, and both readings are kept
where people are unsure. pypinyin has no surname mode, hence the tables here.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from db.validation import HAN_RANGES, MIDDLE_DOTS, clean_text

MAX_READINGS = 8
SEPARATOR = "|"

Syllables = tuple[str, ...]  # one reading of a part of a name: ("ou", "yang") for 欧阳

# Syllables separated by spaces, so the initials of each are known (南宫 is nan gong, not nang ong).
COMPOUND_SURNAMES = {
    "欧阳": "ou yang", "司马": "si ma", "诸葛": "zhu ge", "上官": "shang guan", "东方": "dong fang",
    "皇甫": "huang fu", "尉迟": "yu chi", "公孙": "gong sun", "慕容": "mu rong", "长孙": "zhang sun",
    "宇文": "yu wen", "司徒": "si tu", "夏侯": "xia hou", "令狐": "ling hu", "端木": "duan mu",
    "轩辕": "xuan yuan", "独孤": "du gu", "南宫": "nan gong", "万俟": "mo qi", "闻人": "wen ren",
    "申屠": "shen tu", "澹台": "tan tai", "钟离": "zhong li", "公冶": "gong ye", "太史": "tai shi",
    "百里": "bai li", "单于": "chan yu", "呼延": "hu yan", "赫连": "he lian",
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

_HAN = re.compile(f"[{HAN_RANGES}]")
# A name splits into runs of Chinese characters and words of anything else; dots, spaces and
# the key separator go.
_TOKENS = re.compile(f"[{HAN_RANGES}]+|[^{HAN_RANGES}{MIDDLE_DOTS}\\s{re.escape(SEPARATOR)}]+")


@dataclass(frozen=True)
class NameKeys:
    full: tuple[str, ...]
    initials: tuple[str, ...]


def _ascii(reading: str) -> str:
    """ü as v (how it is typed on a pinyin keyboard) and ê as e (欸)."""
    return reading.replace("ü", "v").replace("ê", "e")


@lru_cache(maxsize=20000)
def _char_options(ch: str) -> tuple[str, ...]:
    """A character's readings, the most common first, at most three (cached: names share characters).

    A character pypinyin does not know (a few rare ones, most of extension B) stays as itself:
    the keys then still hold the rest of the name's pinyin.
    """
    from pypinyin import Style, lazy_pinyin, pinyin  # its dictionary takes 0.3 s to load: when a key is made

    first = _ascii(lazy_pinyin(ch, style=Style.NORMAL)[0])
    others = [_ascii(a) for a in pinyin(ch, style=Style.NORMAL, heteronym=True)[0][:3]]
    options = tuple(dict.fromkeys([first, *others]))[:3]
    return tuple(o if o.isascii() else ch for o in options)


@lru_cache(maxsize=20000)
def _phrase_readings(phrase: str) -> tuple[str, ...] | None:
    """The phrase dictionary's main reading of each character, or None for no such phrase."""
    from pypinyin.constants import PHRASES_DICT

    entry = PHRASES_DICT.get(phrase)
    if entry is None or len(entry) != len(phrase):
        return None
    from pypinyin.contrib.tone_convert import to_normal

    return tuple(_ascii(to_normal(options[0])) for options in entry)


def _han_run_options(run: str) -> list[list[Syllables]]:
    """Options per character of a run of Chinese characters, phrase-aware for the main reading.

    The longest dictionary phrase is taken from the left, so the given name 长春 reads chang chun
    (not zhang, the single character's commonest reading). Only dictionary look-ups: the keys of
    50,000 imported names must not take a pypinyin segmentation each.
    """
    result: list[list[Syllables]] = []
    i = 0
    while i < len(run):
        main: tuple[str, ...] | None = None
        for j in range(min(len(run), i + 4), i + 1, -1):
            if (main := _phrase_readings(run[i:j])) is not None:
                break
        main = main or (_char_options(run[i])[0],)
        for offset, reading in enumerate(main):
            ch = run[i + offset]
            options = dict.fromkeys([reading, *_char_options(ch)])
            result.append([(o,) for o in options])
        i += len(main)
    return result


def _surname_options(name: str) -> tuple[list[Syllables], str]:
    """Readings of the surname (one option list) and the rest of the name; no surname in a
    one-character name or one that starts with a Latin word.

    A compound surname also gets the readings of its two characters taken one by one: 单于洋
    may be Chanyu Yang or Shan Yuyang, and a search must find either.
    """
    compound = name[:2]  # every compound surname has two characters: one look-up, not a loop
    reading = COMPOUND_SURNAMES.get(compound)
    if reading is not None and len(name) > len(compound):
        first = SURNAMES.get(compound[0]) or _char_options(compound[0])[:1]
        split = [(a, _char_options(compound[1])[0]) for a in first]
        return list(dict.fromkeys([tuple(reading.split()), *split]))[:3], name[len(compound):]
    if len(name) < 2 or not _HAN.match(name[0]):
        return [], name
    # A single surname is read on its own, never as the start of a dictionary phrase, and as a
    # surname: the readings SURNAMES gives, else the character's main one only. 丁 is never
    # "zheng" in a name, and keying it so made "zh" list every 丁 before the 张s and 郑s.
    return [(r,) for r in SURNAMES.get(name[0]) or _char_options(name[0])[:1]], name[1:]


@lru_cache(maxsize=4096)  # sort_key and name_keys of one name follow each other
def _parts(name: str) -> list[list[Syllables]]:
    """The name as parts, each with its reading options, the main one first (not to be changed:
    the list is shared by every caller)."""
    surname, rest = _surname_options(name)
    parts = [surname] if surname else []
    for token in _TOKENS.findall(rest):
        if _HAN.match(token):
            parts.extend(_han_run_options(token))
        else:
            parts.append([(token.lower(),)])  # a Latin word: whole word, its first letter as initial
    return parts


def _combinations(parts: list[list[Syllables]], limit: int) -> list[tuple[Syllables, ...]]:
    """The main reading, then readings differing in one part (surname first), then two, … up to limit.

    Not itertools.product in order: that would spend the whole limit on the last character's
    alternatives and drop the surname's everyday reading (单田芳 as dan).
    """
    main = tuple(options[0] for options in parts)
    found = [main]
    varying = [i for i, options in enumerate(parts) if len(options) > 1]
    for count in range(1, len(varying) + 1):
        for positions in itertools.combinations(varying, count):
            for picks in itertools.product(*(parts[i][1:] for i in positions)):
                combo = list(main)
                for position, pick in zip(positions, picks, strict=True):
                    combo[position] = pick
                found.append(tuple(combo))
                if len(found) >= limit:
                    return found
    return found


@lru_cache(maxsize=8192)  # names repeat; a larger cache held ~20 MB after a 50,000-name import
def name_keys(name: str) -> NameKeys:
    """Full readings and initials of a name, the main reading first, at most MAX_READINGS.

    Lower-case ASCII, no tone marks, ü written v (lv for 吕). Latin words pass through whole,
    with their first letter as the initial ("Anna Li" → annali, al).
    """
    parts = _parts(clean_text(name))
    if not parts:
        return NameKeys((), ())
    full: list[str] = []
    initials: list[str] = []
    for combo in _combinations(parts, MAX_READINGS):
        syllables = [s for part in combo for s in part]
        full.append("".join(syllables))
        initials.append("".join(s[:1] for s in syllables))
    return NameKeys(tuple(dict.fromkeys(full)), tuple(dict.fromkeys(initials)))


def search_text(name: str, *, id_number: str = "", phone: str = "", extra: tuple[str, ...] = ()) -> str:
    """The lower-case string stored for LIKE '%q%' search; keys joined by "|" so no match spans two.

    The name is there as written and, for names with a 间隔号, also without it, because
    people search 古丽买买提 without typing the dot.
    """
    shown = clean_text(name).replace(" ", "")
    keys = name_keys(name)
    undotted = shown.translate(str.maketrans("", "", MIDDLE_DOTS))
    parts = [shown, undotted, *keys.full, *keys.initials, id_number, phone, *extra]
    cleaned = (clean_text(p).replace(SEPARATOR, " ").lower() for p in parts)
    return SEPARATOR.join(dict.fromkeys(p for p in cleaned if p))


@lru_cache(maxsize=8192)
def sort_key(name: str) -> str:
    """The main reading with a space between syllables, so names sort the way a pinyin-ordered
    roster does: 陈 (chen) before 程 (cheng) whatever follows, 阿 before 张."""
    cleaned = clean_text(name)
    if not _HAN.search(cleaned):
        return cleaned.lower()
    return " ".join(s for part in _parts(cleaned) for s in part[0])


def first_syllable(ch: str) -> str | None:
    """The reading a name beginning with the character `ch` sorts under (sort_key's first
    syllable): its surname reading, else its main one; None for a character that is not Chinese.

    The rare compound surname that reads its first character otherwise (单于 chan yu, 万俟
    mo qi) sorts elsewhere, and a search for the character alone finds it among the rest."""
    if not _HAN.match(ch):
        return None
    return (SURNAMES.get(ch) or _char_options(ch))[0]


def normalize_query(text: str) -> str:
    """What the person typed in a search box, in the form the stored keys have.

    Full-width letters to ASCII, invisible marks and spaces gone, lower case; the key separator
    "|" is dropped so a query cannot match across two keys. No LIKE escaping here.
    """
    return clean_text(text).replace(" ", "").replace(SEPARATOR, "").lower()


def like_pattern(query: str) -> str:
    """%query% for LIKE … ESCAPE '\\', with the person's own % _ and \\ matched literally."""
    q = normalize_query(query)
    q = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{q}%"
