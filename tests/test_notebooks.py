"""Committed notebooks are clean, parameterised as papermill expects, and run as-is."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from dxanalysis.config import CHECKOUT_DIR

NOTEBOOKS = sorted((CHECKOUT_DIR / "notebooks").glob("*.ipynb"))


def test_there_are_the_two_notebooks():
    assert {p.name for p in NOTEBOOKS} == {"semiannual_review.ipynb", "explore.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name} has outputs: strip them"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_one_parameters_cell_of_literals(path: Path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines():
        assert line.startswith("#") or ("=" in line and "#" in line), f"uncommented parameter: {line!r}"


def test_explore_notebook_runs_as_is(tmp_path):
    path = CHECKOUT_DIR / "notebooks" / "explore.ipynb"
    pm.execute_notebook(str(path), str(tmp_path / "out.ipynb"), kernel_name="python3",
                        progress_bar=False, cwd=str(path.parent))
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert not [o for c in out.cells for o in c.get("outputs", []) if o.output_type == "error"]
    html = "\n".join("".join(o.get("data", {}).get("text/html", "")) for c in out.cells for o in c.get("outputs", []))
    assert 'class="dx-summary"' in html and "huyện Hồng Ngự (hong-ngu)" in html  # the review at a glance
    assert "<td>dưới 100%</td>" in html  # a figure with its qualifier, as the report writes it
    assert "6T đầu 2021" in html and "xã Long Khánh A" in html  # the history, the communes
    assert "Đang đi xuống" in html and "Cách khắc phục" in html  # the plan's progress, the findings


# The review notebook under plain papermill: the data is found from the folder the kernel runs in.

SEED_FIGURES = ["9.475/15.684 hồ sơ, đạt 60,41% (chỉ tiêu giao là 50%)", "11/34 trường, đạt 32,35% (chỉ tiêu giao là 15%)"]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder as an analyst has it: data/raw (the shipped example) and notebooks/; no variable set."""
    from dxanalysis.config import DATA_DIR_VARIABLE, EXAMPLE_DATA_DIR, REVIEW_NOTEBOOK, default_notebook

    monkeypatch.delenv(DATA_DIR_VARIABLE, raising=False)
    root = tmp_path / "project"
    shutil.copytree(EXAMPLE_DATA_DIR, root / "data" / "raw")
    (root / "notebooks").mkdir()
    shutil.copy(default_notebook(), root / "notebooks" / REVIEW_NOTEBOOK)
    return root


def _page_text(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    html = "".join("".join(o.get("data", {}).get("text/html", "")) for c in nb.cells for o in c.get("outputs", []))
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _run_review(project: Path, cwd: Path, output: Path, **parameters) -> Path:
    pm.execute_notebook(str(project / "notebooks" / "semiannual_review.ipynb"), str(output), kernel_name="python3",
                        parameters={"unit": "hong-ngu", "period": "2022-H1", **parameters}, progress_bar=False,
                        cwd=str(cwd))
    return output


@pytest.mark.parametrize("folder", [".", "notebooks"], ids=["from the project root", "from notebooks/"])
def test_review_notebook_finds_the_data_from_where_papermill_runs_it(project, tmp_path, folder):
    text = _page_text(_run_review(project, project / folder, tmp_path / "out.ipynb"))
    for figure in SEED_FIGURES:
        assert figure in text


def test_review_notebook_runs_with_the_papermill_command(project):
    """What the README says to type, from the project root, with no data_dir."""
    result = subprocess.run([sys.executable, "-m", "papermill", "notebooks/semiannual_review.ipynb", "out.ipynb",
                             "-p", "unit", "hong-ngu", "-p", "period", "2022-H1", "--no-progress-bar"],
                            cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    out = nbformat.read(project / "out.ipynb", as_version=4)
    assert out.metadata.papermill.parameters == {"unit": "hong-ngu", "period": "2022-H1"}
    assert all(figure in _page_text(project / "out.ipynb") for figure in SEED_FIGURES)


def test_the_variable_names_the_data_where_no_data_raw_is_above(project, tmp_path, monkeypatch):
    from dxanalysis.config import DATA_DIR_VARIABLE

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    units = project / "data" / "raw" / "units.csv"  # so that the page shows it read this folder, not another
    units.write_text(units.read_text(encoding="utf-8").replace("huyện Hồng Ngự", "huyện Hồng Ngự (biến)"),
                     encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(project / "data" / "raw"))
    text = _page_text(_run_review(project, elsewhere, tmp_path / "out.ipynb"))
    assert "huyện Hồng Ngự (biến)" in text and SEED_FIGURES[0] in text


def test_no_data_anywhere_above_is_one_clear_error(project, tmp_path):
    from papermill.exceptions import PapermillExecutionError

    from dxanalysis.i18n import gettext

    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    with pytest.raises(PapermillExecutionError) as info:
        _run_review(project, nowhere, tmp_path / "out.ipynb")
    assert info.value.ename == "InputFileError"
    assert info.value.evalue.startswith(f"{nowhere}: {gettext('error.no_data_dir', 'vi')}")  # the kernel's language
    assert "pandas" not in "".join(info.value.traceback)


def test_papermill_help_lists_the_typed_parameters():
    from dxanalysis.config import default_notebook

    result = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook", str(default_notebook())],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    listed = " ".join(result.stdout.split())
    for expected in ['unit: str (default "hong-ngu") unit slug', 'period: str (default "2022-H1") reporting period',
                     'lang: str (default "vi") report language', "data_dir: Optional[str] (default None) folder with",
                     "$DXANALYSIS_DATA_DIR, else the nearest data/raw"]:
        assert expected in listed
    assert "Unknown type" not in listed


def test_the_committed_notebooks_are_what_tools_make_notebooks_writes():
    """Edit the cells in tools/make_notebooks.py and rerun it: the notebooks never drift from their source."""
    import runpy

    from dxanalysis.config import CHECKOUT_DIR

    sources = runpy.run_path(str(CHECKOUT_DIR / "tools" / "make_notebooks.py"))["NOTEBOOK_SOURCES"]
    for name, notebook in sources.items():
        committed = (CHECKOUT_DIR / "notebooks" / name).read_text(encoding="utf-8")
        assert nbformat.writes(notebook) + "\n" == committed or nbformat.writes(notebook) == committed, name
