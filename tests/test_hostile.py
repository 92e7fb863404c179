"""Hostile or careless inputs: nothing from a file reaches the page as code, a path or a formula.

Each case is a regression test for an attack or accident seen on this project
(issue 11): script in a unit name, a slug that climbs out of reports/, a
``javascript:`` folder, formula cells, an output path inside the raw data, a
folder name in decomposed Unicode, and pages that differ between two
identical runs.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from dxanalysis.publish.batch import run_batch
from dxanalysis.publish.report import build_report
from tests.conftest import tree_digest

SCRIPT_NAME = "x</style><script>alert(1)</script>"
ATTRIBUTE_NAME = '"><img src=x onerror=alert(2)>'


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dxanalysis", "--lang", "en", *args], cwd=cwd, capture_output=True,
                          text=True)


def _rename_unit(data: Path, name_vi: str, name_en: str) -> None:
    units = (data / "units.csv").read_text(encoding="utf-8")
    units = units.replace("huyện Hồng Ngự,Hong Ngu district", f'"{name_vi}","{name_en.replace(chr(34), chr(34) * 2)}"')
    (data / "units.csv").write_text(units, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    """The seed's review, in both languages, for a unit whose names are script and attribute injections."""
    from dxanalysis.config import EXAMPLE_DATA_DIR
    import shutil

    root = tmp_path_factory.mktemp("hostile")
    data = root / "raw"
    (data / "hong-ngu").mkdir(parents=True)
    shutil.copy(EXAMPLE_DATA_DIR / "units.csv", data / "units.csv")
    shutil.copytree(EXAMPLE_DATA_DIR / "hong-ngu" / "2022-H1", data / "hong-ngu" / "2022-H1")
    _rename_unit(data, SCRIPT_NAME, ATTRIBUTE_NAME)
    reports = root / "reports"
    return {lang: build_report("hong-ngu", "2022-H1", lang=lang, data_dir=data, reports_dir=reports)
            for lang in ("vi", "en")}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_hostile_unit_name_is_text_on_the_page(hostile_pages, lang):
    html = hostile_pages[lang].read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    style = "".join(re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S))
    assert "alert(" not in style and "<" not in style  # the running title is CSS-escaped


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_dialog_opens_in_chromium(hostile_pages, lang):
    from tests.test_browser import _chromium_or_skip

    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    from dxanalysis.publish.browser import chromium_flags

    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=chromium_flags()[1:])
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(hostile_pages[lang].resolve().as_uri())
        page.wait_for_timeout(300)
        shown = page.inner_text("h1") + page.inner_text(".dx-subtitle")
        browser.close()
    assert dialogs == []
    assert (SCRIPT_NAME if lang == "vi" else ATTRIBUTE_NAME) in shown  # shown as the text it is


def test_an_index_of_hostile_names_opens_no_dialog(tmp_path):
    from tests.test_browser import _chromium_or_skip

    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    from dxanalysis.publish.batch import ReportOutcome
    from dxanalysis.publish.overview import overview_page
    from dxanalysis.publish.browser import chromium_flags
    from dxanalysis.read.units import Unit

    units = {"hong-ngu": Unit("hong-ngu", SCRIPT_NAME, ATTRIBUTE_NAME)}
    outcomes = [ReportOutcome("hong-ngu", "2022-H1", "vi", "built", html="hong-ngu/2022-H1/review.html"),
                ReportOutcome("hong-ngu", "2022-H1", "en", "failed", reason=SCRIPT_NAME + ATTRIBUTE_NAME)]
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=chromium_flags()[1:])
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for lang in ("vi", "en"):
            path = tmp_path / f"index.{lang}.html"
            path.write_text(overview_page(outcomes, lang, units, others=[]), encoding="utf-8")
            page.goto(path.as_uri())
            page.wait_for_timeout(200)
        browser.close()
    assert dialogs == []


