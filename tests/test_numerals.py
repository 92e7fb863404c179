import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxanalysis.exceptions import InputValueError
from dxanalysis.i18n import using_lang
from dxanalysis.numerals import (Quantity, format_number, format_percent, format_quantity, parse_number,
                                 parse_quantity, parse_ratio)


@pytest.mark.parametrize("text, lang, expected", [
    ("9.475", "vi", 9475), ("15.684", "vi", 15684), ("60,41", "vi", 60.41), ("05", "vi", 5),
    ("1.234.567,5", "vi", 1234567.5), (" 16 ", "vi", 16), ("9,475", "en", 9475), ("60.41", "en", 60.41),
])
def test_parse_number(text, lang, expected):
    assert parse_number(text, lang) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["9.47", "abc", "", "1,2,3", "9..475", "%"])
def test_parse_number_rejects_ambiguous_or_garbage(text):
    with pytest.raises(InputValueError) as info:
        parse_number(text)
    assert info.value.value == text


def test_ambiguous_grouping_suggests_both_readings():
    with using_lang("en"), pytest.raises(InputValueError, match="Did you mean 947 or 9,47"):
        parse_number("9.47", "vi")
    with using_lang("vi"), pytest.raises(InputValueError, match="Có phải là 947 hoặc 9,47"):
        parse_number("9.47", "vi")


@pytest.mark.parametrize("text, expected", [
    ("60,41%", Quantity(60.41, True, None, 2)),
    ("3,45 %", Quantity(3.45, True, None, 2)),
    ("≥80%", Quantity(80, True, "at_least", 0)),
    (">= 80%", Quantity(80, True, "at_least", 0)),
    ("từ 55% trở lên", Quantity(55, True, "at_least", 0)),
    ("80% trở lên", Quantity(80, True, "at_least", 0)),
    ("trên 58%", Quantity(58, True, "above", 0)),
    ("hơn 320", Quantity(320, False, "above", 0)),
    ("gần 1.400", Quantity(1400, False, "approx", 0)),
    ("dưới 40%", Quantity(40, True, "below", 0)),
    ("Trên 58%", Quantity(58, True, "above", 0)),
    ("100%", Quantity(100, True, None, 0)),
])
def test_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


def test_parse_ratio_with_unit_and_padding():
    assert parse_ratio("9.475/15.684 hồ sơ") == (9475, 15684)
    assert parse_ratio("05/33") == (5, 33)
    with pytest.raises(InputValueError):
        parse_ratio("9.475/")


@pytest.mark.parametrize("value, lang, expected", [
    (60.4119, "vi", "60,41%"), (32.3529, "vi", "32,35%"), (70.2703, "vi", "70,27%"), (100, "vi", "100%"),
    (60.4119, "en", "60.41%"),
])
def test_format_percent(value, lang, expected):
    assert format_percent(value, lang) == expected


def test_format_quantity_words():
    assert format_quantity(parse_quantity("≥80%"), "vi") == "80% trở lên"
    assert format_quantity(parse_quantity("trên 58%"), "en") == "above 58%"


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["vi", "en"]))
def test_format_then_parse_round_trips(value, lang):
    text = format_number(float(value), lang)
    assert parse_number(text, lang) == pytest.approx(float(value), abs=1e-9)


@given(st.text(max_size=30), st.sampled_from(["vi", "en"]))
def test_parsers_return_a_value_or_raise_their_own_error(text, lang):
    for parser in (parse_number, parse_quantity, parse_ratio):
        try:
            result = parser(text, lang)
        except InputValueError:
            continue
        values = result if isinstance(result, tuple) else (result.value if isinstance(result, Quantity) else result,)
        assert all(isinstance(v, float) and not math.isnan(v) for v in values)


@pytest.mark.parametrize("text", ["", " ", "-", "–", "—", "x", "X", "…", "..."])
def test_no_data_marks(text):
    from dxanalysis.numerals import is_no_data
    assert is_no_data(text)


@pytest.mark.parametrize("text", ["0", "-5", "x5", "0%"])
def test_values_are_not_no_data_marks(text):
    from dxanalysis.numerals import is_no_data
    assert not is_no_data(text)


@pytest.mark.parametrize("text, expected", [
    ("16 hộ", Quantity(16, False, None, 0)),
    ("gần 1.400 người", Quantity(1400, False, "approx", 0)),
    ("52/74", None),
    ("trên 58% số hộ", Quantity(58, True, "above", 0)),
    ("9 475", Quantity(9475, False, None, 0)),
])
def test_unit_words_and_space_groups(text, expected):
    if expected is None:
        with pytest.raises(InputValueError):
            parse_quantity(text)
    else:
        assert parse_quantity(text) == expected


@pytest.mark.parametrize("text, hint", [
    ("1,5 triệu", "triệu"), ("2 nghìn", "nghìn"), ("1,23457E+11", "scientific"), ("9 47", "three digits"),
])
def test_numbers_that_would_silently_change_are_errors(text, hint):
    with using_lang("en"), pytest.raises(InputValueError, match=hint):
        parse_quantity(text)
