"""The contract of ``data/processed/observations.csv``, checked with pandera before it is written.

Cleaning produces this table; exploration code and later steps rely on it.
A violation here is a bug in dxanalysis, not in the user's data, so it
raises with pandera's failure cases rather than becoming a finding.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> from dxanalysis.check.processed import clean_all
>>> observations, _ = clean_all(EXAMPLE_DATA_DIR)
>>> checked = check_observations(observations)
>>> len(checked) == len(observations) and checked["value"].dtype.kind == "f"
True
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from dxanalysis.assess.status import STATUSES
from dxanalysis.read.catalog import BETTER, KINDS, PILLARS
from dxanalysis.numerals import QUALIFIERS


@lru_cache(maxsize=1)
def observation_schema():  # noqa: ANN201 - pandera.DataFrameSchema, imported lazily
    """The pandera schema of the tidy observation table."""
    import pandera.pandas as pa

    qualifiers = ["", *QUALIFIERS]
    return pa.DataFrameSchema(
        {
            "unit": pa.Column(str, pa.Check.str_length(min_value=1)),
            "period": pa.Column(str, pa.Check.str_matches(r"^\d{4}(-[HQ]\d)?$")),
            "indicator": pa.Column(str),
            "pillar": pa.Column(str, pa.Check.isin(list(PILLARS))),
            "kind": pa.Column(str, pa.Check.isin(list(KINDS))),
            "better": pa.Column(str, pa.Check.isin(list(BETTER))),
            "numerator": pa.Column(float, pa.Check.ge(0), nullable=True),
            "denominator": pa.Column(float, pa.Check.gt(0), nullable=True),
            "value": pa.Column(float, nullable=True),
            "value_qualifier": pa.Column(str, pa.Check.isin(qualifiers)),
            "target": pa.Column(float, nullable=True),
            "target_qualifier": pa.Column(str, pa.Check.isin(qualifiers)),
            "status": pa.Column(str, pa.Check.isin(list(STATUSES))),
            "row": pa.Column(int, pa.Check.ge(1)),
        },
        checks=[
            pa.Check(lambda d: ~(d["kind"].eq("ratio") & (d["value"] > 100 + 1e-9)), name="rate_at_most_100"),
            pa.Check(lambda d: ~(d["numerator"] > d["denominator"]) | d["kind"].ne("ratio"),
                     name="numerator_not_above_denominator"),
        ],
        unique=["unit", "period", "indicator"],
        strict=False, coerce=True,
    )


def check_observations(observations: pd.DataFrame) -> pd.DataFrame:
    """Validate (and type) the observation table; raises ``pandera.errors.SchemaErrors``."""
    return observation_schema().validate(observations, lazy=True)
