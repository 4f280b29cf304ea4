"""Rules for the values people type or import: cleaning, ID numbers, phones, dates, names.

The forms and the importer call the same functions, so a wrong ID number gets the same
Chinese message in a dialog and in an import error report. Every failure is a FieldError
naming the field; messages start with the field's Chinese label ("身份证号：校验位不正确").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

T = TypeVar("T")

MAX_SERVICE_HOURS_PER_DAY = 24
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
MIDDLE_DOTS = "·•・‧"


class FieldError(ValueError):
    """A value a person typed or imported is wrong; `message` is shown to them as is."""

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

def _nfkc(text: str) -> str:
    """Full-width letters, digits and spaces to ASCII; CJK punctuation kept as typed."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E and (ch.isalnum() or ch in "－＋＠．／＿（）"):
            out.append(unicodedata.normalize("NFKC", ch))
        elif ch in "\u3000\u00a0\u2007\u202f":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


_NEEDS_CLEANING = re.compile("[\uff01-\uff5e\u3000\u00a0\u2007\u202f\u200b-\u200d\u2060\ufeff\u00ad\t\r\n\v\f]| {2,}")


def clean_text(value: object) -> str:
    """One line of text as people mean it: no zero-width or odd spaces, single spaces, trimmed."""
    if value is None:
        return ""
    text = str(value)
    if not _NEEDS_CLEANING.search(text):  # the usual case, checked once (imports clean ~10 cells a row)
        return text.strip()
    text = _nfkc(text).translate(ZERO_WIDTH)
    text = re.sub(r"[\t\r\n\v\f]+", " ", text)
    return re.sub(r" {2,}", " ", text).strip()


def clean_multiline(value: object) -> str:
    if value is None:
        return ""
    text = _nfkc(str(value)).translate(ZERO_WIDTH).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def check_required(value: str, field: str, label: str) -> str:
    if not value:
        raise FieldError(field, label, "必填")
    return value


def check_length(value: str, field: str, label: str, max_len: int) -> str:
    if len(value) > max_len:
        raise FieldError(field, label, f"不能超过 {max_len} 个字")
    return value


def check_no_control_chars(value: str, field: str, label: str) -> str:
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\t" for ch in value):
        raise FieldError(field, label, "含有无法识别的字符")
    return value


def check_free_text(value: object, field: str, label: str, max_len: int = 200, multiline: bool = False,
                    required: bool = False) -> str:
    """Free text (address, notes …). Formula-looking text is kept as typed; exports escape it."""
    text = clean_multiline(value) if multiline else clean_text(value)
    if required:
        check_required(text, field, label)
    check_no_control_chars(text, field, label)
    return check_length(text, field, label, max_len)


_NAME_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebefA-Za-z" + MIDDLE_DOTS + r" ]")


def check_person_name(value: object, field: str = "name", label: str = "姓名") -> str:
    name = clean_text(value)
    check_required(name, field, label)
    check_length(name, field, label, 30)
    if not all(_NAME_CHAR.fullmatch(ch) for ch in name) or name[0] in MIDDLE_DOTS + " ":
        raise FieldError(field, label, "只能包含汉字、字母和间隔号“·”")
    if " " in name and re.search(r"[\u3400-\u9fff] |[ ][\u3400-\u9fff]", name):
        name = name.replace(" ", "")  # 张 三 → 张三: spaces inside Chinese names are typing slips
    return name


# --- identity numbers -----------------------------------------------------------------------

@dataclass(frozen=True)
class IdNumberInfo:
    number: str
    birth_date: date
    gender: str  # "male" / "female"


def normalize_id_number(value: object) -> str:
    return clean_text(value).replace(" ", "").upper()


