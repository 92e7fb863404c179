"""A corpus of awkward CSV files as departments save them, each with the findings it must produce.

Every case is built in ``tmp_path``, read, cleaned, and checked for its exact
findings (severity, code, row, column, value as typed); the file's bytes
must be unchanged afterwards.
"""

from __future__ import annotations

import hashlib
import unicodedata

import pandas as pd
import pytest

from dxanalysis.read.catalog import load_catalog
from dxanalysis.check.clean import clean_indicators
from dxanalysis.exceptions import InputFileError
from dxanalysis.findings import unused_rows
from dxanalysis.read.indicators import read_indicator_file
from tests.forms import csv_text, example_rows, to_cp1258

HEADER = ["STT", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Chỉ tiêu giao"]
STEM = "Tỷ lệ trường áp dụng mô hình giáo dục STEM"
ONLINE = "Tỷ lệ hồ sơ TTHC xử lý trực tuyến"
HOUSEHOLDS = "Số hộ sản xuất kinh doanh được tuyên truyền, hướng dẫn về sàn giao dịch điện tử"
OCOP_HOUSEHOLDS = "Số hộ có sản phẩm OCOP trên sàn thương mại điện tử"


def _run(tmp_path, data: bytes, name="indicators.csv", period="2022-H1"):
    path = tmp_path / name
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    raw = read_indicator_file(path)
    observations, findings = clean_indicators(raw, load_catalog(), unit="hong-ngu", period=period)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest  # raw files are only read
    return raw, observations, findings


def _found(findings):
    return [(f.severity, f.code, f.row, f.column, f.value) for f in findings]


def _example_csv() -> tuple[list[str], list[list[str]]]:
    rows = example_rows()
    header = list(rows[0])
    return header, [[r[h] for h in header] for r in rows]


# --- encodings --------------------------------------------------------------------------------------

def _cp1258(text: str) -> bytes:
    # Windows-1258 has no "≥": a Vietnamese Windows user types ">=".
    return to_cp1258(text.replace("≥", ">="))


@pytest.mark.parametrize("delimiter, encode, expected_codes", [
    (",", lambda t: t.encode("utf-8"), []),
    (",", lambda t: t.encode("utf-8-sig"), []),
    (",", lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), []),        # macOS
    ("\t", lambda t: t.encode("utf-16"), []),                                    # Excel "Unicode text"
    ("\t", lambda t: t.encode("utf-16-le"), []),                                 # UTF-16 without its mark
    (",", _cp1258, ["legacy_encoding"]),                                         # Vietnamese Windows "CSV"
    (";", _cp1258, ["legacy_encoding"]),
], ids=["utf-8", "utf-8-bom", "nfd", "utf-16-tab", "utf-16-le-no-bom", "cp1258", "cp1258-semicolon"])
def test_every_encoding_gives_the_same_observations(tmp_path, delimiter, encode, expected_codes):
    header, rows = _example_csv()
    (tmp_path / "base").mkdir()
    _, expected, _ = _run(tmp_path / "base", csv_text(header, rows).encode("utf-8"))
    _, observations, findings = _run(tmp_path, encode(csv_text(header, rows, delimiter)))
    assert [f.code for f in findings] == expected_codes
    as_typed = ["path", "target_text"]  # ">=80%" in cp1258 reads as the same target as "≥80%"
    pd.testing.assert_frame_equal(observations.drop(columns=as_typed), expected.drop(columns=as_typed))


def test_utf16_tab_separated_as_excel_saves_unicode_text(tmp_path):
    text = "\t".join(HEADER) + "\r\n" + "\t".join(["1", STEM, "11", "34", "32,35%", "15%"]) + "\r\n"
    _, observations, findings = _run(tmp_path, text.encode("utf-16"), name="indicators.txt")
    assert findings == [] and observations.iloc[0]["numerator"] == 11


def test_cp1258_combining_tone_marks_become_composed_text(tmp_path):
    text = "Chỉ tiêu,Giá trị\r\nTỉ lệ hồ sơ TTHC xử lý trực tuyến,\"60,41%\"\r\n"
    data = to_cp1258(text)
    assert b"\xd2" in data or b"\xf2" in data  # tone marks stored as separate combining bytes
    raw, observations, findings = _run(tmp_path, data)
    assert raw.encoding == "cp1258"
    assert raw.frame.loc[0, "indicator"] == unicodedata.normalize("NFC", "Tỉ lệ hồ sơ TTHC xử lý trực tuyến")
    assert observations.iloc[0]["indicator"] == "gov.online_dossier_rate"
    assert [(f.severity, f.code) for f in findings] == [("info", "legacy_encoding")]


