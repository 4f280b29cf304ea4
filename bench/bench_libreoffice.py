"""LibreOffice as the peer a bench measures beside our figures, in the same run: the office
staff's other tool for the same ledgers and rosters (issue 14 keeps these ratios).

Headless conversions with a throwaway profile: one conversion first, untimed, so that the
profile's creation (seconds, once per user on a real PC) is not counted; then the conversion
measured, with LibreOffice's own start included, as a person opening the file would wait.
When LibreOffice is not installed the figure is None and the bench says so.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

TIMEOUT_S = 600


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(program: str, profile: Path, source: Path, to: str, out_dir: Path) -> None:
    subprocess.run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", to, "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True, timeout=TIMEOUT_S)


def convert_seconds(source: Path, to: str) -> float | None:
    """Seconds LibreOffice takes to open `source` and write it as `to` ("csv", "pdf"); None
    without LibreOffice."""
    program = soffice()
    if program is None:
        return None
    work = Path(tempfile.mkdtemp(prefix="bench-lo-"))
    try:
        profile = work / "profile"
        warm = work / "warm.csv"
        warm.write_text("a,b\n1,2\n", encoding="utf-8")
        _convert(program, profile, warm, "pdf", work)  # the profile made, untimed
        started = time.perf_counter()
        _convert(program, profile, source, to, work)
        return time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)
