"""The translation context of the texts of backups, restores and database checks said outside any widget.

lupdate files a string under the class it is called on, so `Safety.tr("…")` lands in the .ts
under "Safety" and is looked up there at run time; a module-level tr() helper with a context of
its own put its strings under another one, and the Chinese window showed them in English.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class Safety(QObject):
    """Only a name for the texts' context: never made."""
