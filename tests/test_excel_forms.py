"""Excel reporting forms (biểu mẫu) as departments send them, built here with openpyxl."""

from __future__ import annotations

import shutil

import openpyxl
import pandas as pd
import pytest

from dxanalysis.read.catalog import load_catalog
from dxanalysis.check.clean import clean_indicators
from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.findings import has_errors, unused_rows
from dxanalysis.read.indicators import read_indicator_file
from dxanalysis.assess.review import load_review
from tests.conftest import tree_digest
from tests.forms import hong_ngu_form

LOCATION = ["path", "row", "sheet"]  # where a row was typed differs between the two files, nothing else


def _form_data_dir(tmp_path, numeric_cells=True):
    """The shipped data (units.csv, review.yml, …) with 2022-H1's CSV replaced by the Excel form."""
    raw = tmp_path / "form"
    shutil.copytree(EXAMPLE_DATA_DIR, raw)
    folder = raw / "hong-ngu" / "2022-H1"
    (folder / "indicators.csv").unlink()
    hong_ngu_form(folder / "indicators.xlsx", numeric_cells=numeric_cells)
    return raw


@pytest.mark.parametrize("numeric_cells", [True, False], ids=["excel-numbers", "typed-text"])
def test_example_as_a_reporting_form_gives_identical_observations(tmp_path, example_data, numeric_cells):
    form_dir = _form_data_dir(tmp_path, numeric_cells)
    before = tree_digest(form_dir)
    from_csv = load_review("hong-ngu", "2022-H1", example_data)
    from_form = load_review("hong-ngu", "2022-H1", form_dir)
    pd.testing.assert_frame_equal(from_form.observations.drop(columns=LOCATION),
                                  from_csv.observations.drop(columns=LOCATION))
    assert not from_form.has_errors
    # The form's extra furniture is accounted for, and nothing else is said about it.
    csv_codes = {f.code for f in from_csv.findings}
    assert sorted({f.code for f in from_form.findings} - csv_codes) == ["rows_below_table"]
    assert tree_digest(form_dir) == before


def test_form_rows_point_at_the_spreadsheet_rows(tmp_path):
    path = hong_ngu_form(tmp_path / "indicators.xlsx")
    raw = read_indicator_file(path)
    frame = raw.frame
    assert frame["_row"].tolist() == [11, 12, 13, 14, 15, 17, 18, 20]  # sections at 10, 16, 19
    assert set(frame["_sheet"]) == {"Biểu 01"}
    assert frame.loc[0, "section_pillar"] == "digital_government"
    assert frame.loc[7, "section"] == "III. XÃ HỘI SỐ"
    assert raw.header["numerator"] == "Tử số" and raw.header["target"] == "Chỉ tiêu giao năm 2022"
    footer = [f for f in raw.findings if f.code == "rows_below_table"]
    assert [(f.row, f.params["last_row"], f.params["count"]) for f in footer] == [(22, 28, 5)]
    assert [line[1] for line in raw.preamble] == [1, 2, 4, 5]


