"""The databases this PC opened, the last first: files by their path, servers by their URL
without the password (db.connections.without_password). A plain start opens the first.

Kept in QSettings ("database/recent"). A password never goes here: a server's lives in the
operating system's credential store, or is asked at each start.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL

from db import location
from db.connections import without_password
from db.database import Database, default_db_path
from desktop.settings import Settings

KEY = "database/recent"
KEPT = 8


def recent_databases(settings: Settings | None = None) -> list[str]:
    """File paths and server URLs, the last opened first (QSettings hands a one-item list back as a str)."""
    raw = (settings or Settings()).value(KEY)
    if isinstance(raw, str):
        raw = [raw] if raw else []
    return [str(item) for item in raw or [] if str(item)]


def remembered_text(db: Database) -> str:
    """How a database is remembered: a file's absolute path, or a server's URL without its password."""
    if isinstance(db.location, URL):
        return without_password(db.location)
    return str(db.location.absolute())


def _key(text: str) -> str:
    try:
        return location.key(location.parse(text))
    except (location.BadLocation, OSError):
        return text


def remember_database(db: Database, settings: Settings | None = None) -> None:
    settings = settings or Settings()
    text = remembered_text(db)
    others = [t for t in recent_databases(settings) if _key(t) != db.key]
    settings.set_value(KEY, [text, *others][:KEPT])
    settings.sync()


def forget_database(text: str, settings: Settings | None = None) -> None:
    settings = settings or Settings()
    settings.set_value(KEY, [t for t in recent_databases(settings) if _key(t) != _key(text)])
    settings.sync()


def start_target(settings: Settings | None = None) -> Path | str:
    """What a start without --db opens: the last database used (a server's URL, or a file that is
    still there), else the default file in the per-user data folder."""
    recent = recent_databases(settings)
    if recent:
        first = recent[0]
        if location.is_url(first):
            return first
        if Path(first).is_file():
            return Path(first)
    return default_db_path()


def last_file(settings: Settings | None = None) -> Path:
    """The database file used last on this PC (the way back when a server cannot be reached)."""
    for text in recent_databases(settings):
        if not location.is_url(text) and Path(text).is_file():
            return Path(text)
    return default_db_path()


def shown_name(text: str) -> str:
    """A remembered database for a menu: the file's name and its folder, or database@server and the user."""
    try:
        place = location.parse(text)
    except location.BadLocation:
        return text
    if isinstance(place, URL):
        return f"{location.display_name(place)} · {place.username}" if place.username else location.display_name(place)
    return f"{place.name}  ({place.parent})"
