"""The exchange's work off the UI thread: a progress dialog with Cancel, then one message saying
what was done (or the one sentence of why not). Cancelling rolls everything back: a station
copy's file is removed, an import writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from db.database import Database
from desktop.common.job import BackgroundJob
from desktop.exchange.text import Exchange

Progress = Callable[[int, int], None]


def _cancellable(progress: Progress, cancelled: Callable[[], bool]) -> Progress:
    def step(done: int, total: int) -> None:
        progress(done, total)
        if cancelled():
            raise InterruptedError

    return step


def run_exchange_job(parent: QWidget, title: str, text: str, work: Callable[[Progress], Any],
                     done: Callable[[Any], str], on_done: Callable[[Any], None] | None = None) -> BackgroundJob:
    """Run `work(progress)` in the background; `done(result)` is the message shown after it."""
    job = BackgroundJob(lambda progress, cancelled: work(_cancellable(progress, cancelled)))
    dialog = QProgressDialog(text, Exchange.tr("Cancel"), 0, 100, parent)
    dialog.setObjectName("exchange_progress")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(job.cancel)
    job.progress.connect(lambda d, t: dialog.setValue(int(d * 100 / max(t, 1))))

    def close() -> None:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()

    def finished(result: Any) -> None:
        close()
        QMessageBox.information(parent, title, done(result))
        if on_done is not None:
            on_done(result)

    def failed(message: str) -> None:
        close()
        QMessageBox.warning(parent, title, message)

    job.finished.connect(finished)
    job.failed.connect(failed)
    job.cancelled.connect(close)
    parent._exchange_job = job  # type: ignore[attr-defined]  # keep the job (and its thread) alive
    job.start()
    return job


def make_station(db: Database, name: str, out: Path, include_numbers: bool, progress: Progress) -> Any:
    from db.exchange.stations import create_station

    return create_station(db, name, out, include_numbers=include_numbers, progress=progress)


def export_to(db: Database, peer: str, out: Path, progress: Progress) -> Any:
    from db.exchange.outgoing import export_bundle, peer_named

    progress(0, 1)
    with db.session() as s, s.begin():
        return export_bundle(s, peer_named(s, peer), out)


def import_from(db: Database, path: Path, progress: Progress) -> Any:
    from db.exchange.incoming import import_bundle

    with db.session() as s, s.begin():
        return import_bundle(s, path, progress)


def station_made_text(made: Any) -> str:
    numbers = (Exchange.tr("phone numbers masked, ID numbers left out") if made.numbers_masked
               else Exchange.tr("ID and phone numbers in full"))
    return (Exchange.tr("The station copy is saved as %1 (%2 records, %3). Take it to the station and open it "
                        "there; bring its bundles back to import them here.")
            .replace("%1", str(made.path)).replace("%2", str(made.rows)).replace("%3", numbers))


def exported_text(done: Any) -> str:
    lines = [Exchange.tr("The bundle is saved as %1 (%2 changes).").replace("%1", str(done.path))
             .replace("%2", str(done.changes))]
    return "\n\n".join([*lines, *done.warnings])


def imported_text(result: Any) -> str:
    counts = result.counts()
    lines = [Exchange.tr("Applied %1 changes; %2 were here already; %3 conflicts wait in Pending conflicts; "
                         "%4 people were recognised as already registered.")
             .replace("%1", str(counts["applied"])).replace("%2", str(counts["skipped"]))
             .replace("%3", str(counts["conflicts"])).replace("%4", str(counts["persons_merged"]))]
    return "\n\n".join([*lines, *result.warnings])
