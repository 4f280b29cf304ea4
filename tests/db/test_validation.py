"""The rules every form and import shares: tables of good, bad and hostile values.

Messages are asserted whole (or by their key phrase) and always with the field's label, because
the same text is what a person reads beside the field or in an import report.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from db.validation import (
    MAX_SERVICE_HOURS_PER_DAY,
    ErrorCollector,
    FieldError,
    IdNumberInfo,
    ValidationErrors,
    check_date_order,
    check_free_text,
    check_id_number,
    check_length,
    check_no_control_chars,
    check_person_name,
    check_phone,
    check_required,
    clean_multiline,
    clean_text,
    format_date_cn,
    id_check_character,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    parse_date,
)

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
TODAY = date(2026, 11, 25)


def independent_check(first17: str) -> str:
    """GB 11643 from its definition (weight 2^(17-i) mod 11, check = (12 - sum) mod 11), not its table."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def make_id(area: str = "410302", birth: str = "19850312", seq: str = "131") -> str:
    body = area + birth + seq
    return body + independent_check(body)


GOOD = make_id()  # male (3rd sequence digit 1 is odd), born 1985-03-12
FEMALE = make_id(seq="122")
WITH_X = "11010519491231002X"  # the worked example of GB 11643-1999
ID_LABEL = "身份证号："
WRONG_LAST = GOOD[:17] + ("0" if GOOD[17] != "0" else "1")


# --- FieldError and the collector -----------------------------------------------------------

def test_field_error_carries_field_label_and_full_message() -> None:
    err = FieldError("id_number", "身份证号", "校验位不正确")
    assert isinstance(err, ValueError)
    assert (err.field, err.label, err.message) == ("id_number", "身份证号", "身份证号：校验位不正确")
    assert str(err) == err.message


def test_error_collector_keeps_every_problem_and_the_good_values() -> None:
    errors = ErrorCollector()
    assert errors.check(check_person_name, "张三") == "张三"
    assert errors.check(check_person_name, "张三1") is None
    assert errors.check(check_phone, "abc") is None
    assert errors.check(parse_date, "2026-1-5", "held_on", "活动日期") == date(2026, 1, 5)
    assert errors.has("name") and errors.has("phone") and not errors.has("held_on")
    with pytest.raises(ValidationErrors) as info:
        errors.raise_if_any()
    assert [e.field for e in info.value.errors] == ["name", "phone"]
    assert str(info.value) == f"{CHARS_MESSAGE}；{PHONE_MESSAGE}"


def test_error_collector_without_problems_does_not_raise() -> None:
    errors = ErrorCollector()
    errors.check(check_phone, "13800001111")
    errors.raise_if_any()
    assert errors.errors == []


def test_error_collector_lets_other_exceptions_through() -> None:
    with pytest.raises(ZeroDivisionError):
        ErrorCollector().check(lambda: 1 / 0)


def test_service_hour_cap() -> None:
    assert MAX_SERVICE_HOURS_PER_DAY == 24


def test_rules_import_neither_qt_nor_sqlalchemy() -> None:
    code = ("import sys, db.validation, db.search_keys; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'sqlalchemy'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- cleaning -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""), ("", ""), (123, "123"), ("  张三  ", "张三"),
        ("ＡＢＣ１２３", "ABC123"), ("ａｂｃ", "abc"), ("a\u3000b", "a b"), ("a\u00a0\u00a0b", "a b"),
        (" a \t b\n", "a b"), ("a\r\nb", "a b"), ("\u200b张\u200c三\u200d\u2060\ufeff", "张三"),
        ("soft\u00adhyphen", "softhyphen"), ("a\u2028b", "a b"), ("a    b", "a b"),
        ("全角，标点！？", "全角，标点！？"), ("（东门）", "(东门)"),
        ("０３７９－１２３４５６７８", "0379-12345678"),
        ("=SUM(A1)", "=SUM(A1)"),
    ],
)
def test_clean_text(raw: object, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""), ("第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"), ("a   \nb\t\u3000\n", "a\nb"),
        ("\n\n  x\n\n", "x"), ("1. 一\n   a) 二", "1. 一\n   a) 二"), ("Ａ\u200b\u2029Ｂ", "A\nB"),
    ],
)
def test_clean_multiline(raw: object, expected: str) -> None:
    assert clean_multiline(raw) == expected


