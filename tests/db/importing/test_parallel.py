"""Rows checked on two cores come back complete and in order, as if checked here."""

from __future__ import annotations

import os

import pytest

from db.importing import parallel


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_two_processes_give_the_same_list_in_order() -> None:
    items = list(range(10_001))
    results = parallel.map_rows(_square_and_pid, items)
    assert [r for r, _ in results] == [n * n for n in items]
    if parallel.available():  # on Linux the second half was checked by another process
        assert {pid for _, pid in results} - {os.getpid()}


def test_progress_reaches_the_end_and_cancel_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int]] = []
    parallel.map_rows(_square_and_pid, list(range(9_000)), progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] < seen[-1][1] == 9_000
    with pytest.raises(InterruptedError):
        parallel.map_rows(_square_and_pid, list(range(9_000)), cancelled=lambda: True)


def test_a_small_ledger_is_checked_here() -> None:
    results = parallel.map_rows(_square_and_pid, list(range(parallel.MIN_ROWS - 1)))
    assert {pid for _, pid in results} == {os.getpid()}
