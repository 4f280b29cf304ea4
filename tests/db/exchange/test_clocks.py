"""The clock warning (db.exchange.clocks): said when the other side's clock is ahead by more than
a day, or went back between two bundles; never for a bundle carried for days."""

from __future__ import annotations

from db.exchange.clocks import ahead_warning, backwards_warning

OURS = "2026-12-04 08:00:00"


def test_a_clock_ahead_by_more_than_a_day_is_named() -> None:
    warning = ahead_warning("2026-12-09 08:00:00", "幸福驿站", OURS)
    assert warning is not None and "幸福驿站" in warning and "5 天" in warning
    assert ahead_warning("2026-12-05 07:00:00", "幸福驿站", OURS) is None  # within a day: time zones, a late PC


def test_a_bundle_carried_for_days_is_no_clock_fault() -> None:
    assert ahead_warning("2026-11-20 08:00:00", "幸福驿站", OURS) is None


def test_a_clock_set_back_between_two_bundles_is_named() -> None:
    warning = backwards_warning("2026-12-04 08:00:00", "2026-11-01 08:00:00", "幸福驿站")
    assert warning is not None and "33 天" in warning
    assert backwards_warning(None, OURS, "幸福驿站") is None
    assert backwards_warning("garbage", OURS, "幸福驿站") is None
