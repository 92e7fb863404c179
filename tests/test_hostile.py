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
    return subprocess.run([sys.executable, "-m", "dxanalysis", *args], cwd=cwd, capture_output=True, text=True)


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
