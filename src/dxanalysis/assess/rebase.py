"""History re-based onto today's units: a merged unit's earlier periods built from its predecessors.

A commune formed on 1 July 2025 from two communes has no figures of its own
for 2024; its predecessors do. :func:`combine_predecessors` adds them up the
only ways that are sound:

* a rate given with its counts (``9.475/15.684 hồ sơ``): the numerators and the
  denominators are summed and the rate is computed again from the sums;
* a count (``21 hộ``): summed;
* where only part of a predecessor moved, its counts are first multiplied by the
  share the lineage table gives (and the result rounded to whole units).

Anything else cannot be combined and is *not comparable*, never averaged: a rate
typed without its counts, a rank, a yes/no or text answer, a scorecard, a figure
with a qualifier ("trên 90%"), or an indicator some predecessor does not report.
Each such indicator gets the reason, which the page gives instead of a change.

Examples
--------
>>> from dxanalysis.check.observation import OBSERVATION_COLUMNS, new_observation, observation_frame
>>> def part(unit, **figures):
...     return observation_frame([new_observation(unit=unit, period="2024-H2", indicator=code, kind=kind,
...         better="higher", source="dữ liệu minh họa", **values) for code, kind, values in figures.values()])
>>> a = part("a", online=("gov.online_dossier_rate", "ratio", dict(numerator=500.0, denominator=800.0, value=62.5)),
...          signed=("gov.digital_signature_rate", "ratio", dict(value=96.0, value_percent=True)))
>>> b = part("b", online=("gov.online_dossier_rate", "ratio", dict(numerator=300.0, denominator=700.0, value=42.86)),
...          signed=("gov.digital_signature_rate", "ratio", dict(value=91.0, value_percent=True)))
>>> combined = combine_predecessors([(a, 1.0), (b, 1.0)], "ab", "2024-H2")
>>> combined.observations[["unit", "indicator", "numerator", "denominator", "value"]].values.tolist()
[['ab', 'gov.online_dossier_rate', 800.0, 1500.0, 53.333333333333336]]
>>> combined.not_comparable
{'gov.digital_signature_rate': 'rate_without_counts'}
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from dxanalysis.check.observation import OBSERVATION_COLUMNS, new_observation, observation_frame
from dxanalysis.i18n import N_, Message

# Why an indicator of a period cannot be built from the predecessors (messages in the catalogs).
REASONS = {
    "rate_without_counts": N_("rebase.rate_without_counts"),
    "not_additive": N_("rebase.not_additive"),
    "qualified": N_("rebase.qualified"),
    "missing": N_("rebase.missing"),
}
_CARRIED = ("pillar", "kind", "better", "name_vi", "name_en", "name_typed", "count_unit", "count_unit_en")


@dataclass(frozen=True)
class RebasedPeriod:
    """An earlier period of a unit that began after it, and how (or why not) its figures were built.

    ``parts`` are the predecessors whose figures were combined (``(slug, share)``, empty when none
    could be), ``effective`` the day the unit began, ``not_comparable`` the indicators that could not
    be combined (code -> a key of :data:`REASONS`), and ``reason`` why no figure of the period could
    be built at all (``None`` when some could).
    """

    period: str
    parts: tuple[tuple[str, float], ...] = ()
    effective: str = ""  # ISO day
    not_comparable: dict[str, str] = field(default_factory=dict)
    reason: Message | None = None

    def why_not(self, indicator: str) -> Message | None:
        """Why ``indicator`` of this period is not comparable, or ``None`` when it is.

        >>> RebasedPeriod("2024-H2", (("a", 1.0),), "2025-07-01", {"x": "missing"}).why_not("x").msgid
        'rebase.missing'
        """
        if self.reason is not None:
            return self.reason
        key = self.not_comparable.get(indicator)
        return Message(REASONS[key]) if key else None


@dataclass(frozen=True)
class Combined:
    """One earlier period of a unit, built from its predecessors' figures."""

    observations: pd.DataFrame  # the rows that could be built, as the unit's own
    not_comparable: dict[str, str] = field(default_factory=dict)  # indicator -> a key of REASONS


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _scaled(value: float, share: float) -> float:
    # a whole predecessor keeps its figure exactly; a part of one is counted in whole units
    return float(value) if share == 1 else float(round(float(value) * share))


