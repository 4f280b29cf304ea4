"""A tiny party for the party-life window tests: members in the seed's branches, made through
db.members.save_member so they carry the same search keys (pinyin initials) as real ones."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from db.database import Database
from db.members import MemberInput, save_member
from db.people import PersonFields
from tests.db.test_members import make_id

FIRST_BRANCH, SECOND_BRANCH, FIRST_GROUP = 2, 3, 4  # tests/seed.py
TODAY = date(2026, 11, 25)


def add_member(db: Database, name: str, org_id: int, seq: int, **overrides: object) -> int:
    """A full member admitted in 2010 (overrides: any MemberInput field)."""
    values: dict[str, object] = dict(org_id=org_id, member_type="full", admitted_on="2010-07-01",
                                     full_on="2011-07-01", category="retired")
    values.update(overrides)
    person = PersonFields(name=name, id_number=make_id("19700101", f"{seq:03d}"))
    with db.session() as s, s.begin():
        member = save_member(s, MemberInput(person=person, **values), today=TODAY)  # type: ignore[arg-type]
        s.flush()
        return member.id


def tr(context: str, text: str, n: int = -1, **args: object) -> str:
    """The text as the window shows it (an earlier test may have installed the zh_CN translator):
    translated in the widget's context, %1, %2 … replaced by args given as a1=, a2= …."""
    out = QCoreApplication.translate(context, text, None, n)
    for key, value in args.items():
        out = out.replace(f"%{key[1:]}", str(value))
    return out


def counts_text(present: int, leave: int, absent: int) -> str:
    return tr("MeetingDialog", "Present %1 · On leave %2 · Absent %3", a1=present, a2=leave, a3=absent)
