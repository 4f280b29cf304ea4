"""From the members tab's Print button to paper: background build, preview, QPrinter output."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from db.demo import fill_demo
from desktop.common.context import AppContext
from desktop.members.tab import MembersTab
from desktop.printing.job import PdfJob
from desktop.printing.preview import PdfPreviewDialog
from desktop.printing.roster_dialog import RosterOptionsDialog
from desktop.printing.table_document import Cancelled


def test_roster_prints_in_the_background_and_previews(qtbot, tmp_path: Path, qapp,  # type: ignore[no-untyped-def]
                                                       db_target: Path | str) -> None:
    from db.database import open_database
    from desktop.settings import use_ini_file

    use_ini_file(tmp_path / "settings.ini")
    db = open_database(db_target)
    fill_demo(db)
    ctx = AppContext(db=db)
    tab = MembersTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()

    options = RosterOptionsDialog(tab)
    qtbot.addWidget(options)
    assert "id_number" in options.fields() and options.masked()

    ready: list[Path] = []
    job = tab.print_roster(options.fields(), options.masked(), on_ready=ready.append)
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: bool(ready))
    pdf = ready[0]
    assert len(PdfReader(pdf).pages) >= 10

    preview = PdfPreviewDialog(pdf, "党员花名册")
    qtbot.addWidget(preview)
    assert preview.page_spin.maximum() == len(PdfReader(pdf).pages)
    pixmap = preview.image_label.pixmap()
    assert pixmap.width() > pixmap.height() > 500  # landscape A4 at screen resolution
    preview.page_spin.setValue(2)

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    preview.prepare(printer)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFromTo(1, 3)
    assert preview.print_to(printer) == 3
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == 3
    width, height = (float(x) for x in printed.pages[0].mediabox.upper_right)
    assert width > height  # landscape, like the document
    preview.reject()
    db.close()
    use_ini_file(None)


def test_a_cancelled_job_reports_cancelled(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    def build(progress, cancelled):  # type: ignore[no-untyped-def]
        for i in range(1000):
            if cancelled():
                raise Cancelled()
            progress(i, 1000)
        raise AssertionError("not cancelled")

    job = PdfJob(build)
    job.cancel()
    with qtbot.waitSignal(job.cancelled, timeout=5_000):
        job.start()
    assert job.wait()


def test_a_failing_job_reports_one_sentence(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    def build(progress, cancelled):  # type: ignore[no-untyped-def]
        raise OSError("磁盘已满")

    job = PdfJob(build)
    with qtbot.waitSignal(job.failed, timeout=5_000) as blocker:
        job.start()
    assert blocker.args == ["磁盘已满"]
    assert job.wait()
