"""Branch star rating (五星支部): a score sheet of indicators per year, scores per branch, stars.

All of it is local practice (DOMAIN.md §1): the indicators are rows per year (copied from the
year before, or started from EXAMPLE_SHEET), and the thresholds for 5..1 stars are kept in the
office settings ("rating_thresholds", a JSON list, administrators change it). Stars are read
from the total scaled to 100, so a sheet whose maximum is 120 or 50 uses the same thresholds.
Indicators and scores are ordinary records (录入员 may enter them).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import PartyOrg, RatingIndicator, RatingScore
from db.office import get_setting, set_setting
from db.party_life.points import branch_choices
from db.permissions import require_in
from db.validation import ErrorCollector, FieldError, ValidationErrors, check_free_text, check_int, check_number, is_id

THRESHOLDS_KEY = "rating_thresholds"
DEFAULT_THRESHOLDS = [95.0, 85.0, 75.0, 65.0, 60.0]  # the least scaled total for 5, 4, 3, 2, 1 stars
# An example sheet offered for a year that has none; offices replace it with their own indicators.
EXAMPLE_SHEET = [("组织建设", 20.0), ("党员教育管理", 20.0), ("组织生活", 20.0), ("服务群众", 20.0), ("作风建设", 20.0)]
MAX_SCORE = 1000.0
YEARS = (1900, 2100)


def _year(value: object) -> int:
    """The sheet's year, as the year box gives it; FieldError for anything else."""
    year = check_int(value, "year", "年度", *YEARS, problem=f"应为{YEARS[0]}到{YEARS[1]}之间的年份")
    if year is None:
        raise FieldError("year", "年度", "必填")
    return year


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator as the editor shows it; id None for one being added."""

    id: int | None
    name: str
    max_score: float
    sort_order: int = 0


@dataclass(frozen=True)
class BranchRating:
    org_id: int
    org_name: str
    total: float
    max_total: float
    stars: int  # 0 when below the one-star threshold or not scored

    @property
    def scaled(self) -> float | None:
        """The total out of 100 (what the thresholds are compared with)."""
        return scaled(self.total, self.max_total)


def scaled(total: float, max_total: float) -> float | None:
    return round(total * 100 / max_total, 6) if max_total else None


def stars_for(score_of_100: float | None, thresholds: Sequence[float]) -> int:
    """5 stars at or above the first threshold, 4 at or above the second … 0 below the last."""
    if score_of_100 is None:
        return 0
    for i, least in enumerate(thresholds):
        if score_of_100 >= least:
            return 5 - i
    return 0


# --- thresholds ------------------------------------------------------------------------------

def rating_thresholds(session: Session) -> list[float]:
    """The least scaled totals for 5..1 stars; the default when unset or unreadable."""
    try:
        values = [float(v) for v in json.loads(get_setting(session, THRESHOLDS_KEY) or "null")]
    except (TypeError, ValueError):
        return list(DEFAULT_THRESHOLDS)
    return values if len(values) == 5 else list(DEFAULT_THRESHOLDS)


def save_rating_thresholds(session: Session, values: Sequence[object]) -> None:
    """Five numbers 0..100, each lower than the one before (五星 highest); raises ValidationErrors.

    A setting: refused for roles other than administrator (as every office setting is).
    """
    require_in(session, "settings")
    errors = ErrorCollector()
    clean: list[float] = []
    if len(values) != 5:
        errors.add(FieldError("thresholds", "星级分数线", "应为五星到一星的五个分数"))
    for i, value in enumerate(values[:5]):
        field, label = f"threshold{i}", f"{5 - i}星分数线"
        number = errors.check(check_number, value, field, label, 0, 100)
        if number is None:
            if not errors.has(field):
                errors.add(FieldError(field, label, "必填"))
            continue
        if clean and number >= clean[-1]:
            errors.add(FieldError(field, label, f"应低于{6 - i}星分数线 {clean[-1]:g}"))
        clean.append(number)
    errors.raise_if_any()
    set_setting(session, THRESHOLDS_KEY, json.dumps(clean))


# --- the sheet -------------------------------------------------------------------------------

def indicators(session: Session, year: int) -> list[IndicatorRow]:
    rows = session.scalars(select(RatingIndicator).where(RatingIndicator.year == year)
                           .order_by(RatingIndicator.sort_order, RatingIndicator.id))
    return [IndicatorRow(r.id, r.name, r.max_score, r.sort_order) for r in rows]


def example_indicators() -> list[IndicatorRow]:
    """EXAMPLE_SHEET as unsaved rows, for the editor to offer."""
    return [IndicatorRow(None, name, most, i) for i, (name, most) in enumerate(EXAMPLE_SHEET)]


def save_indicators(session: Session, year: int, rows: Sequence[IndicatorRow]) -> None:
    """Replace the year's sheet; an indicator left out is removed with its scores.

    Fields in errors are "indicator{i}_name" / "indicator{i}_max_score" (i = row index).
    """
    try:
        year = _year(year)
    except FieldError as exc:
        raise ValidationErrors([exc]) from None
    existing = {r.id: r for r in session.scalars(select(RatingIndicator).where(RatingIndicator.year == year))}
    errors = ErrorCollector()
    names: list[str] = []
    maxima: list[float] = []
    for i, row in enumerate(rows):
        if row.id is not None and (not is_id(row.id) or row.id not in existing):
            errors.add(FieldError(f"indicator{i}_name", f"第{i + 1}项指标名称", "该指标已不存在，请刷新后重试"))
        name = errors.check(check_free_text, row.name, f"indicator{i}_name", f"第{i + 1}项指标名称", max_len=100,
                            required=True) or ""
        if name and name in names:
            errors.add(FieldError(f"indicator{i}_name", f"第{i + 1}项指标名称", f"“{name}”重复"))
        names.append(name)
        problem = f"应大于 0，不超过 {MAX_SCORE:g}"
        most = errors.check(check_number, row.max_score, f"indicator{i}_max_score", f"第{i + 1}项满分", 0, MAX_SCORE,
                            range_problem=problem)
        if not most and not errors.has(f"indicator{i}_max_score"):  # blank, 0, or 0.001 rounded to 0
            errors.add(FieldError(f"indicator{i}_max_score", f"第{i + 1}项满分", problem))
        maxima.append(most or 0.0)
    if not rows:
        errors.add(FieldError("indicators", "评分指标", "至少需要一项指标"))
    errors.raise_if_any()
    kept = {row.id for row in rows if row.id is not None}
    new_max = {row.id: most for row, most in zip(rows, maxima, strict=True) if row.id in existing}
    scored = session.execute(select(RatingScore.indicator_id, func.max(RatingScore.score))
                             .where(RatingScore.indicator_id.in_(new_max)).group_by(RatingScore.indicator_id))
    if any(score > new_max[indicator_id] for indicator_id, score in scored):  # checked before anything is written
        raise FieldError("indicators", "评分指标", "已有得分高于新的满分，请先修改得分")
    for rid, indicator in existing.items():
        if rid not in kept:
            session.delete(indicator)  # its scores go with it (ON DELETE CASCADE)
    session.flush()  # names freed by removed or renamed rows may be taken below (unique per year)
    for i, (row, name, most) in enumerate(zip(rows, names, maxima, strict=True)):
        found = existing.get(row.id) if row.id is not None else None
        if found is None:
            session.add(RatingIndicator(year=year, name=name, max_score=most, sort_order=i))
        else:
            found.name, found.max_score, found.sort_order = name, most, i
    session.flush()


def copy_indicators(session: Session, from_year: int, to_year: int) -> int:
    """Start a year's sheet from another year's (indicators only, no scores); the number copied."""
    from_year, to_year = _year(from_year), _year(to_year)
    if indicators(session, to_year):
        raise FieldError("indicators", "评分指标", f"{to_year}年已有评分指标")
    rows = indicators(session, from_year)
    if not rows:
        raise FieldError("indicators", "评分指标", f"{from_year}年没有评分指标可复制")
    for row in rows:
        session.add(RatingIndicator(year=to_year, name=row.name, max_score=row.max_score, sort_order=row.sort_order))
    session.flush()
    return len(rows)


# --- scores ----------------------------------------------------------------------------------

def save_scores(session: Session, year: int, org_id: int, scores: Mapping[int, object]) -> None:
    """A branch's scores on the year's indicators (indicator id → score 0..max); raises ValidationErrors.

    Fields in errors are "score{indicator_id}". An indicator not in `scores` keeps its score.
    """
    try:
        year = _year(year)
    except FieldError as exc:
        raise ValidationErrors([exc]) from None
    sheet = {r.id: r for r in indicators(session, year)}
    errors = ErrorCollector()
    org = session.get(PartyOrg, org_id) if is_id(org_id) else None
    if org is None or org.kind != "branch" or org.deleted_at is not None:
        errors.add(FieldError("org_id", "支部", "请选择支部"))
    clean: dict[int, float] = {}
    for indicator_id, value in scores.items():
        row = sheet.get(indicator_id) if is_id(indicator_id) else None
        if row is None:
            field = f"score{indicator_id}" if is_id(indicator_id) else "scores"
            errors.add(FieldError(field, "评分指标", f"不是{year}年的评分指标"))
            continue
        number = errors.check(check_number, value, f"score{indicator_id}", row.name, 0, row.max_score,
                              range_problem=f"应在 0 到 {row.max_score:g} 分之间")
        if number is not None or not errors.has(f"score{indicator_id}"):
            clean[indicator_id] = number or 0.0  # blank: 0
    errors.raise_if_any()
    stored = {s.indicator_id: s for s in session.scalars(
        select(RatingScore).where(RatingScore.org_id == org_id, RatingScore.indicator_id.in_(clean)))}
    for indicator_id, number in clean.items():
        found = stored.get(indicator_id)
        if found is None:
            session.add(RatingScore(indicator_id=indicator_id, org_id=org_id, score=number))
        elif found.score != number:
            found.score = number
    session.flush()


def score_sheet(session: Session, year: int) -> dict[int, dict[int, float]]:
    """org id → indicator id → score, for the year's sheet (only what was entered)."""
    sheet: dict[int, dict[int, float]] = {}
    for org_id, indicator_id, score in session.execute(
            select(RatingScore.org_id, RatingScore.indicator_id, RatingScore.score)
            .join(RatingIndicator, RatingIndicator.id == RatingScore.indicator_id).where(RatingIndicator.year == year)):
        sheet.setdefault(org_id, {})[indicator_id] = score
    return sheet


