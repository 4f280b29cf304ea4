"""Staff's own answers for the values a ledger writes its own way, as the command line takes
them (`--map FILE.json`; the window keeps its answers as codes in the PC's settings):

    {"纠纷类型": {"家长里短": "邻里", "合同": "合同纠纷"}, "所在支部": {"老干部支部": "离退休党支部"}}

A column is named by the ledger's header, the register's label or any of its synonyms (or the
field's code); a choice by any form its vocabulary accepts, or its code; an organisation or grid
by its registered name, or "新建" to create it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from db.importing.layout import Layout
from db.importing.pipeline import CREATE, Register
from db.validation import clean_text

CREATE_WORDS = ("新建", "create")
_SHAPE = '应如 {"列名": {"台账中的值": "选项"}}'


class MapError(ValueError):
    """The map cannot be used; str() is one Chinese sentence."""


def read_map_file(path: Path) -> dict[str, dict[str, str]]:
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise MapError(f"无法读取对照表“{path}”：{exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MapError(f"对照表“{path.name}”不是有效的 JSON（{_SHAPE}）") from exc
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise MapError(f"对照表“{path.name}”的格式不对（{_SHAPE}）")
    return {str(k): {clean_text(a): clean_text(b) for a, b in v.items()} for k, v in raw.items()}


def _field_of(register: Register, layout: Layout | None, column: str) -> str | None:
    wanted = clean_text(column)
    for c in register.columns:
        if wanted == c.field or wanted in c.synonyms:
            return c.field
    if layout is not None:
        for field, index in layout.columns.items():
            if index < len(layout.headers) and clean_text(layout.headers[index]) == wanted:
                return field
    return None


def resolve_maps(session: Session, register: Register, layout: Layout | None, raw: dict[str, dict[str, str]],
                 ) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, int]]]:
    """The map as codes (choice columns) and record ids (organisation and grid columns)."""
    values: dict[str, dict[str, str]] = {}
    names: dict[str, dict[str, int]] = {}
    references = {r.field: r for r in register.references}
    for column, pairs in raw.items():
        field = _field_of(register, layout, column)
        if field is None:
            raise MapError(f"对照表中的列“{column}”不是{register.title}的列")
        choices = register.column(field).choices
        if field in references:
            existing = references[field].existing(session)
            for value, target in pairs.items():
                if target in CREATE_WORDS:
                    names.setdefault(field, {})[value] = CREATE
                elif target in existing:
                    names.setdefault(field, {})[value] = existing[target]
                else:
                    raise MapError(f"对照表：{column}“{value}”要对应的“{target}”不存在（要新建请写“新建”）")
        elif choices is not None:
            for value, target in pairs.items():
                code = choices.code_for(target)
                if code is None:
                    options = "、".join(c.zh for c in choices)
                    raise MapError(f"对照表：{column}“{value}”要对应的“{target}”不是可选项（可选：{options}）")
                values.setdefault(field, {})[value] = code
        else:
            raise MapError(f"对照表中的列“{column}”不是选项列，不需要对照")
    return values, names
