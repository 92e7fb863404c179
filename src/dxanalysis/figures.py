"""One way to write an observation's figure, for the narrative, the tables, the charts and the findings.

A :class:`Figure` holds the numbers of an observation (counts, value with
its qualifier, the unit of the counts in each language) and writes them in
a language when asked, so a finding made while reading can carry a figure
and still read in the language it is shown in.

Examples
--------
>>> import pandas as pd
>>> row = pd.Series({"kind": "ratio", "numerator": 9475.0, "denominator": 15684.0, "value": 60.4119,
...                  "value_percent": True, "value_qualifier": "", "value_decimals": 2,
...                  "count_unit": "hồ sơ", "count_unit_en": "dossiers",
...                  "target": 80.0, "target_percent": True, "target_qualifier": "at_least", "target_decimals": 0})
>>> figure = Figure.of(row)
>>> figure.text("vi"), figure.text("en")
('9.475/15.684 hồ sơ (60,41%)', '9,475/15,684 dossiers (60.41%)')
>>> target_text(row, "vi"), target_text(row, "en")
('80% trở lên', 'at least 80%')

A rank is a place out of the number ranked, never a percentage:

>>> rank = pd.Series({"kind": "rank", "numerator": float("nan"), "denominator": 63.0, "value": 12.0,
...                   "value_percent": False, "value_qualifier": "", "value_decimals": 0,
...                   "target": 30.0, "target_percent": False, "target_qualifier": "at_most", "target_decimals": 0})
>>> Figure.of(rank).text("vi"), Figure.of(rank).text("en")
('thứ 12/63', '12th of 63')
>>> target_text(rank, "vi"), target_text(rank, "en")
('thứ 30 trở lên', '30th or better')
"""

from __future__ import annotations

import math
from functools import lru_cache
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dxanalysis.i18n import N_, current_lang, gettext, ngettext
from dxanalysis.numerals import Quantity, as_qualifier, format_number, format_quantity, locale_for

# A place in a ranking in each language's ordinal form (CLDR's ordinal plural rules, through Babel):
# English "1st", "2nd", "3rd", "4th"; Vietnamese writes the number after "thứ" (in the sentence's words).
ORDINALS = {"zero": N_("rank.ordinal.zero"), "one": N_("rank.ordinal.one"), "two": N_("rank.ordinal.two"),
            "few": N_("rank.ordinal.few"), "many": N_("rank.ordinal.many"), "other": N_("rank.ordinal.other")}
# A rank target by its bound: "thứ 30 trở lên" (30th or better), "thứ 30", better than 30th.
RANK_TARGETS = {"at_most": N_("rank.target.or_better"), "below": N_("rank.target.better_than"),
                "": N_("rank.alone")}


def missing(value: Any) -> bool:
    """True for a figure that is not there (``None``, NaN).

    >>> missing(None), missing(float("nan")), missing(0.0)
    (True, True, False)
    """
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _get(row: Any, name: str, default: Any = None) -> Any:
    value = getattr(row, name, default)
    return default if value is pd.NA else value


def value_quantity(row: Any) -> Quantity | None:
    """The observation's value as a :class:`~dxanalysis.numerals.Quantity`, ``None`` when missing.

    >>> import pandas as pd
    >>> value_quantity(pd.Series({"value": 16.0, "value_percent": False, "value_qualifier": "", "value_decimals": 0}))
    Quantity(value=16.0, percent=False, qualifier=None, decimals=0)
    """
    value = _get(row, "value")
    if missing(value):
        return None
    percent = bool(_get(row, "value_percent", False))
    decimals = 2 if percent else max(int(_get(row, "value_decimals", 0) or 0), 0)
    return Quantity(float(value), percent, as_qualifier(_get(row, "value_qualifier")), decimals)


def printed_value(row: Any) -> float | None:
    """The value as the page prints it (``60,4119`` → ``60.41``), ``None`` when missing: a change is the
    difference of two printed figures, so the reader can check it against them.

    >>> import pandas as pd
    >>> printed_value(pd.Series({"value": 60.4119, "value_percent": True, "value_qualifier": ""}))
    60.41
    """
    quantity = value_quantity(row)
    if quantity is None:
        return None
    return float(format_number(quantity.value, "en", max(quantity.decimals, 2)).replace(",", ""))


@lru_cache(maxsize=None)
def _locale(lang: str) -> Any:
    """The Babel locale of ``lang`` (its CLDR plural and ordinal rules), parsed once."""
    from babel import Locale

    return Locale.parse(locale_for(lang))


def ordinal(position: float, lang: str = "vi") -> str:
    """A place as ``lang`` writes an ordinal: ``12th`` in English, ``12`` in Vietnamese (after "thứ").

    >>> [ordinal(n, "en") for n in (1, 2, 3, 11, 22)], ordinal(1, "vi")
    (['1st', '2nd', '3rd', '11th', '22nd'], '1')
    """
    form = _locale(lang).ordinal_form(int(position))
    return gettext(ORDINALS.get(form, ORDINALS["other"]), lang, n=format_number(position, lang, 0))