@given(st.text(max_size=300))
def test_clean_text_is_idempotent_and_leaves_single_spaces_only(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert not any(ch.isspace() and ch != " " for ch in cleaned)
    assert not set(cleaned) & set("\u200b\u200c\u200d\u2060\ufeff")


@given(st.text(max_size=300))
def test_clean_multiline_is_idempotent(text: str) -> None:
    cleaned = clean_multiline(text)
    assert clean_multiline(cleaned) == cleaned
    assert "\r" not in cleaned and all(line == line.rstrip() for line in cleaned.split("\n"))


@pytest.mark.parametrize("raw", ["", " ", "\u200b", "\u3000\u00a0"])
def test_required_refuses_nothing_but_spaces(raw: str) -> None:
    with pytest.raises(FieldError, match="^地址：必填$"):
        check_required(raw, "address", "地址")


def test_required_and_length_return_the_value() -> None:
    assert check_required("x", "a", "地址") == "x"
    assert check_length("一二三", "a", "地址", 3) == "一二三"
    with pytest.raises(FieldError, match="^地址：不能超过 3 个字$"):
        check_length("一二三四", "a", "地址", 3)


@pytest.mark.parametrize(
    "bad", ["a\x00b", "\x07", "\x1b[31m", "a\x7fb", "\x85", "\ue000", "abc\u202etxt.exe", "\u2066x"]
)
def test_control_characters_are_refused(bad: str) -> None:
    with pytest.raises(FieldError, match="^备注：含有无法识别的字符$"):
        check_no_control_chars(bad, "notes", "备注")


def test_newline_and_tab_are_not_control_characters() -> None:
    assert check_no_control_chars("a\nb\tc", "notes", "备注") == "a\nb\tc"


# --- free text ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "typed", ["=SUM(A1:A9)", "+1", "-1", "@cmd", "'; DROP TABLE persons;--", "<script>", "NULL"]
)
def test_free_text_keeps_formula_and_sql_looking_text_as_typed(typed: str) -> None:
    assert check_free_text(typed, "notes", "备注") == typed


@pytest.mark.parametrize(
    ("raw", "kwargs", "message"),
    [
        ("a\x00b", {}, "备注：含有无法识别的字符"),
        ("x" * 10_000, {}, "备注：不能超过 200 个字"),
        ("一" * 21, {"max_len": 20}, "备注：不能超过 20 个字"),
        ("", {"required": True}, "备注：必填"),
        ("\u200b \n", {"required": True, "multiline": True}, "备注：必填"),
    ],
)
def test_free_text_refusals(raw: str, kwargs: dict, message: str) -> None:
    with pytest.raises(FieldError) as info:
        check_free_text(raw, "notes", "备注", **kwargs)
    assert info.value.message == message and info.value.field == "notes"


def test_free_text_lines() -> None:
    assert check_free_text("第一行\r\n第二行  ", "facts", "事实", multiline=True) == "第一行\n第二行"
    assert check_free_text("第一行\n第二行", "facts", "事实") == "第一行 第二行"
    assert check_free_text(None, "facts", "事实") == ""


# --- names ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三", "张三"), ("李", "李"), ("欧阳修", "欧阳修"), ("\u00a0张三\u200b ", "张三"),
        ("张 三", "张三"),
        ("\u3000张三\ufeff", "张三"), ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("阿依古丽・买买提", "阿依古丽·买买提"), ("阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("Anna Li", "Anna Li"), ("  Anna   Li ", "Anna Li"), ("ＡＮＮＡ", "ANNA"), ("张Anna", "张Anna"),
        ("㐀明", "㐀明"), ("𠀾明", "𠀾明"), ("张" * 30, "张" * 30),
    ],
)
def test_good_names(raw: str, expected: str) -> None:
    assert check_person_name(raw) == expected


