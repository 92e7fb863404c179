"""One reader for every tabular input: files to rows of cell text, with a located header.

Every table the project reads (indicator forms, the dossier register and
the procedure list, ``units.csv``, ``targets.csv``, the catalog override)
comes through here, so each gets the same robustness and the same errors:

* **bytes to text** (:func:`detect_encoding`): UTF-8 with or without BOM,
  UTF-16 (Excel's "Unicode text", with or without BOM), Vietnamese
  Windows-1258; anything else is an :class:`InputFileError` saying how to
  re-save the file;
* **delimiter** (:func:`choose_delimiter`): ``,`` ``;`` tab or ``|``, the one
  under which a row names the most known columns (``csv.Sniffer`` is fooled
  by title lines above the header);
* **header** (:func:`find_header_row`, :func:`name_columns`): the first of
  the first :data:`SEARCH_ROWS` rows naming every required column, compared
  after :func:`~dxanalysis.vntext.loose_key`; title and agency lines above it are skipped;
* **workbooks** (:func:`read_workbook`): every sheet as cell text, with its
  merged ranges and the formulas Excel never computed (openpyxl); large
  workbooks whose number formats and merged cells do not matter are read by
  python-calamine (``fast=True``), several times faster;
* **Parquet** (:func:`parquet_columns`): the column names are the header;
* **structure**: a missing file, an unsupported suffix, an empty file, a
  header without rows, no header, a missing required column or one column
  named twice is an :class:`InputFileError` naming the file, in one line,
  with how to fix it.

Nothing here writes to an input file.

Examples
--------
>>> import tempfile, pathlib
>>> spec = ColumnSpec("unit registry", {"slug": ("slug", "mã đơn vị"), "name_vi": ("name_vi", "tên")},
...                   required=("slug", "name_vi"))
>>> path = pathlib.Path(tempfile.mkdtemp()) / "units.csv"
>>> _ = path.write_bytes("DANH SÁCH ĐƠN VỊ\\nMã đơn vị;Tên\\nhong-ngu;huyện Hồng Ngự\\n".encode("utf-16"))
>>> table = read_table(path, spec)
>>> table.frame.to_dict("records"), table.header, table.encoding
([{'slug': 'hong-ngu', 'name_vi': 'huyện Hồng Ngự', '_row': 3}], {'slug': 'Mã đơn vị', 'name_vi': 'Tên'}, 'utf-16')
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis.i18n import Message
from dxanalysis.read.limits import FORM_LIMITS, MAX_TABLE_BYTES, REGISTER_LIMITS, check_workbook
from dxanalysis.exceptions import InputFileError
from dxanalysis.numerals import format_number
from dxanalysis.vntext import clean_text, is_vietnamese_letter, loose_key

SEARCH_ROWS = 30  # exports and forms put at most a few title lines above the header
DELIMITERS = (",", ";", "\t", "|")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OLD_WORKBOOK_SUFFIXES = (".xls", ".ods")
SAVE_AS_UTF8 = Message("hint.save_as_utf8")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Non-letters a Windows-1258 file of Vietnamese text may hold.
_CP1258_SYMBOLS = frozenset("“”‘’–—…•°×€§«»·±²³¼½¾\u00a0")


# --- bytes to text --------------------------------------------------------------------------------

def detect_encoding(data: bytes, path: str | Path) -> tuple[str, str]:
    """Decode a text file and say how: UTF-8 (± BOM), UTF-16, or Windows-1258 Vietnamese.

    Windows-1258 is accepted only when the result reads as Vietnamese; text
    that fits no encoding is an :class:`InputFileError` saying how to re-save.

    >>> detect_encoding("Tỷ lệ".encode("utf-8-sig"), "a.csv")
    ('Tỷ lệ', 'utf-8-sig')
    >>> detect_encoding(b"T\\xfd l\\xea\\xf2", "a.csv")  # "Tư lệ" saved by a Vietnamese Windows
    ('Tư lệ', 'cp1258')
    >>> detect_encoding(b"Stra\\xdfe", "a.csv")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: a.csv: tệp không phải UTF-8 (byte b'\\xdf' ở vị trí 4), và đọc theo Windows-1258 thì không ra văn bản tiếng Việt (gặp 'ß'). Lưu lại tệp từ Excel dạng “CSV UTF-8 (Comma delimited)”.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as err:
            raise InputFileError(path, Message("error.bad_utf8_after_bom", {
                "byte": data[err.start:err.start + 1], "offset": err.start}), SAVE_AS_UTF8) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputFileError(path, Message("error.bad_utf16"),
                                 SAVE_AS_UTF8) from None
    if data.startswith(b"PK\x03\x04"):
        raise InputFileError(path, Message("error.zip_not_csv"),
                             Message("hint.zip_not_csv"))
    bomless = _bomless_utf16(data)
    if bomless:
        try:
            return data.decode(bomless), bomless
        except UnicodeDecodeError:
            raise InputFileError(path, Message("error.bad_bomless_utf16"),
                                 SAVE_AS_UTF8) from None
    if b"\x00" in data:
        raise InputFileError(path, Message("error.nul_bytes"), SAVE_AS_UTF8)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        where = Message("error.byte_at", {"byte": data[err.start:err.start + 1], "offset": err.start})
    valid_sequences = len(_UTF8_SEQUENCE.findall(data))
    invalid_bytes = data.decode("utf-8", errors="replace").count("\ufffd")
    if valid_sequences and valid_sequences * 10 >= invalid_bytes:
        raise InputFileError(path, Message("error.mixed_encoding", {"where": where}),
                             SAVE_AS_UTF8)
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        raise InputFileError(path, Message("error.not_utf8_nor_cp1258", {"where": where}), SAVE_AS_UTF8) from None
    foreign = sorted({ch for ch in text if not ch.isascii() and not is_vietnamese_letter(ch)
                      and ch not in _CP1258_SYMBOLS})
    if foreign or not any(is_vietnamese_letter(ch) for ch in text):
        found = "".join(foreign[:8]) or Message("error.no_vietnamese_letter")
        raise InputFileError(path, Message("error.not_vietnamese_cp1258", {"where": where, "found": found}),
                             SAVE_AS_UTF8)
    return text, "cp1258"


