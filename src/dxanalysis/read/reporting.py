"""Who reports what: the unit's responsibilities table, ``data/raw/<unit>/reporting.csv``.

One row per indicator and the body (office, department) that reports its figure. Columns, in
Vietnamese or English, read by :mod:`dxanalysis.read.table` (any encoding it reads, ``,`` ``;``
tab or ``|``, title lines above the header skipped, or an ``.xlsx``):

* ``Chỉ tiêu`` (``indicator``, ``code``; required): a catalog code or a name the catalog knows,
  exactly or typed without accents (a near miss is not guessed);
* ``Cơ quan báo cáo`` (``Đơn vị báo cáo``, ``body``, ``reported by``; required): the body, as its
  name should be printed on its form (``Phòng Văn hóa và Thông tin``), or :data:`COMMUNES`
  (``các xã``, ``xã``, ``cấp xã``, ``communes``): each commune (every unit whose ``parent`` in
  ``units.csv`` is this unit) reports its own figure, on a form of its own;
* ``Liên hệ`` (``contact``), ``Email`` (``e-mail``), ``Ghi chú`` (``note``), ``Nguồn``
  (``source``): optional, printed on the body's form.

An indicator is assigned to one body; it may in addition be assigned to the communes (the
district's figure from a body, each commune's from the commune). Every problem — an indicator the
catalog does not know, a blank body, an indicator assigned twice — is listed in one
:class:`~dxanalysis.exceptions.InputFileError` naming the file, row, column and value.

Examples
--------
>>> import tempfile, pathlib
>>> from dxanalysis.read.catalog import load_catalog
>>> path = pathlib.Path(tempfile.mkdtemp()) / "reporting.csv"
>>> _ = path.write_text("Chỉ tiêu,Cơ quan báo cáo\\n"
...                     "Tỷ lệ hồ sơ TTHC xử lý trực tuyến,Văn phòng HĐND và UBND\\n"
...                     "gov.online_dossier_rate,các xã\\n", encoding="utf-8")
>>> table = read_reporting(path, load_catalog())
>>> table.bodies()
['Văn phòng HĐND và UBND']
>>> table.indicators_of("Văn phòng HĐND và UBND"), table.commune_indicators()
(['gov.online_dossier_rate'], ['gov.online_dossier_rate'])
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dxanalysis.exceptions import InputFileError
from dxanalysis.i18n import Joined, Message
from dxanalysis.read.catalog import Catalog
from dxanalysis.read.table import ColumnSpec, read_table
from dxanalysis.vntext import match_key, strip_diacritics

__all__ = ["COMMUNES", "REPORTING", "REPORTING_FILE", "Assignment", "ReportingTable", "is_communes",
           "read_reporting", "reporting_path"]

REPORTING_FILE = "reporting.csv"
# the body that means "each commune reports its own figure" (compared without accents and case)
COMMUNES = ("các xã", "xã", "cấp xã", "ubnd các xã", "ubnd cấp xã", "các xã, phường, thị trấn",
            "xã, phường, thị trấn", "communes", "commune", "each commune", "the communes")
REPORTING = ColumnSpec(
    Message("file_kind.reporting"),
    {"indicator": ("chỉ tiêu", "tên chỉ tiêu", "mã chỉ tiêu", "indicator", "code"),
     "body": ("cơ quan báo cáo", "đơn vị báo cáo", "cơ quan", "đơn vị thực hiện", "cơ quan chủ trì", "body",
              "reporting body", "reported by"),
     "contact": ("liên hệ", "người liên hệ", "cán bộ đầu mối", "đầu mối", "contact"),
     "email": ("email", "e-mail", "thư điện tử"),
     "note": ("ghi chú", "note", "notes"),
     "source": ("nguồn", "source")},
    ("indicator", "body"),
    Message("hint.header_must_be", {"header": "Chỉ tiêu,Cơ quan báo cáo,Liên hệ,Email,Ghi chú"}))
_COMMUNE_KEYS = frozenset(strip_diacritics(match_key(text)) for text in COMMUNES)


def is_communes(body: str) -> bool:
    """True when ``body`` means the communes, each reporting its own figure.

    >>> is_communes("Các xã"), is_communes("cac xa"), is_communes("Communes"), is_communes("Phòng Nội vụ")
    (True, True, True, False)
    """
    return strip_diacritics(match_key(body)) in _COMMUNE_KEYS


@dataclass(frozen=True)
class Assignment:
    """One row of the table: ``indicator`` (a catalog code) reported by ``body``."""

    indicator: str
    body: str
    contact: str = ""
    email: str = ""
    note: str = ""
    source: str = ""
    row: int = 0  # the row of the file it came from

    @property
    def communes(self) -> bool:
        """True when each commune reports its own figure of the indicator."""
        return is_communes(self.body)


@dataclass(frozen=True)
class ReportingTable:
    """The rows of a ``reporting.csv``, in the file's order; ``path`` is the file read."""

    path: str
    assignments: tuple[Assignment, ...]

    def bodies(self) -> list[str]:
        """The bodies (not the communes), each once, in the order the file first names them."""
        return list(dict.fromkeys(a.body for a in self.assignments if not a.communes))

    def indicators_of(self, body: str) -> list[str]:
        """The codes ``body`` reports, in the file's order."""
        return [a.indicator for a in self.assignments if a.body == body]

    def rows_of(self, body: str) -> list[Assignment]:
        """The rows that assign an indicator to ``body``."""
        return [a for a in self.assignments if a.body == body]

    def commune_indicators(self) -> list[str]:
        """The codes each commune reports for itself, in the file's order."""
        return [a.indicator for a in self.assignments if a.communes]

    def commune_rows(self) -> list[Assignment]:
        """The rows that assign an indicator to the communes."""
        return [a for a in self.assignments if a.communes]


