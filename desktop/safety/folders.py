"""Where backups may be: the folders this PC has backed up to, remembered outside the database.

A damaged database cannot say where its own backups are (the setting lives inside it), so
every folder a backup went to is remembered in QSettings ("backup/folders", most recent
first) and searched, with the default folder beside the database, when something goes wrong.
"""

from __future__ import annotations

from pathlib import Path

from db.backup import default_backup_dir
from desktop.settings import Settings

KEY = "backup/folders"
REMEMBERED = 20


def remembered_folders(settings: Settings | None = None) -> list[Path]:
    """The remembered folders, most recent first (QSettings hands a one-item list back as a str)."""
    raw = (settings or Settings()).value(KEY)
    if isinstance(raw, str):
        raw = [raw] if raw else []
    return [Path(str(item)) for item in raw or [] if str(item)]


def remember_folder(folder: Path, settings: Settings | None = None) -> None:
    settings = settings or Settings()
    folder = folder.absolute()
    others = [f for f in remembered_folders(settings) if f.absolute() != folder]
    settings.set_value(KEY, [str(f) for f in [folder, *others][:REMEMBERED]])
    settings.sync()


def backup_folders(db_path: Path, settings: Settings | None = None) -> list[Path]:
    """Every folder worth searching for this database's backups, the most likely first.

    The first is also where a restore puts its safety backup, so it is a folder that exists
    (the most recently used one, when it is plugged in) or else the default beside the database.
    """
    default = default_backup_dir(db_path).absolute()
    remembered = [f.absolute() for f in remembered_folders(settings)]
    present = [f for f in remembered if f.is_dir()]
    ordered = [*present, default, *(f for f in remembered if f not in present)]
    unique: list[Path] = []
    for folder in ordered:
        if folder not in unique:
            unique.append(folder)
    return unique
