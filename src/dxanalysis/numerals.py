"""Numbers, rates, ratios and targets as Vietnamese analysts type them.

Parsing and formatting go through Babel's CLDR locale data: in ``vi`` a dot
groups thousands and a comma marks decimals (``9.475`` is nine thousand four
hundred seventy-five, ``60,41%`` is 60.41 %). A number whose grouping does
not fit the declared locale (``9.47`` in a ``vi`` file) is an error, never a
guess.

Examples
--------
>>> parse_number("9.475")
9475.0
>>> parse_quantity("60,41%")
Quantity(value=60.41, percent=True, qualifier=None, decimals=2)
>>> parse_quantity("từ 80% trở lên").qualifier
'at_least'
>>> parse_ratio("05/33")
(5.0, 33.0)
>>> format_number(9475), format_percent(60.4119), format_percent(60.4119, "en")
('9.475', '60,41%', '60.41%')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal
from babel.numbers import format_decimal as _babel_format_decimal
from babel.numbers import format_percent as _babel_format_percent

from dxanalysis.exceptions import InputValueError
from dxanalysis.i18n import N_, Message, gettext
from dxanalysis.vntext import clean_text

Lang = Literal["vi", "en"]
Qualifier = Literal["at_least", "above", "below", "at_most", "approx"]
QUALIFIERS: tuple[Qualifier, ...] = ("at_least", "above", "below", "at_most", "approx")

# Longest phrases first so ">=" wins over ">" and "at least" over "at".
_PREFIXES: list[tuple[str, Qualifier]] = [
    ("≥", "at_least"), (">=", "at_least"), ("ít nhất", "at_least"), ("tối thiểu", "at_least"),
    ("at least", "at_least"), ("no less than", "at_least"), ("từ", "at_least"),
    ("≤", "at_most"), ("<=", "at_most"), ("tối đa", "at_most"), ("không quá", "at_most"),
    ("at most", "at_most"), ("no more than", "at_most"),
    (">", "above"), ("trên", "above"), ("hơn", "above"), ("more than", "above"),
    ("over", "above"), ("above", "above"),
    ("<", "below"), ("dưới", "below"), ("less than", "below"), ("under", "below"),
    ("below", "below"),
    ("~", "approx"), ("≈", "approx"), ("gần", "approx"), ("khoảng", "approx"),
    ("xấp xỉ", "approx"), ("approximately", "approx"), ("about", "approx"),
    ("around", "approx"), ("nearly", "approx"),
]
_SUFFIXES: list[tuple[str, Qualifier]] = [
    ("trở lên", "at_least"), ("or more", "at_least"), ("and above", "at_least"),
    ("trở xuống", "at_most"), ("or less", "at_most"),
]
# How a target's qualifier reads around the number ({x}), in the catalogs.
_QUALIFIER_WORDS: dict[Qualifier, str] = {
    "at_least": N_("qualifier.at_least"), "above": N_("qualifier.above"), "below": N_("qualifier.below"),
    "at_most": N_("qualifier.at_most"), "approx": N_("qualifier.approx"),
}
_LOCALES = {"vi": "vi", "en": "en"}
# Cells that mean "no data" in Vietnamese forms: a dash, an x, an ellipsis.
NO_DATA_MARKS: frozenset[str] = frozenset({"-", "–", "—", "x", "X", "…", "...", "..", "n/a", "N/A", "#N/A"})
# A space inside a number may only group thousands ("9 475"), never split digits ("9 47").
_SPACED_DIGITS = re.compile(r"\d\s+(\d+)")
_SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")
# A unit word after the number ("16 hộ", "gần 1.400 người") is dropped, but a
# word that scales the number ("1,5 triệu") must never be: it is an error.
_TRAILING_WORDS = re.compile(r"^(.*?[\d%])\s*([^\W\d_][^\d%]*)$")
_MAGNITUDE_WORDS = frozenset({"nghìn", "ngàn", "ngan", "nghin", "triệu", "trieu", "tỷ", "tỉ", "ty", "ti", "vạn",
                              "trăm", "chục", "k", "m", "tr", "thousand", "million", "billion", "bn", "mn", "lần"})
_RATIO = re.compile(r"^\s*([^/]+?)\s*/\s*([\d.,\s]+?)\s*(\D*)$")


@dataclass(frozen=True)
class Quantity:
    """A typed value: a number, whether it is a percentage, and any qualifier.

    ``decimals`` is how many decimals were typed, which bounds the rounding
    a stated rate may carry (``60,41%`` is exact to ±0,005).
    """

    value: float
    percent: bool = False
    qualifier: Qualifier | None = None
    decimals: int = 0

    @property
    def exact(self) -> bool:
        """True when the value is not a bound or an estimate."""
        return self.qualifier is None

    @property
    def rounding(self) -> float:
        """Half a unit of the last typed decimal: the error the typist allowed."""
        return 0.5 * 10 ** (-self.decimals)


def locale_for(lang: str) -> str:
    """The Babel locale of a report language or an input's number format.

    >>> locale_for("vi")
    'vi'
    """
    try:
        return _LOCALES[lang]
    except KeyError:
        raise InputValueError(lang, Message("expected.language")) from None


def parse_number(text: str, lang: str = "vi") -> float:
    """Parse a number typed the ``lang`` way; ambiguous grouping is an error.

    >>> parse_number("15.684"), parse_number("60,41"), parse_number("9,475", "en")
    (15684.0, 60.41, 9475.0)
    >>> parse_number("9.47")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một số viết kiểu 'vi' ('.' phân cách hàng nghìn, ',' phân cách thập phân, ví dụ 9.475 hoặc 60,41), nhưng gặp '9.47'. Có phải là 947 hoặc 9,47?
    """
    locale = locale_for(lang)
    cleaned = clean_text(str(text)).replace(" ", "")
    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    expected = Message("expected.number", {"way": lang, "group": group, "decimal": decimal,
                                            "example": format_number(9475, lang),
                                            "example_decimal": format_number(60.41, lang)})
    if not cleaned or not any(ch.isdigit() for ch in cleaned):
        raise InputValueError(text, expected)
    if _SCIENTIFIC.search(cleaned):
        raise InputValueError(text, expected, hint=Message("hint.scientific"))
    if any(len(group) != 3 for group in _SPACED_DIGITS.findall(clean_text(str(text)))):
        raise InputValueError(text, expected, hint=Message("hint.spaced_digits"))
    try:
        return float(parse_decimal(cleaned, locale=locale, strict=True))
    except NumberFormatError as err:
        suggestions = getattr(err, "suggestions", None) or []
        hint = Message("hint.did_you_mean", {"suggestions": Message(
            "join.or", {"items": ", ".join(suggestions[:-1]), "last": suggestions[-1]})}) if len(suggestions) > 1 \
            else Message("hint.did_you_mean", {"suggestions": suggestions[0]}) if suggestions else ""
        raise InputValueError(text, expected, hint=hint) from None
    except (ValueError, ArithmeticError):  # Babel lets some malformed input through to Decimal
        raise InputValueError(text, expected) from None


def _typed_decimals(number_text: str, lang: str) -> int:
    decimal = get_decimal_symbol(locale_for(lang))
    return len(number_text.rsplit(decimal, 1)[1]) if decimal in number_text else 0


def split_qualifier(text: str) -> tuple[str, Qualifier | None]:
    """Split a leading or trailing bound or estimate off a typed quantity.

    >>> split_qualifier("từ 55% trở lên"), split_qualifier("theo kế hoạch")
    (('55%', 'at_least'), ('theo kế hoạch', None))
    """
    lowered = text.lower()
    found: Qualifier | None = None
    for phrase, qualifier in _SUFFIXES:
        if lowered.endswith(phrase):
            text, lowered, found = text[: -len(phrase)].strip(), lowered[: -len(phrase)].strip(), qualifier
            break
    for phrase, qualifier in _PREFIXES:
        if lowered.startswith(phrase) and (
            not phrase[-1].isalpha() or not lowered[len(phrase): len(phrase) + 1].isalpha()
        ):
            text = text[len(phrase):].strip()
            # "từ 55% trở lên": the suffix already said "at least".
            found = found or qualifier
            break
    return text, found


def parse_quantity(text: str, lang: str = "vi") -> Quantity:
    """Parse a value or target: ``60,41%``, ``3,45 %``, ``≥80%``, ``trên 58%``, ``gần 1.400``.

    >>> parse_quantity("trên 58%")
    Quantity(value=58.0, percent=True, qualifier='above', decimals=0)
    >>> parse_quantity("gần 1.400")
    Quantity(value=1400.0, percent=False, qualifier='approx', decimals=0)
    >>> parse_quantity("dưới 100%").qualifier
    'below'
    >>> parse_quantity("16 hộ")  # a unit word after the number is not part of it
    Quantity(value=16.0, percent=False, qualifier=None, decimals=0)
    """
    cleaned = clean_text(str(text))
    body, qualifier = split_qualifier(cleaned)
    body = _strip_unit_words(body, text)
    percent = body.endswith("%")
    if percent:
        body = body[:-1].strip()
    try:
        value = parse_number(body, lang)
    except InputValueError as err:
        raise InputValueError(
            text, Message("expected.quantity", {"examples": ", ".join(repr(e) for e in _EXAMPLES[lang])}),
            hint=err.hint,
        ) from None
    return Quantity(value, percent, qualifier, _typed_decimals(body, lang))


def _strip_unit_words(body: str, typed: str) -> str:
    match = _TRAILING_WORDS.match(body)
    if not match:
        return body
    words = match.group(2).lower().replace(".", " ").split()
    if any(word in _MAGNITUDE_WORDS for word in words):
        raise InputValueError(typed, Message("expected.full_number"), hint=Message("hint.magnitude_words"))
    return match.group(1).strip()


def is_no_data(text: object) -> bool:
    """True for a cell that means "no data": empty, ``-``, ``–``, ``x``, ``…``.

    >>> is_no_data(" – "), is_no_data("x"), is_no_data(""), is_no_data("0"), is_no_data("-5")
    (True, True, True, False, False)
    """
    cleaned = clean_text(str(text)) if text is not None else ""
    return not cleaned or cleaned in NO_DATA_MARKS


# Values as a file written the ``vi`` or the ``en`` way types them (data for the messages, not words).
_EXAMPLES = {"vi": ["9.475", "60,41%", "≥80%", "từ 55% trở lên", "trên 58%"],
             "en": ["9,475", "60.41%", ">=80%", "at least 55%", "over 58%"]}


def parse_ratio(text: str, lang: str = "vi") -> tuple[float, float]:
    """Parse ``numerator/denominator`` (``9.475/15.684``, ``05/33``, ``52/74 TTHC``).

    >>> parse_ratio("9.475/15.684 hồ sơ")
    (9475.0, 15684.0)
    >>> parse_ratio("9.475")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một tỷ số như '9.475/15.684', nhưng gặp '9.475'.
    """
    match = _RATIO.match(clean_text(str(text)))
    expected = Message("expected.ratio", {"example": format_number(9475, lang) + "/" + format_number(15684, lang)})
    if not match:
        raise InputValueError(text, expected)
    try:
        return parse_number(match.group(1), lang), parse_number(match.group(2), lang)
    except InputValueError as err:
        raise InputValueError(text, expected, hint=err.hint) from None


def format_number(value: float, lang: str = "vi", decimals: int = 2) -> str:
    """Format a number the ``lang`` way, with at most ``decimals`` decimals.

    >>> format_number(15684), format_number(15684, "en"), format_number(1.5)
    ('15.684', '15,684', '1,5')
    """
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return _babel_format_decimal(value, format=pattern, locale=locale_for(lang))


def format_percent(value: float, lang: str = "vi", decimals: int = 2) -> str:
    """Format a rate given in percent (``60.4119`` → ``60,41%``).

    >>> format_percent(100), format_percent(32.3529), format_percent(70.2703, "en")
    ('100%', '32,35%', '70.27%')
    """
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "") + "%"
    return _babel_format_percent(value / 100, format=pattern, locale=locale_for(lang))


def format_quantity(quantity: Quantity, lang: str = "vi") -> str:
    """Format a quantity with its qualifier in words, as the seed writes targets.

    >>> format_quantity(parse_quantity("≥80%"))
    '80% trở lên'
    >>> format_quantity(parse_quantity("≥80%"), "en")
    'at least 80%'
    """
    decimals = max(quantity.decimals, 2)
    number = (
        format_percent(quantity.value, lang, decimals)
        if quantity.percent
        else format_number(quantity.value, lang, decimals)
    )
    if quantity.qualifier is None:
        return number
    return gettext(_QUALIFIER_WORDS[quantity.qualifier], lang, x=number)


def as_qualifier(value: object) -> Qualifier | None:
    """A qualifier read back from a table cell: ``None`` for empty or missing cells.

    >>> as_qualifier("below"), as_qualifier(""), as_qualifier(float("nan"))
    ('below', None, None)
    """
    return value if isinstance(value, str) and value in QUALIFIERS else None  # type: ignore[return-value]


# --------------------------------------------------------------------------- ranks
# A rank as reviews type it: "12/63", "thứ 12/63", "hạng 12", "xếp thứ 12 trên 63", "12th of 63"; words
# after the field ("12/63 tỉnh, thành phố") name what was ranked and are not part of the rank.
_RANK = re.compile(
    r"^(?:(?:xếp|đứng|được xếp|ranked|rank|ranking)\s+)?(?:(?:thứ|hạng|vị trí|thứ hạng|no\.?|#)\s*)?(?:thứ\s+)?"
    r"(?P<position>\d+)(?:st|nd|rd|th)?"
    r"(?:\s*(?:/|trên|trong số|trong|of|out of)\s*(?P<field>\d+))?"
    r"(?P<rest>\s+[^\d%/]*)?$")


@dataclass(frozen=True)
class Rank:
    """A place in a ranking: ``position`` out of ``field`` units (``None`` when the source does not say).

    Lower is better: ``Rank(1, 63)`` is the first of 63.
    """

    position: int
    field: int | None = None


def parse_rank(text: str, lang: str = "vi") -> Rank:
    """Read a rank as typed: ``12/63``, ``thứ 12/63``, ``hạng 12``, ``12``, ``xếp thứ 12 trên 63``.

    The position is a whole number from 1 to the number of units ranked; a
    percentage or a decimal is not a rank.

    >>> parse_rank("thứ 12/63"), parse_rank("hạng 12"), parse_rank("xếp thứ 12 trên 63")
    (Rank(position=12, field=63), Rank(position=12, field=None), Rank(position=12, field=63))
    >>> parse_rank("12th of 63", "en")
    Rank(position=12, field=63)
    >>> parse_rank("19,05%")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một thứ hạng như '12/63', 'thứ 12/63', 'hạng 12' hoặc 'xếp thứ 12 trên 63', nhưng gặp '19,05%'.
    >>> parse_rank("64/63")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một thứ hạng như '12/63', 'thứ 12/63', 'hạng 12' hoặc 'xếp thứ 12 trên 63', nhưng gặp '64/63'. Thứ hạng là một số nguyên từ 1 đến tổng số đơn vị được xếp hạng (số sau dấu '/').
    """
    from dxanalysis.vntext import match_key

    match = _RANK.match(match_key(clean_text(str(text))).rstrip(" .;"))
    expected = Message("expected.rank")
    if not match:
        raise InputValueError(text, expected)
    position = int(match.group("position"))
    field = int(match.group("field")) if match.group("field") else None
    if position < 1 or (field is not None and position > field):
        raise InputValueError(text, expected, hint=Message("hint.rank_position"))
    return Rank(position, field)
