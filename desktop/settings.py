"""UI preferences of this PC (window size, column widths, last tab) behind one wrapper.

Office data (committee names, prefixes) is not here: it lives in the database. Tests point
QSettings at a temporary INI file through `use_ini_file()`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "CommunityDesk"
APPLICATION = "CommunityDesk"

DEFAULTS: dict[str, Any] = {
    "window/geometry": QByteArray(),
    "window/last_tab": 0,
    "ui/language": "zh_CN",
    "printing/font_file": "",
    "backup/folders": [],  # folders backups went to, most recent first (desktop.safety.folders)
    "database/recent": [],  # files and server URLs (never with a password) opened, the last first (desktop.connect)
}

_ini_path: Path | None = None


def use_ini_file(path: Path | None) -> None:
    """Store settings in this INI file instead of the user's (tests, portable installs)."""
    global _ini_path
    _ini_path = path


class Settings:
    def __init__(self) -> None:
        if _ini_path is not None:
            self._qs = QSettings(str(_ini_path), QSettings.Format.IniFormat)
        else:
            self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)

    def value(self, key: str) -> Any:
        default = DEFAULTS.get(key)
        raw = self._qs.value(key, default)
        if isinstance(default, int) and not isinstance(raw, int):
            try:
                return int(raw)
            except (TypeError, ValueError):
                return default
        return raw

    def set_value(self, key: str, value: Any) -> None:
        self._qs.setValue(key, value)

    def header_state(self, register: str) -> QByteArray | None:
        value = self._qs.value(f"columns/{register}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_header_state(self, register: str, state: QByteArray) -> None:
        self._qs.setValue(f"columns/{register}", state)

    def sync(self) -> None:
        self._qs.sync()
