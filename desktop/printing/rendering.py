"""PDF pages as QImages (pdfium), so the preview and the printer show exactly the PDF file."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtGui import QImage


class PdfPages:
    """An open PDF whose pages are rendered on demand at a given resolution."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf = pdfium.PdfDocument(str(path))

    def __len__(self) -> int:
        return len(self._pdf)

    def page_size_points(self, index: int) -> tuple[float, float]:
        return self._pdf[index].get_size()

    def render(self, index: int, dpi: float) -> QImage:
        bitmap = self._pdf[index].render(scale=dpi / 72, rev_byteorder=True)  # RGB(A) byte order for Qt
        fmt = QImage.Format.Format_RGBA8888 if bitmap.n_channels == 4 else QImage.Format.Format_RGB888
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt)
        return image.copy()  # own the pixels: pdfium's buffer goes away with the bitmap

    def close(self) -> None:
        self._pdf.close()
