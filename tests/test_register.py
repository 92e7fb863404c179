"""dxanalysis.check.register: small hand-made registers whose right answers are known by construction."""

from __future__ import annotations

import datetime as dt
import math
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dxanalysis.assess.status import assess
from dxanalysis.read.catalog import load_catalog
from dxanalysis.check.clean import clean_indicators
from dxanalysis.check.observation import OBSERVATION_COLUMNS
from dxanalysis.config import CHECKOUT_DIR, EXAMPLE_DATA_DIR
from dxanalysis.exceptions import DxAnalysisError, InputFileError
from dxanalysis.read.indicators import read_indicator_file
from dxanalysis.periods import Period
from dxanalysis.check.register import (
    channel_of, find_register, merge_register, parse_dates, period_bounds, read_procedures, read_register,
    register_observations,
)
from dxanalysis.check.observation import check_observations
from tests.conftest import tree_digest

HEADER = "Mã hồ sơ,Mã TTHC,Lĩnh vực,Đơn vị tiếp nhận,Ngày tiếp nhận,Hình thức tiếp nhận,Hạn xử lý,Ngày hoàn thành\n"
# Row numbers in comments are the spreadsheet's (header = row 1).
CLEAN_ROWS = [
    "H1,P1,Hộ tịch,Xã A,01/07/2022,Trực tuyến,05/07/2022,04/07/2022",      # 2 online, on time
    "H2,P1,Hộ tịch,Xã A,2/7/2022,online,06/07/2022,08/07/2022",           # 3 online, late
    "H3,P2,hộ tịch ,Xã B,2022-07-03,TT,10/07/2022,",                      # 4 online, not completed
    "H4,P2,Đất đai,Xã B,03-07-2022,trực tiếp,10/07/2022,10/07/2022",      # 5 in person, on time (same day)
    "H5,P3,Đất đai,Xã B,04/07/2022 08:30,Trực tiếp,10/07/2022,09/07/2022",  # 6 in person, on time
    "H6,P4,Đất đai,Xã A,05/07/2022,Bưu chính,10/07/2022,",                # 7 postal
    "H7,P4,Đất đai,Xã A,31/12/2022,BCCI,05/01/2023,04/01/2023",           # 8 postal, on time (last day of period)
]
BAD_ROWS = [
    "H8,P1,Hộ tịch,Xã A,32/07/2022,Trực tuyến,,",                          # 9 unreadable received date
    "H9,P1,Hộ tịch,Xã A,30/06/2022,Trực tuyến,,",                          # 10 outside the period
    "H1,P1,Hộ tịch,Xã A,06/07/2022,Trực tuyến,,",                          # 11 duplicate of row 2
    "H10,P2,Đất đai,Xã B,06/07/2022,Fax,10/07/2022,09/07/2022",            # 12 unknown channel (still on time)
    "H11,P2,Đất đai,Xã B,06/07/2022,trực tiếp,10/07/2022,05/07/2022",      # 13 completed before received
    "H12,P2,Đất đai,Xã B,06/07/2022,trực tiếp,,08/07/2022",                # 14 completed, no due date
    "H13,P2,Đất đai,Xã B,06/07/2022,trực tiếp,10/07/2022,hôm qua",         # 15 unreadable completion date
]
PROCEDURES = ("Mã TTHC,Tên TTHC,Lĩnh vực,DVC trực tuyến,Mức độ\n"
              "P1,Khai sinh,Hộ tịch,Có,Toàn trình\nP2,Đăng ký đất,Đất đai,Có,Một phần\n"
              "P3,Cấp phép,Đất đai,Có,Mức độ 2\nP5,Chứng thực,Hộ tịch,x,\nP6,Khác,Đất đai,Không,\n")


