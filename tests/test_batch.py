"""Batch publishing on a small data folder: parallel, incremental, failures reported, index and manifest."""

from __future__ import annotations

import html as html_module
import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

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
    """Every link's href, and the overview's cells (a link inside a ``td.dx-cell``) with their text."""

    def __init__(self):
        super().__init__()
        self.hrefs = []
        self.cells = []  # [href, text shown, class]
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and "dx-cell" in (attrs.get("class") or "").split():
            self._cell = [None, "", attrs["class"]]
            self.cells.append(self._cell)
        if tag == "a":
            self.hrefs.append(attrs["href"])
            if self._cell is not None and self._cell[0] is None:
                self._cell[0] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        if dict(attrs).get("id"):
            self.ids.add(dict(attrs)["id"])


def test_index_links_every_report_in_both_languages_and_every_cell_to_a_review(small_data, tmp_path):
    reports = tmp_path / "reports"
    run_batch(small_data, reports, langs=("vi", "en"), jobs=2, progress=False)
    for index, lang in (("index.html", "vi"), ("index.en.html", "en")):
        html = (reports / index).read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        links = Links()
        links.feed(html)
        pages = {h for h in links.hrefs if h.endswith("review.html") or h.endswith("review.en.html")}
        assert len(pages) == 6 and all((reports / h).is_file() for h in pages)
        # every cell links to a review that exists, in the index's language, at a section the review has,
        # and shows a figure that review prints
        assert len(links.cells) >= 10
        for href, text, kind in links.cells:
            parts = urlsplit(href)
            review = reports / unquote(parts.path)
            assert review.is_file() and review.name == ("review.html" if lang == "vi" else "review.en.html"), href
            source = review.read_text(encoding="utf-8")
            if parts.fragment:
                ids = Ids()
                ids.feed(source)
                assert parts.fragment in ids.ids, href
            if "dx-cell--absent" in kind or "dx-cell--no_data" in kind:
                continue  # "no data", in words
            figure = " ".join(text.split()[1:]).split(" (")[0]  # after the status symbol, before the hidden words
            assert figure and figure in html_module.unescape(source), (href, figure)
    vi_index = (reports / "index.html").read_text(encoding="utf-8")
    assert "xã Thường Phước 1" in vi_index and "có dữ liệu minh họa" in vi_index


def test_a_batch_reads_each_input_once_and_kernels_read_none(small_data, tmp_path, monkeypatch):
    """Each input is parsed once and hashed once per batch; the kernels get the review, not the files."""
    from collections import Counter

    import dxanalysis.assess.review as review_module
    import dxanalysis.check.register as register_module
    import dxanalysis.publish.batch as batch_module
    from dxanalysis import provenance

    # the 2022-H2 register feeds hong-ngu's 2022-H2 review and is history of nothing here: add both
    shutil.copytree(EXAMPLE_DATA_DIR / "hong-ngu" / "2022-H2", small_data / "hong-ngu" / "2022-H2")
    shutil.copy(EXAMPLE_DATA_DIR / "hong-ngu" / "targets.csv", small_data / "hong-ngu" / "targets.csv")
    parsed: Counter[str] = Counter()

    def counting(name, function, module):
        def wrapper(path, *args, **kwargs):
            parsed[f"{name}:{path}"] += 1
            return function(path, *args, **kwargs)
        monkeypatch.setattr(module, name, wrapper)

    for name in ("read_indicator_file", "read_units", "load_catalog", "read_review_notes", "read_plan_targets"):
        counting(name, getattr(review_module, name), review_module)
    counting("register_observations", register_module.register_observations, register_module)

    gone = tmp_path / "no-inputs-here"

    class NoInputsPool(batch_module.ProcessPoolExecutor):
        # The parent reads while the workers render; a worker and its kernel are told of a data folder
        # with nothing in it: a report that needed an input would fail.
        def submit(self, fn, *args, **kwargs):
            outcome, review, data_dir, *rest = args
            return super().submit(fn, outcome, review, str(gone), *rest, **kwargs)

    monkeypatch.setattr(batch_module, "ProcessPoolExecutor", NoInputsPool)
    provenance._sha256.cache_clear()
    outcomes = run_batch(small_data, tmp_path / "reports", jobs=2, progress=False)
    assert not gone.exists()

    assert [o.status for o in outcomes] == ["built"] * 4, [o.reason for o in outcomes]
    assert parsed and max(parsed.values()) == 1, parsed
    # 4 indicator files, 1 register, units, catalog (absent: not parsed), 4 review.yml (absent or not), 2 plans
    assert sum(key.startswith("read_indicator_file:") for key in parsed) == 4
    assert sum(key.startswith("register_observations:") for key in parsed) == 1
    hashed = provenance._sha256.cache_info()
    files = [p for p in small_data.rglob("*") if p.is_file()]
    assert hashed.misses == len(files) + 1, (hashed, len(files))  # every input once, and the notebook


