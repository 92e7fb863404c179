"""Reporting periods: date ranges with a kind, as folder slugs and as a review names them.

A period is a first day, a last day and a kind:

==================  ==============================  ============================  =====================================
kind                folder slug                     Vietnamese label              English label
==================  ==============================  ============================  =====================================
``month``           ``2022-M10`` (``2024-M01``)     tháng 10 năm 2022             October 2022
``quarter``         ``2022-Q3``                     quý III năm 2022              Q3 2022
``half``            ``2022-H1``, ``2022-H2``        06 tháng đầu năm 2022         first half of 2022
``first_months``    ``2023-9M`` (N = 2 … 11)        9 tháng đầu năm 2023          first nine months of 2023
``year``            ``2022``                        năm 2022                      2022
``to_date``         ``2022-11-15``                  tính đến ngày 15/11/2022      as of 15 November 2022
``range``           ``2022-07-01--2023-06-30``      từ ngày 01/7/2022 đến ngày …  from 1 July 2022 to 30 June 2023
==================  ==============================  ============================  =====================================

Each period has one slug, the name of its folder under ``data/raw/<unit>/``.
Other spellings parse to the same period (and a folder so named is reported,
not read):

* the first N months become the named kind they are: ``2022-1M`` is
  ``2022-M01``, ``2022-3M`` is ``2022-Q1``, ``2022-6M`` is ``2022-H1``,
  ``2022-12M`` is ``2022``;
* an ISO 8601 interval (``2022-01-01--2022-11-08``, or with ``/``) is the
  month, quarter, half-year, first N months or year it covers exactly
  (``2022-01-01--2022-06-30`` is ``2022-H1``), else a date range;
* a "to date" period (figures *tính đến ngày*, *lũy kế đến*) runs from
  1 January of its year to its day. It keeps its kind even when that day ends
  a month (``2023-09-30`` is not ``2023-9M``): the committee said "as of".

Phrases as reviews write them parse too: ``tháng 10/2022``, ``tháng 10 năm
2022``, ``9 tháng đầu năm 2023``, ``06 tháng đầu năm 2022``, ``quý I.2022``,
``năm 2022``, ``tính đến ngày 15/11/2022``, ``lũy kế đến 15-11-2022``, ``đến
ngày 15/11/2022``, ``từ ngày 01/7/2022 đến ngày 30/6/2023``, and in English
``October 2022``, ``first nine months of 2023``, ``first half of 2022``, ``as
of 15/11/2022``. Dates are day first.

Examples
--------
>>> p = parse_period("06 tháng đầu năm 2022")
>>> p.slug, p.label("vi"), p.label("en")
('2022-H1', '06 tháng đầu năm 2022', 'first half of 2022')
>>> p.same_period_last_year().slug
'2021-H1'
>>> p = parse_period("9 tháng đầu năm 2023")
>>> p.slug, p.label("vi"), p.label("en"), p.first_day, p.last_day
('2023-9M', '9 tháng đầu năm 2023', 'first nine months of 2023', datetime.date(2023, 1, 1), datetime.date(2023, 9, 30))
>>> parse_period("lũy kế đến 15-11-2022").label("vi")
'tính đến ngày 15/11/2022'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal

from dxanalysis.exceptions import InputValueError
from dxanalysis.i18n import N_, Message, gettext
from dxanalysis.vntext import match_key

PeriodKind = Literal["month", "quarter", "half", "first_months", "year", "to_date", "range"]
# Also the tie-break of periods sharing their dates (a to-date period ending on 30 June and the first half).
KINDS: tuple[PeriodKind, ...] = ("month", "quarter", "half", "first_months", "year", "to_date", "range")
# Kinds whose every period is "like" every other of the kind (all quarters, all halves); the others
# compare only with themselves shifted by whole years (the first nine months of each year).
_SAME_LENGTH_KINDS = ("month", "quarter", "half", "year")

_ROMAN_OF = {1: "I", 2: "II", 3: "III", 4: "IV"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_LABELS: dict[str, str] = {
    "month": N_("period.month"), "quarter": N_("period.quarter"), "year": N_("period.year"),
    "to_date": N_("period.to_date"), "range": N_("period.range"),
}
_HALF_LABELS = {1: N_("period.half.1"), 2: N_("period.half.2")}
# One message per N: English spells small numbers out ("first nine months").
_FIRST_MONTHS_LABELS = {
    2: N_("period.first_months.2"), 4: N_("period.first_months.4"), 5: N_("period.first_months.5"),
    7: N_("period.first_months.7"), 8: N_("period.first_months.8"), 9: N_("period.first_months.9"),
    10: N_("period.first_months.10"), 11: N_("period.first_months.11"),
}
_SHORT_LABELS: dict[str, str] = {
    "month": N_("period.short.month"), "quarter": N_("period.short.quarter"), "year": N_("period.short.year"),
    "first_months": N_("period.short.first_months"), "to_date": N_("period.short.to_date"),
    "range": N_("period.short.range"),
}
_SHORT_HALF_LABELS = {1: N_("period.short.half.1"), 2: N_("period.short.half.2")}
# What a history of like periods is called in a chart's caption ("qua các quý").
_SERIES_LABELS: dict[str, str] = {
    "month": N_("period.series.month"), "quarter": N_("period.series.quarter"), "half": N_("period.series.half"),
    "year": N_("period.series.year"), "first_months": N_("period.series.first_months"),
    "to_date": N_("period.series.to_date"), "range": N_("period.series.range"),
}


def official_date(day: dt.date) -> str:
    """``day`` as Nghị định 30/2020/NĐ-CP writes dates in administrative documents: ``dd/m/yyyy``.

    Days below 10 and the months 1 and 2 take a leading zero; other months do not.

    >>> import datetime as dt
    >>> official_date(dt.date(2022, 8, 9)), official_date(dt.date(2024, 1, 4)), official_date(dt.date(2022, 11, 15))
    ('09/8/2022', '04/01/2024', '15/11/2022')
    >>> official_date(dt.date(2023, 2, 28))
    '28/02/2023'
    """
    return f"{day.day:02d}/{official_month(day.month)}/{day.year}"


# The catalogs' "date.format" is a Babel pattern, or this name for the official Vietnamese style,
# which no pattern can say (months 1 and 2 padded, the others not).
OFFICIAL_DATE_STYLE = "NĐ30"


def written_date(day: dt.date, lang: str = "vi") -> str:
    """A date as the page writes it in ``lang``: the official style in Vietnamese, the catalog's
    pattern otherwise.

    >>> import datetime as dt
    >>> written_date(dt.date(2024, 1, 4)), written_date(dt.date(2022, 8, 9), "en")
    ('04/01/2024', '9 August 2022')
    """
    from babel.dates import format_date

    style = gettext("date.format", lang)
    return official_date(day) if style == OFFICIAL_DATE_STYLE else format_date(day, style, locale=lang)


def written_time(moment: dt.datetime, lang: str = "vi") -> str:
    """A moment (a page's generation time) as the page writes it: its date as :func:`written_date`, then
    the clock time and zone.

    >>> import datetime as dt
    >>> written_time(dt.datetime(2026, 3, 5, 9, 7))
    '05/3/2026 09:07'
    """
    return f"{written_date(moment.date(), lang)} {moment.strftime('%H:%M %Z')}".strip()


def official_month(month: int) -> str:
    """A month's number as Nghị định 30/2020/NĐ-CP writes it: ``01``, ``02``, then ``3`` … ``12``.

    >>> [official_month(m) for m in (1, 2, 3, 10)]
    ['01', '02', '3', '10']
    """
    return f"{month:02d}" if month < 3 else str(month)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (earlier when negative); 29 February becomes 28 February."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def _named_kind(first: dt.date, last: dt.date) -> tuple[PeriodKind, int] | None:
    """The calendar kind (and its number) whose period runs exactly from ``first`` to ``last``, if any."""
    if first.day != 1 or last != _month_end(last.year, last.month) or first.year != last.year or first > last:
        return None
    months = last.month - first.month + 1
    if months == 1:
        return "month", first.month
    if months == 12:
        return "year", 0
    if months == 3 and first.month % 3 == 1:
        return "quarter", first.month // 3 + 1
    if months == 6 and first.month in (1, 7):
        return "half", first.month // 6 + 1
    if first.month == 1:
        return "first_months", months
    return None


@total_ordering  # by time; equal dates (a to-date period and a named one) by kind
@dataclass(frozen=True)
class Period:
    """A reporting period: its ``first_day``, its ``last_day`` (both inclusive) and its ``kind``.

    Build one with :func:`parse_period` or a constructor (:meth:`month`,
    :meth:`quarter`, :meth:`half`, :meth:`first_months`, :meth:`calendar_year`,
    :meth:`to_date`, :meth:`between`). Direct construction checks that the
    kind is the one its dates make, so each period has one slug.

    Periods sort by time: by their last day, then their first (so a half-year
    comes before the whole year that ends with it).

    >>> sorted(parse_period(p).slug for p in ["2022", "2022-Q3", "2022-H1", "2021-H2"])
    ['2021-H2', '2022', '2022-H1', '2022-Q3']
    >>> [p.slug for p in sorted(parse_period(p) for p in ["2022", "2022-Q3", "2022-H1", "2021-H2", "2022-11-15"])]
    ['2021-H2', '2022-H1', '2022-Q3', '2022-11-15', '2022']
    """

    first_day: dt.date
    last_day: dt.date
    kind: PeriodKind

    def __post_init__(self) -> None:
        first, last = self.first_day, self.last_day
        if not (isinstance(first, dt.date) and isinstance(last, dt.date)):  # the old Period(2022, "H", 1)
            raise TypeError("Period(first_day, last_day, kind) takes dates; for a half-year use Period.half(2022, 1), "
                            "or parse_period('2022-H1')")
        if self.kind == "to_date":
            fits = first == dt.date(last.year, 1, 1)
        elif self.kind == "range":
            fits = first <= last and _named_kind(first, last) is None
        else:
            named = _named_kind(first, last)
            fits = named is not None and named[0] == self.kind
        if not fits:  # a programming error: parse_period and the constructors never make one
            raise ValueError(f"{first}..{last} is not a period of kind {self.kind!r}; use Period.between")

    # ------------------------------------------------------------ constructors

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The month ``month`` of ``year``.

        >>> Period.month(2022, 10).slug
        '2022-M10'
        """
        return cls(dt.date(year, month, 1), _month_end(year, month), "month")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """The quarter ``quarter`` (1–4) of ``year``.

        >>> Period.quarter(2022, 3).first_day
        datetime.date(2022, 7, 1)
        """
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1 to 4, got {quarter}")
        return cls(dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), "quarter")

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """The half ``half`` (1 or 2) of ``year``.

        >>> Period.half(2022, 1).last_day
        datetime.date(2022, 6, 30)
        """
        if half not in (1, 2):
            raise ValueError(f"half must be 1 or 2, got {half}")
        return cls(dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half), "half")

    @classmethod
    def first_months(cls, year: int, months: int) -> Period:
        """The first ``months`` months of ``year`` (1 is January, 3 the first quarter, 6 the first half, 12 the year).

        >>> [Period.first_months(2023, n).slug for n in (9, 3, 6, 12)]
        ['2023-9M', '2023-Q1', '2023-H1', '2023']
        """
        if not 1 <= months <= 12:
            raise ValueError(f"months must be 1 to 12, got {months}")
        return cls.between(dt.date(year, 1, 1), _month_end(year, months))

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        """The whole of ``year``.

        >>> Period.calendar_year(2023).last_day
        datetime.date(2023, 12, 31)
        """
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")

    @classmethod
    def to_date(cls, day: dt.date) -> Period:
        """Figures as of ``day``: from 1 January of its year to ``day``.

        >>> Period.to_date(dt.date(2022, 11, 15)).first_day
        datetime.date(2022, 1, 1)
        """
        return cls(dt.date(day.year, 1, 1), day, "to_date")

    @classmethod
    def between(cls, first: dt.date, last: dt.date) -> Period:
        """The period from ``first`` to ``last``: the named kind it is exactly, else a date range.

        >>> Period.between(dt.date(2022, 1, 1), dt.date(2022, 6, 30)).slug
        '2022-H1'
        >>> Period.between(dt.date(2022, 1, 1), dt.date(2022, 11, 8)).slug
        '2022-01-01--2022-11-08'
        """
        if first > last:
            raise InputValueError(f"{first.isoformat()}--{last.isoformat()}", Message("expected.period_order"))
        named = _named_kind(first, last)
        return cls(first, last, named[0] if named else "range")

    # ------------------------------------------------------------ what it is

    @property
    def year(self) -> int:
        """The year the period ends in.

        >>> parse_period("2022-Q3").year
        2022
        """
        return self.last_day.year

    @property
    def months(self) -> int:
        """Whole months from the first day to the month of the last (1 for a month, 9 for ``2023-9M``).

        >>> parse_period("2023-9M").months, parse_period("2022").months
        (9, 12)
        """
        return (self.last_day.year - self.first_day.year) * 12 + self.last_day.month - self.first_day.month + 1

    @property
    def number(self) -> int:
        """The month, quarter or half's number in its year (``2022-Q3`` → 3), the N of the first N months; else 0.

        >>> parse_period("2022-Q3").number, parse_period("2022-M10").number, parse_period("2023-9M").number
        (3, 10, 9)
        """
        named = _named_kind(self.first_day, self.last_day) if self.kind != "to_date" else None
        return named[1] if named else 0

    def _time_key(self) -> tuple[dt.date, dt.date, int]:
        return self.last_day, self.first_day, KINDS.index(self.kind)

    def __lt__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._time_key() < other._time_key()

    @property
    def slug(self) -> str:
        """The folder name of the period under ``data/raw/<unit>/`` (see the module's table).

        >>> [parse_period(p).slug for p in ["tháng 1/2024", "quý II/2022", "9 tháng đầu năm 2023",
        ...                                  "tính đến ngày 15/11/2022", "2022-07-01--2023-06-30"]]
        ['2024-M01', '2022-Q2', '2023-9M', '2022-11-15', '2022-07-01--2023-06-30']
        """
        kind, year, number = self.kind, self.year, self.number
        if kind == "month":
            return f"{year}-M{number:02d}"
        if kind == "quarter":
            return f"{year}-Q{number}"
        if kind == "half":
            return f"{year}-H{number}"
        if kind == "first_months":
            return f"{year}-{number}M"
        if kind == "year":
            return str(year)
        if kind == "to_date":
            return self.last_day.isoformat()
        return f"{self.first_day.isoformat()}--{self.last_day.isoformat()}"

    def __str__(self) -> str:
        return self.slug

    def __repr__(self) -> str:
        return f"<Period {self.slug}>"

    # ------------------------------------------------------------ words

    def _params(self, lang: str) -> dict[str, object]:
        """Everything a label may name; each language's message picks what its grammar wants."""
        from babel.dates import format_date

        first, last = self.first_day, self.last_day

        def day_month(day: dt.date) -> str:
            return f"{day.day:02d}/{official_month(day.month)}"

        return {
            "year": self.year, "index": self.number, "roman": _ROMAN_OF.get(self.number, ""), "n": self.months,
            "number": last.month, "month": official_month(last.month),
            "month_name": format_date(last, "LLLL", locale=lang), "month_abbr": format_date(last, "LLL", locale=lang),
            "first_abbr": format_date(first, "LLL", locale=lang),
            "date": official_date(last), "long_date": format_date(last, "d MMMM y", locale=lang),
            "short_date": format_date(last, "d MMM y", locale=lang),
            "first": official_date(first), "last": official_date(last),
            "long_first": format_date(first, "d MMMM y", locale=lang),
            "long_last": format_date(last, "d MMMM y", locale=lang),
            "short_first": format_date(first, "d MMM y", locale=lang),
            "short_last": format_date(last, "d MMM y", locale=lang),
            "day": day_month(last), "long_day": format_date(last, "d MMMM", locale=lang),
            "first_day": day_month(first), "last_day": day_month(last),
            "long_first_day": format_date(first, "d MMMM", locale=lang),
            "long_last_day": format_date(last, "d MMMM", locale=lang),
        }

    def label(self, lang: str = "vi") -> str:
        """The period as a review names it (dates as Nghị định 30/2020/NĐ-CP writes them).

        >>> [parse_period(p).label("vi") for p in ["2022-Q3", "2022-M10", "2024-M01", "2022-11-15"]]
        ['quý III năm 2022', 'tháng 10 năm 2022', 'tháng 01 năm 2024', 'tính đến ngày 15/11/2022']
        >>> [parse_period(p).label("en") for p in ["2022", "2022-M10", "2023-9M", "2022-11-15"]]
        ['2022', 'October 2022', 'first nine months of 2023', 'as of 15 November 2022']
        >>> parse_period("2022-07-01--2023-06-30").label("vi")
        'từ ngày 01/7/2022 đến ngày 30/6/2023'
        """
        if self.kind == "half":
            msgid = _HALF_LABELS[self.number]
        elif self.kind == "first_months":
            msgid = _FIRST_MONTHS_LABELS[self.number]
        else:
            msgid = _LABELS[self.kind]
        return gettext(msgid, lang, **self._params(lang))

    def short_label(self, lang: str = "vi") -> str:
        """A compact label for chart axes.

        >>> parse_period("2021-H1").short_label("vi"), parse_period("2021-H2").short_label("en")
        ('6T đầu 2021', 'H2 2021')
        >>> [parse_period(p).short_label("vi") for p in ["2022-M10", "2023-9M", "2022-11-15"]]
        ['T10/2022', '9T đầu 2023', 'đến 15/11/2022']
        >>> [parse_period(p).short_label("en") for p in ["2022-M10", "2023-9M", "2022-11-15"]]
        ['Oct 2022', 'Jan–Sep 2023', 'to 15 Nov 2022']
        """
        msgid = _SHORT_HALF_LABELS[self.number] if self.kind == "half" else _SHORT_LABELS[self.kind]
        return gettext(msgid, lang, **self._params(lang))

    def series_label(self, lang: str = "vi") -> str:
        """What a history of periods like this one is (:meth:`is_like`), as a chart's caption says it.

        >>> parse_period("2023-9M").series_label("vi"), parse_period("2022-Q3").series_label("en")
        ('9 tháng đầu năm qua các năm', 'quarter by quarter')
        >>> parse_period("2022-11-15").series_label("vi")
        'tính đến ngày 15/11 qua các năm'
        """
        return gettext(_SERIES_LABELS[self.kind], lang, **self._params(lang))

    # ------------------------------------------------------------ other periods

    def shifted(self, years: int) -> Period:
        """The same period ``years`` later (earlier when negative); 29 February becomes 28 February.

        >>> parse_period("2024-02-29").shifted(-1).slug, parse_period("2023-9M").shifted(2).slug
        ('2023-02-28', '2025-9M')
        """
        first, last = _shift_years(self.first_day, years), _shift_years(self.last_day, years)
        if self.kind == "to_date":
            return Period.to_date(last)
        if self.kind == "range":
            return Period.between(first, last)
        # a named kind: its last day is a month's end, also in February of a leap year
        return Period(first, _month_end(last.year, last.month), self.kind)

    def same_period_last_year(self) -> Period:
        """The period a review compares with ("cùng kỳ năm trước").

        >>> [parse_period(p).same_period_last_year().slug for p in ["2022-M10", "2023-9M", "2022-11-15", "2024-02-29"]]
        ['2021-M10', '2022-9M', '2021-11-15', '2023-02-28']
        """
        return self.shifted(-1)

    def next_period(self) -> Period:
        """The period after this one, of the same kind: the next month, quarter, half or year; the same
        first months, day or dates of the next year for the other kinds.

        >>> [parse_period(p).next_period().slug for p in ["2022-M12", "2022-Q4", "2022-H1", "2022", "2023-9M", "2022-11-15"]]
        ['2023-M01', '2023-Q1', '2022-H2', '2023', '2024-9M', '2023-11-15']
        """
        if self.kind in ("month", "quarter", "half"):
            after = self.last_day + dt.timedelta(days=1)
            return Period(after, _month_end(after.year, after.month + self.months - 1), self.kind)
        return self.shifted(1)

    def is_like(self, other: Period) -> bool:
        """True when ``other`` compares like with like with this period in a history.

        Months, quarters, halves and years are like any other of their kind;
        the first N months, a to-date period and a date range are like
        themselves in another year (the first nine months of 2022 and of 2023).

        >>> h1 = parse_period("2022-H1")
        >>> h1.is_like(parse_period("2021-H2")), h1.is_like(parse_period("2022-Q1"))
        (True, False)
        >>> nine = parse_period("2023-9M")
        >>> nine.is_like(parse_period("2022-9M")), nine.is_like(parse_period("2022-10M"))
        (True, False)
        """
        if other.kind != self.kind:
            return False
        return self.kind in _SAME_LENGTH_KINDS or self.shifted(other.year - self.year) == other


