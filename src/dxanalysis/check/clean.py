"""Turn a raw indicator table into tidy observations and findings.

Each row becomes one observation (unit × period × indicator) with numbers as
numbers, or one or more findings that say why it could not. Nothing is
dropped silently: a row with an error is kept out of the observations and
named in the findings (see :func:`dxanalysis.findings.unused_rows`).

Indicator names are matched to the catalog exactly (after Vietnamese
normalisation and list numbering), loosely (typed without accents or
spaces: an *info* finding) or by similarity above
:data:`~dxanalysis.catalog.SIMILARITY_THRESHOLD` when no other indicator is
as close (a *warning* naming the indicator it was taken for); anything else
is an ``unknown_indicator`` error listing the closest indicators.

Parts and totals: a row may name, in an optional ``Thuộc tổng``/``part_of``
column, the code or name of the total it is a part of. Parts may be catalog
indicators or breakdown rows the catalog does not know (``- Cấp xã``); the
sum of the parts' counts (their values, or their numerators when they are
rates) must match the total's count or numerator, or a
``parts_total_mismatch`` warning is raised. Rates are never added.

Examples
--------
>>> import pandas as pd
>>> from dxanalysis.read.catalog import load_catalog
>>> from dxanalysis.read.indicators import RawTable
>>> raw = RawTable("indicators.csv", pd.DataFrame({
...     "indicator": ["Tỷ lệ hồ sơ TTHC xử lý trực tuyến", "Tỷ lệ trường STEM"],
...     "numerator": ["9.475", "11"], "denominator": ["15.684", "34"],
...     "value": ["60,41%", "32,35%"], "target": ["50%", "15%"], "_row": [2, 3]}),
...     header={"indicator": "Chỉ tiêu", "numerator": "Tử số", "denominator": "Mẫu số",
...             "value": "Giá trị", "target": "Chỉ tiêu giao"})
>>> obs, findings = clean_indicators(raw, load_catalog(), unit="hong-ngu", period="2022-H1")
>>> obs[["indicator", "value", "target"]].round(2).to_dict("records")
[{'indicator': 'gov.online_dossier_rate', 'value': 60.41, 'target': 50.0}]
>>> [(f.code, f.row, f.value) for f in findings]
[('unknown_indicator', 3, 'Tỷ lệ trường STEM')]
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dxanalysis.check.observation import new_observation, observation_frame
from dxanalysis.target_forms import TargetForm, parse_assessment, parse_rank_target, parse_target
from dxanalysis.read.catalog import PILLARS, RATE_KINDS, Catalog, Indicator, parse_pillar, pillar_label
from dxanalysis.exceptions import InputValueError
from dxanalysis.figures import missing
from dxanalysis.findings import Finding
from dxanalysis.i18n import Message
from dxanalysis.read.indicators import RawTable
from dxanalysis.numerals import (Quantity, Rank, format_number, is_no_data, parse_number, parse_quantity,
                                 parse_rank, parse_ratio)
from dxanalysis.periods import Period, parse_period
from dxanalysis.vntext import match_key, strip_enumeration

# What each column should hold, for the findings' messages: a Vietnamese analyst reads what the
# column wants (``expected``), an English reader the parser's own words (``detail``).
_EXPECTED = {
    "numerator": Message("expected.numerator"), "denominator": Message("expected.denominator"),
    "value": Message("expected.value"), "count": Message("expected.count"), "target": Message("expected.target_form"),
    "assessment": Message("expected.assessment"),
}
# ... and for a rank ("thứ 12/63"), whose value and target read differently
_EXPECTED_RANK = {"value": Message("expected.rank"), "count": Message("expected.rank"),
                  "numerator": Message("expected.rank"), "target": Message("expected.rank_target")}
_DATE_TYPED = re.compile(r"^\d{2}/\d{2}/\d{4}$")
# Period phrases in title lines; a date line ("ngày 09 tháng 8 năm 2022") names no period.
_DATE_PHRASE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}")
_TITLE_PERIODS = [
    re.compile(r"(?:tính |lũy kế |luỹ kế )?đến ngày \d{1,2}[/.-]\d{1,2}[/.-]\d{4}"),  # before dates are set aside
    re.compile(r"\d{1,2} tháng (?:đầu |cuối )?năm \d{4}"),
    re.compile(r"tháng \d{1,2}(?:/| năm )\d{4}"),
    re.compile(r"quý (?:i{1,3}|iv|[1-4])\s*(?:[./-]|năm)?\s*\d{4}"),
    re.compile(r"\b\d{4}-?[hq]\d\b"),
    re.compile(r"năm \d{4}"),
]


class _RowProblems:
    """Collects the findings of one raw row, located in the file."""

    def __init__(self, raw: RawTable, record: dict, indicator: str | None) -> None:
        self.raw, self.row, self.indicator = raw, record["_row"], indicator
        self.sheet = record.get("_sheet") or raw.sheet
        self.findings: list[Finding] = []

    def add(self, severity: str, code: str, column: str | None, value: object = None, **params: object) -> None:
        self.findings.append(Finding(
            severity, code, path=self.raw.path, sheet=self.sheet, row=self.row,  # type: ignore[arg-type]
            column=self.raw.header_text(column, self.sheet) if column else None,
            value=value, indicator=self.indicator, params=params,
        ))

    def unparseable(self, column: str, err: InputValueError, kind: str = "") -> None:
        hint: object = Message("hint.number_format")
        detail_hint: object = err.hint or ""
        if isinstance(err.value, str) and _DATE_TYPED.match(err.value):
            hint = detail_hint = Message("hint.excel_date")
        expected = _EXPECTED.get(column, err.expected)
        if kind == "rank":
            expected = _EXPECTED_RANK.get(column, expected)
            hint = detail_hint = err.hint or Message("hint.rank_format")
        self.add("error", "unparseable", column, err.value, expected=expected,
                 detail=err.expected, hint=hint, detail_hint=detail_hint)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def _text(record: dict, column: str) -> str:
    """A cell as typed, or "" when it is empty or a no-data mark (-, –, x)."""
    value = record.get(column, "")
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    return "" if is_no_data(text) else text


# "16 hộ, 7 hộ…", "52/74;...": a list the source cut short. The figure is read without the mark;
# the mark is kept as a remark shown with the figure, never dropped.
_TRAILING_MARK = re.compile(r"\s*[,;]?\s*(?:\.{3,}|…)+\s*$")


def _figure_text(record: dict, column: str, remarks: list[str]) -> str:
    """A figure cell as typed, without a trailing ``...`` (remembered in ``remarks``)."""
    text = _text(record, column)
    cut = _TRAILING_MARK.sub("", text)
    if cut != text and cut:
        remarks.append("trailing_mark")
        return cut
    return text


def _parse(problems: _RowProblems, column: str, text: str, parser: Callable[[str, str], Any], lang: str,
           kind: str = "") -> Any:
    if not text:
        return None
    try:
        return parser(text, lang)
    except InputValueError as err:
        problems.unparseable(column, err, kind)
        return None


@dataclass(frozen=True)
class _Figures:
    """The parsed figures of one row."""

    numerator: float | None
    denominator: float | None
    value: Quantity | None
    target: Quantity | None
    value_text: str
    remarks: tuple[str, ...] = ()  # what the page says with the figure (REMARKS in write.sections)
    target_form: TargetForm | None = None


# what a review says before a scorecard's counts: "đạt và vượt 20/25", "đạt, vượt 20/25", "hoàn thành 20/25"
_SCORECARD_WORDS = re.compile(r"^\s*(?:đạt\s*(?:và|,|/)?\s*vượt|hoàn thành|đạt)\s*:?\s*", re.IGNORECASE)


def _parse_figures(record: dict, kind: str, lang: str, problems: _RowProblems, part: bool = False) -> _Figures | None:
    """Numerator, denominator, value and target of a row, checked against each other.

    A count with a stated rate and no denominator (``12.345`` hồ sơ, ``58,12%``)
    is taken as stated, with the remark that the denominator was not given. A
    count typed as a fraction (``12/63``) is read as a rate with a warning,
    unless the row is a ``part`` of a total, typed as its share (``12/30``).
    """
    if kind == "rank":
        return _parse_rank_figures(record, lang, problems)
    remarks: list[str] = []
    numerator = _parse(problems, "numerator", _figure_text(record, "numerator", remarks), parse_number, lang)
    denominator = _parse(problems, "denominator", _figure_text(record, "denominator", remarks), parse_number, lang)
    value_text = _figure_text(record, "value", remarks)
    if kind == "scorecard":  # "đạt và vượt 20/25 chỉ tiêu", as the review words it: the counts are the figure
        value_text = _SCORECARD_WORDS.sub("", value_text)
    value: Quantity | None = None
    if "/" in value_text:  # "9.475/15.684": the counts, in the value column or beside their own columns
        typed = _parse(problems, "value", value_text, parse_ratio, lang)
        if typed is not None and numerator is None and denominator is None:
            numerator, denominator = typed
            if kind == "count" and not part:  # "12/63" of a count: a rank, or a rate?
                problems.add("warning", "count_as_fraction", "value", value_text)
        elif typed is not None and (numerator, denominator) != typed:
            problems.add("error", "fraction_mismatch", "value", value_text,
                         numerator=_text(record, "numerator"), denominator=_text(record, "denominator"))
    elif value_text:
        value = _parse(problems, "value", value_text, parse_quantity, lang)
    count = _parse(problems, "count", _figure_text(record, "count", remarks), parse_quantity, lang)
    if count is not None:
        # "Số lượng" is the value of a count, and the numerator of a rate: with its denominator,
        # or beside the rate the source states for it ("12.345 hồ sơ, đạt 58,12%").
        if kind not in RATE_KINDS and value is None:
            value, value_text = count, _figure_text(record, "count", [])
        elif kind in RATE_KINDS and numerator is None and count.exact and (denominator is not None or value is not None):
            numerator = count.value
    target_form: TargetForm | None = _parse(problems, "target", _text(record, "target"), parse_target, lang)
    target = target_form.quantity if target_form is not None else None
    if kind == "scorecard":
        _check_scorecard(record, numerator, denominator, value, target, problems)

    stated_rate = kind in RATE_KINDS and value is not None  # a rate's value is a percentage, with or without "%"
    if numerator is not None and denominator is None and stated_rate:
        remarks.append("no_denominator")  # as the press gives it: a count and its rate, the whole unstated
    elif (numerator is None) != (denominator is None) and not problems.has_errors:
        missing = "denominator" if denominator is None else "numerator"
        problems.add("error", "unparseable", missing, "", expected=Message("expected.both_counts"),
                     detail=Message("expected.both_counts"), hint=Message("hint.fill_both"),
                     detail_hint=Message("hint.fill_both"))
    _impossible_values(record, kind, numerator, denominator, value, target, problems)
    rate = None
    if numerator is not None and denominator is not None and not problems.has_errors:
        if denominator == 0:
            problems.add("error", "zero_denominator", "denominator", record.get("denominator"))
        elif numerator > denominator and kind in RATE_KINDS:
            problems.add("error", "numerator_above_denominator", "numerator", record.get("numerator"),
                         numerator=record.get("numerator"), denominator=record.get("denominator"))
        else:
            rate = numerator / denominator * 100
    if value is not None and kind in RATE_KINDS and value.value > 100 + 1e-9:
        problems.add("error", "ratio_above_100", "value", value_text)
    if rate is not None and value is not None and value.exact and abs(value.value - rate) > value.rounding + 1e-9:
        problems.add("warning", "percent_mismatch", "value", value_text,
                     stated=value_text, computed=f"{rate:.4g}%")
    if problems.has_errors:
        return None
    if rate is not None:  # counts decide the rate; a typed rate is only a check
        value = Quantity(rate, True, None, 10)
    return _Figures(numerator, denominator, value, target, value_text, tuple(dict.fromkeys(remarks)), target_form)


def _check_scorecard(record: dict, numerator: float | None, denominator: float | None, value: Quantity | None,
                     target: Quantity | None, problems: _RowProblems) -> None:
    """A scorecard is its counts, "20/25 chỉ tiêu": without the number of the plan's targets it cannot be
    read (never as a percentage); its target is a share of them ("100%"), a bare number being ambiguous.
    A row with no figure at all is a period not yet filled in (no data), not a problem here."""
    typed = numerator is not None or denominator is not None or value is not None
    if typed and (numerator is None or denominator is None):
        missing = "numerator" if numerator is None else "denominator"
        problems.add("error", "unparseable", missing, _text(record, missing) or _text(record, "value"),
                     expected=Message("expected.scorecard_counts"), detail=Message("expected.scorecard_counts"),
                     hint=Message("hint.scorecard_counts"), detail_hint=Message("hint.scorecard_counts"))
    if target is not None and not target.percent:
        problems.add("error", "unparseable", "target", _text(record, "target"),
                     expected=Message("expected.scorecard_target"), detail=Message("expected.scorecard_target"),
                     hint=Message("hint.scorecard_target"), detail_hint=Message("hint.scorecard_target"))


def _parse_rank_figures(record: dict, lang: str, problems: _RowProblems) -> _Figures | None:
    """A rank's place and the number ranked (``thứ 12/63``), and its target (``thứ 30 trở lên``, ``tăng 5 hạng``).

    The place is the value; the number ranked, when given, the denominator;
    there is no numerator and no percentage. The place may be typed in the
    value (or count) column, or as ``Tử số``/``Mẫu số`` (place, number ranked);
    typed in both, they must agree.
    """
    remarks: list[str] = []
    column = "value" if _text(record, "value") or not _text(record, "count") else "count"
    value_text = _figure_text(record, column, remarks)
    typed = _parse(problems, column, value_text, parse_rank, lang, "rank")
    numerator_text = _figure_text(record, "numerator", remarks)
    denominator_text = _figure_text(record, "denominator", remarks)
    counted = None
    if numerator_text:  # Tử số = the place, Mẫu số = the number ranked
        both = f"{numerator_text}/{denominator_text}" if denominator_text else numerator_text
        counted = _parse(problems, "numerator", both, parse_rank, lang, "rank")
    elif denominator_text:
        field = _parse(problems, "denominator", denominator_text, parse_number, lang)
        if field is not None and (field < 1 or not float(field).is_integer()):
            problems.add("error", "unparseable", "denominator", denominator_text, expected=Message("expected.rank_field"),
                         detail=Message("expected.rank_field"), hint=Message("hint.rank_position"),
                         detail_hint=Message("hint.rank_position"))
        elif field is not None:
            counted = Rank(typed.position if typed else 0, int(field))
    position = typed.position if typed else (counted.position if counted and counted.position else None)
    field = (typed.field if typed else None) or (counted.field if counted else None)
    if typed and counted and ((counted.position and counted.position != typed.position)
                              or None not in (counted.field, typed.field) and counted.field != typed.field):
        problems.add("error", "rank_disagrees", column, value_text,
                     counts="/".join(t for t in (numerator_text, denominator_text) if t))
    elif position is not None and field is not None and position > field:
        problems.add("error", "unparseable", column if typed else "numerator", value_text or numerator_text,
                     expected=Message("expected.rank"), detail=Message("expected.rank"),
                     hint=Message("hint.rank_position"), detail_hint=Message("hint.rank_position"))
    target_form: TargetForm | None = _parse(problems, "target", _text(record, "target"), parse_rank_target, lang,
                                            "rank")
    if problems.has_errors:
        return None
    value = Quantity(float(position), False, None, 0) if position is not None else None
    return _Figures(None, float(field) if field is not None else None, value,
                    target_form.quantity if target_form is not None else None,
                    value_text or numerator_text, tuple(dict.fromkeys(remarks)), target_form)


_FIGURE_WORDS = {"numerator": Message("word.numerator"), "denominator": Message("word.denominator"),
                 "value": Message("word.value"), "count": Message("word.count")}
_KIND_WORDS = {"ratio": Message("word.rate"), "scorecard": Message("word.rate"), "count": Message("word.count")}


def _impossible_values(record: dict, kind: str, numerator: float | None, denominator: float | None,
                       value: Quantity | None, target: Quantity | None, problems: _RowProblems) -> None:
    """Errors for figures no count or rate can have: too large to be a number, below zero, or a rate's
    target above 100%."""
    value_column = "value" if _text(record, "value") else "count"
    figures = (("numerator", numerator), ("denominator", denominator),
               (value_column, value.value if value is not None else None),
               ("target", target.value if target is not None else None))
    for column, number in figures:
        if number is not None and not math.isfinite(number):  # 400 nines overflow to infinity
            problems.add("error", "number_too_large", column, _text(record, column))
    if problems.has_errors or kind not in _KIND_WORDS:
        return  # flags and texts have no range
    for column, number in figures[:3]:
        if number is not None and number < 0:
            problems.add("error", "negative_value", column, _text(record, column) or record.get("value"),
                         what=_FIGURE_WORDS[column])
    if target is not None:
        high = 100 if kind in RATE_KINDS else math.inf
        if target.value < 0 or target.value > high + 1e-9:
            problems.add("error", "target_out_of_range", "target", _text(record, "target"),
                         low="0%" if kind in RATE_KINDS else "0", high="100%" if kind in RATE_KINDS else "∞",
                         kind=_KIND_WORDS[kind])


def _pillar(record: dict, indicator: Indicator, problems: _RowProblems) -> str:
    """The typed pillar cell, else the section heading above the row, else the catalog's."""
    typed = _text(record, "pillar")
    if typed:
        pillar = parse_pillar(typed)
        if pillar is None:
            problems.add("error", "unknown_pillar", "pillar", typed,
                         choices=", ".join(pillar_label(code, "vi") for code in PILLARS))
        return pillar or indicator.pillar
    return record.get("section_pillar") or indicator.pillar


