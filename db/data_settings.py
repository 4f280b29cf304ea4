"""Settings that protect the data: how many backups to keep, where, and the idle lock.

They live in the database beside the office details, so changing them needs the "settings"
right (administrators) and leaves an audit entry like any other change. The backup folder is
also remembered by the window outside the database (desktop.settings), because a damaged
database cannot say where its own backups are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from db.backup import DEFAULT_KEEP, default_backup_dir
from db.office import get_setting, set_setting
from db.permissions import require_in
from db.validation import ErrorCollector, FieldError, as_text, check_int, check_length, check_no_control_chars

DEFAULT_LOCK_MINUTES = 15
KEEP_RANGE = (1, 365)
LOCK_RANGE = (0, 240)  # 0: never lock
LABELS = {"backup_folder": "备份位置", "backup_keep": "保留备份份数", "lock_minutes": "无操作自动锁定（分钟）"}


@dataclass(frozen=True)
class DataSettings:
    backup_folder: str  # "" = the default folder beside the database
    backup_keep: int = DEFAULT_KEEP
    lock_minutes: int = DEFAULT_LOCK_MINUTES

    def folder_for(self, db_path: Path) -> Path:
        return Path(self.backup_folder) if self.backup_folder else default_backup_dir(db_path)


def _int_setting(session: Session, key: str, default: int, bounds: tuple[int, int]) -> int:
    raw = get_setting(session, key)
    try:
        value = int(raw)
    except ValueError:
        return default
    return value if bounds[0] <= value <= bounds[1] else default


def data_settings(session: Session) -> DataSettings:
    return DataSettings(
        backup_folder=get_setting(session, "backup_folder"),
        backup_keep=_int_setting(session, "backup_keep", DEFAULT_KEEP, KEEP_RANGE),
        lock_minutes=_int_setting(session, "lock_minutes", DEFAULT_LOCK_MINUTES, LOCK_RANGE),
    )


def _whole_number(value: object, key: str, bounds: tuple[int, int]) -> int:
    problem = f"应为 {bounds[0]} 到 {bounds[1]} 之间的整数"
    number = check_int(value, key, LABELS[key], *bounds, problem=problem)
    if number is None:
        raise FieldError(key, LABELS[key], problem)
    return number


def _folder(value: object) -> str:
    field, label = "backup_folder", LABELS["backup_folder"]
    text = as_text(value, field, label).strip()  # not clean_text: two spaces in a folder name are two
    check_length(check_no_control_chars(text, field, label), field, label, 1000)
    if text and not Path(text).is_absolute():
        raise FieldError(field, label, "应为完整的文件夹路径，如 E:\\社区备份")
    try:
        is_file = bool(text) and Path(text).exists() and not Path(text).is_dir()
    except OSError:  # a name too long for this system, a drive that is not there …
        raise FieldError(field, label, "无法访问这个位置，请换一个文件夹") from None
    if is_file:
        raise FieldError(field, label, "这是一个文件，不是文件夹")
    return text


def save_data_settings(session: Session, backup_folder: object, backup_keep: object,
                       lock_minutes: object) -> DataSettings:
    """Check and store the three settings (raises ValidationErrors, or PermissionDenied)."""
    require_in(session, "settings")
    errors = ErrorCollector()
    folder = errors.check(_folder, backup_folder)
    keep = errors.check(_whole_number, backup_keep, "backup_keep", KEEP_RANGE)
    minutes = errors.check(_whole_number, lock_minutes, "lock_minutes", LOCK_RANGE)
    errors.raise_if_any()
    assert folder is not None and keep is not None and minutes is not None
    set_setting(session, "backup_folder", folder)
    set_setting(session, "backup_keep", str(keep))
    set_setting(session, "lock_minutes", str(minutes))
    return DataSettings(folder, keep, minutes)
