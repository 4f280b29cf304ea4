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
    "volunteer_organisation": "幸福社区志愿服务队",
    "responsible_person": "",
    "certificate_handler": "",
    "office_phone": "",
}


def next_sequence(session: Session, name: str, year: int) -> int:
    """The next number of a yearly series (certificates …), kept in the office settings."""
    key = f"seq_{name}_{year}"
    current = get_setting(session, key)
    value = (int(current) if current.isdigit() else 0) + 1
    set_setting(session, key, str(value))
    return value


def get_setting(session: Session, key: str) -> str:
    value = session.scalar(select(OfficeSetting.value).where(OfficeSetting.key == key))
    return value if value is not None else DEFAULTS.get(key, "")


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(OfficeSetting, key)
    if row is None:
        session.add(OfficeSetting(key=key, value=value))
    else:
        row.value = value
