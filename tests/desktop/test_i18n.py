"""The zh_CN translation is complete and is what the window shows by default."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.i18n import compile_ts, ts_path

ROOT = Path(__file__).resolve().parents[2]


def _lupdate() -> str | None:
    return shutil.which("pyside6-lupdate") or (
        str(p) if (p := Path(sys.executable).with_name("pyside6-lupdate")).exists() else None
    )


def test_every_ui_string_has_a_chinese_translation(tmp_path: Path) -> None:
    """Re-extract the strings from the sources into a copy of the committed .ts: nothing may be new."""
    tool = _lupdate()
    if tool is None:
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / "check_zh_CN.ts"
    shutil.copy(ts_path("zh_CN"), copy)
    sources = [str(p) for p in sorted((ROOT / "desktop").rglob("*.py"))] + [str(ROOT / "main.py")]
    subprocess.run([tool, "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)],
                   check=True, capture_output=True)
    untranslated = []
    for context in ET.parse(copy).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "".join(translation.itertext()).strip() if translation is not None else ""
            if translation is None or translation.get("type") == "unfinished" or not text:
                untranslated.append(f"{name}: {message.findtext('source')}")
    assert untranslated == [], f"{len(untranslated)} strings need a zh_CN translation: {untranslated[:20]}"


def test_catalogue_compiles(tmp_path: Path) -> None:
    assert compile_ts(ts_path("zh_CN"), tmp_path / "out.qm")
    assert (tmp_path / "out.qm").stat().st_size > 1000


def test_window_is_chinese_by_default_and_english_on_request(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import install_translators
    from desktop.main_window import MainWindow

    app = QApplication.instance()
    translators = install_translators(app, "zh_CN")
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert titles == ["工作台", "党员", "组织生活", "网格员", "房屋", "居民", "事件", "调解记录", "志愿服务",
                          "道德银行"]
        members = window.register_tabs["members"]
        assert members.new_button.text() == "新增"  # a string of the shared base class
        assert members.model.headerData(0, _horizontal()) == "姓名"
    finally:
        for t in translators:
            app.removeTranslator(t)
    window_en = MainWindow(ctx)
    qtbot.addWidget(window_en)
    assert window_en.tabs.tabText(0) == "Home" and window_en.tabs.tabText(1) == "Party members"


def _horizontal():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal
