"""Committed notebooks are clean, parameterised as papermill expects, and run as-is."""

from __future__ import annotations

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
