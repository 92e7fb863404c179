"""One review end to end against the floor that any papermill + nbconvert report pays.

The floor: a notebook that imports pandas, matplotlib and seaborn, draws one
chart, and is executed by papermill and exported by nbconvert exactly as the
review is (same kernel, same exporter settings). Ours: `build_report` for the
shipped example (huyện Hồng Ngự, 2022-H1, with its history and communes).
Each is run three times; the medians are compared. Prints ratios; asserts nothing.

Run: make bench   (or .venv/bin/python benchmarks/bench_review.py)
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import nbformat

from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.publish.report import build_report, execute_report_notebook, export_html

FLOOR_CELLS = [
    "import pandas as pd\nimport matplotlib.pyplot as plt\nimport seaborn as sns",
    "frame = pd.DataFrame({'x': list('abcde'), 'y': [3, 1, 4, 1, 5]})\n"
    "sns.barplot(data=frame, x='x', y='y')\nplt.show()",
]
RUNS = 3


def floor_notebook(folder: Path, charts: int = 1) -> Path:
    cells = [FLOOR_CELLS[0]] + [FLOOR_CELLS[1]] * charts
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})]
                                  + [nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / f"floor-{charts}.ipynb"
    nbformat.write(nb, path)
    return path


def timed(action) -> float:  # noqa: ANN001
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)

        def floor(charts: int):  # noqa: ANN202
            notebook = floor_notebook(folder, charts)

            def run() -> None:
                executed = execute_report_notebook(notebook, folder / "floor-out.ipynb", {"x": 2})
                export_html(executed, folder / "floor.html")
            return run

        def ours() -> None:
            build_report("hong-ngu", "2022-H1", data_dir=EXAMPLE_DATA_DIR, reports_dir=folder / "reports")

        floor_1, floor_7 = floor(1), floor(7)
        floor_1(), ours()  # warm the disk cache and matplotlib's font cache
        medians = {name: statistics.median(timed(run) for _ in range(RUNS))
                   for name, run in (("floor", floor_1), ("floor7", floor_7), ("ours", ours))}
    print(f"floor (papermill + nbconvert, 1 chart):  median {medians['floor']:.2f} s of {RUNS} runs")
    print(f"floor with 7 simple charts:              median {medians['floor7']:.2f} s of {RUNS} runs")
    print(f"review (hong-ngu 2022-H1, 7 charts with 13 panels): median {medians['ours']:.2f} s of {RUNS} runs")
    print(f"ratio review / floor: {medians['ours'] / medians['floor']:.2f}  (aim <= 1.3)")
    print(f"ratio review / floor with as many charts: {medians['ours'] / medians['floor7']:.2f}")


if __name__ == "__main__":
    main()