CHARS_MESSAGE = "姓名：只能包含汉字、字母和间隔号“·”"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "姓名：必填"), (None, "姓名：必填"), ("\u200b", "姓名：必填"), ("\u00a0 ", "姓名：必填"),
        ("张三😀", CHARS_MESSAGE), ("张三1", CHARS_MESSAGE), ("'; DROP TABLE persons;--", CHARS_MESSAGE),
        ("=1+1", CHARS_MESSAGE), ("张三\x00", CHARS_MESSAGE), ("<script>", CHARS_MESSAGE),
        ("张三.", CHARS_MESSAGE),
        ("张三（曾用名）", CHARS_MESSAGE), (12345, CHARS_MESSAGE), ("张\u202e三", CHARS_MESSAGE),
        ("·张三", "姓名：间隔号“·”只能用在两段名字之间"), ("张三·", "姓名：间隔号“·”只能用在两段名字之间"),
        ("阿依古丽··买买提", "姓名：间隔号“·”只能用在两段名字之间"),
        ("张" * 31, "姓名：不能超过 30 个字"), ("张" * 10_000, "姓名：不能超过 30 个字"),
    ],
)
def test_bad_names(raw: object, message: str) -> None:
    with pytest.raises(FieldError) as info:
        check_person_name(raw)
    assert info.value.message == message and info.value.field == "name"


def test_name_label_is_the_callers() -> None:
    with pytest.raises(FieldError, match="^申请人姓名：只能包含") as info:
        check_person_name("1", "applicant_name", "申请人姓名")
    assert info.value.field == "applicant_name"


# --- identity numbers -----------------------------------------------------------------------

def test_check_character_table_matches_the_definition() -> None:
    assert id_check_character("11010519491231002") == "X"
    assert check_id_number(WITH_X) == IdNumberInfo(WITH_X, date(1949, 12, 31), "female")


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_character_agrees_with_the_definition_for_any_digits(first17: str) -> None:
    assert id_check_character(first17) == independent_check(first17)


@pytest.mark.parametrize(
    "raw",
    [GOOD, f" {GOOD} ", GOOD.translate(FULL_WIDTH), GOOD[:6] + "\u200b" + GOOD[6:],
     GOOD[:6] + " " + GOOD[6:14] + " " + GOOD[14:], f"\u00a0{GOOD}\ufeff", "\t" + GOOD + "\n"],
)
def test_id_number_variants_normalise(raw: str) -> None:
    assert check_id_number(raw) == IdNumberInfo(GOOD, date(1985, 3, 12), "male")


@pytest.mark.parametrize("raw", [WITH_X.lower(), WITH_X.translate(FULL_WIDTH), WITH_X[:-1] + "ｘ"])
def test_x_is_stored_as_ascii_upper_case(raw: str) -> None:
    assert check_id_number(raw).number == WITH_X
    assert normalize_id_number(raw) == WITH_X


def test_gender_comes_from_the_seventeenth_digit() -> None:
    assert check_id_number(FEMALE).gender == "female"
    assert check_id_number(GOOD).gender == "male"


def test_integer_input() -> None:
    number = next(n for n in (make_id(seq=f"{s:03d}") for s in range(100)) if n[-1] != "X")
    assert check_id_number(int(number)).number == number


@pytest.mark.parametrize(
    ("legacy", "birth", "gender"),
    [("410302850312131", date(1985, 3, 12), "male"), ("110105491231002", date(1949, 12, 31), "female")],
)
def test_fifteen_digit_number_is_converted(legacy: str, birth: date, gender: str) -> None:
    body = legacy[:6] + "19" + legacy[6:]
    info = check_id_number(legacy)
    assert info == IdNumberInfo(body + independent_check(body), birth, gender)


def test_fifteen_digit_conversion_of_the_standard_example() -> None:
    assert check_id_number("110105491231002").number == WITH_X


def test_matching_birth_date_and_gender_pass() -> None:
    assert check_id_number(GOOD, birth_date=date(1985, 3, 12), gender="male").number == GOOD


