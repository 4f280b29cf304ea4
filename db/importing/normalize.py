"""Turning what people type into ledgers into values the rules understand.

Full-width digits, stray spaces (no-break, zero-width), lower-case x, and the many ways of
writing a date: Excel date cells and serial numbers, 1985-3-12, 1985.03, 1985年3月, 198503, 85.3.
A date given only to the month is kept as (year, month) so it can be checked against an ID
number's birth date instead of being guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from db.validation import clean_text

EXCEL_EPOCH = date(1899, 12, 30)


def cell_text(value: object) -> str:
    """A cell as text: 15.0 → "15", dates as 2026-11-25, everything cleaned."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 10_000:
        return "（超长数字）"  # str() refuses over ~4,300 digits; the rules then refuse this text
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return clean_text(value)


@dataclass(frozen=True)
class LooseDate:
    year: int
    month: int
    day: int | None  # None: only the month was written

    def as_date(self) -> date:
        return date(self.year, self.month, self.day or 1)


_FULL = re.compile(r"([0-9]{2,4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")
_MONTH = re.compile(r"([0-9]{2,4})\s*[-/.年]\s*([0-9]{1,2})\s*月?")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})?")


def _year(text: str) -> int:
    year = int(text)
    if year < 100:  # 85.3 → 1985; 05.3 → 2005
        year += 1900 if year > (date.today().year % 100) else 2000
    return year


def loose_date(value: object) -> LooseDate | None:
    """A date as ledgers write it, or None when empty. Raises ValueError when it is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return LooseDate(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and 1 < value < 80000 and not 190001 <= value <= 210012:
        d = EXCEL_EPOCH + timedelta(days=int(value))  # an Excel serial number
        return LooseDate(d.year, d.month, d.day)
    text = cell_text(value).replace(" ", "")
    if not text:
        return None
    for pattern in (_FULL, _MONTH, _COMPACT):
        m = pattern.fullmatch(text)
        if m:
            groups = m.groups()
            year, month = _year(groups[0]), int(groups[1])
            day = int(groups[2]) if len(groups) > 2 and groups[2] else None
            if not 1 <= month <= 12:
                break
            if day is not None:
                try:
                    date(year, month, day)
                except ValueError:
                    raise ValueError(f"日期不存在（{year}年{month}月{day}日）") from None
            return LooseDate(year, month, day)
    raise ValueError(f"日期格式不正确（“{text[:20]}”）")
