"""The translation context of the texts of printing said outside any widget.

lupdate files a string under the class it is called on, so `Printing.tr("…")` lands in the .ts
under "Printing" and is looked up there at run time; a module-level tr() helper with a context of
its own put its strings under another one, and the Chinese window showed them in English.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class Printing(QObject):
    """Only a name for the texts' context: never made."""
