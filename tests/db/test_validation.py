"""The rules every form and import shares: a table of good, bad and hostile values."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.validation import (
    FieldError,
    check_date_order,
    check_free_text,
    check_id_number,
    check_person_name,
    check_phone,
    clean_text,
    format_date_cn,
    id_check_character,
    mask_id_number,
    mask_phone,
    parse_date,
)


def make_id(area: str = "410302", birth: str = "19850312", seq: str = "131") -> str:
    body = area + birth + seq
    return body + id_check_character(body)


GOOD = make_id()
HOSTILE = ["'; DROP TABLE persons;--", "x" * 10_000, "😀", "\u200b", "=1+1", "<script>", "NULL"]


def test_known_check_character() -> None:
    # The worked example of GB 11643: 11010519491231002X.
    assert id_check_character("11010519491231002") == "X"
    assert check_id_number("11010519491231002X").number == "11010519491231002X"


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize("raw", [GOOD, GOOD.lower(), f" {GOOD} ", GOOD.translate(FULL_WIDTH),
                                 GOOD[:6] + "\u200b" + GOOD[6:], GOOD[:6] + " " + GOOD[6:]])
def test_id_number_variants_normalise(raw: str) -> None:
    assert check_id_number(raw).number == GOOD


def test_lower_case_x_is_stored_upper() -> None:
    assert check_id_number("11010519491231002x").number == "11010519491231002X"


def test_fifteen_digit_number_is_converted() -> None:
    legacy = "410302850312131"
    body = "41030219850312131"
    expected = body + id_check_character(body)
    info = check_id_number(legacy)
    assert info.number == expected and info.birth_date == date(1985, 3, 12) and info.gender == "male"


@pytest.mark.parametrize(
    ("raw", "kwargs", "phrase"),
    [
        (GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1"), {}, "校验位"),
        (GOOD[:17], {}, "应为18位"),
        (GOOD + "1", {}, "应为18位"),
        ("A" + GOOD[1:], {}, "只能是数字"),
        ("0" + GOOD[1:], {}, "地区码"),
        (make_id(birth="19850230"), {}, "出生日期部分无效"),
        (make_id(birth="20990101"), {}, "出生日期部分无效"),
        (GOOD, {"birth_date": date(1985, 3, 13)}, "与出生日期不一致"),
        (GOOD, {"gender": "female"}, "与性别不一致（号码中为男）"),
        *[(h, {}, "身份证号") for h in HOSTILE if h.strip("\u200b")],
    ],
)
def test_bad_id_numbers_are_refused_with_the_label(raw: str, kwargs: dict, phrase: str) -> None:
    with pytest.raises(FieldError) as info:
        check_id_number(raw, **kwargs)
    assert info.value.message.startswith("身份证号：")
    assert phrase in info.value.message


def test_empty_id_number_is_none() -> None:
    assert check_id_number("") is None and check_id_number(None) is None and check_id_number("\u200b") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("13800001111", "13800001111"), ("138 0000 1111", "13800001111"), ("138-0000-1111", "13800001111"),
     ("+8613800001111", "13800001111"), ("１３８００００１１１１", "13800001111"),
     ("0379-12345678", "0379-12345678"), ("037912345678", "0379-12345678"), ("0379-123", None),
     ("(0379)12345678", "0379-12345678"),
     ("0379 1234567", "0379-1234567"), ("010-12345678-123", "010-12345678-123"), ("", "")],
)
def test_phone_numbers(raw: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(FieldError):
            check_phone(raw)
    else:
        assert check_phone(raw) == expected


@pytest.mark.parametrize("raw", ["1380000111", "138000011112", "12800001111", "abc", "=1+1", "😀", "x" * 10_000])
def test_bad_phones_name_the_field(raw: str) -> None:
    with pytest.raises(FieldError, match="联系电话：格式不正确"):
        check_phone(raw)


@pytest.mark.parametrize("raw", ["2026-11-25", "2026-1-5", "2026/11/25", "2026.11.25", "2026年11月25日", "20261125",
                                 "２０２６-１１-２５", date(2026, 11, 25)])
def test_date_forms(raw: object) -> None:
    assert parse_date(raw, "d", "日期") in (date(2026, 11, 25), date(2026, 1, 5))


@pytest.mark.parametrize(("raw", "phrase"), [("2027-02-30", "日期不存在"), ("1850-01-01", "1900"),
                                             ("next week", "格式"),
                                             ("'; DROP TABLE x;--", "格式"), ("x" * 10_000, "格式")])
def test_bad_dates(raw: str, phrase: str) -> None:
    with pytest.raises(FieldError, match=phrase) as info:
        parse_date(raw, "held_on", "活动日期")
    assert info.value.field == "held_on"


def test_future_dates_refused_when_asked() -> None:
    with pytest.raises(FieldError, match="活动日期：不能晚于今天"):
        parse_date("2026-11-26", "held_on", "活动日期", allow_future=False, today=date(2026, 11, 25))
    assert parse_date("2026-11-25", "held_on", "活动日期", allow_future=False, today=date(2026, 11, 25))


def test_date_order() -> None:
    with pytest.raises(FieldError, match="结案日期：不能早于受理日期"):
        check_date_order(date(2026, 3, 2), date(2026, 3, 1), "closed_on", "结案日期", "受理日期")
    check_date_order(date(2026, 3, 1), date(2026, 3, 1), "closed_on", "结案日期", "受理日期")


@pytest.mark.parametrize(("raw", "expected"), [("张三", "张三"), ("\u00a0张三\u200b ", "张三"), ("张 三", "张三"),
                                               ("阿依古丽·买买提", "阿依古丽·买买提"), ("Anna Li", "Anna Li")])
def test_good_names(raw: str, expected: str) -> None:
    assert check_person_name(raw) == expected


@pytest.mark.parametrize(("raw", "phrase"), [("", "姓名：必填"), ("\u200b", "姓名：必填"), ("张三😀", "只能包含"),
                                             ("张三1", "只能包含"), ("'; DROP TABLE persons;--", "只能包含"),
                                             ("=1+1", "只能包含"), ("张" * 10_000, "不能超过 30 个字")])
def test_bad_names(raw: str, phrase: str) -> None:
    with pytest.raises(FieldError, match=phrase):
        check_person_name(raw)


def test_free_text_keeps_formula_looking_text_and_refuses_control_characters() -> None:
    assert check_free_text("=SUM(A1:A9)", "notes", "备注") == "=SUM(A1:A9)"
    assert check_free_text("'; DROP TABLE persons;--", "notes", "备注") == "'; DROP TABLE persons;--"
    with pytest.raises(FieldError, match="备注：含有无法识别的字符"):
        check_free_text("a\x00b", "notes", "备注")
    with pytest.raises(FieldError, match="备注：不能超过 200 个字"):
        check_free_text("x" * 10_000, "notes", "备注")
    assert clean_text("ＡＢＣ１２３\u3000x") == "ABC123 x"


def test_masks_and_chinese_dates() -> None:
    assert mask_id_number("410302198503121234") == "410302********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0379-12345678") == "0379-****5678"
    assert format_date_cn(date(2026, 1, 5)) == "2026年1月5日"


@st.composite
def id_bodies(draw: st.DrawFn) -> str:
    area = draw(st.integers(110000, 659999))
    born = draw(st.dates(date(1900, 1, 1), date(2020, 12, 31)))
    seq = draw(st.integers(0, 999))
    return f"{area}{born:%Y%m%d}{seq:03d}"


@given(id_bodies())
def test_any_valid_number_passes(body: str) -> None:
    number = body + id_check_character(body)
    assert check_id_number(number).number == number


@given(id_bodies(), st.sampled_from("0123456789X"))
def test_any_wrong_check_character_fails(body: str, wrong: str) -> None:
    if wrong == id_check_character(body):
        return
    with pytest.raises(FieldError, match="校验位"):
        check_id_number(body + wrong)


@given(id_bodies())
def test_masked_id_hides_the_middle(body: str) -> None:
    number = body + id_check_character(body)
    masked = mask_id_number(number)
    assert len(masked) == 18 and masked[:6] == number[:6] and masked[-4:] == number[-4:]
    assert masked[6:14] == "*" * 8


@given(st.text(max_size=300))
def test_cleaning_never_crashes_and_strips_zero_width(text: str) -> None:
    cleaned = clean_text(text)
    assert "\u200b" not in cleaned and cleaned == cleaned.strip()
