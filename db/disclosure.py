"""Full ID and phone numbers, given out only to roles allowed them, and each time logged.

Lists, dialogs, printouts and exports show numbers masked (db.validation.mask_*). Seeing one
record's full numbers (查看完整号码), printing them (打印完整号码) or exporting them is a
disclosure of personal information: it needs its right and leaves an audit entry, in the
transaction of the caller, naming who saw what.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from db import audit
from db.models import MediationParty, Person
from db.permissions import require_in


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
