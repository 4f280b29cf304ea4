"""Loading translations: ours (resources/i18n/*.qm) and Qt's own (standard buttons, dialogs).

The source strings are English; zh_CN is the default. If the compiled .qm is missing (a fresh
checkout that skipped `make i18n`), it is compiled from the committed .ts with
pyside6-lrelease into the user's cache folder, so Chinese never silently falls back to English.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.assets import asset

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
CATALOG = "community_desk"


def ts_path(lang: str) -> Path:
    return asset("i18n", f"{CATALOG}_{lang}.ts")


def qm_path(lang: str) -> Path | None:
    """The compiled catalogue for `lang`, building it if needed; None if impossible."""
    shipped = asset("i18n", f"{CATALOG}_{lang}.qm")
    ts = ts_path(lang)
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        return shipped if shipped.exists() else None
    cached = platformdirs.user_cache_path("CommunityDesk", appauthor=False) / f"{CATALOG}_{lang}.qm"
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    return cached if compile_ts(ts, cached) else (shipped if shipped.exists() else None)


def _lrelease() -> str | None:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    candidate = Path(sys.executable).with_name("pyside6-lrelease")
    return str(candidate) if candidate.exists() else None


def compile_ts(ts: Path, qm: Path) -> bool:
    tool = _lrelease()
    if tool is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([tool, str(ts), "-qm", str(qm)], capture_output=True, check=False)
    return result.returncode == 0 and qm.exists()


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install Qt's and our translators for `lang`; keep the returned list alive."""
    QLocale.setDefault(QLocale(lang))
    translators: list[QTranslator] = []
    if lang == "en":
        return translators
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt_translator)
        translators.append(qt_translator)
    path = qm_path(lang)
    ours = QTranslator(app)
    if path is not None and ours.load(str(path)):
        app.installTranslator(ours)
        translators.append(ours)
    return translators
