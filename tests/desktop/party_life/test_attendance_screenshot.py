"""render_attendance_screenshot: a 1000×720 PNG of the newest meeting, or of a new one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from db.database import Database
from db.party_life.meetings import AttendanceInput, MeetingInput, save_meeting
from desktop.party_life.screenshot import render_attendance_screenshot
from tests.desktop.party_life.helpers import FIRST_BRANCH, TODAY, add_member


def test_a_png_of_a_new_meeting_and_of_the_newest(qapp, db: Database, tmp_path: Path) -> None:
    chen = add_member(db, "陈一", FIRST_BRANCH, 11)
    out = render_attendance_screenshot(db, tmp_path / "new.png")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 720)
    with db.session() as s, s.begin():
        lines = [AttendanceInput(chen, "absent")]
        save_meeting(s, MeetingInput("lecture", FIRST_BRANCH, "2026-11-20", attendance=lines), today=TODAY)
    saved = render_attendance_screenshot(db, tmp_path / "saved.png")
    assert QImage(str(saved)).width() == 1000
    assert saved.read_bytes() != out.read_bytes()  # the stored meeting (陈一 absent) is what is shown