@pytest.mark.parametrize(
    ("raw", "kwargs", "problem"),
    [
        (WRONG_LAST, {}, "校验位不正确，请核对号码"),
        (WITH_X[:-1] + "1", {}, "校验位不正确，请核对号码"),
        (GOOD[:17], {}, "应为18位（现为17位）"),
        (GOOD + "1", {}, "应为18位（现为19位）"),
        (GOOD[:16], {}, "应为18位（现为16位）"),
        ("123", {}, "应为18位（现为3位）"),
        (123, {}, "应为18位（现为3位）"),
        ("1" * 10_000, {}, "应为18位（现为10000位）"),
        ("A" + GOOD[1:], {}, "只能是数字，最后一位可以是X"),
        (GOOD[:10] + "X" + GOOD[11:], {}, "只能是数字，最后一位可以是X"),
        (GOOD[:6] + "-" + GOOD[6:], {}, "只能是数字，最后一位可以是X"),
        ("٤١٠٣٠٢١٩٨٥٠٣١٢١٣١" + GOOD[-1], {}, "只能是数字，最后一位可以是X"),  # Arabic-Indic digits
        (GOOD[:16] + "²" + GOOD[-1], {}, "只能是数字，最后一位可以是X"),  # "²".isdigit() is True
        ("41030285031213X", {}, "15位号码只能是数字"),
        ("0" + GOOD[1:], {}, "地区码无效"),
        (make_id(birth="19850230"), {}, "出生日期部分无效"),
        (make_id(birth="19851301"), {}, "出生日期部分无效"),
        (make_id(birth="19850000"), {}, "出生日期部分无效"),
        (make_id(birth="20261126"), {"today": TODAY}, "出生日期部分无效"),
        (make_id(birth="18991231"), {}, "出生日期部分无效"),
        ("440524188001010014", {}, "出生日期部分无效"),  # the standard's example, born 1880
        ("410302850230131", {}, "出生日期部分无效"),
        (GOOD, {"birth_date": date(1985, 3, 13)}, "与出生日期不一致（号码中为1985年3月12日）"),
        (GOOD, {"gender": "female"}, "与性别不一致（号码中为男）"),
        (FEMALE, {"gender": "male"}, "与性别不一致（号码中为女）"),
    ],
)
def test_bad_id_numbers_are_refused_with_the_label(raw: object, kwargs: dict, problem: str) -> None:
    with pytest.raises(FieldError) as info:
        check_id_number(raw, **kwargs)
    assert info.value.message == ID_LABEL + problem and info.value.field == "id_number"


def test_birth_today_is_accepted() -> None:
    assert check_id_number(make_id(birth="20261125"), today=TODAY).birth_date == TODAY


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("'; DROP TABLE person;--", "只能是数字"), ("x" * 10_000, "只能是数字，最后一位可以是X"),
        ("😀", "只能是数字"),
        ("=1+1", "只能是数字"), ("<script>alert(1)</script>", "只能是数字"), ("NULL", "只能是数字"),
        (3.14, "只能是数字"), (-1, "只能是数字"),
    ],
)
def test_hostile_id_values_get_a_field_error(raw: object, problem: str) -> None:
    with pytest.raises(FieldError) as info:
        check_id_number(raw)
    assert info.value.message.startswith(ID_LABEL) and problem in info.value.message


@pytest.mark.parametrize("empty", [None, "", "   ", "\u200b", "\u3000\ufeff"])
def test_empty_id_number_is_none(empty: object) -> None:
    assert check_id_number(empty) is None
    assert normalize_id_number(empty) == ""


def test_id_label_and_field_are_the_callers() -> None:
    with pytest.raises(FieldError) as info:
        check_id_number(WRONG_LAST, field="respondent_id", label="被申请人身份证号")
    assert info.value.field == "respondent_id"
    assert info.value.message == "被申请人身份证号：校验位不正确，请核对号码"


@st.composite
def id_bodies(draw: st.DrawFn) -> str:
    area = draw(st.integers(110000, 999999))
    born = draw(st.dates(date(1900, 1, 1), date(2025, 12, 31)))
    seq = draw(st.integers(0, 999))
    return f"{area}{born:%Y%m%d}{seq:03d}"


