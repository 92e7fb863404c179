import datetime as dt
import pickle

import pytest

from dxanalysis.exceptions import InputValueError
from dxanalysis.i18n import gettext
from dxanalysis.periods import Period, official_date, parse_period, period_time

D = dt.date


@pytest.mark.parametrize("text, expected", [
    ("2022-H1", Period.half(2022, 1)), ("2022H2", Period.half(2022, 2)), ("2022-Q3", Period.quarter(2022, 3)),
    ("2022", Period.calendar_year(2022)), ("năm 2022", Period.calendar_year(2022)),
    ("06 tháng đầu năm 2022", Period.half(2022, 1)), ("6 tháng cuối năm 2021", Period.half(2021, 2)),
    ("quý I.2022", Period.quarter(2022, 1)), ("Quý IV/2023", Period.quarter(2023, 4)),
    # a month
    ("tháng 10/2022", Period.month(2022, 10)), ("tháng 10 năm 2022", Period.month(2022, 10)),
    ("Tháng 01 năm 2024", Period.month(2024, 1)), ("tháng 3-2022", Period.month(2022, 3)),
    ("2022-M10", Period.month(2022, 10)), ("2024-M01", Period.month(2024, 1)), ("2024-m1", Period.month(2024, 1)),
    ("2022-10", Period.month(2022, 10)), ("October 2022", Period.month(2022, 10)), ("oct 2022", Period.month(2022, 10)),
    # the first N months
    ("3 tháng đầu năm 2022", Period.quarter(2022, 1)), ("9 tháng đầu năm 2023", Period.first_months(2023, 9)),
    ("10 tháng đầu năm 2022", Period.first_months(2022, 10)), ("9 tháng năm 2023", Period.first_months(2023, 9)),
    ("2023-9M", Period.first_months(2023, 9)), ("2022-6M", Period.half(2022, 1)), ("2022-12M", Period.calendar_year(2022)),
    ("2022-3M", Period.quarter(2022, 1)), ("2022-1M", Period.month(2022, 1)),
    ("first nine months of 2023", Period.first_months(2023, 9)), ("first 9 months of 2023", Period.first_months(2023, 9)),
    # to date
    ("tính đến ngày 15/11/2022", Period.to_date(D(2022, 11, 15))), ("lũy kế đến 15-11-2022", Period.to_date(D(2022, 11, 15))),
    ("luỹ kế đến ngày 15.11.2022", Period.to_date(D(2022, 11, 15))), ("đến ngày 15/11/2022", Period.to_date(D(2022, 11, 15))),
    ("tính đến hết ngày 15 tháng 11 năm 2022", Period.to_date(D(2022, 11, 15))),
    ("2022-11-15", Period.to_date(D(2022, 11, 15))), ("as of 15/11/2022", Period.to_date(D(2022, 11, 15))),
    ("as of 15 November 2022", Period.to_date(D(2022, 11, 15))),
    # ISO 8601 intervals, named when they are one
    ("2022-01-01--2022-11-08", Period.between(D(2022, 1, 1), D(2022, 11, 8))),
    ("2022-01-01/2022-11-08", Period.between(D(2022, 1, 1), D(2022, 11, 8))),
    ("2022-01-01--2022-06-30", Period.half(2022, 1)), ("2022-07-01--2022-09-30", Period.quarter(2022, 3)),
    ("2022-01-01--2022-12-31", Period.calendar_year(2022)), ("2023-01-01--2023-09-30", Period.first_months(2023, 9)),
    ("2022-10-01--2022-10-31", Period.month(2022, 10)),
    ("từ ngày 01/7/2022 đến ngày 30/6/2023", Period.between(D(2022, 7, 1), D(2023, 6, 30))),
])
def test_parse_period(text, expected):
    assert parse_period(text) == expected


def test_kinds_and_dates():
    assert [parse_period(p).kind for p in ["2022-M10", "2022-Q3", "2022-H1", "2023-9M", "2022", "2022-11-15",
                                           "2022-01-01--2022-11-08"]] == [
        "month", "quarter", "half", "first_months", "year", "to_date", "range"]
    nine = parse_period("2023-9M")
    assert (nine.first_day, nine.last_day, nine.year) == (D(2023, 1, 1), D(2023, 9, 30), 2023)
    to_date = parse_period("2022-11-15")
    assert (to_date.first_day, to_date.last_day) == (D(2022, 1, 1), D(2022, 11, 15))  # year to date
    assert parse_period("2024-M02").last_day == D(2024, 2, 29)


