"""The clock warning: copies order their changes by their own counters, never by wall time, so a
wrong clock loses nothing; but the times written on records (created, changed, deleted) come
from each PC's clock, and an office PC whose date is a year off writes wrong dates into the
registers. When the other side's clock, as its last bundle recorded it, is ahead of this one's
by more than a day, or a bundle says it was written before the previous one was, one of the two
clocks is wrong: say so, at export and at import.

(A clock behind by days cannot be told from a bundle carried for days before it was imported.)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

FORMAT = "%Y-%m-%d %H:%M:%S"
TOLERANCE = timedelta(days=1)


def now_text() -> str:
    """This PC's clock (UTC) as bundles record it."""
    return datetime.now(UTC).strftime(FORMAT)


def local_minute(utc_text: str) -> str:
    """A journal time (UTC, as the triggers write it) as this PC's wall clock shows times: to
    the minute, 2026-12-04 09:30 (the text as it is when it is not one)."""
    parsed = _parse((utc_text or "")[:19])
    if parsed is None:
        return (utc_text or "")[:16]
    return parsed.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _parse(text: str | None) -> datetime | None:
    try:
        return datetime.strptime(text or "", FORMAT)
    except ValueError:
        return None


def ahead_warning(theirs: str | None, who: str, ours: str | None = None) -> str | None:
    """A sentence when `who`'s clock (`theirs`) is ahead of this PC's by more than a day."""
    their_time, our_time = _parse(theirs), _parse(ours or now_text())
    if their_time is None or our_time is None or their_time - our_time <= TOLERANCE:
        return None
    days = (their_time - our_time).days
    return (f"“{who}”电脑上的时间比本机快了约 {days} 天（或本机的时间慢了）：请核对两台电脑的日期和时间。"
            "交换的先后按各自的编号，不受影响，但记录上的日期会不准。")


def backwards_warning(previous: str | None, this: str, who: str) -> str | None:
    """A sentence when `who`'s bundle says it was written more than a day before its previous one."""
    before, now = _parse(previous), _parse(this)
    if before is None or now is None or before - now <= TOLERANCE:
        return None
    return (f"“{who}”这次交换包上的时间比上一次还早 {(before - now).days} 天：那台电脑的时间可能被调回过，"
            "请核对它的日期和时间。")
