"""The member dialog shows the member's own party life: last year's meetings and this year's points."""

from __future__ import annotations

from datetime import date, timedelta

from db.party_life.meetings import AttendanceInput, MeetingInput, save_meeting
from desktop.common.context import AppContext
from desktop.members.dialog import MemberDialog
from tests.desktop.party_life.helpers import FIRST_BRANCH, add_member, tr


def test_the_member_dialog_counts_the_members_meetings_and_points(qtbot, ctx: AppContext) -> None:
    zhang = add_member(ctx.db, "张三", FIRST_BRANCH, 131)
    li = add_member(ctx.db, "李四", FIRST_BRANCH, 133)
    today = date.today()
    with ctx.db.session() as s, s.begin():
        for days, status in ((10, "present"), (40, "absent"), (70, "leave")):
            lines = [AttendanceInput(zhang, status, "出差" if status == "leave" else ""), AttendanceInput(li)]
            save_meeting(s, MeetingInput(kind="themed_day", org_id=FIRST_BRANCH, held_on=today - timedelta(days=days),
                                         topic="学习", attendance=lines), today=today)
    dialog = MemberDialog(ctx, zhang)
    qtbot.addWidget(dialog)
    text = dialog.findChild(type(dialog.general_error), "party_life_summary").text()
    # 张三: invited 3 times, present once, on leave once, absent once. His points this year are
    # base 60 + 1 (present) − 2 (absent) = 59 when all three meetings fall in this year; a meeting
    # of last December (early in January) counts in last year's points instead.
    this_year = [d for d in (10, 40) if (today - timedelta(days=d)).year == today.year]
    points = 60 + (1 if 10 in this_year else 0) - (2 if 40 in this_year else 0)
    assert tr("MemberDialog", "Last 12 months: invited to %1 meeting(s) — present %2, on leave %3, absent %4.",
              a1=3, a2=1, a3=1, a4=1) in text
    assert tr("MemberDialog", "Points in %1: %2", a1=today.year, a2=points) in text
    dialog.reject()