def write(folder: Path, rows: list[str], header: str = HEADER, name: str = "register.csv",
          procedures: str | None = PROCEDURES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    if procedures is not None:
        (folder / "procedures.csv").write_text(procedures, encoding="utf-8")
    return folder


def figures(result) -> dict[str, tuple[float, float, float]]:
    def plain(x: float) -> float | None:
        return None if math.isnan(x) else x

    return {r.indicator: (plain(r.numerator), plain(r.denominator), round(r.value, 4))
            for r in result.observations.itertuples()}


def test_clean_register_gives_the_counts_made_by_construction(tmp_path):
    result = register_observations(write(tmp_path, CLEAN_ROWS), "hong-ngu", "2022-H2")
    got = figures(result)
    assert got["gov.online_dossier_rate"] == (3, 7, round(300 / 7, 4))
    assert got["gov.ontime_dossier_rate"] == (4, 5, 80.0)
    # Offered online: P1 (toàn trình), P2 (một phần), P5 (x, no level); P3 is level 2, P6 not offered.
    # Online dossiers came for P1 and P2.
    assert got["gov.online_services_with_dossiers_rate"] == (2, 3, round(200 / 3, 4))
    assert got["gov.dossiers_received"][2] == 7
    assert (got["gov.dossiers_online"][2], got["gov.dossiers_in_person"][2], got["gov.dossiers_postal"][2]) == (3, 2, 2)
    assert result.findings == [] and result.excluded == {} and result.rows == 7


def test_every_bad_kind_is_counted_reported_and_excluded_as_documented(tmp_path):
    result = register_observations(write(tmp_path, CLEAN_ROWS + BAD_ROWS), "hong-ngu", "2022-H2")
    assert result.excluded == {"bad_received": 1, "outside_period": 1, "duplicate_code": 1, "unknown_channel": 1,
                               "bad_due_or_completed": 1, "completed_before_received": 1, "no_due_date": 1}
    got = figures(result)
    # Rows 13–15 count as received in person; row 12 (fax) does not count for channels.
    assert got["gov.online_dossier_rate"][:2] == (3, 10)
    assert got["gov.dossiers_in_person"][2] == 5
    # On time: the clean 4/5 plus row 12 (unknown channel, completed on time); rows 13–15 are left out.
    assert got["gov.ontime_dossier_rate"][:2] == (5, 6)

    by_code = {}
    for f in result.findings:
        by_code.setdefault(f.code, []).append(f)
    assert [(f.row, f.value, f.column) for f in by_code["register_bad_date"]] == [
        (9, "32/07/2022", "Ngày tiếp nhận"), (15, "hôm qua", "Ngày hoàn thành")]
    (outside,) = by_code["register_outside_period"]
    assert (outside.row, outside.value, outside.params["period"], outside.severity) == (10, "30/06/2022", "2022-H2", "info")
    (duplicate,) = by_code["register_duplicate_code"]
    assert (duplicate.row, duplicate.value, duplicate.params["first_row"]) == (11, "H1", 2)
    (channel,) = by_code["register_unknown_channel"]
    assert (channel.row, channel.value) == (12, "Fax")
    (before,) = by_code["register_completed_before_received"]
    assert before.row == 13 and before.params == {"completed": "05/07/2022", "received": "06/07/2022"}
    summaries = {f.params["kind"].text("en"): f for f in by_code["register_rows_excluded"]}
    assert len(summaries) == 7
    summary = summaries["completed without a due date"]
    assert (summary.params["count"], summary.params["kind"].text("vi"), summary.params["examples"]) == (
        1, "đã hoàn thành nhưng không có hạn xử lý", "14")
    assert summary.message("en").startswith("1 row (completed without a due date)")  # a plural form, not "row(s)"
    for finding in result.findings:  # every message template fills with the params given
        assert finding.describe("vi") and finding.describe("en")


def test_many_bad_rows_give_one_summary_per_kind_not_one_finding_per_row(tmp_path):
    rows = [f"X{i},P1,Hộ tịch,Xã A,01/07/2022,{'Fax' if i % 2 else 'online'},," for i in range(400)]
    result = register_observations(write(tmp_path, rows), "hong-ngu", "2022-H2")
    channel = [f for f in result.findings if f.code == "register_unknown_channel"]
    (summary,) = [f for f in result.findings if f.code == "register_rows_excluded"]
    assert len(channel) == 3 and summary.params["count"] == 200
    assert summary.params["examples"] == "3, 5, 7, 9, 11"


def test_headers_in_english_with_title_lines_semicolons_and_utf16(tmp_path):
    text = ("Sổ theo dõi hồ sơ;;;\nExport 2022;;;\n"
            "Dossier code;Procedure code;Received date;Channel;Due date;Completion date\n"
            "A;P1;1/7/2022;Online;5/7/2022;6/7/2022\nB;P1;2022-07-02;in person;2022-07-05;2022-07-05\n")
    (tmp_path / "register.csv").write_bytes(text.encode("utf-16"))
    result = register_observations(tmp_path / "register.csv", "hong-ngu", Period.half(2022, 2), procedures=None)
    got = figures(result)
    assert got["gov.online_dossier_rate"][:2] == (1, 2) and got["gov.ontime_dossier_rate"][:2] == (1, 2)
    assert "gov.online_services_with_dossiers_rate" not in got  # no procedure list beside it
    assert read_register(tmp_path / "register.csv")["_row"].tolist() == [4, 5]


def test_missing_required_column_names_file_column_and_aliases(tmp_path):
    write(tmp_path, ["A,P1,01/07/2022"], header="Mã hồ sơ,Mã TTHC,Ngày tiếp nhận\n")
    with pytest.raises(InputFileError) as err:
        register_observations(tmp_path, "hong-ngu", "2022-H2")
    message = str(err.value)
    assert "register.csv" in message and "'channel'" in message and "'hình thức tiếp nhận'" in message


def test_folder_without_register_or_with_two_is_an_error(tmp_path):
    with pytest.raises(InputFileError, match="holds no register"):
        register_observations(tmp_path, "hong-ngu", "2022-H2")
    write(tmp_path, CLEAN_ROWS)
    write(tmp_path, CLEAN_ROWS, name="register.parquet")
    with pytest.raises(InputFileError, match="several files"):
        find_register(tmp_path)


@pytest.mark.parametrize(("text", "expected"), [
    ("09/08/2022", dt.date(2022, 8, 9)), ("9/8/2022", dt.date(2022, 8, 9)), ("2022-08-09", dt.date(2022, 8, 9)),
    ("09-08-2022", dt.date(2022, 8, 9)), ("09.08.2022", dt.date(2022, 8, 9)), ("20220809", dt.date(2022, 8, 9)),
    ("09/08/2022 17:05:00", dt.date(2022, 8, 9)), ("2022-08-09T17:05:00", dt.date(2022, 8, 9)),
    ("08:30 09/08/2022", dt.date(2022, 8, 9)), ("44782", dt.date(2022, 8, 9)), (" 29/02/2024 ", dt.date(2024, 2, 29)),
    (dt.datetime(2022, 8, 9, 10, 0), dt.date(2022, 8, 9)),
])
def test_dates_as_people_type_them(text, expected):
    parsed = parse_dates([text])
    assert parsed.loc[0, "date"] == expected and not parsed.loc[0, "bad"]


@pytest.mark.parametrize("text", ["29/02/2022", "31/04/2022", "13/13/2022", "15/7", "hôm qua", "09/08/22", "2022-8"])
def test_unreadable_dates_are_bad_not_guessed(text):
    parsed = parse_dates([text])
    assert parsed.loc[0, "bad"] and pd.isna(parsed.loc[0, "date"])


def test_channel_variants():
    assert {channel_of(t) for t in ["Trực tuyến", "TRỰC TUYẾN", "online", "TT", "Truc tuyen"]} == {"online"}
    assert {channel_of(t) for t in ["trực tiếp", "Trực tiếp", "in person", "In-person"]} == {"in_person"}
    assert {channel_of(t) for t in ["Bưu chính công ích", "Bưu chính", "BCCI", "bưu điện", "postal"]} == {"postal"}
    assert channel_of("Fax") is None and channel_of("") is None


@pytest.mark.parametrize(("period", "first", "last"), [
    ("2022-H1", dt.date(2022, 1, 1), dt.date(2022, 6, 30)), ("2022-H2", dt.date(2022, 7, 1), dt.date(2022, 12, 31)),
    ("2022-Q1", dt.date(2022, 1, 1), dt.date(2022, 3, 31)), ("2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
    ("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    ("2024-M02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)), ("2023-9M", dt.date(2023, 1, 1), dt.date(2023, 9, 30)),
    ("2022-11-15", dt.date(2022, 1, 1), dt.date(2022, 11, 15)),
    ("2022-07-01--2023-06-30", dt.date(2022, 7, 1), dt.date(2023, 6, 30)),
    ("tính đến ngày 15/11/2022", dt.date(2022, 1, 1), dt.date(2022, 11, 15)),
])
def test_period_bounds(period, first, last):
    assert period_bounds(period) == (first, last)


# One dossier a day around the edges of each kind of period; the register counts exactly the days inside it.
EDGE_DAYS = ["31/12/2021", "01/01/2022", "30/06/2022", "01/07/2022", "30/09/2022", "01/10/2022", "31/10/2022",
             "01/11/2022", "15/11/2022", "16/11/2022", "31/12/2022", "01/01/2023"]


@pytest.mark.parametrize(("period", "inside"), [
    ("2022-M10", ["01/10/2022", "31/10/2022"]),
    ("2022-Q3", ["01/07/2022", "30/09/2022"]),
    ("2022-H1", ["01/01/2022", "30/06/2022"]),
    ("2022-9M", ["01/01/2022", "30/06/2022", "01/07/2022", "30/09/2022"]),
    ("2022", EDGE_DAYS[1:-1]),
    ("tính đến ngày 15/11/2022", EDGE_DAYS[1:9]),
    ("2022-07-01--2022-11-15", ["01/07/2022", "30/09/2022", "01/10/2022", "31/10/2022", "01/11/2022", "15/11/2022"]),
])
def test_register_is_filtered_by_the_periods_days(tmp_path, period, inside):
    rows = [f"D{i},P1,Hộ tịch,Xã A,{day},Trực tuyến,," for i, day in enumerate(EDGE_DAYS)]
    result = register_observations(write(tmp_path, rows, procedures=None), "hong-ngu", period)
    assert figures(result)["gov.dossiers_received"][2] == len(inside)
    assert result.excluded["outside_period"] == len(EDGE_DAYS) - len(inside)
    outside = {f.value for f in result.findings if f.code == "register_outside_period"}
    assert outside and not outside & set(inside)


def test_xlsx_with_excel_date_cells_gives_the_csv_answer(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["UBND HUYỆN HỒNG NGỰ"])
    sheet.append(HEADER.strip().split(","))
    for line in CLEAN_ROWS:
        cells: list[object] = line.split(",")
        for i in (4, 6, 7):  # dates as real Excel date cells
            parsed = parse_dates([cells[i]]).loc[0, "date"]
            cells[i] = None if pd.isna(parsed) else dt.datetime.combine(parsed, dt.time())
        sheet.append(cells)
    folder = tmp_path / "xlsx"
    folder.mkdir()
    workbook.save(folder / "register.xlsx")
    (folder / "procedures.csv").write_text(PROCEDURES, encoding="utf-8")
    from_xlsx = register_observations(folder, "hong-ngu", "2022-H2")
    from_csv = register_observations(write(tmp_path / "csv", CLEAN_ROWS), "hong-ngu", "2022-H2")
    assert figures(from_xlsx) == figures(from_csv)
    assert from_xlsx.findings == []


def test_parquet_with_typed_dates(tmp_path):
    frame = pd.DataFrame({"dossier_code": ["A", "B", "C"], "procedure_code": ["P1", "P1", "P2"],
                          "received_date": pd.to_datetime(["2022-07-01", "2022-07-02", None]),
                          "channel": ["online", "trực tiếp", "online"],
                          "due_date": pd.to_datetime(["2022-07-05", "2022-07-05", None]),
                          "completed_date": pd.to_datetime(["2022-07-06", None, None])})
    frame.to_parquet(tmp_path / "register.parquet", index=False)
    result = register_observations(tmp_path, "hong-ngu", "2022-H2")
    got = figures(result)
    assert got["gov.online_dossier_rate"][:2] == (1, 2) and got["gov.ontime_dossier_rate"][:2] == (0, 1)
    assert result.excluded == {"bad_received": 1}


def test_observations_have_the_shape_of_clean_indicators_and_pass_the_schema(tmp_path):
    folder = write(tmp_path, CLEAN_ROWS)
    result = register_observations(folder, "hong-ngu", "2022-H2")
    obs = result.observations
    assert list(obs.columns) == OBSERVATION_COLUMNS
    raw = pd.DataFrame({"indicator": ["gov.online_dossier_rate"], "value": ["50%"], "_row": [2]})
    from dxanalysis.read.indicators import RawTable
    typed, _ = clean_indicators(RawTable("i.csv", raw, {}), load_catalog(), unit="hong-ngu", period="2022-H2")
    assert obs.dtypes.to_dict() == typed.dtypes.to_dict()
    row = obs.iloc[0]
    assert row.name_typed == row.name_vi == "Tỷ lệ hồ sơ TTHC xử lý trực tuyến"
    assert (row.value_percent, row.value_qualifier, math.isnan(row.target), row.row) == (True, "", True, 1)
    assert row.path == str(folder / "register.csv")
    assert row.source.startswith("computed from the register: 7 rows, register.csv, sha256 ")
    assert len(row.source.rsplit(" ", 1)[1]) == 12
    assert not obs.loc[obs["kind"] == "count", "value_percent"].any()
    check_observations(assess(obs))


def test_breakdown_by_field_and_office(tmp_path):
    result = register_observations(write(tmp_path, CLEAN_ROWS), "hong-ngu", "2022-H2")
    by_field = result.by_field.set_index(["field", "indicator"])
    assert list(result.by_field.columns) == ["unit", "period", "field", "indicator", "numerator", "denominator", "value"]
    assert sorted(result.by_field["field"].unique()) == ["Hộ tịch", "Đất đai"]  # "hộ tịch " folded into "Hộ tịch"
    assert tuple(by_field.loc[("Hộ tịch", "gov.online_dossier_rate"), ["numerator", "denominator"]]) == (3, 3)
    assert tuple(by_field.loc[("Đất đai", "gov.ontime_dossier_rate"), ["numerator", "denominator"]]) == (3, 3)
    # Procedure list fields: Hộ tịch offers P1, P5 (P1 used); Đất đai offers P2 (used).
    assert tuple(by_field.loc[("Hộ tịch", "gov.online_services_with_dossiers_rate"), ["numerator", "denominator"]]) == (1, 2)
    assert tuple(by_field.loc[("Đất đai", "gov.online_services_with_dossiers_rate"), ["numerator", "denominator"]]) == (1, 1)
    by_office = result.by_office.set_index(["office", "indicator"])
    assert by_office.loc[("Xã A", "gov.dossiers_received"), "value"] == 4


def test_procedure_list_rules_and_errors(tmp_path):
    path = tmp_path / "procedures.csv"
    path.write_text("Mã thủ tục,Trực tuyến,Mức độ\nA,Có,Mức độ 4\nB,Không,3\nC,x,\nD,,\nE,có,2\n", encoding="utf-8")
    assert read_procedures(path)[["procedure_code", "online"]].values.tolist() == [
        ["A", True], ["B", True], ["C", True], ["D", False], ["E", False]]
    path.write_text("Mã thủ tục,Trực tuyến\nA,có lẽ\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"row 2, column 'Trực tuyến': 'có lẽ'"):
        read_procedures(path)
    path.write_text("Mã thủ tục,Tên thủ tục\nA,B\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="offered online"):
        read_procedures(path)


def test_raw_files_are_never_written(tmp_path):
    folder = write(tmp_path, CLEAN_ROWS + BAD_ROWS)
    before = tree_digest(folder)
    register_observations(folder, "hong-ngu", "2022-H2")
    read_register(folder / "register.csv")
    assert tree_digest(folder) == before


def test_unreadable_file_is_an_error_not_a_traceback(tmp_path):
    # "Trực tuyến" saved in a Windows code page: not UTF-8.
    (tmp_path / "register.csv").write_bytes(HEADER.encode() + b"A,P,X,Y,01/07/2022,Tr\xf1c tuy\xean,,\n")
    with pytest.raises(DxAnalysisError):
        register_observations(tmp_path, "hong-ngu", "2022-H2")
    (tmp_path / "register.csv").write_text(HEADER + "A,P1,Hộ tịch\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="cannot read the CSV"):
        register_observations(tmp_path, "hong-ngu", "2022-H2")


def _typed(rows: str):
    path = Path(rows)
    return clean_indicators(read_indicator_file(path), load_catalog(), unit="hong-ngu", period="2022-H2")[0]


def test_merge_register_keeps_typed_target_and_reports_disagreement(tmp_path):
    register = register_observations(write(tmp_path / "raw", CLEAN_ROWS), "hong-ngu", "2022-H2").observations
    indicators = tmp_path / "indicators.csv"
    indicators.write_text(
        "Chỉ tiêu,Tử số,Mẫu số,Giá trị,Chỉ tiêu giao\n"
        "Tỷ lệ hồ sơ TTHC xử lý trực tuyến,4,7,,50%\n"          # disagrees: register says 3/7
        "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn,,,80%,≥90%\n"     # agrees with 4/5
        "Tỷ lệ trường áp dụng mô hình giáo dục STEM,11,34,,15%\n", encoding="utf-8")
    typed = _typed(str(indicators))
    typed_copy, register_copy = typed.copy(), register.copy()
    merged, findings = merge_register(typed, register)
    pd.testing.assert_frame_equal(typed, typed_copy)
    pd.testing.assert_frame_equal(register, register_copy)

    assert merged["indicator"].tolist() == [
        "gov.online_dossier_rate", "gov.ontime_dossier_rate", "soc.stem_school_rate",
        "gov.online_services_with_dossiers_rate", "gov.dossiers_received", "gov.dossiers_online",
        "gov.dossiers_in_person", "gov.dossiers_postal"]
    online = merged.iloc[0]
    assert (online.numerator, online.denominator, online.target, online.target_text) == (3, 7, 50, "50%")
    assert online.source.startswith("computed from the register")
    assert merged.iloc[1].target_qualifier == "at_least" and merged.iloc[2].path == str(indicators)
    (finding,) = findings
    assert (finding.code, finding.row, finding.indicator, finding.path) == (
        "register_disagrees", 2, "gov.online_dossier_rate", str(indicators))
    assert {k: v.text("vi") for k, v in finding.params.items()} == {"typed": "4/7", "computed": "3/7 (42,86%)"}
    # the figures read in the finding's language (they were always Vietnamese before)
    assert "figure 4/7 differs" in finding.message("en") and "3/7 (42.86%)" in finding.message("en")
    assert check_observations(assess(merged)) is not None


@pytest.mark.parametrize(("value", "disagrees"), [("42,86%", False), ("42,9%", False), ("43%", False),
                                                  ("42,8%", True), ("dưới 50%", False), ("trên 50%", True)])
def test_merge_register_compares_within_the_typed_rounding(tmp_path, value, disagrees):
    register = register_observations(write(tmp_path / "raw", CLEAN_ROWS), "hong-ngu", "2022-H2").observations
    indicators = tmp_path / "indicators.csv"
    indicators.write_text(f"Chỉ tiêu,Giá trị\ngov.online_dossier_rate,\"{value}\"\n", encoding="utf-8")
    _, findings = merge_register(_typed(str(indicators)), register)
    assert bool(findings) is disagrees


def test_synthetic_register_counts_each_injected_kind(tmp_path):
    sys.path.insert(0, str(CHECKOUT_DIR / "benchmarks"))
    from synthetic_register import make_procedures, make_register, write_register

    first = make_register(2000, seed=3)
    assert first.equals(make_register(2000, seed=3))  # deterministic
    procedures = make_procedures(seed=3)
    path = write_register(tmp_path / "register.csv", 2000, seed=3, procedures=procedures, bad_share=0.01)
    procedures.to_csv(tmp_path / "procedures.csv", index=False)
    result = register_observations(path, "x", "2022-H2")
    for kind in ("bad_received", "outside_period", "duplicate_code", "unknown_channel", "completed_before_received"):
        assert result.excluded[kind] == 20


def test_illustrative_register_of_the_example():
    folder = EXAMPLE_DATA_DIR / "hong-ngu" / "2022-H2"
    if not (folder / "register.csv").exists():
        pytest.skip("illustrative register not shipped")
    assert "minh họa" in (folder / "register.csv").read_text(encoding="utf-8").splitlines()[1]
    result = register_observations(folder, "hong-ngu", "2022-H2")
    assert result.rows <= 3000 and (folder / "register.csv").stat().st_size <= 400_000
    assert set(result.observations["indicator"]) >= {"gov.online_dossier_rate", "gov.online_services_with_dossiers_rate"}
