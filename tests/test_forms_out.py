"""Forms out: ``dxanalysis forms`` writes one workbook per reporting body (publish/forms.py, read/forms.py)."""

import shutil
import subprocess
import sys
import zipfile

import pytest
from openpyxl import load_workbook

from dxanalysis.exceptions import InputFileError, UnknownUnitError
from dxanalysis.publish.forms import FORM_VERSION, HEADER_ROW, plan_forms, write_forms
from dxanalysis.read.forms import METADATA_SHEET, read_form_metadata
from tests.conftest import FORMS_EXAMPLE_PERIOD, tree_digest

BODIES = ["Phòng Văn hóa và Thông tin", "Văn phòng HĐND và UBND", "Phòng Nông nghiệp và Phát triển nông thôn",
          "Phòng Giáo dục và Đào tạo"]
COMMUNES = ["long-khanh-a", "phu-thuan-a", "thuong-phuoc-1", "thuong-phuoc-2"]


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    """The forms of hong-ngu 2023-H1 before the period was started (the shipped one is removed first)."""
    from dxanalysis.config import EXAMPLE_DATA_DIR

    raw = tmp_path_factory.mktemp("data") / "raw"
    shutil.copytree(EXAMPLE_DATA_DIR, raw)
    for folder in raw.glob(f"*/{FORMS_EXAMPLE_PERIOD}"):
        shutil.rmtree(folder)
    out = tmp_path_factory.mktemp("forms")
    return {read_form_metadata(p).body: p for p in write_forms("hong-ngu", "2023-H1", raw, out=out)}


def _rows(path):
    sheet = load_workbook(path).worksheets[1]
    header = [c.value for c in sheet[HEADER_ROW]]
    return sheet, header, {sheet.cell(r, 1).value: r for r in range(HEADER_ROW + 1, sheet.max_row + 1)}


def test_one_form_per_body_and_per_commune(forms):
    assert list(forms)[:4] == BODIES
    metas = [read_form_metadata(p) for p in forms.values()]
    assert [m.unit for m in metas[4:]] == COMMUNES and {m.collected_by for m in metas} == {"hong-ngu"}
    assert list(forms)[4] == "UBND xã Long Khánh A"


def test_rows_carry_the_code_target_and_last_figure_as_printed(forms):
    sheet, header, rows = _rows(forms["Văn phòng HĐND và UBND"])
    assert header[:6] == ["Mã số", "STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu giao",
                          "Số liệu kỳ trước (06 tháng cuối năm 2022)"]
    assert list(rows) == ["gov.online_dossier_rate", "gov.digital_signature_rate",
                          "gov.online_services_with_dossiers_rate"]
    row = rows["gov.online_dossier_rate"]
    assert [sheet.cell(row, c).value for c in (3, 4, 5, 6)] == [
        "Tỷ lệ hồ sơ TTHC xử lý trực tuyến", "hồ sơ", "80% trở lên (năm 2025)", "837/1.692 hồ sơ (49,47%)"]
    assert sheet.cell(row, 3).comment is not None  # the table's note on the row
    sheet, _, rows = _rows(forms["Phòng Văn hóa và Thông tin"])
    assert sheet.cell(rows["econ.ecommerce_outreach_households"], 6).value == "21 hộ"
    assert sheet.cell(rows["econ.ecommerce_outreach_households"], 5).value == "chưa có"  # no target: never made up


def test_the_period_own_targets_come_first(example_before_forms, tmp_path):
    from dxanalysis.scaffold import new_period

    example_data = example_before_forms
    new_period(example_data, "hong-ngu", "2023-H1")
    paths = write_forms("hong-ngu", "2023-H1", example_data, out=tmp_path)
    sheet, _, rows = _rows(paths[1])
    assert sheet.cell(rows["gov.online_dossier_rate"], 5).value == "50%"  # Chỉ tiêu giao of the period


def test_a_missing_previous_figure_reads_chua_co(example_data, tmp_path):
    (example_data / "hong-ngu" / "reporting.csv").write_text(
        "Chỉ tiêu,Cơ quan báo cáo\ngov.ontime_dossier_rate,Bộ phận một cửa\n", encoding="utf-8")
    (path,) = write_forms("hong-ngu", "2021-H1", example_data, out=tmp_path)
    sheet, header, rows = _rows(path)
    assert header[5] == "Số liệu kỳ trước" and sheet.cell(rows["gov.ontime_dossier_rate"], 6).value == "chưa có"


