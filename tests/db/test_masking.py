"""Masking as a property: one fixed pattern for any number, nothing more shown for any input, and
no full number in what leaves the program masked (the .xlsx export; the roster PDF is checked in
tests/desktop/printing/test_unmasked_prints.py).

DOMAIN.md §6: one pattern everywhere, so that two masked copies cannot be combined to recover a
number. So the properties are about which characters stay visible, not only about one example.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select

from db.database import Database, open_database
from db.exporting import export_register
from db.models import Person
from db.validation import id_check_character, mask_id_number, mask_phone

ID_SHOWN = set(range(6)) | set(range(14, 18))  # positions a masked ID shows: area code and the last four
MOBILE_SHOWN = set(range(3)) | set(range(7, 11))
AREA_CODE_MAX = 4  # 0379: a landline shows its area code and the last four digits


@st.composite
def valid_ids(draw: st.DrawFn) -> str:
    area = draw(st.integers(110000, 999999))
    born = draw(st.dates(date(1900, 1, 1), date(2025, 12, 31)))
    seq = draw(st.integers(0, 999))
    body = f"{area}{born:%Y%m%d}{seq:03d}"
    return body + id_check_character(body)


mobiles = st.from_regex(r"\A1[3-9][0-9]{9}\Z")
# Anything a cell, an old import or a hand-edited database could hold, including masks and separators.
any_text = st.one_of(st.text(max_size=40), st.text(alphabet="0123456789Xx*- +", max_size=25))


def shown(masked: str) -> list[int]:
    """Positions of the characters a masked value still shows."""
    return [i for i, c in enumerate(masked) if c != "*"]


def visible(masked: str) -> int:
    return sum(1 for c in masked if c not in "*-")


# --- ID numbers ----------------------------------------------------------------------------------------------

@given(valid_ids())
def test_a_valid_id_shows_the_first_six_and_the_last_four_only(number: str) -> None:
    masked = mask_id_number(number)
    assert masked == number[:6] + "*" * 8 + number[-4:]
    assert set(shown(masked)) == ID_SHOWN
    assert number[6:14] not in masked  # the birth date, in any form the digits 7–14 take


@given(valid_ids(), valid_ids())
def test_every_valid_id_is_masked_at_the_same_positions(first: str, second: str) -> None:
    """One pattern: copies masked at different places could be laid over each other."""
    assert shown(mask_id_number(first)) == shown(mask_id_number(second))


@given(valid_ids(), st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_the_masked_id_does_not_depend_on_the_hidden_digits(number: str, middle: str) -> None:
    assert mask_id_number(number[:6] + middle + number[14:]) == mask_id_number(number)


@given(valid_ids())
def test_masking_an_id_is_deterministic_and_masking_a_mask_changes_nothing(number: str) -> None:
    masked = mask_id_number(number)
    assert mask_id_number(number) == masked
    assert mask_id_number(masked) == masked


@given(any_text)
def test_any_text_masks_without_error_and_shows_no_more_than_the_pattern(text: str) -> None:
    masked = mask_id_number(text)
    assert len(masked) == len(text)
    assert all(masked[i] == text[i] for i in shown(masked))  # what shows is the value's own characters
    allowed = 10 if len(text) == 18 else 0 if len(text) <= 4 else 4
    assert len(shown(masked)) <= allowed
    again = mask_id_number(masked)
    assert set(shown(again)) <= set(shown(masked))  # masking twice reveals nothing new


# --- phones --------------------------------------------------------------------------------------------------

@given(mobiles)
def test_a_mobile_shows_three_and_four(number: str) -> None:
    masked = mask_phone(number)
    assert masked == number[:3] + "****" + number[-4:]
    assert set(shown(masked)) == MOBILE_SHOWN and number[3:7] not in masked[3:7]


@given(mobiles, mobiles)
def test_every_mobile_is_masked_at_the_same_positions(first: str, second: str) -> None:
    assert shown(mask_phone(first)) == shown(mask_phone(second))


@given(mobiles, st.text(alphabet="0123456789", min_size=4, max_size=4))
def test_the_masked_mobile_does_not_depend_on_the_hidden_digits(number: str, middle: str) -> None:
    assert mask_phone(number[:3] + middle + number[7:]) == mask_phone(number)


@given(mobiles)
def test_masking_a_masked_mobile_reveals_nothing(number: str) -> None:
    masked = mask_phone(number)
    assert mask_phone(number) == masked
    assert visible(mask_phone(masked)) <= visible(masked) and "*" * 4 in mask_phone(masked)


@given(st.sampled_from(["010", "021", "0379", "0898"]), st.from_regex(r"\A[2-8][0-9]{6,7}\Z"))
def test_a_landline_shows_its_area_code_and_last_four(area: str, number: str) -> None:
    masked = mask_phone(f"{area}-{number}")
    assert masked == f"{area}-" + "*" * (len(number) - 4) + number[-4:]
    assert mask_phone(masked) == masked


@given(any_text)
def test_any_text_masks_as_a_phone_without_error_and_shows_no_more_than_the_pattern(text: str) -> None:
    masked = mask_phone(text)
    assert visible(masked) <= AREA_CODE_MAX + 4
    assert visible(mask_phone(masked)) <= visible(masked)


# --- what leaves the program masked --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_db(module_db_target):  # type: ignore[no-untyped-def]
    from db.demo import fill_demo

    database = open_database(module_db_target)
    fill_demo(database, seed=7, today=date(2026, 11, 25))
    yield database
    database.close()


def cells(path: Path) -> list[str]:
    return [str(c) for row in load_workbook(path, read_only=True).active.iter_rows(values_only=True)
            for c in row if c is not None]


@pytest.mark.parametrize("register", ["members", "grid-workers", "volunteer-hours"])
def test_a_masked_export_holds_no_full_id_or_phone_number(demo_db: Database, tmp_path: Path, register: str) -> None:
    with demo_db.session() as s:
        people = s.execute(select(Person.id_number, Person.phone)).all()
    ids = {i for i, _ in people if i}
    phones = {p for _, p in people if p and len(p) >= 7}
    out = tmp_path / f"{register}.xlsx"
    with demo_db.session() as s, s.begin():
        assert export_register(s, register, out) > 0
    text = "\n".join(cells(out))
    assert ids and phones and "****" in text
    assert not [i for i in ids if i in text] and not [p for p in phones if p in text]
    # and the same export in full does hold them, so the check above can fail
    with demo_db.session() as s, s.begin():
        export_register(s, register, out, masked=False)
    full = "\n".join(cells(out))
    has_ids, has_phones = register != "grid-workers", register != "volunteer-hours"  # the columns each sheet has
    assert bool([i for i in ids if i in full]) is has_ids and bool([p for p in phones if p in full]) is has_phones


def test_a_phone_masked_already_is_shown_as_it_is() -> None:
    """A station copy holds its phones masked (db.exchange.stations): masking again must not turn
    138****8232 into *******8232."""
    from db.validation import mask_phone

    assert mask_phone("138****8232") == "138****8232"
    assert mask_phone("0379-****5678") == "0379-****5678"
