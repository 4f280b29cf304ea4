"""Python's cyclic garbage collector, and a program whose start leaves a large heap behind.

A full collection visits every object alive. Once SQLAlchemy, the models, Qt and ReportLab are
imported, that is a few hundred thousand objects, about 40 ms a collection on a 2-core PC, and
building a long list or a large document (the monthly summary's 37,000 table cells) sets off
several: a tenth of the summary's time, and a keystroke now and then that takes 40 ms longer.
What the start built lives as long as the process, so it is taken out of the collector's sight
(gc.freeze); what is built later is collected as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_kept = False


def keep_startup_objects() -> None:
    """Freeze what exists now, once per process (a command line that opens a database after
    its imports). Later calls do nothing: a test suite calling the command line many times in
    one process would otherwise keep each test's objects for ever."""
    global _kept
    if not _kept:
        _kept = True
        gc.freeze()


@contextmanager
def startup_objects_kept() -> Iterator[None]:
    """What exists on entering, out of the collector's sight until the block ends (a window's
    run: once it is closed, its objects can go, and the next window's start is kept instead)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