@given(id_bodies())
def test_any_valid_number_passes(body: str) -> None:
    number = body + id_check_character(body)
    info = check_id_number(number)
    assert info.number == number
    assert f"{info.birth_date:%Y%m%d}" == body[6:14]
    assert info.gender == ("male" if int(body[16]) % 2 else "female")


@given(id_bodies(), st.sampled_from("0123456789X"))
def test_any_wrong_check_character_fails(body: str, wrong: str) -> None:
    assume(wrong != id_check_character(body))
    with pytest.raises(FieldError, match="^身份证号：校验位不正确"):
        check_id_number(body + wrong)


@given(id_bodies(), st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_slip_is_caught(body: str, position: int, shift: int) -> None:
    number = body + id_check_character(body)
    slipped = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1:]
    with pytest.raises(FieldError):
        check_id_number(slipped)


@given(id_bodies(), st.integers(0, 15))
def test_any_swap_of_neighbouring_digits_is_caught(body: str, position: int) -> None:
    number = body + id_check_character(body)
    assume(number[position] != number[position + 1])
    swapped = number[:position] + number[position + 1] + number[position] + number[position + 2:]
    with pytest.raises(FieldError):
        check_id_number(swapped)


# --- phones ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13800001111", "13800001111"), ("138 0000 1111", "13800001111"), ("138-0000-1111", "13800001111"),
        ("+8613800001111", "13800001111"), ("+86 138 0000 1111", "13800001111"),
        ("86-138-0000-1111", "13800001111"),
        ("0086 13800001111", "13800001111"), ("１３８００００１１１１", "13800001111"),
        ("１３８－００００－１１１１", "13800001111"),
        ("138—0000—1111", "13800001111"), (13800001111, "13800001111"), ("19912345678", "19912345678"),
        ("0379-12345678", "0379-12345678"), ("037912345678", "0379-12345678"),
        ("(0379)12345678", "0379-12345678"),
        ("（０３７９）１２３４５６７８", "0379-12345678"), ("0379 12345678", "0379-12345678"),
        ("0379-1234 5678", "0379-12345678"),
        ("(010) 8765 4321", "010-87654321"), ("01087654321", "010-87654321"), ("021-6123456", "021-6123456"),
        ("03791234567", "0379-1234567"), ("0379 1234567", "0379-1234567"),
        ("010-12345678-123", "010-12345678-123"), ("0379-12345678转123", "0379-12345678-123"),
        ("0379-12345678 转 8001", "0379-12345678-8001"), ("0379-12345678 ext. 12", "0379-12345678-12"),
        ("0379-12345678分机6", "0379-12345678-6"),
        ("", ""), (None, ""), ("  ", ""), ("\u200b", ""),
    ],
)
def test_phone_numbers_are_normalised(raw: object, expected: str) -> None:
    assert check_phone(raw) == expected


PHONE_MESSAGE = "联系电话：格式不正确（手机号为11位数字，固定电话如 0379-12345678）"


@pytest.mark.parametrize(
    "raw",
    ["1380000111", "138000011112", "12800001111", "10800001111", "1380000111a", "abc", "12345678",
     "0379-123456", "0379-123456789", "0379-12345678-1234567", "0379-", "(0379)", "+1 555 123 4567",
     "=1+1", "😀",
     "'; DROP TABLE persons;--", "x" * 10_000, "١٣٨٠٠٠٠١١١١", "138 0000 1111 转 12", "0379-1234５６７８ab"],
)
def test_bad_phones_name_the_field(raw: str) -> None:
    with pytest.raises(FieldError) as info:
        check_phone(raw)
    assert info.value.message == PHONE_MESSAGE and info.value.field == "phone"


def test_phone_label_is_the_callers() -> None:
    with pytest.raises(FieldError, match="^紧急联系电话：格式不正确") as info:
        check_phone("abc", "emergency_phone", "紧急联系电话")
    assert info.value.field == "emergency_phone"


mobiles = st.from_regex(r"\A1[3-9][0-9]{9}\Z")


@given(mobiles, st.lists(st.sampled_from([" ", "-", ""]), min_size=10, max_size=10),
       st.sampled_from(["", "+86", "86", "+86 ", "0086"]))