def test_only_input_cells_are_unlocked_and_sheets_are_protected(forms):
    book = load_workbook(forms["Phòng Giáo dục và Đào tạo"])
    assert all(sheet.protection.sheet for sheet in book.worksheets)
    assert book.security.lockStructure
    sheet = book.worksheets[1]
    row = HEADER_ROW + 1
    unlocked = [c for c in range(1, 11) if not sheet.cell(row, c).protection.locked]
    assert [sheet.cell(HEADER_ROW, c).value for c in unlocked] == [
        "Tử số", "Mẫu số", "Giá trị (tỷ lệ %, số lượng, thứ hạng)", "Ghi chú"]
    assert sheet.cell(HEADER_ROW, 1).protection.locked and sheet.cell(1, 1).protection.locked


def _validations(sheet):
    return {str(v.sqref): v for v in sheet.data_validations.dataValidation}


def test_validations_by_kind(forms):
    sheet, _, rows = _rows(forms["Phòng Văn hóa và Thông tin"])
    found = _validations(sheet)
    ratio = rows["gov.agencies_on_data_network_rate"]
    assert found[f"G{ratio}"].type == "custom" and f"G{ratio}<=H{ratio}" in found[f"G{ratio}"].formula1
    assert found[f"H{ratio}"].type == "custom"
    assert (found[f"I{ratio}"].type, found[f"I{ratio}"].formula1, found[f"I{ratio}"].formula2) == ("decimal", "0", "100")
    count = rows["econ.ecommerce_outreach_households"]
    assert (found[f"I{count}"].type, found[f"I{count}"].operator, found[f"I{count}"].formula1) == (
        "whole", "greaterThanOrEqual", "0")
    assert f"G{count}" not in found and sheet.cell(count, 7).protection.locked  # no counts for a count
    assert all(found[f"J{r}"].type == "textLength" for r in rows.values())  # a note cell per row
    assert all(v.showInputMessage and v.prompt for v in found.values())


def test_rank_and_flag_validations(example_data, tmp_path):
    (example_data / "hong-ngu" / "reporting.csv").write_text(
        "Chỉ tiêu,Cơ quan báo cáo\nfound.dti_rank,Phòng VHTT\n", encoding="utf-8")
    (path,) = write_forms("hong-ngu", "2023-H1", example_data, out=tmp_path)
    sheet, _, rows = _rows(path)
    found = _validations(sheet)
    row = rows["found.dti_rank"]
    assert (found[f"I{row}"].type, found[f"I{row}"].formula1) == ("whole", "1")

    from dxanalysis.publish.forms import _cell_validations

    flag = _cell_validations("flag", 7, "vi")["value"]
    assert (flag.type, flag.formula1) == ("list", '"Có,Không"')


def test_metadata_survives_renaming(forms, tmp_path):
    renamed = tmp_path / "bao cao gui lai (final) v2.xlsx"
    shutil.copy(forms["Văn phòng HĐND và UBND"], renamed)
    meta = read_form_metadata(renamed)
    assert (meta.unit, meta.period, meta.body, meta.collected_by, meta.version, meta.lang) == (
        "hong-ngu", "2023-H1", "Văn phòng HĐND và UBND", "hong-ngu", FORM_VERSION, "vi")
    assert meta.codes == ["gov.online_dossier_rate", "gov.digital_signature_rate",
                          "gov.online_services_with_dossiers_rate"]
    assert meta.data_sheet == "Biểu mẫu" and meta.header_row == HEADER_ROW
    book = load_workbook(renamed)
    assert book[METADATA_SHEET].sheet_state == "hidden"
    assert "unit=hong-ngu" in book.properties.keywords and "period=2023-H1" in book.properties.keywords


