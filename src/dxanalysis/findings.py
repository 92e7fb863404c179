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
    # --- dossier register (dxanalysis.register) ---
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
        "{count} dòng ({kind}) không được tính vào tỷ lệ; ví dụ dòng {examples}.",
        "{count} row(s) ({kind}) left out of the rates; e.g. rows {examples}.",
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

    def where(self, shown_path: str | None = None) -> str:
        """File, sheet, row and column as one phrase (``shown_path`` replaces the path as stored)."""
        path = shown_path or self.path
        if path and self.sheet:
            path = f"{path} [{self.sheet}]"
        return location_text(path, self.row, self.column)

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