def _clean_row(record: dict, raw: RawTable, indicator: Indicator, lang: str, problems: _RowProblems,
               part_of: str) -> dict | None:
    pillar = _pillar(record, indicator, problems)
    figures = _parse_figures(record, indicator.kind, lang, problems, part=bool(part_of))
    if figures is None or problems.has_errors:
        return None
    value = figures.value
    if value is None:
        problems.add("warning", "no_value", "value", figures.value_text)
    if indicator.kind in RATE_KINDS and value is not None and not value.percent:
        value = Quantity(value.value, True, value.qualifier, value.decimals)
    target = figures.target
    form = figures.target_form
    assessment_typed = _text(record, "assessment")
    assessment = _parse(problems, "assessment", assessment_typed, lambda text, _: parse_assessment(text), lang)
    if problems.has_errors:
        return None
    return {
        "indicator": indicator.code, "pillar": pillar, "kind": indicator.kind, "better": indicator.better,
        "name_vi": indicator.name_vi, "name_en": indicator.name_en, "name_typed": record["indicator"],
        "count_unit": record.get("count_unit") or indicator.unit_vi, "count_unit_en": indicator.unit_en,
        "numerator": figures.numerator, "denominator": figures.denominator,
        "value": value.value if value else math.nan,
        "value_qualifier": (value.qualifier or "") if value else "",
        "value_percent": bool(value.percent) if value else indicator.kind in RATE_KINDS,
        "value_decimals": value.decimals if value else 0,
        "value_text": figures.value_text,
        "target": target.value if target else math.nan,
        "target_qualifier": (target.qualifier or "") if target else "",
        "target_percent": bool(target.percent) if target else False,
        "target_decimals": target.decimals if target else 0,
        # "chưa giao" says there is no target: the page says so in its own words, not as typed
        "target_text": "" if form is not None and form.kind == "none" else _text(record, "target"),
        "target_kind": form.kind if form is not None and form.kind in ("reference", "children", "rank_gain") else "",
        "target_level": form.level if form is not None else "",
        "assessment": assessment or "", "assessment_text": assessment_typed,
        "note": record.get("note", ""), "remarks": "|".join(figures.remarks), "source": record.get("source", ""),
        "digits": _typed_widths(record),
        "rate_shown": _rate_stated(figures), "plan": _text(record, "plan"),
        "path": raw.path, "row": record["_row"],
        "sheet": record.get("_sheet") or "", "part_of": part_of,
    }


