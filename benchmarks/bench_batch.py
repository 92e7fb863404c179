"""Batch publishing: parallel against serial, and the cost of a rerun with nothing changed.

Builds at least 24 reports: the shipped example's 20 unit × periods plus
copies of two communes under new slugs (synthetic, in a temporary folder).
Prints ratios measured in this one run; asserts nothing.

Run: make bench   (or .venv/bin/python benchmarks/bench_batch.py)
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import time
from pathlib import Path

from dxanalysis.publish.batch import run_batch
from dxanalysis.config import EXAMPLE_DATA_DIR


def make_data(folder: Path) -> Path:
    raw = folder / "raw"
    shutil.copytree(EXAMPLE_DATA_DIR, raw)
    with open(raw / "units.csv", "a", encoding="utf-8", newline="") as registry:
        writer = csv.writer(registry)
        for source, copy in (("long-khanh-a", "bench-xa-1"), ("phu-thuan-a", "bench-xa-2")):
            shutil.copytree(raw / source, raw / copy)
            writer.writerow([copy, f"xã {copy} (tổng hợp)", f"{copy} (synthetic)", "xã", ""])
    return raw


def main() -> None:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as temp:
        raw = make_data(Path(temp))
        started = time.perf_counter()
        serial = run_batch(raw, Path(temp) / "serial", jobs=1, force=True, progress=False)
        serial_time = time.perf_counter() - started
        started = time.perf_counter()
        parallel = run_batch(raw, Path(temp) / "parallel", jobs=cores, force=True, progress=False)
        parallel_time = time.perf_counter() - started
        started = time.perf_counter()
        rerun = run_batch(raw, Path(temp) / "parallel", jobs=cores, progress=False)
        rerun_time = time.perf_counter() - started
    count = len(serial)
    assert all(o.status == "built" for o in serial + parallel), "a report failed; the timing would mean nothing"
    print(f"{count} reports; {cores} cores")
    print(f"serial   (--jobs 1): {serial_time:6.1f} s  ({serial_time / count:.2f} s per report)")
    print(f"parallel (--jobs {cores}): {parallel_time:6.1f} s  ({parallel_time / count:.2f} s per report)")
    print(f"speed-up serial / parallel: {serial_time / parallel_time:.2f}x  (aim >= 1.7x on 2 cores)")
    unchanged = sum(o.status == "unchanged" for o in rerun)
    print(f"rerun with nothing changed: {rerun_time:.2f} s for {count} reports, {unchanged} skipped "
          f"({rerun_time / count * 1000:.0f} ms per report; aim well under 1 s)")


if __name__ == "__main__":
    main()