def _unit_wide(row: pd.Series) -> bool:
    # a figure of the unit as a whole (its DTI score, its plan's scorecard counts), never a sum of parts
    return row["pillar"] == "foundations" or str(row["indicator"]).startswith(("found.", "plan."))


def _combine_one(rows: list[tuple[pd.Series, float]]) -> tuple[dict | None, str]:
    """The combined figures of one indicator, or ``None`` and why not."""
    first = rows[0][0]
    if any(str(row.get("value_qualifier") or "") for row, _ in rows):
        return None, "qualified"
    if first["kind"] == "ratio":
        if not all(_present(row["numerator"]) and _present(row["denominator"]) for row, _ in rows):
            return None, "rate_without_counts"
        numerator = sum(_scaled(row["numerator"], share) for row, share in rows)
        denominator = sum(_scaled(row["denominator"], share) for row, share in rows)
        if denominator <= 0:
            return None, "rate_without_counts"
        return {"numerator": numerator, "denominator": denominator, "value": 100 * numerator / denominator,
                "value_percent": True, "value_decimals": 2}, ""
    if first["kind"] == "count" and not _unit_wide(first):
        if not all(_present(row["value"]) for row, _ in rows):
            return None, "missing"
        digits = max(int(row.get("value_decimals") or 0) for row, _ in rows)
        total = sum(float(row["value"]) * share for row, share in rows)
        return {"value": round(total, digits) if digits else float(round(total)), "value_decimals": digits}, ""
    return None, "not_additive"


def combine_predecessors(parts: list[tuple[pd.DataFrame, float]], unit: str, period: str) -> Combined:
    """Build ``unit``'s figures for ``period`` from its predecessors' ``(observations, share)``.

    ``share`` is the part of the predecessor that became ``unit`` (1 for the whole). The rows
    carry the predecessors' sources and notes joined (so illustrative figures stay marked), no
    target (the predecessors had their own), and the first predecessor's file for provenance.
    See the module's description for what is combined.
    """
    if len(parts) == 1 and parts[0][1] == 1:  # one whole predecessor (a unit renamed): its figures, as they are
        frame = parts[0][0]
        return Combined(observation_frame(frame[OBSERVATION_COLUMNS].assign(unit=unit).to_dict("records")))
    codes = list(dict.fromkeys(code for frame, _ in parts for code in frame["indicator"]))
    records, not_comparable = [], {}
    for code in codes:
        rows = []
        for frame, share in parts:
            match = frame[frame["indicator"] == code]
            if match.empty:
                break
            rows.append((match.iloc[0], share))
        if len(rows) < len(parts):
            not_comparable[code] = "missing"
            continue
        figures, reason = _combine_one(rows)
        if figures is None:
            not_comparable[code] = reason
            continue
        first = rows[0][0]
        sources = "; ".join(dict.fromkeys(str(row["source"]) for row, _ in rows if str(row["source"] or "")))
        # the predecessors' notes go with their figures (a note may say the figures are illustrative)
        notes = "; ".join(dict.fromkeys(str(row["note"]) for row, _ in rows if str(row["note"] or "")))
        records.append(new_observation(
            unit=unit, period=period, indicator=code, **{c: first[c] for c in _CARRIED}, **figures,
            source=sources, note=notes, path=str(first["path"]), row=int(first["row"]), sheet=str(first["sheet"] or ""),
            # the summed counts' rate is printed where every predecessor's was (or the analyst asks: show_rates)
            rate_shown=all(bool(row["rate_shown"]) for row, _ in rows)))
    return Combined(observation_frame(records), not_comparable)


__all__ = ["REASONS", "Combined", "RebasedPeriod", "combine_predecessors"]