def _rate_stated(figures: _Figures) -> bool:
    """Whether the source gave the rate of its counts (``9.475``, ``15.684`` and ``60,41%``), or had no
    counts to give one of; a rate it did not state is not printed unless the analyst asks for it.

    >>> _rate_stated(_Figures(10.0, 21.0, Quantity(47.6, True, None, 10), None, "")), \\
    ...     _rate_stated(_Figures(10.0, 21.0, Quantity(47.6, True, None, 10), None, "47,6%"))
    (False, True)
    >>> _rate_stated(_Figures(10.0, 21.0, Quantity(47.6, True, None, 10), None, "10/21"))
    False
    """
    counted = figures.numerator is not None and figures.denominator is not None
    return not counted or bool(figures.value_text and "/" not in figures.value_text)


_ZERO_PADDED = re.compile(r"^\s*(0\d+)(?!\d|[.,]\d)")


def _typed_widths(record: dict) -> str:
    """How many digits the source wrote each small count with, when it padded it with zeros
    ("07 hộ", "05/33"): ``"numerator:denominator:value"``, ``""`` when none was padded.

    >>> _typed_widths({"value": "05/33"}), _typed_widths({"value": "07 hộ"}), _typed_widths({"value": "60,41%"})
    ('2:0:0', '0:0:2', '')
    """
    def width(text: str) -> int:
        match = _ZERO_PADDED.match(text)
        return len(match.group(1)) if match else 0

    value = _text(record, "value") or _text(record, "count")
    if "/" in value:
        numerator_text, _, denominator_text = value.partition("/")
        widths = [width(numerator_text), width(denominator_text), 0]
    else:
        widths = [width(_text(record, "numerator")), width(_text(record, "denominator")), width(value)]
    return ":".join(map(str, widths)) if any(widths) else ""


