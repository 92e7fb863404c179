"""Forms back in: the workbooks ``dxanalysis forms`` wrote, filled in and returned by the bodies.

Returned files are dropped, under any name, into ``data/raw/<unit>/<period>/forms/`` (lock files
``~$…`` and hidden files are skipped). :func:`read_returned_form` reads one: its hidden metadata
sheet (:func:`dxanalysis.read.forms.read_form_metadata`) says which unit, period and body it is
for, and a form for another unit or period, of a newer version, or a workbook that is not a form
is an :class:`~dxanalysis.exceptions.InputFileError` saying what it says, what the folder is and
how to fix it.

The data sheet is read by the catalog code in its first column (``Mã số``), never by position:
rows moved, rows inserted, the protection removed — each figure is still the right indicator's.
The input columns (``Tử số``, ``Mẫu số``, ``Giá trị``, ``Ghi chú``) are found by their headers.
The result is a :class:`~dxanalysis.read.indicators.RawTable` like the one a typed
``indicators.csv`` gives (cells as text, Excel's numbers written the way the form's language types
them), with the sheet's real row numbers, so :func:`dxanalysis.check.clean.clean_indicators`
checks a form's figures exactly as a typed table's and its findings name file, sheet and cell.
A row left blank is not reported: its code is listed in :attr:`ReturnedForm.blank`.

Examples
--------
>>> import tempfile, pathlib
>>> from openpyxl import load_workbook
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> from dxanalysis.publish.forms import write_forms
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "hong-ngu" / "2023-H1"
>>> path = write_forms("hong-ngu", "2023-H1", EXAMPLE_DATA_DIR, out=folder / "forms")[1]
>>> book = load_workbook(path); sheet = book.worksheets[1]
>>> sheet["G7"], sheet["H7"] = 9475, 15684
>>> book.save(path)
>>> form = read_returned_form(path, "hong-ngu", "2023-H1")
>>> form.meta.body, form.raw.frame[["indicator", "numerator", "denominator", "_row", "_cell"]].values.tolist()
('Văn phòng HĐND và UBND', [['gov.online_dossier_rate', '9.475', '15.684', 7, 'G7:H7']])
>>> form.blank
('gov.digital_signature_rate', 'gov.online_services_with_dossiers_rate')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dxanalysis.exceptions import InputFileError
from dxanalysis.i18n import Message
from dxanalysis.read.forms import CODE_HEADER, FormMetadata, read_form_metadata
from dxanalysis.read.indicators import RawTable, header_column
from dxanalysis.read.table import Grid, read_workbook
from dxanalysis.vntext import clean_text, match_key

__all__ = ["FORMS_DIR", "INPUT_COLUMNS", "ReturnedForm", "find_returned_forms", "read_returned_form"]

FORMS_DIR = "forms"  # the period folder's subfolder the returned forms are dropped into
INPUT_COLUMNS = ("numerator", "denominator", "value", "note")  # what a body fills in, by header
FIGURE_INPUTS = ("numerator", "denominator", "value")
_SUFFIXES = (".xlsx", ".xlsm")
_CODE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")  # a catalog code (gov.online_dossier_rate)
_CODE_HEADERS = {match_key(text) for text in CODE_HEADER.values()}


@dataclass(frozen=True)
class ReturnedForm:
    """One returned form: what it says about itself, its rows as a raw table, the codes left blank."""

    path: str
    meta: FormMetadata
    raw: RawTable
    blank: tuple[str, ...]  # codes of the form with no figure given (blank rows, or rows deleted)

    @property
    def file_name(self) -> str:
        """The file's name, as returned."""
        return Path(self.path).name