def id_check_character(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def _birth_from(digits: str, field: str, label: str) -> date:
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise FieldError(field, label, "出生日期部分无效") from None
    if born.year < 1900 or born > date.today():
        raise FieldError(field, label, "出生日期部分无效")
    return born


def check_id_number(value: object, *, birth_date: date | None = None, gender: str | None = None,
                    field: str = "id_number", label: str = "身份证号") -> IdNumberInfo | None:
    """A resident ID number per GB 11643, normalised to 18 characters; None when empty."""
    number = normalize_id_number(value)
    if not number:
        return None
    if len(number) == 15:
        if not number.isdigit():
            raise FieldError(field, label, "15位号码只能是数字")
        body = number[:6] + "19" + number[6:]
        number = body + id_check_character(body)
    if len(number) != 18:
        raise FieldError(field, label, f"应为18位（现为{len(number)}位）")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise FieldError(field, label, "只能是数字，最后一位可以是X")
    if number[0] == "0":
        raise FieldError(field, label, "地区码无效")
    born = _birth_from(number[6:14], field, label)
    expected = id_check_character(number[:17])
    if number[17] != expected:
        raise FieldError(field, label, "校验位不正确，请核对号码")
    sex = "male" if int(number[16]) % 2 else "female"
    if birth_date is not None and birth_date != born:
        raise FieldError(field, label, f"与出生日期不一致（号码中为{format_date_cn(born)}）")
    if gender is not None and gender != sex:
        raise FieldError(field, label, f"与性别不一致（号码中为{'男' if sex == 'male' else '女'}）")
    return IdNumberInfo(number, born, sex)


# --- phones ---------------------------------------------------------------------------------

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"\(?(0\d{2,3})\)?[- ]?(\d{7,8})(?:[-转](\d{1,6}))?")


def check_phone(value: object, field: str = "phone", label: str = "联系电话") -> str:
    """A mobile (11 digits) or landline (0379-12345678[-123]) number, normalised; "" when empty."""
    text = clean_text(value)
    if not text:
        return ""
    compact = re.sub(r"[\s\-]", "", text)
    if compact.startswith("+86"):
        compact = compact[3:]
    elif compact.startswith("86") and len(compact) == 13:
        compact = compact[2:]
    if _MOBILE.fullmatch(compact):
        return compact
    landline = _LANDLINE.fullmatch(text.replace(" ", "") if "(" in text else text)
    if landline is None:
        landline = _LANDLINE.fullmatch(text.replace(" ", "-", 1))
    if landline:
        area, number, ext = landline.groups()
        return f"{area}-{number}" + (f"-{ext}" if ext else "")
    raise FieldError(field, label, "格式不正确（手机号为11位数字，固定电话如 0379-12345678）")


# --- dates ----------------------------------------------------------------------------------

_DATE_FORMS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def parse_date(value: object, field: str, label: str, *, allow_future: bool = True,
               today: date | None = None) -> date | None:
    """A date from a form or a ledger: 2026-11-25, 2026/11/25, 2026.11.25, 2026年11月25日, 20261125."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    else:
        text = clean_text(value).replace(" ", "")
        if not text:
            return None
        match = next((m for form in _DATE_FORMS if (m := form.fullmatch(text))), None)
        if match is None:
            raise FieldError(field, label, "日期格式不正确（如 2026-11-25）")
        year, month, day = (int(g) for g in match.groups())
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
    if earlier is not None and later is not None and later < earlier:
        raise FieldError(field, label, f"不能早于{earlier_label}")


def format_date_cn(d: date | None) -> str:
    return "" if d is None else f"{d.year}年{d.month}月{d.day}日"


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


def mask_phone(number: str) -> str:
    """138****5678 for mobiles; 0379-****5678 for landlines."""
    if not number:
        return ""
    if _MOBILE.fullmatch(number):
        return number[:3] + "****" + number[-4:]
    if "-" in number:
        area, rest = number.split("-", 1)
        rest = rest.split("-")[0]
        return f"{area}-" + "*" * max(len(rest) - 4, 0) + rest[-4:]
    return "*" * max(len(number) - 4, 0) + number[-4:]
