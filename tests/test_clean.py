import pytest

from dxanalysis.read.catalog import load_catalog
from dxanalysis.check.clean import clean_indicators
from dxanalysis.read.indicators import read_indicator_file

HEADER = "STT,Chỉ tiêu,Tử số,Mẫu số,Giá trị,Chỉ tiêu giao\n"


def clean(tmp_path, body, header=HEADER):
    path = tmp_path / "indicators.csv"
    path.write_text(header + body, encoding="utf-8")
    raw = read_indicator_file(path)
    observations, findings = clean_indicators(raw, load_catalog(), unit="hong-ngu", period="2022-H1")
    return raw, observations, findings


def test_seed_rows_become_numbers(tmp_path):
    _, obs, findings = clean(tmp_path, '1,Tỉ lệ hồ sơ TTHC xử lý trực tuyến,9.475,15.684,"60,41%",50%\n'
                                       '2,Tỷ lệ dịch vụ công trực tuyến phát sinh hồ sơ,52,74,"70,27%",≥80%\n')
    assert findings == []
    first, second = obs.iloc[0], obs.iloc[1]
    assert (first.numerator, first.denominator, first.target) == (9475, 15684, 50)
    assert first.value == pytest.approx(9475 / 15684 * 100)
    assert (second.target, second.target_qualifier) == (80, "at_least")
    assert first.name_typed == "Tỉ lệ hồ sơ TTHC xử lý trực tuyến"  # the analyst's spelling is kept


@pytest.mark.parametrize("body, code, column, value", [
    ("1,Tỷ lệ hồ sơ TTHC trực tuyến abc,1,2,,\n", "unknown_indicator", "Chỉ tiêu", "Tỷ lệ hồ sơ TTHC trực tuyến abc"),
    ("1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,mười một,34,,\n", "unparseable", "Tử số", "mười một"),
    ("1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,9.47,15.684,,\n", "unparseable", "Tử số", "9.47"),
    ("1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,34,11,,\n", "numerator_above_denominator", "Tử số", "34"),
    ("1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,1,0,,\n", "zero_denominator", "Mẫu số", "0"),
    ("1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,,,120%,\n", "ratio_above_100", "Giá trị", "120%"),
    ("1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,,,,khoảng chừng\n", "unparseable", "Chỉ tiêu giao", "khoảng chừng"),
    ("1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,11,,,\n", "unparseable", "Mẫu số", ""),
])
def test_bad_cells_become_located_errors(tmp_path, body, code, column, value):
    raw, obs, findings = clean(tmp_path, body)
    errors = [f for f in findings if f.severity == "error"]
    assert [(f.code, f.row, f.column, f.value) for f in errors] == [(code, 2, column, value)]
    assert errors[0].path == raw.path
    assert obs.empty  # a row with an error is not used, and it is named in the findings


def test_duplicate_indicator_names_the_first_row(tmp_path):
    _, obs, findings = clean(tmp_path, "1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,11,34,,\n"
                                       "2,soc.stem_school_rate,12,34,,\n")
    assert len(obs) == 1
    assert [(f.code, f.row, f.params["first_row"]) for f in findings] == [("duplicate_indicator", 3, 2)]


def test_stated_rate_disagreeing_with_counts_is_a_warning_and_counts_win(tmp_path):
    _, obs, findings = clean(tmp_path, '1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,11,34,"35,35%",15%\n')
    assert [(f.severity, f.code) for f in findings] == [("warning", "percent_mismatch")]
    assert obs.iloc[0].value == pytest.approx(11 / 34 * 100)


def test_stated_rate_within_its_rounding_is_accepted(tmp_path):
    _, _, findings = clean(tmp_path, '1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,11,34,32%,15%\n'
                                     '2,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,9.475,15.684,"60,4%",50%\n')
    assert findings == []


def test_ratio_in_the_value_cell(tmp_path):
    _, obs, _ = clean(tmp_path, "1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,,,11/34,15%\n")
    assert (obs.iloc[0].numerator, obs.iloc[0].denominator) == (11, 34)


def test_missing_value_is_a_warning_and_kept_as_no_data(tmp_path):
    _, obs, findings = clean(tmp_path, "1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,,,,15%\n")
    assert [f.code for f in findings] == ["no_value"]
    assert len(obs) == 1 and obs.iloc[0].value != obs.iloc[0].value  # NaN


def test_missing_value_columns_is_an_error(tmp_path):
    _, obs, findings = clean(tmp_path, "1,x\n", header="STT,Chỉ tiêu\n")
    assert [f.code for f in findings] == ["missing_column"]
    assert obs.empty


def test_input_table_is_not_modified(tmp_path):
    raw, _, _ = clean(tmp_path, "1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,11,34,,\n")
    before = raw.frame.copy()
    clean_indicators(raw, load_catalog(), unit="u", period="2022-H1")
    assert raw.frame.equals(before)


