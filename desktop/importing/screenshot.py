"""A PNG of the import dialog after its check of a messy mediation ledger, without a display
(`main.py screenshot --tab import`): what staff see when a ledger writes a dispute type or a
result its own way — the rows refused with their reasons, and the values to answer.

The ledger is written to a temporary folder each time (合同纠纷, 劳动争议纠纷, traditional
鄰里糾紛 are taken; 家长里短 and 已调解 are asked about; one case closes before it was received).
The check writes nothing to the database.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from db.database import Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1100, 700)
LEDGER = (
    ("幸福社区人民调解台账",),
    ("案件编号", "受理日期", "申请人", "被申请人", "纠纷类型", "调解员", "调解结果", "结案日期"),
    ("（2026）幸福调字第101号", "2026.3.5", "张三", "李四", "合同纠纷", "王调解", "调解成功", "2026.3.20"),
    ("（2026）幸福调字第102号", "2026.3.6", "赵五", "钱六", "家长里短", "王调解", "调解成功", "2026.3.21"),
    ("（2026）幸福调字第103号", "2026.4.1", "孙七", "周八", "劳动争议纠纷", "王调解", "已调解", "2026.4.3"),
    ("（2026）幸福调字第104号", "2026.4.2", "吴九", "郑十", "鄰里糾紛", "王调解", "调解成功", "2026.4.5"),
    ("（2026）幸福调字第105号", "2026.4.8", "冯一", "陈二", "家长里短", "王调解", "调解成功", "2026.4.9"),
    ("（2026）幸福调字第106号", "2026.4.9", "褚三", "卫四", "婚姻家庭纠纷", "王调解", "调解成功", "2026.3.1"),
)


def render_import_screenshot(db: Database, out: Path, *, lang: str = "zh_CN") -> Path:
    from openpyxl import Workbook
    from PySide6.QtWidgets import QApplication

    from db.importing.registers import LEDGERS
    from desktop.app import make_application
    from desktop.common.context import AppContext
    from desktop.importing.dialog import ImportDialog
    from desktop.settings import Settings

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else make_application(lang)
    with tempfile.TemporaryDirectory() as folder:
        ledger = Path(folder) / "调解台账.xlsx"
        workbook = Workbook()
        for row in LEDGER:
            workbook.active.append(list(row))
        workbook.save(ledger)
        dialog = ImportDialog(AppContext(db=db, lang=lang), settings=Settings(), kind=LEDGERS["mediation"])
        try:
            _wait(dialog.load_file(ledger))
            _wait(dialog.run(dry_run=True))
            dialog.resize(*SIZE)
            dialog.show()
            for _ in range(3):
                app.processEvents()
            out.parent.mkdir(parents=True, exist_ok=True)
            if not dialog.grab().save(str(out)):
                raise OSError(f"无法写入“{out}”")
        finally:
            dialog.close()
            dialog.deleteLater()
    return out


def _wait(job) -> None:  # type: ignore[no-untyped-def]
    """Until the dialog's background job has finished (and its result is shown)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if job is None:
        return
    loop = QEventLoop()
    job.finished.connect(lambda *_: QTimer.singleShot(50, loop.quit))
    job.failed.connect(lambda *_: loop.quit())
    loop.exec()
