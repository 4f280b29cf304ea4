"""Full ID and phone numbers, given out only to roles allowed them, and each time logged.

Lists, dialogs, printouts and exports show numbers masked (db.validation.mask_*). Seeing one
record's full numbers (查看完整号码), printing them (打印完整号码) or exporting them is a
disclosure of personal information: it needs its right and leaves an audit entry, in the
transaction of the caller, naming who saw what.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from db import audit
from db.models import MediationParty, Person
from db.permissions import actor_of, allowed, require_in
from db.printing_data import CaseDocument
from db.validation import mask_phone


@dataclass(frozen=True)
class FullNumbers:
    id_number: str
    phone: str


def reveal_person_numbers(session: Session, person_id: int) -> FullNumbers:
    """One person's full numbers for the record dialog (the "reveal" right; logged)."""
    require_in(session, "reveal")
    person = session.get_one(Person, person_id)
    audit.record(session, "reveal", "persons", person.id, person.name)
    return FullNumbers(person.id_number or "", person.phone or "")


def reveal_party_numbers(session: Session, party_id: int) -> FullNumbers:
    """A mediation party's full numbers (the "reveal" right; logged)."""
    require_in(session, "reveal")
    party = session.get_one(MediationParty, party_id)
    audit.record(session, "reveal", "mediation_parties", party.id, party.name)
    return FullNumbers(party.id_number or "", party.phone or "")


def record_unmasked_print(session: Session, document: str, count: int) -> None:
    """Before a document with full numbers is made: the right, and one entry naming it.

    `document` is what a person would call it ("党员花名册（第一党支部）"), `count` how many
    people's numbers it shows. The caller commits the session.
    """
    require_in(session, "export_unmasked")
    audit.record(session, "print", "", None, document, {"people": count})


CASE_PAPER_TITLES = {"register": "受理登记表", "agreement": "调解协议书", "followup": "回访记录"}


def case_paper_as_printed(session: Session, case: CaseDocument, paper: str) -> CaseDocument:
    """The case as its paper may be printed by the session's actor.

    A register sheet or an agreement needs the parties' phone numbers (the parties sign it and
    the office calls them back), so a role that may reveal numbers prints them in full, and
    that print is logged; a read-only account prints them masked, like every other document.
    """
    if not allowed(actor_of(session), "reveal"):
        return replace(case, parties=[replace(p, phone=mask_phone(p.phone)) for p in case.parties])
    if any(p.phone for p in case.parties):
        audit.record(session, "print", "mediation_cases", None, f"{CASE_PAPER_TITLES[paper]}（{case.number}）",
                     {"people": sum(1 for p in case.parties if p.phone)})
    return case
