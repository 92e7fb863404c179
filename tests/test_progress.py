import pandas as pd
import pytest

from dxanalysis.read.catalog import load_catalog
from dxanalysis.exceptions import InputFileError
from dxanalysis.assess.progress import plan_progress, progress_status
from dxanalysis.read.targets import read_plan_targets


@pytest.mark.parametrize("points, target, better, expected", [
    ([(2021.5, 50), (2022.5, 85)], 80, "higher", "target_achieved"),
    ([(2021.5, 50), (2022.5, 60)], 80, "higher", "on_track"),  # needs ~8.5%/yr to 2026, grew 20%
    ([(2021.5, 50), (2022.5, 54)], 80, "higher", "acceleration_needed"),  # 8%/yr against 11%/yr: R ≈ 0.73
    ([(2021.5, 50), (2022.5, 51)], 80, "higher", "limited_progress"),  # R ≈ 0.23
    ([(2021.5, 50), (2022.5, 45)], 80, "higher", "deterioration"),
    ([(2022.5, 50)], 80, "higher", "cannot_assess"),
    ([(2021.5, 20), (2022.5, 15)], 10, "lower", "on_track"),
    ([(2021.5, 20), (2022.5, 25)], 10, "lower", "deterioration"),
    ([(2021.5, 0), (2022.5, 10)], 80, "higher", "on_track"),  # zero replaced by 0.001, as Open SDG does
])
def test_open_sdg_categories(points, target, better, expected):
    assert progress_status(points, target, 2025, better) == expected


def test_plan_targets_file(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("Chỉ tiêu,Mục tiêu,Năm mục tiêu,Nguồn\nTỷ lệ hồ sơ trực tuyến,≥80%,2025,KH 01\n", encoding="utf-8")
    (target,) = read_plan_targets(path, load_catalog())
    assert (target.indicator, target.target.value, target.target.qualifier, target.year) == (
        "gov.online_dossier_rate", 80, "at_least", 2025)
    path.write_text("Chỉ tiêu,Mục tiêu,Năm mục tiêu\nTỷ lệ abc,80%,2025\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"row 2.*'Tỷ lệ abc' is not an indicator"):
        read_plan_targets(path, load_catalog())
    path.write_text("Chỉ tiêu,Mục tiêu,Năm mục tiêu\ngov.online_dossier_rate,80%,năm sau\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="cannot read the year .năm sau."):
        read_plan_targets(path, load_catalog())
    assert read_plan_targets(tmp_path / "none.csv", load_catalog()) == []


def test_bounds_are_not_measurements(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("Chỉ tiêu,Mục tiêu,Năm mục tiêu\ngov.digital_signature_rate,100%,2025\n", encoding="utf-8")
    history = pd.DataFrame({"indicator": ["gov.digital_signature_rate"] * 2, "period": ["2021-H1", "2022-H1"],
                            "value": [100.0, 100.0], "value_qualifier": ["below", "below"], "better": ["higher"] * 2})
    progress = plan_progress(history, read_plan_targets(path, load_catalog()))
    assert progress.loc[0, "status"] == "cannot_assess" and progress.loc[0, "points"] == 0


def test_a_district_inherits_the_targets_of_its_provinces_plan(make_data):
    from dxanalysis.assess.review import load_review
    from dxanalysis.write.sections import summary_section

    data = make_data("Chỉ tiêu,Giá trị\ngov.online_dossier_rate,60%\nsoc.stem_school_rate,30%\n")
    (data / "units.csv").write_text("slug,name_vi,name_en,level,parent\ndong-thap,tỉnh Đồng Tháp,Dong Thap province,"
                                    "tỉnh,\nhong-ngu,huyện Hồng Ngự,Hong Ngu district,huyện,dong-thap\n", encoding="utf-8")
    (data / "dong-thap").mkdir()
    (data / "dong-thap" / "targets.csv").write_text(
        "Chỉ tiêu,Mục tiêu,Năm mục tiêu\ngov.online_dossier_rate,≥80%,2025\nsoc.stem_school_rate,50%,2025\n",
        encoding="utf-8")
    (data / "hong-ngu" / "targets.csv").write_text("Chỉ tiêu,Mục tiêu,Năm mục tiêu\nsoc.stem_school_rate,40%,2025\n",
                                                   encoding="utf-8")
    review = load_review("hong-ngu", "2022-H1", data)
    plan = review.progress.set_index("indicator")
    assert plan.loc["soc.stem_school_rate", "target"] == 40 and plan.loc["soc.stem_school_rate", "inherited_from"] == ""
    assert plan.loc["gov.online_dossier_rate", "target"] == 80
    assert plan.loc["gov.online_dossier_rate", "inherited_from"] == "dong-thap"
    assert "80% trở lên vào năm 2025 (kế hoạch của tỉnh Đồng Tháp)" in summary_section(review, "vi")
    assert data / "dong-thap" / "targets.csv" in review.inputs  # the province's plan is listed in the provenance



def test_periods_of_every_kind_are_points_in_time(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("Chỉ tiêu,Mục tiêu,Năm mục tiêu\ngov.online_dossier_rate,80%,2025\n", encoding="utf-8")
    periods = ["2023-M01", "2022-9M", "2022-11-15", "2022-01-01--2022-11-08", "2021-Q4"]
    history = pd.DataFrame({"indicator": ["gov.online_dossier_rate"] * 5, "period": periods,
                            "value": [60.0, 50.0, 55.0, 54.0, 40.0], "value_qualifier": [""] * 5,
                            "better": ["higher"] * 5})
    progress = plan_progress(history, read_plan_targets(path, load_catalog()))
    assert progress.loc[0, ["first_period", "latest_period", "points"]].tolist() == ["2021-Q4", "2023-M01", 5]


def test_every_bad_row_of_a_plan_is_named_once_with_its_own_cell(tmp_path):
    from dxanalysis.exceptions import InputFileError

    path = tmp_path / "targets.csv"
    path.write_text("Chỉ tiêu,Mục tiêu,Năm mục tiêu\ngov.online_dossier_rate,8O%,2025\nsoc.stem_school_rate,40%,hai nghìn\n"
                    "foo.bar,50%,2025\ngov.ontime_dossier_rate,90%,2025\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_plan_targets(path, load_catalog())
    text = str(caught.value.text("en"))
    assert "row 2, column 'Mục tiêu': cannot read the target '8O%'" in text
    assert "row 3, column 'Năm mục tiêu': cannot read the year 'hai nghìn'" in text
    assert "row 4, column 'Chỉ tiêu': 'foo.bar' is not an indicator" in text
    assert "row 5" not in text and "'2025'" not in text  # a good row, and a good year, are not blamed


def test_a_rank_in_the_plan_is_a_place_not_a_percentage(make_data):
    from dxanalysis.assess.review import load_review
    from dxanalysis.write.sections import summary_section

    data = make_data("Chỉ tiêu,Giá trị\nfound.dti_rank,35/63\n")
    (data / "hong-ngu" / "targets.csv").write_text("Chỉ tiêu,Mục tiêu,Năm mục tiêu\nfound.dti_rank,thứ 30 trở lên,2025\n",
                                                   encoding="utf-8")
    review = load_review("hong-ngu", "2022-H1", data)
    page = summary_section(review, "vi")
    assert "thứ 30 trở lên vào năm 2025" in page and "thứ 35 (6T đầu 2022)" in page
    assert "%" not in page.split("Tiến độ thực hiện mục tiêu kế hoạch")[1]
