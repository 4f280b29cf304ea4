"""Member flags the office acts on, with their counts (for the home page) and lists.

Definitions (members are live: status normal, not deleted):
- absent_six_months: had at least one live meeting in the last 6 months (held on or after
  today − 6 calendar months, up to today) and was absent (neither present nor on leave) at
  every one of them — the 党章第九条 rule;
- overdue_probation: db.members.overdue_condition (probation year plus extension over, no 转正时间);
- mobile_or_lost_six_months: category mobile or lost_contact with category_since on or
  before today − 6 months, or unknown;
- not_reported_six_months: in-service members (category in_service) who have not reported,
  or whose reported_on is before today − 6 months (or unknown).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

FLAG_KEYS = ("absent_six_months", "overdue_probation", "mobile_or_lost_six_months", "not_reported_six_months")


@dataclass(frozen=True)
class MemberFlags:
    absent_six_months: list[int]
    overdue_probation: list[int]
    mobile_or_lost_six_months: list[int]
    not_reported_six_months: list[int]


def member_flags(session: Session, today: date) -> MemberFlags:
    raise NotImplementedError


def flag_counts(session: Session, today: date) -> dict[str, int]:
    """COUNT per flag (keys FLAG_KEYS), for the home page."""
    raise NotImplementedError


def flag_member_ids(session: Session, key: str, today: date) -> list[int]:
    """Ids of the members carrying one flag, in name order."""
    raise NotImplementedError


def political_birthdays(session: Session, year: int, month: int) -> list[int]:
    """Live members admitted (入党) in that month of any earlier-or-same year, by day then name."""
    raise NotImplementedError
