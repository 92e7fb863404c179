"""Forms back in: returned forms in data/raw/<unit>/<period>/forms/ are read, checked and merged
(read/returned_forms.py, check/merge_forms.py, assess/review.py)."""

import csv
import io
import shutil
import subprocess
import sys

import pytest
from openpyxl import Workbook, load_workbook

from dxanalysis.assess.review import load_review
from dxanalysis.exceptions import InputFileError
from dxanalysis.provenance import collect_provenance
from dxanalysis.read.folders import find_period_folders
from dxanalysis.read.returned_forms import find_returned_forms, read_returned_form
from dxanalysis.write.sections import appendix_section
from forms import FIRST, VH, VP, fill

def test_a_period_read_from_the_forms_alone(forms_period):
    data, folder, forms = forms_period
    (folder / "indicators.csv").unlink()
    fill(forms[VP], folder / "forms" / "van phong gui lai (1).xlsx", {
        "gov.online_dossier_rate": {"G": 9475, "H": 15684},
        "gov.digital_signature_rate": {"I": "60,41%"}})  # typed as text; the third row left blank
    fill(forms[VH], folder / "forms" / "vhtt.xlsx", {
        "gov.agencies_on_data_network_rate": {"I": 80.5},  # a number in the 0.00 column: 80,5%, not 8050%
        "econ.ecommerce_outreach_households": {"I": 21, "J": "hộ kinh doanh"}})
    (folder / "forms" / "~$vhtt.xlsx").write_bytes(b"lock")
    review = load_review("hong-ngu", "2023-H1", data)
    obs = review.observations.set_index("indicator")
    assert obs.loc["gov.online_dossier_rate", ["numerator", "denominator"]].tolist() == [9475, 15684]
    assert round(obs.loc["gov.online_dossier_rate", "value"], 2) == 60.41
    assert obs.loc["gov.digital_signature_rate", "value"] == pytest.approx(60.41)
    assert obs.loc["gov.agencies_on_data_network_rate", "value"] == pytest.approx(80.5)
    assert obs.loc["econ.ecommerce_outreach_households", "value"] == 21
    assert "gov.online_services_with_dossiers_rate" not in obs.index  # blank: not reported
    row = obs.loc["gov.online_dossier_rate"]
    assert (row.body, row.path.endswith("van phong gui lai (1).xlsx"), row.sheet, row.cell) == (
        VP, True, "Biểu mẫu", f"G{FIRST}:H{FIRST}")
    assert obs.loc["gov.digital_signature_rate", "cell"] == f"I{FIRST + 1}"
    assert row.source == VP
    assert not review.has_errors
    assert any(str(p).endswith("vhtt.xlsx") for p in review.inputs)
    assert [p.name for p in find_returned_forms(folder)] == ["van phong gui lai (1).xlsx", "vhtt.xlsx"]
    assert ("hong-ngu", "2023-H1") in [(u, p.slug) for u, p, _ in find_period_folders(data)]  # validate reads it
    html = str(appendix_section(review, collect_provenance(review.inputs, {}), "vi"))
    assert f"{VH} (biểu mẫu vhtt.xlsx, ô Biểu mẫu!I{FIRST + 1})" in html
    assert f"{VP} (biểu mẫu van phong gui lai (1).xlsx, ô Biểu mẫu!G{FIRST}:H{FIRST})" in html


def test_a_bad_number_is_a_finding_at_the_form_cell(forms_period):
    data, folder, forms = forms_period
    (folder / "indicators.csv").unlink()
    path = fill(forms[VP], folder / "forms" / "vp.xlsx", {"gov.online_dossier_rate": {"I": "8O%"},
                                                          "gov.digital_signature_rate": {"G": 20, "H": 10}})
    review = load_review("hong-ngu", "2023-H1", data)
    found = {f.code: f for f in review.findings if f.path == str(path)}
    bad = found["unparseable"]
    assert (bad.sheet, bad.row, bad.column, bad.value) == ("Biểu mẫu", FIRST, "Giá trị (tỷ lệ %, số lượng, thứ hạng)",
                                                           "8O%")
    assert found["numerator_above_denominator"].row == FIRST + 1
    assert "vp.xlsx [Biểu mẫu], row 7" in bad.describe("en")
    assert "gov.online_dossier_rate" not in set(review.observations["indicator"])


