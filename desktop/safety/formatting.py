"""How a backup is described to a person: its date, its size and what it holds."""

from __future__ import annotations

from datetime import datetime


def backup_date(at: datetime) -> str:
    """2026年11月25日 14:05 — the form the office writes dates in."""
    return f"{at.year}年{at.month}月{at.day}日 {at:%H:%M}"


def file_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def record_counts(counts: dict[str, int]) -> str:
    """党员 300 · 网格员 20 · …"""
    return " · ".join(f"{label} {count}" for label, count in counts.items())
