"""Pinyin search keys: initials, full pinyin and the surnames that read differently."""

from __future__ import annotations

import pytest

from db.search_keys import like_pattern, name_keys, search_text, sort_key


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [("张三", "zhangsan", "zs"), ("单田芳", "shantianfang", "stf"), ("曾国藩", "zengguofan", "zgf"),
     ("解晓东", "xiexiaodong", "xxd"), ("欧阳修", "ouyangxiu", "oyx"), ("吕布", "lvbu", "lb"),
     ("Anna Li", "annali", "al")],
)
def test_main_reading_comes_first(name: str, full: str, initials: str) -> None:
    keys = name_keys(name)
    assert keys.full[0] == full and keys.initials[0] == initials


def test_heteronym_surnames_keep_the_everyday_reading_too() -> None:
    assert "dtf" in name_keys("单田芳").initials
    assert "cgf" in name_keys("曾国藩").initials


def test_search_text_holds_every_key_apart() -> None:
    text = search_text("张三", id_number="110101199003071234", phone="13800001111")
    assert text.split("|") == ["张三", "zhangsan", "zs", "110101199003071234", "13800001111"]


def test_ethnic_names_are_searchable_without_the_dot() -> None:
    assert "ayigulimaimaiti" in name_keys("阿依古丽·买买提").full


def test_sort_key_orders_by_pinyin() -> None:
    assert sorted(["张三", "阿华", "李四"], key=sort_key) == ["阿华", "李四", "张三"]


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern("50%_\\") == "%50\\%\\_\\\\%"
    assert like_pattern(" ZS ") == "%zs%"