def _has_figures(record: dict) -> bool:
    return any(_text(record, c) for c in ("numerator", "denominator", "value", "count", "target"))


def _match_indicator(record: dict, catalog: Catalog, problems: _RowProblems) -> str | None:
    """The catalog code of the row's indicator; findings say how it was matched, or why not."""
    typed = _text(record, "indicator")
    if not typed:
        problems.add("error", "blank_indicator", "indicator", record.get("indicator", ""))
        return None
    match = catalog.match(typed)
    problems.indicator = match.code
    if match.code is not None and match.how != "exact":
        name = catalog[match.code].name_vi
        problems.add("warning" if match.how == "similar" else "info", "indicator_near_match", "indicator", typed,
                     matched=match.code, name=name, score=f"{match.score:.0%}")
    elif match.code is None:
        candidates = catalog.describe_codes(match.candidates)
        if not _has_figures(record):
            problems.add("warning", "not_an_indicator_row", "indicator", typed, candidates=candidates)
        else:
            problems.add("error", "unknown_indicator", "indicator", typed, candidates=candidates)
    return match.code


def _row_period_problem(record: dict, period: Period | None, problems: _RowProblems) -> None:
    typed = _text(record, "period")
    if not typed or period is None:
        return
    try:
        found = parse_period(typed)
    except InputValueError:
        problems.add("error", "unknown_period", "period", typed)
        return
    if not _same_days(found, period):
        problems.add("error", "period_mismatch", "period", typed, period=period.slug, found=found.slug)


