"""What a collection form says about itself: the metadata :mod:`dxanalysis.publish.forms` stores in it.

Every form ``dxanalysis forms`` writes carries, in a hidden sheet named :data:`METADATA_SHEET`
(``_dxanalysis``), two columns ``key | value``: the format (:data:`FORM_FORMAT`), the form's
version (:data:`FORM_VERSION`), the unit whose figures it collects, the period, the body that
fills it in, the unit that sent it (the district, for a commune's form), its language, the data
sheet's name and header row, the package version; then one row ``indicator | <code> | <row>`` per
indicator, in the order the form lists them. A returned file therefore says what it is whatever it
has been renamed to; its rows are matched by the catalog code in the data sheet's first column
(:data:`CODE_HEADER`), never by position.

:func:`read_form_metadata` reads that sheet back.

Examples
--------
>>> import tempfile, pathlib
>>> from openpyxl import Workbook
>>> path = pathlib.Path(tempfile.mkdtemp()) / "renamed by the sender.xlsx"
>>> book = Workbook()
>>> sheet = book.create_sheet(METADATA_SHEET)
>>> for row in metadata_rows(FormMetadata("hong-ngu", "2023-H1", "Phòng Nội vụ", "hong-ngu", "vi", "Biểu mẫu", 6,
...                                       (("gov.online_dossier_rate", 7),))):
...     sheet.append(row)
>>> book.save(path)
>>> meta = read_form_metadata(path)
>>> meta.unit, meta.period, meta.body, meta.version, meta.rows
('hong-ngu', '2023-H1', 'Phòng Nội vụ', 1, (('gov.online_dossier_rate', 7),))
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dxanalysis.exceptions import InputFileError
from dxanalysis.i18n import Message

__all__ = ["CODE_HEADER", "FORM_FORMAT", "FORM_VERSION", "METADATA_SHEET", "FormMetadata", "metadata_rows",
           "read_form_metadata"]

FORM_FORMAT = "dxanalysis-form"
FORM_VERSION = 1  # raised when the layout of a form changes in a way a reader must know
METADATA_SHEET = "_dxanalysis"
# the data sheet's first column: the indicator's catalog code (a header no indicator reader takes for a column)
CODE_HEADER = {"vi": "Mã số", "en": "Ref."}
_SCALARS = ("format", "form_version", "unit", "period", "body", "collected_by", "lang", "data_sheet", "header_row",
            "package_version")


@dataclass(frozen=True)
class FormMetadata:
    """What a form says about itself.

    ``unit`` is the unit whose figures the form collects (a commune, on a commune's form);
    ``collected_by`` the unit that sent it (the district); ``data_sheet`` and ``header_row`` where
    its table is; ``rows`` each indicator's code with the row the form put it on (rows may since
    have been moved: read them by the code column).
    """

    unit: str
    period: str
    body: str
    collected_by: str
    lang: str
    data_sheet: str
    header_row: int
    rows: tuple[tuple[str, int], ...]
    version: int = FORM_VERSION
    package_version: str = ""

    @property
    def codes(self) -> list[str]:
        """The indicators' codes, in the form's order."""
        return [code for code, _ in self.rows]


def metadata_rows(meta: FormMetadata) -> list[tuple]:
    """The rows of the metadata sheet for ``meta`` (see the module's example).

    >>> metadata_rows(FormMetadata("a", "2023-H1", "b", "a", "vi", "s", 6, ()))[:2]
    [('format', 'dxanalysis-form'), ('form_version', 1)]
    """
    values = {"format": FORM_FORMAT, "form_version": meta.version, "unit": meta.unit, "period": meta.period,
              "body": meta.body, "collected_by": meta.collected_by, "lang": meta.lang, "data_sheet": meta.data_sheet,
              "header_row": meta.header_row, "package_version": meta.package_version}
    return [(key, values[key]) for key in _SCALARS] + [("indicator", code, row) for code, row in meta.rows]


def read_form_metadata(path: str | Path) -> FormMetadata:
    """The metadata of a form ``dxanalysis forms`` wrote, whatever the file is now called.

    A file that is not a workbook, has no ``_dxanalysis`` sheet, or comes from a newer version of
    the form than this package reads is an :class:`~dxanalysis.exceptions.InputFileError` that says
    so. See the module's example.
    """
    from dxanalysis.read.limits import check_workbook

    path = Path(path)
    if not path.is_file():
        raise InputFileError(path, Message("error.file_missing"), Message("hint.form_missing"))
    check_workbook(path)
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        raise InputFileError(path, Message("error.cannot_open_workbook", {"error": err}),
                             Message("hint.not_a_form")) from None
    try:
        if METADATA_SHEET not in book.sheetnames:
            raise InputFileError(path, Message("error.not_a_form", {"sheet": METADATA_SHEET}), Message("hint.not_a_form"))
        values: dict[str, object] = {}
        rows: list[tuple[str, int]] = []
        for cells in book[METADATA_SHEET].iter_rows(values_only=True):
            key = str(cells[0] or "").strip() if cells else ""
            if key == "indicator" and len(cells) >= 3 and cells[1]:
                rows.append((str(cells[1]).strip(), _int(cells[2])))
            elif key in _SCALARS and len(cells) >= 2:
                values[key] = cells[1]
    finally:
        book.close()
    if values.get("format") != FORM_FORMAT or not values.get("unit") or not values.get("period"):
        raise InputFileError(path, Message("error.not_a_form", {"sheet": METADATA_SHEET}), Message("hint.not_a_form"))
    version = _int(values.get("form_version"))
    if not 1 <= version <= FORM_VERSION:
        raise InputFileError(path, Message("error.form_version", {"version": values.get("form_version"),
                                                                  "supported": FORM_VERSION}),
                             Message("hint.form_version"))
    text = {key: str(values.get(key) or "") for key in _SCALARS}
    return FormMetadata(text["unit"], text["period"], text["body"], text["collected_by"] or text["unit"],
                        text["lang"] or "vi", text["data_sheet"], _int(values.get("header_row")), tuple(rows),
                        version, text["package_version"])


def _int(value: object) -> int:
    """A whole number stored in a cell (``7``, ``7.0``, ``"7"``), ``0`` when it is none."""
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return 0
    return int(number) if number.is_integer() else 0
