"""Forms back in: check the returned forms' figures and merge them into the period's observations.

:func:`form_observations` cleans one returned form (:mod:`dxanalysis.read.returned_forms`) exactly
as a typed table is cleaned, and marks each observation with the body that gave it and the cells
it was given in. :func:`merge_forms` merges the forms' observations with the typed table's:

* a figure given by one form only is taken as given;
* a figure given by two forms with different values is a ``forms_disagree`` error naming both
  bodies, files and cells (the page cannot choose: the first form, by file name, is kept);
  the same figure twice is no finding;
* the typed ``indicators.csv`` wins: a typed figure the form contradicts is a
  ``form_differs_from_typed`` warning naming the form; a typed row left blank (as ``new-period``
  starts it) takes the form's figure and keeps its target and pillar; its note comes first, then the form's.

Examples
--------
>>> from dxanalysis.check.observation import new_observation, observation_frame
>>> typed = observation_frame([new_observation(indicator="gov.online_dossier_rate", kind="ratio",
...     target=50.0, target_text="50%", path="indicators.csv", row=2)])
>>> form = observation_frame([new_observation(indicator="gov.online_dossier_rate", kind="ratio",
...     numerator=9475.0, denominator=15684.0, value=60.41, value_percent=True, value_decimals=2,
...     body="Văn phòng HĐND và UBND", path="forms/vp.xlsx", sheet="Biểu mẫu", row=7, cell="G7:H7")])
>>> merged, findings, filled = merge_forms(typed, [form])
>>> merged[["numerator", "target", "body", "cell"]].values.tolist(), findings, filled
([[9475.0, 50.0, 'Văn phòng HĐND và UBND', 'G7:H7']], [], {'gov.online_dossier_rate'})
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis.check.clean import clean_indicators
from dxanalysis.check.observation import observation_frame
from dxanalysis.figures import Figure
from dxanalysis.findings import Finding
from dxanalysis.read.catalog import Catalog
from dxanalysis.read.returned_forms import ReturnedForm

__all__ = ["form_observations", "merge_forms"]

# what a typed row left blank keeps when a form gives its figure
_KEPT_FROM_TYPED = ("pillar", "count_unit", "target", "target_qualifier", "target_percent", "target_decimals", "target_text",
                    "target_kind", "target_level", "note", "plan")


def form_observations(form: ReturnedForm, catalog: Catalog, unit: str, period: str,
                      lang: str | None = None) -> tuple[pd.DataFrame, list[Finding]]:
    """One returned form's observations and findings, each observation carrying ``body`` and ``cell``.

    ``lang`` is the number format of its typed cells (default: the form's language).

    >>> import tempfile, pathlib
    >>> from openpyxl import load_workbook
    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.publish.forms import write_forms
    >>> from dxanalysis.read.catalog import load_catalog
    >>> from dxanalysis.read.returned_forms import read_returned_form
    >>> path = write_forms("hong-ngu", "2023-H1", EXAMPLE_DATA_DIR, out=tempfile.mkdtemp())[1]
    >>> book = load_workbook(path); sheet = book.worksheets[1]
    >>> sheet["G7"], sheet["H7"], sheet["I8"] = 9475, 15684, "8O%"
    >>> book.save(path)
    >>> obs, findings = form_observations(read_returned_form(path, "hong-ngu", "2023-H1"), load_catalog(),
    ...                                   "hong-ngu", "2023-H1")
    >>> obs[["indicator", "numerator", "body", "sheet", "row", "cell"]].values.tolist()
    [['gov.online_dossier_rate', 9475.0, 'Văn phòng HĐND và UBND', 'Biểu mẫu', 7, 'G7:H7']]
    >>> [(f.code, f.sheet, f.row, f.column, f.value) for f in findings]
    [('unparseable', 'Biểu mẫu', 8, 'Giá trị (tỷ lệ %, số lượng, thứ hạng)', '8O%')]
    """
    observations, findings = clean_indicators(form.raw, catalog, unit=unit, period=period,
                                              lang=lang or form.meta.lang)
    cells = dict(zip(form.raw.frame["_row"], form.raw.frame["_cell"]))
    observations = observations.assign(body=form.meta.body,
                                       cell=[cells.get(row, "") for row in observations["row"]])
    return observations, findings


def _present(value: Any) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and math.isnan(value))


def _has_figure(row: dict) -> bool:
    return any(_present(row.get(c)) for c in ("numerator", "denominator", "value")) \
        or bool(str(row.get("value_text") or "").strip())


def _differ(a: dict, b: dict) -> bool:
    """Whether two observations give different figures (a value compared to the fewer decimals typed)."""
    for column in ("numerator", "denominator"):
        if _present(a.get(column)) and _present(b.get(column)) and float(a[column]) != float(b[column]):
            return True
    if _present(a.get("value")) and _present(b.get("value")):
        decimals = min(int(a.get("value_decimals") or 0), int(b.get("value_decimals") or 0))
        if (a.get("value_qualifier") or "") != (b.get("value_qualifier") or ""):
            return True
        return abs(float(a["value"]) - float(b["value"])) > 0.5 * 10 ** -decimals + 1e-9
    if not _present(a.get("value")) and not _present(b.get("value")):
        return str(a.get("value_text") or "").strip() != str(b.get("value_text") or "").strip()
    return False


def _figure(row: dict) -> Figure:
    return Figure.of(pd.Series(row), with_unit=False)


def _file(row: dict) -> str:
    return Path(str(row.get("path") or "")).name


def merge_forms(typed: pd.DataFrame, forms: list[pd.DataFrame]) -> tuple[pd.DataFrame, list[Finding], set[str]]:
    """Merge the forms' observations (in file-name order) into the typed ones; return the merged
    observations, the findings and the codes of typed rows left blank that a form filled.

    See the module's description. Neither input is modified.

    >>> from dxanalysis.check.observation import new_observation, observation_frame
    >>> def obs(body, value, **more):
    ...     return observation_frame([new_observation(indicator="econ.ecommerce_outreach_households", kind="count",
    ...         value=value, body=body, path=f"forms/{body}.xlsx", sheet="Biểu mẫu", row=9, cell="I9", **more)])
    >>> merged, findings, _ = merge_forms(observation_frame(), [obs("A", 21.0), obs("B", 25.0), obs("C", 21.0)])
    >>> merged["value"].tolist(), [(f.severity, f.code, f.path, f.params["other_body"]) for f in findings]
    ([21.0], [('error', 'forms_disagree', 'forms/B.xlsx', 'A')])
    >>> typed = obs("", 20.0).assign(path="indicators.csv", sheet="", row=3, cell="")
    >>> merged, findings, _ = merge_forms(typed, [obs("A", 21.0)])
    >>> merged["value"].tolist(), [(f.code, f.path, f.row, f.params["body"]) for f in findings]
    ([20.0], [('form_differs_from_typed', 'indicators.csv', 3, 'A')])
    """
    findings: list[Finding] = []
    given: dict[str, dict] = {}
    for frame in forms:
        for record in frame.to_dict("records"):
            code = record["indicator"]
            if code not in given:
                given[code] = record
                continue
            first = given[code]
            if _differ(first, record):
                findings.append(Finding(
                    "error", "forms_disagree", path=record["path"], sheet=record["sheet"] or None,
                    row=int(record["row"]), indicator=code, value=record.get("value_text") or None,
                    params={"body": record["body"], "file": _file(record), "cell": record["cell"],
                            "figure": _figure(record), "other_body": first["body"], "other_file": _file(first),
                            "other_cell": f"{first['sheet']}!{first['cell']}", "other_figure": _figure(first)}))
    out: list[dict] = []
    filled: set[str] = set()
    for record in typed.to_dict("records"):
        code = record["indicator"]
        form = given.pop(code, None)
        if form is None:
            out.append(record)
        elif _has_figure(record):
            if _differ(record, form):
                findings.append(Finding(
                    "warning", "form_differs_from_typed", path=record.get("path") or None,
                    sheet=record.get("sheet") or None, row=int(record["row"]), indicator=code,
                    value=record.get("value_text") or None,
                    params={"typed": _figure(record), "body": form["body"], "file": _file(form),
                            "cell": f"{form['sheet']}!{form['cell']}", "figure": _figure(form)}))
            out.append(record)
        else:
            merged = dict(form)
            for column in _KEPT_FROM_TYPED:
                if column in record and (column not in ("pillar", "note") or record[column]):
                    merged[column] = record[column]
            notes = [str(n).strip() for n in (record.get("note"), form.get("note")) if _present(n) and str(n).strip()]
            merged["note"] = "; ".join(dict.fromkeys(notes))  # the analyst's note, then the body's: neither dropped
            filled.add(code)
            out.append(merged)
    out.extend(given.values())
    return observation_frame(out), findings, filled