def test_any_mobile_with_separators_comes_back_as_eleven_digits(number: str, seps: list[str],
                                                                 prefix: str) -> None:
    typed = prefix + "".join(d + s for d, s in zip(number, [*seps, ""], strict=True))
    assert check_phone(typed) == number


@given(st.sampled_from(["010", "021", "0379", "0898"]), st.from_regex(r"\A[2-8][0-9]{6,7}\Z"),
       st.sampled_from(["", "-123"]))
def test_normalised_landlines_stay_as_they_are(area: str, number: str, extension: str) -> None:
    normal = f"{area}-{number}{extension}"
    assert check_phone(normal) == normal
    assert check_phone(f"({area}) {number}{extension}") == normal


# --- dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-25", date(2026, 11, 25)), ("2026-1-5", date(2026, 1, 5)),
        ("2026/11/25", date(2026, 11, 25)),
        ("2026.11.25", date(2026, 11, 25)), ("2026年11月25日", date(2026, 11, 25)),
        ("2026年1月5日", date(2026, 1, 5)),
        ("2026年11月25", date(2026, 11, 25)), ("20261125", date(2026, 11, 25)),
        (20261125, date(2026, 11, 25)),
        ("２０２６-１１-２５", date(2026, 11, 25)), ("２０２６年１１月２５日", date(2026, 11, 25)),
        (" 2026 年 11 月 25 日 ", date(2026, 11, 25)), ("2026-11-25 00:00:00", date(2026, 11, 25)),
        ("2026-11-25T08:30", date(2026, 11, 25)), ("\u200b2026-11-25", date(2026, 11, 25)),
        (date(2026, 11, 25), date(2026, 11, 25)), (datetime(2026, 11, 25, 9, 30), date(2026, 11, 25)),
        ("1900-01-01", date(1900, 1, 1)), ("2100-12-31", date(2100, 12, 31)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_date_forms(raw: object, expected: date) -> None:
    result = parse_date(raw, "held_on", "活动日期")
    assert result == expected and type(result) is date


@pytest.mark.parametrize("empty", [None, "", "  ", "\u200b"])
def test_empty_date_is_none(empty: object) -> None:
    assert parse_date(empty, "held_on", "活动日期") is None


FORMAT_PROBLEM = "日期格式不正确（如 2026-11-25）"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("2027-02-30", "日期不存在（2027年2月30日）"), ("2026-13-01", "日期不存在（2026年13月1日）"),
        ("2026年2月29日", "日期不存在（2026年2月29日）"), ("20260431", "日期不存在（2026年4月31日）"),
        ("2026-00-10", "日期不存在（2026年0月10日）"),
        ("1899-12-31", "年份应在1900年到2100年之间"), ("2101-01-01", "年份应在1900年到2100年之间"),
        (date(1850, 1, 1), "年份应在1900年到2100年之间"),
        ("2026-11/25", FORMAT_PROBLEM), ("26-11-25", FORMAT_PROBLEM), ("next week", FORMAT_PROBLEM),
        ("'; DROP TABLE x;--", FORMAT_PROBLEM), ("x" * 10_000, FORMAT_PROBLEM), ("=1+1", FORMAT_PROBLEM),
        ("😀", FORMAT_PROBLEM), ("2026-11-25-1", FORMAT_PROBLEM), ("٢٠٢٦-١١-٢٥", FORMAT_PROBLEM),
    ],
)
def test_bad_dates(raw: object, problem: str) -> None:
    with pytest.raises(FieldError) as info:
        parse_date(raw, "held_on", "活动日期")
    assert info.value.message == "活动日期：" + problem and info.value.field == "held_on"


@pytest.mark.parametrize(
    "future", ["2026-11-26", date(2026, 11, 26), datetime(2026, 11, 26, 0, 0), "2100-01-01"]
)
def test_future_dates_refused_when_asked(future: object) -> None:
    with pytest.raises(FieldError, match="^出生日期：不能晚于今天$"):
        parse_date(future, "birth_date", "出生日期", allow_future=False, today=TODAY)
    assert parse_date(future, "birth_date", "出生日期", today=TODAY)  # allowed by default