def _sheet_with_table(sheet, rows, header=("STT", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Chỉ tiêu giao")):
    sheet.append(["BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))


def _clean_workbook(tmp_path, workbook, period="2022-H1"):
    path = tmp_path / "indicators.xlsx"
    workbook.save(path)
    raw = read_indicator_file(path)
    observations, findings = clean_indicators(raw, load_catalog(), unit="hong-ngu", period=period)
    return raw, observations, findings


def _codes(findings):
    return [(f.severity, f.code, f.sheet, f.row) for f in findings]


def test_sections_totals_notes_and_signatures_are_not_indicators(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    _sheet_with_table(sheet, [
        ("I", "CHÍNH QUYỀN SỐ"),                                                      # 3: section, by STT
        (1, "Tỷ lệ hồ sơ TTHC xử lý trực tuyến", "9.475", "15.684", None, "50%"),      # 4
        ("II.", "Phát triển kinh tế số"),                                             # 5: section, named loosely
        (2, "Số hộ có sản phẩm OCOP trên sàn thương mại điện tử", None, None, "7"),   # 6
        ("", "Số hộ sản xuất kinh doanh được tuyên truyền, hướng dẫn về sàn giao dịch điện tử", None, None, "16"),
        ("III", "CÁC NHIỆM VỤ KHÁC"),                                                 # 8: a heading, no pillar
        (3, "Tỷ lệ trường áp dụng mô hình giáo dục STEM", 11, 34, None, "15%"),       # 9
        ("", "Tổng cộng", None, None, "23"),                                         # 10: total
        (),
        ("Ghi chú: số liệu ước tính",),                                              # 12: notes begin
        ("", "Người lập biểu", None, None, "Thủ trưởng đơn vị"),
        (4, "Tỷ lệ cơ quan kết nối mạng truyền số liệu chuyên dùng", None, None, "100%"),  # 14: below the table
    ])
    raw, observations, findings = _clean_workbook(tmp_path, workbook)
    by_code = observations.set_index("indicator")
    assert by_code.loc["gov.online_dossier_rate", "pillar"] == "digital_government"
    assert by_code.loc["econ.ecommerce_outreach_households", "pillar"] == "digital_economy"
    assert by_code.loc["soc.stem_school_rate", "pillar"] == "digital_society"  # heading without pillar: catalog's
    assert _codes(findings) == [
        ("info", "section_row", "Sheet", 8),
        ("info", "total_row", "Sheet", 10),
        ("warning", "figures_below_table", "Sheet", 14),
        ("info", "rows_below_table", "Sheet", 12),
    ]
    unused = unused_rows(findings)
    assert unused["row"].tolist() == [8, 10, 12, 14]
    assert unused["rows"].sum() == 5  # rows 8, 10, 12, 13, 14: the row with figures is listed on its own


def test_several_sheets_are_read_and_a_cover_sheet_is_named(tmp_path):
    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = "Hướng dẫn"
    cover.append(["Điền số liệu vào các biểu sau, không sửa tiêu đề."])
    _sheet_with_table(workbook.create_sheet("CQS"), [(1, "Tỷ lệ hồ sơ TTHC xử lý trực tuyến", 9475, 15684)])
    _sheet_with_table(workbook.create_sheet("XHS"), [
        (1, "Tỷ lệ trường áp dụng mô hình giáo dục STEM", 11, 34),
        (2, "gov.online_dossier_rate", 1, 2),  # the same indicator again, on another sheet
    ])
    hidden = workbook.create_sheet("Năm trước")
    _sheet_with_table(hidden, [(1, "Tỷ lệ trường áp dụng mô hình giáo dục STEM", 10, 34)])
    hidden.sheet_state = "hidden"
    raw, observations, findings = _clean_workbook(tmp_path, workbook)
    assert observations[["indicator", "sheet", "row"]].values.tolist() == [
        ["gov.online_dossier_rate", "CQS", 3], ["soc.stem_school_rate", "XHS", 3]]
    assert _codes(findings) == [
        ("info", "sheet_skipped", "Năm trước", None),
        ("info", "sheet_skipped", "Hướng dẫn", None),
        ("error", "duplicate_indicator", "XHS", 4),
    ]
    assert raw.header_text("numerator", "XHS") == "Tử số"


def test_formula_without_a_saved_result_is_an_error_not_an_empty_cell(tmp_path):
    workbook = openpyxl.Workbook()
    _sheet_with_table(workbook.active, [(1, "Tỷ lệ trường áp dụng mô hình giáo dục STEM", 11, 34, "=C3/D3")])
    _, observations, findings = _clean_workbook(tmp_path, workbook)
    assert observations.empty
    assert [(f.code, f.row, f.column, f.value) for f in findings] == [
        ("formula_not_computed", 3, "Giá trị", "=C3/D3")]


def test_a_ratio_excel_turned_into_a_date_is_reported(tmp_path):
    import datetime

    workbook = openpyxl.Workbook()
    _sheet_with_table(workbook.active, [(1, "Tỷ lệ trường áp dụng mô hình giáo dục STEM", None, None,
                                         datetime.datetime(2022, 12, 9))])
    _, observations, findings = _clean_workbook(tmp_path, workbook)
    assert [(f.code, f.value) for f in findings] == [("unparseable", "09/12/2022")]
    assert "Text" in findings[0].hint("en")


def test_two_columns_meaning_the_result_stop_the_table(tmp_path):
    workbook = openpyxl.Workbook()
    _sheet_with_table(workbook.active, [
        (1, "Tỷ lệ trường áp dụng mô hình giáo dục STEM", "30%", "32,35%"),
        (2, "Tỷ lệ hồ sơ TTHC xử lý trực tuyến", "55%", "60,41%"),
    ], header=("STT", "Chỉ tiêu", "Kết quả năm 2021", "Kết quả 6 tháng đầu năm 2022"))
    _, observations, findings = _clean_workbook(tmp_path, workbook)
    assert observations.empty and has_errors(findings)
    assert [f.code for f in findings] == ["duplicate_column"]
    assert unused_rows(findings)["rows"].sum() == 2


def test_title_naming_another_period_is_a_warning(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["KẾT QUẢ CHUYỂN ĐỔI SỐ 6 THÁNG CUỐI NĂM 2021"])
    sheet.append(["Đồng Tháp, ngày 05 tháng 01 năm 2022"])
    sheet.append(["STT", "Chỉ tiêu", "Giá trị"])
    sheet.append([1, "Tỷ lệ trường áp dụng mô hình giáo dục STEM", "32,35%"])
    _, observations, findings = _clean_workbook(tmp_path, workbook)
    assert len(observations) == 1
    assert [(f.severity, f.code, f.row, f.params["found"]) for f in findings] == [
        ("warning", "period_mismatch", 1, "2021-H2")]


def test_unreadable_workbooks_are_clear_errors(tmp_path):
    from dxanalysis.exceptions import InputFileError
    from dxanalysis.read.indicators import find_indicator_file

    old = tmp_path / "indicators.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputFileError, match=r"\.xls workbooks cannot be read.*save it as \.xlsx"):
        read_indicator_file(old)
    with pytest.raises(InputFileError, match="indicators.xls, which cannot be read"):
        find_indicator_file(tmp_path)
    broken = tmp_path / "broken.xlsx"
    broken.write_text("Chỉ tiêu,Giá trị\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="cannot open the workbook"):
        read_indicator_file(broken)


def test_example_as_a_reporting_form_renders_the_identical_report(tmp_path, example_data):
    """Every section of the page, charts included, is the same; only the appendix names other files."""
    import dxanalysis as dx

    from_csv = load_review("hong-ngu", "2022-H1", example_data)
    from_form = load_review("hong-ngu", "2022-H1", _form_data_dir(tmp_path))
    sections = (dx.header_section, dx.summary_section, dx.achievements_section, dx.commitments_section,
                dx.shortcomings_section, dx.tasks_section)
    for lang in ("vi", "en"):
        for section in sections:
            assert section(from_form, lang) == section(from_csv, lang), (section.__name__, lang)
