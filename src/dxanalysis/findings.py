"""Data-quality findings: every problem met while reading and checking input.

A :class:`Finding` says how serious a problem is, where it is (file, sheet,
row, column), the value as typed, and what to do about it, in Vietnamese and
English. Findings are collected, never raised one at a time, so an analyst
sees every problem of a file in one run (pandera's lazy validation).

Examples
--------
>>> f = Finding("error", "unknown_indicator", path="indicators.csv", row=3,
...             column="Chỉ tiêu", value="Tỷ lệ abc",
...             params={"candidates": "gov.online_dossier_rate"})
>>> f.describe()
"indicators.csv, row 3, column 'Chỉ tiêu': value 'Tỷ lệ abc' is not an indicator of the catalog. Use a catalog code or name; closest: gov.online_dossier_rate."
>>> f.message("vi")
'Chỉ tiêu không có trong danh mục chỉ tiêu.'
>>> findings_frame([f])[["severity", "code", "row"]].to_dict("records")
[{'severity': 'error', 'code': 'unknown_indicator', 'row': 3}]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from dxanalysis.exceptions import location_text

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# code -> (message vi, message en, hint vi, hint en); {params} are filled in.
MESSAGES: dict[str, tuple[str, str, str, str]] = {
    "missing_column": (
        "Thiếu cột bắt buộc {column_name}.",
        "the required column {column_name} is missing.",
        "Thêm cột {column_name} (hoặc một tên tương đương: {aliases}) vào dòng tiêu đề.",
        "Add a {column_name} column (or one of: {aliases}) to the header row.",
    ),
    "unknown_indicator": (
        "Chỉ tiêu không có trong danh mục chỉ tiêu.",
        "value {value!r} is not an indicator of the catalog.",
        "Dùng mã hoặc tên chỉ tiêu trong danh mục; gần nhất: {candidates}.",
        "Use a catalog code or name; closest: {candidates}.",
    ),
    "duplicate_indicator": (
        "Chỉ tiêu bị nhập hai lần (đã có ở dòng {first_row}).",
        "indicator {indicator} appears twice (first at row {first_row}).",
        "Giữ một dòng cho mỗi chỉ tiêu trong một kỳ.",
        "Keep one row per indicator and period.",
    ),
    "unparseable": (
        "Không đọc được giá trị: cần {expected_vi}.",
        "expected {expected}, found {value!r}.",
        "{hint_vi}",
        "{hint_en}",
    ),
    "numerator_above_denominator": (
        "Tử số {numerator} lớn hơn mẫu số {denominator}.",
        "numerator {numerator} is larger than denominator {denominator}.",
        "Kiểm tra lại tử số và mẫu số (có thể bị đảo chỗ).",
        "Check the numerator and denominator (they may be swapped).",
    ),
    "zero_denominator": (
        "Mẫu số bằng 0.",
        "the denominator is 0.",
        "Nhập mẫu số lớn hơn 0, hoặc để trống tử số và mẫu số.",
        "Type a denominator above 0, or leave numerator and denominator empty.",
    ),
    "negative_value": (
        "{what_vi} {value!r} âm; số lượng và tỷ lệ không thể nhỏ hơn 0.",
        "the {what} {value!r} is negative; counts and rates cannot be below 0.",
        "Sửa lại số liệu (có thể dấu trừ bị gõ nhầm).",
        "Fix the figure (the minus sign may be a typing slip).",
    ),
    "target_out_of_range": (
        "Chỉ tiêu giao {value!r} nằm ngoài khoảng {low}–{high} của một {kind_vi}.",
        "the target {value!r} lies outside {low}–{high}, the range of a {kind}.",
        "Sửa chỉ tiêu giao theo văn bản giao chỉ tiêu.",
        "Fix the target as the document that sets it says.",
    ),
    "ratio_above_100": (
        "Tỷ lệ {value!r} vượt quá 100%.",
        "the rate {value!r} is above 100%.",
        "Một tỷ lệ phải nằm trong khoảng 0–100%.",
        "A rate must lie between 0 and 100%.",
    ),
    "percent_mismatch": (
        "Tỷ lệ ghi {stated} khác với tử số/mẫu số = {computed}.",
        "the stated rate {stated} disagrees with numerator/denominator = {computed}.",
        "Sửa tỷ lệ hoặc tử số/mẫu số; báo cáo dùng giá trị tính từ tử số/mẫu số.",
        "Fix the rate or the counts; the report uses the value computed from the counts.",
    ),
    "no_value": (
        "Chỉ tiêu chưa có số liệu.",
        "indicator {indicator} has no value.",
        "Nhập giá trị, hoặc tử số và mẫu số, nếu đã có số liệu.",
        "Type a value, or a numerator and denominator, when the data exists.",
    ),
    "indeterminate_status": (
        "Không xác định được mức đạt: giá trị {value!r} so với chỉ tiêu {target!r}.",
        "cannot tell whether {value!r} meets the target {target!r}.",
        "Nhập giá trị chính xác thay cho giá trị ước lượng.",
        "Type the exact value instead of an approximate one.",
    ),
    "unknown_pillar": (
        "Trụ cột {value!r} không hợp lệ.",
        "pillar {value!r} is not one of {choices}.",
        "Dùng một trong: {choices}.",
        "Use one of: {choices}.",
    ),
    "unverified_claim": (
        "Nhận định “{claim}” chưa có số liệu cùng kỳ để đối chiếu; báo cáo ghi theo đánh giá của Ban Chỉ đạo.",
        "the claim “{claim}” has no data for the same period of last year to check it against; "
        "the report states it as the committee's assessment.",
        "Thêm số liệu kỳ {previous} vào data/raw để báo cáo tự kiểm chứng.",
        "Add the {previous} data to data/raw so the report can check it.",
    ),
    "claim_contradicted": (
        "Nhận định “{claim}” trái với số liệu: {evidence}.",
        "the claim “{claim}” contradicts the data: {evidence}.",
        "Sửa nhận định trong review.yml hoặc kiểm tra lại số liệu.",
        "Fix the claim in review.yml or check the data.",
    ),
    # --- real-world input files (dxanalysis.read.indicators / dxanalysis.check.clean) ---
    "legacy_encoding": (
        "Tệp không phải UTF-8; đã đọc theo bảng mã {encoding}.",
        "the file is not UTF-8; it was read as {encoding}.",
        "Kiểm tra chữ tiếng Việt trong báo cáo; tốt nhất lưu lại tệp từ Excel dạng “CSV UTF-8 (Comma delimited)”.",
        'Check the Vietnamese text in the report; better, save the file from Excel as "CSV UTF-8 (Comma delimited)".',
    ),
    "ignored_column": (
        "Cột {value!r} không có trong biểu mẫu nên không được đọc.",
        "column {value!r} is not a known column and was not read.",
        "Nếu cần số liệu của cột này, đổi tên cột theo README (ví dụ ‘Giá trị’, ‘Chỉ tiêu giao’).",
        "If its figures are needed, rename it as the README lists (e.g. 'Giá trị', 'Chỉ tiêu giao').",
    ),
    "sheet_skipped": (
        "Trang tính {sheet!r} không được đọc: {reason_vi}.",
        "sheet {sheet!r} was not read: {reason}.",
        "Nếu trang này có số liệu của kỳ, hiện trang và đặt dòng tiêu đề có cột ‘Chỉ tiêu’.",
        "If it holds the period's figures, unhide it and give it a header row with a 'Chỉ tiêu' column.",
    ),
    "duplicate_column": (
        "Hai cột cùng nghĩa {column_name}: {headers}; không biết dùng cột nào nên bảng không được đọc.",
        "two columns mean {column_name}: {headers}; the table was not read because either could be meant.",
        "Giữ một cột, hoặc đổi tên cột kia (ví dụ ‘Kết quả cùng kỳ’) để nó không được đọc.",
        "Keep one of them, or rename the other (e.g. 'Kết quả cùng kỳ') so that it is not read.",
    ),
    "section_row": (
        "Dòng {value!r} là tiêu đề nhóm, không phải chỉ tiêu; không được đọc.",
        "row {value!r} is a section heading, not an indicator; it was not read.",
        "Ghi tên trụ cột (Chính quyền số, Kinh tế số, Xã hội số) ở tiêu đề nhóm nếu các dòng dưới thuộc trụ cột đó.",
        "Name a pillar in the heading (Chính quyền số, Kinh tế số, Xã hội số) to file the rows below under it.",
    ),
    "total_row": (
        "Dòng tổng cộng {value!r} không được đọc như một chỉ tiêu.",
        "the total row {value!r} is not read as an indicator.",
        "Để kiểm tra tổng, khai báo các dòng thành phần bằng cột ‘Thuộc tổng’.",
        "To check a total, declare its parts in a 'Thuộc tổng' (part_of) column.",
    ),
    "rows_below_table": (
        "{count} dòng dưới bảng (dòng {first_row}–{last_row}: ghi chú, chữ ký) không được đọc.",
        "{count} row(s) below the table (rows {first_row}–{last_row}: notes, signatures) were not read.",
        "Không cần làm gì nếu các dòng này không có số liệu.",
        "Nothing to do if they hold no figures.",
    ),
    "figures_below_table": (
        "Dòng {value!r} có số liệu nhưng nằm dưới phần ghi chú/chữ ký nên không được đọc.",
        "row {value!r} holds figures but lies below the end of the table (notes, signatures); it was not read.",
        "Chuyển dòng này vào bảng, phía trên phần ghi chú và chữ ký.",
        "Move it into the table, above the notes and signatures.",
    ),
    "extra_cells": (
        "Dòng có {cells} ô, nhiều hơn dòng tiêu đề ({header_cells} ô); có thể một số có dấu phẩy đã bị tách làm hai.",
        "the row has {cells} cells, more than the header's {header_cells}; a decimal comma may have split a number.",
        "Đặt số có dấu phẩy trong ngoặc kép (\"60,41%\") hoặc lưu lại từ Excel dạng “CSV UTF-8”.",
        'Quote numbers that hold a comma ("60,41%") or save the file from Excel as "CSV UTF-8".',
    ),
    "indicator_near_match": (
        "Chỉ tiêu {value!r} được hiểu là “{name}” ({matched}, giống {score}).",
        "indicator {value!r} was taken to be “{name}” ({matched}, {score} alike).",
        "Kiểm tra lại; ghi đúng tên hoặc mã trong danh mục để bỏ thông báo này.",
        "Check it; type the catalog name or code to silence this.",
    ),
    "blank_indicator": (
        "Dòng có số liệu nhưng thiếu tên chỉ tiêu.",
        "the row has figures but no indicator name.",
        "Nhập tên hoặc mã chỉ tiêu vào cột ‘Chỉ tiêu’.",
        "Type the indicator's name or code in the 'Chỉ tiêu' column.",
    ),
    "not_an_indicator_row": (
        "Dòng {value!r} không có số liệu và không phải chỉ tiêu trong danh mục; không được đọc.",
        "row {value!r} has no figures and is not an indicator of the catalog; it was taken for a heading.",
        "Nếu đây là một chỉ tiêu, dùng tên hoặc mã trong danh mục; gần nhất: {candidates}.",
        "If it is an indicator, use a catalog name or code; closest: {candidates}.",
    ),
    "period_mismatch": (
        "Kỳ {value!r} khác với kỳ của thư mục ({period}).",
        "the period {value!r} differs from the folder's period {period}.",
        "Đặt tệp vào thư mục của kỳ {found}, hoặc sửa kỳ ghi trong tệp.",
        "Put the file in the folder of {found}, or fix the period written in the file.",
    ),
    "unknown_period": (
        "Không đọc được kỳ {value!r}.",
        "cannot read the period {value!r}.",
        "Ghi kỳ dạng 2022-H1, 2022-Q3, 2022 hoặc ‘06 tháng đầu năm 2022’.",
        "Write periods as 2022-H1, 2022-Q3, 2022 or '06 tháng đầu năm 2022'.",
    ),
    "parts_total_mismatch": (
        "Tổng {what_vi} của các thành phần là {parts_sum}, khác với dòng tổng {stated}.",
        "the parts' {what} add up to {parts_sum}, not the total's {stated}.",
        "Kiểm tra các dòng thành phần (dòng {rows}) và dòng tổng.",
        "Check the part rows (rows {rows}) and the total row.",
    ),
    "unknown_part_of": (
        "Cột ‘Thuộc tổng’ ghi {value!r}, không phải chỉ tiêu trong danh mục.",
        "the part_of column names {value!r}, which is not an indicator of the catalog.",
        "Ghi mã hoặc tên chỉ tiêu tổng; gần nhất: {candidates}.",
        "Name the total's code or catalog name; closest: {candidates}.",
    ),
    "formula_not_computed": (
        "Ô chứa công thức {value!r} nhưng tệp không lưu kết quả tính.",
        "the cell holds the formula {value!r} but the file has no saved result for it.",
        "Mở tệp bằng Excel rồi lưu lại (Excel sẽ lưu kết quả công thức), sau đó chạy lại.",
        "Open the file in Excel and save it (Excel stores the results), then run again.",
    ),
    # --- dossier register (dxanalysis.check.register) ---
    "register_bad_date": (
        "Không đọc được ngày {value!r}.",
        "cannot read the date {value!r}.",
        "Ghi ngày theo dạng dd/mm/yyyy, ví dụ 09/08/2022.",
        "Write dates as dd/mm/yyyy, e.g. 09/08/2022.",
    ),
    "register_completed_before_received": (
        "Ngày hoàn thành {completed} trước ngày tiếp nhận {received}.",
        "completed on {completed}, before it was received on {received}.",
        "Kiểm tra lại ngày tiếp nhận và ngày hoàn thành của hồ sơ.",
        "Check the dossier's received and completed dates.",
    ),
    "register_duplicate_code": (
        "Mã hồ sơ {value!r} bị trùng (đã có ở dòng {first_row}).",
        "dossier code {value!r} appears twice (first at row {first_row}).",
        "Mỗi hồ sơ chỉ xuất hiện một lần trong sổ theo dõi.",
        "Each dossier appears once in the register.",
    ),
    "register_unknown_channel": (
        "Hình thức tiếp nhận {value!r} không xác định.",
        "unknown channel {value!r}.",
        "Dùng: trực tuyến, trực tiếp hoặc bưu chính công ích.",
        "Use: trực tuyến (online), trực tiếp (in person) or bưu chính công ích (postal).",
    ),
    "register_outside_period": (
        "Hồ sơ tiếp nhận ngày {value} nằm ngoài kỳ {period}.",
        "received on {value}, outside the period {period}.",
        "Bỏ hồ sơ khỏi tệp của kỳ này hoặc kiểm tra ngày tiếp nhận.",
        "Remove it from this period's file or check the received date.",
    ),
    "register_rows_excluded": (
        "{count} dòng ({kind_vi}) không được tính vào tỷ lệ; ví dụ dòng {examples}.",
        "{count} row(s) ({kind_en}) left out of the rates; e.g. rows {examples}.",
        "Xem các dòng ví dụ và sửa trong tệp xuất từ hệ thống một cửa.",
        "See the example rows and fix them in the one-stop-shop export.",
    ),
    "register_disagrees": (
        "Số liệu nhập tay {typed} khác số liệu tính từ sổ theo dõi hồ sơ {computed}.",
        "the typed figure {typed} differs from the figure computed from the register {computed}.",
        "Đối chiếu lại; báo cáo dùng số liệu tính từ sổ theo dõi hồ sơ.",
        "Reconcile them; the report uses the figure computed from the register.",
    ),
}


@dataclass(frozen=True)
class Finding:
    """One problem found in the input, with where it is and how to fix it."""

    severity: Severity
    code: str
    path: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    sheet: str | None = None
    indicator: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, got {self.severity!r}")
        if self.code not in MESSAGES:
            raise ValueError(f"unknown finding code {self.code!r}; add it to findings.MESSAGES")

    def _fill(self, template: str) -> str:
        values = {"value": self.value, "indicator": self.indicator, **self.params}
        return template.format(**values)

    def message(self, lang: str = "en") -> str:
        """The finding's message in ``lang`` (``"vi"`` or ``"en"``)."""
        vi, en, _, _ = MESSAGES[self.code]
        text = self._fill(vi if lang == "vi" else en)
        return text[0].upper() + text[1:]

    def hint(self, lang: str = "en") -> str:
        """What to do about it, in ``lang``."""
        _, _, vi, en = MESSAGES[self.code]
        return self._fill(vi if lang == "vi" else en)

    def where(self, shown_path: str | None = None, lang: str = "en", with_column: bool = True) -> str:
        """File, sheet, row and column as one phrase (``shown_path`` replaces the path as stored)."""
        path = shown_path or self.path
        if path and self.sheet:
            path = f"{path} [{self.sheet}]"
        return location_text(path, self.row, self.column if with_column else None, lang)

    def describe(self, lang: str = "en", shown_path: str | None = None) -> str:
        """One line for a terminal: where, what, how to fix."""
        _, en, _, _ = MESSAGES[self.code]
        text = self._fill(en) if lang == "en" else self.message(lang)
        if lang == "en" and "{value" not in en and self.value not in (None, ""):
            text = f"value {self.value!r}: {text}"
        where = self.where(shown_path)
        line = f"{where}: {text}" if where else text[0].upper() + text[1:]
        hint = self.hint(lang)
        return f"{line} {hint}" if hint else line