def test_rows_moved_inserted_and_protection_removed_are_read_by_code(forms_period):
    data, folder, forms = forms_period
    (folder / "indicators.csv").unlink()
    fill(forms[VP], folder / "forms" / "vp.xlsx", {
        "gov.online_dossier_rate": {"G": 9475, "H": 15684}, "gov.digital_signature_rate": {"I": 35}},
        swap=("gov.online_dossier_rate", "gov.online_services_with_dossiers_rate"), insert_above=2, unprotect=True)
    book = load_workbook(folder / "forms" / "vp.xlsx")
    assert not book.worksheets[1].protection.sheet
    obs = load_review("hong-ngu", "2023-H1", data).observations.set_index("indicator")
    assert obs.loc["gov.online_dossier_rate", "numerator"] == 9475
    assert obs.loc["gov.online_dossier_rate", "row"] == FIRST + 2 + 2  # moved to the third row, two rows above
    assert obs.loc["gov.digital_signature_rate", "value"] == 35


@pytest.mark.parametrize("meta, words", [({"period": "2022-H2"}, "'2022-H2'"), ({"unit": "tan-hong"}, "'tan-hong'")])
def test_a_form_for_another_period_or_unit_is_refused(forms_period, meta, words):
    data, folder, forms = forms_period
    path = fill(forms[VP], folder / "forms" / "vp.xlsx", {"gov.online_dossier_rate": {"I": 50}}, meta=meta)
    with pytest.raises(InputFileError) as info:
        load_review("hong-ngu", "2023-H1", data)
    text = info.value.text("en")
    assert str(path) in text and words in text and "'hong-ngu', period '2023-H1'" in text and "Move the file" in text


def test_a_commune_form_in_the_district_folder_says_where_it_belongs(forms_period):
    data, folder, forms = forms_period
    shutil.copy(forms["UBND xã Thường Phước 1"], folder / "forms" / "xa.xlsx")
    with pytest.raises(InputFileError, match="thuong-phuoc-1/2023-H1/forms"):
        read_returned_form(folder / "forms" / "xa.xlsx", "hong-ngu", "2023-H1")


def test_a_newer_form_version_and_a_workbook_that_is_no_form_are_refused(forms_period):
    data, folder, forms = forms_period
    path = fill(forms[VP], folder / "forms" / "vp.xlsx", {}, meta={"form_version": 99})
    with pytest.raises(InputFileError, match="version 99"):
        load_review("hong-ngu", "2023-H1", data)
    path.unlink()
    book = Workbook()
    book.active.append(["Chỉ tiêu", "Giá trị"])
    book.save(folder / "forms" / "bang tu lam.xlsx")
    with pytest.raises(InputFileError, match="bang tu lam.xlsx.*_dxanalysis"):
        load_review("hong-ngu", "2023-H1", data)


def test_two_bodies_giving_different_figures_is_an_error_naming_both(forms_period, tmp_path):
    data, folder, forms = forms_period
    (folder / "indicators.csv").unlink()
    fill(forms[VP], folder / "forms" / "a-vp.xlsx", {"gov.online_dossier_rate": {"G": 9475, "H": 15684}})
    fill(forms[VP], folder / "forms" / "b-mot-cua.xlsx", {"gov.online_dossier_rate": {"G": 9400, "H": 15684},
                                                          "gov.digital_signature_rate": {"I": 40}},
         meta={"body": "Bộ phận Một cửa"})
    fill(forms[VP], folder / "forms" / "c-same.xlsx", {"gov.digital_signature_rate": {"I": 40}},
         meta={"body": "Phòng Nội vụ"})  # the same figure twice: no finding
    review = load_review("hong-ngu", "2023-H1", data)
    found = [f for f in review.findings if f.code == "forms_disagree"]
    assert len(found) == 1 and found[0].severity == "error" and review.has_errors
    text = found[0].describe("en")
    assert "Bộ phận Một cửa gives 9,400/15,684" in text and "b-mot-cua.xlsx" in text
    assert f"unlike {VP}, which gives 9,475/15,684" in text and "a-vp.xlsx" in text
    assert "cell Biểu mẫu!G7:H7" in text
    assert review.observation("gov.online_dossier_rate").numerator == 9475  # the first form, by name


