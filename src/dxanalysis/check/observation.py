"""The observation: one unit × period × indicator, the record every later step reads.

:class:`ObservationModel` is the contract, written once as a pandera
``DataFrameModel``: cleaning typed tables (:mod:`dxanalysis.check.clean`)
and aggregating the dossier register (:mod:`dxanalysis.check.register`)
both build their rows with :func:`new_observation`, and the table is
checked against the model on the report path (:func:`dxanalysis.assess.review.load_review`)
as well as before ``data/processed/observations.csv`` is written.

A violation here is a bug in dxanalysis, not in the user's data (bad input
becomes a finding long before), so it raises with pandera's failure cases.

Examples
--------
>>> row = new_observation(unit="hong-ngu", period="2022-H1", indicator="gov.online_dossier_rate",
...                       pillar="digital_government", kind="ratio", better="higher",
...                       numerator=9475.0, denominator=15684.0, value=60.41, value_percent=True, row=4)
>>> row["target"], row["note"], row["value_decimals"]
(nan, '', 0)
>>> frame = observation_frame([row])
>>> list(frame.columns) == OBSERVATION_COLUMNS, frame["numerator"].dtype.name
(True, 'float64')
>>> checked = check_observations(frame.assign(status="exceeded"))
>>> len(checked)
1

A rank keeps its place in ``value`` and the number of units ranked in ``denominator``:

>>> rank = new_observation(unit="dong-thap", period="2022", indicator="found.dti_rank", pillar="foundations",
...                        kind="rank", better="lower", value=12.0, denominator=63.0, row=2)
>>> len(check_observations(observation_frame([rank]).assign(status="no_target")))
1
>>> check_observations(observation_frame([{**rank, "value": 19.05, "value_percent": True}]).assign(status="met"))
Traceback (most recent call last):
...
pandera.errors.SchemaErrors: ...rank_is_a_place...
"""

# No "from __future__ import annotations": pandera reads the model's annotations as objects.
import math
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pandas as pd

from dxanalysis.numerals import QUALIFIERS
from dxanalysis.read.catalog import BETTER, KINDS, PILLARS, RATE_KINDS

# The assessed status of an observation (dxanalysis.assess.status decides it).
STATUSES = ("exceeded", "met", "not_met", "indeterminate", "not_assessed", "no_target", "no_data")

# Every field, its type and its value when a source does not give it, in column order.
# "text" columns hold the analyst's words or codes; "" means not given.
_FIELDS: tuple[tuple[str, str, Any], ...] = (
    ("unit", "text", ""), ("period", "text", ""), ("indicator", "text", ""), ("pillar", "text", ""),
    ("kind", "text", ""), ("better", "text", ""), ("name_vi", "text", ""), ("name_en", "text", ""),
    ("name_typed", "text", ""), ("count_unit", "text", ""), ("count_unit_en", "text", ""),
    ("numerator", "number", math.nan), ("denominator", "number", math.nan), ("value", "number", math.nan),
    ("value_qualifier", "text", ""), ("value_percent", "flag", False), ("value_decimals", "integer", 0),
    ("value_text", "text", ""), ("target", "number", math.nan), ("target_qualifier", "text", ""),
    ("target_percent", "flag", False), ("target_decimals", "integer", 0), ("target_text", "text", ""),
    # "" for a number, "reference" for a target in words, "children" for a threshold over the units
    # below (of target_level, "xã"); the committee's own assessment ("met", …) and its words
    ("target_kind", "text", ""), ("target_level", "text", ""), ("assessment", "text", ""),
    ("assessment_text", "text", ""),
    # the digits the source wrote small counts with, "numerator:denominator:value" ("2:0:0" for "05/33")
    ("digits", "text", ""),
    # whether the page prints the rate its counts give: the source stated it, or the analyst asked
    # (review.yml "show_rates"); without, "10/21 trường" is printed as the source wrote it
    ("rate_shown", "flag", True),
    # the plan a scorecard counts the targets of, as typed ("Kế hoạch 45/KH-UBND"): across periods,
    # scorecards are compared only within one plan (dxanalysis.assess.compare)
    ("plan", "text", ""),
    # the number of that plan's targets: a scorecard's denominator, carried by its parts
    ("plan_size", "number", math.nan),
    # the analyst's note, and the codes of what the page must add about the figure ("no_denominator|…")
    ("note", "text", ""), ("remarks", "text", ""), ("source", "text", ""), ("path", "text", ""), ("row", "integer", 1),
    # the workbook sheet of the row ("" for CSV) and the total it is a part of
    ("sheet", "text", ""), ("part_of", "text", ""),
    # a figure from a returned form: the body that gave it and its cells on the sheet ("G7:H7")
    ("body", "text", ""), ("cell", "text", ""),
)
OBSERVATION_COLUMNS = [name for name, _, _ in _FIELDS]
_DTYPES = {"number": "float64", "integer": "int64", "flag": "bool", "text": "object"}
OBSERVATION_DTYPES = {name: _DTYPES[kind] for name, kind, _ in _FIELDS}
_DEFAULTS = {name: default for name, _, default in _FIELDS}


