"""Which registers a station copy enters. The office marks them (文件 → 服务站可录入的登记簿,
`station registers --set …`); its next bundle to each station carries the choice. Until it
does, a station enters what the issues list as a station's work: volunteers and their service
hours, meetings and their attendance, mediation applications (accepted at the office), and the
moral bank's counter (redemptions within the office's allowance, good-deed claims reviewed at
the office). The others are the office's, and a station shows them to read.

A register that stations may enter is one of CHOICES: a later register joins by adding its key,
its name for the office, and the tables its dialogs edit.

This is what the window offers at a station; db/ itself lets a station's account change what
its role allows, as at the office (a script at a station is the office's own tool), except for a
case's status, which db.mediation keeps to the office.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.exchange.journal import ExchangeError, this_copy
from db.permissions import actor_of, require

# register key → (its name for the office, the tables its dialogs edit there; persons: a
# volunteer, member or grid worker is registered with the person)
CHOICES: dict[str, tuple[str, tuple[str, ...]]] = {
    "volunteers": ("志愿者与志愿服务时长", ("persons", "volunteers", "service_activities", "service_logs")),
    "party_life": ("会议与出勤（三会一课）", ("meetings", "attendance")),
    "mediation": ("调解申请", ("mediation_cases", "mediation_parties", "mediation_follow_ups")),
    "members": ("党员", ("persons", "party_members")),
    "grid_workers": ("网格员", ("persons", "grid_workers")),
    "residents": ("房屋与居民", ("persons", "residents", "buildings", "rooms", "households")),
    "points": ("道德银行的兑换与申报", ("bank_accounts", "bank_entries", "bank_claims", "redemptions",
                                 "redemption_lines", "stock_moves")),
}
USUAL = ("volunteers", "party_life", "mediation", "points")
# The rights a register's tab gives for entering records, withheld at a station for the others.
ENTERING = frozenset({"edit", "delete", "restore", "import"})


def parse(text: str | None) -> frozenset[str]:
    """The registers a stored choice names (None: the usual ones); unknown keys are left out
    (a register a newer version of the program knew)."""
    if text is None:
        return frozenset(USUAL)
    return frozenset(k for k in text.split(",") if k in CHOICES)


def station_registers(session: Session) -> frozenset[str]:
    """The registers this copy's stations enter (at a station: its own)."""
    here = this_copy(session)
    return parse(here.station_registers if here is not None else None)


def tables_of(registers: frozenset[str]) -> frozenset[str]:
    """The tables the dialogs of `registers` edit."""
    return frozenset(t for key in registers for t in CHOICES[key][1])


def set_station_registers(session: Session, keys: list[str]) -> frozenset[str]:
    """Mark the registers the office's stations enter (an administrator's choice, at the office);
    each station takes it with the office's next bundle."""
    require(actor_of(session), "accounts")
    here = this_copy(session)
    if here is None or here.kind != "office":
        raise ExchangeError("只有办公室能设定服务站可录入的登记簿：先制作一个服务站副本。")
    unknown = [k for k in keys if k not in CHOICES]
    if unknown:
        names = "、".join(f"{k}（{label}）" for k, (label, _) in CHOICES.items())
        raise ExchangeError(f"没有名为“{'、'.join(unknown)}”的登记簿；可选：{names}。")
    chosen = [k for k in CHOICES if k in keys]  # in the usual order, once each
    here.station_registers = ",".join(chosen)
    session.flush()
    return frozenset(chosen)


def take_from_office(session: Session, registers: list[str] | None) -> None:
    """At a station: the office's choice, as its bundle carried it (None: an office that has not
    chosen, so the usual ones)."""
    here = this_copy(session)
    if here is not None and here.kind == "station":
        here.station_registers = None if registers is None else ",".join(k for k in registers if k in CHOICES)
