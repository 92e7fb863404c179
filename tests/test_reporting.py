"""Who reports what: reading ``data/raw/<unit>/reporting.csv``."""

import pytest

from dxanalysis.exceptions import InputFileError
from dxanalysis.read.catalog import load_catalog
from dxanalysis.read.reporting import is_communes, read_reporting


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _table(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "reporting.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_vietnamese_headers_codes_and_names(tmp_path, catalog):
    path = _table(tmp_path, "PHÂN CÔNG BÁO CÁO\nChỉ tiêu;Cơ quan báo cáo;Liên hệ;Email;Ghi chú\n"
                            "Tỉ lệ hồ sơ TTHC xử lý trực tuyến;Văn phòng HĐND và UBND;Chị Lan;lan@example.vn;qua một cửa\n"
                            "Ty le truong ap dung mo hinh giao duc STEM;Phòng Giáo dục và Đào tạo;;;\n"
                            "gov.online_dossier_rate;Các xã;;;\n", "utf-16")
    table = read_reporting(path, catalog)
    assert table.bodies() == ["Văn phòng HĐND và UBND", "Phòng Giáo dục và Đào tạo"]
    first = table.rows_of("Văn phòng HĐND và UBND")[0]
    assert (first.indicator, first.contact, first.email, first.note, first.row) == (
        "gov.online_dossier_rate", "Chị Lan", "lan@example.vn", "qua một cửa", 3)
    assert table.indicators_of("Phòng Giáo dục và Đào tạo") == ["soc.stem_school_rate"]
    assert table.commune_indicators() == ["gov.online_dossier_rate"]


def test_english_headers(tmp_path, catalog):
    path = _table(tmp_path, "indicator,body,contact,e-mail,note\nsoc.stem_school_rate,Education office,,,\n"
                            "gov.online_dossier_rate,communes,,,\n")
    table = read_reporting(path, catalog)
    assert table.indicators_of("Education office") == ["soc.stem_school_rate"]
    assert table.commune_indicators() == ["gov.online_dossier_rate"]


def test_unknown_indicator_names_file_row_column_and_value(tmp_path, catalog):
    path = _table(tmp_path, "Chỉ tiêu,Cơ quan báo cáo\nsoc.stem_school_rate,Phòng GD\nTỷ lệ hồ sơ trực tuyếnn abc,Phòng X\n")
    with pytest.raises(InputFileError) as caught:
        read_reporting(path, catalog)
    text = caught.value.text("en")
    assert str(path) in text and "row 3" in text and "'Chỉ tiêu'" in text and "'Tỷ lệ hồ sơ trực tuyếnn abc'" in text
    assert "dxanalysis catalog" in text  # how to fix it


def test_a_near_miss_is_not_guessed(tmp_path, catalog):
    path = _table(tmp_path, "Chỉ tiêu,Cơ quan báo cáo\nTỷ lệ hồ sơ TTHC sử lý trực tuyếnn,Phòng X\n")
    with pytest.raises(InputFileError, match="row 2"):
        read_reporting(path, catalog)


def test_an_indicator_given_to_two_bodies_is_an_error(tmp_path, catalog):
    path = _table(tmp_path, "indicator,body\ngov.online_dossier_rate,Văn phòng\n"
                            "Tỷ lệ hồ sơ TTHC xử lý trực tuyến,Phòng Nội vụ\ngov.online_dossier_rate,các xã\n")
    with pytest.raises(InputFileError) as caught:
        read_reporting(path, catalog)
    text = caught.value.text("en")
    assert "row 3" in text and "already given to 'Văn phòng' in row 2" in text
    assert "row 4" not in text  # a body and the communes is allowed


def test_blank_body_and_every_problem_in_one_error(tmp_path, catalog):
    path = _table(tmp_path, "Chỉ tiêu,Cơ quan báo cáo\ngov.online_dossier_rate,\nabc xyz,Phòng X\n")
    with pytest.raises(InputFileError) as caught:
        read_reporting(path, catalog)
    text = caught.value.text("vi")
    assert "dòng 2, cột 'Cơ quan báo cáo': chưa ghi cơ quan báo cáo" in text and "dòng 3" in text


def test_missing_table_says_how_to_start_one(tmp_path, catalog):
    with pytest.raises(InputFileError, match="new-period"):
        read_reporting(tmp_path / "reporting.csv", catalog)


def test_communes_keyword():
    assert is_communes("UBND các xã") and is_communes("Xã") and not is_communes("Phòng Nội vụ xã")


def test_validate_checks_the_table_of_who_reports_what(example_data, capsys):
    """A wrong reporting.csv is found by `validate` with the data, not only when the forms are made."""
    from dxanalysis import cli

    (example_data / "hong-ngu" / "reporting.csv").write_text(
        "Chỉ tiêu,Cơ quan báo cáo\nTỷ lệ hồ sơ trực tuyến xyz,Phòng A\n", encoding="utf-8")
    status = cli.main(["validate", str(example_data / "hong-ngu")])
    err = capsys.readouterr().err
    assert status == cli.EXIT_INPUT_ERRORS
    assert "reporting.csv: dòng 2, cột 'Chỉ tiêu': 'Tỷ lệ hồ sơ trực tuyến xyz'" in err
