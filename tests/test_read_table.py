"""One reading layer: every kind of input file, in every encoding the README promises, empty or header-only.

Each kind is written as Excel and Vietnamese Windows write it — UTF-8 with and
without BOM, UTF-16 "Unicode text" (tab-delimited, with BOM) and
Windows-1258 (tone marks as separate combining bytes where cp1258 has no
precomposed letter) — and must read back to the same content. An empty or
header-only file is a :class:`DxAnalysisError` naming the file, never another
exception.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from dxanalysis.check.register import register_observations
from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.exceptions import DxAnalysisError, InputFileError
from dxanalysis.read.catalog import load_catalog
from dxanalysis.read.indicators import read_indicator_file
from dxanalysis.read.register import read_procedures, read_register
from dxanalysis.read.table import ColumnSpec, read_table, read_workbook
from dxanalysis.read.targets import read_plan_targets
from dxanalysis.read.units import Unit, read_units
from tests.conftest import tree_digest
from tests.forms import to_cp1258


def _indicators(path: Path) -> object:
    return read_indicator_file(path).frame[["indicator", "numerator", "denominator"]].values.tolist()


def _register(path: Path) -> object:
    return read_register(path)[["code", "field", "received", "channel"]].values.tolist()


def _register_computed(path: Path) -> object:
    observations = register_observations(path, "hong-ngu", "2022-H2", procedures=None).observations
    return observations.set_index("indicator").loc["gov.dossiers_received", "value"]


def _procedures(path: Path) -> object:
    return read_procedures(path)[["procedure_code", "procedure_name", "field", "online"]].values.tolist()


def _units(path: Path) -> object:
    return read_units(path)["hong-ngu"]


def _targets(path: Path) -> object:
    return [(t.indicator, t.target.value, t.year, t.source) for t in read_plan_targets(path, load_catalog())]


def _catalog(path: Path) -> object:
    indicator = load_catalog(path)["local.wifi_rate"]
    return indicator.name_vi, indicator.unit_vi, indicator.aliases


# kind -> (file name, text with "," delimiters, reader, what the reader returns)
KINDS: dict[str, tuple[str, str, Callable[[Path], object], object]] = {
    "indicators": (
        "indicators.csv",
        "STT,Chỉ tiêu,Tử số,Mẫu số\n1,Tỷ lệ hồ sơ được số hóa,9.475,15.684\n",
        _indicators, [["Tỷ lệ hồ sơ được số hóa", "9.475", "15.684"]],
    ),
    "register": (
        "register.csv",
        "Mã hồ sơ,Mã TTHC,Lĩnh vực,Ngày tiếp nhận,Hình thức tiếp nhận\n"
        "H1,P1,Hộ tịch,01/07/2022,Trực tuyến\nH2,P2,Đất đai,02/07/2022,Bưu chính\n",
        _register, [["H1", "Hộ tịch", "01/07/2022", "Trực tuyến"], ["H2", "Đất đai", "02/07/2022", "Bưu chính"]],
    ),
    "register (computed)": (
        "register.csv",
        "Mã hồ sơ,Mã TTHC,Lĩnh vực,Ngày tiếp nhận,Hình thức tiếp nhận\n"
        "H1,P1,Hộ tịch,01/07/2022,Trực tuyến\nH2,P2,Đất đai,02/07/2022,Bưu chính\n",
        _register_computed, 2.0,
    ),
    "procedures": (
        "procedures.csv",
        "Mã TTHC,Tên TTHC,Lĩnh vực,Mức độ\nP1,Đăng ký khai sinh,Hộ tịch,Toàn trình\nP2,Cấp sổ đỏ,Đất đai,Mức độ 2\n",
        _procedures, [["P1", "Đăng ký khai sinh", "Hộ tịch", True], ["P2", "Cấp sổ đỏ", "Đất đai", False]],
    ),
    "units": (
        "units.csv",
        "slug,name_vi,name_en,level,parent\nhong-ngu,huyện Hồng Ngự,Hong Ngu district,huyện,dong-thap\n",
        _units, Unit("hong-ngu", "huyện Hồng Ngự", "Hong Ngu district", "huyện", "dong-thap"),
    ),
    "targets": (
        "targets.csv",
        "Chỉ tiêu,Mục tiêu,Năm mục tiêu,Nguồn\nTỷ lệ hồ sơ TTHC xử lý trực tuyến,80%,2025,Kế hoạch số 01 của huyện\n",
        _targets, [("gov.online_dossier_rate", 80.0, 2025, "Kế hoạch số 01 của huyện")],
    ),
    "catalog override": (
        "catalog.csv",
        "code,pillar,name_vi,name_en,kind,unit_vi,unit_en,better,aliases\n"
        "local.wifi_rate,foundations,Tỷ lệ điểm wifi công cộng,Public wifi,ratio,điểm,spots,higher,wifi|điểm phát sóng\n",
        _catalog, ("Tỷ lệ điểm wifi công cộng", "điểm", ("wifi", "điểm phát sóng")),
    ),
}


def encode(text: str, encoding: str) -> bytes:
    """``text`` as a file saved in ``encoding`` (UTF-16 as Excel's tab-delimited "Unicode text")."""
    if encoding == "cp1258":
        return to_cp1258(text.replace("\n", "\r\n"))
    if encoding == "utf-16":
        return text.replace(",", "\t").replace("\n", "\r\n").encode("utf-16")
    if encoding == "utf-16-le":  # without a byte-order mark
        return text.replace(",", "\t").encode("utf-16-le")
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_reads_the_same_in_every_encoding(tmp_path, kind, encoding):
    name, text, reader, expected = KINDS[kind]
    path = tmp_path / name
    path.write_bytes(encode(text, encoding))
    before = tree_digest(tmp_path)
    assert reader(path) == expected
    assert tree_digest(tmp_path) == before  # read, never written


def test_cp1258_text_really_is_legacy_bytes():
    data = encode(KINDS["units"][1], "cp1258")
    assert b"\xd2" in data or b"\xf2" in data  # a tone mark stored as its own byte
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


@pytest.mark.parametrize("delimiter", [";", "|", "\t"])
@pytest.mark.parametrize("kind", ["units", "targets", "procedures", "register"])
def test_other_delimiters_and_title_lines(tmp_path, kind, delimiter):
    name, text, reader, expected = KINDS[kind]
    path = tmp_path / name
    path.write_text(f"UBND HUYỆN HỒNG NGỰ{delimiter}\n\n" + text.replace(",", delimiter), encoding="utf-8")
    assert reader(path) == expected


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", "\ufeff".encode("utf-16"), b" \r\n\r\n"],
                         ids=["0 bytes", "utf-8 mark only", "utf-16 mark only", "blank lines"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_an_empty_file_is_a_clear_error(tmp_path, kind, content):
    name, _, reader, _ = KINDS[kind]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DxAnalysisError) as info:
        reader(path)
    assert str(path) in str(info.value) and "empty" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1258"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_header_only_file_is_a_clear_error(tmp_path, kind, encoding):
    name, text, reader, _ = KINDS[kind]
    path = tmp_path / name
    path.write_bytes(encode(text.split("\n")[0] + "\n\n", encoding))
    with pytest.raises(DxAnalysisError) as info:
        reader(path)
    assert str(path) in str(info.value) and "no data rows" in str(info.value)


@pytest.mark.parametrize("kind", ["units", "targets", "catalog override", "procedures", "register"])
def test_no_header_names_the_missing_column(tmp_path, kind):
    name, text, reader, _ = KINDS[kind]
    path = tmp_path / name
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="no header row naming") as info:
        reader(path)
    assert str(path) in str(info.value)