def test_a_slug_that_climbs_out_of_reports_is_refused(tmp_path, make_data):
    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n")
    (data / "units.csv").write_text("slug,name_vi,name_en,level,parent\n../x,huyện X,X,huyện,\n", encoding="utf-8")
    (data / "hong-ngu").rename(data.parent / "x")  # data/raw/../x/2022-H1 exists: the slug reaches real data
    out = tmp_path / "out"
    result = run("report", "--unit", "../x", "--period", "2022-H1", "--data-dir", str(data),
                 "--reports-dir", str(out / "reports"), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "'../x'" in result.stderr and "slug" in result.stderr
    assert not (out / "x").exists() and not list(tmp_path.glob("**/review.html"))


def test_a_javascript_folder_is_reported_and_never_linked(tmp_path, make_data):
    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n")
    hostile = data / "javascript:alert(1)" / "2022-H1"
    hostile.mkdir(parents=True)
    (hostile / "indicators.csv").write_text("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n",
                                            encoding="utf-8")
    checked = run("validate", str(data), cwd=tmp_path)
    assert checked.returncode == 1 and "is not a unit slug" in checked.stderr
    outcomes = run_batch(data, tmp_path / "reports", progress=False)
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert [o.unit for o in outcomes] == ["hong-ngu"]
    assert "javascript:" not in index and 'href="./hong-ngu/2022-H1/review.html"' in index


FORMULAS = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "-2+3"]


def test_formula_cells_are_neutralised_in_every_csv_written(tmp_path, make_data):
    rows = "".join(f'{i},"{f.replace(chr(34), chr(34) * 2)}",60%\n' for i, f in enumerate(FORMULAS, start=2))
    data = make_data("STT,Chỉ tiêu,Giá trị,Ghi chú\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%,\"=1+2\"\n" +
                     rows.replace(",60%\n", ",60%,\n"))
    before = tree_digest(data)
    assert run("validate", str(data), "--csv", str(tmp_path / "findings.csv"), cwd=tmp_path).returncode == 1
    assert run("clean", "--data-dir", str(data), "--processed-dir", str(tmp_path / "processed"),
               cwd=tmp_path).returncode == 0
    assert tree_digest(data) == before
    for written in (tmp_path / "findings.csv", tmp_path / "processed" / "findings.csv",
                    tmp_path / "processed" / "observations.csv"):
        frame = pd.read_csv(written, dtype=str, keep_default_na=False)
        cells = [c for column in frame.columns for c in frame[column]]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@")) and not re.fullmatch(r"-[\d.]+", c)]
    values = pd.read_csv(tmp_path / "findings.csv", dtype=str, keep_default_na=False)["value"].tolist()
    assert "'=cmd|' /C calc'!A0" in values
    assert pd.read_csv(tmp_path / "processed" / "observations.csv", dtype=str)["note"].tolist() == ["'=1+2"]


def test_no_output_is_written_into_the_raw_data(tmp_path, make_data):
    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n")
    target = data / "hong-ngu" / "2022-H1" / "indicators.csv"
    before = tree_digest(data)
    for args in (("validate", str(data), "--csv", str(target)),
                 ("clean", "--data-dir", str(data), "--processed-dir", str(data / "hong-ngu")),
                 ("report", "--all", "--data-dir", str(data), "--reports-dir", str(data / "reports"))):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2 and "never writes" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(data) == before


def test_a_decomposed_folder_name_is_the_composed_slug(tmp_path, make_data):
    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n")
    composed = "hồng-ngự"
    (data / "hong-ngu").rename(data / unicodedata.normalize("NFD", composed))
    (data / "units.csv").write_text(f"slug,name_vi,name_en,level,parent\n{composed},huyện Hồng Ngự,Hong Ngu,huyện,\n",
                                    encoding="utf-8")
    result = run("validate", str(data), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    from dxanalysis.assess.review import load_review

    assert load_review(unicodedata.normalize("NFD", composed), "2022-H1", data).unit.slug == composed


def test_two_runs_give_the_same_page_but_for_the_time(tmp_path, make_data):
    from dxanalysis.config import EXAMPLE_DATA_DIR

    pages = [build_report("hong-ngu", "2022-H1", data_dir=EXAMPLE_DATA_DIR, reports_dir=tmp_path / name)
             for name in ("first", "second")]
    stamp = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2} ICT")
    first, second = (stamp.sub("TIME", p.read_text(encoding="utf-8")) for p in pages)
    assert first == second


# --- values that cannot be true (item 3) ------------------------------------------------------------

