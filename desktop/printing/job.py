"""Writing a PDF off the UI thread: a BackgroundJob whose result is the PDF's path.

The build function receives `progress(done, total)` and `cancelled()` callbacks and raises
printing's Cancelled (an InterruptedError) when asked to stop.
"""

from __future__ import annotations

from desktop.common.job import BackgroundJob as PdfJob

__all__ = ["PdfJob"]
