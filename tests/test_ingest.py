import openpyxl
import pytest

from dxanalysis.exceptions import InputFileError
from dxanalysis.read.indicators import find_indicator_file, read_indicator_file


def test_header_found_below_title_lines(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text("ỦY BAN NHÂN DÂN HUYỆN HỒNG NGỰ,,\nBIỂU TỔNG HỢP CHỈ TIÊU,,\n,,\n"
                    "STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ trực tuyến,\"60,41%\"\n", encoding="utf-8")
    table = read_indicator_file(path)
    assert table.frame[["indicator", "value", "_row"]].to_dict("records") == [
        {"indicator": "Tỷ lệ hồ sơ trực tuyến", "value": "60,41%", "_row": 5}]


def test_english_headers_and_semicolons(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text("indicator;numerator;denominator;target\nonline dossier rate;9.475;15.684;50%\n", encoding="utf-8")
    table = read_indicator_file(path)
    assert list(table.frame.columns) == ["indicator", "numerator", "denominator", "target", "_row"]
    assert table.frame.loc[0, "numerator"] == "9.475"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_encodings(tmp_path, encoding):
    path = tmp_path / "indicators.csv"
    path.write_bytes("Chỉ tiêu,Giá trị\nTỷ lệ trường STEM,\"32,35%\"\n".encode(encoding))
    assert read_indicator_file(path).frame.loc[0, "indicator"] == "Tỷ lệ trường STEM"


def test_non_utf8_file_is_a_clear_error(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_bytes("Chỉ tiêu,Giá trị\n".encode("utf-8") + b"T\xfd l\xea,1\n")
    with pytest.raises(InputFileError, match="not UTF-8.*CSV UTF-8"):
        read_indicator_file(path)


def test_missing_indicator_column_is_a_finding(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text("Tên,Giá trị\nx,1\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="no header row naming indicator"):
        read_indicator_file(path)
    path.write_text("Chỉ tiêu,Ghi chú\nx,1\n", encoding="utf-8")
    assert [f.code for f in read_indicator_file(path).findings] == ["missing_column"]


def test_xlsx_typed_numbers_and_percent_cells(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["BÁO CÁO KẾT QUẢ CHUYỂN ĐỔI SỐ"])
    sheet.append(["STT", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Chỉ tiêu giao"])
    sheet.append([1, "Tỷ lệ hồ sơ TTHC xử lý trực tuyến", 9475, 15684, 0.6041, "50%"])
    sheet["E3"].number_format = "0.00%"
    path = tmp_path / "indicators.xlsx"
    workbook.save(path)
    row = read_indicator_file(path).frame.iloc[0]
    assert (row["numerator"], row["denominator"], row["value"], row["_row"]) == ("9.475", "15.684", "60,41%", 3)


def test_find_indicator_file(tmp_path):
    with pytest.raises(InputFileError, match="holds no indicators.csv"):
        find_indicator_file(tmp_path)
    (tmp_path / "indicators.csv").write_text("Chỉ tiêu\n", encoding="utf-8")
    (tmp_path / "indicators.xlsx").write_bytes(b"")
    with pytest.raises(InputFileError, match="several indicator files"):
        find_indicator_file(tmp_path)


def test_two_row_header_with_a_numbering_row(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(
        "BIỂU 01,,,,,,\n"
        "STT,Tên chỉ tiêu,Kết quả thực hiện 6 tháng đầu năm 2022,,,Chỉ tiêu năm 2022,Số hiệu văn bản\n"
        ",,Số đạt,Tổng số,Tỷ lệ (%),,\n"
        "(1),(2),(3),(4),(5)=(3)/(4),(6),(7)\n"
        '1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,11,34,"32,35",15%,12/KH-UBND\n', encoding="utf-8")
    table = read_indicator_file(path)
    assert table.frame.drop(columns="_row").to_dict("records") == [{
        "seq": "1", "indicator": "Tỷ lệ trường áp dụng mô hình giáo dục STEM", "numerator": "11",
        "denominator": "34", "value": "32,35", "target": "15%"}]
    assert table.frame["_row"].tolist() == [5]
    assert table.header["target"] == "Chỉ tiêu năm 2022"
    assert [(f.code, f.value) for f in table.findings] == [("ignored_column", "Số hiệu văn bản")]
    assert table.preamble == [(None, 1, "BIỂU 01")]


@pytest.mark.parametrize("text, column", [
    ("Chỉ tiêu", "indicator"), ("CHỈ TIÊU", "indicator"), ("Chỉ tiêu giao năm 2022", "target"),
    ("Chỉ tiêu năm 2022", "target"), ("Kế hoạch 2022", "target"), ("Tỉ lệ (%)", "value"),
    ("Kết quả thực hiện quý I/2022", "value"), ("Số lượng", "count"), ("Thuộc tổng", "part_of"),
    ("Kỳ báo cáo", "period"), ("ĐVT", "count_unit"), ("Người ký", None),
])
def test_header_column(text, column):
    from dxanalysis.read.indicators import header_column
    assert header_column(text) == column


def test_windows_1258_file_is_read_with_a_note(tmp_path):
    from tests.forms import to_cp1258
    path = tmp_path / "indicators.csv"
    path.write_bytes(to_cp1258("Chỉ tiêu,Giá trị\nTỷ lệ trường STEM,\"32,35%\"\n"))
    table = read_indicator_file(path)
    assert table.frame.loc[0, "indicator"] == "Tỷ lệ trường STEM"
    assert (table.encoding, [f.code for f in table.findings]) == ("cp1258", ["legacy_encoding"])
