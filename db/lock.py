"""One running copy of the window per database file: a lock file beside it.

The lock names the computer, the user and when the file was opened, so a second copy (on this
PC or another one opening the file over the network) can say who has it. A lock left by a copy
that died (same computer, process gone) is taken over; one from another computer cannot be
checked and is reported, with the way to clear it when that computer is known to be off.

The same record (computer, process, time) marks the scratch folders a backup or a restore works
in (db.backup), so that what a killed process left is told apart from what a running one uses.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from db.permissions import computer_name


class DatabaseLocked(Exception):
    """str() is one Chinese sentence naming who holds the database."""

    def __init__(self, message: str, holder: LockInfo) -> None:
        super().__init__(message)
        self.holder = holder


@dataclass(frozen=True)
class LockInfo:
    computer: str  # HOST\user
    pid: int
    opened_at: str

    @property
    def host(self) -> str:
        return self.computer.split("\\")[0]


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # Windows: os.kill(pid, 0) is not a probe; assume alive rather than steal
        return True
    return True


def this_process() -> LockInfo:
    return LockInfo(computer_name(), os.getpid(), datetime.now().strftime("%Y-%m-%d %H:%M"))


def write_info(f: IO[str], info: LockInfo) -> None:
    json.dump({"computer": info.computer, "pid": info.pid, "opened_at": info.opened_at}, f, ensure_ascii=False)


def is_gone(holder: LockInfo) -> bool:
    """Whether the process a lock (or a scratch folder's owner record) names is known to have ended:
    unreadable (a record half-written by a process that died), or on this computer and no longer
    running. One on another computer cannot be checked, so it is never called gone."""
    if holder.pid == 0:
        return True
    return holder.host == computer_name().split("\\")[0] and not _alive(holder.pid)


def read_lock(db_path: Path) -> LockInfo | None:
    return read_info(lock_path(db_path))


def read_info(path: Path) -> LockInfo | None:
    """The record in a lock or owner file; None when there is none, pid 0 when it is unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(str(data["computer"]), int(data["pid"]), str(data["opened_at"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockInfo("?", 0, "")  # unreadable: a half-written lock of a copy that died


class DatabaseLock:
    """Held while the window has the database open; `release()` (or the context) removes it."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self.info = this_process()
        self.held = False

    def acquire(self) -> DatabaseLock:
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = read_info(self.path)
                if holder is None:
                    continue  # released between our two calls
                if is_gone(holder):  # a copy that died (or was killed during a restore): taken over
                    self.path.unlink(missing_ok=True)
                    continue
                raise DatabaseLocked(_held_message(holder, self.path), holder) from None
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                write_info(f, self.info)
            self.held = True
            return self
        raise DatabaseLocked(_held_message(LockInfo("?", 0, ""), self.path), LockInfo("?", 0, ""))

    def release(self) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _held_message(holder: LockInfo, path: Path) -> str:
    host, _, user = holder.computer.partition("\\")
    return (f"数据库已在计算机“{host}”上由用户“{user or '?'}”于 {holder.opened_at} 打开，"
            f"同一时间只能由一处使用。请先在那里关闭社区工作台；如确定那台计算机已关机，"
            f"可删除锁文件“{path.name}”后重试。")
