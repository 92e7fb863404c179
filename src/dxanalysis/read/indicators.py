"""Read indicator files (CSV or XLSX) into a raw table with canonical columns.

Files arrive as departments send them: Excel reporting forms (biểu mẫu) with
title and agency lines above a one- or two-row header, a numbering row
``(1) (2) (3)``, section rows (``I. CHÍNH QUYỀN SỐ``) that give the pillar of
the rows below, total rows (``Tổng cộng``), notes and signatures below the
table, several sheets; CSVs in UTF-8 (with or without BOM), UTF-16 (Excel's
"Unicode text") or Windows-1258. Headers may be Vietnamese or English
(``Chỉ tiêu``/``indicator``, ``Tử số``/``numerator`` …).

Every cell stays text exactly as typed (numeric Excel cells are written back
as the text an analyst would have typed), and each row keeps the file, sheet
and row number it came from, so findings can point at it. Rows that are not
data (headings, totals, notes) are named in the findings, never dropped
silently. Nothing here changes the file.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "indicators.csv"
>>> _ = path.write_text("STT,Chỉ tiêu,Tử số,Mẫu số,Chỉ tiêu giao\\n"
...                     "1,Tỷ lệ hồ sơ trực tuyến,9.475,15.684,50%\\n", encoding="utf-8")
>>> table = read_indicator_file(path)
>>> table.frame[["indicator", "numerator", "denominator", "target", "_row"]].to_dict("records")
[{'indicator': 'Tỷ lệ hồ sơ trực tuyến', 'numerator': '9.475', 'denominator': '15.684', 'target': '50%', '_row': 2}]
>>> table.header["numerator"]
'Tử số'
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dxanalysis.read.catalog import parse_pillar, pillar_in_text
from dxanalysis.exceptions import InputFileError
from dxanalysis.findings import Finding
from dxanalysis.i18n import Joined, Message, N_
from dxanalysis.numerals import format_number, is_no_data
from dxanalysis.vntext import clean_text, is_vietnamese_letter, match_key, strip_enumeration

# canonical column -> the header texts that mean it (compared after match_key,
# with bracketed remarks, "%" and period phrases such as "năm 2022" removed)
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator": ("chỉ tiêu", "tên chỉ tiêu", "chỉ số", "tên chỉ số", "nội dung", "nội dung chỉ tiêu",
                  "mã chỉ tiêu", "indicator", "indicator name", "code"),
    "numerator": ("tử số", "số đạt", "numerator"),
    "denominator": ("mẫu số", "tổng số", "denominator"),
    "value": ("giá trị", "kết quả", "kết quả thực hiện", "kết quả đạt được", "thực hiện", "tỷ lệ", "tỷ lệ đạt",
              "value", "result", "rate"),
    "count": ("số lượng", "số lượng thực hiện", "count", "number"),
    "target": ("chỉ tiêu giao", "chỉ tiêu được giao", "kế hoạch", "chỉ tiêu kế hoạch", "kế hoạch giao",
               "mục tiêu", "target"),
    "count_unit": ("đơn vị tính", "đvt", "unit"),
    "pillar": ("trụ cột", "lĩnh vực", "pillar"),
    "period": ("kỳ", "kỳ báo cáo", "period", "reporting period"),
    "part_of": ("thuộc tổng", "thuộc chỉ tiêu", "chỉ tiêu tổng", "part of", "part_of"),
    "note": ("ghi chú", "note", "notes"),
    "source": ("nguồn", "nguồn số liệu", "source"),
    "seq": ("stt", "tt", "số tt", "no", "no."),
}
REQUIRED_COLUMNS = ("indicator",)
# Columns holding figures: a row with none of them filled is not a data row,
# and two columns meaning the same one of them cannot be told apart.
FIGURE_COLUMNS = ("numerator", "denominator", "value", "count", "target")
_ALIAS_TO_COLUMN = {match_key(a): c for c, aliases in COLUMN_ALIASES.items() for a in aliases}
_HEADER_SEARCH_ROWS = 30
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PERIOD_PHRASE = re.compile(
    r"\b(?:0?\d{1,2} tháng (?:đầu |cuối )?năm \d{4}|quý [ivx\d]+(?:\s*[./-]\s*|\s+năm\s+|\s+)\d{4}"
    r"|năm \d{4}|\d{4}(?:-?[hq]\d)?)\b"
)
_NUMBERING_CELL = re.compile(r"^[(\[]?[0-9a-z]{1,2}[)\]]?(?:\s*[=x*/+:-]\s*[(\[]?[0-9a-z]{1,2}[)\]]?)*$")
_ROMAN_OR_LETTER = re.compile(r"^(?:[ivx]{1,4}|[a-e])[.)]?$")
_SECTION_PREFIX = re.compile(r"^(?:[ivx]{1,4}|[a-e])\s*[.)]")
_TOTALS = frozenset({"tổng", "tổng cộng", "cộng", "tổng số", "total", "grand total", "cộng chung", "tổng chung"})
_FOOTER_MARKERS = (
    "ghi chú:", "ghi chú :", "* ghi chú", "lưu ý:", "chú thích:", "chú ý:", "người lập biểu", "người lập",
    "lập biểu", "thủ trưởng", "kt. ", "kt ", "tm. ", "tm ", "q. ", "nơi nhận", "xác nhận", "(ký", "ký tên",
    "ký, ghi rõ", "ký và ghi rõ", "giám đốc", "trưởng phòng", "chủ tịch", "phó chủ tịch", "note:", "notes:",
    "prepared by", "approved by", "signature",
)
_DATE_LINE = re.compile(r"\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Non-letters a Windows-1258 file of Vietnamese text may hold.
_CP1258_SYMBOLS = frozenset("“”‘’–—…•°×€§«»·±²³¼½¾\u00a0")
_SAVE_AS_UTF8 = Message("hint.save_as_utf8")


@dataclass
class RawTable:
    """The rows of one indicator file, as text, with canonical column names.

    ``frame`` has one column per recognised header plus ``_row`` (the row
    number a spreadsheet shows); a workbook read from several sheets adds
    ``_sheet``, and section rows add ``section`` (the heading as typed) and
    ``section_pillar`` (its pillar code, or ``""``). ``header`` maps canonical
    names back to the header as typed (``sheet_headers`` per sheet);
    ``preamble`` holds the title lines above the header as (sheet, row, text);
    ``findings`` holds file-level problems and the rows that are not data.
    """

    path: str
    frame: pd.DataFrame
    header: dict[str, str]
    sheet: str | None = None
    findings: list[Finding] = field(default_factory=list)
    preamble: list[tuple[str | None, int, str]] = field(default_factory=list)
    sheet_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    encoding: str | None = None

    def header_text(self, column: str, sheet: str | None = None) -> str:
        """The header as typed of a canonical ``column`` (in ``sheet`` when given)."""
        header = self.sheet_headers.get(sheet or "", self.header) if sheet else self.header
        return header.get(column, column)


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
                "byte": data[err.start:err.start + 1], "offset": err.start}), _SAVE_AS_UTF8) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputFileError(path, Message("error.bad_utf16"), _SAVE_AS_UTF8) from None
    if data.startswith(b"PK\x03\x04"):
        raise InputFileError(path, Message("error.zip_not_csv"), Message("hint.zip_not_csv"))
    bomless = _bomless_utf16(data)
    if bomless:
        try:
            return data.decode(bomless), bomless
        except UnicodeDecodeError:
            raise InputFileError(path, Message("error.bad_bomless_utf16"), _SAVE_AS_UTF8) from None
    if b"\x00" in data:
        raise InputFileError(path, Message("error.nul_bytes"), _SAVE_AS_UTF8)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        where = Message("error.byte_at", {"byte": data[err.start:err.start + 1], "offset": err.start})
    valid_sequences = len(_UTF8_SEQUENCE.findall(data))
    invalid_bytes = data.decode("utf-8", errors="replace").count("\ufffd")
    if valid_sequences and valid_sequences * 10 >= invalid_bytes:
        raise InputFileError(path, Message("error.mixed_encoding", {"where": where}), _SAVE_AS_UTF8)
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        raise InputFileError(path, Message("error.not_utf8_nor_cp1258", {"where": where}), _SAVE_AS_UTF8) from None
    foreign = sorted({ch for ch in text if not ch.isascii() and not is_vietnamese_letter(ch)
                      and ch not in _CP1258_SYMBOLS})
    if foreign or not any(is_vietnamese_letter(ch) for ch in text):
        found = "".join(foreign[:8]) or Message("error.no_vietnamese_letter")
        raise InputFileError(path, Message("error.not_vietnamese_cp1258", {"where": where, "found": found}),
                             _SAVE_AS_UTF8)
    return text, "cp1258"


def _bomless_utf16(data: bytes) -> str | None:
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


# --- headers --------------------------------------------------------------------------------------

def header_column(text: str) -> str | None:
    """The canonical column a header cell names, or ``None``.

    Remarks in brackets, ``%`` and period phrases are ignored; ``Chỉ tiêu``
    followed by a period names the target, not the indicator.

    >>> header_column("Tỷ lệ (%)"), header_column("Kết quả thực hiện 6 tháng đầu năm 2022")
    ('value', 'value')
    >>> header_column("Chỉ tiêu năm 2022"), header_column("Chỉ tiêu"), header_column("Người ký")
    ('target', 'indicator', None)
    """
    key = match_key(str(text))
    if key in _ALIAS_TO_COLUMN:
        return _ALIAS_TO_COLUMN[key]
    key = _BRACKETS.sub(" ", key).replace("%", " ")
    stripped = _PERIOD_PHRASE.sub(" ", key)
    had_period = stripped != key
    key = re.sub(r"\s+", " ", stripped).strip(" .:;,*-/")
    column = _ALIAS_TO_COLUMN.get(key)
    return "target" if column == "indicator" and had_period else column


def _fill_merged(rows: list[list[str]], merged: list[tuple[int, int, int, int]], upto: int) -> list[list[str]]:
    """A copy of the first ``upto`` rows with each merged range filled with its top-left text."""
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


def _find_header(rows: list[list[str]], path: str) -> int:
    fallback = None
    for number, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        columns = {header_column(cell) for cell in row if cell}
        if "indicator" in columns:
            if len(columns - {None}) >= 2:
                return number
            fallback = number if fallback is None else fallback
    if fallback is not None:
        return fallback
    raise InputFileError(path, Message("error.no_header_row", {"rows": _HEADER_SEARCH_ROWS}),
                         Message("hint.name_indicator_column"))


def _looks_like_number(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,\s%/]+", text)) and any(ch.isdigit() for ch in text)


def _is_subheader(group: list[str], sub: list[str]) -> bool:
    """True when ``sub`` continues the header ``group`` (Tử số | Mẫu số | Tỷ lệ under Kết quả)."""
    cells = [clean_text(c) for c in sub]
    if not any(cells) or any(_looks_like_number(c) for c in cells if c):
        return False
    changed = [c for i, c in enumerate(cells) if c and c != (clean_text(group[i]) if i < len(group) else "")]
    return any(header_column(c) for c in changed) and not any(header_column(c) == "indicator" for c in changed)


def _compose_header(filled: list[list[str]], header_index: int) -> tuple[list[str], list[str | None], int]:
    """Header text and canonical column per position, and how many rows the header spans."""
    group = [clean_text(c) for c in filled[header_index]]
    span = 1
    sub: list[str] = []
    if header_index + 1 < len(filled) and _is_subheader(group, filled[header_index + 1]):
        sub = [clean_text(c) for c in filled[header_index + 1]]
        span = 2
    width = max(len(group), len(sub))
    texts, columns = [], []
    for i in range(width):
        top = group[i] if i < len(group) else ""
        below = sub[i] if i < len(sub) else ""
        top_column = header_column(top) if top else None
        if below and below != top and top_column != "target":
            # The sub-header names the column, unless the group is the target:
            # "Chỉ tiêu giao › Tỷ lệ" is a target, not a result.
            texts.append(below)
            columns.append(header_column(below))
        else:
            texts.append(top)
            columns.append(top_column)
    return texts, columns, span


# --- body rows ------------------------------------------------------------------------------------

def _is_footer_marker(text: str) -> bool:
    key = match_key(text)
    return (key.startswith(_FOOTER_MARKERS) or key.rstrip(" :") in ("ghi chú", "lưu ý", "chú thích", "notes", "note")
            or bool(_DATE_LINE.search(key)))


def _has_figures(cells: dict[str, str]) -> bool:
    # A figure holds a digit; words in a figure column (a signature, a date line) are no data.
    return any(
        not is_no_data(text) and any(ch.isdigit() for ch in text) and not _is_footer_marker(text)
        for text in (cells.get(c, "") for c in FIGURE_COLUMNS)
    )


def _is_numbering_row(cells: list[str]) -> bool:
    filled = [match_key(c) for c in cells if c]
    return len(filled) >= 2 and all(_NUMBERING_CELL.match(c) for c in filled)


def _is_total(label: str) -> bool:
    key = match_key(strip_enumeration(label)).rstrip(" :.")
    return key in _TOTALS or key.startswith(("tổng cộng", "cộng chung", "grand total"))


def _is_section(seq: str, label: str) -> bool:
    # Numbered like a section (I., II., A.) or exactly a pillar's name; a long
    # name that merely mentions a pillar ("Tỷ trọng kinh tế số") is an indicator.
    seq_key, label_key = match_key(seq), match_key(label)
    return bool(_ROMAN_OR_LETTER.match(seq_key) or _SECTION_PREFIX.match(label_key)
                or parse_pillar(strip_enumeration(label)))


@dataclass
class _Sheet:
    """One grid of cells read from a file, with what is needed to locate and read it."""

    name: str | None
    rows: list[list[str]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 1-based -> formula
    text_file: bool = False


def _table_from_sheet(grid: _Sheet, path: str) -> tuple[pd.DataFrame, dict[str, str], list[Finding], list]:
    rows, sheet = grid.rows, grid.name
    filled = _fill_merged(rows, grid.merged, _HEADER_SEARCH_ROWS + 2)
    header_index = _find_header(filled, path)
    texts, columns, span = _compose_header(filled, header_index)
    header_row = header_index + 1
    positions: dict[str, int] = {}
    header: dict[str, str] = {}
    duplicates: dict[str, list[str]] = {}
    findings: list[Finding] = []
    for position, (text, column) in enumerate(zip(texts, columns)):
        if column is None:
            if text and text not in texts[:position]:
                findings.append(Finding("info", "ignored_column", path=path, sheet=sheet, row=header_row,
                                        column=text, value=text))
        elif column not in positions:
            positions[column], header[column] = position, text
        elif column in FIGURE_COLUMNS + ("indicator",) and text != header[column]:
            duplicates.setdefault(column, [header[column]]).append(text)

    records: list[dict] = []
    body_findings: list[Finding] = []
    section, section_pillar = "", ""
    footer: list[int] = []
    footer_figures: list[int] = []
    seen_data = False
    for index in range(header_index + span, len(rows)):
        raw_cells = rows[index]
        number = index + 1
        all_cells = [clean_text(c) for c in raw_cells]
        if not any(all_cells):
            continue  # blank spacer rows carry nothing
        cells = {c: all_cells[p] if p < len(all_cells) else "" for c, p in positions.items()}
        has_figures = _has_figures(cells)
        label = cells.get("indicator") or next(c for c in all_cells if c)
        located = {"path": path, "sheet": sheet, "row": number}
        if footer:
            footer.append(number)
            if has_figures and cells.get("indicator"):
                footer_figures.append(number)
                body_findings.append(Finding("warning", "figures_below_table", column=header.get("indicator"),
                                             value=cells["indicator"], **located))
            continue
        if not has_figures and (not cells.get("indicator") or _is_footer_marker(cells["indicator"])) \
                and any(_is_footer_marker(c) for c in all_cells if c):
            footer.append(number)
            continue
        if not seen_data and _is_numbering_row(all_cells):
            continue  # "(1) (2) (3)=(1)/(2)" under the header names the columns, it is no data
        if _is_total(cells.get("indicator", "")) or _is_total(cells.get("seq", "")) \
                or (not cells.get("indicator") and _is_total(label)):
            body_findings.append(Finding("info", "total_row", value=label, **located))
            continue
        if not has_figures and _is_section(cells.get("seq", ""), label):
            seq = cells.get("seq", "")
            text = f"{seq.rstrip('.')}. {label}" if seq and label != seq else label
            section, section_pillar = text, pillar_in_text(label) or ""
            if not section_pillar:
                body_findings.append(Finding("info", "section_row", value=text, **located))
            continue
        if not cells.get("indicator") and not has_figures:
            body_findings.append(Finding("info", "section_row", value=label, **located))
            continue
        extra = [c for c in all_cells[len(texts):] if c]
        if grid.text_file and extra:
            body_findings.append(Finding(
                "error", "extra_cells", value=", ".join(extra), column=None,
                params={"cells": len([c for c in raw_cells]), "header_cells": len(texts)}, **located))
            continue
        uncomputed = [(c, grid.formulas[(number, p + 1)]) for c, p in positions.items()
                      if (number, p + 1) in grid.formulas and c in FIGURE_COLUMNS]
        if uncomputed:
            for column, formula in uncomputed:
                body_findings.append(Finding("error", "formula_not_computed", column=header[column],
                                             value=formula, indicator=None, **located))
            continue
        seen_data = True
        record = {**cells, "_row": number}
        if section:
            record["section"], record["section_pillar"] = section, section_pillar
        records.append(record)
    if footer:
        body_findings.append(Finding("info", "rows_below_table", path=path, sheet=sheet, row=footer[0],
                                     params={"first_row": footer[0], "last_row": footer[-1],
                                             "count": len(footer) - len(footer_figures)}))

    extent = {"data_rows": len(records), "last_row": records[-1]["_row"] if records else header_row}
    for column in REQUIRED_COLUMNS:
        if column not in positions:
            findings.append(Finding("error", "missing_column", path=path, sheet=sheet, row=header_row, params={
                "column_name": repr(column), "aliases": ", ".join(repr(a) for a in COLUMN_ALIASES[column]), **extent}))
    if not {"value", "numerator", "count"} & positions.keys():
        findings.append(Finding("error", "missing_column", path=path, sheet=sheet, row=header_row, params={
            "column_name": Message("column.value_or_counts"),
            "aliases": ", ".join(repr(a) for a in COLUMN_ALIASES["value"] + COLUMN_ALIASES["numerator"]),
            **extent}))
    for column, headers in duplicates.items():
        findings.append(Finding("error", "duplicate_column", path=path, sheet=sheet, row=header_row, params={
            "column_name": repr(column), "headers": ", ".join(repr(h) for h in headers), **extent}))

    extra_columns = ["section", "section_pillar"] if any("section" in r for r in records) else []
    frame = pd.DataFrame(records, columns=[*positions, *extra_columns, "_row"])
    text_columns = [*positions, *extra_columns]
    frame[text_columns] = frame[text_columns].fillna("")
    frame = frame.astype({c: "object" for c in text_columns}).astype({"_row": "int64"})
    preamble = [(sheet, i + 1, " ".join(c for c in (clean_text(x) for x in rows[i]) if c))
                for i in range(header_index) if any(clean_text(x) for x in rows[i])]
    return frame, header, findings + body_findings, preamble


# --- files ----------------------------------------------------------------------------------------

def _csv_rows(text: str, delimiter: str, path: Path) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as err:
        raise InputFileError(path, Message("error.cannot_read_csv", {"error": err}), _SAVE_AS_UTF8) from None


def _read_text_table(path: Path) -> tuple[_Sheet, str]:
    text, encoding = detect_encoding(path.read_bytes(), path)
    best: tuple[int, _Sheet] | None = None
    first_error: InputFileError | None = None
    for delimiter in (",", ";", "\t"):
        grid = _Sheet(None, _csv_rows(text, delimiter, path), text_file=True)
        try:
            index = _find_header(grid.rows, str(path))
        except InputFileError as err:
            first_error = first_error or err
            continue
        score = len({header_column(c) for c in grid.rows[index] if c} - {None})
        if best is None or score > best[0]:
            best = (score, grid)
    if best is None:
        raise first_error  # type: ignore[misc]
    return best[1], encoding


def _excel_cell_text(value: object, number_format: str, lang: str) -> str:
    # Typed numbers become the text an analyst would have typed in the file's
    # number format, so they meet the same parser as CSV cells.
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if "%" in number_format:
            return format_number(value * 100, lang, decimals=10) + "%"
        return format_number(value, lang, decimals=10)
    if isinstance(value, (dt.datetime, dt.date)):
        # Excel turned what was typed ("9/12") into a date; show it so the
        # finding makes sense, and let the number parser refuse it.
        return value.strftime("%d/%m/%Y")
    return str(value)


def _read_workbook(path: Path, lang: str) -> tuple[list[_Sheet], list[Finding]]:
    import openpyxl  # only XLSX users pay for the import

    try:
        values = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False)
    except Exception as err:  # openpyxl raises many unrelated types for a bad file
        error = f"{type(err).__name__}: {err}"
        raise InputFileError(path, Message("error.cannot_open_workbook", {"error": error}),
                             Message("hint.check_xlsx")) from None
    grids, findings = [], []
    try:
        for sheet in values.worksheets:
            if sheet.sheet_state != "visible":
                if sheet.max_row > 1 or sheet.max_column > 1:
                    findings.append(Finding("info", "sheet_skipped", path=str(path), sheet=sheet.title, params={
                        "sheet": sheet.title, "reason": Message("sheet.hidden")}))
                continue
            rows = [[_excel_cell_text(c.value, c.number_format or "", lang) for c in row]
                    for row in sheet.iter_rows()]
            uncomputed = {}
            for row in formulas[sheet.title].iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith("=") \
                            and sheet.cell(cell.row, cell.column).value is None:
                        uncomputed[(cell.row, cell.column)] = cell.value
            merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
            grids.append(_Sheet(sheet.title, rows, merged, uncomputed))
    finally:
        values.close()
        formulas.close()
    return grids, findings


def read_indicator_file(path: str | Path, lang: str = "vi") -> RawTable:
    """Read one indicator file; ``lang`` is the number format its cells are typed in.

    A workbook is read from every visible sheet that holds an indicator table;
    the rows of several sheets are concatenated, with a ``_sheet`` column.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, Message("error.file_missing"), Message("hint.check_path"))
    suffix = path.suffix.lower()
    findings: list[Finding] = []
    encoding = None
    if suffix in (".csv", ".txt", ".tsv"):
        grid, encoding = _read_text_table(path)
        grids = [grid]
        if encoding == "cp1258":
            findings.append(Finding("info", "legacy_encoding", path=str(path),
                                    params={"encoding": "Windows-1258 (cp1258)"}))
    elif suffix in (".xlsx", ".xlsm"):
        grids, findings = _read_workbook(path, lang)
    elif suffix in (".xls", ".ods"):
        raise InputFileError(path, Message("error.old_workbook", {"suffix": suffix}), Message("hint.save_as_xlsx"))
    else:
        raise InputFileError(path, Message("error.unsupported_type", {"suffix": suffix}), Message("hint.csv_or_xlsx"))

    tables, problems = [], []
    for grid in grids:
        if not any(any(clean_text(c) for c in row) for row in grid.rows):
            continue  # an empty sheet
        try:
            tables.append((grid.name, *_table_from_sheet(grid, str(path))))
        except InputFileError as err:
            if grid.text_file or len(grids) == 1:
                raise
            problems.append(Message("error.sheet_problem", {"sheet": grid.name, "problem": err.problem}))
            findings.append(Finding("info", "sheet_skipped", path=str(path), sheet=grid.name, params={
                "sheet": grid.name, "reason": Message("sheet.no_header")}))
    if not tables:
        problems_text = Joined(tuple(problems), "; ", N_("error.empty"))
        raise InputFileError(path, Message("error.no_indicator_sheet", {"problems": problems_text}),
                             Message("hint.name_indicator_column"))
    frames, preamble = [], []
    for name, frame, _, table_findings, lines in tables:
        frames.append(frame if name is None else frame.assign(_sheet=name))
        findings.extend(table_findings)
        preamble.extend(lines)
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    text_columns = [c for c in frame.columns if c not in ("_row", "_sheet")]
    frame[text_columns] = frame[text_columns].fillna("").astype("object")
    sheet_headers = {name or "": header for name, _, header, _, _ in tables}
    first_sheet, _, first_header, _, _ = tables[0]
    return RawTable(str(path), frame, first_header, first_sheet, findings, preamble, sheet_headers, encoding)


def find_indicator_file(period_dir: str | Path) -> Path:
    """The indicator file of a period folder: ``indicators.csv`` or ``indicators.xlsx``."""
    period_dir = Path(period_dir)
    found = sorted(p for p in period_dir.glob("indicators.*") if p.suffix.lower() in (".csv", ".xlsx", ".xlsm"))
    if not found:
        unreadable = sorted(p.name for p in period_dir.glob("indicators.*") if p.suffix.lower() in (".xls", ".ods"))
        if unreadable:
            raise InputFileError(period_dir, Message("error.unreadable_indicator_files", {"files": ", ".join(unreadable)}),
                                 Message("hint.save_indicators_xlsx"))
        raise InputFileError(period_dir, Message("error.no_indicator_file"), Message("hint.add_indicator_file"))
    if len(found) > 1:
        raise InputFileError(period_dir, Message("error.several_indicator_files", {"files": ", ".join(p.name for p in found)}),
                             Message("hint.keep_one"))
    return found[0]
