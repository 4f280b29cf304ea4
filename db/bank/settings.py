"""The moral bank's settings, kept with the office's: points per volunteer hour, how many days a
good-deed claim is posted before it is credited, and expiry (off unless the office sets a number
of months). Changing them is an administrator's ("settings" right) and is logged."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from db.office import get_setting, set_setting
from db.permissions import require_in
from db.validation import ErrorCollector, FieldError, check_int

DEFAULT_RATE = Decimal(1)
MAX_RATE = Decimal(100)
DEFAULT_NOTICE_DAYS = 7
NOTICE_RANGE = (1, 30)
EXPIRY_RANGE = (0, 120)  # months; 0: points never expire
KEYS = {"rate": "bank_hours_rate", "notice_days": "bank_notice_days", "expiry_months": "bank_expiry_months"}


@dataclass(frozen=True)
class BankSettings:
    hours_rate: Decimal = DEFAULT_RATE  # points per volunteer hour (whole points credited, rounded down)
    notice_days: int = DEFAULT_NOTICE_DAYS
    expiry_months: int = 0


def _rate(value: object) -> Decimal:
    """A rate as typed: 1, 0.5, 2 — more than 0, at most 100, one decimal at most."""
    try:
        rate = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise FieldError("hours_rate", "每小时积分", "应为数字，如 1 或 0.5") from None
    if not rate.is_finite() or rate <= 0 or rate > MAX_RATE or rate != rate.quantize(Decimal("0.1")):
        raise FieldError("hours_rate", "每小时积分", "应为大于0、不超过100的数，最多一位小数")
    return rate


def bank_settings(session: Session) -> BankSettings:
    """The stored settings; a missing or damaged value reads as its default."""
    def whole(key: str, default: int, bounds: tuple[int, int]) -> int:
        try:
            value = int(get_setting(session, key))
        except ValueError:
            return default
        return value if bounds[0] <= value <= bounds[1] else default

    try:
        rate = _rate(get_setting(session, KEYS["rate"]) or DEFAULT_RATE)
    except FieldError:
        rate = DEFAULT_RATE
    return BankSettings(rate, whole(KEYS["notice_days"], DEFAULT_NOTICE_DAYS, NOTICE_RANGE),
                        whole(KEYS["expiry_months"], 0, EXPIRY_RANGE))


def save_bank_settings(session: Session, hours_rate: object, notice_days: object, expiry_months: object) -> None:
    require_in(session, "settings")
    errors = ErrorCollector()
    rate = errors.check(_rate, hours_rate)
    days = errors.check(check_int, notice_days, "notice_days", "公示天数", *NOTICE_RANGE)
    months = errors.check(check_int, expiry_months, "expiry_months", "积分有效期（月）", *EXPIRY_RANGE,
                          problem=f"应为0到{EXPIRY_RANGE[1]}之间的整数（0：不过期）")
    for value, field, label in ((days, "notice_days", "公示天数"), (months, "expiry_months", "积分有效期（月）")):
        if value is None and not errors.has(field):
            errors.add(FieldError(field, label, "必填"))
    errors.raise_if_any()
    set_setting(session, KEYS["rate"], str(rate))
    set_setting(session, KEYS["notice_days"], str(days))
    set_setting(session, KEYS["expiry_months"], str(months))
