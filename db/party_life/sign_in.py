"""The sign-in sheet order (签到表) and the short branch names it prints.

The clerk takes attendance from the signed paper sheet, top to bottom, so the attendance
screen lists people in exactly the order the sheet was printed in: by branch (支部, as the
organisation tree lists them: committee, first branch, second branch …), then by name in
pinyin (the stored PartyMember.name_sort, from db.search_keys.sort_key: surname readings at
the surname, 陈 before 程), then by id so two people of the same name keep one order. A party
group's members are listed with their branch: a branch meeting has one block, not one per
group. Both the screen and the printed sheet sort through sheet_key().
"""

from __future__ import annotations

from db.org_names import OrgPlace, org_places, short_org_name

__all__ = ["OrgPlace", "org_places", "sheet_key", "short_org_name"]


def sheet_key(place: OrgPlace | None, name_sort: str, member_id: int) -> tuple[int, str, int]:
    """Sort key of one member on the sign-in sheet (an unknown organisation goes last)."""
    return (place.branch_position if place is not None else 1 << 30, name_sort, member_id)