def test_the_typed_table_wins_and_a_difference_is_a_finding(forms_period):
    data, folder, forms = forms_period
    path = folder / "indicators.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0][1:6] == ["Chỉ tiêu", "Trụ cột", "Tử số", "Mẫu số", "Giá trị"]
    for cells in rows[1:]:
        if cells[1] == "Tỷ lệ hồ sơ TTHC xử lý trực tuyến":
            cells[3:5] = ["9.000", "15.684"]
        if cells[1].startswith("Tỷ lệ thực hiện ký số"):
            cells[5] = "40%"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    fill(forms[VP], folder / "forms" / "vp.xlsx", {
        "gov.online_dossier_rate": {"G": 9475, "H": 15684},  # differs from the typed 9.000
        "gov.digital_signature_rate": {"I": 40},  # the same as typed: no finding
        "gov.online_services_with_dossiers_rate": {"G": 50, "H": 80}})  # the typed row is blank: the form fills it
    review = load_review("hong-ngu", "2023-H1", data)
    row = review.observation("gov.online_dossier_rate")
    assert row.numerator == 9000 and row.body == ""  # typed wins
    found = [f for f in review.findings if f.code == "form_differs_from_typed"]
    assert len(found) == 1 and found[0].path == str(path) and found[0].severity == "warning"
    assert "typed figure 9,000/15,684" in found[0].describe("en") and VP in found[0].describe("en")
    assert "vp.xlsx (cell Biểu mẫu!G7:H7)" in found[0].describe("en")
    filled = review.observation("gov.online_services_with_dossiers_rate")
    assert (filled.numerator, filled.body, filled.target_text) == (50, VP, "≥80%")
    assert not [f for f in review.findings if f.code == "no_value" and f.indicator == filled.indicator]


def test_validate_names_the_form_sheet_and_row(forms_period, tmp_path):
    data, folder, forms = forms_period
    (folder / "indicators.csv").unlink()
    fill(forms[VP], folder / "forms" / "vp.xlsx", {"gov.online_dossier_rate": {"I": "8O%"}})
    result = subprocess.run([sys.executable, "-m", "dxanalysis", "--lang", "en", "validate", str(data)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode != 0
    block = result.stdout.split("forms/vp.xlsx\n", 1)[1].split("\n\n", 1)[0]  # the file's findings, as a table
    assert "Biểu mẫu!7" in block and "Giá trị" in block and "'8O%'" in block and "ERROR" in block


@pytest.mark.parametrize("typed_note, form_note, merged_note", [
    ("", "Số liệu của Bưu điện", "Số liệu của Bưu điện"),
    ("Theo Kế hoạch 120", "Số liệu của Bưu điện", "Theo Kế hoạch 120; Số liệu của Bưu điện"),
    ("Theo Kế hoạch 120", "", "Theo Kế hoạch 120"),
    ("Như nhau", "Như nhau", "Như nhau"),
])
def test_a_blank_typed_row_filled_by_a_form_keeps_both_notes(typed_note, form_note, merged_note):
    from dxanalysis.check.merge_forms import merge_forms
    from dxanalysis.check.observation import new_observation, observation_frame

    typed = observation_frame([new_observation(indicator="soc.stem_school_rate", kind="ratio", target=15.0,
                                               note=typed_note, path="indicators.csv", row=9)])
    form = observation_frame([new_observation(indicator="soc.stem_school_rate", kind="ratio", numerator=14.0,
                                              denominator=34.0, note=form_note, body="Phòng Giáo dục và Đào tạo",
                                              path="forms/gd.xlsx", sheet="Biểu mẫu", row=7, cell="G7:H7")])
    merged, findings, filled = merge_forms(typed, [form])
    assert merged["note"].tolist() == [merged_note] and merged["target"].tolist() == [15.0]
    assert not findings and filled == {"soc.stem_school_rate"}
