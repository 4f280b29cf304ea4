"""Python's cyclic garbage collector runs on the UI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed. With
background jobs (home figures, imports, PDFs, backups) that is often a worker thread, and
when the garbage it finds holds Qt widgets — a closed dialog's wrapper in a reference cycle —
it destroys them from the wrong thread and the process crashes (seen as a segfault in CI,
"Garbage-collecting" in a worker's stack). So automatic collection is switched off and a
timer on the UI thread collects, generation by generation, as the thresholds would have. The
UI thread is free while a job runs (the job is what keeps it free), so a long import's
garbage is still collected at the usual pace. Qt-free code (the command line, scripts, the
benchmarks) keeps Python's own collector.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> None:
        """What the automatic collector would have done since the last tick."""
        young, middle, old = gc.get_count()
        first, second, third = self.thresholds
        if old > third:
            gc.collect(2)
        elif middle > second:
            gc.collect(1)
        elif young > first:
            gc.collect(0)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


def collect_on_the_ui_thread(app: QObject) -> MainThreadGarbageCollector:
    """Install once per application; the application keeps it (it is its child)."""
    existing = app.findChild(MainThreadGarbageCollector)
    return existing if existing is not None else MainThreadGarbageCollector(app)
