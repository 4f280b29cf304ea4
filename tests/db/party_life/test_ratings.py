"""Branch star rating (五星支部): the sheet per year, scores, thresholds, stars, scaling, history."""

from __future__ import annotations

import pytest

from db.database import Database
from db.party_life.ratings import (
    DEFAULT_THRESHOLDS,
    IndicatorRow,
    branch_ratings,
    copy_indicators,
    example_indicators,
    indicators,
    rating_history,
    rating_thresholds,
    save_indicators,
    save_rating_thresholds,
    save_scores,
    score_sheet,
    stars_for,
)
from db.permissions import Actor, PermissionDenied
from db.validation import FieldError, ValidationErrors

FIRST, SECOND = 2, 3  # tests/seed.py


def sheet(db: Database, year: int, rows: list[tuple[str, float]]) -> list[int]:
    with db.session() as s, s.begin():
        save_indicators(s, year, [IndicatorRow(None, name, most) for name, most in rows])
        return [r.id for r in indicators(s, year) if r.id is not None]


def score(db: Database, year: int, org_id: int, values: dict[int, object]) -> None:
    with db.session() as s, s.begin():
        save_scores(s, year, org_id, values)


@pytest.mark.parametrize(("total", "stars"), [
    (100, 5), (95, 5), (94.99, 4), (85, 4), (84.5, 3), (75, 3), (74, 2), (65, 2), (64.9, 1), (60, 1),
    (59.99, 0), (0, 0),
])
def test_each_star_boundary_with_the_default_thresholds(db: Database, total: float, stars: int) -> None:
    ids = sheet(db, 2026, [("组织建设", 100)])
    score(db, 2026, FIRST, {ids[0]: total})
    with db.session() as s:
        first = branch_ratings(s, 2026)[0]
    assert (first.org_name, first.total, first.max_total, first.stars) == ("第一党支部", total, 100, stars)


def test_the_total_is_scaled_to_100_when_the_sheet_is_not_out_of_100(db: Database) -> None:
    ids = sheet(db, 2026, [("组织建设", 30), ("组织生活", 20)])  # out of 50
    score(db, 2026, FIRST, {ids[0]: 28, ids[1]: 19.5})  # 47.5 of 50 = 95 of 100 → 5 stars
    score(db, 2026, SECOND, {ids[0]: 28, ids[1]: 19})  # 47 of 50 = 94 → 4 stars
    with db.session() as s:
        rows = branch_ratings(s, 2026)
    assert [(r.total, r.max_total, r.scaled, r.stars) for r in rows] == [(47.5, 50, 95, 5), (47, 50, 94, 4)]


def test_unscored_branch_has_no_stars_and_missing_indicators_count_zero(db: Database) -> None:
    ids = sheet(db, 2026, [(r.name, r.max_score) for r in example_indicators()])  # 5 × 20
    score(db, 2026, FIRST, {ids[0]: 20, ids[1]: 20, ids[2]: 20, ids[3]: 20})  # 80 of 100, 作风建设 not entered
    with db.session() as s:
        rows = branch_ratings(s, 2026)
        assert score_sheet(s, 2026) == {FIRST: {ids[0]: 20, ids[1]: 20, ids[2]: 20, ids[3]: 20}}
    assert [(r.total, r.stars) for r in rows] == [(80, 3), (0, 0)]


def test_scores_are_checked_against_the_maximum(db: Database) -> None:
    ids = sheet(db, 2026, [("组织建设", 20)])
    with db.session() as s, s.begin(), pytest.raises(ValidationErrors) as info:
        save_scores(s, 2026, FIRST, {ids[0]: 21})
    assert info.value.errors[0].message == "组织建设：应在 0 到 20 分之间"
    with db.session() as s, s.begin(), pytest.raises(ValidationErrors) as info:
        save_scores(s, 2026, FIRST, {ids[0]: -1, 999: 3})
    assert {e.field for e in info.value.errors} == {f"score{ids[0]}", "score999"}
    with db.session() as s, s.begin(), pytest.raises(ValidationErrors):
        save_scores(s, 2026, 4, {ids[0]: 3})  # 第一党小组 is a group, not a branch


