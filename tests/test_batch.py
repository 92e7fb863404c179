"""Batch publishing on a small data folder: parallel, incremental, failures reported, index and manifest."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from dxanalysis.publish.batch import run_batch
from dxanalysis.config import EXAMPLE_DATA_DIR


@pytest.fixture
def small_data(tmp_path):
    """The seed's district with one earlier period, and one commune: 3 reports."""
    raw = tmp_path / "raw"
    for folder in ("hong-ngu/2022-H1", "hong-ngu/2021-H1", "thuong-phuoc-1/2022-H1"):
        shutil.copytree(EXAMPLE_DATA_DIR / folder, raw / folder)
    shutil.copy(EXAMPLE_DATA_DIR / "units.csv", raw / "units.csv")
    return raw


def test_batch_builds_every_report_then_skips_unchanged_ones(small_data, tmp_path):
    reports = tmp_path / "reports"
    first = run_batch(small_data, reports, jobs=2, progress=False)
    assert [(o.unit, o.period, o.status) for o in first] == [
        ("hong-ngu", "2021-H1", "built"), ("hong-ngu", "2022-H1", "built"), ("thuong-phuoc-1", "2022-H1", "built")]
    for outcome in first:
        assert (reports / outcome.html).is_file() and outcome.duration_seconds > 0
        assert outcome.inputs and all(len(digest) == 64 for digest in outcome.inputs.values())
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["package_version"] and len(manifest["reports"]) == 3

    again = run_batch(small_data, reports, jobs=2, progress=False)
    assert {o.status for o in again} == {"unchanged"}

    commune = small_data / "thuong-phuoc-1" / "2022-H1" / "indicators.csv"
    commune.write_text(commune.read_text(encoding="utf-8").replace("66,43%", "66,4%"), encoding="utf-8")
    third = run_batch(small_data, reports, jobs=2, progress=False)
    # the commune's own report and its district's (which compares communes) change; 2021-H1 does not
    assert [o.status for o in third] == ["unchanged", "built", "built"]
    assert {o.status for o in run_batch(small_data, reports, force=True, progress=False)} == {"built"}


def test_batch_goes_on_past_a_failing_report(small_data, tmp_path):
    broken = small_data / "thuong-phuoc-1" / "2022-H1" / "indicators.csv"
    lines = broken.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[3] = "9.47"  # Tử số of the first indicator: an ambiguous number in a 'vi' file
    broken.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "dxanalysis", "--lang", "en", "report", "--all", "--jobs", "2",
                             "--data-dir", str(small_data), "--reports-dir", str(tmp_path / "reports")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1
    # the commune's report fails, and so does its district's, which would show the commune's figure
    assert "1 built, 0 unchanged, 2 failed" in result.stdout
    failures = [line for line in result.stderr.splitlines() if line.startswith("FAILED")]
    assert [line.split(":")[0] for line in failures] == ["FAILED  hong-ngu 2022-H1 (vi)",
                                                          "FAILED  thuong-phuoc-1 2022-H1 (vi)"]
    assert all("thuong-phuoc-1/2022-H1/indicators.csv, row 2, column 'Tử số'" in line and "'9.47'" in line
               for line in failures)
    assert "Traceback" not in result.stderr
    assert (tmp_path / "reports" / "hong-ngu" / "2021-H1" / "review.html").is_file()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def test_index_links_every_report_in_both_languages(small_data, tmp_path):
    reports = tmp_path / "reports"
    run_batch(small_data, reports, langs=("vi", "en"), jobs=2, progress=False)
    for index, lang in (("index.html", "vi"), ("index.en.html", "en")):
        html = (reports / index).read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        links = Links()
        links.feed(html)
        pages = [h for h in links.hrefs if h.endswith("review.html") or h.endswith("review.en.html")]
        assert len(pages) == 6 and all((reports / h).is_file() for h in pages)
    vi_index = (reports / "index.html").read_text(encoding="utf-8")
    assert "xã Thường Phước 1" in vi_index and "có dữ liệu minh họa" in vi_index