# ---------------------------------------------------------------- parsing

_MONTH_WORDS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
_MONTH_NAME = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
_NUMBER_WORDS = {word: n for n, word in enumerate(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"], start=1)}

_DATE_FORMS = [
    re.compile(r"^(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})$"),
    re.compile(r"^(?:ngày )?(?P<d>\d{1,2}) tháng (?P<m>\d{1,2}) năm (?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$"),
    re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?P<name>{_MONTH_NAME}),? (?P<y>\d{{4}})$"),
    re.compile(rf"^(?P<name>{_MONTH_NAME}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})$"),
]


def _date(text: str) -> dt.date | None:
    """A day written day first (``15/11/2022``, ``15-11-2022``, ``ngày 15 tháng 11 năm 2022``,
    ``2022-11-15``, ``15 November 2022``), or ``None``; an impossible day (31/02) is an error."""
    for form in _DATE_FORMS:
        match = form.match(text.strip())
        if match:
            parts = match.groupdict()
            month = _MONTH_WORDS[parts["name"]] if parts.get("name") else int(parts["m"])
            try:
                return dt.date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                return None
    return None


_YEAR = r"(?P<year>\d{4})"
_N = r"(?P<n>\d{1,2})"
# pattern -> how its groups make a period; tried in order on the match key (lower case, NFC).
_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^(?:năm |year )?{_YEAR}$"), "year"),
    (re.compile(rf"^{_YEAR}-?h(?P<n>[12])$"), "half"),
    (re.compile(rf"^{_YEAR}-?q(?P<n>[1-4])$"), "quarter"),
    (re.compile(rf"^{_YEAR}-?m{_N}$"), "month"),
    (re.compile(rf"^{_YEAR}-(?P<n>\d{{2}})$"), "month"),  # ISO 8601 month
    (re.compile(rf"^{_YEAR}-?{_N}m$"), "first_months"),
    (re.compile(rf"^0?6 tháng cuối năm {_YEAR}$"), "second_half"),
    (re.compile(rf"^{_N} tháng (?:đầu )?năm {_YEAR}$"), "first_months"),
    (re.compile(rf"^tháng {_N}\s*(?:[./-]|năm)\s*{_YEAR}$"), "month"),
    (re.compile(rf"^quý (?P<roman>i{{1,3}}|iv|[1-4])\s*(?:[./-]|năm)\s*{_YEAR}$"), "quarter"),
    (re.compile(rf"^(?:first half|h1) (?:of )?{_YEAR}$"), "first_half"),
    (re.compile(rf"^(?:second half|h2) (?:of )?{_YEAR}$"), "second_half"),
    (re.compile(rf"^(?:q(?P<n>[1-4])|quarter (?P<q>[1-4])) (?:of )?{_YEAR}$"), "quarter"),
    (re.compile(rf"^(?P<name>{_MONTH_NAME}) (?:of )?{_YEAR}$"), "month"),
    (re.compile(rf"^(?:the )?first (?P<n>\d{{1,2}}|{'|'.join(_NUMBER_WORDS)}) months? (?:of )?{_YEAR}$"),
     "first_months"),
    (re.compile(r"^(?P<a>\d{4}-\d{2}-\d{2})\s*(?:--|/)\s*(?P<b>\d{4}-\d{2}-\d{2})$"), "range"),
    (re.compile(r"^(?:từ |from )(?:ngày )?(?P<a>.+?) (?:đến|tới|to|until) (?:hết )?(?:ngày )?(?P<b>.+)$"), "range"),
    (re.compile(r"^(?P<b>\d{4}-\d{2}-\d{2})$"), "to_date"),
    (re.compile(r"^(?:(?:số liệu )?(?:tính|lũy kế)(?: tính)? )?(?:đến|tới) (?:hết )?(?:ngày )?(?P<b>.+)$"), "to_date"),
    (re.compile(r"^(?:as (?:of|at)|up to|until) (?P<b>.+)$"), "to_date"),
]