def test_no_data_marks_are_no_value_not_errors(tmp_path):
    _, obs, findings = clean(tmp_path, "1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,-,–,x,15%\n")
    assert [(f.severity, f.code) for f in findings] == [("warning", "no_value")]
    assert obs.iloc[0].target == 15 and obs.iloc[0].value != obs.iloc[0].value


def test_count_column_is_the_value_of_a_count_and_the_numerator_of_a_rate(tmp_path):
    _, obs, findings = clean(tmp_path, "1,Số hộ có sản phẩm OCOP trên sàn thương mại điện tử,07,,\n"
                                       "2,Tỷ lệ trường áp dụng mô hình giáo dục STEM,11,34,\n",
                             header="STT,Chỉ tiêu,Số lượng,Mẫu số,Tỷ lệ\n")
    assert findings == []
    rows = obs.set_index("indicator")
    assert rows.loc["econ.ocop_households_on_ecommerce", "value"] == 7
    assert rows.loc["soc.stem_school_rate", "value"] == pytest.approx(11 / 34 * 100)


def test_near_match_names_the_indicator_it_was_taken_for(tmp_path):
    _, obs, findings = clean(tmp_path, "1,Tỷ lệ trường áp dụng mô hình giáo dục STEMM,11,34,,\n")
    assert obs.iloc[0].indicator == "soc.stem_school_rate"
    assert obs.iloc[0].name_typed == "Tỷ lệ trường áp dụng mô hình giáo dục STEMM"
    (finding,) = findings
    assert (finding.severity, finding.code, finding.indicator) == ("warning", "indicator_near_match",
                                                                   "soc.stem_school_rate")
    assert "Tỷ lệ trường áp dụng mô hình giáo dục STEM" in finding.message("vi")


def test_typed_pillar_wins_over_the_section_heading(tmp_path):
    _, obs, findings = clean(tmp_path, "I,CHÍNH QUYỀN SỐ,,\n1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,,32%\n"
                                       "2,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,Xã hội số,60%\n",
                             header="STT,Chỉ tiêu,Trụ cột,Giá trị\n")
    assert findings == []
    assert obs["pillar"].tolist() == ["digital_government", "digital_society"]


def test_parts_that_add_up_say_nothing(tmp_path):
    _, obs, findings = clean(tmp_path, "1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,9.475,15.684,\n"
                                       ",- Cấp huyện,5.000,8.000,gov.online_dossier_rate\n"
                                       ",- Cấp xã,4.475,7.684,gov.online_dossier_rate\n",
                             header="STT,Chỉ tiêu,Tử số,Mẫu số,Thuộc tổng\n")
    assert findings == [] and len(obs) == 1


PARTS_HEADER = "STT,Chỉ tiêu,Giá trị,Thuộc tổng\n"


def test_rate_parts_of_a_count_add_their_numerators_never_their_percentages(tmp_path):
    # three parts of 30 dossiers, each typed as a share of the 30: 12 + 13 + 5 = 30, no warning
    _, _, findings = clean(tmp_path, "1,Số hồ sơ TTHC tiếp nhận,30,\n,- Trực tuyến,12/30,gov.dossiers_received\n"
                                     ",- Trực tiếp,13/30,gov.dossiers_received\n,- Bưu chính,05/30,gov.dossiers_received\n",
                           header=PARTS_HEADER)
    assert findings == []


def test_a_real_gap_between_parts_and_total_names_the_counts(tmp_path):
    _, _, findings = clean(tmp_path, "1,Số hồ sơ TTHC tiếp nhận,30,\n,- Trực tuyến,12/30,gov.dossiers_received\n"
                                     ",- Trực tiếp,13/30,gov.dossiers_received\n,- Bưu chính,04/30,gov.dossiers_received\n",
                           header=PARTS_HEADER)
    (finding,) = findings
    assert finding.code == "parts_total_mismatch" and finding.row == 2
    assert finding.params["parts_sum"] == "29" and finding.params["stated"] == "30"


def test_parts_beyond_their_total_are_an_error(tmp_path):
    _, _, findings = clean(tmp_path, "1,Số hồ sơ TTHC tiếp nhận,30,\n,- Trực tuyến,12/30,gov.dossiers_received\n"
                                     ",- Trực tiếp,17/30,gov.dossiers_received\n,- Bưu chính,05/30,gov.dossiers_received\n",
                           header=PARTS_HEADER)
    (finding,) = findings
    assert (finding.severity, finding.code, finding.row) == ("error", "parts_exceed_total", 2)
    assert finding.params["parts_sum"] == "34" and "34" in finding.message("vi") and "30" in finding.message("vi")


