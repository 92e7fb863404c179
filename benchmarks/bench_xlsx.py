"""Benchmark: reading a large SYNTHETIC register workbook, python-calamine vs openpyxl.

One workbook of ``--rows`` dossiers (8 columns, dates as Excel date cells) is
written with openpyxl's write-only mode, then read to cell text three ways:

* ``calamine``: :func:`dxanalysis.read.table.read_workbook` with ``fast=True``
  (what the register and the procedure list use);
* ``openpyxl read-only``: values streamed by openpyxl, what the register used
  before the reading layer;
* ``openpyxl full``: :func:`read_workbook` without ``fast`` (number formats,
  merged ranges and uncomputed formulas, what reporting forms need).

Prints the seconds of each and the ratios openpyxl / calamine. Never asserted
in tests.

    python benchmarks/bench_xlsx.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

import openpyxl

from dxanalysis.read.table import cell_text, read_workbook

HEADER = ["Mã hồ sơ", "Mã TTHC", "Lĩnh vực", "Đơn vị tiếp nhận", "Ngày tiếp nhận", "Hình thức tiếp nhận",
          "Hạn xử lý", "Ngày hoàn thành"]
FIELDS = ["Hộ tịch", "Đất đai", "Xây dựng", "Chứng thực", "Tư pháp"]
CHANNELS = ["Trực tuyến", "trực tiếp", "Bưu chính công ích"]


def write_workbook(path: Path, rows: int) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Sổ theo dõi")
    sheet.append(["UBND TỈNH ĐỒNG THÁP — SỔ THEO DÕI HỒ SƠ (dữ liệu tổng hợp, không phải thật)"])
    sheet.append(HEADER)
    start = dt.datetime(2022, 7, 1, 8, 0)
    for i in range(rows):
        received = start + dt.timedelta(minutes=37 * i % (180 * 24 * 60))
        sheet.append([f"H{i:08d}", f"P{i % 400:04d}", FIELDS[i % 5], f"Xã {i % 30}", received,
                      CHANNELS[i % 3], received + dt.timedelta(days=5),
                      received + dt.timedelta(days=i % 7) if i % 4 else None])
    book.save(path)


def openpyxl_read_only(path: Path) -> list[list[str]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [[cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def timed(label: str, read) -> tuple[float, int]:
    begin = time.perf_counter()
    rows = read()
    seconds = time.perf_counter() - begin
    print(f"{label:<20} {seconds:8.2f} s  ({len(rows)} rows)")
    return seconds, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--skip-full", action="store_true", help="skip openpyxl's full (slowest) mode")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.xlsx"
        write_workbook(path, args.rows)
        print(f"synthetic workbook: {args.rows} rows, {path.stat().st_size / 1e6:.1f} MB")
        fast, _ = timed("calamine", lambda: read_workbook(path, fast=True)[0].rows)
        streamed, _ = timed("openpyxl read-only", lambda: openpyxl_read_only(path))
        print(f"ratio openpyxl read-only / calamine: {streamed / fast:.1f}")
        if not args.skip_full:
            full, _ = timed("openpyxl full", lambda: read_workbook(path)[0].rows)
            print(f"ratio openpyxl full / calamine: {full / fast:.1f}")


if __name__ == "__main__":
    main()
