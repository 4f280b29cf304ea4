"""From a Print button to the preview: build the PDF in the background, then show it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.printing.job import PdfJob
from desktop.printing.text import Printing

Builder = Callable[[Path, Callable[[int, int], None], Callable[[], bool]], None]



def start_pdf(parent: QWidget, title: str, file_name: str, build: Builder,
              on_ready: Callable[[Path], None] | None = None) -> PdfJob:
    """Build the PDF off the UI thread with a cancellable progress dialog, then preview it.

    `build(out, progress, cancelled)` writes the file. The returned job is kept by the caller
    (tests wait on its signals); `on_ready` replaces the preview (tests, batch use).
    """
    out = Path(tempfile.mkdtemp(prefix="community-desk-")) / file_name

    def run(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Path:
        build(out, progress, cancelled)
        return out

    job = PdfJob(run)
    dialog = QProgressDialog(Printing.tr("Preparing %1…").replace("%1", title), Printing.tr("Cancel"), 0, 100, parent)
    dialog.setObjectName("pdf_progress")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.canceled.connect(job.cancel)
    job.progress.connect(lambda done, total: dialog.setValue(int(done * 100 / max(total, 1))))

    def ready(path: str) -> None:
        dialog.reset()
        if on_ready is not None:
            on_ready(Path(path))
        else:
            from desktop.printing.preview import PdfPreviewDialog  # (Qt's PDF module: when first shown)

            PdfPreviewDialog(Path(path), title, parent).exec()

    def failed(message: str) -> None:
        dialog.reset()
        QMessageBox.warning(parent, Printing.tr("Not printed"), message)

    job.finished.connect(ready)
    job.failed.connect(failed)
    job.cancelled.connect(dialog.reset)
    parent._pdf_job = job  # type: ignore[attr-defined]  # keep the job (and its thread) alive
    job.start()
    return job
