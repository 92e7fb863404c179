"""Assess each observation against its target, honouring the indicator's direction.

Statuses: ``exceeded`` (better than the target), ``met`` (exactly on it),
``not_met``, ``indeterminate`` (a bound such as ``trên 40%`` that cannot
tell against ``≥50%``), ``no_target`` and ``no_data``.

Examples
--------
>>> status_of(60.41, None, 50, None, "higher")
'exceeded'
>>> status_of(70.27, None, 80, "at_least", "higher")
'not_met'
>>> status_of(100, "below", 100, None, "higher")
'not_met'
>>> status_of(40, "above", 50, "at_least", "higher")
'indeterminate'
>>> status_of(12, None, 15, "at_most", "lower")
'exceeded'
"""

from __future__ import annotations

import math

import pandas as pd

from dxanalysis.check.observation import STATUSES
from dxanalysis.findings import Finding
from dxanalysis.i18n import N_
from dxanalysis.numerals import as_qualifier

ACHIEVED = ("exceeded", "met")
# What a review calls each status, and the progress categories of a plan (messages in the catalogs).
STATUS_LABELS = {
    "exceeded": N_("status.exceeded"), "met": N_("status.met"), "not_met": N_("status.not_met"),
    "indeterminate": N_("status.indeterminate"), "no_target": N_("status.no_target"),
    "no_data": N_("status.no_data"), "assessed_by_committee": N_("status.assessed_by_committee"),
}
PROGRESS_LABELS = {
    "target_achieved": N_("progress.target_achieved"), "on_track": N_("progress.on_track"),
    "acceleration_needed": N_("progress.acceleration_needed"), "limited_progress": N_("progress.limited_progress"),
    "deterioration": N_("progress.deterioration"), "cannot_assess": N_("progress.cannot_assess"),
}
# Colour is never the only carrier of a status: a symbol goes with the words.
STATUS_SYMBOLS = {
    "exceeded": "▲", "met": "✓", "not_met": "✗", "indeterminate": "?", "no_target": "–", "no_data": "…",
    "target_achieved": "✓", "on_track": "↗", "acceleration_needed": "→", "limited_progress": "↘",
    "deterioration": "✗", "cannot_assess": "…",
}
_INF = math.inf


def _interval(value: float, qualifier: str | None) -> tuple[float, bool, float, bool]:
    # (low, low_open, high, high_open): the values the typed quantity allows.
    return {
        "above": (value, True, _INF, True),
        "at_least": (value, False, _INF, True),
        "below": (-_INF, True, value, True),
        "at_most": (-_INF, True, value, False),
    }.get(qualifier or "", (value, False, value, False))


def _comparator(target_qualifier: str | None, better: str) -> str:
    return {"at_least": ">=", "above": ">", "at_most": "<=", "below": "<"}.get(
        target_qualifier or "", ">=" if better == "higher" else "<="
    )


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _satisfied(low: float, low_open: bool, high: float, high_open: bool, op: str, target: float) -> bool | None:
    """True if every allowed value satisfies ``op target``, False if none does, else None."""
    if op in (">=", ">"):
        strict = op == ">"
        if low > target or (_same(low, target) and (low_open or not strict)):
            return True
        if high < target or (_same(high, target) and (high_open or strict)):
            return False
        return None
    strict = op == "<"
    if high < target or (_same(high, target) and (high_open or not strict)):
        return True
    if low > target or (_same(low, target) and (low_open or strict)):
        return False
    return None


def status_of(value: float, value_qualifier: str | None, target: float,
              target_qualifier: str | None, better: str) -> str:
    """The status of one value against one target (see the module examples)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no_data"
    if target is None or (isinstance(target, float) and math.isnan(target)):
        return "no_target"
    value_qualifier, target_qualifier = as_qualifier(value_qualifier), as_qualifier(target_qualifier)
    interval = _interval(value, value_qualifier)
    verdict = _satisfied(*interval, _comparator(target_qualifier, better), target)
    if verdict is None:
        return "indeterminate"
    if not verdict:
        return "not_met"
    return "met" if value_qualifier in (None, "approx", "at_least", "at_most") and _same(value, target) else "exceeded"


def assess(observations: pd.DataFrame) -> pd.DataFrame:
    """Return ``observations`` with a ``status`` column added (input unchanged).

    >>> frame = pd.DataFrame({"value": [60.41, float("nan")], "value_qualifier": [None, None],
    ...     "target": [50.0, 80.0], "target_qualifier": [None, "at_least"], "better": ["higher"] * 2})
    >>> assess(frame)["status"].tolist()
    ['exceeded', 'no_data']
    """
    statuses = [
        status_of(r.value, r.value_qualifier, r.target, r.target_qualifier, r.better)
        for r in observations[["value", "value_qualifier", "target", "target_qualifier", "better"]].itertuples()
    ]
    return observations.assign(status=pd.Series(statuses, index=observations.index, dtype="object"))


def assessment_findings(assessed: pd.DataFrame) -> list[Finding]:
    """A warning for every indeterminate status, pointing at the row to fix."""
    return [
        Finding("warning", "indeterminate_status", path=r.path, row=int(r.row), indicator=r.indicator,
                value=r.value_text, params={"target": r.target_text})
        for r in assessed[assessed["status"] == "indeterminate"].itertuples()
    ]


def status_counts(observations: pd.DataFrame) -> dict[str, int]:
    """How many indicators have each status (every status present, zeros included).

    >>> status_counts(pd.DataFrame({"status": ["met", "not_met", "met"]}))["met"]
    2
    """
    counts = observations["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}
