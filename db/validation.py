"""Rules for the values people type or import: cleaning, ID numbers, phones, dates, names.

The forms and the importer call the same functions, so a wrong ID number gets the same
Chinese message in a dialog and in an import error report. Every failure is a FieldError
naming the field; messages start with the field's Chinese label ("身份证号：校验位不正确").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from operator import mul
from typing import Any, TypeVar

T = TypeVar("T")

MAX_SERVICE_HOURS_PER_DAY = 24
MAX_ID = 2**31 - 1  # PostgreSQL's integer id column (SQLite's go to 2**63 - 1): a larger id cannot even be looked up
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
MIDDLE_DOT = "·"  # U+00B7, what a Chinese input method types for 间隔号
OTHER_DOTS = "•・‧･"  # the same mark from Word, Japanese input methods and old systems
MIDDLE_DOTS = MIDDLE_DOT + OTHER_DOTS
# CJK Unified Ideographs with extensions A–H and the compatibility blocks: rare characters
# in names are real (生僻字), and an office must be able to register the person.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af"


class FieldError(ValueError):
    """A value a person typed or imported is wrong.

    `field` is the attribute name ("id_number") so a form can put the message next to the right
    widget; `message` is the whole Chinese sentence shown to the person, always starting with the
    field's label ("身份证号：校验位不正确，请核对号码"), so it also reads well in an import report
    where there is no widget beside it. str(error) is the message.
    """

    def __init__(self, field: str, label: str, problem: str) -> None:
        self.field = field
        self.label = label
        self.problem = problem
        self.message = f"{label}：{problem}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class ValidationErrors(ValueError):
    """Several field errors found in one record; the form shows each at its field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("；".join(e.message for e in self.errors))


