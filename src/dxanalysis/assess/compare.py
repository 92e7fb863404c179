"""Which figures of two periods may be compared: a change is printed only between like figures.

A scorecard ("đạt và vượt 20/25 chỉ tiêu") counts the targets of one plan; the
next year's plan may hold 48 targets, not 25, so "40/48" is not a fall from
"20/25", nor are its parts ("25 chỉ tiêu vượt") a rise from last year's: the two
are shown side by side, never as a rise or a fall. Counts whose rate the page
does not print cannot be compared by a rate either: the reader could not check
the change against the figures beside it.

Examples
--------
>>> import pandas as pd
>>> before = pd.Series({"kind": "scorecard", "denominator": 25.0, "plan": "KH 2022", "plan_size": 25.0})
>>> now = pd.Series({"kind": "scorecard", "denominator": 48.0, "plan": "KH 2022", "plan_size": 48.0})
>>> same_plan(now, before), same_plan(now, now)
(False, True)
>>> comparable(now, before), comparable(now, now)
(False, True)
"""

from __future__ import annotations

from typing import Any

from dxanalysis.figures import missing, printed_value


def _typed(row: Any, name: str) -> str:
    value = row.get(name, "")
    return "" if missing(value) else str(value or "").strip()


def _size(row: Any) -> float | None:
    size = row.get("plan_size")
    return None if missing(size) else float(size)


def same_plan(now: Any, before: Any) -> bool:
    """True when two figures count within one plan, or neither within any: both name the same plan
    (``Tên kế hoạch``), and it has as many targets (a scorecard's denominator, which its parts carry).

    >>> import pandas as pd
    >>> a = pd.Series({"plan": "Kế hoạch 45/KH-UBND", "plan_size": 25.0})
    >>> same_plan(a, a.copy()), same_plan(a, a.replace({"Kế hoạch 45/KH-UBND": "Kế hoạch 12/KH-UBND"}))
    (True, False)
    >>> same_plan(pd.Series({"plan": ""}), pd.Series({"plan": ""})), same_plan(a, pd.Series({"plan": ""}))
    (True, False)
    >>> same_plan(pd.Series({"plan": "", "plan_size": 48.0}), pd.Series({"plan": "", "plan_size": 48.0}))
    False
    """
    plans = _typed(now, "plan"), _typed(before, "plan")
    sizes = _size(now), _size(before)
    if not any(plans) and sizes == (None, None):
        return True  # neither counts within a plan
    # within a plan: only the same plan, named alike in both periods (a blank name tells nothing: the
    # next year's plan may hold as many targets), with as many targets
    return all(plans) and plans[0] == plans[1] and (None in sizes or sizes[0] == sizes[1])


def comparable(now: Any, before: Any) -> bool:
    """True when a change from ``before`` to ``now`` may be printed: figures within one plan (or none),
    whose printed values are what would be compared (a rate shown as a rate; a scorecard by its counts).

    >>> import pandas as pd
    >>> rate = pd.Series({"kind": "ratio", "numerator": 10.0, "denominator": 21.0, "rate_shown": True})
    >>> comparable(rate, rate), comparable(rate.replace({True: False}), rate)
    (True, False)
    """
    if not same_plan(now, before):
        return False
    if now.get("kind") == "scorecard":
        return True
    return all(bool(row.get("rate_shown", True)) or missing(row.get("numerator")) or missing(row.get("denominator"))
               for row in (now, before))


def is_worse(now: Any, before: Any) -> bool:
    """True when ``now`` is worse than ``before`` as the page prints them: lower where higher is better,
    higher where lower is better. Two figures that print the same are not a fall, however they differ
    in the digits the page does not show.

    >>> import pandas as pd
    >>> figure = lambda value, better="higher": pd.Series({"value": value, "value_percent": True,
    ...                                                    "value_qualifier": "", "better": better})
    >>> is_worse(figure(60.411), figure(60.414)), is_worse(figure(60.2), figure(60.4))
    (False, True)
    >>> is_worse(figure(7, "lower"), figure(5, "lower"))
    True
    """
    now_value, before_value = printed_value(now), printed_value(before)
    if now_value is None or before_value is None:
        return False
    return now_value > before_value if now.get("better") == "lower" else now_value < before_value
