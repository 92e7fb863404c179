"""The floor any papermill + nbconvert report pays, measured in a fresh Python each time.

A notebook that imports pandas, matplotlib and seaborn and draws ``charts``
simple bar charts, executed by papermill's own engine (a new kernel) and
exported to HTML by nbconvert's ``HTMLExporter`` without code cells: what
every notebook-based report costs before it does anything of its own. Each
run is a new interpreter, as a report run from the command line is.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat

IMPORTS = "import pandas as pd\nimport matplotlib.pyplot as plt\nimport seaborn as sns"
CHART = ("frame = pd.DataFrame({'x': list('abcde'), 'y': [3, 1, 4, 1, 5]})\n"
         "sns.barplot(data=frame, x='x', y='y')\nplt.show()")
RUN = """\
import sys
import papermill
from nbconvert import HTMLExporter
notebook, executed, page = sys.argv[1:4]
papermill.execute_notebook(notebook, executed, parameters={"x": 2}, kernel_name="python3", progress_bar=False)
body, _ = HTMLExporter(exclude_input=True).from_filename(executed)
open(page, "w", encoding="utf-8").write(body)
"""


def floor_notebook(folder: Path, charts: int = 1) -> Path:
    """Write the floor's notebook (a parameters cell, the imports, ``charts`` charts) into ``folder``."""
    cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
             nbformat.v4.new_code_cell(IMPORTS)] + [nbformat.v4.new_code_cell(CHART) for _ in range(charts)]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / f"floor-{charts}.ipynb"
    nbformat.write(nb, path)
    return path


def timed_command(command: list[str], cwd: Path | None = None) -> float:
    """Seconds a command takes, from a new process to its exit (it must succeed)."""
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def floor_command(folder: Path, charts: int = 1) -> list[str]:
    """The command that makes one floor report in ``folder``."""
    notebook = floor_notebook(folder, charts)
    return [sys.executable, "-c", RUN, str(notebook), str(folder / f"floor-{charts}-out.ipynb"),
            str(folder / f"floor-{charts}.html")]


def median_seconds(command: list[str], runs: int = 3) -> float:
    """The median of ``runs`` timed runs of ``command``, after one run to warm the disk cache."""
    timed_command(command)
    return statistics.median(timed_command(command) for _ in range(runs))


def in_process_seconds(folder: Path, charts: int = 1, runs: int = 5) -> float:
    """The floor per notebook for a batch run from one Python process: papermill and nbconvert imported
    once, a new kernel for each notebook (papermill's own engine). The median of ``runs`` after a warm-up.

    This is the least any batch of papermill + nbconvert reports pays per report; the fresh-process
    floor adds what a command pays to start (interpreter, imports).
    """
    import papermill
    from nbconvert import HTMLExporter

    notebook = floor_notebook(folder, charts)
    exporter = HTMLExporter(exclude_input=True)

    def one() -> float:
        started = time.perf_counter()
        executed = folder / "floor-in-process.ipynb"
        papermill.execute_notebook(str(notebook), str(executed), parameters={"x": 2}, kernel_name="python3",
                                   progress_bar=False)
        body, _ = exporter.from_filename(str(executed))
        (folder / "floor-in-process.html").write_text(body, encoding="utf-8")
        return time.perf_counter() - started

    with kernel_chatter_hidden():
        one()
        return statistics.median(one() for _ in range(runs))


@contextlib.contextmanager
def kernel_chatter_hidden() -> Iterator[None]:
    """Kernels started here inherit standard error: their start-up warnings are not the benchmark's output."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "wb") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