def _period_of(form: str, parts: dict[str, str | None]) -> Period | None:
    year = int(parts["year"]) if parts.get("year") else 0
    number = parts.get("n") or parts.get("q")
    if form == "year":
        return Period.calendar_year(year)
    if form == "first_half":
        return Period.half(year, 1)
    if form == "second_half":
        return Period.half(year, 2)
    if form == "half":
        return Period.half(year, int(number or 0))
    if form == "quarter":
        roman = parts.get("roman")
        return Period.quarter(year, _ROMAN.get(roman or "") or int(roman or number or 0))
    if form == "month":
        month = _MONTH_WORDS[parts["name"]] if parts.get("name") else int(number or 0)
        return Period.month(year, month) if 1 <= month <= 12 else None
    if form == "first_months":
        months = _NUMBER_WORDS.get(number or "") or int(number or 0)
        return Period.first_months(year, months) if 1 <= months <= 12 else None
    last = _date(parts["b"] or "")
    if form == "to_date":
        return Period.to_date(last) if last else None
    first = _date(parts["a"] or "")
    return Period.between(first, last) if first and last else None


def parse_period(text: str) -> Period:
    """The period a folder slug or a review's phrase names (see the module's docstring for the forms).

    >>> parse_period("quý I.2022"), parse_period("năm 2022").slug
    (<Period 2022-Q1>, '2022')
    >>> [parse_period(p).slug for p in ["tháng 10/2022", "3 tháng đầu năm 2022", "2022-6M", "2022-01-01--2022-06-30"]]
    ['2022-M10', '2022-Q1', '2022-H1', '2022-H1']
    >>> parse_period("2022-H3")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một kỳ như '2022-H1', '2022-Q3', '2022', '2022-M10', '2023-9M', ... nhưng gặp '2022-H3'.
    """
    key = match_key(str(text)).strip(" .")
    for pattern, form in _FORMS:
        match = pattern.match(key)
        if match:
            try:
                period = _period_of(form, match.groupdict())
            except InputValueError as err:  # dates in the wrong order: say so of the text as typed
                raise InputValueError(text, err.expected) from None
            if period is not None:
                return period
    raise InputValueError(text, Message("expected.period"))


def period_time(period: Period) -> float:
    """A period as a point in time (years), at its end: 2022-H1 → 2022.5, 2022 → 2023.0.

    The end of the last day; within a month, days count as equal parts of it.

    >>> period_time(parse_period("2022-H1")), period_time(parse_period("2022-Q4")), period_time(parse_period("2023-9M"))
    (2022.5, 2023.0, 2023.75)
    >>> round(period_time(parse_period("2022-11-15")), 4)
    2022.875
    """
    end = period.last_day + dt.timedelta(days=1)
    days = calendar.monthrange(end.year, end.month)[1]
    return end.year + (end.month - 1) / 12 + (end.day - 1) / (12 * days)
