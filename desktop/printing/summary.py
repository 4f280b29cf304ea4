"""月度工作统计: the monthly summary, with a bar chart drawn by ReportLab's graphics."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from db.party_life.figures import Figures
from db.summary import CaseFigures, MonthlySummary
from desktop.common.formatting import format_hours
from desktop.printing.document import SUBTITLE, TITLE, form_table, para, write_document
from desktop.printing.fonts import BODY, HEADING, register_fonts
from desktop.printing.ruled_rows import RuledRows

WIDTH = 170 * mm
SECTION = ParagraphStyle("section", fontName=HEADING, fontSize=13, leading=20, spaceBefore=8, spaceAfter=4)


def _rate(f: CaseFigures) -> str:
    return "—" if f.success_rate is None else f"{f.success_rate:.0%}"


def _case_table(title: str, figures: list[CaseFigures]) -> list[Flowable]:
    rows = [[title, "受理", "调解成功", "已结案", "成功率"]]
    rows += [[f.label, str(f.received), str(f.succeeded), str(f.closed), _rate(f)] for f in figures]
    total = CaseFigures("合计", sum(f.received for f in figures), sum(f.succeeded for f in figures),
                        sum(f.closed for f in figures))
    rows.append([total.label, str(total.received), str(total.succeeded), str(total.closed), _rate(total)])
    return [form_table(rows, [0.32 * WIDTH] + [0.17 * WIDTH] * 4, label_columns=()), Spacer(1, 3 * mm)]


def branch_table(rows: list[list[str]], widths: list[float]) -> list[Flowable]:
    """A table of a line per branch (thousands at a street office), printed as form_table would
    print it (ruled_rows.RuledRows: ReportLab's Table took seconds for 3,335 branches)."""
    return [RuledRows(rows, widths)]


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def party_life_table(s: MonthlySummary) -> list[Flowable]:
    """Meetings held against those the schedules require, and the three rates, per branch and in all."""
    rows = [["支部", "党员", "应开会议", "已开会议", "出席率", "参与率", "教育覆盖率"]]

    def line(label: str, f: Figures) -> list[str]:
        return [label, str(f.members), str(f.meetings_required), str(f.meetings_held),
                _percent(f.attendance_rate), _percent(f.participation_rate), _percent(f.education_coverage)]

    widths = [0.25 * WIDTH] + [0.1 * WIDTH] + [0.13 * WIDTH] * 5
    rows += [line(f.scope_label, f) for f in s.party_life_by_branch]
    if s.party_life is not None:
        rows.append(line("合计", s.party_life))
    story: list[Flowable] = branch_table(rows, widths)
    if s.party_life is not None:
        story += [Spacer(1, 2 * mm),
                  para(f"本月未参加组织生活的党员 {len(s.party_life.absent_member_ids)} 人。出席率＝出席人次÷应到人次；"
                       "参与率＝至少出席一次的党员÷党员总数；教育覆盖率＝至少参加一次党课或培训的党员÷党员总数。")]
    return story


def hours_chart(projects: list[tuple[str, float, int]], width: float = WIDTH, height: float = 62 * mm) -> Drawing:
    """Service hours by project, as vertical bars with the hours over each bar."""
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 36, 34, width - 50, height - 50
    data = [h for _, h, _ in projects] or [0]
    chart.data = [data]
    chart.categoryAxis.categoryNames = [p for p, _, _ in projects] or ["（无）"]
    chart.categoryAxis.labels.fontName = BODY
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.angle = 30 if len(projects) > 6 else 0
    chart.categoryAxis.labels.dy = -4
    chart.categoryAxis.labels.boxAnchor = "ne" if len(projects) > 6 else "n"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = BODY
    chart.valueAxis.labels.fontSize = 8
    chart.bars[0].fillColor = colors.HexColor("#c0392b")
    chart.barLabelFormat = "%g"
    chart.barLabels.fontName = BODY
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(0, height - 10, "志愿服务时长（小时）", fontName=BODY, fontSize=9))
    return drawing


def build_monthly_summary(out: Path, s: MonthlySummary, *, printed_on: date | None = None,
                          font_file: Path | None = None) -> None:
    register_fonts(font_file)
    story: list[Flowable] = [para(f"{s.community}{s.year}年{s.month}月工作统计", TITLE),
                             para(f"统计期间：{s.year}年{s.month}月1日至月末", SUBTITLE)]
    story.append(para("一、党员", SECTION))
    rows = [["支部", "正式党员", "预备党员", "合计"]]
    widths = [0.4 * WIDTH] + [0.2 * WIDTH] * 3
    rows += [[name, str(full), str(prob), str(full + prob)] for name, full, prob in s.members_by_branch]
    rows.append(["合计", str(sum(f for _, f, _ in s.members_by_branch)),
                 str(sum(p for _, _, p in s.members_by_branch)), str(s.total_members)])
    flags = f"需要关注：预备期满未转正 {s.overdue_probation} 人，流动党员 {s.mobile} 人，失联党员 {s.lost_contact} 人。"
    story += [*branch_table(rows, widths), Spacer(1, 2 * mm), para(flags)]
    story.append(para("二、组织生活（三会一课）", SECTION))
    story += party_life_table(s)
    story.append(para("三、网格员", SECTION))
    story.append(para("　".join(f"{role} {n} 人" for role, n in s.grid_workers_by_role)
                      + f"，共 {sum(n for _, n in s.grid_workers_by_role)} 人。"))
    story.append(para("四、人民调解", SECTION))
    if s.cases_by_type:
        story += _case_table("纠纷类型", s.cases_by_type) + _case_table("调解层级", s.cases_by_tier)
    else:
        story.append(para("本月未受理调解案件。"))
    story.append(para("五、志愿服务", SECTION))
    story.append(para(f"本月志愿服务 {sum(n for _, _, n in s.hours_by_project)} 人次，"
                      f"累计 {format_hours(s.total_hours)} 小时。"))
    story.append(KeepTogether([hours_chart(s.hours_by_project)]))
    if s.top_volunteers:
        rows = [["名次", "志愿者", "编号", "服务时长（小时）"]]
        rows += [[str(i), name, number, format_hours(h)] for i, (name, number, h) in enumerate(s.top_volunteers, 1)]
        story += [para("服务时长前十名：", SUBTITLE),
                  form_table(rows, [0.15 * WIDTH, 0.3 * WIDTH, 0.25 * WIDTH, 0.3 * WIDTH], label_columns=())]
    write_document(out, story, title=f"{s.year}年{s.month}月工作统计", printed_on=printed_on or date.today(),
                   font_file=font_file)