def find_returned_forms(period_dir: str | Path) -> list[Path]:
    """The returned forms of a period folder: ``<period_dir>/forms/*.xlsx``, by name, lock files and
    hidden files left out.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "forms").mkdir()
    >>> for name in ("b.xlsx", "a.XLSX", "~$b.xlsx", ".a.xlsx", "notes.txt"):
    ...     _ = (folder / "forms" / name).write_bytes(b"")
    >>> [p.name for p in find_returned_forms(folder)]
    ['a.XLSX', 'b.xlsx']
    """
    folder = Path(period_dir) / FORMS_DIR
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in _SUFFIXES
                   and not p.name.startswith(("~$", "."))), key=lambda p: p.name)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _check_target(path: Path, meta: FormMetadata, unit: str, period: str) -> None:
    """Refuse a form for another unit or period than the folder it was dropped into."""
    if _nfc(meta.unit) != _nfc(unit) or meta.period != period:
        folder = "/".join((meta.unit, meta.period, FORMS_DIR))
        raise InputFileError(path, Message("error.form_elsewhere", {
            "form_unit": meta.unit, "form_period": meta.period, "body": meta.body, "unit": unit, "period": period}),
            Message("hint.form_elsewhere", {"folder": folder, "unit": unit,
                                             "period": period}))


def _data_grid(grids: list[Grid], meta: FormMetadata, path: Path) -> tuple[Grid, int]:
    """The data sheet (by the name the metadata gives, else the first visible sheet with a ``Mã số``
    header) and its header row (0-based), wherever rows were inserted above it."""
    named = [g for g in grids if g.name == meta.data_sheet]
    others = [g for g in grids if g.name != meta.data_sheet and not g.hidden]
    for grid in named + others:
        for index, row in enumerate(grid.rows):
            if row and match_key(clean_text(row[0])) in _CODE_HEADERS:
                return grid, index
    raise InputFileError(path, Message("error.form_no_table", {"sheet": meta.data_sheet,
                                                               "header": CODE_HEADER[meta.lang]}),
                         Message("hint.form_no_table"))


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def read_returned_form(path: str | Path, unit: str, period: str, lang: str | None = None) -> ReturnedForm:
    """Read one returned form of ``unit`` × ``period`` (slugs); see the module's description.

    ``lang`` is the number format its typed cells are read in (default: the form's language).
    The table's ``source`` column names the body; ``_cell`` the cells the figures were given in
    (``G7:H7``); ``_sheet`` the data sheet.
    """
    path = Path(path)
    meta = read_form_metadata(path)
    _check_target(path, meta, unit, period)
    lang = lang or meta.lang
    grid, header_index = _data_grid(read_workbook(path, lang), meta, path)
    header_cells = [clean_text(c) for c in grid.rows[header_index]]
    positions: dict[str, int] = {}
    header = {"indicator": header_cells[0]}
    for position, text in enumerate(header_cells):
        column = header_column(text) if text else None
        if column in INPUT_COLUMNS and column not in positions:
            positions[column], header[column] = position, text
    if not {"value", "numerator"} & positions.keys():
        raise InputFileError(path, Message("error.form_no_table", {"sheet": grid.name,
                                                                   "header": CODE_HEADER[meta.lang]}),
                             Message("hint.form_no_table"))
    records: list[dict] = []
    seen: set[str] = set()
    for index in range(header_index + 1, len(grid.rows)):
        cells = grid.rows[index]
        code = clean_text(cells[0]) if cells else ""
        if not _CODE.match(code):
            continue  # a row inserted for notes or a signature, a blank line: not an indicator's
        typed = {c: clean_text(cells[p]) if p < len(cells) else "" for c, p in positions.items()}
        filled = [positions[c] for c in FIGURE_INPUTS if c in positions and typed[c]]
        if not filled:
            continue  # not reported (a note alone gives no figure)
        seen.add(code)
        first, last = _column_letter(min(filled)), _column_letter(max(filled))
        number = index + 1
        cell = f"{first}{number}" if first == last else f"{first}{number}:{last}{number}"
        records.append({"indicator": code, **typed, "source": meta.body, "_row": number, "_sheet": grid.name,
                        "_cell": cell})
    columns = ["indicator", *positions, "source", "_row", "_sheet", "_cell"]
    frame = pd.DataFrame(records, columns=columns)
    text = [c for c in columns if c not in ("_row",)]
    frame[text] = frame[text].fillna("").astype("object")
    frame = frame.astype({"_row": "int64"})
    raw = RawTable(str(path), frame, header, grid.name, sheet_headers={grid.name or "": header})
    blank = tuple(code for code in meta.codes if code not in seen)
    return ReturnedForm(str(path), meta, raw, blank)
