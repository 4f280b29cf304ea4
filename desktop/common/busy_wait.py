"""Short work that cannot be cancelled half-way (connecting to a server, pg_dump, a restore's
one transaction), run off the UI thread behind a busy dialog while the caller waits for its
result — as a modal dialog's exec() waits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.common.job import BackgroundJob


def wait_behind_busy_dialog(work: Callable[[], Any], failed: Callable[[str], Any], *, parent: QWidget | None,
                            title: str, text: str, name: str,
                            modality: Qt.WindowModality = Qt.WindowModality.WindowModal) -> Any:
    """`work()`'s result, or `failed(sentence)` when it raised (the job's one sentence). The busy
    dialog shows after 300 ms, without a Cancel button."""
    outcome: list[Any] = []
    loop = QEventLoop()

    def done(result: Any) -> None:
        outcome.append(result)
        loop.quit()

    job = BackgroundJob(lambda _progress, _cancelled: work())
    job.finished.connect(done)
    job.failed.connect(lambda message: done(failed(message)))
    busy = QProgressDialog(text, "", 0, 0, parent)
    busy.setObjectName(name)
    busy.setWindowTitle(title)
    busy.setCancelButton(None)
    busy.setWindowModality(modality)
    busy.setMinimumDuration(300)
    job.start()
    if not outcome:
        loop.exec()
    busy.reset()
    busy.deleteLater()
    return outcome[0]