@pytest.mark.parametrize("data, message", [
    ("Chỉ tiêu,Giá trị\n".encode("utf-8") + b"T\xfd l\xea,1\n", "mixes UTF-8"),
    ("Indikator,Wert\nStraße,1\n".encode("cp1252"), "not Vietnamese text"),
    (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook"),
    (b"Ch\x00\x00\x00i ti\x00eu", "NUL bytes"),
], ids=["mixed", "western-european", "xlsx-named-csv", "binary"])
def test_an_encoding_that_cannot_be_decided_is_a_clear_error(tmp_path, data, message):
    path = tmp_path / "indicators.csv"
    path.write_bytes(data)
    with pytest.raises(InputFileError, match=message) as info:
        read_indicator_file(path)
    assert str(path) in str(info.value)
    assert "CSV UTF-8" in str(info.value) or "xlsx" in str(info.value)


# --- cells as people type them ----------------------------------------------------------------------

def _csv(rows, header=HEADER):
    return csv_text(header, rows).encode("utf-8")


CORPUS = {
    "no-data marks": (
        [["1", STEM, "-", "–", "x", "15%"], ["2", ONLINE, "", "", "—", "x"]],
        [("warning", "no_value", 2, "Giá trị", ""), ("warning", "no_value", 3, "Giá trị", "")],
        2,
    ),
    "percent with a space and unit words": (
        [["1", STEM, "", "", "32,35 %", "15 %"], ["2", HOUSEHOLDS, "", "", "16 hộ", ""]],
        [], 2,
    ),
    "qualifiers kept as data": (
        [["1", STEM, "", "", "trên 58%", "từ 55% trở lên"], ["2", HOUSEHOLDS, "", "", "gần 1.400", "hơn 320"],
         ["3", ONLINE, "", "", "dưới 40%", "≥80%"]],
        [], 3,
    ),
    "ambiguous grouping and words for magnitudes": (
        [["1", STEM, "9.47", "15.684", "", ""], ["2", HOUSEHOLDS, "", "", "1,5 nghìn", ""]],
        [("error", "unparseable", 2, "Tử số", "9.47"), ("error", "unparseable", 3, "Giá trị", "1,5 nghìn")],
        0,
    ),
    "zero-padded ratio in the value cell": (
        [["1", STEM, "", "", "05/33", "15%"]], [], 1,
    ),
    "numerator above denominator and rate above 100": (
        [["1", STEM, "34", "11", "", ""], ["2", ONLINE, "", "", "120%", ""]],
        [("error", "numerator_above_denominator", 2, "Tử số", "34"), ("error", "ratio_above_100", 3, "Giá trị", "120%")],
        0,
    ),
    "stated rate beyond its rounding": (
        [["1", STEM, "11", "34", "33%", ""]], [("warning", "percent_mismatch", 2, "Giá trị", "33%")], 1,
    ),
    "spelling variants match exactly": (
        [["1", "  TỈ LỆ hồ sơ TTHC xử lí  trực tuyến ", "9.475", "15.684", "", ""],
         ["2", "3. Tỷ lệ trường áp dụng mô hình giáo dục STEM (*)", "11", "34", "", ""],
         ["3", unicodedata.normalize("NFD", "Số hộ có sản phẩm OCOP trên sàn TMĐT"), "", "", "07", ""]],
        [], 3,
    ),
    "names typed without accents or with a typo": (
        [["1", "Ty le ho so TTHC xu ly truc tuyen", "9.475", "15.684", "", ""],
         ["2", "Tỷ lệ trường áp dụng mô hình giáo dục STEMM", "11", "34", "", ""]],
        [("info", "indicator_near_match", 2, "Chỉ tiêu", "Ty le ho so TTHC xu ly truc tuyen"),
         ("warning", "indicator_near_match", 3, "Chỉ tiêu", "Tỷ lệ trường áp dụng mô hình giáo dục STEMM")],
        2,
    ),
    "a different word is not a typo": (
        [["1", "Tỷ lệ hồ sơ TTHC chưa xử lý trực tuyến", "1", "2", "", ""]],
        [("error", "unknown_indicator", 2, "Chỉ tiêu", "Tỷ lệ hồ sơ TTHC chưa xử lý trực tuyến")], 0,
    ),
    "heading rows and rows without a name": (
        [["", "Hạ tầng số và an toàn thông tin", "", "", "", ""], ["2", "", "11", "34", "", ""],
         ["I", "CHÍNH QUYỀN SỐ", "", "", "", ""], ["", "Tổng cộng", "20", "49", "", ""]],
        [("info", "total_row", 5, None, "Tổng cộng"),
         ("warning", "not_an_indicator_row", 2, "Chỉ tiêu", "Hạ tầng số và an toàn thông tin"),
         ("error", "blank_indicator", 3, "Chỉ tiêu", "")],
        0, 1,  # the pillar heading is structure: it files the rows below, it is not lost
    ),
    "the same indicator twice": (
        [["1", STEM, "11", "34", "", ""], ["2", "soc.stem_school_rate", "12", "34", "", ""]],
        [("error", "duplicate_indicator", 3, "Chỉ tiêu", "soc.stem_school_rate")], 1,
    ),
}


@pytest.mark.parametrize("case", list(CORPUS))
def test_corpus_case(tmp_path, case):
    rows, expected, n_observations, *structure = CORPUS[case]
    _, observations, findings = _run(tmp_path, _csv(rows))
    assert sorted(_found(findings), key=repr) == sorted(expected, key=repr)
    assert len(observations) == n_observations
    # Every row is either an observation or listed as unused.
    unused = unused_rows(findings)
    typed_rows = len([r for r in rows if any(r)])
    assert len(observations) + unused["rows"].sum() + sum(structure) == typed_rows


def test_qualifiers_and_spaces_become_the_right_numbers(tmp_path):
    _, observations, _ = _run(tmp_path, _csv(CORPUS["qualifiers kept as data"][0]
                                             + CORPUS["percent with a space and unit words"][0][:1]))
    rows = observations.set_index("indicator")
    assert rows.loc["econ.ecommerce_outreach_households", ["value", "value_qualifier", "target",
                                                           "target_qualifier"]].tolist() == [1400, "approx", 320,
                                                                                             "above"]
    assert rows.loc["gov.online_dossier_rate", ["value", "value_qualifier"]].tolist() == [40, "below"]


def test_unquoted_decimal_comma_is_an_error_not_a_wrong_number(tmp_path):
    text = "STT,Chỉ tiêu,Giá trị,Chỉ tiêu giao\n1,Tỷ lệ trường áp dụng mô hình giáo dục STEM,32,35%,15%\n"
    _, observations, findings = _run(tmp_path, text.encode("utf-8"))
    assert observations.empty
    assert [(f.severity, f.code, f.row, f.value) for f in findings] == [("error", "extra_cells", 2, "15%")]


# --- periods ----------------------------------------------------------------------------------------

def test_a_period_column_that_disagrees_with_the_folder(tmp_path):
    header = [*HEADER, "Kỳ"]
    rows = [["1", STEM, "11", "34", "", "", "06 tháng đầu năm 2022"],
            ["2", ONLINE, "9.475", "15.684", "", "", "2021-H1"],
            ["3", HOUSEHOLDS, "", "", "16", "", "nửa đầu năm"]]
    _, observations, findings = _run(tmp_path, _csv(rows, header))
    assert observations["indicator"].tolist() == ["soc.stem_school_rate"]
    assert _found(findings) == [("error", "period_mismatch", 3, "Kỳ", "2021-H1"),
                                ("error", "unknown_period", 4, "Kỳ", "nửa đầu năm")]
    assert findings[0].params == {"period": "2022-H1", "found": "2021-H1"}


# --- parts and totals -------------------------------------------------------------------------------

def test_parts_that_do_not_add_up_to_their_total(tmp_path):
    header = [*HEADER, "Thuộc tổng"]
    rows = [
        ["1", ONLINE, "9.475", "15.684", "", "", ""],
        ["", "- Cấp huyện", "5.000", "8.000", "", "", "gov.online_dossier_rate"],
        ["", "- Cấp xã", "4.000", "7.684", "", "", "gov.online_dossier_rate"],
        ["2", HOUSEHOLDS, "", "", "16", "", ""],
        ["", OCOP_HOUSEHOLDS, "", "", "7", "", HOUSEHOLDS],
        ["", "- hộ khác", "", "", "9", "", "econ.ecommerce_outreach_households"],
        ["3", STEM, "11", "34", "", "", "tổng số trường"],
    ]
    _, observations, findings = _run(tmp_path, _csv(rows, header))
    assert len(observations) == 4  # breakdown rows check the total but are not indicators
    assert observations.set_index("indicator").loc["econ.ocop_households_on_ecommerce", "part_of"] \
        == "econ.ecommerce_outreach_households"
    assert [(f.severity, f.code, f.row, f.column, f.params.get("parts_sum")) for f in findings] == [
        ("warning", "unknown_part_of", 8, "Thuộc tổng", None),
        ("warning", "parts_total_mismatch", 2, "Tử số", "9.000"),
    ]
    assert "9.000" in findings[1].message("vi") and "9.475" in findings[1].message("vi")