def _same_days(found: Period, period: Period) -> bool:
    # "tính đến ngày 30/9/2023" in a 2023-9M folder covers the same days: the same period for its figures
    return (found.first_day, found.last_day) == (period.first_day, period.last_day)


def _title_period_findings(raw: RawTable, period: Period | None) -> list[Finding]:
    """A warning when a title line above the table names another period than the folder's."""
    if period is None:
        return []
    findings = []
    for sheet, row, line in raw.preamble:
        key = match_key(line)
        for number, pattern in enumerate(_TITLE_PERIODS):
            # a date line ("ngày 09 tháng 8 năm 2022") names no period, a "đến ngày" phrase does
            phrase = pattern.search(key if number == 0 else _DATE_PHRASE.sub(" ", key))
            if not phrase:
                continue
            try:
                found = parse_period(phrase.group(0))
            except InputValueError:
                break
            # A title naming the year ("năm 2022") fits each half and quarter of it.
            fits = _same_days(found, period) or (found.kind == "year" and found.year == period.year)
            if not fits:
                findings.append(Finding("warning", "period_mismatch", path=raw.path, sheet=sheet, row=row,
                                        value=phrase.group(0), params={"period": period.slug, "found": found.slug}))
            break
    return findings


@dataclass
class _Part:
    """A row declared as a part of a total, kept for the sum check."""

    row: int
    figures: _Figures


