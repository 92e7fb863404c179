"""Reporting periods: half-years, quarters and years, as slugs and as a review names them.

Examples
--------
>>> p = parse_period("06 tháng đầu năm 2022")
>>> p.slug, p.label("vi"), p.label("en")
('2022-H1', '06 tháng đầu năm 2022', 'first half of 2022')
>>> p.same_period_last_year().slug
'2021-H1'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal

from dxanalysis.exceptions import InputValueError
from dxanalysis.i18n import N_, Message, gettext
from dxanalysis.vntext import match_key

PeriodKind = Literal["H", "Q", "Y"]
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PATTERNS: list[tuple[re.Pattern[str], PeriodKind, int | None]] = [
    (re.compile(r"^(\d{4})-?h([12])$"), "H", None),
    (re.compile(r"^(\d{4})-?q([1-4])$"), "Q", None),
    (re.compile(r"^(?:năm )?(\d{4})$"), "Y", 0),
    (re.compile(r"^0?6 tháng đầu năm (\d{4})$"), "H", 1),
    (re.compile(r"^0?6 tháng cuối năm (\d{4})$"), "H", 2),
    (re.compile(r"^(?:first half|h1) (?:of )?(\d{4})$"), "H", 1),
    (re.compile(r"^(?:second half|h2) (?:of )?(\d{4})$"), "H", 2),
]
_QUARTER_VI = re.compile(r"^quý (i{1,3}|iv|[1-4])\s*(?:[./-]|năm)\s*(\d{4})$")
_ROMAN_OF = {1: "I", 2: "II", 3: "III", 4: "IV"}
# kind -> index -> msgid of the period's name ({year}, {index}, {roman} are filled in)
_LABELS = {"H": {1: N_("period.half.1"), 2: N_("period.half.2")},
           "Q": dict.fromkeys(range(1, 5), N_("period.quarter")), "Y": {0: N_("period.year")}}
_SHORT_LABELS = {"H": {1: N_("period.short.half.1"), 2: N_("period.short.half.2")},
                 "Q": dict.fromkeys(range(1, 5), N_("period.short.quarter")), "Y": {0: N_("period.short.year")}}


_MONTHS = {"H": 6, "Q": 3, "Y": 12}


@total_ordering  # by time; no two periods share a first and a last day
@dataclass(frozen=True)
class Period:
    """A reporting period: ``year``, ``kind`` (H half, Q quarter, Y year), ``index``.

    Periods sort by time: by their last day, then their first (so a half-year
    comes before the whole year that ends with it).

    >>> sorted(parse_period(p).slug for p in ["2022", "2022-Q3", "2022-H1", "2021-H2"])
    ['2021-H2', '2022', '2022-H1', '2022-Q3']
    >>> [p.slug for p in sorted(parse_period(p) for p in ["2022", "2022-Q3", "2022-H1", "2021-H2"])]
    ['2021-H2', '2022-H1', '2022-Q3', '2022']
    """

    year: int
    kind: PeriodKind
    index: int = 0

    @property
    def first_day(self) -> dt.date:
        """The period's first day.

        >>> Period(2022, "Q", 3).first_day
        datetime.date(2022, 7, 1)
        """
        return dt.date(self.year, 1 + (max(self.index, 1) - 1) * _MONTHS[self.kind], 1)

    @property
    def last_day(self) -> dt.date:
        """The period's last day.

        >>> Period(2022, "H", 1).last_day, Period(2023, "Y").last_day
        (datetime.date(2022, 6, 30), datetime.date(2023, 12, 31))
        """
        first = self.first_day
        month = first.month + _MONTHS[self.kind]
        after = dt.date(first.year + (month > 12), (month - 1) % 12 + 1, 1)
        return after - dt.timedelta(days=1)

    def _time_key(self) -> tuple[dt.date, dt.date]:
        return self.last_day, self.first_day

    def __lt__(self, other: Period) -> bool:
        return self._time_key() < other._time_key()

    @property
    def slug(self) -> str:
        """The folder name of the period under ``data/raw/<unit>/``."""
        return str(self.year) if self.kind == "Y" else f"{self.year}-{self.kind}{self.index}"

    def __str__(self) -> str:
        return self.slug

    def label(self, lang: str = "vi") -> str:
        """The period as a review names it.

        >>> Period(2022, "Q", 3).label("vi"), Period(2022, "Y").label("en")
        ('quý III năm 2022', '2022')
        """
        return gettext(_LABELS[self.kind][self.index], lang, year=self.year, index=self.index,
                       roman=_ROMAN_OF.get(self.index, ""))

    def short_label(self, lang: str = "vi") -> str:
        """A compact label for chart axes.

        >>> Period(2021, "H", 1).short_label("vi"), Period(2021, "H", 2).short_label("en")
        ('6T đầu 2021', 'H2 2021')
        """
        return gettext(_SHORT_LABELS[self.kind][self.index], lang, year=self.year, index=self.index,
                       roman=_ROMAN_OF.get(self.index, ""))

    def same_period_last_year(self) -> Period:
        """The period a review compares with ("cùng kỳ năm trước")."""
        return Period(self.year - 1, self.kind, self.index)


def parse_period(text: str) -> Period:
    """Parse ``2022-H1``, ``2022-Q3``, ``2022``, ``06 tháng đầu năm 2022``, ``quý I.2022``.

    >>> parse_period("quý I.2022"), parse_period("năm 2022").slug
    (Period(year=2022, kind='Q', index=1), '2022')
    >>> parse_period("2022-H3")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một kỳ như '2022-H1', '2022-Q3', '2022' hoặc '06 tháng đầu năm 2022', nhưng gặp '2022-H3'.
    """
    key = match_key(str(text))
    for pattern, kind, index in _PATTERNS:
        match = pattern.match(key)
        if match:
            year = int(match.group(1))
            return Period(year, kind, index if index is not None else int(match.group(2)))
    match = _QUARTER_VI.match(key)
    if match:
        quarter = match.group(1)
        return Period(int(match.group(2)), "Q", _ROMAN.get(quarter) or int(quarter))
    raise InputValueError(text, Message("expected.period"))


def period_time(period: Period) -> float:
    """A period as a point in time (years), at its end: 2022-H1 → 2022.5, 2022 → 2023.0.

    >>> period_time(parse_period("2022-H1")), period_time(parse_period("2022-Q4"))
    (2022.5, 2023.0)
    """
    fraction = {"H": period.index / 2, "Q": period.index / 4, "Y": 1.0}[period.kind]
    return period.year + fraction