class ErrorCollector:
    """Runs validators and keeps their FieldErrors, so one save reports every problem at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def check(self, validator: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """The validator's result, or None when it raised a FieldError (which is kept)."""
        try:
            return validator(*args, **kwargs)
        except FieldError as exc:
            self.errors.append(exc)
            return None

    def add(self, error: FieldError) -> None:
        self.errors.append(error)

    def has(self, field: str) -> bool:
        return any(e.field == field for e in self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationErrors(self.errors)


# --- cleaning -------------------------------------------------------------------------------

def _fullwidth(text: str) -> str:
    """Full-width letters, digits and the signs of numbers and addresses to ASCII (ＡＢＣ１２３ → ABC123).

    Only these: full-width ，。：；！？ are ordinary Chinese punctuation and stay as typed, where a
    blanket NFKC would turn them into ASCII and change how an address or a note reads.
    """
    return "".join(unicodedata.normalize("NFKC", ch) if _converts(ch) else ch for ch in text)


def _converts(ch: str) -> bool:
    return "\uff01" <= ch <= "\uff5e" and (ch.isalnum() or ch in "－＋＠．／＿（）＃＆％")


# Anything clean_text would change (\s covers NBSP, U+3000, tabs and line breaks).
_NEEDS_CLEANING = re.compile("[\uff01-\uff5e\u200b-\u200d\u2060\ufeff\u00ad]|[^\\S ]| {2,}")
_LINE_BREAKS = re.compile("\r\n|[\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_SPACES_BUT_NEWLINE = re.compile(r"[^\S\n]")


def clean_text(value: object) -> str:
    """One line of text as people mean it: no zero-width or odd spaces, single spaces, trimmed.

    Text pasted from Word, web pages and WeChat carries no-break spaces, U+3000 and zero-width
    marks that are invisible but would make "张三" and "张三\\u200b" two different people.
    """
    if value is None:
        return ""
    text = str(value)
    if not _NEEDS_CLEANING.search(text):  # the usual case, checked once (imports clean ~10 cells a row)
        return text.strip()
    text = _fullwidth(text).translate(ZERO_WIDTH)
    return re.sub(r"\s+", " ", text).strip()


def clean_multiline(value: object) -> str:
    """Like clean_text but keeps line breaks (as \\n) for notes and case facts.

    Runs of spaces inside a line are left alone: people line up lists in notes with them.
    """
    if value is None:
        return ""
    text = _LINE_BREAKS.sub("\n", _fullwidth(str(value)).translate(ZERO_WIDTH))
    text = _SPACES_BUT_NEWLINE.sub(" ", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


_TEXT_TYPES = (str, int, float, Decimal, date, time)  # datetime is a date


def as_text(value: object, field: str, label: str) -> str:
    """The text of a value meant as text: a string, or what a ledger cell holds (a number, a date).

    Anything else (bytes, a list, a dict, True, NaN) is a script's or a reader's mistake and is
    refused here, where storing "[1, 2]" or "b'x'" would pass every later check. str() of an
    int over 4300 digits raises ValueError, so such ints are refused before it is called.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, _TEXT_TYPES):
        raise FieldError(field, label, "应为文字")
    if isinstance(value, int) and value.bit_length() > 10_000:
        raise FieldError(field, label, "数字过长")
    if isinstance(value, float | Decimal) and not _finite(value):
        raise FieldError(field, label, "应为文字")
    return str(value)


def check_code(value: object, choices: Container[str], field: str, label: str,
               problem: str = "请从列表中选择") -> str:
    """A coded value (db.vocab) from a list; a list or a dict given instead is refused, not looked up."""
    if not isinstance(value, str) or value not in choices:
        raise FieldError(field, label, problem)
    return value


def check_required(value: str, field: str, label: str) -> str:
    """The value unchanged; refused when nothing but spaces and invisible marks is left of it."""
    if not clean_text(value):
        raise FieldError(field, label, "必填")
    return value


def check_length(value: str, field: str, label: str, max_len: int) -> str:
    """Counted in characters, which is how people count Chinese text (not bytes)."""
    if len(value) > max_len:
        raise FieldError(field, label, f"不能超过 {max_len} 个字")
    return value


# Bidi overrides and isolates reorder how text is shown ("Trojan Source"); nobody types them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# The characters of categories Cc (but \n, \t), Cs and Co, and the bidi controls, as one
# class: a regular expression scans a line in C, where a loop over unicodedata.category ran
# in Python for every character of every cell an import checks.
_REFUSED_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff"
    "\u202a-\u202e\u2066-\u2069]")


def storable(text: str) -> bool:
    """Whether text could be in the database at all: no rule lets refused characters in, so a
    lookup by such text (a raw ledger cell) finds nothing and need not be asked. PostgreSQL
    refuses a NUL even in a query that only looks it up."""
    return not _REFUSED_CHARS.search(text)


def check_no_control_chars(value: str, field: str, label: str) -> str:
    """Refuse control characters (other than \\n and \\t), surrogates, private-use and bidi overrides.

    They come from corrupt files or copy-paste accidents, show as boxes or nothing at all, and
    break the XML inside .xlsx exports.
    """
    if _REFUSED_CHARS.search(value):
        raise FieldError(field, label, "含有无法识别的字符")
    return value


def check_free_text(value: object, field: str, label: str, max_len: int = 200, multiline: bool = False,
                    required: bool = False) -> str:
    """Free text (address, notes …), cleaned and limited.

    Formula-looking text ("=SUM(A1)") is kept as typed: it is a legitimate note, and the Excel
    export is where it could do harm, so the export escapes it.
    """
    text = as_text(value, field, label)
    text = clean_multiline(text) if multiline else clean_text(text)
    if required:
        check_required(text, field, label)
    check_no_control_chars(text, field, label)
    return check_length(text, field, label, max_len)


_NAME = re.compile(rf"[{HAN_RANGES}A-Za-z{MIDDLE_DOT} ]+")
_SPACE_BESIDE_HAN = re.compile(rf" *([{HAN_RANGES}{MIDDLE_DOT}]) *")
_DOT_TRANSLATION = str.maketrans(OTHER_DOTS, MIDDLE_DOT * len(OTHER_DOTS))


def check_person_name(value: object, field: str = "name", label: str = "姓名") -> str:
    """A person's name: Chinese characters, Latin letters and the 间隔号 of ethnic names.

    Every middle-dot look-alike is stored as "·" (U+00B7), so 阿依古丽•买买提 from a Word file
    and 阿依古丽·买买提 typed in the form are the same name when records are matched. Spaces
    next to Chinese characters are typing slips (张 三 → 张三); between Latin words they stay.
    """
    name = clean_text(as_text(value, field, label))
    check_required(name, field, label)
    check_length(name, field, label, 30)
    name = name.translate(_DOT_TRANSLATION)
    if " " in name:  # (the pattern matches every Chinese character: only worth running on a space)
        name = _SPACE_BESIDE_HAN.sub(r"\1", name)
    if not _NAME.fullmatch(name):
        raise FieldError(field, label, "只能包含汉字、字母和间隔号“·”")
    if name.startswith(MIDDLE_DOT) or name.endswith(MIDDLE_DOT) or MIDDLE_DOT * 2 in name:
        raise FieldError(field, label, "间隔号“·”只能用在两段名字之间")
    return name


# --- identity numbers -----------------------------------------------------------------------

@dataclass(frozen=True)
class IdNumberInfo:
    number: str
    birth_date: date
    gender: str  # "male" / "female"


# A masked copy (an export or a public notice) brought back in: say so, rather than "format wrong".
MASKED_PROBLEM = "是打码后的号码（含*），无法使用；请填写完整号码（导出时可选择“显示完整号码”）"


def normalize_id_number(value: object) -> str:
    """The number as stored (ASCII digits, upper-case X, no spaces), for matching; not validated."""
    return clean_text(value).replace(" ", "").upper()


def id_check_character(first17: str) -> str:
    """GB 11643-1999: weighted sum of the first 17 digits, mod 11, mapped to "10X98765432"."""
    total = sum(map(mul, map(int, first17), ID_WEIGHTS))  # the caller gives exactly 17 digits
    return ID_CHECK_CHARS[total % 11]


def _birth_from(digits: str, field: str, label: str, today: date) -> date:
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise FieldError(field, label, "出生日期部分无效") from None
    if born.year < 1900 or born > today:
        raise FieldError(field, label, "出生日期部分无效")
    return born


_ID_CHARS = re.compile(r"[0-9X]+")


def check_id_number(value: object, *, birth_date: date | None = None, gender: str | None = None,
                    field: str = "id_number", label: str = "身份证号",
                    today: date | None = None) -> IdNumberInfo | None:
    """A resident ID number per GB 11643, normalised to 18 characters; None when empty.

    Legacy 15-digit numbers (YYMMDD, no check character) are converted the official way. When
    the form also has a birth date or gender, they must agree with the number: a mismatch
    almost always means one of the two was typed for someone else.
    """
    number = normalize_id_number(as_text(value, field, label))
    if not number:
        return None
    if "*" in number:
        raise FieldError(field, label, MASKED_PROBLEM)
    if not _ID_CHARS.fullmatch(number) or "X" in number[:-1]:  # ASCII only: "٣".isdigit() is True
        raise FieldError(field, label, "只能是数字，最后一位可以是X")
    if len(number) == 15:
        if "X" in number:
            raise FieldError(field, label, "15位号码只能是数字")
        body = number[:6] + "19" + number[6:]
        number = body + id_check_character(body)
    if len(number) != 18:
        raise FieldError(field, label, f"应为18位（现为{len(number)}位）")
    if number[0] == "0":
        raise FieldError(field, label, "地区码无效")
    born = _birth_from(number[6:14], field, label, today or date.today())
    if number[17] != id_check_character(number[:17]):
        # Not "应为 X": the wrong digit may be any of the 18, and naming the "right" last
        # character invites fixing the number so it passes while staying wrong.
        raise FieldError(field, label, "校验位不正确，请核对号码")
    sex = "male" if int(number[16]) % 2 else "female"
    if birth_date is not None and birth_date != born:
        raise FieldError(field, label, f"与出生日期不一致（号码中为{format_date_cn(born)}）")
    if gender is not None and gender != sex:
        raise FieldError(field, label, f"与性别不一致（号码中为{'男' if sex == 'male' else '女'}）")
    return IdNumberInfo(number, born, sex)


# --- phones ---------------------------------------------------------------------------------

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_AREA_CODE = re.compile(r"0[0-9]{2,3}")
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―", "-"))
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x)\s*([0-9]{1,6})$", re.IGNORECASE)
_AREA_APART = re.compile(r"\((0[0-9]{2,3})\)(.*)|(0[0-9]{2,3})[ -]+(.*)")
# Written without a separator, the area code's length is known: 010 and 02x have three
# digits, every other mainland code four (0379), so 01012345678 is 010-12345678.
_AREA_JOINED = re.compile(r"(010|02[0-9]|0[3-9][0-9]{2})([0-9-]+)")
PHONE_PROBLEM = "格式不正确（手机号为11位数字，固定电话如 0379-12345678）"


def _landline(text: str) -> str | None:
    """0379-12345678[-123] from the ways landlines are written, or None."""
    extension = ""
    if match := _EXTENSION.search(text):
        extension, text = match.group(1), text[:match.start()]
    text = text.strip(" -")
    match = _AREA_APART.fullmatch(text) or _AREA_JOINED.fullmatch(text)
    if match is None:
        return None
    area, rest = [g for g in match.groups() if g is not None]
    groups = [g for g in re.split(r"[ -]+", rest.strip(" -")) if g]
    if not groups or not all(re.fullmatch(r"[0-9]+", g) for g in groups):
        return None
    number = "".join(groups)
    if not extension and len(groups) > 1 and len(number) > 8:  # 0379-12345678-123
        extension, number = groups[-1], "".join(groups[:-1])
    if not 7 <= len(number) <= 8 or len(extension) > 6:
        return None
    return f"{area}-{number}" + (f"-{extension}" if extension else "")


def check_phone(value: object, field: str = "phone", label: str = "联系电话") -> str:
    """A mobile (11 digits) or landline (0379-12345678[-123]) number, normalised; "" when empty.

    Mobiles are checked by shape only (1[3-9] and nine digits): operators keep adding prefixes.
    """
    text = clean_text(as_text(value, field, label)).translate(_DASHES)
    if not text:
        return ""
    if "*" in text:
        raise FieldError(field, label, MASKED_PROBLEM)
    compact = re.sub(r"[\s\-]", "", text)
    for prefix in ("+86", "0086", "86"):
        if compact.startswith(prefix) and _MOBILE.fullmatch(compact[len(prefix):]):
            return compact[len(prefix):]
    if _MOBILE.fullmatch(compact):
        return compact
    landline = _landline(text)
    if landline is None:
        raise FieldError(field, label, PHONE_PROBLEM)
    return landline


# --- dates ----------------------------------------------------------------------------------

_DATE_FORMS = (
    re.compile(r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"),
    re.compile(r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日?"),
    re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})"),
)
DATE_PROBLEM = "日期格式不正确（如 2026-11-25）"
_TIME_OF_DAY = re.compile(r"[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?$")  # "2026-11-25 00:00:00"


def parse_date(value: object, field: str, label: str, *, allow_future: bool = True,
               today: date | None = None) -> date | None:
    """A date from a form or a ledger: 2026-11-25, 2026/11/25, 2026.11.25, 2026年11月25日, 20261125.

    None when empty. `today` is for tests; allow_future=False is for dates that have happened
    (birth, admission to the Party), where a future date is a typing slip.
    """
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    else:
        try:
            text = as_text(value, field, label)
        except FieldError:
            raise FieldError(field, label, DATE_PROBLEM) from None
        text = _TIME_OF_DAY.sub("", clean_text(text)).replace(" ", "")
        if not text:
            return None
        match = next((m for form in _DATE_FORMS if (m := form.fullmatch(text))), None)
        if match is None:
            raise FieldError(field, label, DATE_PROBLEM)
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
        try:
            result = date(year, month, day)
        except ValueError:
            raise FieldError(field, label, f"日期不存在（{year}年{month}月{day}日）") from None
    if not 1900 <= result.year <= 2100:
        raise FieldError(field, label, "年份应在1900年到2100年之间")
    if not allow_future and result > (today or date.today()):
        raise FieldError(field, label, "不能晚于今天")
    return result


def check_date_order(earlier: date | None, later: date | None, field: str, label: str,
                     earlier_label: str) -> None:
    """`later` may equal `earlier` (a case accepted and closed the same day); missing dates pass."""
    if earlier is not None and later is not None and later < earlier:
        raise FieldError(field, label, f"不能早于{earlier_label}")


def format_date_cn(d: date | None) -> str:
    """2026年1月5日: no leading zeros, the way dates are written on letters and certificates."""
    return "" if d is None else f"{d.year}年{d.month}月{d.day}日"


# --- numbers, times and ids -------------------------------------------------------------------
#
# One way into a number for every field that takes one, so a phone number typed into a time
# (13800138000), a NaN from a script or "1e999" from a ledger is a message at its field, never
# an OverflowError from time() or SQLite. Only ASCII digits count, after full-width ones are
# converted: "١٢".isdigit() and float("١٢") accept Arabic-Indic digits, which nobody here types.

_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def _exact(value: object, field: str, label: str, problem: str) -> Decimal | None:
    """The value as an exact Decimal, None when empty; FieldError(problem) when it is no finite number.

    Text is a plain decimal ("12", "-1.5", "１２．５"): no exponent, hex, "NaN" or "inf".
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = clean_text(value)
        if not text:
            return None
        if not _NUMBER_TEXT.fullmatch(text):
            raise FieldError(field, label, problem)
        return Decimal(text)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise FieldError(field, label, problem)
    if not isinstance(value, int) and not _finite(value):
        raise FieldError(field, label, problem)
    return Decimal(value)  # exact, for huge ints too (no str() on the way)


def _finite(value: object) -> bool:
    """A float or Decimal that is a number (math.isfinite raises on a signalling Decimal NaN)."""
    if isinstance(value, Decimal):
        return value.is_finite()
    return isinstance(value, float) and math.isfinite(value)


def check_int(value: object, field: str, label: str, minimum: int, maximum: int, *,
              problem: str | None = None) -> int | None:
    """A whole number within minimum..maximum, None when empty (the caller decides what empty means).

    Takes an int, a whole float or Decimal (3.0 from a ledger cell), or text of digits; `problem`
    (default "应为M到N之间的整数") is the one message for anything else.
    """
    problem = problem or f"应为{minimum}到{maximum}之间的整数"
    number = _exact(value, field, label, problem)
    if number is None:
        return None
    if not minimum <= number <= maximum or number != number.to_integral_value():
        raise FieldError(field, label, problem)
    return int(number)


def check_number(value: object, field: str, label: str, minimum: float, maximum: float, *, places: int = 2,
                 format_problem: str = "应为数字", range_problem: str | None = None) -> float | None:
    """A number within minimum..maximum rounded half up to `places` decimals; None when empty.

    The range is checked on the value as given (24.004 hours is over 24), and -0 comes back as 0.
    """
    number = _exact(value, field, label, format_problem)
    if number is None:
        return None
    if not minimum <= number <= maximum:
        raise FieldError(field, label, range_problem or f"应在 {minimum:g} 到 {maximum:g} 之间")
    return float(number.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)) + 0.0


_TIME_TEXT = re.compile(r"([0-9]{1,2})(?::([0-9]{1,2})(?::([0-9]{1,2}))?|:)?")  # 8, 8: (from 8点), 8:30, 8:30:00
_MINUTES_PER_DAY = 24 * 60
TIME_PROBLEM = "时间格式不正确（如 08:30）"


def check_time(value: object, field: str, label: str, *, problem: str = TIME_PROBLEM) -> time | None:
    """A time of day, None when empty: "08:30", "8:30", "0830", "8点30", "8时", "08:30:00" (seconds dropped).

    Also a time or datetime, a number such as 830 from a ledger cell, and a fraction of a day
    below 1 (how Excel stores a time). Hours 0–23 and minutes 0–59 only: "24:00", "12:99",
    "-1:30" and a phone number typed into the field are refused.
    """
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    if isinstance(value, float | Decimal) and _finite(value):
        if 0 < value < 1:
            minutes = round(value * _MINUTES_PER_DAY)
            if minutes >= _MINUTES_PER_DAY:
                raise FieldError(field, label, problem)
            return time(minutes // 60, minutes % 60)
        if 0 <= value <= 2359 and value == int(value):
            value = int(value)  # 830.0 from a ledger cell is 830
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2359:
        value = str(value)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FieldError(field, label, problem)
    text = clean_text(value).replace("：", ":").replace("点", ":").replace("时", ":").replace("分", "")
    text = text.replace(" ", "")
    if not text:
        return None
    if text.isascii() and text.isdigit() and len(text) in (3, 4):
        text = f"{text[:-2]}:{text[-2:]}"
    match = _TIME_TEXT.fullmatch(text)
    if match is None:
        raise FieldError(field, label, problem)
    hour, minute, second = (int(g) if g else 0 for g in match.groups())
    if hour > 23 or minute > 59 or second > 59:
        raise FieldError(field, label, problem)
    return time(hour, minute)


def check_flag(value: object, field: str, label: str) -> bool:
    """A tick box: True or False, None (never set) being False. bool() would take "NaN" or [0] as yes."""
    if value is None or isinstance(value, bool):
        return bool(value)
    raise FieldError(field, label, "应为“是”或“否”")


def is_id(value: object) -> bool:
    """A possible database id: an int (not a bool) from 1 to the largest either engine stores."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


def check_id(value: object, field: str, label: str, problem: str = "请从列表中选择") -> int | None:
    """An id chosen in a list (None when nothing is chosen); whether it still exists is the caller's query."""
    if value is None:
        return None
    if isinstance(value, int) and is_id(value):
        return value
    raise FieldError(field, label, problem)


# --- masking --------------------------------------------------------------------------------

def mask_id_number(number: str) -> str:
    """410302********1234: one fixed pattern everywhere, so masked copies cannot be combined."""
    if not number:
        return ""
    if len(number) == 18:
        return number[:6] + "*" * 8 + number[-4:]
    if len(number) <= 4:
        return "*" * len(number)
    return number[:2] + "*" * (len(number) - 4) + number[-2:]


# What mask_phone itself gives: 138****5678, 0379-****5678, ****5678.
_MASKED_PHONE = re.compile(r"1\d{2}\*{4}\d{4}|0\d{2,3}-\*+\d{4}|\*+\d{0,4}")


def mask_phone(number: str) -> str:
    """138****5678 for mobiles; 0379-****5678 for landlines (extension dropped)."""
    if not number:
        return ""
    if _MASKED_PHONE.fullmatch(number):  # masked already (a station copy holds its phones so): as it is
        return number
    if _MOBILE.fullmatch(number):
        return number[:3] + "****" + number[-4:]
    area, dash, rest = number.partition("-")
    if dash and _AREA_CODE.fullmatch(area):  # 0379-12345678: the area code says only the city
        rest = rest.split("-")[0]
        return f"{area}-" + "*" * max(len(rest) - 4, 0) + rest[-4:]
    if len(number) <= 4:
        return "*" * len(number)
    return "*" * (len(number) - 4) + number[-4:]


_ID_IN_TEXT = re.compile(r"(?<!\d)(\d{17}[\dXx]|\d{15})(?!\d)")
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)(1\d{10})(?!\d)")


def mask_numbers_in(text: str) -> str:
    """Any ID or mobile number inside a sentence, masked: a value typed in the wrong column
    (an ID under 民族) is quoted in messages, reports and the command line's output."""
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(1).upper()), text)
    return _MOBILE_IN_TEXT.sub(lambda m: mask_phone(m.group(1)), text)