def _bomless_utf16(data: bytes) -> str | None:
    # UTF-16 of mostly-ASCII text has a NUL in every other byte.
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str | Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16, or Vietnamese Windows-1258.

    >>> decode_bytes("Chỉ tiêu".encode("utf-16"), "a.csv")
    'Chỉ tiêu'
    >>> decode_bytes(b"\\xff\\xfe\\x00\\xd8", "a.csv")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: a.csv: không giải mã được tệp theo UTF-16 dù tệp bắt đầu bằng dấu UTF-16. Lưu lại tệp từ Excel dạng “CSV UTF-8 (Comma delimited)”.
    """
    return detect_encoding(data, path)[0]


def is_utf8_compatible(encoding: str) -> bool:
    """True when a file in ``encoding`` can be handed to a UTF-8 parser (Arrow) as it is.

    >>> is_utf8_compatible("utf-8-sig"), is_utf8_compatible("cp1258")
    (True, False)
    """
    return encoding in ("utf-8", "utf-8-sig")


def read_text(path: str | Path, max_bytes: int | None = MAX_TABLE_BYTES) -> tuple[str, str]:
    """The text of a CSV file and its encoding; an empty file is an :class:`InputFileError`.

    A file over ``max_bytes`` is refused before it is read (a form or a small
    table is far smaller; registers, read in pieces by Arrow, pass ``None``).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "units.csv"
    >>> _ = path.write_bytes(b"")
    >>> read_text(path)
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: ...units.csv: tệp rỗng. Lưu lại tệp có dòng tiêu đề và số liệu.
    """
    path = Path(path)
    if max_bytes is not None and path.stat().st_size > max_bytes:
        raise InputFileError(path, Message("error.file_too_large", {"size": path.stat().st_size, "limit": max_bytes}),
                             Message("hint.file_too_large"))
    text, encoding = detect_encoding(path.read_bytes(), path)
    if not text.strip():
        raise _empty(path)
    return text, encoding


def _empty(path: str | Path) -> InputFileError:
    return InputFileError(path, Message("error.file_empty"), Message("hint.file_empty"))


def utf8_source(path: str | Path, head_size: int = 1 << 16) -> tuple[bytes | None, str, str]:
    """What a UTF-8-only parser (Arrow) should read, and the file's first lines as text.

    Returns ``(data, head, encoding)``: ``data`` is ``None`` when the file
    already is UTF-8 (the parser reads it in place, without a copy in
    memory), else the whole file transcoded to UTF-8; ``head`` is the text of
    about the first ``head_size`` bytes, cut at a line end.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "register.csv"
    >>> _ = path.write_bytes("Mã;Kênh\\nA;trực tuyến\\n".encode("utf-16"))
    >>> data, head, encoding = utf8_source(path)
    >>> data.decode("utf-8") == head, encoding
    (True, 'utf-16')
    """
    path = Path(path)
    with open(path, "rb") as handle:
        raw = handle.read(head_size)
        more = bool(handle.read(1))
    # UTF-16 has two bytes a character: transcode the whole file rather than cut inside one.
    if not (raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _bomless_utf16(raw)):
        cut = raw[: raw.rfind(b"\n") + 1] or raw if more else raw
        head, encoding = detect_encoding(cut, path)
        if is_utf8_compatible(encoding):
            if not head.strip() and not more:
                raise _empty(path)
            return None, head, encoding
    text, encoding = read_text(path, max_bytes=None)  # a register: any size
    data = text.encode("utf-8")
    cut = data[:head_size]
    return data, (cut[: cut.rfind(b"\n") + 1] or cut).decode("utf-8", errors="ignore"), encoding


# --- headers --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ColumnSpec:
    """The columns a kind of file holds: canonical name → the header texts that mean it.

    ``what`` names the file in messages; ``header_hint`` tells how to write
    the header when it is not found (default: the aliases of the missing
    column); ``match`` replaces the plain alias lookup when a kind of file
    needs more (indicator forms strip remarks and periods from headers).

    >>> spec = ColumnSpec("plan", {"target_year": ("năm mục tiêu", "target year")})
    >>> spec.column_of("Nam muc tieu"), spec.column_of("TARGET_YEAR"), spec.column_of("Ghi chú")
    ('target_year', 'target_year', None)
    """

    what: Message | str
    aliases: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...] = ()
    header_hint: Message | str = ""
    match: Callable[[str], str | None] | None = None

    @cached_property
    def _by_key(self) -> dict[str, str]:
        return {loose_key(a): c for c, aliases in self.aliases.items() for a in (c, *aliases)}

    def lookup(self, key: str) -> str | None:
        """The canonical column of an already folded header ``key``."""
        return self._by_key.get(key)

    def column_of(self, text: str) -> str | None:
        """The canonical column a header cell names, or ``None``."""
        if self.match is not None:
            return self.match(text)
        return self._by_key.get(loose_key(text)) if text else None


@dataclass
class Header:
    """Where the header is and what it names.

    ``index`` is the 0-based position of the header row among the rows read;
    ``positions``: canonical column → cell position (the first that names
    it); ``texts``: canonical column → header as typed; ``duplicates``:
    columns named by two *different* header texts (a merged cell repeats one
    text, which is the same column).
    """

    index: int
    positions: dict[str, int]
    texts: dict[str, str]
    duplicates: dict[str, list[str]] = field(default_factory=dict)


def name_columns(cells: list[Any], spec: ColumnSpec, index: int = 0) -> Header:
    """The columns the header ``cells`` name.

    >>> spec = ColumnSpec("units", {"slug": ("slug", "mã"), "name_vi": ("name_vi", "tên")})
    >>> header = name_columns(["Mã", "Tên", "Ghi chú", "slug"], spec)
    >>> header.positions, header.duplicates
    ({'slug': 0, 'name_vi': 1}, {'slug': ['Mã', 'slug']})
    """
    positions: dict[str, int] = {}
    texts: dict[str, str] = {}
    duplicates: dict[str, list[str]] = {}
    for position, cell in enumerate(cells):
        text = clean_text(str(cell if cell is not None else ""))
        column = spec.column_of(text) if text else None
        if column is None:
            continue
        if column not in positions:
            positions[column], texts[column] = position, text
        elif text != texts[column] and text not in duplicates.get(column, []):
            duplicates.setdefault(column, [texts[column]]).append(text)
    return Header(index, positions, texts, duplicates)


def find_header_row(rows: list[list[Any]], spec: ColumnSpec, path: str | Path) -> int:
    """The index of the header row: the first naming every required column and two known ones.

    A row naming every required column but only one column is taken when no
    better one comes; no such row in the first :data:`SEARCH_ROWS` rows is an
    :class:`InputFileError` naming the missing column.

    >>> spec = ColumnSpec("register", {"code": ("mã hồ sơ",), "channel": ("kênh",)}, required=("code", "channel"))
    >>> find_header_row([["UBND HUYỆN"], ["Mã hồ sơ", "Kênh"], ["A1", "online"]], spec, "r.csv")
    1
    >>> find_header_row([["Mã hồ sơ", "Ngày"]], spec, "r.csv")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: r.csv: thiếu cột bắt buộc 'channel' (dòng tiêu đề 1: 'Mã hồ sơ', 'Ngày'). Đặt tên cột là một trong: 'kênh'.
    """
    fallback = None
    best: tuple[int, int, int] = (-1, -1, 0)  # (required named, columns named, index): for the message
    for number, row in enumerate(rows[:SEARCH_ROWS]):
        columns = {spec.column_of(clean_text(str(c))) for c in row if c not in (None, "")} - {None}
        named = sum(c in columns for c in spec.required)
        if named == len(spec.required) and columns:
            if len(columns) >= 2 or len(spec.aliases) < 2:
                return number
            fallback = number if fallback is None else fallback
        if (named, len(columns)) > best[:2]:
            best = (named, len(columns), number)
    if fallback is not None:
        return fallback
    named, _, index = best
    if not spec.required:
        raise InputFileError(path, Message("error.no_known_column", {"rows": SEARCH_ROWS, "what": spec.what}),
                             spec.header_hint or Message("hint.add_header_row"))
    missing = [c for c in spec.required if c not in {spec.column_of(clean_text(str(x))) for x in rows[index]}] \
        if rows else list(spec.required)
    if named <= 0:
        raise InputFileError(path, Message("error.no_header_naming", {"columns": ", ".join(missing), "rows": SEARCH_ROWS}),
                             spec.header_hint or _name_it(spec, missing[0]))
    cells = ", ".join(repr(clean_text(str(c if c is not None else ""))) for c in rows[index])
    raise InputFileError(path, Message("error.register_column_missing", {
        "column": missing[0], "row": index + 1, "header": cells}), spec.header_hint or _name_it(spec, missing[0]))


def _name_it(spec: ColumnSpec, column: str) -> Message:
    return Message("hint.name_it_one_of", {"names": ", ".join(repr(a) for a in spec.aliases[column])})


def locate_header(rows: list[list[Any]], spec: ColumnSpec, path: str | Path) -> Header:
    """The header row of ``rows`` (:func:`find_header_row`) and the columns it names.

    >>> spec = ColumnSpec("targets", {"indicator": ("chỉ tiêu",), "target": ("mục tiêu",)}, required=("indicator",))
    >>> locate_header([["KẾ HOẠCH 2025"], ["Chỉ tiêu", "Mục tiêu"]], spec, "targets.csv").positions
    {'indicator': 0, 'target': 1}
    """
    index = find_header_row(rows, spec, path)
    return name_columns(rows[index], spec, index)


def fill_merged(rows: list[list[str]], merged: list[tuple[int, int, int, int]], upto: int) -> list[list[str]]:
    """A copy of the first ``upto`` rows with each merged range filled with its top-left text.

    Ranges are 1-based ``(min_row, min_col, max_row, max_col)``, as Excel names them.

    >>> fill_merged([["Kết quả", "", ""], ["Tử số", "Mẫu số", "Tỷ lệ"]], [(1, 1, 1, 3)], 2)
    [['Kết quả', 'Kết quả', 'Kết quả'], ['Tử số', 'Mẫu số', 'Tỷ lệ']]
    """
    filled = [list(r) for r in rows[:upto]]
    for min_row, min_col, max_row, max_col in merged:
        if min_row - 1 >= upto or min_row - 1 >= len(filled):
            continue
        top_left = rows[min_row - 1][min_col - 1] if min_col - 1 < len(rows[min_row - 1]) else ""
        for r in range(min_row - 1, min(max_row, upto, len(filled))):
            while len(filled[r]) < max_col:
                filled[r].append("")
            for c in range(min_col - 1, max_col):
                filled[r][c] = top_left
    return filled


# --- CSV ------------------------------------------------------------------------------------------

def split_rows(text: str, delimiter: str, path: str | Path, limit: int | None = None) -> list[list[str]]:
    """The rows of a CSV text (the first ``limit`` of them when given).

    >>> split_rows('a;"b;c"\\n1;2\\n', ";", "a.csv")
    [['a', 'b;c'], ['1', '2']]
    """
    try:
        return list(itertools.islice(csv.reader(io.StringIO(text), delimiter=delimiter), limit))
    except csv.Error as err:
        raise InputFileError(path, Message("error.cannot_read_csv", {"error": err}), SAVE_AS_UTF8) from None


def choose_delimiter(text: str, spec: ColumnSpec, path: str | Path) -> str:
    """The delimiter (``,`` ``;`` tab ``|``) under which the header names the most known columns.

    Ties go to the earlier delimiter; when no delimiter gives a header, the
    error is the one for a comma.

    >>> spec = ColumnSpec("units", {"slug": ("slug",), "name_vi": ("name_vi",)}, required=("slug",))
    >>> choose_delimiter("slug|name_vi\\nhong-ngu|Hồng Ngự, Đồng Tháp\\n", spec, "units.csv")
    '|'
    """
    best: tuple[int, str] | None = None
    first_error: InputFileError | None = None
    for delimiter in DELIMITERS:
        rows = split_rows(text, delimiter, path, SEARCH_ROWS)
        try:
            index = find_header_row(rows, spec, path)
        except InputFileError as err:
            first_error = first_error or err
            continue
        score = len({spec.column_of(clean_text(c)) for c in rows[index] if c} - {None})
        if best is None or score > best[0]:
            best = (score, delimiter)
    if best is None:
        raise first_error  # type: ignore[misc]
    return best[1]


# --- workbooks ------------------------------------------------------------------------------------

@dataclass
class Grid:
    """One sheet of a workbook (or a whole text file) as rows of cell text.

    ``merged``: merged ranges, 1-based ``(min_row, min_col, max_row, max_col)``;
    ``formulas``: ``(row, col)`` (1-based) → formula of cells Excel never
    computed (a workbook written by a program and not opened since);
    ``hidden``: the sheet is hidden (its rows are still read).
    """

    name: str | None
    rows: list[list[str]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    text_file: bool = False
    hidden: bool = False


def cell_text(value: object, number_format: str = "General", lang: str | None = None) -> str:
    """A workbook cell as the text a person would have typed in a CSV.

    With ``lang`` numbers are written that language's way (``9.475`` in
    Vietnamese) and percent-formatted cells get their ``%``, so they meet the
    same parser as typed text; without it numbers are plain (``12345``, codes
    stay codes). Dates are written day first.

    >>> cell_text(0.6041, "0.00%", "vi"), cell_text(9475, "General", "vi"), cell_text(12345.0)
    ('60,41%', '9.475', '12345')
    >>> cell_text(dt.datetime(2022, 7, 1, 8, 30)), cell_text(None), cell_text(0.75, "0%")
    ('01/07/2022', '', '75%')
    """
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""  # an empty cell (Parquet's null, NaN or NaT)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        percent = "%" in (number_format or "")
        number = value * 100 if percent else value
        if lang is not None:
            text = format_number(number, lang, decimals=10)
        elif float(number).is_integer():
            text = str(int(number))
        else:
            text = f"{number:.10f}".rstrip("0").rstrip(".")
        return text + ("%" if percent else "")
    if isinstance(value, (dt.datetime, dt.date)):
        # Excel turned what was typed into a date; write it as typed in Vietnam.
        return value.strftime("%d/%m/%Y")
    return str(value)


def _open_error(path: Path, err: Exception) -> InputFileError:
    error = ": ".join((type(err).__name__, str(err)))
    return InputFileError(path, Message("error.cannot_open_workbook", {"error": error}), Message("hint.check_xlsx"))


def read_workbook(path: str | Path, lang: str | None = None, fast: bool = False) -> list[Grid]:
    """Every sheet of a workbook as a :class:`Grid` of cell text (see :func:`cell_text` for ``lang``).

    ``fast`` reads with python-calamine: several times faster on large
    workbooks (a register of many thousand rows), but without number
    formats, merged ranges or uncomputed formulas, which reporting forms
    need (openpyxl, the default).

    >>> import tempfile, pathlib, openpyxl
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "form.xlsx"
    >>> book = openpyxl.Workbook(); sheet = book.active
    >>> sheet.append(["Kết quả", None]); sheet.append([0.6041, "=1/0"]); sheet.merge_cells("A1:B1")
    >>> sheet["A2"].number_format = "0.00%"; book.save(path)
    >>> grid = read_workbook(path, "vi")[0]
    >>> grid.rows, grid.merged, grid.formulas
    ([['Kết quả', ''], ['60,41%', '']], [(1, 1, 1, 2)], {(2, 2): '=1/0'})
    >>> read_workbook(path, fast=True)[0].rows  # no formats, no formulas; empty cells at the right end go
    [['Kết quả'], ['0.6041']]
    """
    path = Path(path)
    check_workbook(path, REGISTER_LIMITS if fast else FORM_LIMITS)  # before any cell is loaded
    return _read_workbook_fast(path, lang) if fast else _read_workbook_full(path, lang)


def _read_workbook_full(path: Path, lang: str | None) -> list[Grid]:
    import openpyxl  # only workbook users pay for the import

    try:
        values = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False)
    except Exception as err:  # openpyxl raises many unrelated types for a bad file
        raise _open_error(path, err) from None
    grids = []
    try:
        for sheet in values.worksheets:
            rows = [[cell_text(c.value, c.number_format or "", lang) for c in row] for row in sheet.iter_rows()]
            uncomputed = {}
            for row in formulas[sheet.title].iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith("=") \
                            and sheet.cell(cell.row, cell.column).value is None:
                        uncomputed[(cell.row, cell.column)] = cell.value
            merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
            grids.append(Grid(sheet.title, rows, merged, uncomputed, hidden=sheet.sheet_state != "visible"))
    finally:
        values.close()
        formulas.close()
    return grids


def _read_workbook_fast(path: Path, lang: str | None) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as err:  # calamine's errors are not one type either
        raise _open_error(path, err) from None
    grids = []
    try:
        for meta in workbook.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1].lower() != "worksheet":
                continue  # chart sheets hold no cells
            sheet = workbook.get_sheet_by_name(meta.name)
            # From cell A1, not from the first filled cell: row numbers stay the spreadsheet's.
            rows = [[cell_text(v, "General", lang) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            hidden = str(meta.visible).rsplit(".", 1)[-1].lower() != "visible"
            grids.append(Grid(meta.name, rows, hidden=hidden))
    except Exception as err:  # a damaged sheet inside a readable zip
        raise _open_error(path, err) from None
    finally:
        close = getattr(workbook, "close", None)
        if close:
            close()
    return grids


# --- Parquet --------------------------------------------------------------------------------------

def parquet_columns(path: str | Path, spec: ColumnSpec) -> tuple[list[str], Header]:
    """The column names of a Parquet file (its header, row 1) and the columns they name.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "register.parquet"
    >>> pd.DataFrame({"Mã hồ sơ": ["A"], "x": [1]}).to_parquet(path)
    >>> parquet_columns(path, ColumnSpec("register", {"code": ("mã hồ sơ",)}, ("code",)))[1].positions
    {'code': 0}
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)
    try:
        names = list(pq.read_schema(path).names)
    except (pa.ArrowException, OSError) as err:
        raise InputFileError(path, Message("error.cannot_read_parquet", {"error": err}),
                             Message("hint.export_register_again")) from None
    return names, locate_header([names], spec, path)


