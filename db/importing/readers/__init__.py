"""Readers for each kind of ledger file; db.importing.read picks one by the file's first bytes.

Every reader returns the first sheet as rows of plain values and reports every failure as a
LedgerReadError whose text is one Chinese sentence, never a traceback.
"""

from __future__ import annotations


class LedgerReadError(Exception):
    """The file cannot be read as a ledger; str() is one Chinese sentence."""


def unreadable(name: str) -> LedgerReadError:
    """The refusal for a workbook that cannot be read at all (damaged, or not a workbook)."""
    if name.lower().endswith(".et"):
        return LedgerReadError(f"无法读取 WPS 表格文件“{name}”，请在 WPS 中另存为 .xlsx 后再导入")
    return LedgerReadError(f"无法读取“{name}”：文件可能已损坏或不是 Excel 文件")