def test_rate_parts_of_one_whole_share_its_denominator(tmp_path):
    body = ("1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,30/30,\n,- Cấp huyện,12/30,gov.online_dossier_rate\n"
            ",- Cấp xã,18/30,gov.online_dossier_rate\n")
    assert clean(tmp_path, body, header=PARTS_HEADER)[2] == []
    body = body.replace("18/30", "17/30")
    assert [f.params["what"].msgid for f in clean(tmp_path, body, header=PARTS_HEADER)[2]] == ["what.numerators"]


def test_parts_typed_only_as_rates_are_not_added(tmp_path):
    _, _, findings = clean(tmp_path, "1,Số hồ sơ TTHC tiếp nhận,30,\n,- Trực tuyến,40%,gov.dossiers_received\n"
                                     ",- Trực tiếp,60%,gov.dossiers_received\n", header=PARTS_HEADER)
    assert findings == []


@pytest.mark.parametrize("folder, title, warned", [
    ("2023-9M", "BÁO CÁO KẾT QUẢ 9 THÁNG ĐẦU NĂM 2023", False),
    ("2023-H1", "BÁO CÁO KẾT QUẢ 9 THÁNG ĐẦU NĂM 2023", True),
    ("2022-11-15", "Số liệu tính đến ngày 15/11/2022", False),
    ("2022-11-15", "Số liệu tính đến ngày 30/9/2022", True),
    ("2022-M10", "Kết quả tháng 10/2022", False),
    ("2022-H1", "Hồng Ngự, ngày 09 tháng 8 năm 2022", False),  # a date line names no period
])
def test_a_title_naming_another_period_is_a_warning_for_every_kind(tmp_path, folder, title, warned):
    path = tmp_path / "indicators.csv"
    path.write_text(f"{title}\n" + HEADER + "1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,9.475,15.684,,\n", encoding="utf-8")
    _, findings = clean_indicators(read_indicator_file(path), load_catalog(), unit="hong-ngu", period=folder)
    assert [f.code for f in findings if f.code == "period_mismatch"] == (["period_mismatch"] if warned else [])


def test_a_row_naming_the_same_days_in_other_words_is_no_mismatch(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text("Chỉ tiêu,Giá trị,Kỳ\ngov.online_dossier_rate,60%,tính đến ngày 30/9/2023\n", encoding="utf-8")
    _, findings = clean_indicators(read_indicator_file(path), load_catalog(), unit="hong-ngu", period="2023-9M")
    assert findings == []


def test_a_rate_total_given_with_its_count_and_rate_only_checks_the_numerators(tmp_path):
    body = ('1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,30,"58%",\n,- Cấp huyện,,12/50,gov.online_dossier_rate\n'
            ",- Cấp xã,,18/50,gov.online_dossier_rate\n")
    _, obs, findings = clean(tmp_path, body, header="STT,Chỉ tiêu,Tử số,Giá trị,Thuộc tổng\n")
    assert findings == [] and obs.iloc[0].remarks == "no_denominator"


@pytest.mark.parametrize("header, row", [
    ("Chỉ tiêu,Số lượng,Giá trị\n", 'gov.online_dossier_rate,12.345,"58,12%"\n'),
    ("Chỉ tiêu,Tử số,Giá trị\n", 'gov.online_dossier_rate,12.345,"58,12"\n'),  # a rate's value, "%" left out
])
def test_a_count_beside_its_stated_rate_is_kept_in_every_column_it_may_be_typed_in(tmp_path, header, row):
    _, obs, findings = clean(tmp_path, row, header=header)
    assert findings == []
    assert obs.iloc[0].numerator == 12345 and obs.iloc[0].value == pytest.approx(58.12)


def test_a_breakdown_rows_note_goes_with_its_total(tmp_path):
    body = ('1,Số hồ sơ TTHC tiếp nhận,30,,Số liệu quý III\n,- Trực tuyến,12/30,gov.dossiers_received,Gồm hồ sơ qua VNeID\n'
            ",- Trực tiếp,18/30,gov.dossiers_received,\n")
    _, obs, findings = clean(tmp_path, body, header="STT,Chỉ tiêu,Giá trị,Thuộc tổng,Ghi chú\n")
    assert findings == [] and obs.iloc[0].note == "Số liệu quý III; Trực tuyến: Gồm hồ sơ qua VNeID"


def test_a_fraction_in_the_value_beside_its_counts_must_agree(tmp_path):
    _, obs, findings = clean(tmp_path, "gov.online_dossier_rate,15,17,15/17\n", header="Chỉ tiêu,Tử số,Mẫu số,Giá trị\n")
    assert findings == [] and (obs.iloc[0].numerator, obs.iloc[0].denominator) == (15, 17)
    _, obs, findings = clean(tmp_path, "gov.online_dossier_rate,15,17,14/17\n", header="Chỉ tiêu,Tử số,Mẫu số,Giá trị\n")
    assert [(f.code, f.value) for f in findings] == [("fraction_mismatch", "14/17")] and obs.empty