@pytest.mark.parametrize("slug", ["2022-H1", "2022-H2", "2022-Q3", "2022", "2022-M10", "2024-M01", "2023-9M",
                                  "2022-10M", "2022-11-15", "2024-02-29", "2022-01-01--2022-11-08",
                                  "2022-07-01--2023-06-30"])
def test_slug_round_trip_and_pickle(slug):
    period = parse_period(slug)
    assert period.slug == slug and str(period) == slug
    assert parse_period(period.label("vi")) == period and parse_period(period.label("en")) == period
    copy = pickle.loads(pickle.dumps(period))
    assert copy == period and hash(copy) == hash(period) and {period: 1}[copy] == 1


def test_each_period_has_one_slug():
    """Other spellings of a period parse to it; its slug is the one folder name that is read."""
    for other, slug in [("2022-6M", "2022-H1"), ("2022-12M", "2022"), ("2022-3M", "2022-Q1"), ("2022-M1", "2022-M01"),
                        ("2022-01-01--2022-06-30", "2022-H1"), ("2022-10", "2022-M10"), ("2023-09M", "2023-9M")]:
        assert parse_period(other).slug == slug


def test_to_date_keeps_its_kind_when_it_ends_a_month():
    as_of = parse_period("tính đến ngày 30/9/2023")
    assert as_of.slug == "2023-09-30" and as_of != parse_period("2023-9M")
    assert as_of.label("vi") == "tính đến ngày 30/9/2023"


@pytest.mark.parametrize("slug, vi, en", [
    ("2022-H1", "06 tháng đầu năm 2022", "first half of 2022"),
    ("2022-Q3", "quý III năm 2022", "Q3 2022"),
    ("2022", "năm 2022", "2022"),
    ("2022-M10", "tháng 10 năm 2022", "October 2022"),
    ("2024-M01", "tháng 01 năm 2024", "January 2024"),
    ("2023-9M", "9 tháng đầu năm 2023", "first nine months of 2023"),
    ("2022-10M", "10 tháng đầu năm 2022", "first 10 months of 2022"),
    ("2022-11-15", "tính đến ngày 15/11/2022", "as of 15 November 2022"),
    ("2022-08-09", "tính đến ngày 09/8/2022", "as of 9 August 2022"),
    ("2022-01-01--2022-11-08", "từ ngày 01/01/2022 đến ngày 08/11/2022", "from 1 January 2022 to 8 November 2022"),
])
def test_labels(slug, vi, en):
    period = parse_period(slug)
    assert (period.label("vi"), period.label("en")) == (vi, en)


@pytest.mark.parametrize("slug, vi, en", [
    ("2021-H1", "6T đầu 2021", "H1 2021"), ("2022-Q3", "Q3/2022", "Q3 2022"), ("2022", "2022", "2022"),
    ("2022-M10", "T10/2022", "Oct 2022"), ("2023-9M", "9T đầu 2023", "Jan–Sep 2023"),
    ("2022-11-15", "đến 15/11/2022", "to 15 Nov 2022"),
])
def test_short_labels(slug, vi, en):
    period = parse_period(slug)
    assert (period.short_label("vi"), period.short_label("en")) == (vi, en)


def test_official_date_follows_decree_30():
    assert [official_date(d) for d in (D(2022, 8, 9), D(2024, 1, 4), D(2022, 11, 15), D(2023, 2, 1), D(2023, 3, 10))] == [
        "09/8/2022", "04/01/2024", "15/11/2022", "01/02/2023", "10/3/2023"]


@pytest.mark.parametrize("slug, previous", [
    ("2022-H1", "2021-H1"), ("2022-Q3", "2021-Q3"), ("2022", "2021"), ("2022-M10", "2021-M10"),
    ("2023-9M", "2022-9M"), ("2022-11-15", "2021-11-15"), ("2024-02-29", "2023-02-28"),
    ("2024-M02", "2023-M02"), ("2022-01-01--2022-11-08", "2021-01-01--2021-11-08"),
    ("2022-07-01--2023-06-30", "2021-07-01--2022-06-30"),
])
def test_same_period_last_year(slug, previous):
    assert parse_period(slug).same_period_last_year() == parse_period(previous)


@pytest.mark.parametrize("slug, following", [
    ("2022-M12", "2023-M01"), ("2022-M01", "2022-M02"), ("2022-Q4", "2023-Q1"), ("2022-H1", "2022-H2"),
    ("2022-H2", "2023-H1"), ("2022", "2023"), ("2023-9M", "2024-9M"), ("2022-11-15", "2023-11-15"),
])
def test_next_period_is_of_the_same_kind(slug, following):
    assert parse_period(slug).next_period() == parse_period(following)