@pytest.mark.parametrize("row, column, value, code", [
    ("1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,-9.475,15.684,,50%", "Tử số", "-9.475", "negative_value"),
    ("1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,16,-16,,50%", "Mẫu số", "-16", "negative_value"),
    ("1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,,,-5%,50%", "Giá trị", "-5%", "negative_value"),
    ("1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,,,60%,150%", "Chỉ tiêu giao", "150%", "target_out_of_range"),
    ("1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,,,60%,-15%", "Chỉ tiêu giao", "-15%", "target_out_of_range"),
])
def test_values_that_cannot_be_true_are_errors(tmp_path, make_data, row, column, value, code):
    from dxanalysis.assess.review import ReviewSource

    data = make_data("STT,Chỉ tiêu,Tử số,Mẫu số,Giá trị,Chỉ tiêu giao\n" + row + "\n")
    result = run("validate", str(data), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    found = [f for f in ReviewSource(data).check("hong-ngu", "2022-H1") if f.code == code]
    assert found and found[0].severity == "error" and (found[0].row, found[0].column) == (2, column)
    assert found[0].value == value and found[0].message("vi") and found[0].hint("en")


def test_the_same_header_twice_is_an_error(tmp_path, make_data):
    from dxanalysis.assess.review import ReviewSource

    data = make_data("STT,Chỉ tiêu,Giá trị,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%,70%\n")
    assert run("validate", str(data), cwd=tmp_path).returncode == 1
    found = [f for f in ReviewSource(data).check("hong-ngu", "2022-H1") if f.code == "duplicate_column"]
    assert found and found[0].severity == "error" and found[0].row == 1


def test_a_header_only_table_is_an_error(tmp_path, make_data):
    data = make_data("STT,Chỉ tiêu,Giá trị\n")
    result = run("validate", str(data), cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr and "indicators.csv" in result.stderr


# --- no traceback for any input or environment fault (item 4) --------------------------------------

@pytest.mark.parametrize("name, content", [
    ("units.csv", b""), ("units.csv", b"\x00\x01\x02\xff" * 64), ("units.csv", 'slug,name_vi\n"hong-ngu,x\n'.encode()),
    ("catalog.csv", b""), ("catalog.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), ("catalog.csv", 'code,pillar\n"x,y\n'.encode()),
    ("hong-ngu/targets.csv", b""), ("hong-ngu/targets.csv", b"PK\x03\x04garbage"),
    ("hong-ngu/2022-H1/review.yml", b"meeting:\n  date: 2022-02-30\n"),
    ("hong-ngu/2022-H1/review.yml", b"\xff\xfe\x00garbage"),
])
def test_a_broken_input_file_is_one_clear_line(tmp_path, make_data, name, content):
    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n")
    (data / name).parent.mkdir(parents=True, exist_ok=True)
    (data / name).write_bytes(content)
    for args in (("validate", str(data)),
                 ("report", "--unit", "hong-ngu", "--period", "2022-H1", "--data-dir", str(data),
                  "--reports-dir", str(tmp_path / "reports"))):
        result = run(*args, cwd=tmp_path)
        assert result.returncode in (1, 2), result.stdout + result.stderr
        assert "Traceback" not in result.stderr and Path(name).name in result.stderr


def test_a_read_only_reports_folder_is_one_clear_line(tmp_path, make_data, capsys, monkeypatch):
    import errno

    from dxanalysis import cli
    import dxanalysis.atomic as atomic

    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n")
    reports = tmp_path / "reports"
    real_mkstemp = atomic.tempfile.mkstemp

    def read_only(*args, dir=None, **kwargs):  # noqa: A002 - mkstemp's own keyword
        if dir is not None and (Path(dir) == reports or reports in Path(dir).parents):
            raise PermissionError(errno.EACCES, "Permission denied", str(Path(dir) / "x.tmp"))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)  # as root, chmod would not stop a write
    status = cli.main(["report", "--all", "--jobs", "1", "--data-dir", str(data), "--reports-dir", str(reports)])
    err = capsys.readouterr().err
    assert status == 2 and "Permission denied" in err and "Traceback" not in err
    assert not (reports / "index.html").exists() and not (reports / "manifest.json").exists()


def test_a_full_disk_is_one_clear_line(make_data, capsys, monkeypatch):
    import errno

    from dxanalysis import cli
    import dxanalysis.atomic as atomic

    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(data.parent / "processed" / "x.tmp"))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", full)
    status = cli.main(["clean", "--data-dir", str(data), "--processed-dir", str(data.parent / "processed")])
    err = capsys.readouterr().err
    assert status == 2 and "No space left on device" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv", [["/nonexistent/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                  [sys.executable, "-c", "import sys; sys.exit('No module named ipykernel_launcher')",
                                   "-f", "{connection_file}"]])
