"""Benchmark: the register's indicators from a SYNTHETIC 1,000,000-row register, ours vs DuckDB.

One run each on the same CSV (file reading included): dxanalysis.check.register
(Arrow CSV reader + NumPy) and a DuckDB SQL query computing the same counts.
Prints both times, the ratio ours/DuckDB, whether the numbers are equal, and
the peak memory of ours measured in a fresh process.

    python benchmarks/bench_register.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: the generator sits beside it

from synthetic_register import make_procedures, write_register  # noqa: E402

CHANNELS_SQL = {  # the spellings the generator writes, as DuckDB sees them after lower(trim())
    0: ("trực tuyến", "online", "tt"),
    1: ("trực tiếp",),
    2: ("bưu chính công ích", "bưu chính", "bcci"),
}
DATE_SQL = ("COALESCE(try_strptime(trim({c}), '%d/%m/%Y'), try_strptime(trim({c}), '%Y-%m-%d'), "
            "try_strptime(trim({c}), '%d-%m-%Y'))::DATE")

# Linux keeps ru_maxrss across fork+exec (a child would inherit this script's peak), so the
# child reads its own high-water mark, VmHWM, and falls back to ru_maxrss elsewhere.
MEASURE_MEMORY = """
import json, resource, sys, time
def peak_kb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import pandas as pd, pyarrow.csv, pyarrow.compute
from dxanalysis.check.register import register_observations
baseline = peak_kb()
start = time.perf_counter()
result = register_observations(sys.argv[1], "dong-thap", "2022-H2", procedures=sys.argv[2])
elapsed = time.perf_counter() - start
print(json.dumps({"baseline_kb": baseline, "peak_kb": peak_kb(), "seconds": elapsed}))
"""


def ours(register: Path, procedures: Path) -> tuple[float, dict[str, float]]:
    from dxanalysis.check.register import register_observations

    start = time.perf_counter()
    result = register_observations(register, "dong-thap", "2022-H2", procedures=procedures)
    elapsed = time.perf_counter() - start
    obs = result.observations.set_index("indicator")
    figures = {
        "online": obs.loc["gov.dossiers_online", "value"], "in_person": obs.loc["gov.dossiers_in_person", "value"],
        "postal": obs.loc["gov.dossiers_postal", "value"], "received": obs.loc["gov.dossiers_received", "value"],
        "completed": obs.loc["gov.ontime_dossier_rate", "denominator"],
        "ontime": obs.loc["gov.ontime_dossier_rate", "numerator"],
        "services_used": obs.loc["gov.online_services_with_dossiers_rate", "numerator"],
        "services_offered": obs.loc["gov.online_services_with_dossiers_rate", "denominator"],
    }
    return elapsed, {k: float(v) for k, v in figures.items()}


def duckdb_figures(register: Path, procedures: Path) -> tuple[float, dict[str, float]]:
    import duckdb

    channel = "CASE " + " ".join(
        f"WHEN lower(trim(\"Hình thức tiếp nhận\")) IN ({', '.join(repr(w) for w in words)}) THEN {i}"
        for i, words in CHANNELS_SQL.items()) + " END"
    sql = f"""
    WITH raw AS (
        SELECT row_number() OVER () AS rn, trim("Mã hồ sơ") AS code, trim("Mã TTHC") AS proc,
               {DATE_SQL.format(c='"Ngày tiếp nhận"')} AS received, {DATE_SQL.format(c='"Hạn xử lý"')} AS due,
               {DATE_SQL.format(c='"Ngày hoàn thành"')} AS done, {channel} AS channel
        FROM read_csv('{register}', all_varchar = true, header = true)
    ), firsts AS (
        SELECT *, CASE WHEN code = '' THEN 1 ELSE row_number() OVER (PARTITION BY code ORDER BY rn) END AS nth FROM raw
    ), counted AS (
        SELECT * FROM firsts
        WHERE received BETWEEN DATE '2022-07-01' AND DATE '2022-12-31' AND nth = 1
    ), offered AS (
        SELECT DISTINCT trim("Mã TTHC") AS proc FROM read_csv('{procedures}', all_varchar = true, header = true)
        WHERE "Dịch vụ công trực tuyến" = 'Có'
    )
    SELECT
        count(*) FILTER (channel = 0), count(*) FILTER (channel = 1), count(*) FILTER (channel = 2),
        count(*) FILTER (channel IS NOT NULL),
        count(*) FILTER (done IS NOT NULL AND due IS NOT NULL AND done >= received),
        count(*) FILTER (done IS NOT NULL AND due IS NOT NULL AND done >= received AND done <= due),
        (SELECT count(*) FROM offered WHERE proc IN (SELECT proc FROM counted WHERE channel = 0)),
        (SELECT count(*) FROM offered)
    FROM counted
    """
    start = time.perf_counter()
    row = duckdb.connect().sql(sql).fetchall()[0]
    elapsed = time.perf_counter() - start
    keys = ["online", "in_person", "postal", "received", "completed", "ontime", "services_used", "services_offered"]
    return elapsed, {k: float(v) for k, v in zip(keys, row)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        procedures_frame = make_procedures(seed=0)
        register = write_register(folder / "register.csv", args.rows, seed=0, procedures=procedures_frame)
        procedures = folder / "procedures.csv"
        procedures_frame.to_csv(procedures, index=False)
        size = register.stat().st_size
        print(f"synthetic register: {args.rows:,} rows, {size / 1e6:.0f} MB, written in {time.perf_counter() - start:.1f} s")

        ours_time, ours_numbers = ours(register, procedures)
        duck_time, duck_numbers = duckdb_figures(register, procedures)
        equal = ours_numbers == duck_numbers
        print(f"ours (Arrow CSV + NumPy): {ours_time:.2f} s   DuckDB: {duck_time:.2f} s   "
              f"ratio ours/DuckDB: {ours_time / duck_time:.2f}")
        print(f"rows per second, ours: {args.rows / ours_time:,.0f}")
        print(f"numbers equal: {equal}")
        if not equal:
            for key in ours_numbers:
                print(f"  {key}: ours {ours_numbers[key]:,.0f}  duckdb {duck_numbers[key]:,.0f}")

        # Peak memory in a fresh process, so this script's own data does not count.
        out = subprocess.run([sys.executable, "-c", MEASURE_MEMORY, str(register), str(procedures)],
                             check=True, capture_output=True, text=True)
        memory = json.loads(out.stdout.strip().splitlines()[-1])
        peak, base = memory["peak_kb"] / 1024, memory["baseline_kb"] / 1024
        print(f"fresh process: {memory['seconds']:.2f} s, peak RSS {peak:.0f} MB "
              f"(after imports {base:.0f} MB; {(peak - base) / (args.rows / 1e6):.0f} MB per million rows)")
        if not equal:
            sys.exit(1)


if __name__ == "__main__":
    main()
