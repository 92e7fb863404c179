"""Forms out: one Excel workbook per reporting body, to collect a period's figures.

:func:`write_forms` reads the unit's responsibilities table (``data/raw/<unit>/reporting.csv``, see
:mod:`dxanalysis.read.reporting`) and writes, into ``reports/<unit>/<period>/forms/`` (or ``out``),
one ``.xlsx`` per body, and one per commune under the unit when the table gives indicators to the
communes. Each workbook has

* a sheet of instructions (Vietnamese, or English with ``lang="en"``);
* the form: per indicator its catalog code (first column, protected), name, unit of the counts, the
  target and last period's figure for reference, then the cells to fill in — numerator,
  denominator, value, note. Only those cells are unlocked (the sheet is protected, without a
  password: it prevents slips, not tampering), and each has a data validation and an input message:
  whole numbers for counts, numerator ≤ denominator, a percentage 0–100, a place from 1 for a rank,
  a list for a yes/no answer;
* a hidden sheet ``_dxanalysis`` with the unit, period, body and form version
  (:mod:`dxanalysis.read.forms` reads it back), so a returned file says what it is whatever its name.

The target is the period's own (``Chỉ tiêu giao`` of ``data/raw/<unit>/<period>/indicators.csv``,
as ``new-period`` starts it), else the plan's (``targets.csv``, the unit's or inherited, with its
year); last period's figure is the latest earlier period's, as the review prints it. Neither is
ever made up: a missing one reads "chưa có". The same inputs give byte-identical files (fixed
timestamps), so a re-run shows whether anything changed.

Examples
--------
>>> import tempfile, pathlib
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> paths = write_forms("hong-ngu", "2023-H1", EXAMPLE_DATA_DIR, out=out)
>>> [p.name for p in paths][:2]
['hong-ngu-2023-H1-phong-van-hoa-va-thong-tin.xlsx', 'hong-ngu-2023-H1-van-phong-hdnd-va-ubnd.xlsx']
>>> from dxanalysis.read.forms import read_form_metadata
>>> meta = read_form_metadata(paths[0])
>>> meta.unit, meta.period, meta.body, meta.version
('hong-ngu', '2023-H1', 'Phòng Văn hóa và Thông tin', 1)
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis.assess.review import ReviewSource, rates_shown
from dxanalysis.atomic import write_bytes_atomic
from dxanalysis.exceptions import InputFileError
from dxanalysis.figures import Figure, missing, target_text
from dxanalysis.i18n import Message, N_, check_lang, gettext
from dxanalysis.numerals import format_number
from dxanalysis.periods import Period, parse_period
from dxanalysis.provenance import package_version
from dxanalysis.read.folders import has_indicator_file, latest_earlier_period, period_dir
from dxanalysis.read.forms import CODE_HEADER, FORM_VERSION, METADATA_SHEET, FormMetadata, metadata_rows
from dxanalysis.read.reporting import Assignment, read_reporting, reporting_path
from dxanalysis.read.units import Unit, find_unit, units_as_of
from dxanalysis.vntext import match_key, strip_diacritics

__all__ = ["FORM_VERSION", "Form", "FormRow", "plan_forms", "write_form", "write_forms"]

HEADER_ROW = 6  # the table's header; the title lines above it name the unit, period and body
FIRST_COLUMN = 1
# the form's columns, in order: what each holds (the msgid of its header)
COLUMNS = ("code", "seq", "name", "unit", "target", "previous", "numerator", "denominator", "value", "note")
HEADERS = {"seq": N_("form.col.seq"), "name": N_("form.col.name"), "unit": N_("form.col.unit"),
           "target": N_("form.col.target"), "previous": N_("form.col.previous"),
           "numerator": N_("form.col.numerator"), "denominator": N_("form.col.denominator"),
           "value": N_("form.col.value"), "note": N_("form.col.note")}
WIDTHS = {"code": 14, "seq": 5, "name": 50, "unit": 11, "target": 16, "previous": 24, "numerator": 12,
          "denominator": 12, "value": 14, "note": 36}
INSTRUCTIONS = (N_("form.howto.cells"), N_("form.howto.ratio"), N_("form.howto.count"), N_("form.howto.other"),
                N_("form.howto.missing"), N_("form.howto.previous"), N_("form.howto.keep"), N_("form.howto.return"))
FIXED_TIME = dt.datetime(2000, 1, 1)  # the workbook's dates: the same inputs give the same bytes
MAX_TEXT = 1000  # the longest note (or text answer) a cell takes
_INPUT_FILL, _LOCKED_FILL = "FFF2CC", "EDEDED"
UNIT_COLUMNS = {"vi": "count_unit", "en": "count_unit_en"}  # the observations' unit of the counts, by language


@dataclass(frozen=True)
class FormRow:
    """One indicator of a form, with what the form prints beside the cells to fill in."""

    code: str
    name: str
    kind: str
    unit: str
    target: str  # as the review writes it, "" when none is set
    previous: str  # last period's figure as the review prints it, "" when there is none
    note: str = ""  # the responsibilities table's note on the row


@dataclass(frozen=True)
class Form:
    """One workbook: ``body`` fills in ``unit``'s figures for ``period``; ``collected_by`` sent it."""

    unit: Unit
    period: Period
    body: str
    collected_by: Unit
    rows: tuple[FormRow, ...]
    previous_period: Period | None
    contact: str = ""
    email: str = ""
    file_name: str = ""