def _part_count(figures: _Figures) -> float | None:
    """What a part adds to its total: its numerator when it gives one (``12/30``), its value when it is a
    count; ``None`` when it gives only a rate or a bound, which no sum may add."""
    if figures.numerator is not None:
        return figures.numerator
    value = figures.value
    if value is None or value.percent or not value.exact:
        return None
    return value.value


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _mismatch(total: dict, raw: RawTable, code: str, column: str, what: Message, stated: float, found: float,
              members: list[_Part], counted: bool = True) -> Finding:
    # Parts short of their total may leave some out (the total is all dossiers; the rows, two channels);
    # counted parts beyond it cannot be: the page would print a whole smaller than its parts.
    beyond = counted and found > stated and not _close(found, stated)
    return Finding("error" if beyond else "warning", "parts_exceed_total" if beyond else "parts_total_mismatch",
                   path=raw.path, sheet=total["sheet"] or raw.sheet,
                   row=total["row"], column=raw.header_text(column, total["sheet"] or None),
                   value=format_number(stated, "vi", 4), indicator=code,
                   params={"what": what, "stated": format_number(stated, "vi", 4),
                           "parts_sum": format_number(found, "vi", 4),
                           "rows": ", ".join(str(p.row) for p in members)})


def _parts_findings(observations: list[dict], parts: dict[str, list[_Part]], raw: RawTable,
                    catalog: Catalog) -> list[Finding]:
    """Compare each declared total with its parts, counts with counts: numerators are added, never rates.

    A rate's total (``25/60``) takes the sum of its parts' numerators; its
    denominator is either the sum of theirs (parts of the population) or the
    same as each of theirs (parts of one whole, ``12/30``, ``13/30``, ``05/30``).
    A count's total takes the sum of its parts' counts, or of their numerators.
    Parts that give only a rate cannot be added, and are not checked.
    """
    findings = []
    by_code = {o["indicator"]: o for o in observations}
    for total_code, members in parts.items():
        total = by_code.get(total_code)
        if total is None:
            continue  # the total was not typed or not usable; its own findings say why
        counts = [_part_count(p.figures) for p in members]
        if any(c is None for c in counts):
            continue
        if catalog[total_code].kind in RATE_KINDS:
            numerator, denominator = total["numerator"], total["denominator"]
            if missing(numerator):
                continue  # a rate typed without its counts: nothing to add the parts to
            if not _close(sum(counts), numerator):
                findings.append(_mismatch(total, raw, total_code, "numerator", Message("what.numerators"),
                                          numerator, sum(counts), members))
            denominators = [p.figures.denominator for p in members]
            if missing(denominator):
                continue  # the total's count was given with its rate, not its whole: no whole to compare with
            if all(d is not None for d in denominators) and not _close(sum(denominators), denominator) \
                    and not all(_close(d, denominator) for d in denominators):
                findings.append(_mismatch(total, raw, total_code, "denominator", Message("what.denominators"),
                                          denominator, sum(denominators), members, counted=False))
        elif not math.isnan(total["value"]) and not total["value_qualifier"] and not total["value_percent"]:
            if not _close(sum(counts), total["value"]):
                column = "value" if "value" in raw.header else "count"
                findings.append(_mismatch(total, raw, total_code, column, Message("what.values"),
                                          total["value"], sum(counts), members))
    return findings