def test_a_broken_kernel_is_one_clear_message(tmp_path, make_data, argv):
    import json
    import os

    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n")
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "broken", "language": "python"}))
    env = {**os.environ, "JUPYTER_PATH": str(tmp_path / "jupyter")}
    result = subprocess.run([sys.executable, "-m", "dxanalysis", "report", "--unit", "hong-ngu", "--period", "2022-H1",
                             "--data-dir", str(data), "--reports-dir", str(tmp_path / "reports")],
                            cwd=tmp_path, capture_output=True, text=True, env=env, timeout=240)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "kernel" in result.stderr and "ipykernel install" in result.stderr


# --- limits (item 5) ---------------------------------------------------------------------------------

def test_a_billion_laughs_review_yml_is_refused_at_once(tmp_path, make_data):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n", review_yml=laughs)
    result = subprocess.run([sys.executable, "-m", "dxanalysis", "--lang", "en", "validate", str(data)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode in (1, 2) and "aliases" in result.stderr and "Traceback" not in result.stderr


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("case", ["long cell", "many cells", "bomb"])
def test_workbooks_past_the_limits_are_refused_before_loading(tmp_path, monkeypatch, case):
    import dxanalysis.read.table as table
    from dxanalysis.exceptions import InputFileError
    from dxanalysis.read.indicators import read_indicator_file
    from dxanalysis.read.limits import WorkbookLimits

    header = ["STT", "Chỉ tiêu", "Giá trị"]
    if case == "long cell":  # at small scale: a 300 MB cell is the same attack with a larger number
        rows, limits = [header, [1, "x" * 5000, "60%"]], WorkbookLimits(cell_characters=1000)
    elif case == "many cells":
        rows, limits = [header] + [[i, f"chỉ tiêu {i}", i] for i in range(2000)], WorkbookLimits(cells=1000)
    else:
        rows, limits = [header, [1, "placeholder", "60%"]], WorkbookLimits()
    path = _workbook(tmp_path / "indicators.xlsx", rows)
    if case == "bomb":  # a 3 MB cell packed into a few kilobytes (openpyxl itself would cut it at 32,767)
        import zipfile

        parts = {i.filename: zipfile.ZipFile(path).read(i.filename) for i in zipfile.ZipFile(path).infolist()}
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        parts["xl/worksheets/sheet1.xml"] = sheet.replace(
            "</sheetData>", '<row r="3"><c r="B3" t="inlineStr"><is><t>' + "a" * 3_000_000 + "</t></is></c></row></sheetData>"
        ).encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as rebuilt:
            for name, data in parts.items():
                rebuilt.writestr(name, data)
    monkeypatch.setattr(table, "FORM_LIMITS", limits)
    loaded = []
    monkeypatch.setattr(table, "_read_workbook_full", lambda *a: loaded.append(a) or [])
    with pytest.raises(InputFileError, match="indicators.xlsx"):
        read_indicator_file(path)
    assert not loaded  # refused before openpyxl was asked to load anything


def test_unknown_names_are_matched_without_pairwise_fuzzy_work(monkeypatch):
    """100,000 rows of unknown names validate in seconds: no difflib comparison unless a name is near."""
    import difflib
    import random

    from dxanalysis.read.catalog import load_catalog

    catalog = load_catalog()
    calls = []
    real_ratio = difflib.SequenceMatcher.ratio
    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", lambda self: calls.append(1) or real_ratio(self))
    rng = random.Random(7)
    words = "tỷ lệ hồ sơ cấp xã người dân doanh nghiệp thanh toán nền tảng số".split()
    names = [" ".join(rng.choice(words) for _ in range(6)) + f" {i}" for i in range(2000)]
    matches = [catalog.match(name) for name in names]
    assert all(m.code is None for m in matches)
    assert len(calls) < len(names) // 10  # was about 30 comparisons a row
    assert catalog.match("Tỷ lệ hồ sơ TTHC sử lý trực tuyếnn").code == "gov.online_dossier_rate"


def test_rows_not_used_are_listed_as_ranges(tmp_path, make_data):
    rows = "".join(f"{i},chỉ tiêu lạ số {i},{i}%\n" for i in range(1, 61))
    data = make_data("STT,Chỉ tiêu,Giá trị\n" + rows)
    result = run("validate", str(data), cwd=tmp_path)
    assert "2–61" in result.stdout and "2, 3, 4" not in result.stdout


# --- found by a review of this change -------------------------------------------------------------

def test_a_damaged_workbook_is_one_clear_line(tmp_path, make_data):
    import zipfile

    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n")
    good = _workbook(tmp_path / "good.xlsx", [["STT", "Chỉ tiêu", "Giá trị"], [1, "Tỷ lệ hồ sơ TTHC xử lý trực tuyến", "60%"]])
    raw = bytearray(good.read_bytes())
    info = next(i for i in zipfile.ZipFile(good).infolist() if i.filename == "xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    raw[start + 5:start + 25] = b"\xff" * 20  # a damaged deflate stream inside a readable zip
    folder = data / "hong-ngu" / "2022-H1"
    (folder / "indicators.csv").unlink()
    (folder / "indicators.xlsx").write_bytes(bytes(raw))
    result = run("validate", str(data), cwd=tmp_path)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr and "indicators.xlsx" in result.stderr


def _die(*args):
    import os

    os._exit(9)  # as the kernel's out-of-memory killer would end a worker


def test_a_killed_worker_fails_its_report_not_the_batch(tmp_path, make_data, monkeypatch):
    import dxanalysis.publish.batch as batch

    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n")
    monkeypatch.setattr(batch, "_render", _die)  # forked workers inherit the patch
    outcomes = run_batch(data, tmp_path / "reports", jobs=1, progress=False)
    assert [o.status for o in outcomes] == ["failed"] and "BrokenProcessPool" in outcomes[0].reason
    assert (tmp_path / "reports" / "manifest.json").is_file() and (tmp_path / "reports" / "index.html").is_file()


def test_a_period_folder_spelled_another_way_is_reported_not_read_twice(tmp_path, make_data):
    from dxanalysis.assess.review import load_review

    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n", period="2022-H1")
    make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,50%\n", period="2021-H1")
    make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,40%\n", period="2021-h1")
    result = run("validate", str(data), cwd=tmp_path)
    assert "Traceback" not in result.stderr and "2021-h1" in result.stderr and "rename it 2021-H1" in result.stderr
    assert list(load_review("hong-ngu", "2022-H1", data).history["period"]).count("2021-H1") == 1


def test_a_decomposed_unit_folder_keeps_its_plan(example_data):
    from dxanalysis.assess.review import load_review

    (example_data / "hong-ngu").rename(example_data / unicodedata.normalize("NFD", "hồng-ngự"))
    units = (example_data / "units.csv").read_text(encoding="utf-8").replace("\nhong-ngu,", "\nhồng-ngự,")
    units = units.replace(",hong-ngu\n", ",hồng-ngự\n")
    (example_data / "units.csv").write_text(units, encoding="utf-8")
    assert len(load_review("hồng-ngự", "2022-H1", example_data).progress) > 0


def test_a_number_too_large_to_be_true_is_an_error(tmp_path, make_data):
    from dxanalysis.assess.review import ReviewSource

    data = make_data("STT,Chỉ tiêu,Giá trị\n1,econ.ocop_households_on_ecommerce," + "9" * 400 + "\n")
    codes = [f.code for f in ReviewSource(data).check("hong-ngu", "2022-H1")]
    assert "number_too_large" in codes


def test_a_dollar_in_a_name_is_not_mathematical_text(example_data):
    from dxanalysis.assess.review import load_review
    from dxanalysis.write.sections import achievements_section

    units = (example_data / "units.csv").read_text(encoding="utf-8")
    (example_data / "units.csv").write_text(units.replace("xã Thường Phước 1", r"xã Thường $\frac{a}{$ Phước 1"),
                                            encoding="utf-8")
    assert "$\\frac" in achievements_section(load_review("hong-ngu", "2022-H1", example_data), "vi")


@pytest.mark.parametrize("content", ["{}", "[]", '{"reports": [1]}', '{"reports": [{"unit": "a"}]}',
                                     '{"reports": [{"unit": "a", "period": "2022", "lang": "vi", "status": "built",'
                                     ' "html": "../x.html"}]}'])
def test_a_manifest_of_the_wrong_shape_costs_a_rebuild_not_a_traceback(tmp_path, content):
    from dxanalysis.publish.batch import read_manifest

    (tmp_path / "manifest.json").write_text(content, encoding="utf-8")
    assert read_manifest(tmp_path)["reports"] == []


def test_an_english_only_batch_keeps_the_vietnamese_index(tmp_path, make_data):
    data = make_data("STT,Chỉ tiêu,Giá trị\n1,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,60%\n")
    reports = tmp_path / "reports"
    run_batch(data, reports, langs=("vi",), progress=False)
    run_batch(data, reports, langs=("en",), progress=False)
    vietnamese = (reports / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in vietnamese and "review.html" in vietnamese and "review.en.html" in vietnamese
    assert (reports / "index.en.html").is_file()
