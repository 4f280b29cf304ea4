"""The party-life tab on a small hand-built party: the meetings list with its counts, filters,
the figures panel's numbers (each worked out below), the flag links and the role's buttons.

Organisations (tests/seed.py): 幸福社区党委 1 → 第一党支部 2 (with 第一党小组 4), 第二党支部 3.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from db.party_life.meetings import AttendanceInput, MeetingInput, save_meeting
from db.party_life.schedules import ScheduleInput, save_schedules, schedule_rows
from db.permissions import Actor
from desktop.common.context import AppContext
from desktop.party_life.figures_panel import MemberListDialog, period_range
from desktop.party_life.schedules_dialog import SchedulesDialog
from desktop.party_life.tab import PartyLifeTab
from tests.desktop.party_life.helpers import FIRST_BRANCH, FIRST_GROUP, SECOND_BRANCH, TODAY, add_member, tr
from tests.qt_dialogs import answer_next_message_box, handle_next_dialog

P, L, A = "present", "leave", "absent"


def meeting(ctx: AppContext, kind: str, org_id: int, on: str, marks: dict[int, str], topic: str = "") -> int:
    lines = [AttendanceInput(m, s, "出差" if s == L else "") for m, s in marks.items()]
    with ctx.db.session() as s, s.begin():
        saved = save_meeting(s, MeetingInput(kind=kind, org_id=org_id, held_on=on, topic=topic, attendance=lines),
                             today=TODAY)
        s.flush()
        return saved.id


@pytest.fixture
def party(ctx: AppContext) -> dict[str, int]:
    db = ctx.db
    m = {
        "陈一": add_member(db, "陈一", FIRST_BRANCH, 11),
        "李二": add_member(db, "李二", FIRST_BRANCH, 21),
        "王三": add_member(db, "王三", FIRST_GROUP, 31),  # counts in branch 2 through its group
        "赵四": add_member(db, "赵四", SECOND_BRANCH, 41),
        "孙六": add_member(db, "孙六", SECOND_BRANCH, 61, member_type="probationary", admitted_on="2025-01-10",
                         full_on=""),
    }
    with db.session() as s, s.begin():  # only these two rules, so "required" is known
        save_schedules(s, [ScheduleInput("branch_committee", "branch", None, "month", 1, True),
                           ScheduleInput("lecture", "branch", None, "quarter", 1, True)])
    meeting(ctx, "branch_committee", FIRST_BRANCH, "2026-11-05", {m["陈一"]: P, m["李二"]: L, m["王三"]: A}, "学习")
    meeting(ctx, "lecture", FIRST_BRANCH, "2026-11-12", {m["陈一"]: P, m["李二"]: P, m["王三"]: A}, "党课一")
    meeting(ctx, "themed_day", SECOND_BRANCH, "2026-11-10", {m["赵四"]: A}, "清洁家园")
    meeting(ctx, "lecture", SECOND_BRANCH, "2026-10-15", {m["赵四"]: P}, "党课二")
    return m


def make_tab(qtbot, ctx: AppContext) -> PartyLifeTab:  # type: ignore[no-untyped-def]
    tab = PartyLifeTab(ctx)
    qtbot.addWidget(tab)
    tab.set_today(TODAY)
    return tab


def cells(tab: PartyLifeTab, row: int) -> list[str]:
    return [tab.model.data(tab.model.index(row, c)) for c in range(tab.model.columnCount())]


def test_the_periods_are_whole_calendar_periods() -> None:
    assert period_range("month", date(2026, 11, 25)) == (date(2026, 11, 1), date(2026, 11, 30))
    assert period_range("quarter", date(2026, 11, 25)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert period_range("year", date(2026, 2, 3)) == (date(2026, 1, 1), date(2026, 12, 31))
    assert period_range("last_12", date(2026, 11, 25)) == (date(2025, 12, 1), date(2026, 11, 30))
    assert period_range("month", date(2026, 12, 9)) == (date(2026, 12, 1), date(2026, 12, 31))


def test_the_meetings_list_with_counts_and_filters(qtbot, ctx: AppContext, party: dict[str, int]) -> None:
    tab = make_tab(qtbot, ctx)
    assert tab.model.rowCount() == 4
    # newest first: the lecture of 12 November, 陈一 and 李二 present, 王三 absent
    assert cells(tab, 0) == ["2026年11月12日", "党课", "第一党支部", "党课一", "", "", "2", "0", "1"]
    assert cells(tab, 1)[1:4] == ["主题党日", "第二党支部", "清洁家园"] and cells(tab, 1)[6:] == ["0", "0", "1"]
    assert cells(tab, 2)[6:] == ["1", "1", "1"]
    tab.org_filter.set_value(SECOND_BRANCH)
    assert tab.model.rowCount() == 2
    tab.period_filter.set_choice("month")
    tab.refresh()
    assert [cells(tab, r)[3] for r in range(tab.model.rowCount())] == ["清洁家园"]
    tab.org_filter.set_value(None)
    tab.kind_filter.set_code("lecture")
    assert tab.model.rowCount() == 1  # November's lecture; October's is outside the month
    tab.period_filter.set_choice("all")
    tab.refresh()
    assert tab.model.rowCount() == 2
    assert tab.count_text(2) == tr("PartyLifeTab", "%n meeting(s) listed", 2).replace("%n", "2")

    tab.table.selectRow(0)
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    tab.delete_selected()
    assert tab.model.rowCount() == 1
    tab.undo_stack.undo()
    assert tab.model.rowCount() == 2


def test_the_figures_of_november(qtbot, ctx: AppContext, party: dict[str, int]) -> None:
    tab = make_tab(qtbot, ctx)
    panel = tab.figures_panel
    panel.period.set_choice("month")  # 2026-11-01 .. 2026-11-30
    panel.wait_until_read()  # the figures are read off the UI thread
    rows = [[panel.figure_text(r, c) for c in range(7)] for r in range(panel.table.rowCount())]
    # Community: 5 members; 3 meetings held in November (the October lecture is outside);
    # required = 1 monthly branch committee × 2 branches (the quarter is not whole in a month) = 2.
    # Attendance lines in November: 3 + 3 + 1 = 7, of which present 3 → 3/7 = 42.9%.
    # Participation: 陈一 and 李二 were present → 2/5 = 40%; education (the lecture): the same 2/5.
    # Absent (no present in November): 王三, 赵四, 孙六 → 3.
    assert rows[0][1:] == ["5", "3 / 2", "42.9%", "40%", "40%", "3"]
    # 第一党支部 with its group: 3 members, 2 held / 1 required, 3 present of 6 lines = 50%,
    # participation and education 2/3 = 66.7%, absent 王三.
    assert rows[1] == ["第一党支部", "3", "2 / 1", "50%", "66.7%", "66.7%", "1"]
    # 第二党支部: 赵四 and 孙六, 1 held / 1 required, 0 of 1 line present, nobody took part.
    assert rows[2] == ["第二党支部", "2", "1 / 1", "0%", "0%", "0%", "2"]
    assert len(rows) == 3

    panel.period.set_choice("quarter")  # Oct–Dec: adds the October lecture (赵四 present)

    panel.wait_until_read()  # the figures are read off the UI thread
    rows = [[panel.figure_text(r, c) for c in range(7)] for r in range(panel.table.rowCount())]
    # required now: 3 months × 1 + 1 lecture, per branch → 4 × 2 = 8; held 4; lines 8, present 4 → 50%;
    # participation 3/5 = 60% (赵四 too), education 3/5 (赵四 was at a lecture); absent 王三, 孙六 → 2.
    assert rows[0][1:] == ["5", "4 / 8", "50%", "60%", "60%", "2"]

    dialog = panel.absent_dialog(2)  # 第二党支部's absent members in the quarter: 孙六 only
    qtbot.addWidget(dialog)
    assert [r[0] for r in dialog.rows()] == ["孙六"]
    assert dialog.rows()[0][2] == tr("FiguresPanel", "Never recorded present")


def test_flag_links_open_their_lists_and_a_member(qtbot, ctx: AppContext) -> None:
    db = ctx.db
    chen = add_member(db, "陈一", FIRST_BRANCH, 11)
    li = add_member(db, "李二", FIRST_BRANCH, 21, member_type="probationary", admitted_on="2025-01-10", full_on="")
    add_member(db, "王三", SECOND_BRANCH, 31, category="mobile", category_since="2026-03-01")
    add_member(db, "赵四", SECOND_BRANCH, 41, category="in_service")
    meeting(ctx, "lecture", FIRST_BRANCH, "2026-03-01", {chen: P})  # before the six months (from 2026-05-25)
    meeting(ctx, "themed_day", FIRST_BRANCH, "2026-09-01", {chen: A})
    tab = make_tab(qtbot, ctx)
    panel = tab.figures_panel
    for key in ("absent_six_months", "overdue_probation", "mobile_or_lost_six_months", "not_reported_six_months"):
        assert panel.flag_labels[key].text().endswith(": <b>1</b>"), key

    expected = {
        "absent_six_months": ("陈一", tr("FiguresPanel", "Last present %1", a1="2026年3月1日")),
        "overdue_probation": ("李二", tr("FiguresPanel", "Admitted %1, due for conversion %2", a1="2025年1月10日",
                                        a2="2026年1月10日")),
        "mobile_or_lost_six_months": ("王三", tr("FiguresPanel", "%1 since %2", a1="流动", a2="2026年3月1日")),
        "not_reported_six_months": ("赵四", tr("FiguresPanel", "Not reported to the community")),
    }
    for key, (name, why) in expected.items():
        dialog = panel.flag_dialog(key)
        qtbot.addWidget(dialog)
        assert [(r[0], r[2]) for r in dialog.rows()] == [(name, why)]

    opened: list[tuple[str, int]] = []
    tab.open_record_requested.connect(lambda register, record_id: opened.append((register, record_id)))
    seen: list[list[tuple[str, str, str]]] = []

    def open_first(dialog: MemberListDialog) -> None:
        seen.append(dialog.rows())
        dialog.open_member(0)

    handle_next_dialog(MemberListDialog, open_first)
    panel.flag_labels["overdue_probation"].linkActivated.emit("overdue_probation")
    assert seen and seen[0][0][0] == "李二"
    assert opened == [("members", li)]


def test_schedules_editor(qtbot, ctx: AppContext) -> None:
    tab = make_tab(qtbot, ctx)
    with ctx.db.session() as s:
        before = len(schedule_rows(s))
    dialog = SchedulesDialog(ctx, tab)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == before
    dialog.add_button.click()
    row = dialog.table.rowCount() - 1
    dialog.table.cellWidget(row, 0).set_code("themed_day")
    applies = dialog.table.cellWidget(row, 1)
    applies.setCurrentIndex(applies.findData(f"org:{FIRST_GROUP}"))
    dialog.table.cellWidget(row, 2).set_code("month")
    dialog.table.cellWidget(row, 3).setValue(2)
    dialog.add_button.click()  # the same line twice is refused, at the table
    twin = dialog.table.rowCount() - 1
    dialog.table.cellWidget(twin, 0).set_code("themed_day")
    dup = dialog.table.cellWidget(twin, 1)
    dup.setCurrentIndex(dup.findData(f"org:{FIRST_GROUP}"))
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and not dialog.error_label.isHidden()
    assert "重复" in dialog.error_label.text()
    dialog.table.selectRow(twin)
    dialog.remove_button.click()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    with ctx.db.session() as s:
        rows = schedule_rows(s)
    assert len(rows) == before + 1
    assert [(r.kind, r.org_kind, r.org_id, r.period, r.times, r.active) for r in rows
            if r.org_id == FIRST_GROUP] == [("themed_day", "group", FIRST_GROUP, "month", 2, True)]


def test_a_viewer_sees_no_new_edit_delete_or_schedules(qtbot, ctx: AppContext, party: dict[str, int]) -> None:
    ctx.db.actor = Actor("zhao", "viewer", 3, "PC")
    tab = make_tab(qtbot, ctx)
    assert tab.new_button.isHidden() and tab.delete_button.isHidden() and tab.schedules_button.isHidden()
    assert tab.edit_button.text() == tr("RegisterTab", "View")
    tab.table.selectRow(0)
    dialog = tab.make_dialog(tab.selected_ids()[0])
    qtbot.addWidget(dialog)
    assert dialog.read_only and dialog.save_button.isHidden()


def test_a_list_shows_a_case_number_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The home page's case lists: a case number is not cut to （2025）幸… (issue 11, columns)."""
    from desktop.party_life.figures_panel import MemberListDialog

    number = "（2025）幸福调字第123号"
    dialog = MemberListDialog("调解协议待回访", [(1, number, "张三 与 李四", "结案于2025年1月15日，尚未回访")],
                              register="mediation", headers=("案件编号", "当事人", "原因"))
    qtbot.addWidget(dialog)
    needed = dialog.table.fontMetrics().horizontalAdvance(number)
    assert dialog.table.columnWidth(0) >= needed and dialog.table.item(0, 0).toolTip() == number