def reporting_path(data_dir: str | Path, unit: str) -> Path:
    """Where a unit's table lives: ``<data_dir>/<unit>/reporting.csv``.

    >>> reporting_path("data/raw", "hong-ngu").as_posix()
    'data/raw/hong-ngu/reporting.csv'
    """
    return Path(data_dir) / unit / REPORTING_FILE


def read_reporting(path: str | Path, catalog: Catalog, lang: str = "vi") -> ReportingTable:
    """Read a responsibilities table; a missing file is an :class:`InputFileError` saying how to start one.

    See the module's example. Every bad cell is named in one error:

    >>> import io, tempfile, pathlib
    >>> from dxanalysis.read.catalog import load_catalog
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "reporting.csv"
    >>> _ = path.write_text("indicator,body\\nXếp hạng ABC,Phòng Nội vụ\\ngov.online_dossier_rate,\\n", encoding="utf-8")
    >>> read_reporting(path, load_catalog())
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: ...reporting.csv: dòng 2, cột 'indicator': 'Xếp hạng ABC' không phải chỉ tiêu trong danh mục ...
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(path, Message("error.no_reporting_table"), Message("hint.no_reporting_table"))
    table = read_table(path, REPORTING, lang)
    header = table.header
    assignments: list[Assignment] = []
    problems: list[Message] = []
    first: dict[tuple[str, bool], tuple[int, str]] = {}  # (code, communes) -> (row, body) that first assigns it
    for record in table.frame.to_dict("records"):
        row, typed, body = record["_row"], record["indicator"], record["body"]
        match = catalog.match(typed)
        code = match.code if match.how in ("exact", "loose") else None
        if not typed:
            problems.append(Message("error.reporting_no_indicator", {"row": row, "column": header["indicator"]}))
        elif code is None:
            problems.append(Message("error.target_not_indicator", {
                "row": row, "column": header["indicator"], "value": typed,
                "candidates": ", ".join(catalog.candidates(typed)) or "—"}))
        if not body:
            problems.append(Message("error.reporting_no_body", {
                "row": row, "column": header["body"], "value": typed}))
        if code is None or not body:
            continue
        key = (code, is_communes(body))
        if key in first:
            problems.append(Message("error.reporting_twice", {
                "row": row, "column": header["indicator"], "value": typed, "code": code,
                "other": first[key][1], "first_row": first[key][0]}))
            continue
        first[key] = (row, body)
        assignments.append(Assignment(code, body, *(record.get(c, "") for c in ("contact", "email", "note", "source")),
                                      row=row))
    if problems:
        raise InputFileError(path, Message("error.target_rows", {"problems": Joined(tuple(problems), "; ")}),
                             Message("hint.reporting_rows"))
    return ReportingTable(str(path), tuple(assignments))
