"""Two PCs saving mediation cases at the same moment: the numbers stay gap-free and unique per
community and year (db.counters). Two processes, each in a loop, on the same database — a file
or, with --engine postgresql, a server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from db.database import Database
from db.models import MediationCase

ROOT = Path(__file__).resolve().parents[2]
CASES_EACH = 12

SAVER = """
import sys
from datetime import date
from db.database import open_database
from db.mediation import CaseInput, PartyInput, save_case
db = open_database(sys.argv[1], create=False)
for n in range(int(sys.argv[2])):
    with db.session() as s, s.begin():
        save_case(s, CaseInput(received_on="2026-03-01", dispute_type="neighbour", facts=f"{sys.argv[3]}-{n}",
                               parties=[PartyInput("applicant", "王建国"), PartyInput("respondent", "李秀英")]),
                  today=date(2026, 11, 25))
db.close()
"""


def test_two_processes_saving_cases_take_every_number_once(db: Database, db_target: Path | str) -> None:
    savers = [subprocess.Popen([sys.executable, "-c", SAVER, str(db_target), str(CASES_EACH), who], cwd=ROOT,
                               stderr=subprocess.PIPE, text=True) for who in ("甲", "乙")]
    for saver in savers:
        _, err = saver.communicate(timeout=300)
        assert saver.returncode == 0, err[-2000:]
    with db.session() as s:
        seqs = sorted(s.scalars(select(MediationCase.seq).where(MediationCase.year == 2026)))
    assert seqs == list(range(1, 2 * CASES_EACH + 1))
