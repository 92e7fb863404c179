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
from typing import Any

import pandas as pd

from dxanalysis.check.observation import STATUSES
from dxanalysis.figures import missing
from dxanalysis.findings import Finding
from dxanalysis.i18n import N_, Message
from dxanalysis.numerals import as_qualifier

ACHIEVED = ("exceeded", "met")
# What a review calls each status, and the progress categories of a plan (messages in the catalogs).
STATUS_LABELS = {
    "exceeded": N_("status.exceeded"), "met": N_("status.met"), "not_met": N_("status.not_met"),
    "indeterminate": N_("status.indeterminate"), "not_assessed": N_("status.not_assessed"),
    "no_target": N_("status.no_target"),
    "no_data": N_("status.no_data"), "assessed_by_committee": N_("status.assessed_by_committee"),
}
PROGRESS_LABELS = {
    "target_achieved": N_("progress.target_achieved"), "on_track": N_("progress.on_track"),
    "acceleration_needed": N_("progress.acceleration_needed"), "limited_progress": N_("progress.limited_progress"),
    "deterioration": N_("progress.deterioration"), "cannot_assess": N_("progress.cannot_assess"),
}
# Colour is never the only carrier of a status: a symbol goes with the words.
STATUS_SYMBOLS = {
    "exceeded": "▲", "met": "✓", "not_met": "✗", "indeterminate": "?", "not_assessed": "○", "no_target": "–",
    "no_data": "…",
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
    if missing(value):
        return "no_data"
    if missing(target):
        return "no_target"
    value_qualifier, target_qualifier = as_qualifier(value_qualifier), as_qualifier(target_qualifier)
    interval = _interval(value, value_qualifier)
    verdict = _satisfied(*interval, _comparator(target_qualifier, better), target)
    if verdict is None:
        return "indeterminate"
    if not verdict:
        return "not_met"
    return "met" if value_qualifier in (None, "approx", "at_least", "at_most") and _same(value, target) else "exceeded"


def stated_by_committee(row: Any) -> bool:
    """True when the row's status is the committee's own assessment, not computed: its target is in
    words (or absent) and an ``Đánh giá`` was typed.

    >>> stated_by_committee(pd.Series({"assessment": "met", "target_kind": "reference", "target": math.nan}))
    True
    >>> stated_by_committee(pd.Series({"assessment": "met", "target_kind": "", "target": 50.0}))  # figures decide
    False
    """
    return bool(getattr(row, "assessment", "")) and (
        getattr(row, "target_kind", "") == "reference" or missing(getattr(row, "target", math.nan)))


def _status(row: Any) -> str:
    kind = getattr(row, "target_kind", "") or ""
    if missing(row.value) and kind != "children":
        return "no_data"
    if stated_by_committee(row):
        return row.assessment
    if kind:  # a target in words, not assessed; a threshold over the units below, decided with their data
        return "not_assessed"
    return status_of(row.value, row.value_qualifier, row.target, row.target_qualifier, row.better)


def assess(observations: pd.DataFrame) -> pd.DataFrame:
    """Return ``observations`` with a ``status`` column added (input unchanged).

    A target in words takes the committee's assessment (``assessment``) as its
    status, or ``not_assessed``; a threshold over the units below is
    ``not_assessed`` until :func:`assess_thresholds` decides it.

    >>> frame = pd.DataFrame({"value": [60.41, float("nan"), 95.0], "value_qualifier": [None] * 3,
    ...     "target": [50.0, 80.0, float("nan")], "target_qualifier": [None, "at_least", None],
    ...     "better": ["higher"] * 3, "target_kind": ["", "", "reference"], "assessment": ["", "", "met"]})
    >>> assess(frame)["status"].tolist()
    ['exceeded', 'no_data', 'met']
    """
    statuses = [_status(r) for r in observations.itertuples()]
    return observations.assign(status=pd.Series(statuses, index=observations.index, dtype="object"))


def assessment_findings(assessed: pd.DataFrame) -> list[Finding]:
    """A warning for every indeterminate status, and for an assessment the figures contradict."""
    findings = [
        Finding("warning", "indeterminate_status", path=r.path, row=int(r.row), indicator=r.indicator,
                value=r.value_text, params={"target": r.target_text})
        for r in assessed[assessed["status"] == "indeterminate"].itertuples()
    ]
    if "assessment" not in assessed:
        return findings
    for r in assessed[assessed["assessment"].astype(bool)].itertuples():
        if stated_by_committee(r) or r.status not in (*ACHIEVED, "not_met"):
            continue
        if (r.assessment in ACHIEVED) != (r.status in ACHIEVED):
            findings.append(Finding("warning", "assessment_contradicted", path=r.path, row=int(r.row),
                                    indicator=r.indicator, value=r.assessment_text,
                                    params={"computed": Message(STATUS_LABELS[r.status]), "target": r.target_text}))
    return findings


# A threshold's level as typed ("xã", "commune") -> the registry's levels it names; a word not listed
# ("đơn vị", "xã, phường, thị trấn") names any unit below.
_THRESHOLD_LEVELS = {"xã": {"xã"}, "commune": {"xã"}, "communes": {"xã"}, "phường": {"phường"},
                     "thị trấn": {"thị trấn"}, "huyện": {"huyện", "thị xã", "thành phố"},
                     "district": {"huyện", "thị xã", "thành phố"}, "districts": {"huyện", "thị xã", "thành phố"},
                     "thị xã": {"thị xã"}, "thành phố": {"thành phố"}}


def assess_thresholds(observations: pd.DataFrame, children: pd.DataFrame, levels: dict[str, str] | None = None
                      ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, list[str]], list[Finding]]:
    """Decide each threshold over the units below (``không có xã nào dưới 45%``) from their figures.

    Returns the observations with those statuses set, the units below as the
    district's page shows them (the threshold is their target there, each
    with its status against it), for each such indicator the units below that
    miss it (furthest behind first), and the findings. The
    threshold is met when every unit below with the figure meets it, not met
    when one misses it. It stays ``not_assessed``, with a warning, when no unit
    below has the figure or when the units below are not of the level it
    names (``levels``: unit slug → level); an assessment the figures contradict
    is a warning too.

    >>> from dxanalysis.check.observation import new_observation, observation_frame
    >>> own = observation_frame([new_observation(indicator="x", value=60.0, target=45.0, target_qualifier="at_least",
    ...     target_percent=True, better="higher", target_kind="children", target_level="xã", path="indicators.csv",
    ...     row=2, target_text="không có xã nào dưới 45%")]).assign(status="not_assessed")
    >>> below = observation_frame([new_observation(indicator="x", unit=u, value=v, better="higher")
    ...                            for u, v in (("a", 50.0), ("b", 40.0))]).assign(status="no_target")
    >>> statuses, seen_below, misses, findings = assess_thresholds(own, below, {"a": "xã", "b": "xã"})
    >>> statuses["status"].tolist(), seen_below["status"].tolist(), misses, findings
    (['not_met'], ['exceeded', 'not_met'], {'x': ['b']}, [])
    >>> assess_thresholds(own, below.iloc[:0], {})[3][0].code
    'threshold_not_assessed'
    """
    if "target_kind" not in observations or not observations["target_kind"].eq("children").any():
        return observations, children, {}, []
    levels = levels or {}
    statuses = observations["status"].copy()
    below = children.copy()
    misses: dict[str, list[str]] = {}
    findings: list[Finding] = []
    for index, row in observations[observations["target_kind"] == "children"].iterrows():
        rows = children[children["indicator"] == row.indicator] if not children.empty else children
        named = _THRESHOLD_LEVELS.get(str(row.get("target_level", "")))
        if named is not None:
            rows = rows[rows["unit"].map(lambda unit: levels.get(unit) in named)]
        verdicts = [(status_of(c.value, c.value_qualifier, row.target, row.target_qualifier, row.better), c.value, c.unit)
                    for c in rows.itertuples()]
        for index_below, (status, _, _) in zip(rows.index, verdicts):  # on this page, the threshold is their target
            below.loc[index_below, ["target", "target_qualifier", "target_percent", "target_decimals", "status"]] = \
                [row.target, row.target_qualifier, row.target_percent, row.target_decimals, status]
            below.loc[index_below, ["target_kind", "target_text", "part_of"]] = ["", "", ""]
        verdicts = [v for v in verdicts if v[0] != "no_data"]
        missed = sorted((v for v in verdicts if v[0] == "not_met"), key=lambda v: v[1],
                        reverse=row.better == "lower")
        if not verdicts:  # nothing to decide with: the unit's own figure stays on the page, unassessed
            findings.append(Finding("warning", "threshold_not_assessed", path=row.path, row=int(row.row),
                                    indicator=row.indicator, value=row.target_text,
                                    params={"level": row.get("target_level", "")}))
            continue
        if missed:
            statuses[index], misses[row.indicator] = "not_met", [v[2] for v in missed]
        elif any(v[0] == "indeterminate" for v in verdicts):
            statuses[index] = "indeterminate"
        else:
            statuses[index] = "met"
    decided = observations.assign(status=statuses)
    return decided, below, misses, findings + assessment_findings(decided[decided["target_kind"] == "children"])