def body_slug(body: str) -> str:
    """A file name's part for a body: letters and digits without accents, joined by ``-``.

    >>> body_slug("Phòng Văn hóa và Thông tin"), body_slug("Văn phòng HĐND & UBND")
    ('phong-van-hoa-va-thong-tin', 'van-phong-hdnd-ubnd')
    """
    return re.sub(r"[^a-z0-9]+", "-", strip_diacritics(match_key(body)).replace("đ", "d")).strip("-") or "body"


def _row_of(frame: pd.DataFrame, code: str) -> Any:
    rows = frame[frame["indicator"] == code] if not frame.empty else frame
    return None if rows.empty else rows.iloc[0]


class _UnitFigures:
    """A unit's period (its targets), its latest earlier period (last figures) and its plan."""

    def __init__(self, source: ReviewSource, unit: str, period: Period) -> None:
        data_dir = source.data_dir
        self.current = pd.DataFrame()
        if has_indicator_file(data_dir, unit, period):
            self.current = source.period_data(unit, period).observations
        self.previous_period = latest_earlier_period(data_dir, unit, period)
        self.previous = pd.DataFrame()
        if self.previous_period is not None:
            self.previous = source.period_data(unit, self.previous_period).observations
            if (period_dir(data_dir, unit, self.previous_period) / "review.yml").exists():
                self.previous = rates_shown(self.previous, source.notes(unit, self.previous_period))
        self.plan = {t.indicator: t for t in source.inherited_plan(unit)[0]}

    def target(self, code: str, kind: str, lang: str) -> str:
        row = _row_of(self.current, code)
        text = target_text(row, lang) if row is not None else ""
        if text or code not in self.plan:
            return text
        plan = self.plan[code]
        planned = pd.Series({"kind": kind, "target": plan.target.value, "target_percent": plan.target.percent,
                             "target_qualifier": plan.target.qualifier or "", "target_decimals": plan.target.decimals})
        return gettext("form.plan_target", lang, target=target_text(planned, lang), year=plan.year)

    def previous_text(self, code: str, lang: str) -> str:
        row = _row_of(self.previous, code)
        if row is None or (missing(row["value"]) and missing(row["numerator"])):
            return ""
        return Figure.of(row).text(lang)

    def unit_text(self, code: str, column: str) -> str:
        """The unit of the counts as the unit's own data gives it (``column``: the language's), or ``""``."""
        for frame in (self.current, self.previous):
            row = _row_of(frame, code)
            if row is not None and isinstance(row.get(column), str) and row.get(column):
                return str(row[column])
        return ""


def _form_rows(source: ReviewSource, figures: _UnitFigures, assignments: list[Assignment], lang: str) -> tuple:
    rows = []
    for assignment in assignments:
        indicator = source.catalog[assignment.indicator]
        unit = figures.unit_text(indicator.code, UNIT_COLUMNS[lang]) or indicator.unit(lang)
        rows.append(FormRow(indicator.code, indicator.name(lang), indicator.kind, unit,
                            figures.target(indicator.code, indicator.kind, lang),
                            figures.previous_text(indicator.code, lang), assignment.note))
    return tuple(rows)


