"""Every text the window translates is looked up in a context the catalogue holds.

lupdate files a string under the class it is called in (`self.tr`), the class it is called on
(`Safety.tr`) or the context written in the call (`QCoreApplication.translate("ctx", "…")`,
`QT_TRANSLATE_NOOP("ctx", "…")`). A helper that passes a variable to translate() under a
context of its own escapes lupdate: its strings were filed under another context, every backup
and print message fell back to English, and test_i18n (which checks what lupdate sees) passed.
This test reads the sources for such calls, and checks every context used at run time exists
in the zh_CN catalogue.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.i18n import ts_path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "desktop").rglob("*.py")) + [ROOT / "main.py"]


_CONSTANTS: dict[str, str] = {}  # module-level NAME = "text" of all the sources (CONTEXT = "AuditLogModel")


def _calls(name: str) -> list[tuple[Path, ast.Call]]:
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for statement in tree.body:
            if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name) and isinstance(statement.value, ast.Constant)
                    and isinstance(statement.value.value, str)):
                _CONSTANTS[statement.targets[0].id] = statement.value.value
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                if called == name:
                    found.append((path, node))
    return found


def _literal(node: ast.expr) -> str | None:
    """A string written in the call, or a module constant holding one."""
    if isinstance(node, ast.Name):
        return _CONSTANTS.get(node.id)
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _catalogue_contexts() -> set[str]:
    return {c.findtext("name") or "" for c in ET.parse(ts_path("zh_CN")).getroot().iter("context")}


def test_no_module_level_tr_helpers() -> None:
    helpers = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in SOURCES
               for node in ast.parse(path.read_text(encoding="utf-8")).body
               if isinstance(node, ast.FunctionDef) and node.name in ("tr", "_tr", "_")]
    assert helpers == [], f"module-level tr() helpers hide their strings from lupdate: {helpers}"


def test_translate_calls_name_their_context_and_text_as_lupdate_sees_them() -> None:
    marked = {_literal(node.args[0]) for _, node in _calls("QT_TRANSLATE_NOOP") if node.args}
    wrong = []
    for path, node in _calls("translate"):
        if len(node.args) < 2:
            continue
        context, text = _literal(node.args[0]), _literal(node.args[1])
        # A text passed as a variable must come from QT_TRANSLATE_NOOP under the same context.
        if context is None or text is None and context not in marked:
            wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert wrong == [], f"translate() calls lupdate cannot file under their context: {wrong}"


def test_every_context_used_is_in_the_catalogue() -> None:
    used = {_literal(node.args[0]) for name in ("translate", "QT_TRANSLATE_NOOP") for _, node in _calls(name)
            if node.args and _literal(node.args[0])}
    used |= {node.func.value.id for _, node in _calls("tr")
             if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
             and node.func.value.id not in ("self", "cls")}
    missing = sorted(str(c) for c in used - _catalogue_contexts())
    assert missing == [], f"contexts with no zh_CN entries (their texts show in English): {missing}"


def test_backup_home_and_print_messages_are_chinese(qapp) -> None:  # type: ignore[no-untyped-def]
    """The texts the clerk saw in English: the status bar's backup line, a home list's title."""
    from desktop.home.text import HomeLists
    from desktop.i18n import install_translators
    from desktop.printing.text import Printing
    from desktop.safety.text import Safety

    translators = install_translators(qapp, "zh_CN")
    try:
        assert Safety.tr("Backed up automatically: %1 (%2)").startswith("已自动备份")
        assert HomeLists.tr("Agreements due a follow-up visit") != "Agreements due a follow-up visit"
        assert Printing.tr("Cancel") == "取消"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_chinese_labels_use_the_chinese_colon() -> None:
    """zh_CN texts end a label with "：", not the ASCII ":" (times such as 08:30 aside)."""
    ascii_colon = []
    for message in ET.parse(ts_path("zh_CN")).getroot().iter("message"):
        text = message.findtext("translation") or ""
        if any(text[i] == ":" and not (text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit())
               for i in range(1, len(text))):
            ascii_colon.append(text)
    assert ascii_colon == [], f"use “：” in these translations: {ascii_colon[:10]}"
