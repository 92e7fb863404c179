"""A whole province published with ``dxanalysis report --all``, against papermill + nbconvert's floor.

Generates (in a temporary folder, never committed) the synthetic province of
``synthetic_province.py`` — 1 province, 12 districts, 140 communes, 4 half
years, the catalog's indicators, every figure marked illustrative — and
publishes it with ``dxanalysis report --all`` on every core. Prints, measured
in this one run: reports per minute, seconds per report, the floor for as
many reports on as many cores (N × one floor report ÷ cores, the floor being
``floor.py``'s one-chart notebook run by papermill and nbconvert from a Python
that has imported them: the least a batch of them pays), the peak memory of
the whole batch (the command, its workers and their kernels, sampled from
/proc), and a last line ``ratio vs floor: R`` (ours ÷ that floor). Asserts
nothing.

What makes a batch cheaper than the floor: each worker keeps one kernel for
all its reports, reset between them (``publish.engine``), so no report pays
for a new kernel and new imports; the parent reads every input once and
hands each review to a worker as soon as it is checked; charts as in
``bench_review.py``.

Run: make bench   (or .venv/bin/python benchmarks/bench_province.py [--communes 40 --lang vi,en])
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import floor_command, in_process_seconds, median_seconds  # noqa: E402
from synthetic_province import make_province  # noqa: E402


def tree_memory(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants now (Linux /proc; 0 elsewhere)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            statm = (entry / "statm").read_text().split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        rss[int(entry.name)] = int(statm[1]) * page
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def publish(raw: Path, reports: Path, jobs: int, langs: str) -> tuple[float, int]:
    """Run ``dxanalysis report --all``; return its seconds and the peak memory of its process tree."""
    command = [sys.executable, "-m", "dxanalysis", "report", "--all", "--data-dir", str(raw), "--reports-dir",
               str(reports), "--jobs", str(jobs), "--lang", langs]
    peak, done = [0], threading.Event()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        while not done.wait(0.25):
            peak[0] = max(peak[0], tree_memory(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"dxanalysis report --all failed ({process.returncode}):\n{err.decode()[-2000:]}")
    return seconds, peak[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=12)
    parser.add_argument("--communes", type=int, default=140)
    parser.add_argument("--lang", default="vi", help="languages of the pages, e.g. vi,en")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        raw = make_province(folder, args.districts, args.communes)
        seconds, peak = publish(raw, folder / "reports", args.jobs, args.lang)
        manifest = json.loads((folder / "reports" / "manifest.json").read_text(encoding="utf-8"))
        built = sum(r["status"] == "built" for r in manifest["reports"])
        failed = sum(r["status"] == "failed" for r in manifest["reports"])
        index_bytes = (folder / "reports" / "index.html").stat().st_size
        floor = in_process_seconds(folder, 1)
        floor_command_line = median_seconds(floor_command(folder, 1))
    reports = built + failed
    floor_batch = reports * floor / args.jobs
    print(f"province: 1 province, {args.districts} districts, {args.communes} communes, 4 periods, "
          f"lang {args.lang}: {built} reports built, {failed} failed; {args.jobs} jobs on {os.cpu_count()} cores")
    print(f"ours: {seconds:.1f} s = {reports / seconds * 60:.0f} reports per minute, "
          f"{seconds / reports:.2f} s per report; overview page {index_bytes / 1e6:.1f} MB")
    print(f"peak memory of the batch (command, workers, kernels): {peak / 2**20:.0f} MiB")
    print(f"floor: one papermill + nbconvert report {floor:.2f} s in a running Python "
          f"({floor_command_line:.2f} s from the command line); {reports} reports on {args.jobs} cores "
          f"{floor_batch:.1f} s")
    print(f"ratio vs floor: {seconds / floor_batch:.2f}  (aim <= 0.5)")


if __name__ == "__main__":
    main()