def plan_forms(unit: str, period: str | Period, data_dir: str | Path = "data/raw", lang: str = "vi") -> list[Form]:
    """The forms :func:`write_forms` writes: one per body of ``reporting.csv``, in the order the table
    first names them, then one per commune under ``unit`` (by slug) when the table gives the communes
    indicators.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> forms = plan_forms("hong-ngu", "2023-H1", EXAMPLE_DATA_DIR)
    >>> [(f.body, len(f.rows)) for f in forms][-1]
    ('UBND xã Thường Phước 2', 3)
    >>> row = forms[1].rows[0]
    >>> row.code, row.target, row.previous
    ('gov.online_dossier_rate', '50%', '837/1.692 hồ sơ (49,47%)')
    """
    lang = check_lang(lang)
    source = ReviewSource(data_dir)
    units = source.units
    unit_info = find_unit(units, unit, source.registry)
    period_info = period if isinstance(period, Period) else parse_period(period)
    table = read_reporting(reporting_path(source.data_dir, unit_info.slug), source.catalog)
    own = _UnitFigures(source, unit_info.slug, period_info)
    forms = []
    for body in table.bodies():
        rows = table.rows_of(body)
        forms.append(Form(unit_info, period_info, body, unit_info, _form_rows(source, own, rows, lang),
                          own.previous_period, next((r.contact for r in rows if r.contact), ""),
                          next((r.email for r in rows if r.email), "")))
    commune_rows = table.commune_rows()
    if commune_rows:
        children = sorted((u for u in units_as_of(units, period_info.last_day).values() if u.parent == unit_info.slug),
                          key=lambda u: u.slug)  # the communes under the unit in that period
        if not children:
            raise InputFileError(table.path, Message("error.reporting_no_communes", {
                "unit": unit_info.slug, "row": commune_rows[0].row, "value": commune_rows[0].body}),
                Message("hint.reporting_no_communes", {"registry": source.registry}))
        for child in children:
            figures = _UnitFigures(source, child.slug, period_info)
            forms.append(Form(child, period_info, gettext("form.commune_body", lang, name=child.name(lang)),
                              unit_info, _form_rows(source, figures, commune_rows, lang), figures.previous_period))
    names: set[str] = set()
    named = []
    for form in forms:
        stem = f"{unit_info.slug}-{period_info.slug}-" + (form.unit.slug if form.unit != unit_info else body_slug(form.body))
        name, n = f"{stem}.xlsx", 1
        while name in names:  # two bodies whose names differ only in accents or signs
            n += 1
            name = f"{stem}-{n}.xlsx"
        names.add(name)
        named.append(replace(form, file_name=name))
    return named


# --- the workbook ---------------------------------------------------------------------------------

