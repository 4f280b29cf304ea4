"""Excel and WPS workbooks (.xlsx/.xlsm, .xls, .ods, .et) read with python-calamine, once the
checks in zipped.py or biff.py have shown that calamine can build the first sheet within the limits."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from python_calamine import CalamineWorkbook

from db.importing.readers import LedgerReadError, unreadable
from db.importing.readers.biff import check_xls
from db.importing.readers.limits import check_grid
from db.importing.readers.zipped import check_zip

# calamine picks its reader by suffix; these are the suffixes under which it reads each kind
# (".et" it does not know, so it looks at the content). Anything else goes in as a file object.
_CALAMINE_SUFFIXES = {"xls": (".xls", ".et"), "xlsx": (".xlsx", ".xlsm", ".et"), "ods": (".ods",)}


def read_workbook(path: Path, container: str) -> list[list[object]]:
    """The first sheet of a workbook; container is "ole2" or "zip", told from the first bytes."""
    if container == "ole2":
        check_xls(path)
        kind = "xls"
    else:
        kind = check_zip(path)
    try:
        if path.suffix.lower() in _CALAMINE_SUFFIXES[kind]:
            workbook = CalamineWorkbook.from_path(str(path))
        else:  # a workbook saved under another suffix (an .xlsx named .xls)
            with open(path, "rb") as file:
                workbook = CalamineWorkbook.from_filelike(file)
    except OSError:
        raise
    except Exception:  # python-calamine's errors (CalamineError, ZipError, XmlError...) all mean the same here
        raise unreadable(path.name) from None
    try:
        if not workbook.sheet_names:
            return []
        sheet = workbook.get_sheet_by_index(0)
        if sheet.end is not None:  # the checks above should make this a formality
            check_grid(path.name, sheet.end[0] + 1, sheet.end[1] + 1)
        return cast(list[list[object]], sheet.to_python(skip_empty_area=False))
    except LedgerReadError:
        raise
    except Exception:
        raise unreadable(path.name) from None
    finally:
        workbook.close()