def test_metadata_of_a_file_that_is_not_a_form(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    with pytest.raises(InputFileError, match="_dxanalysis"):
        read_form_metadata(path)
    (tmp_path / "x.xlsx").write_text("not a zip")
    with pytest.raises(InputFileError):
        read_form_metadata(tmp_path / "x.xlsx")


def test_same_inputs_same_bytes(tmp_path):
    from dxanalysis.config import EXAMPLE_DATA_DIR

    first = write_forms("hong-ngu", "2023-H1", EXAMPLE_DATA_DIR, out=tmp_path / "a")
    second = write_forms("hong-ngu", "2023-H1", EXAMPLE_DATA_DIR, out=tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    with zipfile.ZipFile(first[0]) as archive:
        assert archive.testzip() is None


def test_english_forms(tmp_path):
    from dxanalysis.config import EXAMPLE_DATA_DIR

    forms = plan_forms("hong-ngu", "2023-H1", EXAMPLE_DATA_DIR, lang="en")
    assert forms[1].rows[0].previous == "837/1,692 dossiers (49.47%)"
    path = write_forms("hong-ngu", "2023-H1", EXAMPLE_DATA_DIR, out=tmp_path, lang="en")[0]
    book = load_workbook(path)
    assert book.sheetnames == ["Instructions", "Form", METADATA_SHEET]
    assert book["Form"].cell(HEADER_ROW, 1).value == "Ref." and read_form_metadata(path).lang == "en"


def test_communes_without_communes_is_an_error(example_data, tmp_path):
    (example_data / "dong-thap" / "reporting.csv").write_text(
        "Chỉ tiêu,Cơ quan báo cáo\nfound.dti_rank,các xã\n", encoding="utf-8")
    units = example_data / "units.csv"
    units.write_text("\n".join(line for line in units.read_text(encoding="utf-8").splitlines()
                               if line.split(",")[4:5] != ["dong-thap"]) + "\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="row 2"):
        write_forms("dong-thap", "2024", example_data, out=tmp_path)


def test_the_raw_data_is_never_written(example_data):
    from dxanalysis.slugs import OutputPathError

    before = tree_digest(example_data)
    with pytest.raises(OutputPathError):
        write_forms("hong-ngu", "2023-H1", example_data, out=example_data / "hong-ngu" / "forms")
    assert tree_digest(example_data) == before


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "dxanalysis", *args], capture_output=True, text=True, timeout=180,
                          cwd=cwd)


def test_command_writes_under_reports(example_data, tmp_path):
    from dxanalysis.cli import EXIT_OK

    result = _cli("forms", "--unit", "hong-ngu", "--period", "06 tháng đầu năm 2023", "--data-dir", str(example_data),
                  "--reports-dir", str(tmp_path / "reports"))
    assert result.returncode == EXIT_OK, result.stderr
    written = sorted((tmp_path / "reports" / "hong-ngu" / "2023-H1" / "forms").glob("*.xlsx"))
    assert len(written) == 8 and "8 biểu mẫu" in result.stdout
    result = _cli("--lang", "en", "forms", "--unit", "hong-ngu", "--period", "2023-H1", "--data-dir",
                  str(example_data), "--out", str(tmp_path / "out"), "--lang", "en")
    assert result.returncode == EXIT_OK and "Wrote 8 forms" in result.stdout
    assert read_form_metadata(next((tmp_path / "out").glob("*.xlsx"))).lang == "en"


def test_command_bad_unit_and_no_table(example_data, tmp_path):
    from dxanalysis.cli import EXIT_FAILURE

    result = _cli("--lang", "en", "forms", "--unit", "nowhere", "--period", "2023-H1", "--data-dir", str(example_data),
                  "--out", str(tmp_path))
    assert result.returncode == EXIT_FAILURE and "nowhere" in result.stderr and "Traceback" not in result.stderr
    result = _cli("--lang", "en", "forms", "--unit", "tan-hong", "--period", "2024-9M", "--data-dir",
                  str(example_data), "--out", str(tmp_path))
    assert result.returncode == EXIT_FAILURE and "reporting.csv" in result.stderr and "new-period" in result.stderr
    result = _cli("forms", "--unit", "hong-ngu", "--period", "2023-H1", "--data-dir", str(example_data),
                  "--out", str(example_data / "x"))
    assert result.returncode == EXIT_FAILURE and not (example_data / "x").exists()


def test_bad_unit_in_python():
    from dxanalysis.config import EXAMPLE_DATA_DIR

    with pytest.raises(UnknownUnitError):
        plan_forms("nowhere", "2023-H1", EXAMPLE_DATA_DIR)


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_libreoffice_opens_the_forms(forms, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    source = forms["Phòng Giáo dục và Đào tạo"]
    result = subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                             "csv", "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    converted = tmp_path / (source.stem + ".csv")
    assert converted.exists() and converted.stat().st_size > 0
