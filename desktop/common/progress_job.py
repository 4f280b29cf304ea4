"""Long work that can be cancelled (an export, an expiry run), off the UI thread behind a
window-modal progress dialog: its bar follows the work's progress(done, total), its Cancel asks
the work to stop, and it closes however the work ends. The caller connects what it says on
finishing, failing or being cancelled to the job's signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.common.job import BackgroundJob, Work


def start_with_progress(parent: QWidget, name: str, text: str, cancel_text: str,
                        work: Work) -> tuple[BackgroundJob, QProgressDialog]:
    """Start `work` and show its progress dialog (after half a second: quick work shows none).
    The job's signals arrive through the UI thread's event loop, so what the caller connects to
    them right after this returns hears even work that is already done."""
    job = BackgroundJob(work)
    dialog = QProgressDialog(text, cancel_text, 0, 100, parent)
    dialog.setObjectName(name)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.canceled.connect(job.cancel)
    job.progress.connect(lambda done, total: dialog.setValue(int(done * 100 / max(total, 1))))
    for signal in (job.finished, job.failed, job.cancelled):
        signal.connect(dialog.reset)
    job.start()
    return job, dialog
