"""Data-quality findings: every problem met while reading and checking input.

A :class:`Finding` says how serious a problem is, where it is (file, sheet,
row, column), the value as typed, and what to do about it; its words come
from the catalogs (``finding.<code>`` and ``finding.<code>.hint``), in
Vietnamese or English, when it is shown. Findings are collected, never raised one at a time, so an analyst
sees every problem of a file in one run (pandera's lazy validation).

Examples
--------
>>> f = Finding("error", "unknown_indicator", path="indicators.csv", row=3,
...             column="Chỉ tiêu", value="Tỷ lệ abc",
...             params={"candidates": "gov.online_dossier_rate"})
>>> f.describe("en")
"indicators.csv, row 3, column 'Chỉ tiêu': value 'Tỷ lệ abc' is not an indicator of the catalog. Use a catalog code or name; closest: gov.online_dossier_rate."
>>> f.message("vi")
'Chỉ tiêu không có trong danh mục chỉ tiêu.'
>>> findings_frame([f])[["severity", "code", "row"]].to_dict("records")
[{'severity': 'error', 'code': 'unknown_indicator', 'row': 3}]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from dxanalysis.i18n import N_, N_plural, gettext, localize_params, ngettext

if TYPE_CHECKING:  # pragma: no cover - pandas is imported by the functions that build frames: the command
    import pandas as pd  # line names a finding (an error, its exit status) without paying for it

def location_text(path: str | None, row: int | None, column: str | None, lang: str | None = None) -> str:
    """Format where a value came from, e.g. ``"a.csv, row 4, column 'Tử số'"`` (default: the current language).

    >>> location_text("a.csv", 4, "Tử số", "en")
    "a.csv, row 4, column 'Tử số'"
    >>> location_text("a.csv", 4, "Tử số", "vi")
    "a.csv, dòng 4, cột 'Tử số'"
    >>> location_text(None, None, None)
    ''
    """
    parts = []
    if path:
        parts.append(path)
    if row is not None:
        parts.append(gettext("location.row", lang, row=row))
    if column:
        parts.append(gettext("location.column", lang, column=column))
    return ", ".join(parts)


Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# code -> (message, hint): msgids of the catalogs, {params} filled in when shown; a message
# about a number of rows has a plural form, chosen by the ``count`` parameter.
MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "missing_column": (N_("finding.missing_column"), N_("finding.missing_column.hint")),
    "unknown_indicator": (N_("finding.unknown_indicator"), N_("finding.unknown_indicator.hint")),
    "duplicate_indicator": (N_("finding.duplicate_indicator"), N_("finding.duplicate_indicator.hint")),
    "unparseable": (N_("finding.unparseable"), N_("finding.unparseable.hint")),
    "numerator_above_denominator": (N_("finding.numerator_above_denominator"), N_("finding.numerator_above_denominator.hint")),
    "zero_denominator": (N_("finding.zero_denominator"), N_("finding.zero_denominator.hint")),
    "negative_value": (N_("finding.negative_value"), N_("finding.negative_value.hint")),
    "number_too_large": (N_("finding.number_too_large"), N_("finding.number_too_large.hint")),
    "target_out_of_range": (N_("finding.target_out_of_range"), N_("finding.target_out_of_range.hint")),
    "ratio_above_100": (N_("finding.ratio_above_100"), N_("finding.ratio_above_100.hint")),
    "percent_mismatch": (N_("finding.percent_mismatch"), N_("finding.percent_mismatch.hint")),
    "no_value": (N_("finding.no_value"), N_("finding.no_value.hint")),
    "indeterminate_status": (N_("finding.indeterminate_status"), N_("finding.indeterminate_status.hint")),
    "fraction_mismatch": (N_("finding.fraction_mismatch"), N_("finding.fraction_mismatch.hint")),
    "threshold_not_assessed": (N_("finding.threshold_not_assessed"), N_("finding.threshold_not_assessed.hint")),
    "assessment_contradicted": (N_("finding.assessment_contradicted"), N_("finding.assessment_contradicted.hint")),
    "unknown_pillar": (N_("finding.unknown_pillar"), N_("finding.unknown_pillar.hint")),
    "unverified_claim": (N_("finding.unverified_claim"), N_("finding.unverified_claim.hint")),
    "parts_exceed_total": (N_("finding.parts_exceed_total"), N_("finding.parts_exceed_total.hint")),
    "section_left_out": (N_("finding.section_left_out"), N_("finding.section_left_out.hint")),
    "section_indicators_absent": (N_("finding.section_indicators_absent"), N_("finding.section_indicators_absent.hint")),
    "claim_across_plans": (N_("finding.claim_across_plans"), N_("finding.claim_across_plans.hint")),
    "claim_contradicted": (N_("finding.claim_contradicted"), N_("finding.claim_contradicted.hint")),
    "legacy_encoding": (N_("finding.legacy_encoding"), N_("finding.legacy_encoding.hint")),
    "ignored_column": (N_("finding.ignored_column"), N_("finding.ignored_column.hint")),
    "sheet_skipped": (N_("finding.sheet_skipped"), N_("finding.sheet_skipped.hint")),
    "duplicate_column": (N_("finding.duplicate_column"), N_("finding.duplicate_column.hint")),
    "section_row": (N_("finding.section_row"), N_("finding.section_row.hint")),
    "total_row": (N_("finding.total_row"), N_("finding.total_row.hint")),
    "rows_below_table": (N_plural("finding.rows_below_table.one", "finding.rows_below_table.other"), N_("finding.rows_below_table.hint")),
    "figures_below_table": (N_("finding.figures_below_table"), N_("finding.figures_below_table.hint")),
    "extra_cells": (N_("finding.extra_cells"), N_("finding.extra_cells.hint")),
    "indicator_near_match": (N_("finding.indicator_near_match"), N_("finding.indicator_near_match.hint")),
    "blank_indicator": (N_("finding.blank_indicator"), N_("finding.blank_indicator.hint")),
    "not_an_indicator_row": (N_("finding.not_an_indicator_row"), N_("finding.not_an_indicator_row.hint")),
    "period_mismatch": (N_("finding.period_mismatch"), N_("finding.period_mismatch.hint")),
    "unknown_period": (N_("finding.unknown_period"), N_("finding.unknown_period.hint")),
    "parts_total_mismatch": (N_("finding.parts_total_mismatch"), N_("finding.parts_total_mismatch.hint")),
    "unknown_part_of": (N_("finding.unknown_part_of"), N_("finding.unknown_part_of.hint")),
    "formula_not_computed": (N_("finding.formula_not_computed"), N_("finding.formula_not_computed.hint")),
    "count_as_fraction": (N_("finding.count_as_fraction"), N_("finding.count_as_fraction.hint")),
    "rank_disagrees": (N_("finding.rank_disagrees"), N_("finding.rank_disagrees.hint")),
    "rank_gain_not_assessed": (N_("finding.rank_gain_not_assessed"), N_("finding.rank_gain_not_assessed.hint")),
    # --- dossier register (dxanalysis.check.register) ---
    "register_bad_date": (N_("finding.register_bad_date"), N_("finding.register_bad_date.hint")),
    "register_completed_before_received": (N_("finding.register_completed_before_received"), N_("finding.register_completed_before_received.hint")),
    "register_duplicate_code": (N_("finding.register_duplicate_code"), N_("finding.register_duplicate_code.hint")),
    "register_unknown_channel": (N_("finding.register_unknown_channel"), N_("finding.register_unknown_channel.hint")),
    "register_outside_period": (N_("finding.register_outside_period"), N_("finding.register_outside_period.hint")),
    "register_rows_excluded": (N_plural("finding.register_rows_excluded.one", "finding.register_rows_excluded.other"), N_("finding.register_rows_excluded.hint")),
    "register_disagrees": (N_("finding.register_disagrees"), N_("finding.register_disagrees.hint")),
    # --- returned forms (dxanalysis.check.merge_forms) ---
    "forms_disagree": (N_("finding.forms_disagree"), N_("finding.forms_disagree.hint")),
    "form_differs_from_typed": (N_("finding.form_differs_from_typed"), N_("finding.form_differs_from_typed.hint")),
    # --- the units' lineage (dxanalysis.check.lineage) ---
    "lineage_unknown_unit": (N_("finding.lineage_unknown_unit"), N_("finding.lineage_unknown_unit.hint")),
    "lineage_self": (N_("finding.lineage_self"), N_("finding.lineage_self.hint")),
    "lineage_cycle": (N_("finding.lineage_cycle"), N_("finding.lineage_cycle.hint")),
    "lineage_successor_start": (N_("finding.lineage_successor_start"), N_("finding.lineage_successor_start.hint")),
    "lineage_predecessor_end": (N_("finding.lineage_predecessor_end"), N_("finding.lineage_predecessor_end.hint")),
    "lineage_shares_over": (N_("finding.lineage_shares_over"), N_("finding.lineage_shares_over.hint")),
    "unit_figures_outside_validity": (N_("finding.unit_figures_outside_validity"),
                                      N_("finding.unit_figures_outside_validity.hint")),
    "unit_without_predecessor": (N_("finding.unit_without_predecessor"), N_("finding.unit_without_predecessor.hint")),
    "unit_parent_not_valid": (N_("finding.unit_parent_not_valid"), N_("finding.unit_parent_not_valid.hint")),
}


@dataclass(frozen=True)
class Finding:
    """One problem found in the input, with where it is and how to fix it."""

    severity: Severity
    code: str
    path: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    sheet: str | None = None
    indicator: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, got {self.severity!r}")
        if self.code not in MESSAGES:
            raise ValueError(f"unknown finding code {self.code!r}; add it to findings.MESSAGES")

    def _fill(self, msgid: str | tuple[str, str], lang: str | None) -> str:
        values = localize_params({"value": self.value, "indicator": self.indicator, **self.params}, lang)
        if isinstance(msgid, tuple):  # a number of rows: the plural form follows ``count``
            return ngettext(*msgid, int(values.get("count", 1)), lang, **values)
        return gettext(msgid, lang, **values)

    def message(self, lang: str | None = None) -> str:
        """The finding's message in ``lang`` (default: the current language)."""
        text = self._fill(MESSAGES[self.code][0], lang)
        return text[0].upper() + text[1:]

    def hint(self, lang: str | None = None) -> str:
        """What to do about it, in ``lang``."""
        return self._fill(MESSAGES[self.code][1], lang)

    def where(self, shown_path: str | None = None, lang: str | None = None, with_column: bool = True) -> str:
        """File, sheet, row and column as one phrase (``shown_path`` replaces the path as stored)."""
        path = shown_path or self.path
        if path and self.sheet:
            path = f"{path} [{self.sheet}]"
        return location_text(path, self.row, self.column if with_column else None, lang)

    def describe(self, lang: str | None = None, shown_path: str | None = None) -> str:
        """One line for a terminal: where, what, how to fix."""
        text = self._fill(MESSAGES[self.code][0], lang)
        if self.value not in (None, ""):
            # a message that does not quote the value is prefixed with it where the language wants it
            template = MESSAGES[self.code][0]
            if "{value" not in gettext(template if isinstance(template, str) else template[0], lang):
                text = gettext("finding.value_prefix", lang, value=self.value, text=text)
        where = self.where(shown_path, lang)
        line = f"{where}: {text}" if where else text[0].upper() + text[1:]
        hint = self.hint(lang)
        return f"{line} {hint}" if hint else line


FINDING_COLUMNS = [
    "severity", "code", "path", "sheet", "row", "column", "value",
    "indicator", "message_vi", "message_en", "hint_vi", "hint_en",
]


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Turn findings into a table, most severe first, in input order within a severity.

    >>> findings_frame([]).columns.tolist()[:4]
    ['severity', 'code', 'path', 'sheet']
    """
    import pandas as pd

    rows = [
        {
            "severity": f.severity, "code": f.code, "path": f.path, "sheet": f.sheet,
            "row": f.row, "column": f.column,
            "value": None if f.value is None else str(f.value),
            "indicator": f.indicator,
            "message_vi": f.message("vi"), "message_en": f.message("en"),
            "hint_vi": f.hint("vi"), "hint_en": f.hint("en"),
        }
        for f in findings
    ]
    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS).astype({"row": "Int64"})
    rank = frame["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
    return frame.iloc[rank.argsort(kind="stable")].reset_index(drop=True)


SEVERITY_LABELS = {"error": N_("severity.error"), "warning": N_("severity.warning"), "info": N_("severity.info")}
FINDINGS_TABLE_COLUMNS = (N_("col.severity"), N_("col.where"), N_("col.value"), N_("col.problem"), N_("col.fix"))


def findings_table(findings: Iterable[Finding], lang: str | None = None,
                   base: str | Path | None = None) -> pd.DataFrame:
    """Findings as a table to read (in a notebook: shown as HTML, every cell escaped by pandas), most severe
    first: severity, where (file, row, column), the value as typed, the problem and how to fix it, in ``lang``.

    A file under ``base`` (the data folder) is named relative to it.

    >>> f = Finding("error", "zero_denominator", path="/data/raw/x/2022-H1/indicators.csv", row=4,
    ...             column="Mẫu số", value="0")
    >>> findings_table([f], "en", base="/data/raw").iloc[0].tolist()[:3]
    ['Error', "x/2022-H1/indicators.csv, row 4, column 'Mẫu số'", '0']
    >>> findings_table([], "vi").columns.tolist()
    ['Mức độ', 'Vị trí', 'Giá trị', 'Vấn đề', 'Cách khắc phục']
    """
    import pandas as pd

    findings = list(findings)
    order = sorted(range(len(findings)), key=lambda i: (SEVERITIES.index(findings[i].severity), i))
    root = Path(base).resolve() if base is not None else None

    def shown(path: str | None) -> str | None:
        if path and root is not None and (Path(path) == root or root in Path(path).resolve().parents):
            return Path(path).resolve().relative_to(root).as_posix()
        return path

    rows = [(gettext(SEVERITY_LABELS[f.severity], lang), f.where(shown(f.path), lang),
             "" if f.value is None else str(f.value), f.message(lang), f.hint(lang))
            for f in (findings[i] for i in order)]
    return pd.DataFrame(rows, columns=[gettext(column, lang) for column in FINDINGS_TABLE_COLUMNS])


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error.

    >>> has_errors([Finding("warning", "no_value", indicator="x")])
    False
    """
    return any(f.severity == "error" for f in findings)


