"""The unit's plan: the targets it must reach by a year (``data/raw/<unit>/targets.csv``).

Columns ``Chỉ tiêu`` (an indicator code or name of the catalog), ``Mục tiêu``
(``80%``, ``≥80%``), ``Năm mục tiêu`` (``2025``) and optionally ``Nguồn``
(the plan's document), in Vietnamese or English; the file is read by
:mod:`dxanalysis.read.table` (any encoding it reads, title lines above the
header skipped). A missing file is an empty plan; a file that cannot be
read, or rows that do not name an indicator, a target and a year, are an
:class:`~dxanalysis.exceptions.InputFileError` that lists every bad cell at once.

Examples
--------
>>> import tempfile, pathlib
>>> from dxanalysis.read.catalog import load_catalog
>>> path = pathlib.Path(tempfile.mkdtemp()) / "targets.csv"
>>> _ = path.write_bytes("Chỉ tiêu\\tMục tiêu\\tNăm mục tiêu\\ngov.online_dossier_rate\\t≥80%\\t2025\\n".encode("utf-16"))
>>> (plan,) = read_plan_targets(path, load_catalog())
>>> plan.indicator, plan.target.value, plan.target.qualifier, plan.year
('gov.online_dossier_rate', 80.0, 'at_least', 2025)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dxanalysis.exceptions import InputFileError, InputValueError
from dxanalysis.i18n import Joined, Message
from dxanalysis.numerals import Quantity, parse_quantity
from dxanalysis.read.catalog import Catalog
from dxanalysis.read.table import ColumnSpec, read_table
from dxanalysis.target_forms import parse_rank_target

__all__ = ["TARGETS", "PlanTarget", "read_plan_targets"]

TARGETS = ColumnSpec(
    Message("file_kind.plan"), {"indicator": ("chỉ tiêu", "indicator", "code"), "target": ("mục tiêu", "target"),
             "target_year": ("năm mục tiêu", "target year", "target_year"), "source": ("nguồn", "source")},
    ("indicator", "target", "target_year"), Message("hint.header_must_be", {"header": "Chỉ tiêu,Mục tiêu,Năm mục tiêu,Nguồn"}))


@dataclass(frozen=True)
class PlanTarget:
    """A target of the unit's plan: reach ``target`` by the end of ``year``."""

    indicator: str
    target: Quantity
    year: int
    source: str = ""
    inherited_from: str = ""  # the unit above whose plan sets it (a province's, for its district), or ""


def read_plan_targets(path: str | Path, catalog: Catalog, lang: str = "vi") -> list[PlanTarget]:
    """Read ``targets.csv`` (``lang``: how its numbers are written); a missing file is an empty plan.

    See the module's example.
    """
    path = Path(path)
    if not path.exists():
        return []
    table = read_table(path, TARGETS, lang)
    header = table.header
    targets, problems = [], []
    for record in table.frame.to_dict("records"):
        # every row is checked, and each problem names its own cell: one pass lists them all
        number, typed = record["_row"], record["indicator"]
        code = catalog.resolve(typed)
        if code is None:
            candidates = ", ".join(catalog.candidates(typed)) or "—"
            problems.append(Message("error.target_not_indicator", {
                "row": number, "column": header["indicator"], "value": typed, "candidates": candidates}))
        rank = code is not None and catalog[code].kind == "rank"
        target = _rank_target(record["target"], lang) if rank else _quantity(record["target"], lang)
        if target is None:
            problems.append(Message("error.target_value_unreadable", {
                "row": number, "column": header["target"], "value": record["target"]}))
        year = _year(record["target_year"], lang)
        if year is None:
            problems.append(Message("error.target_year_unreadable", {
                "row": number, "column": header["target_year"], "value": record["target_year"]}))
        if code is not None and target is not None and year is not None:
            targets.append(PlanTarget(code, target, year, record.get("source", "")))
    if problems:
        raise InputFileError(path, Message("error.target_rows", {"problems": Joined(tuple(problems), "; ")}),
                             Message("hint.target_and_year"))
    return targets


def _quantity(text: str, lang: str) -> Quantity | None:
    try:
        return parse_quantity(text, lang)
    except InputValueError:
        return None


def _rank_target(text: str, lang: str) -> Quantity | None:
    """A rank's plan target: a place or better (``thứ 30 trở lên``, ``top 25``) or a place; places to gain
    say nothing about a year's end, so they are not a plan's target."""
    try:
        form = parse_rank_target(text, lang)
    except InputValueError:
        return None
    return form.quantity if form.kind == "number" else None


def _year(text: str, lang: str) -> int | None:
    """A target's year: ``2025`` (a workbook's 2025 reads "2.025" in Vietnamese)."""
    try:
        year = parse_quantity(text, lang)
    except InputValueError:
        return None
    if year.percent or year.qualifier or not float(year.value).is_integer() or not 1900 <= year.value <= 2200:
        return None
    return int(year.value)
