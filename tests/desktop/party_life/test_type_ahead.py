"""Which names a typed query matches, and which row the cursor goes to (no widgets needed)."""

from __future__ import annotations

import pytest

from desktop.party_life.type_ahead import find_row, is_search_text, name_matches, normalize


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("张三", "zs", True),
        ("张三", "z", True),
        ("张三", "zhangsan", True),
        ("张三", "zhangs", True),  # the full pinyin as far as it is typed
        ("张三", "sz", False),
        ("曾浩月", "zhy", True),  # 曾 read as a surname: zeng
        ("曾浩月", "chy", True),  # and as people may type it: ceng
        ("单田芳", "stf", True),
        ("单田芳", "dtf", True),
        ("丁一", "zy", False),  # 丁 is never zheng in a name
        ("吕小明", "lvxm", False),
        ("吕小明", "lxm", True),
        ("吕小明", "lvxiao", True),  # ü typed as v
        ("欧阳娜娜", "oynn", True),  # a compound surname: two initials
        ("Anna Li", "al", True),
        ("张三", "张", True),
        ("张三", "张三", True),
        ("张三", "三", False),  # characters match from the start (find_row looks inside as well)
        ("古丽·买买提", "古丽买", True),  # the middle dot need not be typed
    ],
)
def test_name_matches(name: str, query: str, expected: bool) -> None:
    assert name_matches(name, normalize(query)) is expected


def test_queries_are_normalized_and_only_letters_or_chinese_start_one() -> None:
    assert normalize("Ｚ'S ") == "zs"  # full-width, an input method's syllable mark, a space
    assert [is_search_text(t) for t in ("z", "Z", "张", "1", " ", "!", "", "z1")] == [
        True, True, True, False, False, False, False, False]


def test_find_row_goes_to_the_next_match_and_wraps_round() -> None:
    names = ["张三", "李四", "赵森", "王五", "周硕"]
    assert find_row(names, "zs", -1) == 0  # no row yet: from the top
    assert find_row(names, "zs", 0) == 2  # after the current row
    assert find_row(names, "zs", 2) == 4
    assert find_row(names, "zs", 4) == 0  # round to the top
    assert find_row(names, "ls", 1) == 1  # the only one is the current row: found last
    assert find_row(names, "xyz", 0) is None
    assert find_row(names, "四", 0) == 1  # Chinese starting no name: found inside one
    assert find_row([], "zs", -1) is None
