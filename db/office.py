"""Office details kept in the database: names printed on documents, the case-number prefix."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import OfficeSetting

DEFAULTS: dict[str, str] = {
    "community_name": "幸福社区",
    "party_committee": "幸福社区党委",
    "residents_committee": "幸福社区居民委员会",
    "mediation_committee": "幸福社区人民调解委员会",
    "case_number_prefix": "幸福",
}


def get_setting(session: Session, key: str) -> str:
    value = session.scalar(select(OfficeSetting.value).where(OfficeSetting.key == key))
    return value if value is not None else DEFAULTS.get(key, "")


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(OfficeSetting, key)
    if row is None:
        session.add(OfficeSetting(key=key, value=value))
    else:
        row.value = value
