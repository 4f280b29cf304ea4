"""Pinyin search keys: initials, full pinyin, the surnames that read differently, and LIKE safety."""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from db.search_keys import (
    MAX_READINGS,
    SEPARATOR,
    NameKeys,
    like_pattern,
    name_keys,
    normalize_query,
    search_text,
    sort_key,
)


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("张三", "zhangsan", "zs"), ("单田芳", "shantianfang", "stf"), ("曾国藩", "zengguofan", "zgf"),
        ("解晓东", "xiexiaodong", "xxd"), ("仇英", "qiuying", "qy"), ("区志强", "ouzhiqiang", "ozq"),
        ("查良镛", "zhaliangyong", "zly"), ("朴树", "piaoshu", "ps"), ("翟志刚", "zhaizhigang", "zzg"),
        ("欧阳修", "ouyangxiu", "oyx"), ("诸葛亮", "zhugeliang", "zgl"), ("南宫明", "nangongming", "ngm"),
        ("长孙无忌", "zhangsunwuji", "zswj"), ("尉迟恭", "yuchigong", "ycg"), ("单于洋", "chanyuyang", "cyy"),
        ("万俟卨", "moqixie", "mqx"), ("吕布", "lvbu", "lb"), ("女娲", "nvwa", "nw"),
        ("张长春", "zhangchangchun", "zcc"),  # the given name read as a phrase, not 长 = zhang
        ("阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt"),
        ("Anna Li", "annali", "al"), ("ANNA", "anna", "a"), ("张Anna", "zhanganna", "za"),
        ("Ｌｉ Ｌｅｉ", "lilei", "ll"),
    ],
)
def test_main_reading_comes_first(name: str, full: str, initials: str) -> None:
    keys = name_keys(name)
    assert keys.full[0] == full and keys.initials[0] == initials


@pytest.mark.parametrize(
    ("name", "other_full", "other_initials"),
    [
        ("单田芳", "dantianfang", "dtf"), ("曾国藩", "cengguofan", "cgf"), ("解晓东", "jiexiaodong", "jxd"),
        ("乐嘉", "lejia", "lj"), ("长孙无忌", "changsunwuji", "cswj"), ("尉迟恭", "weichigong", "wcg"),
        ("单于洋", "shanyuyang", "syy"),  # or surname 单 with the given name 于洋
        ("朝阳", "zhaoyang", "zy"),
    ],
)
def test_other_readings_are_kept_as_alternatives(name: str, other_full: str, other_initials: str) -> None:
    keys = name_keys(name)
    assert other_full in keys.full[1:] and other_initials in keys.initials[1:]


def test_the_surnames_everyday_reading_survives_the_cap() -> None:
    # 长 and 乐 have several readings each; the cap must not spend all 8 on them and drop 单 = dan.
    keys = name_keys("单长乐")
    assert keys.full[0] == "shanchangle" and "danchangle" in keys.full
    assert len(keys.full) <= MAX_READINGS


def test_empty_name_has_no_keys() -> None:
    assert name_keys("") == NameKeys((), ())
    assert name_keys("\u200b ") == NameKeys((), ())


def test_rare_character_without_pinyin_stays_as_itself() -> None:
    assert name_keys("𠀾明").full[0] == "𠀾ming"


COMMON_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(
    lambda ch: lazy_pinyin(ch, style=Style.NORMAL)[0].isascii()
)


@given(st.text(alphabet=COMMON_HAN, min_size=1, max_size=30))
def test_keys_are_lower_case_ascii_and_capped(name: str) -> None:
    keys = name_keys(name)
    assert 1 <= len(keys.full) <= MAX_READINGS and 1 <= len(keys.initials) <= MAX_READINGS
    assert all(re.fullmatch(r"[a-z]+", k) for k in (*keys.full, *keys.initials))
    assert all(len(k) == len(name) for k in keys.initials)  # one syllable per character, compounds too
    assert sort_key(name).replace(" ", "") == keys.full[0]


@given(st.text(max_size=40))
def test_any_text_gives_keys_without_the_separator(text: str) -> None:
    keys = name_keys(text)
    stored = search_text(text, extra=(text,))
    assert all(SEPARATOR not in k for k in (*keys.full, *keys.initials))
    assert stored == stored.lower() and "||" not in stored and not stored.startswith(SEPARATOR)


