import math

import pandas as pd
import pytest

from dxanalysis.assess.status import assess, assessment_findings, status_of


@pytest.mark.parametrize("value, vq, target, tq, better, expected", [
    (60.41, None, 50, None, "higher", "exceeded"),
    (50, None, 50, None, "higher", "met"),
    (70.27, None, 80, "at_least", "higher", "not_met"),
    (80, None, 80, "above", "higher", "not_met"),
    (100, "below", 100, None, "higher", "not_met"),
    (58, "above", 50, None, "higher", "exceeded"),
    (40, "above", 50, "at_least", "higher", "indeterminate"),
    (12, None, 15, "at_most", "lower", "exceeded"),
    (18, None, 15, None, "lower", "not_met"),
    (math.nan, None, 50, None, "higher", "no_data"),
    (20, None, math.nan, None, "higher", "no_target"),
])
def test_status_of(value, vq, target, tq, better, expected):
    assert status_of(value, vq, target, tq, better) == expected


def test_assess_adds_status_without_touching_input():
    frame = pd.DataFrame({"value": [40.0], "value_qualifier": ["above"], "target": [50.0],
                          "target_qualifier": ["at_least"], "better": ["higher"], "path": ["a.csv"],
                          "row": [3], "indicator": ["x"], "value_text": ["trên 40%"], "target_text": ["≥50%"]})
    assessed = assess(frame)
    assert "status" not in frame.columns
    assert [(f.code, f.row, f.value) for f in assessment_findings(assessed)] == [("indeterminate_status", 3, "trên 40%")]