def test_today_is_not_the_future() -> None:
    assert parse_date("2026-11-25", "birth_date", "出生日期", allow_future=False, today=TODAY) == TODAY
    assert parse_date(date.today(), "birth_date", "出生日期", allow_future=False) == date.today()


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_every_written_form_of_a_date_reads_back(day: date) -> None:
    forms = [day.isoformat(), f"{day.year}-{day.month}-{day.day}", f"{day:%Y/%m/%d}", f"{day:%Y.%m.%d}",
             f"{day:%Y%m%d}", format_date_cn(day)]
    assert {parse_date(form, "d", "日期") for form in forms} == {day}


@pytest.mark.parametrize(
    ("earlier", "later", "refused"),
    [
        (date(2026, 3, 2), date(2026, 3, 1), True), (date(2026, 3, 1), date(2026, 3, 1), False),
        (date(2026, 3, 1), date(2026, 3, 2), False), (None, date(2026, 3, 1), False),
        (date(2026, 3, 1), None, False),
    ],
)
def test_date_order(earlier: date | None, later: date | None, refused: bool) -> None:
    if refused:
        with pytest.raises(FieldError, match="^结案日期：不能早于受理日期$") as info:
            check_date_order(earlier, later, "closed_on", "结案日期", "受理日期")
        assert info.value.field == "closed_on"
    else:
        check_date_order(earlier, later, "closed_on", "结案日期", "受理日期")


@pytest.mark.parametrize(
    ("day", "text"), [(date(2026, 11, 25), "2026年11月25日"), (date(2026, 1, 5), "2026年1月5日"), (None, "")]
)
def test_format_date_cn(day: date | None, text: str) -> None:
    assert format_date_cn(day) == text


# --- masking --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("410302198503121234", "410302********1234"), ("11010519491231002X", "110105********002X"),
        ("410302850312131", "41***********31"), ("12345", "12*45"), ("1234", "****"), ("", ""),
    ],
)
def test_mask_id_number(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("13812345678", "138****5678"), ("0379-12345678", "0379-****5678"), ("010-1234567", "010-***4567"),
        ("0379-12345678-123", "0379-****5678"), ("12345678", "****5678"), ("1234", "****"), ("", ""),
    ],
)
def test_mask_phone(number: str, masked: str) -> None:
    assert mask_phone(number) == masked


@given(st.text(alphabet="0123456789X", min_size=18, max_size=18), st.text(alphabet="0123456789", min_size=8,
                                                                        max_size=8))
def test_masked_id_keeps_only_the_ends(number: str, other_middle: str) -> None:
    masked = mask_id_number(number)
    assert len(masked) == 18 and masked[:6] == number[:6] and masked[-4:] == number[-4:]
    assert masked[6:14] == "*" * 8
    # Nothing of digits 7–14 survives: a number with other digits there masks the same.
    assert mask_id_number(number[:6] + other_middle + number[14:]) == masked


@given(mobiles, st.text(alphabet="0123456789", min_size=4, max_size=4))
def test_masked_mobile_keeps_only_the_ends(number: str, other_middle: str) -> None:
    masked = mask_phone(number)
    assert masked == number[:3] + "****" + number[-4:]
    assert mask_phone(number[:3] + other_middle + number[7:]) == masked


def test_mask_is_the_same_for_every_way_the_number_was_typed() -> None:
    typed = [GOOD.lower(), GOOD.translate(FULL_WIDTH), f" {GOOD[:6]} {GOOD[6:]}"]
    assert {mask_id_number(check_id_number(t).number) for t in typed} == {GOOD[:6] + "********" + GOOD[-4:]}
    assert {mask_phone(check_phone(t)) for t in ["+86 138 1234 5678", "138-1234-5678"]} == {"138****5678"}


def test_far_future_birth_in_id_is_refused_with_the_real_today() -> None:
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(FieldError, match="出生日期部分无效"):
        check_id_number(make_id(birth=f"{tomorrow:%Y%m%d}"))
