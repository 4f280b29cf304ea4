"""A PNG of the attendance screen, without a display (offscreen platform), for the README and
for looking at the screen on a machine with no monitor (`main.py screenshot --tab attendance`).

The newest meeting is opened as it is stored (or, on a database without meetings, a new one
for the first branch, everyone present), laid out at 1000×720 and grabbed with QWidget.grab().
"""

from __future__ import annotations

import os
from pathlib import Path

from db.database import Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1000, 720)


def render_attendance_screenshot(db: Database, out: Path, *, lang: str = "zh_CN") -> Path:
    from PySide6.QtWidgets import QApplication

    from db.party_life.meetings import MeetingFilter, meeting_ids
    from desktop.app import make_application
    from desktop.common.context import AppContext
    from desktop.party_life.meeting_dialog import MeetingDialog

    # A running application (the window, a test) keeps its own language and translators;
    # only a fresh process (main.py screenshot) sets one up.
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else make_application(lang)
    with db.session() as s:
        ids = meeting_ids(s, MeetingFilter())
    dialog = MeetingDialog(AppContext(db=db, lang=lang), ids[0] if ids else None)
    try:
        dialog.resize(*SIZE)
        dialog.show()
        for _ in range(3):
            app.processEvents()
        dialog.attendance_table.setFocus()
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not dialog.grab().save(str(out), "PNG"):
            raise OSError(f"无法写入截图文件“{out}”")
    finally:
        dialog.discard_and_close()
    return out