# Codes that, below an error, also mean a row of the input was not used.
ROW_NOT_USED_CODES = frozenset({
    "section_row", "total_row", "rows_below_table", "figures_below_table", "not_an_indicator_row",
})
UNUSED_ROW_COLUMNS = ["path", "sheet", "row", "last_row", "rows", "severity", "codes", "value",
                      "message_vi", "message_en"]


def unused_rows(findings: Iterable[Finding], messages: bool = True) -> pd.DataFrame:
    """The input rows that did not become data, one line per row (or block of rows), in file order.

    A row is unused when an error points at it (it was kept out of the
    observations) or when it was read as a heading, a total, or notes and
    signatures below the table. ``rows`` counts the input rows a line covers
    (a block below the table is one line; a missing column makes a whole table
    unused), so ``frame["rows"].sum()`` is how many rows were not used.
    Without ``messages`` the two message columns stay empty (a terminal that
    only lists the rows need not word 100,000 findings twice).

    >>> found = [Finding("error", "unparseable", path="a.csv", row=4, value="9.47",
    ...                  params={"expected": "một số", "detail": "a number", "hint": "", "detail_hint": ""}),
    ...          Finding("warning", "percent_mismatch", path="a.csv", row=5,
    ...                  params={"stated": "35%", "computed": "32.4%"}),
    ...          Finding("info", "rows_below_table", path="a.csv", row=9,
    ...                  params={"first_row": 9, "last_row": 12, "count": 4})]
    >>> unused_rows(found)[["row", "last_row", "rows", "codes"]].to_dict("records")
    [{'row': 4, 'last_row': 4, 'rows': 1, 'codes': 'unparseable'}, {'row': 9, 'last_row': 12, 'rows': 4, 'codes': 'rows_below_table'}]
    """
    import pandas as pd

    lines: dict[tuple[str, str, int], dict[str, Any]] = {}
    for f in findings:
        if f.row is None or not (f.severity == "error" or f.code in ROW_NOT_USED_CODES):
            continue
        key = (f.path or "", f.sheet or "", int(f.row))
        if f.code in ("missing_column", "duplicate_column"):  # the whole table was not used
            count, last = int(f.params.get("data_rows", 0)), int(f.params.get("last_row", f.row))
        else:
            count, last = int(f.params.get("count", 1)), int(f.params.get("last_row", f.row))
        line = lines.setdefault(key, {
            "path": f.path, "sheet": f.sheet, "row": int(f.row), "last_row": last, "rows": count,
            "severity": f.severity, "codes": [], "value": None if f.value is None else str(f.value),
            "message_vi": [], "message_en": [],
        })
        line["rows"], line["last_row"] = max(line["rows"], count), max(line["last_row"], last)
        if SEVERITIES.index(f.severity) < SEVERITIES.index(line["severity"]):
            line["severity"] = f.severity
        if f.code not in line["codes"]:
            line["codes"].append(f.code)
        if messages:
            line["message_vi"].append(f.message("vi"))
            line["message_en"].append(f.message("en"))
    rows = [{**line, "codes": ", ".join(line["codes"]), "message_vi": " ".join(line["message_vi"]),
             "message_en": " ".join(line["message_en"])} for _, line in sorted(lines.items())]
    return pd.DataFrame(rows, columns=UNUSED_ROW_COLUMNS).astype(
        {"row": "int64", "last_row": "int64", "rows": "int64"})


def row_ranges(spans: Iterable[tuple[int, int]]) -> str:
    """Row spans as a short list: touching or overlapping spans become one range.

    >>> row_ranges([(2, 2), (3, 3), (4, 7), (9, 9), (12, 14), (13, 20)])
    '2–7, 9, 12–20'
    """
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return ", ".join(f"{a}–{b}" if b != a else str(a) for a, b in merged)
