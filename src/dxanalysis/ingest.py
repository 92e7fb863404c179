"""Read indicator files (CSV or XLSX) into a raw table with canonical columns.

Headers may be Vietnamese or English (``Chỉ tiêu``/``indicator``,
``Tử số``/``numerator`` …); the header row is found even below title lines.
Every cell stays text exactly as typed (numeric Excel cells are written
back as the text an analyst would have typed), and each row keeps the
file, sheet and row number it came from, so findings can point at it.
Nothing here changes the file.

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

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dxanalysis.exceptions import InputFileError
from dxanalysis.findings import Finding
from dxanalysis.numerals import format_number
from dxanalysis.vntext import clean_text, match_key

# canonical column -> the header texts that mean it (compared after match_key)
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator": ("chỉ tiêu", "tên chỉ tiêu", "chỉ số", "tên chỉ số", "nội dung", "mã chỉ tiêu",
                  "indicator", "indicator name", "code"),
    "numerator": ("tử số", "số đạt", "numerator"),
    "denominator": ("mẫu số", "tổng số", "denominator"),
    "value": ("giá trị", "kết quả", "kết quả thực hiện", "tỷ lệ", "value", "result", "rate"),
    "target": ("chỉ tiêu giao", "chỉ tiêu được giao", "kế hoạch", "mục tiêu", "target"),
    "count_unit": ("đơn vị tính", "đvt", "unit"),
    "pillar": ("trụ cột", "pillar"),
    "note": ("ghi chú", "note", "notes"),
    "source": ("nguồn", "nguồn số liệu", "source"),
    "seq": ("stt", "tt", "no", "no."),
}
REQUIRED_COLUMNS = ("indicator",)
_ALIAS_TO_COLUMN = {match_key(a): c for c, aliases in COLUMN_ALIASES.items() for a in aliases}
_HEADER_SEARCH_ROWS = 30


@dataclass
class RawTable:
    """The rows of one indicator file, as text, with canonical column names.

    ``frame`` has one column per recognised header plus ``_row`` (the row
    number a spreadsheet shows); ``header`` maps canonical names back to the
    header as typed; ``findings`` holds file-level problems.
    """

    path: str
    frame: pd.DataFrame
    header: dict[str, str]
    sheet: str | None = None
    findings: list[Finding] = field(default_factory=list)


def decode_bytes(data: bytes, path: str | Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    >>> decode_bytes("Chỉ tiêu".encode("utf-16"), "a.csv")
    'Chỉ tiêu'
    >>> decode_bytes(b"\\xff\\xfe\\x00\\xd8", "a.csv")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: a.csv: cannot decode the file as UTF-16 although it starts with a UTF-16 mark. Save it again from Excel as "CSV UTF-8 (Comma delimited)".
    """
    hint = 'Save it again from Excel as "CSV UTF-8 (Comma delimited)".'
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputFileError(path, "cannot decode the file as UTF-16 although it starts with a UTF-16 mark.", hint) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputFileError(
            path,
            f"the file is not UTF-8 (byte {data[err.start:err.start + 1]!r} at offset {err.start}).",
            hint,
        ) from None


def _find_header(rows: list[list[str]], path: str) -> int:
    for number, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if any(_ALIAS_TO_COLUMN.get(match_key(cell)) == "indicator" for cell in row if cell):
            return number
    raise InputFileError(
        path,
        f"no header row with an indicator column in the first {_HEADER_SEARCH_ROWS} rows.",
        "Name the column of indicator names 'Chỉ tiêu' (or 'indicator').",
    )


def _table_from_rows(rows: list[list[str]], path: str, sheet: str | None, first_row: int = 1) -> RawTable:
    header_index = _find_header(rows, path)
    header_cells = [clean_text(c) for c in rows[header_index]]
    positions: dict[str, int] = {}
    header: dict[str, str] = {}
    for position, text in enumerate(header_cells):
        column = _ALIAS_TO_COLUMN.get(match_key(text))
        if column and column not in positions:
            positions[column] = position
            header[column] = text
    findings = [
        Finding("error", "missing_column", path=path, sheet=sheet, row=header_index + first_row,
                params={"column_name": repr(column), "aliases": ", ".join(repr(a) for a in COLUMN_ALIASES[column])})
        for column in REQUIRED_COLUMNS if column not in positions
    ]
    if "value" not in positions and "numerator" not in positions:
        findings.append(Finding(
            "error", "missing_column", path=path, sheet=sheet, row=header_index + first_row,
            params={"column_name": "'Giá trị' (value) or 'Tử số'/'Mẫu số' (numerator/denominator)",
                    "aliases": ", ".join(repr(a) for a in COLUMN_ALIASES["value"] + COLUMN_ALIASES["numerator"])},
        ))
    records = []
    for offset, row in enumerate(rows[header_index + 1:], start=header_index + 1):
        cells = {c: clean_text(row[p]) if p < len(row) else "" for c, p in positions.items()}
        if not any(cells.values()):
            continue  # blank spacer rows carry nothing
        records.append({**cells, "_row": offset + first_row})
    frame = pd.DataFrame(records, columns=[*positions, "_row"])
    frame = frame.astype({c: "object" for c in positions}).astype({"_row": "int64"})
    return RawTable(path, frame, header, sheet, findings)


def _read_csv_rows(path: Path) -> list[list[str]]:
    text = decode_bytes(path.read_bytes(), path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


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
    return str(value)


def _read_xlsx_sheets(path: Path, lang: str) -> list[tuple[str, list[list[str]]]]:
    import openpyxl  # only XLSX users pay for the import

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many unrelated types for a bad file
        raise InputFileError(path, f"cannot open the workbook ({type(err).__name__}: {err}).",
                             "Check that it is an .xlsx file saved by Excel or LibreOffice.") from None
    try:
        return [
            (sheet.title, [[_excel_cell_text(c.value, getattr(c, "number_format", "") or "", lang)
                            for c in row] for row in sheet.iter_rows()])
            for sheet in workbook.worksheets
        ]
    finally:
        workbook.close()


def read_indicator_file(path: str | Path, lang: str = "vi") -> RawTable:
    """Read one indicator file; ``lang`` is the number format its cells are typed in.

    An XLSX workbook is read from its first sheet that has an indicator table.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "the file does not exist.", "Check the path.")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return _table_from_rows(_read_csv_rows(path), str(path), None)
    if suffix in (".xlsx", ".xlsm"):
        problems = []
        for sheet, rows in _read_xlsx_sheets(path, lang):
            try:
                return _table_from_rows(rows, str(path), sheet)
            except InputFileError as err:
                problems.append(f"sheet {sheet!r}: {err.problem}")
        raise InputFileError(path, "no sheet holds an indicator table (" + "; ".join(problems) + ").",
                             "Name the column of indicator names 'Chỉ tiêu' (or 'indicator').")
    raise InputFileError(path, f"unsupported file type {suffix!r}.", "Use a .csv or .xlsx file.")


def find_indicator_file(period_dir: str | Path) -> Path:
    """The indicator file of a period folder: ``indicators.csv`` or ``indicators.xlsx``."""
    period_dir = Path(period_dir)
    found = sorted(p for p in period_dir.glob("indicators.*") if p.suffix.lower() in (".csv", ".xlsx", ".xlsm"))
    if not found:
        raise InputFileError(period_dir, "holds no indicators.csv or indicators.xlsx.",
                             "Put the period's indicator table there (see README, 'Adding a period').")
    if len(found) > 1:
        raise InputFileError(period_dir, "holds several indicator files: " + ", ".join(p.name for p in found) + ".",
                             "Keep one of them.")
    return found[0]
