"""The translation context of the texts of the home page's lists said outside any widget.

lupdate files a string under the class it is called on, so `HomeLists.tr("…")` lands in the .ts
under "HomeLists" and is looked up there at run time; a module-level tr() helper with a context of
its own put its strings under another one, and the Chinese window showed them in English.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class HomeLists(QObject):
    """Only a name for the texts' context: never made."""
