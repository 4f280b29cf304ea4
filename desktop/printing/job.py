"""Writing a PDF off the UI thread, with progress and cancel (Anki's QueryOp, in small).

The build function receives `progress(done, total)` and `cancelled()` callbacks; it runs in a
QThread and reports back by signal, never touching widgets. The window shows a progress
dialog whose Cancel sets the flag the builder polls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from desktop.printing.table_document import Cancelled

BuildFn = Callable[[Callable[[int, int], None], Callable[[], bool]], Path]


class PdfJob(QObject):
    progress = Signal(int, int)
    finished = Signal(str)  # the PDF's path
    failed = Signal(str)  # one sentence for the person
    cancelled = Signal()

    def __init__(self, build: BuildFn) -> None:
        super().__init__()
        self._build = build
        self._stop = threading.Event()
        self._thread = QThread()
        self.moveToThread(self._thread)
        self._thread.started.connect(self._run)
        for signal in (self.finished, self.failed, self.cancelled):
            signal.connect(self._thread.quit)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._stop.set()

    def wait(self, ms: int = 30_000) -> bool:
        return self._thread.wait(ms)

    def _run(self) -> None:
        try:
            path = self._build(self.progress.emit, self._stop.is_set)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # reported to the person, never raised into Qt
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.finished.emit(str(path))
