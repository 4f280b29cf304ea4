"""What every tab and dialog receives: the open database and the display language."""

from __future__ import annotations

from dataclasses import dataclass

from db.database import Database


@dataclass
class AppContext:
    db: Database
    lang: str = "zh_CN"
    # At a station copy, the registers it enters (db.exchange.registers); None at the office.
    station_registers: frozenset[str] | None = None

    @property
    def is_chinese(self) -> bool:
        return self.lang.startswith("zh")