def _cli(*args, cwd):
    return subprocess.Popen([sys.executable, "-m", "dxanalysis", "--lang", "en", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def _group_gone(pgid: int, seconds: float) -> bool:
    import os
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def _wait_for_a_kernel(reports, seconds: float = 60) -> None:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not list(reports.glob("**/*.log")):
        time.sleep(0.1)  # review.log appears when a worker starts its notebook


def test_ctrl_c_stops_the_batch_and_its_workers(small_data, tmp_path):
    import os
    import signal

    reports = tmp_path / "reports"
    batch = _cli("report", "--all", "--jobs", "2", "--data-dir", str(small_data), "--reports-dir", str(reports),
                 cwd=tmp_path)
    _wait_for_a_kernel(reports)
    os.killpg(batch.pid, signal.SIGINT)  # what a terminal sends to the foreground group on Ctrl-C
    out, err = batch.communicate(timeout=30)
    assert batch.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("Interrupted")
    assert _group_gone(batch.pid, 10), "a worker outlived the interrupted batch"
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
    assert all((reports / r["html"]).is_file() for r in manifest["reports"] if r["status"] == "built")


def test_workers_die_with_their_parent(small_data, tmp_path):
    import os
    import signal

    reports = tmp_path / "reports"
    batch = _cli("report", "--all", "--jobs", "2", "--data-dir", str(small_data), "--reports-dir", str(reports),
                 cwd=tmp_path)
    _wait_for_a_kernel(reports)
    os.kill(batch.pid, signal.SIGKILL)  # no chance to clean up
    batch.communicate(timeout=30)
    assert _group_gone(batch.pid, 10), "workers were orphaned by a killed batch"


def test_two_batches_at_once_take_turns_and_merge_the_manifest(small_data, tmp_path):
    reports = tmp_path / "reports"
    first = _cli("report", "--all", "--lang", "vi", "--data-dir", str(small_data), "--reports-dir", str(reports),
                 cwd=tmp_path)
    second = _cli("report", "--all", "--lang", "en", "--data-dir", str(small_data), "--reports-dir", str(reports),
                  cwd=tmp_path)
    results = [p.communicate(timeout=300) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
    assert sorted((r["lang"], r["status"]) for r in manifest["reports"]) == [("en", "built")] * 3 + [("vi", "built")] * 3
    assert not [p for p in reports.glob("**/.*") if p.name.endswith((".tmp", ".partial.ipynb"))], "a temporary file was left behind"
    for report in manifest["reports"]:
        assert (reports / report["html"]).is_file()
        notebook = (reports / report["html"]).with_suffix(".ipynb")
        json.loads(notebook.read_text(encoding="utf-8"))  # whole, never half written


def test_the_index_never_claims_what_the_manifest_denies(small_data, tmp_path, monkeypatch):
    import dxanalysis.atomic as atomic

    reports = tmp_path / "reports"
    run_batch(small_data, reports, progress=False)
    before = {p.name: p.read_bytes() for p in reports.glob("*.*")}
    real_fsync = atomic.os.fsync
    calls = []

    def disk_full_on_second_file(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", disk_full_on_second_file)
    with pytest.raises(OSError):
        run_batch(small_data, reports, progress=False, force=True)
    after = {p.name: p.read_bytes() for p in reports.glob("*.*")}
    assert after == before  # neither the manifest nor the index changed