def test_thresholds_in_the_office_settings(db: Database) -> None:
    with db.session() as s:
        assert rating_thresholds(s) == DEFAULT_THRESHOLDS == [95, 85, 75, 65, 60]
    with db.session() as s, s.begin():
        save_rating_thresholds(s, [90, "80", 70, 60, 50])
    with db.session() as s:
        assert rating_thresholds(s) == [90, 80, 70, 60, 50]
    ids = sheet(db, 2026, [("组织建设", 100)])
    score(db, 2026, FIRST, {ids[0]: 90})
    with db.session() as s:
        assert branch_ratings(s, 2026)[0].stars == 5  # 90 is five stars now, four with the defaults

    def refused(values: list[object]) -> dict[str, str]:
        with db.session() as s, s.begin(), pytest.raises(ValidationErrors) as info:
            save_rating_thresholds(s, values)
        return {e.field: e.message for e in info.value.errors}

    assert refused([90, 90, 70, 60, 50]) == {"threshold1": "4星分数线：应低于5星分数线 90"}
    assert refused([101, 80, 70, 60, 50]) == {"threshold0": "5星分数线：应在 0 到 100 之间"}
    assert "五个" in refused([90, 80])["thresholds"]
    db.actor = Actor("clerk1", "clerk")
    with db.session() as s, pytest.raises(PermissionDenied):  # a setting: administrators only
        save_rating_thresholds(s, [95, 85, 75, 65, 60])


def test_stars_for_with_office_thresholds() -> None:
    assert [stars_for(v, [90, 80, 70, 60, 50]) for v in (90, 89.9, 50, 49.9, None)] == [5, 4, 1, 0, 0]


def test_copy_and_history(db: Database) -> None:
    ids_2025 = sheet(db, 2025, [("组织建设", 60), ("服务群众", 40)])
    score(db, 2025, FIRST, {ids_2025[0]: 50, ids_2025[1]: 36})  # 86 → 4 stars
    with db.session() as s, s.begin():
        assert copy_indicators(s, 2025, 2026) == 2
        with pytest.raises(FieldError, match="已有评分指标"):
            copy_indicators(s, 2025, 2026)
    with db.session() as s:
        rows_2026 = indicators(s, 2026)
    assert [(r.name, r.max_score) for r in rows_2026] == [("组织建设", 60), ("服务群众", 40)]
    with db.session() as s, s.begin():  # 2026 out of 120: one more indicator
        save_indicators(s, 2026, [*rows_2026, IndicatorRow(None, "作风建设", 20)])
        ids_2026 = [r.id for r in indicators(s, 2026)]
    score(db, 2026, FIRST, {ids_2026[0]: 60, ids_2026[1]: 40, ids_2026[2]: 14})  # 114 of 120 = 95 → 5 stars
    with db.session() as s:
        assert rating_history(s, FIRST) == [(2025, 86, 4), (2026, 114, 5)]
        assert rating_history(s, SECOND) == []


def test_sheet_is_checked_and_removing_an_indicator_removes_its_scores(db: Database) -> None:
    with db.session() as s, s.begin(), pytest.raises(ValidationErrors) as info:
        save_indicators(s, 2026, [IndicatorRow(None, "组织建设", 20), IndicatorRow(None, "组织建设", 0)])
    assert {e.field: e.message for e in info.value.errors} == {
        "indicator1_name": "第2项指标名称：“组织建设”重复", "indicator1_max_score": "第2项满分：应大于 0，不超过 1000"}
    ids = sheet(db, 2026, [("组织建设", 50), ("服务群众", 50)])
    score(db, 2026, FIRST, {ids[0]: 40, ids[1]: 45})
    with db.session() as s, s.begin():
        save_indicators(s, 2026, [indicators(s, 2026)[1]])
    with db.session() as s:
        assert score_sheet(s, 2026) == {FIRST: {ids[1]: 45}}
        assert branch_ratings(s, 2026)[0].scaled == 90  # 45 of 50
    with db.session() as s, s.begin(), pytest.raises(FieldError, match="高于新的满分"):
        save_indicators(s, 2026, [IndicatorRow(ids[1], "服务群众", 40)])