def rank_text(position: float, field: float | None = None, lang: str = "vi") -> str:
    """A rank: ``thứ 12/63`` (``12th of 63``), or ``thứ 12`` when the number ranked is not given.

    >>> rank_text(12, 63, "vi"), rank_text(12, 63, "en"), rank_text(1, None, "en")
    ('thứ 12/63', '12th of 63', '1st')
    """
    if field is None or missing(field):
        return gettext("rank.alone", lang, place=ordinal(position, lang))
    return gettext("rank.of", lang, place=ordinal(position, lang), field=format_number(field, lang, 0))


def rank_target_text(row: Any, lang: str = "vi") -> str:
    """A rank's target: a place or better (``thứ 30 trở lên``), a place, or places to gain (``tăng 5 hạng``).

    >>> import pandas as pd
    >>> rank_target_text(pd.Series({"target": 5.0, "target_kind": "rank_gain", "target_qualifier": ""}), "en")
    'up 5 places'
    """
    target = float(_get(row, "target"))
    if _get(row, "target_kind") == "rank_gain":
        return ngettext("rank.target.gain.one", "rank.target.gain.other", int(target), lang)
    message = RANK_TARGETS.get(as_qualifier(_get(row, "target_qualifier")) or "", RANK_TARGETS[""])
    return gettext(message, lang, place=ordinal(target, lang))


def target_text(row: Any, lang: str = "vi") -> str:
    """The observation's target as a report writes it (``50%``, ``80% trở lên``), or ``""``.

    >>> import pandas as pd
    >>> target_text(pd.Series({"target": 50.0, "target_percent": True, "target_qualifier": "",
    ...                        "target_decimals": 0}), "en")
    '50%'
    """
    rank = _get(row, "kind") == "rank" and not missing(_get(row, "target"))
    if _get(row, "target_kind") and not rank:  # a target in words or over the units below: as the review wrote it
        return str(_get(row, "target_text") or "")
    target = _get(row, "target")
    if missing(target):
        return str(_get(row, "target_text") or "") if _get(row, "target_kind") else ""
    if rank:
        return rank_target_text(row, lang)
    return format_quantity(Quantity(float(target), bool(_get(row, "target_percent", False)),
                                    as_qualifier(_get(row, "target_qualifier")),
                                    int(_get(row, "target_decimals", 0) or 0)), lang)


def unit_for(number: float | None, unit: str, lang: str = "vi") -> str:
    """The unit of the counts agreeing with ``number``: English says "1 dossier", "2 dossiers".

    The catalog gives units as a count of several writes them; where the language's plural rule (CLDR,
    through Babel) calls ``number`` singular — in English, 1 — the plural ending is taken off.
    Vietnamese has no singular form, so its nouns never change.

    >>> unit_for(1, "dossiers", "en"), unit_for(1, "agencies", "en"), unit_for(3, "dossiers", "en"), unit_for(1, "hồ sơ")
    ('dossier', 'agency', 'dossiers', 'hồ sơ')
    """
    if number is None or _locale(lang).plural_form(abs(number)) != "one" \
            or not unit.endswith("s") or unit.endswith("ss"):
        return unit
    if unit.endswith("ies"):
        return unit[:-3] + "y"
    if unit.endswith(("sses", "shes", "ches", "xes")):
        return unit[:-2]
    return unit[:-1]


def _widths(typed: Any) -> tuple[int, int, int]:
    # the observation's "digits" column: "numerator:denominator:value" widths, "" when none was padded
    parts = str(typed or "").split(":")
    return tuple(int(p) if p.isdigit() else 0 for p in (parts + ["", "", ""])[:3])  # type: ignore[return-value]


def _padded(text: str, width: int) -> str:
    """``text`` with the leading zeros the source wrote, for a plain count only ("7" → "07").

    >>> _padded("7", 2), _padded("60,41%", 3), _padded("1.234", 5)
    ('07', '60,41%', '1.234')
    """
    return text.zfill(width) if width and text.isdigit() else text