def test_a_column_named_twice_is_an_error(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("Chỉ tiêu,Mục tiêu,Năm mục tiêu,Target\ngov.online_dossier_rate,80%,2025,90%\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="'Mục tiêu', 'Target' \\(row 1\\) both mean 'target'"):
        read_plan_targets(path, load_catalog())


def test_unsupported_and_missing_files(tmp_path):
    spec = ColumnSpec("unit registry", {"slug": ("slug",)}, ("slug",))
    with pytest.raises(InputFileError, match="does not exist"):
        read_table(tmp_path / "units.csv", spec)
    (tmp_path / "units.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputFileError, match=r"\.xls workbooks cannot be read"):
        read_table(tmp_path / "units.xls", spec)
    (tmp_path / "units.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InputFileError, match="unsupported file type '.json'"):
        read_table(tmp_path / "units.json", spec)


def test_a_workbook_plan_keeps_its_percent_cells(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["KẾ HOẠCH CHUYỂN ĐỔI SỐ"])
    sheet.append(["Chỉ tiêu", "Mục tiêu", "Năm mục tiêu"])
    sheet.append(["gov.online_dossier_rate", 0.8, 2025])
    sheet["B3"].number_format = "0%"
    book.save(tmp_path / "targets.xlsx")
    (target,) = read_plan_targets(tmp_path / "targets.xlsx", load_catalog())
    assert (target.target.value, target.target.percent, target.year) == (80.0, True, 2025)


def test_fast_and_full_workbook_readers_give_the_same_text(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Sổ theo dõi"])
    sheet.append(["Mã hồ sơ", "Ngày tiếp nhận", "Số ngày"])
    sheet.append(["H1", dt.datetime(2022, 7, 1, 8, 30), 3])
    sheet.append(["H2", "02/07/2022", 2.5])
    book.save(tmp_path / "register.xlsx")
    full = [row for row in read_workbook(tmp_path / "register.xlsx")[0].rows]
    fast = [row for row in read_workbook(tmp_path / "register.xlsx", fast=True)[0].rows]
    assert [[c for c in row if c] for row in fast] == [[c for c in row if c] for row in full]
    assert fast[2] == ["H1", "01/07/2022", "3"]


def test_a_workbook_register_starting_below_and_right_of_a1_keeps_spreadsheet_rows(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for column, text in zip("BCDE", ["Mã hồ sơ", "Mã TTHC", "Ngày tiếp nhận", "Hình thức tiếp nhận"]):
        sheet[f"{column}3"] = text
    for column, text in zip("BCDE", ["H1", "P1", "01/07/2022", "Trực tuyến"]):
        sheet[f"{column}4"] = text
    hidden = book.create_sheet("cũ")
    hidden.append(["Mã hồ sơ", "Mã TTHC", "Ngày tiếp nhận", "Hình thức tiếp nhận"])
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "register.xlsx")
    assert read_register(tmp_path / "register.xlsx").to_dict("records") == [
        {"code": "H1", "procedure_code": "P1", "received": "01/07/2022", "channel": "Trực tuyến", "_row": 4}]


# --- the command, end to end --------------------------------------------------------------------------

def _validate(data: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DXANALYSIS_DEBUG"}
    return subprocess.run([sys.executable, "-m", "dxanalysis", "--lang", "en", "validate", str(data)], cwd=data.parent,
                          capture_output=True, text=True, env=env, timeout=300)


def test_validate_reads_re_encoded_registry_and_plan_like_the_originals(tmp_path):
    data = tmp_path / "raw"
    shutil.copytree(EXAMPLE_DATA_DIR / "hong-ngu", data / "hong-ngu")  # the plan's unit; the registry names all
    shutil.copy(EXAMPLE_DATA_DIR / "units.csv", data / "units.csv")
    units, targets = data / "units.csv", data / "hong-ngu" / "targets.csv"
    originals = {units: units.read_text(encoding="utf-8"), targets: targets.read_text(encoding="utf-8")}
    expected = _validate(data)
    assert "Traceback" not in expected.stdout + expected.stderr
    for path, encoding in [(units, "utf-16"), (units, "cp1258"), (targets, "utf-16"), (units, "utf-8-sig")]:
        path.write_bytes(encode(originals[path], encoding))
        got = _validate(data)
        assert "Traceback" not in got.stdout + got.stderr, (path.name, encoding)
        assert (got.returncode, got.stdout, got.stderr) == (expected.returncode, expected.stdout, expected.stderr), \
            (path.name, encoding)
        path.write_text(originals[path], encoding="utf-8")


@pytest.mark.parametrize("content", [b"", b"slug,name_vi,name_en,level,parent\r\n"], ids=["empty", "header-only"])
def test_validate_with_an_empty_registry_says_so_in_one_line(tmp_path, content):
    data = tmp_path / "raw"
    shutil.copytree(EXAMPLE_DATA_DIR, data)
    (data / "units.csv").write_bytes(content)
    got = _validate(data)
    output = got.stdout + got.stderr
    assert got.returncode != 0 and "Traceback" not in output
    errors = [line for line in got.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, errors  # every folder meets the same registry: one problem, said once
    (line,) = errors
    assert "units.csv" in line and ("empty" in line or "no data rows" in line)
