"""Turning stored values into what a person reads: Chinese dates, labels of coded values."""

from __future__ import annotations

from datetime import date, datetime, time

from db.validation import format_date_cn
from db.vocab import Vocabulary


def format_date(value: date | datetime | None, chinese: bool = True) -> str:
    """2026年11月25日 in Chinese, 2026-11-25 otherwise; "" for no date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return format_date_cn(value) if chinese else value.isoformat()


def format_datetime(value: datetime | None, chinese: bool = True) -> str:
    if value is None:
        return ""
    return f"{format_date(value, chinese)} {value:%H:%M}"


def format_time(value: time | None) -> str:
    return "" if value is None else f"{value:%H:%M}"


def format_hours(hours: float | None) -> str:
    """1.5 → "1.5", 2.0 → "2": service hours as the office writes them."""
    if hours is None:
        return ""
    return f"{hours:.2f}".rstrip("0").rstrip(".")


def label(vocab: Vocabulary, code: str | None, chinese: bool = True) -> str:
    return vocab.label(code, "zh" if chinese else "en")
