"""Print preview inside the app: the PDF's own pages, then the system print dialog.

What is shown is what prints: both come from the PDF file through pdfium. No document opens
in an external viewer unless the person saves it and opens it themselves.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.printing.rendering import PdfPages

SCREEN_DPI = 96
PRINT_DPI = 300


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf_path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setWindowTitle(self.tr("Print preview — %1").replace("%1", title))
        self.pdf_path = pdf_path
        self.pages = PdfPages(pdf_path)
        self.zoom = 1.0

        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("page_spin")
        self.page_spin.setRange(1, max(len(self.pages), 1))
        self.page_spin.valueChanged.connect(self.show_page)
        self.count_label = QLabel(self.tr("of %1 pages").replace("%1", str(len(self.pages))), self)
        self.print_button = self._button("print_button", self.tr("Print…"), self.on_print_button_clicked)
        self.save_button = self._button("save_button", self.tr("Save as PDF…"), self.on_save_button_clicked)
        zoom_in = self._button("zoom_in_button", "+", lambda: self.set_zoom(self.zoom * 1.25))
        zoom_out = self._button("zoom_out_button", "−", lambda: self.set_zoom(self.zoom / 1.25))
        close = self._button("close_button", self.tr("Close"), self.reject)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Page"), self))
        for widget in (self.page_spin, self.count_label, zoom_out, zoom_in):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.print_button, self.save_button, close):
            bar.addWidget(widget)
        self.image_label = QLabel(self)
        self.image_label.setObjectName("page_image")
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea(self)
        scroll.setWidget(self.image_label)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: #808080; }")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        keys = ((QKeySequence.StandardKey.MoveToNextPage, 1), (QKeySequence.StandardKey.MoveToPreviousPage, -1))
        for key, step in keys:
            QShortcut(key, self).activated.connect(lambda s=step: self.page_spin.setValue(self.page_spin.value() + s))
        self.resize(980, 760)
        self.show_page(1)

    def _button(self, name: str, text: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(max(zoom, 0.3), 4.0)
        self.show_page(self.page_spin.value())

    def show_page(self, number: int) -> None:
        if not len(self.pages):
            return
        image = self.pages.render(number - 1, SCREEN_DPI * self.zoom)
        self.image_label.setPixmap(QPixmap.fromImage(image))

    # --- printing and saving ------------------------------------------------------------
    def on_print_button_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, len(self.pages))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def prepare(self, printer: QPrinter) -> None:
        """A4, in the orientation of the document's first page."""
        width, height = self.pages.page_size_points(0)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if width > height
                                   else QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)  # the PDF carries its own margins
        printer.setDocName(self.pdf_path.stem)

    def print_to(self, printer: QPrinter) -> int:
        """Send the pages (or the chosen range) to `printer`; returns how many were printed."""
        first, last = printer.fromPage() or 1, printer.toPage() or len(self.pages)
        dpi = min(printer.resolution(), PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Print"), self.tr("The printer could not be opened."))
            return 0
        try:
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                image = self.pages.render(number - 1, dpi)
                painter.drawImage(QRectF(target), image)
        finally:
            painter.end()
        return last - first + 1

    def on_save_button_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), str(Path.home() / self.pdf_path.name),
                                              self.tr("PDF files (*.pdf)"))
        if name:
            try:
                shutil.copyfile(self.pdf_path, name)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Save as PDF"), self.tr("Could not save: %1").replace(
                    "%1", exc.strerror or str(exc)))

    def done(self, result: int) -> None:
        self.pages.close()
        super().done(result)
