import openpyxl
import pytest

from dxanalysis.exceptions import InputFileError
from dxanalysis.ingest import find_indicator_file, read_indicator_file


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
    with pytest.raises(InputFileError, match="no header row with an indicator column"):
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