FINDING_COLUMNS = [
    "severity", "code", "path", "sheet", "row", "column", "value",
    "indicator", "message_vi", "message_en", "hint_vi", "hint_en",
]


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Turn findings into a table, most severe first, in input order within a severity.

    >>> findings_frame([]).columns.tolist()[:4]
    ['severity', 'code', 'path', 'sheet']
    """
    rows = [
        {
            "severity": f.severity, "code": f.code, "path": f.path, "sheet": f.sheet,
            "row": f.row, "column": f.column,
            "value": None if f.value is None else str(f.value),
            "indicator": f.indicator,
            "message_vi": f.message("vi"), "message_en": f.message("en"),
            "hint_vi": f.hint("vi"), "hint_en": f.hint("en"),
        }
        for f in findings
    ]
    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS).astype({"row": "Int64"})
    rank = frame["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
    return frame.iloc[rank.argsort(kind="stable")].reset_index(drop=True)


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error.

    >>> has_errors([Finding("warning", "no_value", indicator="x")])
    False
    """
    return any(f.severity == "error" for f in findings)


# Codes that, below an error, also mean a row of the input was not used.
ROW_NOT_USED_CODES = frozenset({
    "section_row", "total_row", "rows_below_table", "figures_below_table", "not_an_indicator_row",
})
UNUSED_ROW_COLUMNS = ["path", "sheet", "row", "last_row", "rows", "severity", "codes", "value",
                      "message_vi", "message_en"]


