"""志愿服务证明: the certificate of volunteer service hours (志愿服务记录与证明出具办法, 2021).

States the volunteer's name, ID type and number (masked), volunteer number, the hours in
the period and what the service was, the issuing organisation with its responsible person,
handler and contact, the certificate number and issue date, and a place for the seal; the
services counted are listed after it.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from db.printing_data import CertificateData
from db.validation import format_date_cn, mask_id_number
from desktop.common.formatting import format_hours
from desktop.printing.document import BODY_TEXT, PLAIN, RIGHT, TITLE, form_table, para, write_document
from desktop.printing.fonts import register_fonts

WIDTH = 166 * mm


def _period(data: CertificateData) -> str:
    if data.date_from and data.date_to:
        return f"{format_date_cn(data.date_from)}至{format_date_cn(data.date_to)}"
    if data.date_from:
        return f"{format_date_cn(data.date_from)}以来"
    if data.date_to:
        return f"截至{format_date_cn(data.date_to)}"
    return "注册以来"


def build_certificate(out: Path, data: CertificateData, *, font_file: Path | None = None) -> None:
    register_fonts(font_file)
    projects = "、".join(dict.fromkeys(s.project for s in data.services)) or "（无）"
    story: list[Flowable] = [
        para(f"证明编号：{data.certificate_number}", RIGHT), Spacer(1, 6 * mm), para("志愿服务证明", TITLE),
        Spacer(1, 6 * mm),
        para(f"兹证明 {data.name}（身份证件类型：居民身份证，证件号码：{mask_id_number(data.id_number) or '未登记'}，"
             f"志愿者编号：{data.volunteer_number}）于{_period(data)}在{data.organisation}参加志愿服务，"
             f"累计服务时长 {format_hours(data.total_hours)} 小时，服务内容为：{projects}。", BODY_TEXT),
        para("特此证明。", BODY_TEXT), Spacer(1, 4 * mm),
        para(f"出具组织：{data.organisation}", PLAIN),
        para(f"负责人：{data.responsible_person or '____________'}　　经办人：{data.handler or '____________'}", PLAIN),
        para(f"联系电话：{data.contact or '____________'}", PLAIN), Spacer(1, 12 * mm),
        para("（组织印章）", RIGHT), para(format_date_cn(data.issued_on), RIGHT), Spacer(1, 8 * mm),
        para(f"附：计入时长的志愿服务（共 {len(data.services)} 次）", PLAIN), Spacer(1, 2 * mm),
    ]
    rows = [["日期", "服务项目", "服务地点", "时长（小时）"]]
    rows += [[format_date_cn(s.held_on), s.project, s.place, format_hours(s.hours)] for s in data.services]
    rows.append(["合计", "", "", format_hours(data.total_hours)])
    story.append(form_table(rows, [0.24 * WIDTH, 0.34 * WIDTH, 0.26 * WIDTH, 0.16 * WIDTH], label_columns=()))
    write_document(out, story, title=f"志愿服务证明 {data.certificate_number}", printed_on=data.issued_on,
                   font_file=font_file)

