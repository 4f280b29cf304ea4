"""Finding a person in the attendance list by typing, the way a file manager's type-ahead does.

Letters typed in quick succession are one query: the pinyin initials (zs for 张三) or the full
pinyin of a name, or its Chinese characters (typed through an input method), with the rules of
db.search_keys (a surname read as a surname, every common reading of a character). The cursor
goes to the first match after the row it was on when the typing began, wrapping round to the
top, so typing the same initials again after a pause finds the next person who has them. The
query ends after RESET_MS without a key, and at once when a mark key, an arrow or a click is
used; a label shows it while it lasts.

With a Chinese input method switched on, letters arrive as its composition (preedit): that is
searched as it grows, so the jump happens while typing in either mode. A key the input method
then takes to pick a word (1, 2, 3 or Space) cannot be a mark: when a committed word matches no
name, the label says to press Esc first, instead of the list guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from db.search_keys import name_keys
from db.validation import HAN_RANGES, MIDDLE_DOTS, clean_text

RESET_MS = 1500  # slow typists take most of a second between two keys; marks end a query at once
_HAN = re.compile(f"[{HAN_RANGES}]")
_LETTERS = re.compile(r"[A-Za-z]+")
_DROPPED = re.compile(f"[\\s'’{MIDDLE_DOTS}]")  # spaces and the syllable marks of an input method (z's)


def normalize(text: str) -> str:
    """A query as the keys are written: lower-case, full-width letters made ASCII, no spaces,
    apostrophes or middle dots."""
    return _DROPPED.sub("", clean_text(text)).lower()


def is_search_text(text: str) -> bool:
    """Text a key or an input method gives that starts or extends a query: letters or Chinese."""
    return bool(text) and (bool(_LETTERS.fullmatch(text)) or bool(_HAN.search(text)))


def _shown(name: str) -> str:
    return _DROPPED.sub("", clean_text(name))


def name_matches(name: str, query: str) -> bool:
    """Does the name start with the (normalized) query: its characters, or the initials or the
    full pinyin of one of its readings (张三: 张, z, zs, zhang, zhangsan)."""
    if not query:
        return False
    if _HAN.search(query):
        return _shown(name).startswith(query)
    keys = name_keys(name)
    return any(k.startswith(query) for k in keys.initials) or any(k.startswith(query) for k in keys.full)


def find_row(names: Sequence[str], query: str, origin: int) -> int | None:
    """The first row after `origin` (wrapping round, `origin` itself last) whose name matches.

    Chinese that starts no name is looked for anywhere in the names (a given name typed alone).
    """
    q = normalize(query)
    count = len(names)
    if not q or not count:
        return None
    order = [(origin + 1 + i) % count for i in range(count)]
    for row in order:
        if name_matches(names[row], q):
            return row
    if _HAN.search(q):
        return next((row for row in order if q in _shown(names[row])), None)
    return None


class TypeAhead(QObject):
    """The query being typed and where it led. The list gives its names, its current row and a
    way to move the cursor; `changed` tells the label to show the new state."""

    changed = Signal()

    def __init__(self, names: Callable[[], Sequence[str]], current: Callable[[], int],
                 go_to: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names, self._current, self._go_to = names, current, go_to
        self.typed = ""  # letters or characters committed to the query
        self.composing = ""  # an input method's composition, searched as it grows
        self.found = True
        self.ime_took_key = False  # a word the input method committed matched nobody
        self._origin = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RESET_MS)
        self._timer.timeout.connect(self._on_timeout)

    @property
    def active(self) -> bool:
        return bool(self.typed or self.composing)

    @property
    def query(self) -> str:
        return self.typed + self.composing

    def add(self, text: str) -> None:
        """Letters or characters typed (a key, or the input method's committed word)."""
        self._begin()
        self.typed += text
        self._search()

    def compose(self, preedit: str) -> None:
        """The input method's composition changed (empty: it ended or was cancelled)."""
        if not preedit and not self.composing:
            return
        self._begin()
        self.composing = preedit
        if not self.query:  # cancelled with Esc before anything was committed
            self.clear()
            return
        self._search()

    def commit(self, text: str) -> None:
        """The input method committed `text`: letters (Enter) extend the query as typed; a word
        that starts a name replaces the pinyin typed for it; any other word was a key the input
        method took, so the cursor stays where the pinyin led."""
        pinyin, self.composing = self.composing, ""
        if not _HAN.search(text):
            self.add(text)
            return
        self._begin()
        chinese = self.typed if _HAN.search(self.typed) else ""
        if not pinyin or find_row(self._names(), chinese + text, self._origin) is not None:
            self.typed = chinese + text
            self._search()
            return
        self.typed += pinyin
        self.ime_took_key = True
        self._restart()
        self.changed.emit()

    def backspace(self) -> None:
        self.typed = self.typed[:-1]
        if not self.query:
            self.clear()
            return
        self._search()

    def clear(self) -> None:
        """End the query; the cursor stays where it is."""
        self._timer.stop()
        changed = self.active or self.ime_took_key or not self.found
        self.typed = self.composing = ""
        self.found, self.ime_took_key, self._origin = True, False, -1
        if changed:
            self.changed.emit()

    def _begin(self) -> None:
        if not self.active:
            self._origin = self._current()
        self.ime_took_key = False

    def _search(self) -> None:
        row = find_row(self._names(), self.query, self._origin)
        self.found = row is not None
        if row is not None:
            self._go_to(row)
        self._restart()
        self.changed.emit()

    def _restart(self) -> None:
        self._timer.start()

    def _on_timeout(self) -> None:
        if self.composing:  # the input method is still composing: the query lasts as long
            self._restart()
        else:
            self.clear()


class FindLabel(QLabel):
    """What is being looked for, next to the list: a hint when nothing is, the query while it
    lasts, and a warning when it finds nobody or the input method took a key."""

    IDLE, ACTIVE, MISSING = "color: #777;", "color: #1a5fb4; font-weight: bold;", "color: #b03a2e;"

    def __init__(self, finder: TypeAhead, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find_label")
        self.finder = finder
        self.setToolTip(self.tr("In the list, type a name's pinyin initials (zs for 张三), its full pinyin or "
                                "its characters: the cursor jumps to the next person who matches, and 1, 2 or 3 "
                                "then marks them. Type the same letters again for the next one."))
        finder.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        f = self.finder
        if f.ime_took_key:
            text = self.tr("The input method used that key: press Esc, then 1, 2 or 3")
            style = self.MISSING
        elif not f.active:
            text, style = self.tr("Type initials to find a person"), self.IDLE
        elif f.found:
            text, style = self.tr("Find: %1").replace("%1", f.query), self.ACTIVE
        else:
            text, style = self.tr("Find: %1 (nobody)").replace("%1", f.query), self.MISSING
        self.setText(text)
        self.setStyleSheet(style)