def _column(name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(FIRST_COLUMN + COLUMNS.index(name))


def _validation(kind: str, lang: str, formula: str = "", prompt: str = "", **options: Any) -> Any:
    """A data validation with its input message and its error message, in ``lang``."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type=kind, formula1=formula or None, allow_blank=True, showInputMessage=True,
                                showErrorMessage=True, promptTitle=gettext("form.prompt_title", lang)[:32],
                                prompt=prompt[:255], errorTitle=gettext("form.error_title", lang)[:32],
                                error=prompt[:225], **options)
    return validation


def _cell_validations(kind: str, row: int, lang: str) -> dict[str, Any]:
    """The input cells of an indicator of ``kind`` on ``row``, each with its validation."""
    num, den, val = (f"{_column(c)}{row}" for c in ("numerator", "denominator", "value"))
    note_prompt = gettext("form.prompt.note", lang, n=format_number(MAX_TEXT, lang, 0))
    note = _validation("textLength", lang, str(MAX_TEXT), note_prompt, operator="lessThanOrEqual")
    cells: dict[str, Any] = {"note": note}
    if kind in ("ratio", "scorecard"):
        cells["numerator"] = _validation(
            "custom", lang, f"AND(ISNUMBER({num}),INT({num})={num},{num}>=0,OR({den}=\"\",{num}<={den}))",
            gettext("form.prompt.numerator", lang))
        cells["denominator"] = _validation(
            "custom", lang, f"AND(ISNUMBER({den}),INT({den})={den},{den}>=1,OR({num}=\"\",{num}<={den}))",
            gettext("form.prompt.denominator", lang))
        cells["value"] = _validation("decimal", lang, "0", gettext("form.prompt.percent", lang),
                                     operator="between", formula2="100")
    elif kind == "count":
        cells["value"] = _validation("whole", lang, "0", gettext("form.prompt.count", lang),
                                     operator="greaterThanOrEqual")
    elif kind == "rank":
        cells["denominator"] = _validation("whole", lang, "1", gettext("form.prompt.ranked", lang),
                                           operator="greaterThanOrEqual")
        cells["value"] = _validation("whole", lang, "1", gettext("form.prompt.rank", lang),
                                     operator="greaterThanOrEqual")
    elif kind == "flag":
        choices = ",".join((gettext("form.yes", lang), gettext("form.no", lang)))
        cells["value"] = _validation("list", lang, f'"{choices}"', gettext("form.prompt.flag", lang, choices=choices))
    else:  # a text answer
        cells["value"] = _validation("textLength", lang, str(MAX_TEXT), note_prompt, operator="lessThanOrEqual")
    return cells


def _title_lines(form: Form, lang: str) -> list[str]:
    return [gettext("form.title", lang),
            gettext("form.line.unit", lang, unit=form.unit.name(lang), period=form.period.label(lang)),
            gettext("form.line.body", lang, body=form.body),
            gettext("form.line.fill", lang)]


def _data_sheet(book: Any, form: Form, lang: str) -> list[tuple[str, int]]:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.protection import SheetProtection

    sheet = book.create_sheet(gettext("form.sheet.form", lang)[:31])
    for number, line in enumerate(_title_lines(form, lang), start=1):
        sheet.cell(number, FIRST_COLUMN, line).font = Font(bold=number == 1, size=13 if number == 1 else 11)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    previous = form.previous_period.label(lang) if form.previous_period else ""
    for name in COLUMNS:
        text = CODE_HEADER[lang] if name == "code" else gettext(HEADERS[name], lang, period=previous)
        if name == "previous" and not previous:
            text = gettext("form.col.previous_none", lang)
        cell = sheet.cell(HEADER_ROW, FIRST_COLUMN + COLUMNS.index(name), text)
        cell.font, cell.border = Font(bold=True), border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        sheet.column_dimensions[_column(name)].width = WIDTHS[name]
    none = gettext("form.none", lang)
    placed = []
    for number, item in enumerate(form.rows, start=1):
        row = HEADER_ROW + number
        placed.append((item.code, row))
        fixed = {"code": item.code, "seq": number, "name": item.name,
                 "unit": item.unit, "target": item.target or none, "previous": item.previous or none}
        for name, value in fixed.items():
            cell = sheet.cell(row, FIRST_COLUMN + COLUMNS.index(name), value)
            cell.alignment, cell.border = wrap, border
            if name == "code":
                cell.font = Font(color="808080", size=9)
            if name == "name" and item.note:  # the table's note on the row, as a comment on the indicator's name
                cell.comment = Comment(item.note, "dxanalysis")
        inputs = _cell_validations(item.kind, row, lang)
        for name in ("numerator", "denominator", "value", "note"):
            cell = sheet.cell(row, FIRST_COLUMN + COLUMNS.index(name))
            cell.border = border
            if name in inputs:
                cell.protection = Protection(locked=False)
                cell.fill = PatternFill("solid", fgColor=_INPUT_FILL)
                cell.alignment = wrap if name == "note" else Alignment(vertical="top")
                if item.kind in ("ratio", "scorecard") and name == "value":
                    cell.number_format = "0.00"
                elif name in ("numerator", "denominator", "value") and item.kind in ("ratio", "scorecard", "count",
                                                                                     "rank"):
                    cell.number_format = "#,##0"
                validation = inputs[name]
                validation.add(cell.coordinate)
                sheet.add_data_validation(validation)
            else:
                cell.fill = PatternFill("solid", fgColor=_LOCKED_FILL)
    sheet.freeze_panes = f"{_column('name')}{HEADER_ROW + 1}"
    sheet.protection = SheetProtection(sheet=True, formatColumns=False, formatRows=False, selectLockedCells=False,
                                       selectUnlockedCells=False)
    return placed


def _instructions_sheet(book: Any, form: Form, lang: str) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.protection import SheetProtection

    sheet = book.active
    sheet.title = gettext("form.sheet.instructions", lang)[:31]
    sheet.column_dimensions["A"].width = 110
    lines = _title_lines(form, lang)[:3]
    if form.contact or form.email:
        lines.append(gettext("form.line.contact", lang, contact=", ".join(t for t in (form.contact, form.email) if t)))
    lines.append("")
    lines += [f"{n}. " + gettext(msgid, lang, sheet=gettext("form.sheet.form", lang), code=CODE_HEADER[lang],
                                 unit=form.collected_by.name(lang), n=format_number(MAX_TEXT, lang, 0))
              for n, msgid in enumerate(INSTRUCTIONS, start=1)]
    lines += ["", gettext("form.line.version", lang, version=FORM_VERSION, unit=form.unit.slug,
                          period=form.period.slug)]
    for number, line in enumerate(lines, start=1):
        cell = sheet.cell(number, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if number == 1:
            cell.font = Font(bold=True, size=13)
    sheet.protection = SheetProtection(sheet=True)


def write_form(form: Form, path: str | Path, lang: str = "vi") -> Path:
    """Write one form to ``path`` (atomically) and return it; see the module's description."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.protection import SheetProtection

    lang = check_lang(lang)
    book = Workbook()
    _instructions_sheet(book, form, lang)
    placed = _data_sheet(book, form, lang)
    meta = book.create_sheet(METADATA_SHEET)
    data_sheet = book.worksheets[1].title
    for row in metadata_rows(FormMetadata(form.unit.slug, form.period.slug, form.body, form.collected_by.slug, lang,
                                          data_sheet, HEADER_ROW, tuple(placed), FORM_VERSION,
                                          package_version())):
        meta.append(list(row))
    meta.sheet_state = "hidden"
    meta.protection = SheetProtection(sheet=True)
    book.active = 1  # opens on the form; the instructions are the first tab
    book.security = WorkbookProtection(lockStructure=True)  # no sheet added, removed, renamed or unhidden by a slip
    properties = book.properties
    properties.title = gettext("form.doc_title", lang, unit=form.unit.name(lang), period=form.period.label(lang),
                               body=form.body)
    properties.subject = f"{form.unit.slug} {form.period.slug}"
    properties.keywords = f"dxanalysis-form; version={FORM_VERSION}; unit={form.unit.slug}; " \
                          f"period={form.period.slug}"
    properties.description = form.body
    properties.creator = properties.lastModifiedBy = "dxanalysis"
    properties.created = FIXED_TIME
    path = Path(path)
    write_bytes_atomic(path, _fixed_bytes(book))
    return path


def _fixed_bytes(book: Any) -> bytes:
    """The workbook's bytes with every date fixed (the zip entries' and the modified date openpyxl sets)."""
    raw = io.BytesIO()
    book.save(raw)
    fixed = io.BytesIO()
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>",
                              data)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return fixed.getvalue()


def write_forms(unit: str, period: str | Period, data_dir: str | Path = "data/raw", out: str | Path | None = None,
                reports_dir: str | Path = "reports", lang: str = "vi") -> list[Path]:
    """Write every form of ``unit`` × ``period`` into ``out`` (default ``reports/<unit>/<period>/forms/``);
    return their paths. The raw data folder is never written to. See the module's example."""
    from dxanalysis.slugs import outside

    forms = plan_forms(unit, period, data_dir, lang)
    if out is not None:
        folder = Path(out)
    else:  # the unit's slug as the registry spells it, the period's slug whatever phrase named it
        folder = Path(reports_dir) / forms[0].collected_by.slug / forms[0].period.slug / "forms"
    outside(folder, data_dir)
    return [write_form(form, folder / form.file_name, lang) for form in forms]
