"""What every printed page shares: A4, the printing date and "第 N 页 共 M 页".

ReportLab knows the page count only after the last page is laid out, so the canvas keeps
each page's state and writes the footers when the document is saved (the usual "numbered
canvas" recipe).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from db.validation import format_date_cn
from desktop.printing.fonts import BODY

FOOTER_SIZE = 9


def page_size(wide: bool) -> tuple[float, float]:
    return landscape(A4) if wide else A4


def plain_canvas(*args: Any, **kwargs: Any) -> Canvas:
    """A canvas whose starting font is the embedded body font (posters: no footer)."""
    kwargs["initialFontName"] = kwargs.get("initialFontName") or BODY
    return Canvas(*args, **kwargs)


def numbered_canvas(printed_on: date):  # type: ignore[no-untyped-def]
    """A Canvas class that adds "第 N 页 共 M 页" and the printing date to every page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = kwargs.get("initialFontName") or BODY  # not an unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.setFont(BODY, FOOTER_SIZE)
            self.drawCentredString(width / 2, 28, f"第 {self._pageNumber} 页 共 {total} 页")
            self.drawRightString(width - 36, 28, f"打印日期：{format_date_cn(printed_on)}")

    return NumberedCanvas
