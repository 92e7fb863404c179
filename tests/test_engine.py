"""The warm-kernel engine: a notebook run on a kept kernel is the notebook run on a fresh one.

papermill users reach it by name (``engine_name="dxanalysis"``); a batch runs
all of a worker's reports on one kernel; and the pages a batch publishes are,
byte for byte (timestamps aside), the pages built one at a time, each on a
new kernel.
"""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest

from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.publish.engine import ENGINE_NAME, KERNELS


def _notebook(path, *cells):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 0", metadata={"tags": ["parameters"]})]
                                  + [nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _outputs(path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return ["".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in c.outputs)
            for c in nb.cells if c.cell_type == "code"]


def test_a_kept_kernel_runs_the_next_notebook_as_a_new_one_would(tmp_path):
    """Same kernel process, but a new namespace, execution counts from 1, matplotlib and the folder as before."""
    import papermill as pm

    KERNELS.shutdown_all()
    notebook = _notebook(
        tmp_path / "state.ipynb",
        "import os\nprint(os.getpid())",
        "print('left' in dir())",
        "import matplotlib\nprint(matplotlib.rcParams['lines.linewidth'], os.getcwd() == os.path.realpath(%r))"
        % str(tmp_path),
        # what a careless notebook leaves behind: a variable, a setting, another working folder
        "left = 1\nmatplotlib.rcParams['lines.linewidth'] = 9\nos.chdir('/')",
    )
    runs = []
    for n in range(2):
        out = tmp_path / f"out-{n}.ipynb"
        pm.execute_notebook(str(notebook), str(out), parameters={"x": n}, kernel_name="python3",
                            engine_name=ENGINE_NAME, progress_bar=False, cwd=str(tmp_path))
        runs.append(out)
    first, second = (_outputs(run)[-4:] for run in runs)  # after the parameters papermill injected
    assert first[0] == second[0], "the second notebook ran on another kernel: nothing was kept"
    assert first[1:3] == second[1:3] == ["False\n", "1.5 True\n"]
    counts = [[c.execution_count for c in nbformat.read(run, as_version=4).cells] for run in runs]
    assert counts[0] == counts[1] == list(range(1, len(counts[0]) + 1))
    KERNELS.shutdown_all()


def test_a_changed_environment_gets_a_new_kernel(tmp_path, monkeypatch):
    import papermill as pm

    KERNELS.shutdown_all()
    notebook = _notebook(tmp_path / "env.ipynb", "import os\nprint(os.getpid(), os.environ.get('DX_TEST_VALUE'))")
    outputs = []
    for value in ("a", "b"):
        monkeypatch.setenv("DX_TEST_VALUE", value)
        out = tmp_path / f"out-{value}.ipynb"
        pm.execute_notebook(str(notebook), str(out), kernel_name="python3", engine_name=ENGINE_NAME,
                            progress_bar=False, cwd=str(tmp_path))
        outputs.append(_outputs(out)[-1].split())
    assert [o[1] for o in outputs] == ["a", "b"] and outputs[0][0] != outputs[1][0]
    KERNELS.shutdown_all()


def test_a_failed_notebook_leaves_a_kernel_the_next_one_can_use(tmp_path):
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    KERNELS.shutdown_all()
    broken = _notebook(tmp_path / "broken.ipynb", "half = 1\nraise ValueError('hỏng')")
    with pytest.raises(PapermillExecutionError):
        pm.execute_notebook(str(broken), str(tmp_path / "broken-out.ipynb"), kernel_name="python3",
                            engine_name=ENGINE_NAME, progress_bar=False, cwd=str(tmp_path))
    fine = _notebook(tmp_path / "fine.ipynb", "print('half' in dir())")
    pm.execute_notebook(str(fine), str(tmp_path / "fine-out.ipynb"), kernel_name="python3", engine_name=ENGINE_NAME,
                        progress_bar=False, cwd=str(tmp_path))
    assert _outputs(tmp_path / "fine-out.ipynb")[-1] == "False\n"
    KERNELS.shutdown_all()


# Times the page was made, which two runs never share.
_TIMES = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2} ICT|\d{1,2} \w+ \d{4},? \d{2}:\d{2} ICT|\d{4}-\d{2}-\d{2}T[\d:.+]+")


@pytest.fixture(scope="module")
def batch_and_singles(tmp_path_factory):
    """Six pages (a district's two periods and a commune, vi and en): published by a batch on one kernel,
    and built one at a time, each on a new kernel."""
    from dxanalysis.publish.batch import run_batch
    from dxanalysis.publish.report import build_report

    root = tmp_path_factory.mktemp("same")
    raw = root / "raw"
    pages = [("hong-ngu", "2021-H1"), ("hong-ngu", "2022-H1"), ("thuong-phuoc-1", "2022-H1")]
    for unit, period in pages:
        shutil.copytree(EXAMPLE_DATA_DIR / unit / period, raw / unit / period)
    shutil.copy(EXAMPLE_DATA_DIR / "units.csv", raw / "units.csv")
    shutil.copy(EXAMPLE_DATA_DIR / "hong-ngu" / "targets.csv", raw / "hong-ngu" / "targets.csv")
    outcomes = run_batch(raw, root / "batch", langs=("vi", "en"), jobs=1, progress=False)
    assert [o.status for o in outcomes] == ["built"] * 6
    singles = []
    for unit, period in pages:
        for lang in ("vi", "en"):
            KERNELS.shutdown_all()  # a new kernel for each page
            singles.append(build_report(unit, period, lang=lang, data_dir=raw, reports_dir=root / "single"))
    KERNELS.shutdown_all()
    return root / "batch", root / "single", singles


def test_a_batch_publishes_the_pages_built_one_at_a_time(batch_and_singles):
    batch, single, singles = batch_and_singles
    assert len(singles) == 6
    for page in singles:
        made_alone = _TIMES.sub("TIME", page.read_text(encoding="utf-8"))
        in_batch = _TIMES.sub("TIME", (batch / page.relative_to(single)).read_text(encoding="utf-8"))
        assert in_batch == made_alone, page.relative_to(single)
        assert made_alone.count("TIME") >= 1  # the mask hides the times, not the page


def test_a_batch_runs_the_notebooks_as_fresh_kernels_do(batch_and_singles):
    """The executed notebooks kept beside the pages: the same cells, counts and outputs."""
    batch, single, singles = batch_and_singles
    for page in singles:
        notebooks = [json.loads(page.with_suffix(".ipynb").read_text(encoding="utf-8")),
                     json.loads((batch / page.relative_to(single)).with_suffix(".ipynb").read_text(encoding="utf-8"))]
        cells = [[(c.get("execution_count"), _TIMES.sub("TIME", json.dumps(c.get("outputs"), ensure_ascii=False)))
                  for c in nb["cells"] if c["cell_type"] == "code"] for nb in notebooks]
        assert cells[0] == cells[1], page.relative_to(single)


def test_papermill_command_line_runs_the_review_with_the_engine(tmp_path):
    """`papermill --engine dxanalysis`: the entry point the package registers, from papermill's own command."""
    import subprocess
    import sys
    from pathlib import Path

    from dxanalysis.config import default_notebook

    output = tmp_path / "review.ipynb"
    result = subprocess.run([str(Path(sys.executable).with_name("papermill")), "--engine", ENGINE_NAME,
                             str(default_notebook()), str(output), "-p", "data_dir", str(EXAMPLE_DATA_DIR),
                             "--no-progress-bar"], capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "06 tháng đầu năm 2022" in json.dumps(json.loads(output.read_text(encoding="utf-8")), ensure_ascii=False)
