"""One review from the command line, against the floor any papermill + nbconvert report pays.

The floor (``floor.py``): a notebook importing pandas, matplotlib and seaborn
and drawing one chart, executed by papermill and exported by nbconvert. Ours:
``dxanalysis report`` for the shipped example (huyện Hồng Ngự, 2022-H1, with
its history and communes: 7 charts with 13 panels). Each is a new process
every time (interpreter, imports, kernel), run three times after a warm-up;
the medians are compared. The same is then measured from a running Python
(``build_report`` against papermill's API, libraries already imported, a new
kernel each time), where the start-up both pay is smaller and the ratio
larger. Prints ratios; asserts nothing.

Why ours is near the floor although it does far more (measured on the
project's 2-core machine, November 2026):

- the kernel is started first and imports what the report needs while the
  command reads and checks the data (``publish.report.prestart_kernel``):
  the two overlap on two cores;
- charts are SVG with their text as text, written once: no rasterising and
  no PNG compression (SVG took 0.12 s where PNG took 0.23 s for a commune's
  four charts), sharper in print;
- charts are laid out from measured label widths rather than by
  ``tight_layout``, which measured every label and tick a second time, and
  their ticks are fixed with labels formatted once (the automatic ticks
  re-formatted every label on each pass): a commune's charts went from 0.6 s
  to 0.3 s.
- Caching a chart by the hash of its data was measured as useless here: no
  two pages of a batch draw the same chart (languages differ in labels,
  periods in history), and an unchanged page is not rebuilt at all.

Run: make bench   (or .venv/bin/python benchmarks/bench_review.py)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import floor_command, in_process_seconds, kernel_chatter_hidden, median_seconds  # noqa: E402

from dxanalysis.config import EXAMPLE_DATA_DIR  # noqa: E402

RUNS = 3


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        floor_1 = median_seconds(floor_command(folder, 1), RUNS)
        floor_7 = median_seconds(floor_command(folder, 7), RUNS)
        ours = median_seconds([sys.executable, "-m", "dxanalysis", "report", "--unit", "hong-ngu", "--period",
                               "2022-H1", "--data-dir", str(EXAMPLE_DATA_DIR), "--reports-dir",
                               str(folder / "reports")], RUNS)
        floor_here = in_process_seconds(folder, 1, RUNS)
        ours_here = _build_report_here(folder, RUNS)
    print(f"floor (papermill + nbconvert, 1 chart):  median {floor_1:.2f} s of {RUNS} runs")
    print(f"floor with 7 simple charts:              median {floor_7:.2f} s of {RUNS} runs")
    print(f"review (hong-ngu 2022-H1, 7 charts with 13 panels): median {ours:.2f} s of {RUNS} runs")
    print(f"ratio review / floor: {ours / floor_1:.2f}  (aim <= 1.3)")
    print(f"ratio review / floor with as many charts: {ours / floor_7:.2f}")
    print(f"from a running Python (libraries imported, a new kernel each time): review {ours_here:.2f} s, "
          f"floor {floor_here:.2f} s, ratio {ours_here / floor_here:.2f}")


def _build_report_here(folder: Path, runs: int) -> float:
    """``build_report`` called again and again from this process, each on a new kernel."""
    import statistics
    import time

    from dxanalysis.publish.engine import KERNELS
    from dxanalysis.publish.report import build_report

    def one() -> float:
        KERNELS.shutdown_all()  # no kernel kept from the last run
        started = time.perf_counter()
        build_report("hong-ngu", "2022-H1", data_dir=EXAMPLE_DATA_DIR, reports_dir=folder / "here")
        return time.perf_counter() - started

    with kernel_chatter_hidden():
        one()
        seconds = statistics.median(one() for _ in range(runs))
    KERNELS.shutdown_all()
    return seconds


if __name__ == "__main__":
    main()