def _carry_plans(rows: list[dict]) -> None:
    """Give each scorecard the number of its plan's targets, and each of its parts (``Thuộc tổng``) its
    plan: "25 chỉ tiêu vượt" counts within that plan, and is compared only within it."""
    scorecards = {row["indicator"]: row for row in rows if row["kind"] == "scorecard"}
    for row in scorecards.values():
        row["plan_size"] = row["denominator"]
    for row in rows:
        total = scorecards.get(row["part_of"])
        if total is not None:
            row["plan_size"] = total["plan_size"]
            row["plan"] = row["plan"] or total["plan"]


def clean_indicators(
    raw: RawTable, catalog: Catalog, *, unit: str, period: str, lang: str = "vi"
) -> tuple[pd.DataFrame, list[Finding]]:
    """Parse, match and check every row of ``raw``; return observations and findings.

    ``lang`` is the number format of the file (``"vi"``: ``9.475``, ``60,41%``).
    The input table is not modified.
    """
    findings = list(raw.findings)
    try:
        folder_period: Period | None = parse_period(period)
    except InputValueError:
        folder_period = None  # the caller named the period; checking it is the caller's job
    findings.extend(_title_period_findings(raw, folder_period))
    unusable = {(f.sheet or None) for f in findings if f.code in ("missing_column", "duplicate_column")}
    rows: list[dict] = []
    parts: dict[str, list[_Part]] = {}
    part_notes: dict[str, list[str]] = {}  # total's code -> "<part>: <note>" of its breakdown rows
    first_row_of: dict[str, int] = {}
    for record in raw.frame.to_dict("records"):
        if (record.get("_sheet") or raw.sheet or None) in unusable:
            continue  # the table's header finding already says that none of its rows was read
        problems = _RowProblems(raw, record, None)
        _row_period_problem(record, folder_period, problems)
        part_typed = _text(record, "part_of")
        part_of = ""
        if part_typed:
            part_of = catalog.match(part_typed).code or ""
            if not part_of:
                problems.add("warning", "unknown_part_of", "part_of", part_typed,
                             candidates=catalog.describe_codes(catalog.match(part_typed).candidates))
        typed = _text(record, "indicator")
        if part_of and typed and catalog.match(typed).code is None:
            # A breakdown row ("- Cấp xã") the catalog does not know: its figures only check the total.
            figures = _parse_figures(record, catalog[part_of].kind, lang, problems, part=True)
            if figures is not None and not problems.has_errors:
                parts.setdefault(part_of, []).append(_Part(record["_row"], figures))
            if _text(record, "note"):  # the part is not on the page: its note goes with its total
                part_notes.setdefault(part_of, []).append(f"{strip_enumeration(typed)}: {_text(record, 'note')}")
            findings.extend(problems.findings)
            continue
        code = _match_indicator(record, catalog, problems)
        if code is None:
            pass
        elif code in first_row_of:
            problems.add("error", "duplicate_indicator", "indicator", typed, first_row=first_row_of[code])
        else:
            first_row_of[code] = record["_row"]
            cleaned = _clean_row(record, raw, catalog[code], lang, problems, part_of)
            if cleaned is not None and not problems.has_errors:
                rows.append(new_observation(unit=unit, period=period, **cleaned))
                if part_of:
                    parts.setdefault(part_of, []).append(_Part(record["_row"], _Figures(
                        cleaned["numerator"], cleaned["denominator"],
                        Quantity(cleaned["value"], cleaned["value_percent"], cleaned["value_qualifier"] or None)
                        if not math.isnan(cleaned["value"]) else None, None, cleaned["value_text"])))
        findings.extend(problems.findings)
    findings.extend(_parts_findings(rows, parts, raw, catalog))
    _carry_plans(rows)
    for row in rows:
        if row["indicator"] in part_notes:
            row["note"] = "; ".join([row["note"], *part_notes[row["indicator"]]] if row["note"]
                                    else part_notes[row["indicator"]])
    return observation_frame(rows), findings