# --- whole tables ---------------------------------------------------------------------------------

def check_file(path: str | Path, suffixes: tuple[str, ...]) -> str:
    """The lower-case suffix of an input file that exists and is of a kind read here.

    >>> check_file("nowhere/units.csv", (".csv",))
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: nowhere/units.csv: tệp không tồn tại. Kiểm tra lại đường dẫn.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(path, Message("error.file_missing"), Message("hint.check_path"))
    suffix = path.suffix.lower()
    if suffix in OLD_WORKBOOK_SUFFIXES:
        raise InputFileError(path, Message("error.old_workbook", {"suffix": suffix}), Message("hint.save_as_xlsx"))
    if suffix not in suffixes:
        raise InputFileError(path, Message("error.unsupported_type", {"suffix": suffix}),
                             Message("hint.use_file_types", {"types": ", ".join(suffixes)}))
    return suffix


def no_rows(path: str | Path, spec: ColumnSpec) -> InputFileError:
    """The error for a file that holds its header but no data row.

    >>> print(no_rows("units.csv", ColumnSpec("unit registry", {"slug": ()})))
    units.csv: tệp có dòng tiêu đề nhưng không có dòng số liệu nào. Nhập các dòng của unit registry bên dưới dòng tiêu đề.
    """
    return InputFileError(path, Message("error.header_only"), Message("hint.header_only", {"what": spec.what}))


@dataclass
class TextTable:
    """A table read by :func:`read_table`: canonical columns as text, and ``_row``.

    ``header`` maps canonical names to the header as typed; ``encoding`` is
    the CSV's (``None`` for a workbook or Parquet file).
    """

    path: Path
    frame: pd.DataFrame
    header: dict[str, str]
    encoding: str | None = None


def read_table(path: str | Path, spec: ColumnSpec, lang: str | None = None) -> TextTable:
    """Read a small CSV, XLSX or Parquet table into text columns named as ``spec`` says.

    Cells are :func:`~dxanalysis.vntext.clean_text`-ed; blank rows are
    skipped; ``_row`` is the spreadsheet's row number; ``lang`` is the
    language numbers of a workbook are written in (:func:`cell_text`). A
    column two header cells name differently is an error (which one is
    meant?). See the module's example.
    """
    path = Path(path)
    suffix = check_file(path, (*TEXT_SUFFIXES, *WORKBOOK_SUFFIXES, ".parquet"))
    if suffix in TEXT_SUFFIXES:
        return table_from_text(*read_text(path), spec, path)
    if suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        names, header = parquet_columns(path, spec)
        try:
            frame = pq.read_table(path, columns=names).to_pandas()
        except (pa.ArrowException, OSError) as err:  # damaged pages behind a readable schema
            raise InputFileError(path, Message("error.cannot_read_parquet", {"error": err}),
                                 Message("hint.export_register_again")) from None
        rows = [names] + [[cell_text(v, "General", lang) for v in r] for r in frame.itertuples(index=False)]
    else:
        header, rows = first_sheet_with_header(read_workbook(path, lang), spec, path)
    return _text_table(rows, header, spec, path, None)


def table_from_text(text: str, encoding: str | None, spec: ColumnSpec, path: str | Path) -> TextTable:
    """A table from the decoded text of a CSV (``path`` names it in errors).

    >>> spec = ColumnSpec("unit registry", {"slug": ("slug",), "name_vi": ("name_vi",)}, ("slug", "name_vi"))
    >>> table_from_text("slug,name_vi\\n", "utf-8", spec, "units.csv")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: units.csv: tệp có dòng tiêu đề nhưng không có dòng số liệu nào. Nhập các dòng của unit registry bên dưới dòng tiêu đề.
    """
    if not text.strip():
        raise _empty(path)
    rows = split_rows(text, choose_delimiter(text, spec, path), path)
    return _text_table(rows, locate_header(rows, spec, path), spec, Path(path), encoding)


def _text_table(rows: list[list[Any]], header: Header, spec: ColumnSpec, path: Path,
                encoding: str | None) -> TextTable:
    for column, texts in header.duplicates.items():
        raise InputFileError(path, Message("error.columns_mean_same", {
            "headers": ", ".join(repr(t) for t in texts), "row": header.index + 1, "column": column}),
            Message("hint.keep_one_or_rename"))
    records = []
    for number, row in enumerate(rows[header.index + 1:], start=header.index + 2):
        if any(clean_text(str(c)) for c in row):
            cells = {c: clean_text(str(row[p])) if p < len(row) else "" for c, p in header.positions.items()}
            records.append({**cells, "_row": number})
    if not records:
        raise no_rows(path, spec)
    columns = [c for c in spec.aliases if c in header.positions]
    frame = pd.DataFrame(records, columns=[*columns, "_row"]).astype({c: object for c in columns})
    return TextTable(path, frame, header.texts, encoding)


def first_sheet_with_header(grids: list[Grid], spec: ColumnSpec, path: str | Path) -> tuple[Header, list[list[str]]]:
    """The header of the first visible sheet that has one, and that sheet's rows (merged header cells filled).

    No such sheet is the error of the first sheet that was tried.

    >>> spec = ColumnSpec("units", {"slug": ("slug",)}, ("slug",))
    >>> header, rows = first_sheet_with_header([Grid("Bìa", [["Báo cáo"]]), Grid("Số liệu", [["slug"], ["a"]])],
    ...                                        spec, "units.xlsx")
    >>> header.index, rows
    (0, [['slug'], ['a']])
    """
    problem: InputFileError | None = None
    for grid in grids:
        if grid.hidden or not any(any(c for c in row) for row in grid.rows):
            continue
        filled = fill_merged(grid.rows, grid.merged, SEARCH_ROWS + 1)
        try:
            header = locate_header(filled, spec, path)
        except InputFileError as err:
            problem = problem or err
            continue
        return header, filled + grid.rows[len(filled):]
    raise problem or InputFileError(path, Message("error.no_filled_sheet"), Message("hint.file_empty"))