def new_observation(**values: Any) -> dict[str, Any]:
    """One observation record: every field of the model, ``values`` over the defaults.

    An unknown field is a programming error (``TypeError``), so a source that
    misspells a column cannot produce a half-filled record.

    >>> new_observation(unit="hong-ngu")["unit"], new_observation()["value_percent"]
    ('hong-ngu', False)
    >>> new_observation(valu=1.0)
    Traceback (most recent call last):
    ...
    TypeError: not an observation field: valu
    """
    unknown = sorted(set(values) - _DEFAULTS.keys())
    if unknown:
        raise TypeError(f"not an observation field: {', '.join(unknown)}")
    return {**_DEFAULTS, **values}


def observation_frame(records: Iterable[dict[str, Any]] = ()) -> pd.DataFrame:
    """Records (from :func:`new_observation`) as a typed table in the model's column order.

    >>> observation_frame().dtypes[["value", "row", "value_percent"]].astype(str).tolist()
    ['float64', 'int64', 'bool']
    """
    frame = pd.DataFrame(list(records), columns=OBSERVATION_COLUMNS)
    return frame.astype(OBSERVATION_DTYPES)


@lru_cache(maxsize=1)
def observation_model() -> type:
    """The pandera ``DataFrameModel`` of an assessed observation table (built on first use).

    pandera is imported here, not at module import, so that reading and
    cleaning do not pay for it.
    """
    import pandera.pandas as pa
    from pandera.typing.pandas import Series

    qualifiers = ["", *QUALIFIERS]

    class ObservationModel(pa.DataFrameModel):
        """An assessed observation table: one row per unit × period × indicator."""

        unit: Series[str] = pa.Field(str_length={"min_value": 1})
        period: Series[str] = pa.Field(str_length={"min_value": 1})
        indicator: Series[str] = pa.Field(str_length={"min_value": 1})
        pillar: Series[str] = pa.Field(isin=list(PILLARS))
        kind: Series[str] = pa.Field(isin=list(KINDS))
        better: Series[str] = pa.Field(isin=list(BETTER))
        name_vi: Series[str]
        name_en: Series[str]
        numerator: Series[float] = pa.Field(ge=0, nullable=True)
        denominator: Series[float] = pa.Field(gt=0, nullable=True)
        value: Series[float] = pa.Field(nullable=True)
        value_qualifier: Series[str] = pa.Field(isin=qualifiers)
        value_percent: Series[bool]
        value_decimals: Series[int] = pa.Field(ge=0)
        target: Series[float] = pa.Field(nullable=True)
        target_qualifier: Series[str] = pa.Field(isin=qualifiers)
        target_percent: Series[bool]
        target_decimals: Series[int] = pa.Field(ge=0)
        status: Series[str] = pa.Field(isin=list(STATUSES))
        row: Series[int] = pa.Field(ge=1)

        class Config:
            unique = ["unit", "period", "indicator"]
            strict = False
            coerce = True

        @pa.dataframe_check
        def rate_at_most_100(cls, frame: pd.DataFrame) -> pd.Series:  # noqa: N805 - pandera's signature
            return ~(frame["kind"].isin(RATE_KINDS) & (frame["value"] > 100 + 1e-9))

        @pa.dataframe_check
        def rank_is_a_place(cls, frame: pd.DataFrame) -> pd.Series:  # noqa: N805
            # a rank is a whole place from 1 to the number ranked (its denominator), never a percentage;
            # the first place is the best
            rank = frame["kind"].eq("rank")
            value = frame["value"]
            place = value.isna() | ((value >= 1) & (value % 1 == 0)
                                    & (frame["denominator"].isna() | (value <= frame["denominator"])))
            return ~rank | (place & ~frame["value_percent"].astype(bool) & frame["better"].eq("lower")
                            & frame["numerator"].isna())

        @pa.dataframe_check
        def numerator_not_above_denominator(cls, frame: pd.DataFrame) -> pd.Series:  # noqa: N805
            return ~(frame["numerator"] > frame["denominator"]) | ~frame["kind"].isin(RATE_KINDS)

    return ObservationModel


def check_observations(observations: pd.DataFrame) -> pd.DataFrame:
    """Validate (and type) an assessed observation table; raises ``pandera.errors.SchemaErrors``."""
    return observation_model().validate(observations, lazy=True)
