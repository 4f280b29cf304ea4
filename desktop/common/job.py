"""Running a function off the UI thread and hearing back on the UI thread (Anki's QueryOp, in small).

The function receives progress(done, total) and cancelled() callbacks and must not touch
widgets. A worker object in a QThread runs it; its signals reach this job's slots, which
live on the UI thread, so whatever is connected to the job's own signals — plain functions
and lambdas included — runs on the UI thread too. (Connecting a lambda straight to a
worker's signal would run it in the worker thread, where touching widgets hangs or crashes.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from db.storage_errors import explain

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]

# Jobs whose thread is still running. Qt aborts the process when a running QThread is
# destroyed, so a job stays referenced here until its thread has finished.
_running: set[BackgroundJob] = set()


def wait_for_running_work(seconds: float = 30) -> None:
    """Until no job's work is running. Tests call it between tests: a worker still running
    Python (and so, now and then, the garbage collector) while the next test builds and drops
    widgets has freed Qt objects from the wrong thread and crashed the run."""
    for job in list(_running):
        job.wait_for_work(seconds)


class _Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work, stop: threading.Event, done: threading.Event) -> None:
        super().__init__()
        self._work, self._stop, self._done = work, stop, done

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self.progress.emit, self._stop.is_set)
        except InterruptedError:
            self.cancelled.emit()
        except Exception as exc:  # reported to the person, never raised into Qt
            self.failed.emit(explain(exc))
        else:
            self.finished.emit(result)
        finally:
            self._done.set()


class BackgroundJob(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._stop = threading.Event()
        self._done = threading.Event()  # the work has returned (the thread lives on until the UI hears it)
        self._thread = QThread()
        self._worker = _Worker(work, self._stop, self._done)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        self._thread.finished.connect(self._on_thread_finished)

    def start(self) -> None:
        _running.add(self)
        self._thread.start()

    def cancel(self) -> None:
        self._stop.set()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int = 60_000) -> bool:
        return self._thread.wait(ms)

    def wait_for_work(self, seconds: float) -> bool:
        """Until the work function has returned, without needing the UI thread's event loop
        (which `wait` does: the thread quits only once the UI has heard the result)."""
        return self._done.wait(seconds)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._thread.quit()
        self.finished.emit(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._thread.quit()
        self.failed.emit(message)

    @Slot()
    def _on_cancelled(self) -> None:
        self._thread.quit()
        self.cancelled.emit()

    @Slot()
    def _on_thread_finished(self) -> None:
        _running.discard(self)
