"""Office details kept in the database: names printed on documents, the case-number prefix."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import OfficeSetting
from db.scope import community_id_of, community_to_read

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
    """The next number of a yearly series (certificates …): a community's counter (db.counters).
    Series numbered before the counters existed went on in the office settings; the counter
    goes on from there."""
    from db.counters import take_next

    before = get_setting(session, f"seq_{name}_{year}")
    return take_next(session, name, year, at_least=(int(before) if before.isdigit() else 0) + 1)


def get_setting(session: Session, key: str) -> str:
    """The setting of the session's community (each community its own names and prefix)."""
    value = session.scalar(select(OfficeSetting.value).where(OfficeSetting.community_id == community_to_read(session),
                                                             OfficeSetting.key == key))
    return value if value is not None else DEFAULTS.get(key, "")


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(OfficeSetting, (community_id_of(session), key))
    if row is None:
        session.add(OfficeSetting(community_id=community_id_of(session), key=key, value=value))
    else:
        row.value = value


LABELS: dict[str, str] = {
    "community_name": "社区名称",
    "party_committee": "社区党委名称",
    "residents_committee": "居委会名称",
    "mediation_committee": "人民调解委员会名称",
    "case_number_prefix": "调解案件编号字号",
    "volunteer_organisation": "志愿服务组织名称",
    "responsible_person": "负责人",
    "certificate_handler": "经办人",
    "office_phone": "办公电话",
}
REQUIRED = ("community_name", "party_committee", "residents_committee", "mediation_committee", "case_number_prefix",
            "volunteer_organisation")


def office_settings(session: Session) -> dict[str, str]:
    return {key: get_setting(session, key) for key in LABELS}


def save_office_settings(session: Session, values: dict[str, str]) -> None:
    """Check and store the office details printed on documents (raises ValidationErrors)."""
    from db.validation import ErrorCollector, FieldError, check_free_text, check_phone

    errors = ErrorCollector()
    clean: dict[str, str] = {}
    for key, label in LABELS.items():
        value = values.get(key, "")
        if key == "office_phone":
            clean[key] = errors.check(check_phone, value, key, label) or ""
        else:
            clean[key] = errors.check(check_free_text, value, key, label, max_len=60, required=key in REQUIRED) or ""
    prefix = clean.get("case_number_prefix", "")
    if prefix and (len(prefix) > 8 or any(ch in prefix for ch in "（）()第号 ")):
        errors.add(FieldError("case_number_prefix", LABELS["case_number_prefix"],
                              "应为简短的字号，如“幸福”（编号为（2026）幸福调字第N号）"))
    errors.raise_if_any()
    for key, value in clean.items():
        set_setting(session, key, value)
