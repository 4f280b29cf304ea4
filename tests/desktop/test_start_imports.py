"""What the window's start leaves for later: the first page needs neither ReportLab (printing),
nor pypinyin's dictionary (search keys are made on save), nor alembic (a database already at the
newest schema). Together they were half a second of the start at a street office's size."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from db.database import open_database

ROOT = Path(__file__).resolve().parents[2]

START = """
import sys
from desktop.app import make_application
from desktop.common.context import AppContext
from desktop.main_window import MainWindow
from desktop.settings import Settings, use_ini_file
from db.database import open_database
from pathlib import Path
use_ini_file(Path(sys.argv[2]))
app = make_application("zh_CN")
window = MainWindow(AppContext(db=open_database(sys.argv[1]), lang="zh_CN"), Settings())
window.show_tab("members")
window.show()
app.processEvents()
print(sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in ("reportlab", "pypinyin", "alembic")}))
"""


def test_the_window_starts_without_printing_pinyin_or_migrations(tmp_path: Path) -> None:
    open_database(tmp_path / "office.sqlite3").close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", START, str(tmp_path / "office.sqlite3"), str(tmp_path / "s.ini")],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
