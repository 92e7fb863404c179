import pytest

from dxanalysis.exceptions import InputValueError
from dxanalysis.periods import Period, parse_period


@pytest.mark.parametrize("text, expected", [
    ("2022-H1", Period(2022, "H", 1)), ("2022H2", Period(2022, "H", 2)), ("2022-Q3", Period(2022, "Q", 3)),
    ("2022", Period(2022, "Y", 0)), ("năm 2022", Period(2022, "Y", 0)),
    ("06 tháng đầu năm 2022", Period(2022, "H", 1)), ("6 tháng cuối năm 2021", Period(2021, "H", 2)),
    ("quý I.2022", Period(2022, "Q", 1)), ("Quý IV/2023", Period(2023, "Q", 4)),
])
def test_parse_period(text, expected):
    assert parse_period(text) == expected


def test_same_period_last_year_and_labels():
    period = parse_period("2022-H1")
    assert period.same_period_last_year() == Period(2021, "H", 1)
    assert period.label("vi") == "06 tháng đầu năm 2022"
    assert period.label("en") == "first half of 2022"


@pytest.mark.parametrize("text", ["2022-H3", "H1", "tháng 6", ""])
def test_bad_periods_are_errors(text):
    with pytest.raises(InputValueError):
        parse_period(text)
