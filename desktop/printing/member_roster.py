"""党员花名册: the member roster, whole community or one branch, with chosen columns.

ID and phone numbers are masked by default (one fixed pattern, see db.validation), so a
printed roster left on a desk does not give them away.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from db.members import MemberRow
from db.validation import format_date_cn, mask_id_number, mask_phone
from db.vocab import GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES, MEMBER_TYPES
from desktop.printing.table_document import TableColumn, build_table_pdf


@dataclass(frozen=True)
class RosterField:
    title: str
    max_width: float
    text: Callable[[MemberRow, bool], str]  # (row, masked) -> cell text


FIELDS: dict[str, RosterField] = {
    "name": RosterField("姓名", 44, lambda r, m: r.name),
    "gender": RosterField("性别", 26, lambda r, m: GENDERS.label(r.gender)),
    "ethnicity": RosterField("民族", 32, lambda r, m: r.ethnicity),
    "birth_date": RosterField("出生日期", 62, lambda r, m: format_date_cn(r.birth_date)),
    "id_number": RosterField("身份证号", 104, lambda r, m: mask_id_number(r.id_number) if m else r.id_number),
    "education": RosterField("学历", 44, lambda r, m: r.education),
    "admitted_on": RosterField("入党时间", 62, lambda r, m: format_date_cn(r.admitted_on)),
    "full_on": RosterField("转正时间", 62, lambda r, m: format_date_cn(r.full_on)),
    "member_type": RosterField("党员类型", 44, lambda r, m: MEMBER_TYPES.label(r.member_type)),
    "org": RosterField("所在支部", 80, lambda r, m: r.org_name),
    "category": RosterField("人员类别", 36, lambda r, m: MEMBER_CATEGORIES.label(r.category)),
    "employer": RosterField("工作单位及职务", 90, lambda r, m: r.employer),
    "phone": RosterField("联系电话", 70, lambda r, m: mask_phone(r.phone) if m else r.phone),
    "address": RosterField("家庭住址", 110, lambda r, m: r.address),
    "status": RosterField("状态", 32, lambda r, m: MEMBER_STATUSES.label(r.status)),
}
DEFAULT_FIELDS = ("name", "gender", "ethnicity", "birth_date", "id_number", "education", "admitted_on",
                  "full_on", "member_type", "org", "category", "phone", "address")
SIGN_LINE = "填表人：____________　　审核人：____________　　日期：______年____月____日"


def build_member_roster(out: Path, rows: Sequence[MemberRow], *, community: str, branch: str = "",
                        fields: Sequence[str] = DEFAULT_FIELDS, masked: bool = True,
                        printed_on: date | None = None, progress: Callable[[int, int], None] | None = None,
                        cancelled: Callable[[], bool] | None = None, font_file: Path | None = None) -> None:
    """Write the roster; `fields` are keys of FIELDS in the order wanted (序号 comes first)."""
    unknown = [f for f in fields if f not in FIELDS]
    if unknown:
        raise ValueError(f"未知的花名册栏目：{'、'.join(unknown)}")
    chosen = [FIELDS[f] for f in fields]
    columns = [TableColumn("序号", 30, wraps=False)] + [TableColumn(f.title, f.max_width) for f in chosen]
    table = [[str(i)] + [f.text(row, masked) for f in chosen] for i, row in enumerate(rows, start=1)]
    scope = branch or "全体党员"
    build_table_pdf(
        out, title=f"{community}党员花名册", subtitle=f"{scope}　共 {len(rows)} 人", columns=columns, rows=table,
        printed_on=printed_on or date.today(), closing_line=SIGN_LINE, progress=progress, cancelled=cancelled,
        font_file=font_file,
    )
