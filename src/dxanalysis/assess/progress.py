"""Progress towards a target year, by Open SDG's method (Statistics Canada's CAGR ratio).

Given an indicator's first and latest values and a target to reach by a
target year, the observed compound annual growth rate is compared with the
rate needed to reach the target on time: ``R = observed / required``.

=========================  ================================
target already reached     ``target_achieved``
R ≥ 95%                    ``on_track``
60% ≤ R < 95%              ``acceleration_needed``
0% ≤ R < 60%               ``limited_progress``
R < 0%                     ``deterioration``
fewer than two values      ``cannot_assess``
=========================  ================================

Zero values are replaced by 0.001 (as Open SDG does); for lower-is-better
indicators growth is measured the other way. Targets come from the unit's
plan, ``data/raw/<unit>/targets.csv``, read by :mod:`dxanalysis.read.targets`.

Examples
--------
>>> progress_status([(2021.0, 67.26), (2022.0, 60.41)], 80, 2025, "higher")
'deterioration'
>>> progress_status([(2021.0, 23.53), (2022.5, 38.24)], 40, 2025, "higher")
'on_track'
>>> progress_status([(2022.0, 60.41)], 80, 2025, "higher")
'cannot_assess'
"""

from __future__ import annotations

import math

import pandas as pd

from dxanalysis.numerals import as_qualifier
from dxanalysis.periods import parse_period, period_time
from dxanalysis.read.targets import PlanTarget, read_plan_targets

__all__ = ["PROGRESS_STATUSES", "PlanTarget", "period_time", "plan_progress", "progress_status", "read_plan_targets"]

PROGRESS_STATUSES = ("target_achieved", "on_track", "acceleration_needed", "limited_progress",
                     "deterioration", "cannot_assess")
_ZERO = 0.001


def progress_status(points: list[tuple[float, float]], target: float, target_year: int, better: str) -> str:
    """Open SDG's status from ``(time, value)`` points, a target and its year."""
    points = sorted(p for p in points if not math.isnan(p[1]))
    if len(points) < 2:
        return "cannot_assess"
    (t0, first), (t1, latest) = points[0], points[-1]
    reached = latest >= target if better == "higher" else latest <= target
    if reached:
        return "target_achieved"
    deadline = target_year + 1.0  # the end of the target year
    if t1 <= t0 or deadline <= t0:
        return "cannot_assess"
    first, latest, goal = (max(v, _ZERO) for v in (first, latest, target))
    if better == "lower":  # growth towards a lower target is a fall
        first, latest, goal = 1 / first, 1 / latest, 1 / goal
    observed = (latest / first) ** (1 / (t1 - t0)) - 1
    required = (goal / first) ** (1 / (deadline - t0)) - 1
    if required <= 0:
        return "target_achieved"
    ratio = observed / required
    if ratio >= 0.95:
        return "on_track"
    if ratio >= 0.6:
        return "acceleration_needed"
    if ratio >= 0:
        return "limited_progress"
    return "deterioration"


def plan_progress(history: pd.DataFrame, targets: list[PlanTarget]) -> pd.DataFrame:
    """One row per plan target: first and latest values, target, year and progress status.

    ``history`` holds the unit's assessed observations of every period.
    """
    rows = []
    for plan in targets:
        # a bound ("dưới 100%") is not a measurement: it cannot anchor a growth rate
        measured = history["value"].notna() & history["value_qualifier"].map(as_qualifier).isin([None, "approx"])
        series = history[(history["indicator"] == plan.indicator) & measured]
        dated = sorted((period_time(parse_period(p)), float(v), p) for p, v in zip(series["period"], series["value"]))
        points = [(t, v) for t, v, _ in dated]
        better = series["better"].iloc[0] if not series.empty else "higher"
        rows.append({
            "indicator": plan.indicator, "target": plan.target.value, "target_percent": plan.target.percent,
            "target_qualifier": plan.target.qualifier or "", "target_year": plan.year, "source": plan.source,
            "inherited_from": plan.inherited_from,
            "first_period": dated[0][2] if dated else "", "first_value": dated[0][1] if dated else math.nan,
            "latest_period": dated[-1][2] if dated else "", "latest_value": dated[-1][1] if dated else math.nan,
            "points": len(points),
            "status": progress_status(points, plan.target.value, plan.year, better),
        })
    return pd.DataFrame(rows, columns=["indicator", "target", "target_percent", "target_qualifier", "target_year",
                                       "source", "inherited_from", "first_period", "first_value", "latest_period", "latest_value",
                                       "points", "status"])
