"""Checking a large ledger's rows on every core: the per-row rules are pure Python, and the
office PC has two cores or more.

A forked copy of the process checks the second half of the rows while this one checks the
first, and sends its results back through a pipe. Only pure work is done there — no session,
no database, no Qt: the child inherits the rows and the function, computes, sends, and leaves
with os._exit (so nothing of the parent's — the SQLite connection, Qt — is closed or flushed
twice). Where fork does not exist (Windows) or the ledger is small, the rows are checked here,
one after another, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ROWS = 4000  # below this, starting a process costs more than it saves
_BATCH = 500  # progress and cancel are looked at this often


def available() -> bool:
    """Whether a second process can take half the rows here: two cores, and Linux's fork (macOS
    has fork too, but its system frameworks are not safe in a forked child of a GUI process)."""
    return (os.cpu_count() or 1) >= 2 and sys.platform.startswith("linux")


def map_rows(work: Callable[[T], R], items: Sequence[T], *, progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> list[R]:
    """[work(item) for item in items], on two processes when that is worth it.

    `work` must not raise (it returns its failures) and its results must pickle.
    """
    if len(items) < MIN_ROWS or not available():
        return _here(work, items, 0, len(items), progress, cancelled)
    half = len(items) // 2
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the child: the second half, sent back in batches, and gone without cleaning up
        status = 0
        try:
            receiver.close()
            for begin in range(half, len(items), _BATCH):
                batch = [work(item) for item in items[begin:min(begin + _BATCH, len(items))]]
                sender.send_bytes(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
            sender.send_bytes(_DONE)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    sender.close()
    second: list[R] = []
    done = False

    def take_sent() -> None:
        """The child's finished batches, taken as they come: a pipe holds little, and the child
        waits while it is full (one large message would also double the memory it takes)."""
        nonlocal done
        while not done and receiver.poll():
            message = receiver.recv_bytes()
            if message == _DONE:
                done = True
            else:
                second.extend(pickle.loads(message))

    try:
        first = _here(work, items, 0, half, progress, cancelled, scale=2, between=take_sent)
        try:
            while not done:
                receiver.poll(None)
                take_sent()
        except (EOFError, OSError, pickle.UnpicklingError):  # the child died: the rest of its half here
            second += _here(work, items, half + len(second), len(items), None, cancelled)
    except BaseException:
        _stop(pid)
        raise
    finally:
        receiver.close()
    os.waitpid(pid, 0)
    return first + second


_DONE = b"done"


def _here(work: Callable[[T], R], items: Sequence[T], start: int, stop: int,
          progress: Callable[[int, int], None] | None, cancelled: Callable[[], bool] | None,
          scale: int = 1, between: Callable[[], None] | None = None) -> list[R]:
    out: list[R] = []
    for begin in range(start, stop, _BATCH):
        if cancelled is not None and cancelled():
            raise InterruptedError("已取消")
        if progress is not None:
            progress(begin * scale, stop * scale)
        out += [work(item) for item in items[begin:min(begin + _BATCH, stop)]]
        if between is not None:
            between()
    return out


def _stop(pid: int) -> None:
    try:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    except OSError:
        pass