def test_search_text_holds_every_key_apart() -> None:
    text = search_text("张三", id_number="110101199003071234", phone="13800001111")
    assert text == "张三|zhangsan|zs|110101199003071234|13800001111"


def test_search_text_lower_cases_and_drops_duplicates() -> None:
    assert search_text("Anna Li", id_number="11010519491231002X") == "annali|al|11010519491231002x"


def test_search_text_without_the_dot_of_an_ethnic_name() -> None:
    keys = search_text("阿依古丽·买买提").split(SEPARATOR)
    assert keys[:2] == ["阿依古丽·买买提", "阿依古丽买买提"]
    assert "ayigulimaimaiti" in keys and "ayglmmt" in keys


def test_search_text_cleans_its_extra_keys() -> None:
    assert search_text("", phone=" 138 ", extra=("ＡＢ|c", "", "\u200b")) == "138|ab c"


@pytest.mark.parametrize(
    ("query", "name"),
    [("zs", "张三"), ("zhang", "张三"), ("ZhangSan", "张三"), ("张", "张三"), ("dtf", "单田芳"),
     ("oyx", "欧阳修"), ("gulimai", "阿依古丽·买买提"), ("古丽买买", "阿依古丽·买买提"),
     ("ａｎｎａ", "Anna Li"),
     ("anna li", "Anna Li")],
)
def test_a_query_finds_the_name(query: str, name: str) -> None:
    assert normalize_query(query) in search_text(name)


@pytest.mark.parametrize(
    ("query", "name"), [("sanzhang", "张三"), ("zs1", "张三"), ("zs|1380", "张三")],
)
def test_a_match_never_spans_two_keys(query: str, name: str) -> None:
    stored = search_text(name, phone="13800001111")
    assert not _like(stored, like_pattern(query))


def test_sort_key_orders_by_pinyin() -> None:
    names = ["张三", "阿华", "李四", "程一", "陈十", "欧阳修", "Anna"]
    assert sorted(names, key=sort_key) == ["阿华", "Anna", "陈十", "程一", "李四", "欧阳修", "张三"]


@pytest.mark.parametrize(
    ("name", "key"),
    [("张长春", "zhang chang chun"), ("欧阳修", "ou yang xiu"), ("单田芳", "shan tian fang"),
     ("Anna Li", "anna li"), ("", ""), (" 张\u200b三 ", "zhang san")],
)
def test_sort_key(name: str, key: str) -> None:
    assert sort_key(name) == key


@pytest.mark.parametrize(
    ("typed", "query"),
    [(" ZS ", "zs"), ("ＺＳ", "zs"), ("张 三", "张三"), ("\u200bzs\ufeff", "zs"), ("a|b", "ab"),
     ("50%_", "50%_")],
)
def test_normalize_query(typed: str, query: str) -> None:
    assert normalize_query(typed) == query


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern("50%_\\") == "%50\\%\\_\\\\%"
    assert like_pattern(" ZS ") == "%zs%"
    assert like_pattern("") == "%%"


def _like(text: str, pattern: str) -> bool:
    with sqlite3.connect(":memory:") as db:
        return bool(db.execute("SELECT ? LIKE ? ESCAPE '\\'", (text, pattern)).fetchone()[0])


LIKE_ALPHABET = "abz09%_\\张三 "


@given(st.text(alphabet=LIKE_ALPHABET, max_size=30), st.text(alphabet=LIKE_ALPHABET + "ABＺ", max_size=6))
def test_like_pattern_matches_exactly_what_contains_the_query(stored: str, typed: str) -> None:
    assert _like(stored, like_pattern(typed)) == (normalize_query(typed) in stored)


@pytest.mark.parametrize(("name", "kept", "dropped"), [
    ("丁辉勇", "dinghuiyong", "zheng"),  # 丁 is zheng only in a word, never as a surname
    ("单田芳", "shantianfang", None),  # surnames the table knows keep both readings
    ("区志强", "ouzhiqiang", None),
])
def test_a_surname_is_keyed_by_its_surname_readings(name: str, kept: str, dropped: str | None) -> None:
    keys = search_text(name).split("|")
    assert kept in keys
    if dropped is not None:
        assert not any(k.startswith(dropped) for k in keys) and not any(k.startswith("zh") for k in keys)