@dataclass(frozen=True)
class Figure:
    """An observation's figure: counts, value and the unit of the counts (``unit_vi``, ``unit_en``)."""

    numerator: float | None = None
    denominator: float | None = None
    value: Quantity | None = None
    unit_vi: str = ""
    unit_en: str = ""
    count: bool = False  # a count is written with its unit ("16 hộ")
    rank: bool = False  # a place out of the number ranked (the denominator): "thứ 12/63"
    # how many digits the source wrote a small count with ("07 hộ", "05/33"): kept, as the source wrote it
    widths: tuple[int, int, int] = (0, 0, 0)  # numerator, denominator, value
    # whether the rate of the counts is printed: the source stated it or the analyst asked for it;
    # otherwise the counts alone, "10/21 trường", as the source wrote them
    rate_shown: bool = True

    @classmethod
    def of(cls, row: Any, with_unit: bool = True) -> Figure:
        """The figure of an observation row (a ``Series`` or a named tuple with the observation columns).

        >>> import pandas as pd
        >>> Figure.of(pd.Series({"kind": "count", "value": 16.0, "value_percent": False, "value_qualifier": "",
        ...                      "value_decimals": 0, "count_unit": "hộ", "count_unit_en": "households"})).text("vi")
        '16 hộ'
        """
        numerator, denominator = _get(row, "numerator"), _get(row, "denominator")
        return cls(
            None if missing(numerator) else float(numerator), None if missing(denominator) else float(denominator),
            value_quantity(row),
            (_get(row, "count_unit") or "") if with_unit else "", (_get(row, "count_unit_en") or "") if with_unit else "",
            _get(row, "kind") == "count", _get(row, "kind") == "rank", _widths(_get(row, "digits")),
            bool(_get(row, "rate_shown", True)),
        )

    @property
    def counts(self) -> bool:
        """True when the figure has both a numerator and a denominator.

        >>> Figure(1.0, 2.0).counts, Figure(value=Quantity(5.0)).counts
        (True, False)
        """
        return self.numerator is not None and self.denominator is not None

    @property
    def count_without_whole(self) -> bool:
        """True for a count given with its rate but not the whole it is a share of (``12.345 hồ sơ, 58,12%``).

        >>> Figure(12345.0, None, Quantity(58.12, True, None, 2)).count_without_whole
        True
        """
        return self.numerator is not None and self.denominator is None and self.value is not None

    def unit(self, lang: str = "vi") -> str:
        """The unit of the counts in ``lang`` (``hồ sơ``, ``dossiers``); the data holds one per language.

        >>> Figure(unit_vi="hồ sơ", unit_en="dossiers").unit("en")
        'dossiers'
        """
        return getattr(self, f"unit_{lang}", "") or ""

    def value_text(self, lang: str = "vi") -> str:
        """The value (``60,41%``, ``dưới 100%``, ``16``), or "no data" in words; counts whose rate is
        not printed are their value (``10/21``).

        >>> Figure().value_text("en"), Figure(10.0, 21.0, Quantity(47.6, True, None, 2), rate_shown=False).value_text()
        ('No data', '10/21')
        """
        if self.value is None:
            return gettext("status.no_data", lang)
        if self.rank:
            return rank_text(self.value.value, self.denominator, lang)
        if self.counts and not self.rate_shown:
            return f"{self.numerator_text(lang)}/{self.denominator_text(lang)}"
        return _padded(format_quantity(self.value, lang), self.widths[2])

    def numerator_text(self, lang: str = "vi") -> str:
        """The numerator as a report writes it, ``""`` without counts.

        >>> Figure(9475.0, 15684.0).numerator_text("vi"), Figure(9475.0).numerator_text("vi")
        ('9.475', '')
        """
        return _padded(format_number(self.numerator, lang), self.widths[0]) if self.counts else ""  # type: ignore[arg-type]

    def denominator_text(self, lang: str = "vi") -> str:
        """The denominator as a report writes it, ``""`` without counts.

        >>> Figure(9475.0, 15684.0).denominator_text("en")
        '15,684'
        """
        return _padded(format_number(self.denominator, lang), self.widths[1]) if self.counts else ""  # type: ignore[arg-type]

    def text(self, lang: str | None = None) -> str:
        """The whole figure: ``9.475/15.684 hồ sơ (60,41%)``, ``16 hộ`` or ``dưới 100%``; counts whose
        rate the source did not state, as it wrote them (``11/14 chỉ tiêu``).

        >>> Figure(9475.0, 15684.0, Quantity(60.41, True, None, 2)).text("en")
        '9,475/15,684 (60.41%)'
        >>> Figure(11.0, 14.0, Quantity(78.57, True, None, 2), "chỉ tiêu", rate_shown=False).text("vi")
        '11/14 chỉ tiêu'
        """
        lang = lang or current_lang()
        unit = self.unit(lang)
        if self.rank:
            return self.value_text(lang)
        if self.counts:
            unit = unit_for(self.denominator, unit, lang)
            counts = f"{self.numerator_text(lang)}/{self.denominator_text(lang)}"
            if not self.rate_shown or self.value is None:
                return f"{counts} {unit}".strip()
            return f"{counts} {unit} ({self.value_text(lang)})" if unit else f"{counts} ({self.value_text(lang)})"
        if self.count_without_whole:
            count = " ".join(t for t in (format_number(self.numerator, lang),  # type: ignore[arg-type]
                                         unit_for(self.numerator, unit, lang)) if t)
            return f"{count} ({self.value_text(lang)})"
        if self.count and unit and self.value is not None:
            return f"{self.value_text(lang)} {unit_for(self.value.value, unit, lang)}"
        return self.value_text(lang)
