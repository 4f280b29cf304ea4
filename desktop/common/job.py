"""Running a function off the UI thread and hearing back by signal (Anki's QueryOp, in small).

The function receives progress(done, total) and cancelled() callbacks and must not touch
widgets; its result or its error comes back through finished/failed on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]

# Jobs whose thread is still running. Qt aborts the process when a running QThread is
# destroyed, so a job stays referenced here until its thread has finished, whoever else
# forgets it (a dialog closed early, a test's local variable, a second job replacing it).
_running: set[BackgroundJob] = set()


class BackgroundJob(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self._stop = threading.Event()
        self._thread = QThread()
        self.moveToThread(self._thread)
        self._thread.started.connect(self._run)
        for signal in (self.finished, self.failed, self.cancelled):
            signal.connect(self._thread.quit)
        self._thread.finished.connect(lambda: _running.discard(self))

    def start(self) -> None:
        _running.add(self)
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def cancel(self) -> None:
        self._stop.set()

    def wait(self, ms: int = 60_000) -> bool:
        return self._thread.wait(ms)

    def _run(self) -> None:
        try:
            result = self._work(self.progress.emit, self._stop.is_set)
        except InterruptedError:
            self.cancelled.emit()
        except Exception as exc:  # reported to the person, never raised into Qt
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.finished.emit(result)
