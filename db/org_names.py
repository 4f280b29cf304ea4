"""Organisation names as lists show them: the short name (第一党小组, not 第三网格党支部第一党小组)
and the whole path for a tooltip. Offices name a party group after its branch, so the stored
name repeats the parent's; a table column of such names is cut off long before the part that
differs. The sign-in sheet (db.party_life.sign_in) also orders members by the tree walked here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import PartyOrg
from db.scope import scope_of

PATH_SEPARATOR = " › "
# Words an organisation's name ends in; a child named after its parent without them
# (幸福社区党委 → 幸福社区第一党支部) is shown without that shared start too.
_ORG_WORDS = ("党总支部", "党总支", "党支部", "总支部", "支部", "党委员会", "党委", "党小组", "小组")
_BARE_STARTS = ("党", "支部", "总支", "小组")


@dataclass(frozen=True)
class OrgPlace:
    """Where an organisation sits: its branch's place on the sheet, its short name and its path."""

    branch_position: int
    short: str
    path: str


def short_org_name(name: str, parent_name: str | None) -> str:
    """The last part of an organisation's name: 第三网格党支部第一党小组 under 第三网格党支部 is
    第一党小组. A name that does not start with its parent's stays whole."""
    if not parent_name:
        return name
    stems = [parent_name]
    stems += [parent_name[: -len(word)] for word in _ORG_WORDS if parent_name.endswith(word)]
    for stem in stems:
        rest = name[len(stem):] if stem and name.startswith(stem) else ""
        # Never cut to one character or to a bare word (第一党支部 → 第一党小组 is not 党小组).
        if len(rest) >= 2 and not rest.startswith(_BARE_STARTS):
            return rest
    return name


_walked: dict[tuple[object, ...], dict[int, OrgPlace]] = {}


def org_places(session: Session) -> dict[int, OrgPlace]:
    """Every organisation (deleted ones too: an old meeting may list their former members),
    walked depth-first in sort order as db.members.org_tree does.

    Every page of the member and meeting lists asks for it, and the walk costs about 130 ms at
    4,000 organisations: it is kept until the organisations change (their count, highest id or
    latest change moves), per database and community."""
    mark = session.execute(select(func.count(), func.max(PartyOrg.id), func.max(PartyOrg.updated_at))).one()
    key = (id(session.get_bind()), scope_of(session), *mark)
    found = _walked.get(key)
    if found is None:
        found = _walk(session)
        if len(_walked) >= 8:
            _walked.clear()
        _walked[key] = found
    return found


def _walk(session: Session) -> dict[int, OrgPlace]:
    rows = session.execute(select(PartyOrg.id, PartyOrg.name, PartyOrg.kind, PartyOrg.parent_id)
                           .order_by(PartyOrg.sort_order, PartyOrg.id)).all()
    children: dict[int | None, list[tuple[int, str, str]]] = {}
    known = {org_id for org_id, *_ in rows}
    for org_id, name, kind, parent_id in rows:
        children.setdefault(parent_id if parent_id in known else None, []).append((org_id, name, kind))
    places: dict[int, OrgPlace] = {}
    position = 0

    def walk(parent: int | None, parent_name: str | None, path: tuple[str, ...], branch: int | None) -> None:
        nonlocal position
        for org_id, name, kind in children.get(parent, []):
            here = position
            position += 1
            short = short_org_name(name, parent_name)
            own_branch = here if branch is None else branch
            # Above branch level (the committee) each organisation is its own block.
            places[org_id] = OrgPlace(own_branch if kind != "committee" else here, short,
                                      PATH_SEPARATOR.join((*path, short)))
            walk(org_id, name, (*path, short), own_branch if kind in ("branch", "group") else None)

    walk(None, None, (), None)
    return places
