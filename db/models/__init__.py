"""Typed SQLAlchemy models. Import from here: `from db.models import Person, PartyMember`."""

from db.models.accounts import AuditEntry, User
from db.models.bank import (
    BankAccount,
    BankClaim,
    BankEntry,
    BankGoods,
    BankOverdraft,
    BankRule,
    PartnerShop,
    Redemption,
    RedemptionLine,
    StockMove,
)
from db.models.base import NAMING_CONVENTION, Base, Tracked, mapped_class, now
from db.models.community import Community, Counter
from db.models.exchange import (
    COPY_KINDS,
    ChangeJournalEntry,
    CopyIdentity,
    ExchangeConflict,
    ExchangePeer,
    RecordAlias,
)
from db.models.grid_work import Incident, IncidentEvent, Visit
from db.models.grids import Grid, GridWorker, grid_worker_grids
from db.models.housing import Building, CareTag, Household, Resident, ResidentTag, Room
from db.models.mediation import FollowUp, MediationCase, MediationParty, Mediator
from db.models.office import OfficeSetting
from db.models.party import MemberStatusChange, PartyMember, PartyOrg
from db.models.party_life import (
    Attendance,
    Meeting,
    MeetingSchedule,
    PointEntry,
    PointRule,
    RatingIndicator,
    RatingScore,
)
from db.models.people import Person
from db.models.volunteers import ServiceActivity, ServiceLog, Volunteer

__all__ = [
    "AuditEntry", "User",
    "BankAccount", "BankClaim", "BankEntry", "BankGoods", "BankOverdraft", "BankRule", "PartnerShop", "Redemption",
    "RedemptionLine", "StockMove",
    "NAMING_CONVENTION", "Base", "Tracked", "mapped_class", "now",
    "Community", "Counter",
    "COPY_KINDS", "ChangeJournalEntry", "CopyIdentity", "ExchangeConflict", "ExchangePeer", "RecordAlias",
    "Grid", "GridWorker", "grid_worker_grids",
    "Incident", "IncidentEvent", "Visit",
    "Building", "CareTag", "Household", "Resident", "ResidentTag", "Room",
    "FollowUp", "MediationCase", "MediationParty", "Mediator",
    "OfficeSetting",
    "MemberStatusChange", "PartyMember", "PartyOrg",
    "Attendance", "Meeting", "MeetingSchedule", "PointEntry", "PointRule", "RatingIndicator", "RatingScore",
    "Person",
    "ServiceActivity", "ServiceLog", "Volunteer",
]
