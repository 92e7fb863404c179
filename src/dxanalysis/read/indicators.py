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

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dxanalysis.read.catalog import parse_pillar, pillar_in_text
from dxanalysis.exceptions import InputFileError
from dxanalysis.findings import Finding
from dxanalysis.numerals import is_no_data
from dxanalysis.read.table import (
    SEARCH_ROWS, TEXT_SUFFIXES, WORKBOOK_SUFFIXES, ColumnSpec, Grid, check_file, choose_delimiter, decode_bytes,
    detect_encoding, fill_merged, find_header_row, no_rows, read_text, read_workbook, split_rows,
)
from dxanalysis.vntext import clean_text, loose_key, match_key, strip_enumeration
from dxanalysis.i18n import Joined, Message, N_

__all__ = ["COLUMN_ALIASES", "INDICATOR_COLUMNS", "RawTable", "decode_bytes", "detect_encoding", "find_indicator_file",
           "header_column", "read_indicator_file"]

# canonical column -> the header texts that mean it (compared after loose_key,
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
    # the plan a scorecard counts the targets of ("Kế hoạch 45/KH-UBND"); "kế hoạch" alone is a target
    "plan": ("tên kế hoạch", "văn bản kế hoạch", "số kế hoạch", "kế hoạch số", "plan", "plan document"),
    "part_of": ("thuộc tổng", "thuộc chỉ tiêu", "chỉ tiêu tổng", "part of", "part_of"),
    "assessment": ("đánh giá", "tự đánh giá", "kết quả đánh giá", "đánh giá kết quả", "assessment",
                   "self-assessment"),
    "note": ("ghi chú", "note", "notes"),
    "source": ("nguồn", "nguồn số liệu", "source"),
    "seq": ("stt", "tt", "số tt", "no", "no."),
}
REQUIRED_COLUMNS = ("indicator",)
# Columns holding figures: a row with none of them filled is not a data row,
# and two columns meaning the same one of them cannot be told apart.
FIGURE_COLUMNS = ("numerator", "denominator", "value", "count", "target")
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
    column = INDICATOR_COLUMNS.lookup(loose_key(key))
    if column:
        return column
    key = _BRACKETS.sub(" ", key).replace("%", " ")
    stripped = _PERIOD_PHRASE.sub(" ", key)
    column = INDICATOR_COLUMNS.lookup(loose_key(stripped))
    return "target" if column == "indicator" and stripped != key else column


_NO_SHEETS = N_("error.empty")  # said when a workbook has no sheet at all
INDICATOR_COLUMNS = ColumnSpec(Message("file_kind.indicators"), COLUMN_ALIASES, REQUIRED_COLUMNS,
                               Message("hint.name_indicator_column"), match=header_column)


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


def _one_merged_cell(grid: Grid, header_index: int, span: int, first: int, second: int) -> bool:
    """True when one merged range of the header rows covers both 0-based columns."""
    rows = range(header_index + 1, header_index + span + 1)  # 1-based, as openpyxl counts
    return any(min_row <= row <= max_row and min_col <= first + 1 <= max_col and min_col <= second + 1 <= max_col
               for min_row, min_col, max_row, max_col in grid.merged for row in rows)


def _table_from_sheet(grid: Grid, path: str) -> tuple[pd.DataFrame, dict[str, str], list[Finding], list, int]:
    rows, sheet = grid.rows, grid.name
    filled = fill_merged(rows, grid.merged, SEARCH_ROWS + 2)
    header_index = find_header_row(filled, INDICATOR_COLUMNS, path)
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
        elif column in FIGURE_COLUMNS + ("indicator",) and (
                text != header[column] or not _one_merged_cell(grid, header_index, span, positions[column], position)):
            # The same header twice is two columns, unless one merged cell spans both.
            duplicates.setdefault(column, [header[column]]).append(text)

    records: list[dict] = []
    body_findings: list[Finding] = []
    section, section_pillar = "", ""
    footer: list[int] = []
    footer_figures: list[int] = []
    seen_data = False
    body_rows = 0
    for index in range(header_index + span, len(rows)):
        raw_cells = rows[index]
        number = index + 1
        all_cells = [clean_text(c) for c in raw_cells]
        if not any(all_cells):
            continue  # blank spacer rows carry nothing
        body_rows += 1
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
    return frame, header, findings + body_findings, preamble, body_rows


# --- files ----------------------------------------------------------------------------------------

def _read_text_table(path: Path) -> tuple[Grid, str]:
    text, encoding = read_text(path)
    rows = split_rows(text, choose_delimiter(text, INDICATOR_COLUMNS, path), path)
    return Grid(None, rows, text_file=True), encoding


def _read_form(path: Path, lang: str) -> tuple[list[Grid], list[Finding]]:
    grids, findings = [], []
    for grid in read_workbook(path, lang):
        if grid.hidden:
            if len(grid.rows) > 1 or any(len(row) > 1 for row in grid.rows):
                findings.append(Finding("info", "sheet_skipped", path=str(path), sheet=grid.name, params={
                    "sheet": grid.name, "reason": Message("sheet.hidden")}))
            continue
        grids.append(grid)
    return grids, findings


def read_indicator_file(path: str | Path, lang: str = "vi") -> RawTable:
    """Read one indicator file; ``lang`` is the number format its cells are typed in.

    A workbook is read from every visible sheet that holds an indicator table;
    the rows of several sheets are concatenated, with a ``_sheet`` column.
    """
    path = Path(path)
    suffix = check_file(path, (*TEXT_SUFFIXES, *WORKBOOK_SUFFIXES))
    findings: list[Finding] = []
    encoding = None
    if suffix in TEXT_SUFFIXES:
        grid, encoding = _read_text_table(path)
        grids = [grid]
        if encoding == "cp1258":
            findings.append(Finding("info", "legacy_encoding", path=str(path),
                                    params={"encoding": "Windows-1258 (cp1258)"}))
    else:
        grids, findings = _read_form(path, lang)

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
        raise InputFileError(path, Message("error.no_indicator_sheet", {"problems": Joined(tuple(problems), "; ", _NO_SHEETS)}),
                             Message("hint.name_indicator_column"))
    if not any(body_rows for *_, body_rows in tables):
        raise no_rows(path, INDICATOR_COLUMNS)
    frames, preamble = [], []
    for name, frame, _, table_findings, lines, _ in tables:
        frames.append(frame if name is None else frame.assign(_sheet=name))
        findings.extend(table_findings)
        preamble.extend(lines)
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    text_columns = [c for c in frame.columns if c not in ("_row", "_sheet")]
    frame[text_columns] = frame[text_columns].fillna("").astype("object")
    sheet_headers = {name or "": header for name, _, header, *_ in tables}
    first_sheet, _, first_header, *_ = tables[0]
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
