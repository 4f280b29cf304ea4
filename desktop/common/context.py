"""What every tab and dialog receives: the open database and the display language."""

from __future__ import annotations

from dataclasses import dataclass

from db.database import Database


@dataclass
class AppContext:
    db: Database
    lang: str = "zh_CN"

    @property
    def is_chinese(self) -> bool:
        return self.lang.startswith("zh")
