"""A background job that meets a storage error says it in Chinese, not as an exception class."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.common.job import BackgroundJob


def test_a_full_disk_in_a_job_is_one_chinese_sentence(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def work(_progress, _cancelled):  # type: ignore[no-untyped-def]
        conn = sqlite3.connect(tmp_path / "small.sqlite3")
        conn.execute("CREATE TABLE t (x BLOB)")
        conn.execute("PRAGMA max_page_count = 3")
        conn.execute("INSERT INTO t VALUES (zeroblob(100000))")

    job = BackgroundJob(work)
    with qtbot.waitSignal(job.failed, timeout=10_000) as failed:
        job.start()
    assert failed.args[0].startswith("磁盘已满") and "Error" not in failed.args[0]
