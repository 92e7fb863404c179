"""Turn a raw indicator table into tidy observations and findings.

Each row becomes one observation (unit × period × indicator) with numbers as
numbers, or one or more findings that say why it could not. Nothing is
dropped silently: a row with an error is kept out of the observations and
named in the findings.

Examples
--------
>>> import pandas as pd
>>> from dxanalysis.catalog import load_catalog
>>> from dxanalysis.ingest import RawTable
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

import pandas as pd

from dxanalysis.catalog import PILLARS, Catalog, parse_pillar
from dxanalysis.exceptions import InputValueError
from dxanalysis.findings import Finding
from dxanalysis.ingest import RawTable
from dxanalysis.numerals import Quantity, parse_number, parse_quantity, parse_ratio

OBSERVATION_COLUMNS = [
    "unit", "period", "indicator", "pillar", "kind", "better", "name_vi", "name_en", "name_typed",
    "count_unit", "count_unit_en", "numerator", "denominator", "value", "value_qualifier", "value_percent",
    "value_decimals", "value_text", "target", "target_qualifier", "target_percent",
    "target_decimals", "target_text", "note", "source", "path", "row",
]
# What each column should hold, in Vietnamese, for the findings' messages.
_EXPECTED_VI = {
    "numerator": "một số viết kiểu Việt Nam, ví dụ 9.475",
    "denominator": "một số viết kiểu Việt Nam, ví dụ 15.684",
    "value": "một số hoặc tỷ lệ, ví dụ 16, 60,41% hoặc 9.475/15.684",
    "target": "một chỉ tiêu như 50%, ≥80% hoặc từ 55% trở lên",
}
_HINT_VI = "Dấu chấm phân cách hàng nghìn, dấu phẩy phân cách thập phân (9.475; 60,41%)."


class _RowProblems:
    """Collects the findings of one raw row, located in the file."""

    def __init__(self, raw: RawTable, row: int, indicator: str | None) -> None:
        self.raw, self.row, self.indicator = raw, row, indicator
        self.findings: list[Finding] = []

    def add(self, severity: str, code: str, column: str | None, value: object = None, **params: object) -> None:
        self.findings.append(Finding(
            severity, code, path=self.raw.path, sheet=self.raw.sheet, row=self.row,  # type: ignore[arg-type]
            column=self.raw.header.get(column, column) if column else None,
            value=value, indicator=self.indicator, params=params,
        ))

    def unparseable(self, column: str, err: InputValueError) -> None:
        self.add("error", "unparseable", column, err.value, expected=err.expected,
                 expected_vi=_EXPECTED_VI.get(column, err.expected),
                 hint_en=err.hint or "", hint_vi=_HINT_VI)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def _parse(problems: _RowProblems, column: str, text: str, parser, lang: str):  # noqa: ANN001
    if not text:
        return None
    try:
        return parser(text, lang)
    except InputValueError as err:
        problems.unparseable(column, err)
        return None


def _clean_row(record: dict, raw: RawTable, catalog: Catalog, lang: str, problems: _RowProblems) -> dict | None:
    code = problems.indicator
    indicator = catalog[code]  # type: ignore[index]
    pillar = indicator.pillar
    if record.get("pillar"):
        pillar = parse_pillar(record["pillar"]) or pillar
        if parse_pillar(record["pillar"]) is None:
            problems.add("error", "unknown_pillar", "pillar", record["pillar"],
                         choices=", ".join(vi for vi, _ in PILLARS.values()))

    numerator = _parse(problems, "numerator", record.get("numerator", ""), parse_number, lang)
    denominator = _parse(problems, "denominator", record.get("denominator", ""), parse_number, lang)
    value_text = record.get("value", "")
    value: Quantity | None = None
    if "/" in value_text and numerator is None and denominator is None:
        numerator, denominator = _parse(problems, "value", value_text, parse_ratio, lang) or (None, None)
    elif value_text:
        value = _parse(problems, "value", value_text, parse_quantity, lang)
    target: Quantity | None = _parse(problems, "target", record.get("target", ""), parse_quantity, lang)

    if (numerator is None) != (denominator is None) and not problems.has_errors:
        missing = "denominator" if denominator is None else "numerator"
        problems.add("error", "unparseable", missing, "",
                     expected="both a numerator and a denominator",
                     expected_vi="có cả tử số và mẫu số", hint_en="Fill both cells or neither.",
                     hint_vi="Nhập cả hai ô hoặc để trống cả hai.")
    rate = None
    if numerator is not None and denominator is not None:
        if denominator == 0:
            problems.add("error", "zero_denominator", "denominator", record.get("denominator"))
        elif numerator > denominator and indicator.kind == "ratio":
            problems.add("error", "numerator_above_denominator", "numerator", record.get("numerator"),
                         numerator=record.get("numerator"), denominator=record.get("denominator"))
        else:
            rate = numerator / denominator * 100
    if value is not None and indicator.kind == "ratio" and value.value > 100 + 1e-9:
        problems.add("error", "ratio_above_100", "value", value_text)
    if rate is not None and value is not None and value.exact and abs(value.value - rate) > value.rounding + 1e-9:
        problems.add("warning", "percent_mismatch", "value", value_text,
                     stated=value_text, computed=f"{rate:.4g}%")
    if problems.has_errors:
        return None

    if rate is not None:  # counts decide the rate; a typed rate is only a check
        value = Quantity(rate, True, None, 10)
    if value is None:
        problems.add("warning", "no_value", "value", value_text)
    if indicator.kind == "ratio" and value is not None and not value.percent:
        value = Quantity(value.value, True, value.qualifier, value.decimals)
    return {
        "indicator": code, "pillar": pillar, "kind": indicator.kind, "better": indicator.better,
        "name_vi": indicator.name_vi, "name_en": indicator.name_en, "name_typed": record["indicator"],
        "count_unit": record.get("count_unit") or indicator.unit_vi, "count_unit_en": indicator.unit_en,
        "numerator": numerator, "denominator": denominator,
        "value": value.value if value else math.nan,
        "value_qualifier": (value.qualifier or "") if value else "",
        "value_percent": bool(value.percent) if value else indicator.kind == "ratio",
        "value_decimals": value.decimals if value else 0,
        "value_text": value_text,
        "target": target.value if target else math.nan,
        "target_qualifier": (target.qualifier or "") if target else "",
        "target_percent": bool(target.percent) if target else False,
        "target_decimals": target.decimals if target else 0,
        "target_text": record.get("target", ""),
        "note": record.get("note", ""), "source": record.get("source", ""),
        "path": raw.path, "row": record["_row"],
    }


def clean_indicators(
    raw: RawTable, catalog: Catalog, *, unit: str, period: str, lang: str = "vi"
) -> tuple[pd.DataFrame, list[Finding]]:
    """Parse, match and check every row of ``raw``; return observations and findings.

    ``lang`` is the number format of the file (``"vi"``: ``9.475``, ``60,41%``).
    The input table is not modified.
    """
    findings = list(raw.findings)
    rows: list[dict] = []
    first_row_of: dict[str, int] = {}
    if any(f.code == "missing_column" for f in findings):
        return pd.DataFrame(columns=OBSERVATION_COLUMNS), findings
    for record in raw.frame.to_dict("records"):
        typed = record.get("indicator", "")
        code = catalog.resolve(typed) if typed else None
        problems = _RowProblems(raw, record["_row"], code)
        if code is None:
            problems.add("error", "unknown_indicator", "indicator", typed,
                         candidates=", ".join(catalog.candidates(typed)) or "—")
        elif code in first_row_of:
            problems.add("error", "duplicate_indicator", "indicator", typed, first_row=first_row_of[code])
        else:
            first_row_of[code] = record["_row"]
            cleaned = _clean_row(record, raw, catalog, lang, problems)
            if cleaned is not None:
                rows.append({"unit": unit, "period": period, **cleaned})
        findings.extend(problems.findings)
    frame = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    numeric = ["numerator", "denominator", "value", "target"]
    frame[numeric] = frame[numeric].astype("float64")
    return frame.astype({"row": "int64", "value_decimals": "int64", "target_decimals": "int64"}), findings