def unused_rows(findings: Iterable[Finding]) -> pd.DataFrame:
    """The input rows that did not become data, one line per row (or block of rows), in file order.

    A row is unused when an error points at it (it was kept out of the
    observations) or when it was read as a heading, a total, or notes and
    signatures below the table. ``rows`` counts the input rows a line covers
    (a block below the table is one line; a missing column makes a whole table
    unused), so ``frame["rows"].sum()`` is how many rows were not used.

    >>> found = [Finding("error", "unparseable", path="a.csv", row=4, value="9.47",
    ...                  params={"expected": "a number", "expected_vi": "một số", "hint_vi": "", "hint_en": ""}),
    ...          Finding("warning", "percent_mismatch", path="a.csv", row=5,
    ...                  params={"stated": "35%", "computed": "32.4%"}),
    ...          Finding("info", "rows_below_table", path="a.csv", row=9,
    ...                  params={"first_row": 9, "last_row": 12, "count": 4})]
    >>> unused_rows(found)[["row", "last_row", "rows", "codes"]].to_dict("records")
    [{'row': 4, 'last_row': 4, 'rows': 1, 'codes': 'unparseable'}, {'row': 9, 'last_row': 12, 'rows': 4, 'codes': 'rows_below_table'}]
    """
    lines: dict[tuple[str, str, int], dict[str, Any]] = {}
    for f in findings:
        if f.row is None or not (f.severity == "error" or f.code in ROW_NOT_USED_CODES):
            continue
        key = (f.path or "", f.sheet or "", int(f.row))
        if f.code in ("missing_column", "duplicate_column"):  # the whole table was not used
            count, last = int(f.params.get("data_rows", 0)), int(f.params.get("last_row", f.row))
        else:
            count, last = int(f.params.get("count", 1)), int(f.params.get("last_row", f.row))
        line = lines.setdefault(key, {
            "path": f.path, "sheet": f.sheet, "row": int(f.row), "last_row": last, "rows": count,
            "severity": f.severity, "codes": [], "value": None if f.value is None else str(f.value),
            "message_vi": [], "message_en": [],
        })
        line["rows"], line["last_row"] = max(line["rows"], count), max(line["last_row"], last)
        if SEVERITIES.index(f.severity) < SEVERITIES.index(line["severity"]):
            line["severity"] = f.severity
        if f.code not in line["codes"]:
            line["codes"].append(f.code)
        line["message_vi"].append(f.message("vi"))
        line["message_en"].append(f.message("en"))
    rows = [{**line, "codes": ", ".join(line["codes"]), "message_vi": " ".join(line["message_vi"]),
             "message_en": " ".join(line["message_en"])} for _, line in sorted(lines.items())]
    return pd.DataFrame(rows, columns=UNUSED_ROW_COLUMNS).astype(
        {"row": "int64", "last_row": "int64", "rows": "int64"})


def row_ranges(spans: Iterable[tuple[int, int]]) -> str:
    """Row spans as a short list: touching or overlapping spans become one range.

    >>> row_ranges([(2, 2), (3, 3), (4, 7), (9, 9), (12, 14), (13, 20)])
    '2–7, 9, 12–20'
    """
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return ", ".join(f"{a}–{b}" if b != a else str(a) for a, b in merged)