def assess_rank_gains(observations: pd.DataFrame, previous: pd.DataFrame, previous_period: str = ""
                      ) -> tuple[pd.DataFrame, list[Finding]]:
    """Decide each rank target of places to gain (``tăng 5 hạng``) against the previous assessment.

    ``previous`` holds the unit's observations of the period compared with (the
    same period last year). The places gained are the previous place less this
    one: more than the target is ``exceeded``, as many ``met``, fewer (or a
    fall) ``not_met``. Without the previous place the status stays
    ``not_assessed``, with a finding naming the period whose rank is missing.

    >>> from dxanalysis.check.observation import new_observation, observation_frame
    >>> now = observation_frame([new_observation(indicator="found.dti_rank", kind="rank", better="lower", value=12.0,
    ...     denominator=63.0, target=5.0, target_kind="rank_gain", target_text="tăng 5 hạng", path="i.csv", row=2)]
    ...     ).assign(status="not_assessed")
    >>> before = now.assign(value=20.0)
    >>> assess_rank_gains(now, before)[0]["status"].tolist()  # 20th to 12th: 8 places up
    ['exceeded']
    >>> assess_rank_gains(now, before.assign(value=15.0))[0]["status"].tolist()
    ['not_met']
    >>> decided, findings = assess_rank_gains(now, before.iloc[:0], "2021")
    >>> decided["status"].tolist(), [(f.code, f.params["period"]) for f in findings]
    (['not_assessed'], [('rank_gain_not_assessed', '2021')])
    """
    if "target_kind" not in observations or not observations["target_kind"].eq("rank_gain").any():
        return observations, []
    statuses = observations["status"].copy()
    findings: list[Finding] = []
    for index, row in observations[observations["target_kind"] == "rank_gain"].iterrows():
        before = previous[previous["indicator"] == row.indicator] if not previous.empty else previous
        before_value = before["value"].dropna()
        if missing(row.value):
            continue  # no place this period: "no_data" says so
        if before_value.empty:
            findings.append(Finding("info", "rank_gain_not_assessed", path=row.path, row=int(row.row),
                                    indicator=row.indicator, value=row.target_text,
                                    params={"period": previous_period}))
            continue
        gained = float(before_value.iloc[0]) - float(row.value)
        statuses[index] = status_of(gained, None, row.target, None, "higher")
    return observations.assign(status=statuses), findings


def status_counts(observations: pd.DataFrame) -> dict[str, int]:
    """How many indicators have each status (every status present, zeros included).

    >>> status_counts(pd.DataFrame({"status": ["met", "not_met", "met"]}))["met"]
    2
    """
    counts = observations["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}
