"""Builders of realistic input files for the tests: Excel reporting forms and CSVs in each encoding.

Files are built in the test's ``tmp_path``; nothing here touches ``data/raw``.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import openpyxl
from openpyxl import load_workbook
from openpyxl.styles import Font

from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.read.forms import METADATA_SHEET

EXAMPLE_CSV = Path(EXAMPLE_DATA_DIR) / "hong-ngu" / "2022-H1" / "indicators.csv"
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode ``text`` as a Vietnamese Windows does: precomposed where cp1258 has it, else base + tone mark."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def example_rows() -> list[dict[str, str]]:
    """The shipped example's rows, as typed."""
    with EXAMPLE_CSV.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _agency_block(sheet, title: str, width: int) -> int:
    """Title and agency lines above a form's table, as the province's templates have them; returns the next row."""
    sheet["A1"] = "UỶ BAN NHÂN DÂN HUYỆN HỒNG NGỰ"
    sheet["A2"] = "BAN CHỈ ĐẠO CHUYỂN ĐỐI SỐ"
    sheet.cell(1, width - 2, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    sheet.cell(2, width - 2, "Độc lập - Tự do - Hạnh phúc")
    sheet["A4"] = title
    sheet.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
    sheet["A4"].font = Font(bold=True)
    sheet["A5"] = "(Kèm theo Báo cáo số 123/BC-BCĐ ngày 09/8/2022 của Ban Chỉ đạo)"
    sheet.merge_cells(start_row=5, start_column=1, end_row=5, end_column=width)
    return 7


def _signature_block(sheet, start: int, width: int) -> int:
    sheet.cell(start, 1, "Ghi chú: số liệu tổng hợp từ báo cáo của các phòng, ban và UBND các xã.")
    sheet.cell(start + 1, width - 2, "Hồng Ngự, ngày 09 tháng 8 năm 2022")
    sheet.cell(start + 2, 2, "Người lập biểu")
    sheet.cell(start + 2, width - 2, "KT. TRƯỞNG BAN")
    sheet.cell(start + 3, 2, "(Ký, ghi rõ họ tên)")
    sheet.cell(start + 3, width - 2, "PHÓ TRƯỞNG BAN")
    sheet.cell(start + 6, 2, "Nguyễn Văn A")
    sheet.cell(start + 6, width - 2, "Huỳnh Văn Tài")
    return start + 6


# The example's rows under the pillar headings a district form uses.
_SECTIONS = [
    ("I", "CHÍNH QUYỀN SỐ", ["1", "2", "3", "4", "5"]),
    ("II", "KINH TẾ SỐ", ["6", "7"]),
    ("III", "XÃ HỘI SỐ", ["8"]),
]


def hong_ngu_form(path: Path, *, numeric_cells: bool = True) -> Path:
    """The shipped example typed into the district's Excel reporting form.

    Two-row merged header (``Kết quả thực hiện`` over ``Tử số | Mẫu số | Tỷ lệ``),
    a numbering row, section rows I./II./III. instead of a pillar column, STT,
    and a signature block. With ``numeric_cells`` the counts and rates are
    typed as Excel numbers (rates as percent-formatted fractions), as Excel
    keeps them when an analyst types ``9475`` or ``60,41%``.
    """
    rows = {r["STT"]: r for r in example_rows()}
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Biểu 01"
    width = 9
    top = _agency_block(sheet, "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CHUYỂN ĐỔI SỐ 6 THÁNG ĐẦU NĂM 2022", width)
    group = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả thực hiện 6 tháng đầu năm 2022", None, None,
             "Chỉ tiêu giao năm 2022", "Ghi chú", "Nguồn số liệu"]
    sub = [None, None, None, "Tử số", "Mẫu số", "Tỷ lệ (%)", None, None, None]
    for column, (text_top, text_sub) in enumerate(zip(group, sub), start=1):
        if text_top:
            sheet.cell(top, column, text_top)
        if text_sub:
            sheet.cell(top + 1, column, text_sub)
    for column in (1, 2, 3, 7, 8, 9):
        sheet.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)
    sheet.merge_cells(start_row=top, start_column=4, end_row=top, end_column=6)
    for column in range(1, width + 1):
        sheet.cell(top + 2, column, f"({column})")
    sheet.cell(top + 2, 6, "(6)=(4)/(5)")
    current = top + 3
    for roman, title, numbers in _SECTIONS:
        sheet.cell(current, 1, f"{roman}. {title}")
        sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=width)
        current += 1
        for number in numbers:
            row = rows[number]
            cells = [int(number), row["Chỉ tiêu"], row["Đơn vị tính"], row["Tử số"], row["Mẫu số"], row["Giá trị"],
                     row["Chỉ tiêu giao"], row["Ghi chú"], row["Nguồn"]]
            for column, value in enumerate(cells, start=1):
                if value != "":
                    sheet.cell(current, column, value)
            if numeric_cells:
                _type_as_excel_numbers(sheet, current)
            current += 1
    _signature_block(sheet, current + 1, width)
    workbook.save(path)
    return path


def _type_as_excel_numbers(sheet, row: int) -> None:
    """Turn plain counts and rates into the numbers Excel stores when they are typed in its cells."""
    for column in (4, 5):
        text = sheet.cell(row, column).value
        if isinstance(text, str) and text.replace(".", "").isdigit() and not text.startswith("0"):
            sheet.cell(row, column, int(text.replace(".", "")))
    text = sheet.cell(row, 6).value
    if isinstance(text, str) and text.endswith("%") and text[:-1].replace(",", "").isdigit():
        sheet.cell(row, 6, float(text[:-1].replace(",", ".")) / 100)
        sheet.cell(row, 6).number_format = "0.00%"


# --- returned collection forms (issue 14): filled as a department would ---------------------------

VP, VH = "Văn phòng HĐND và UBND", "Phòng Văn hóa và Thông tin"
FIRST = 7  # the form's first indicator row


def rows_of(sheet):
    return {sheet.cell(r, 1).value: r for r in range(FIRST, sheet.max_row + 1) if sheet.cell(r, 1).value}


def fill(source, target, figures, *, swap=None, insert_above=0, unprotect=False, meta=None):
    """Fill a form as a department would: ``figures`` {code: {column letter: value}}; ``swap`` two codes'
    rows; insert rows above the table; remove the protection; change the metadata (``meta``: key -> value)."""
    book = load_workbook(source)
    sheet = book.worksheets[1]
    rows = rows_of(sheet)
    for code, cells in figures.items():
        for column, value in cells.items():
            sheet[f"{column}{rows[code]}"] = value
    if swap:
        a, b = (rows[code] for code in swap)
        for column in range(1, 11):
            first, second = sheet.cell(a, column), sheet.cell(b, column)
            first.value, second.value = second.value, first.value
    if insert_above:
        sheet.insert_rows(2, insert_above)
        sheet["A2"] = "Dòng chèn thêm"
    if unprotect:
        for each in book.worksheets:
            each.protection.sheet = False
        book.security = None
    for key, value in (meta or {}).items():
        hidden = book[METADATA_SHEET]
        for row in hidden.iter_rows():
            if row[0].value == key:
                row[1].value = value
    book.save(target)
    return target
