"""One exporter: `dxanalysis report` and `jupyter nbconvert --to dxreport` write the same page.

The exporter is found by nbconvert through the entry point pyproject.toml declares. The test
environment's installed copy of the package may predate that declaration (an editable install
keeps the entry points of the day it was installed), so the tests make pyproject's entry points
visible themselves: a ``dxanalysis-<version>.dist-info`` holding them, put first on the path
(``sys.path`` here, ``PYTHONPATH`` for the ``jupyter`` command), shadows the installed metadata —
the metadata, not the code, which stays the package under test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from dxanalysis.config import CHECKOUT_DIR, PACKAGE_DIR
from dxanalysis.exceptions import ReportBuildError
from dxanalysis.provenance import package_version
from dxanalysis.publish.exporter import DxReportExporter
from dxanalysis.publish.report import build_report

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser under its earlier name, when installed
    tomllib = pytest.importorskip("tomli")


def declared_entry_points() -> dict[str, dict[str, str]]:
    project = tomllib.loads((CHECKOUT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project.get("entry-points", {})


def write_dist_info(folder: Path) -> Path:
    """``folder`` holding a dist-info of this version with pyproject's entry points; returns ``folder``."""
    dist = folder / f"dxanalysis-{package_version()}.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: dxanalysis\nVersion: {package_version()}\n",
                                   encoding="utf-8")
    groups = [f"[{group}]\n" + "".join(f"{name} = {target}\n" for name, target in entries.items())
              for group, entries in declared_entry_points().items()]
    (dist / "entry_points.txt").write_text("\n".join(groups), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The shipped example run and exported by `dxanalysis report`'s own code, in Vietnamese."""
    from dxanalysis.config import EXAMPLE_DATA_DIR

    root = tmp_path_factory.mktemp("project")
    shutil.copytree(EXAMPLE_DATA_DIR, root / "data" / "raw")
    html = build_report("hong-ngu", "2022-H1", data_dir=root / "data" / "raw", reports_dir=root / "reports")
    return {"root": root, "html": html, "notebook": html.with_suffix(".ipynb")}


def test_pyproject_registers_the_exporter_as_dxreport():
    assert declared_entry_points()["nbconvert.exporters"] == {
        "dxreport": "dxanalysis.publish.exporter:DxReportExporter"}


def test_nbconvert_finds_the_exporter_by_its_name(tmp_path, monkeypatch):
    from nbconvert.exporters import get_export_names, get_exporter

    monkeypatch.syspath_prepend(str(write_dist_info(tmp_path / "metadata")))
    assert get_exporter("dxreport") is DxReportExporter
    assert "dxreport" in get_export_names()


def test_jupyter_nbconvert_writes_the_page_the_cli_writes(built, tmp_path):
    path = [str(write_dist_info(tmp_path / "metadata")), str(PACKAGE_DIR.parent), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p)}
    result = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "dxreport", str(built["notebook"]),
                             "--output-dir", str(tmp_path / "out")], env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    from_nbconvert = (tmp_path / "out" / "review.html").read_text(encoding="utf-8")
    from_cli = built["html"].read_text(encoding="utf-8")
    assert "Sơ kết chuyển đổi số 06 tháng đầu năm 2022 — huyện Hồng Ngự</title>" in from_cli
    # Nothing is dated at export (the appendix's generation time is the notebook run's), so no masking
    assert from_nbconvert == from_cli


class Requests(HTMLParser):
    """Every address the page would fetch when opened: scripts, stylesheets, images, frames, media."""

    FETCHING = {"script": "src", "img": "src", "iframe": "src", "embed": "src", "source": "src", "audio": "src",
                "video": "src", "object": "data", "link": "href"}

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.FETCHING and attrs.get(self.FETCHING[tag]):
            self.addresses.append(attrs[self.FETCHING[tag]])
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def test_the_page_requests_nothing_from_the_network(built):
    page = Requests()
    page.feed(built["html"].read_text(encoding="utf-8"))
    assert page.addresses and page.styles  # the check is not vacuous: the page has images and a stylesheet
    assert [a for a in page.addresses if not a.startswith("data:")] == []
    css = "\n".join(page.styles)
    assert "@import" not in css
    assert [u for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", css) if not u.startswith("data:")] == []
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", built["html"].read_text(encoding="utf-8"))


def test_the_executed_notebook_keeps_papermills_record(built):
    papermill = nbformat.read(built["notebook"], as_version=4).metadata.papermill
    assert {"unit": "hong-ngu", "period": "2022-H1", "lang": "vi"}.items() <= papermill.parameters.items()
    assert papermill.input_path and papermill.output_path


def test_the_language_is_the_notebooks_unless_the_trait_says_otherwise(built, tmp_path):
    english = nbformat.read(built["notebook"], as_version=4)
    english.metadata.papermill.parameters["lang"] = "en"
    path = tmp_path / "review.en.ipynb"
    nbformat.write(english, path)
    vi, _ = DxReportExporter().from_filename(str(built["notebook"]))
    en, _ = DxReportExporter().from_filename(str(path))
    assert '<html lang="vi">' in vi and '<h2 id="toc">Mục lục</h2>' in vi
    assert '<html lang="en">' in en and '<h2 id="toc">Contents</h2>' in en
    overridden, _ = DxReportExporter(lang="vi").from_filename(str(path))
    assert overridden == vi
    english.metadata.papermill.parameters["lang"] = "fr"
    with pytest.raises(ReportBuildError, match="'fr'"):
        DxReportExporter().from_notebook_node(english)


def test_the_exporter_leaves_out_what_the_reader_is_not_meant_to_see():
    header = '<header class="dx-header" data-unit="huyện A"><h1>Sơ kết &lt;x&gt;</h1></header>'
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Ghi chú cho người phân tích", metadata={"tags": ["dx-remove"]}),
        nbformat.v4.new_code_cell('unit = "a"', metadata={"tags": ["parameters"]}, outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="tham số")]),
        nbformat.v4.new_code_cell("header()", outputs=[
            nbformat.v4.new_output("display_data", {"text/html": header}),
            nbformat.v4.new_output("stream", name="stderr", text="cảnh báo của kernel")]),
        nbformat.v4.new_code_cell("section()", outputs=[nbformat.v4.new_output(
            "display_data", {"text/html": '<h2 id="summary">Tóm tắt</h2>'})]),
    ])
    page, _ = DxReportExporter().from_notebook_node(nb)
    body = page.split("<body", 1)[1]
    for hidden in ("Ghi chú cho người phân tích", "tham số", "cảnh báo của kernel", "jp-InputArea", "header()"):
        assert hidden not in body, hidden
    assert body.index('class="dx-header"') < body.index('class="dx-toc"') < body.index('id="summary"')
    assert "<title>Sơ kết &lt;x&gt; — huyện A</title>" in page
    assert '@top-right { content: "S\\1a1  k\\1ebf t \\3c x\\3e  \\2014  huy\\1ec7 n A"' in page
