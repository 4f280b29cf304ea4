"""The party-life figures the office reports, for any period, per member, branch or community.

Definitions:
- members in scope = live members (status normal, not deleted) of the scope's organisations
  at the time of the query (a branch includes its party groups; no org = the whole community);
- meetings held = live meetings of the scope's organisations held in the range; meetings
  required = what the schedules require of those organisations (db.party_life.schedules);
- attendance rate = present / (present + leave + absent), over the attendance lines of the
  scope's members at live meetings held in the range;
- participation rate = members in scope with ≥1 present ÷ members in scope;
- education coverage = members in scope with ≥1 present at a meeting whose kind is in
  db.vocab.EDUCATION_KINDS ÷ members in scope;
- absent members = members in scope with no present in the range.
Rates are fractions 0..1, None when the denominator is 0. Computed with aggregate queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Figures:
    date_from: date
    date_to: date
    scope_label: str
    members: int
    meetings_held: int
    meetings_required: int
    attendance_rate: float | None
    participation_rate: float | None
    education_coverage: float | None
    absent_member_ids: list[int]


@dataclass(frozen=True)
class BranchFigures(Figures):
    """Figures of one branch (with its party groups)."""

    org_id: int


@dataclass(frozen=True)
class MemberFigures:
    member_id: int
    invited: int  # attendance lines at live meetings in the range
    present: int
    leave: int
    absent: int


def party_life_figures(session: Session, date_from: date, date_to: date, org_id: int | None = None) -> Figures:
    raise NotImplementedError


def branch_figures(session: Session, date_from: date, date_to: date) -> list[BranchFigures]:
    """One per live branch, in sort order."""
    raise NotImplementedError


def member_figures(session: Session, member_id: int, date_from: date, date_to: date) -> MemberFigures:
    raise NotImplementedError
