"""Garbage is collected on the UI thread only, never in a background job's thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication

from desktop.common.job import BackgroundJob
from desktop.common.main_thread_gc import collect_on_the_ui_thread


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_worker_never_collects_and_the_ui_thread_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    collector = collect_on_the_ui_thread(QApplication.instance())
    assert not gc.isenabled()
    threads: list[str] = []

    def note(phase: str, _info: dict) -> None:  # type: ignore[type-arg]
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.callbacks.append(note)
    try:
        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            for _ in range(50_000):  # far past the first threshold: Python would collect here
                Cycle()
            return "done"

        results: list[str] = []
        job = BackgroundJob(work)
        job.finished.connect(results.append)
        job.start()
        qtbot.waitUntil(lambda: results == ["done"], timeout=10_000)
        assert threads == [] or set(threads) == {threading.main_thread().name}
        qtbot.waitUntil(lambda: gc.get_count()[0] < collector.thresholds[0] or bool(threads), timeout=5_000)
        assert threads and set(threads) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(note)