def branch_ratings(session: Session, year: int) -> list[BranchRating]:
    """Every live branch with its total, the sheet's maximum and its stars, in sort order."""
    max_total = float(session.scalar(select(func.sum(RatingIndicator.max_score))
                                     .where(RatingIndicator.year == year)) or 0)
    totals = dict(session.execute(
        select(RatingScore.org_id, func.sum(RatingScore.score))
        .join(RatingIndicator, RatingIndicator.id == RatingScore.indicator_id)
        .where(RatingIndicator.year == year).group_by(RatingScore.org_id)).all())
    thresholds = rating_thresholds(session)
    out = []
    for org_id, name in branch_choices(session):
        total = round(float(totals.get(org_id) or 0), 2)
        stars = stars_for(scaled(total, max_total), thresholds) if org_id in totals else 0
        out.append(BranchRating(org_id, name, total, max_total, stars))
    return out


def rating_history(session: Session, org_id: int) -> list[tuple[int, float, int]]:
    """(year, total, stars) for every year the branch was scored, oldest first.

    Stars are read with today's thresholds (the thresholds are one setting, not kept per year).
    """
    thresholds = rating_thresholds(session)
    maxima = dict(session.execute(select(RatingIndicator.year, func.sum(RatingIndicator.max_score))
                                  .group_by(RatingIndicator.year)).all())
    rows = session.execute(select(RatingIndicator.year, func.sum(RatingScore.score))
                           .join(RatingScore, RatingScore.indicator_id == RatingIndicator.id)
                           .where(RatingScore.org_id == org_id).group_by(RatingIndicator.year)
                           .order_by(RatingIndicator.year))
    out = []
    for year, total in rows:
        total = round(float(total or 0), 2)
        out.append((year, total, stars_for(scaled(total, float(maxima.get(year) or 0)), thresholds)))
    return out