def test_ordering_by_last_then_first_day():
    slugs = ["2022", "2022-Q3", "2022-H1", "2021-H2", "2022-M10", "2022-10M", "2022-11-15", "2023-9M",
             "2022-01-01--2022-11-08", "2022-06-30"]
    assert [p.slug for p in sorted(parse_period(s) for s in slugs)] == [
        "2021-H2", "2022-H1", "2022-06-30", "2022-Q3", "2022-10M", "2022-M10", "2022-01-01--2022-11-08",
        "2022-11-15", "2022", "2023-9M"]
    assert parse_period("2022-H1") < parse_period("2022") and parse_period("2022-Q3") <= parse_period("2022-Q3")


def test_like_with_like():
    nine = parse_period("2023-9M")
    assert [p for p in ["2022-9M", "2021-9M", "2023-Q3", "2022-10M", "2022"] if parse_period(p).is_like(nine)] == [
        "2022-9M", "2021-9M"]
    half = parse_period("2022-H1")
    assert [p for p in ["2021-H1", "2021-H2", "2022-Q1", "2021"] if parse_period(p).is_like(half)] == ["2021-H1", "2021-H2"]
    as_of = parse_period("2022-11-15")
    assert parse_period("2021-11-15").is_like(as_of) and not parse_period("2021-11-30").is_like(as_of)


def test_series_labels_say_what_is_compared():
    assert parse_period("2023-9M").series_label("vi") == "9 tháng đầu năm qua các năm"
    assert parse_period("2023-9M").series_label("en") == "the first 9 months of each year"
    assert parse_period("2022-H1").series_label("vi") == "qua các kỳ"  # the shipped example's words
    assert parse_period("2022-11-15").series_label("en") == "as of 15 November of each year"


@pytest.mark.parametrize("slug, time", [
    ("2022-H1", 2022.5), ("2022-Q4", 2023.0), ("2022", 2023.0), ("2022-M03", 2022.25), ("2023-9M", 2023.75),
])
def test_period_time_is_the_end_of_the_period(slug, time):
    assert period_time(parse_period(slug)) == time


def test_period_time_of_a_day_lies_within_its_month():
    assert 2022 + 10 / 12 < period_time(parse_period("2022-11-15")) < 2022 + 11 / 12
    assert period_time(parse_period("2022-11-30")) == period_time(parse_period("2022-11M"))


@pytest.mark.parametrize("text", ["2022-H3", "H1", "tháng 6", "", "2022-M13", "2022-0M", "2022-13M", "tháng 0/2022",
                                  "tính đến ngày 31/02/2022", "15/11/2022", "2022-02-30", "quý V/2022"])
def test_bad_periods_are_errors_listing_the_forms(text):
    with pytest.raises(InputValueError) as caught:
        parse_period(text)
    message = caught.value.text("en")
    assert repr(text) in message and "'2023-9M'" in message and "'tính đến ngày 15/11/2022'" in message
    assert gettext("expected.period", "vi") in caught.value.text("vi")


def test_a_range_backwards_says_so():
    with pytest.raises(InputValueError) as caught:
        parse_period("từ ngày 08/11/2022 đến ngày 01/01/2022")
    assert caught.value.text("en") == ("Expected a date range whose first day is not after its last, "
                                       "e.g. '2022-01-01--2022-11-08', found 'từ ngày 08/11/2022 đến ngày 01/01/2022'.")


def test_periods_are_built_only_with_their_own_kind():
    with pytest.raises(ValueError):
        Period(D(2022, 1, 1), D(2022, 6, 30), "first_months")  # that is the first half: one slug per period
    with pytest.raises(TypeError, match="Period.half"):
        Period(2022, "H", 1)


def test_the_readme_table_of_periods_is_what_the_code_does():
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Periods\n", 1)[1].split("\n## ", 1)[0]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in section.splitlines()
            if line.startswith("| ") and not line.startswith("| kind")]
    assert len(rows) == 7
    for kind, slugs, _dates, vi, en in rows:
        period = parse_period(slugs.split("`")[1])
        assert (period.label("vi"), period.label("en")) == (vi, en), kind
    assert [parse_period(r[1].split("`")[1]).kind for r in rows] == [
        "month", "quarter", "half", "first_months", "year", "to_date", "range"]
