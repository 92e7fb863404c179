"""SYNTHETIC dossier registers (sổ theo dõi hồ sơ TTHC) for benchmarks and tests.

Nothing here is real data: every dossier, procedure, office and date is drawn
from a seeded random generator, so the same arguments always give the same
bytes. Use it to benchmark ``dxanalysis.check.register`` and to build illustrative
inputs; never present its output as a unit's figures.

The register looks like a one-stop-shop export: Vietnamese headers, dates
mostly ``dd/mm/yyyy`` with some ``d/m/yyyy``, ``yyyy-mm-dd`` and
``dd-mm-yyyy``, channels typed several ways (``Trực tuyến``, ``online``,
``TT``, ``trực tiếp``, ``Bưu chính``, ``BCCI`` …). A small share of rows
carries each kind of bad input the module must report: unreadable dates,
completion before receipt, duplicate dossier codes, unknown channels and
dates outside the period.

Run ``python benchmarks/synthetic_register.py --rows 1000000 --out /tmp/register.csv``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

SYNTHETIC_NOTE = "dữ liệu minh họa (tổng hợp ngẫu nhiên, không phải số liệu thật)"

REGISTER_HEADER = {
    "code": "Mã hồ sơ", "procedure_code": "Mã TTHC", "procedure_name": "Tên TTHC", "field": "Lĩnh vực",
    "office": "Đơn vị tiếp nhận", "received": "Ngày tiếp nhận", "channel": "Hình thức tiếp nhận",
    "due": "Hạn xử lý", "completed": "Ngày hoàn thành", "status": "Trạng thái",
}
FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Kinh doanh", "Lao động - Thương binh và Xã hội",
          "Giáo dục và Đào tạo", "Y tế", "Văn hóa", "Nông nghiệp", "Tài nguyên và Môi trường", "Giao thông vận tải"]
# Channel spellings as offices type them, with their weights (online, in person, postal).
CHANNELS = [("Trực tuyến", "online", 0.42), ("trực tuyến", "online", 0.08), ("online", "online", 0.04),
            ("TT", "online", 0.02), ("Trực tiếp", "in_person", 0.36), ("trực tiếp", "in_person", 0.04),
            ("Bưu chính công ích", "postal", 0.02), ("Bưu chính", "postal", 0.01), ("BCCI", "postal", 0.01)]
UNKNOWN_CHANNELS = ["Fax", "", "Khác"]
BAD_DATES = ["32/13/2022", "31/02/2022", "abc", "15/7", "2022-13-01"]
# (how a date is written, share of cells); d/m/yyyy is spelt out because "%-d" is not portable.
DATE_FORMATS = [(lambda d: d.strftime("%d/%m/%Y"), 0.90), (lambda d: f"{d.day}/{d.month}/{d.year}", 0.04),
                (lambda d: d.isoformat(), 0.03), (lambda d: d.strftime("%d-%m-%Y"), 0.03)]


def _date_table(first: dt.date, days: int) -> np.ndarray:
    """Every day from ``first`` written in every format: shape (formats, days)."""
    dates = [first + dt.timedelta(d) for d in range(days)]
    return np.array([[write(d) for d in dates] for write, _ in DATE_FORMATS], dtype=object)


def make_procedures(n_procedures: int = 300, *, seed: int = 0, province: str = "H18",
                    online_share: float = 0.7) -> pd.DataFrame:
    """A synthetic procedure list (danh mục TTHC): code, name, field, online flag and level.

    >>> make_procedures(3, seed=1).columns.tolist()
    ['Mã TTHC', 'Tên TTHC', 'Lĩnh vực', 'Dịch vụ công trực tuyến', 'Mức độ']
    """
    rng = np.random.default_rng(seed)
    numbers = rng.choice(np.arange(1000, 12000), size=n_procedures, replace=False)
    fields = rng.integers(0, len(FIELDS), n_procedures)
    online = rng.random(n_procedures) < online_share
    level = np.where(online, rng.choice(["Toàn trình", "Một phần", "Mức độ 3", "Mức độ 4"], n_procedures), "Mức độ 2")
    return pd.DataFrame({
        "Mã TTHC": [f"1.{n:06d}.000.00.00.{province}" for n in numbers],
        "Tên TTHC": [f"Thủ tục {FIELDS[f].lower()} số {i + 1}" for i, f in enumerate(fields)],
        "Lĩnh vực": [FIELDS[f] for f in fields],
        "Dịch vụ công trực tuyến": np.where(online, "Có", "Không"),
        "Mức độ": level,
    })


def make_register(n_rows: int, *, first_day: dt.date = dt.date(2022, 7, 1), days: int = 184,
                  seed: int = 0, procedures: pd.DataFrame | None = None, offices: int = 12,
                  bad_share: float = 0.0005, note: bool = False) -> pd.DataFrame:
    """A synthetic register of ``n_rows`` dossiers received over ``days`` days from ``first_day``.

    Each bad-input kind hits about ``bad_share`` of the rows. Every cell is text.
    ``note=True`` adds a ``Ghi chú`` column saying the data is illustrative.

    >>> frame = make_register(5, seed=1)
    >>> len(frame), frame.columns[0], frame["Mã hồ sơ"].is_unique
    (5, 'Mã hồ sơ', True)
    """
    rng = np.random.default_rng(seed)
    if procedures is None:
        procedures = make_procedures(seed=seed)
    n_proc = len(procedures)
    # A few procedures carry most dossiers (hộ tịch, chứng thực), as in real registers.
    weights = rng.zipf(1.6, n_proc).astype(float)
    proc = rng.choice(n_proc, size=n_rows, p=weights / weights.sum())
    offline_only = (procedures["Dịch vụ công trực tuyến"].to_numpy() == "Không")[proc]
    margin = 400  # days before/after the period that due and completion dates may reach
    table = _date_table(first_day - dt.timedelta(margin), days + 2 * margin)
    received = rng.integers(0, days, n_rows) + margin
    processing = rng.integers(1, 16, n_proc)[proc]
    due = received + processing
    delay = np.rint(rng.gamma(2.0, processing / 2.6)).astype(int)
    done = rng.random(n_rows) < 0.88
    completed = received + delay
    fmt_p = np.array([p for _, p in DATE_FORMATS])
    fmts = [rng.choice(len(DATE_FORMATS), n_rows, p=fmt_p / fmt_p.sum()) for _ in range(3)]

    labels = np.array([c for c, _, _ in CHANNELS], dtype=object)
    kinds = np.array([k for _, k, _ in CHANNELS])
    chan_p = np.array([p for _, _, p in CHANNELS])
    channel = rng.choice(len(CHANNELS), n_rows, p=chan_p / chan_p.sum())
    # Procedures not offered online receive no online dossiers.
    channel = np.where(offline_only & (kinds[channel] == "online"), 4, channel)
    channel_text = labels[channel]

    received_text = table[fmts[0], received]
    due_text = table[fmts[1], due]
    completed_text = np.where(done, table[fmts[2], completed], "")
    codes = ("H18." + pd.Series(np.arange(1, n_rows + 1)).astype(str).str.zfill(9)).to_numpy(dtype=object)

    n_bad = max(int(round(n_rows * bad_share)), 0) if n_rows >= 200 else 0
    if n_bad:
        # One disjoint block of rows per bad kind, so the right counts are known.
        rows = rng.permutation(n_rows)[: 5 * n_bad].reshape(5, n_bad)
        received_text[rows[0]] = rng.choice(BAD_DATES, n_bad)
        completed_text[rows[1]] = table[0, received[rows[1]] - rng.integers(1, 9, n_bad)]
        source = rng.integers(0, n_rows, n_bad)
        codes[rows[2]] = codes[source]
        channel_text[rows[3]] = rng.choice(UNKNOWN_CHANNELS, n_bad)
        received_text[rows[4]] = table[0, margin - rng.integers(1, 60, n_bad)]

    office_names = [f"UBND xã {i + 1:02d}" for i in range(offices - 1)] + ["Bộ phận Một cửa huyện"]
    frame = pd.DataFrame({
        REGISTER_HEADER["code"]: codes,
        REGISTER_HEADER["procedure_code"]: procedures["Mã TTHC"].to_numpy()[proc],
        REGISTER_HEADER["procedure_name"]: procedures["Tên TTHC"].to_numpy()[proc],
        REGISTER_HEADER["field"]: procedures["Lĩnh vực"].to_numpy()[proc],
        REGISTER_HEADER["office"]: np.array(office_names, dtype=object)[rng.integers(0, offices, n_rows)],
        REGISTER_HEADER["received"]: received_text,
        REGISTER_HEADER["channel"]: channel_text,
        REGISTER_HEADER["due"]: due_text,
        REGISTER_HEADER["completed"]: completed_text,
        REGISTER_HEADER["status"]: np.where(done, "Đã giải quyết", "Đang giải quyết"),
    })
    if note:
        frame["Ghi chú"] = SYNTHETIC_NOTE
    return frame


def write_register(path: str | Path, n_rows: int, *, seed: int = 0, **options: object) -> Path:
    """Write a synthetic register to ``path`` (``.csv`` UTF-8 or ``.parquet``)."""
    path = Path(path)
    frame = make_register(n_rows, seed=seed, **options)  # type: ignore[arg-type]
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        import pyarrow as pa
        import pyarrow.csv as pacsv

        # pyarrow writes 1M rows in well under a second; pandas' to_csv takes several.
        pacsv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), path,
                        pacsv.WriteOptions(quoting_style="needed"))
    return path


HONG_NGU_OFFICES = ["Bộ phận Một cửa huyện", "UBND thị trấn Thường Thới Tiền", "UBND xã Thường Phước 1",
                    "UBND xã Thường Phước 2", "UBND xã Thường Thới Hậu A", "UBND xã Thường Lạc",
                    "UBND xã Long Khánh A", "UBND xã Long Khánh B", "UBND xã Long Thuận", "UBND xã Phú Thuận A",
                    "UBND xã Phú Thuận B"]
EXAMPLE_README = """# Dữ liệu minh họa — illustrative data

`register.csv` (sổ theo dõi hồ sơ TTHC) and `procedures.csv` (danh mục TTHC) in this
folder are ILLUSTRATIVE: generated by `benchmarks/synthetic_register.py --example`
(seeded, deterministic), not exported from Hồng Ngự's one-stop-shop system.
Every row says so in its `Ghi chú` column ("dữ liệu minh họa"). They show how
dxanalysis computes the digital-government indicators from the records; the
figures are not the district's.

`register.csv` và `procedures.csv` là dữ liệu minh họa do chương trình tạo ra,
không phải số liệu thật của huyện Hồng Ngự.
"""


def make_example(n_rows: int = 1700, *, seed: int = 2022, offered: int = 74, used: int = 58,
                 not_offered: int = 26) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The illustrative register and procedure list of hong-ngu 2022-H2 (``used`` of ``offered`` online
    procedures receive online dossiers; a few rows of each bad kind).

    >>> register, procedures = make_example(300)
    >>> len(register), int((procedures["Dịch vụ công trực tuyến"] == "Có").sum())
    (300, 74)
    """
    procedures = make_procedures(offered + not_offered, seed=seed, online_share=0.0)
    procedures["Dịch vụ công trực tuyến"] = ["Có"] * offered + ["Không"] * not_offered
    procedures["Mức độ"] = (["Toàn trình", "Một phần"] * offered)[:offered] + ["Mức độ 2"] * not_offered
    # Generate with the unused online procedures marked offline, so they get no online dossiers.
    generating = procedures.copy()
    generating.loc[used:offered - 1, "Dịch vụ công trực tuyến"] = "Không"
    register = make_register(n_rows, seed=seed, procedures=generating, offices=len(HONG_NGU_OFFICES),
                             bad_share=0.001)
    register[REGISTER_HEADER["office"]] = register[REGISTER_HEADER["office"]].map(
        dict(zip([f"UBND xã {i + 1:02d}" for i in range(len(HONG_NGU_OFFICES) - 1)] + ["Bộ phận Một cửa huyện"],
                 HONG_NGU_OFFICES[1:] + HONG_NGU_OFFICES[:1])))
    # Make sure each of the `used` procedures has an online dossier (rare ones may have drawn none).
    codes = register[REGISTER_HEADER["procedure_code"]]
    online = register[REGISTER_HEADER["channel"]].isin(["Trực tuyến", "trực tuyến", "online", "TT"])
    clean_rows = [i for i in range(n_rows - 1, -1, -1) if register.iloc[i][REGISTER_HEADER["received"]].count("/") == 2]
    for i, code in enumerate(procedures["Mã TTHC"].iloc[:used]):
        if not (online & (codes == code)).any():
            row = clean_rows[i]
            for column in ("procedure_code", "procedure_name", "field"):
                source = {"procedure_code": "Mã TTHC", "procedure_name": "Tên TTHC", "field": "Lĩnh vực"}[column]
                register.iloc[row, register.columns.get_loc(REGISTER_HEADER[column])] = procedures[source].iloc[i]
            register.iloc[row, register.columns.get_loc(REGISTER_HEADER["channel"])] = "Trực tuyến"
    register["Ghi chú"] = "dữ liệu minh họa"
    procedures["Ghi chú"] = "dữ liệu minh họa"
    return register, procedures


def write_example(folder: str | Path) -> list[Path]:
    """Write the illustrative ``register.csv``, ``procedures.csv`` and ``README.md`` into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    register, procedures = make_example()
    paths = [folder / "register.csv", folder / "procedures.csv", folder / "README.md"]
    register.to_csv(paths[0], index=False, lineterminator="\n")
    procedures.to_csv(paths[1], index=False, lineterminator="\n")
    paths[2].write_text(EXAMPLE_README, encoding="utf-8")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="register.csv")
    parser.add_argument("--example", metavar="FOLDER",
                        help="write the illustrative hong-ngu 2022-H2 register, procedure list and README there")
    args = parser.parse_args()
    if args.example:
        for path in write_example(args.example):
            print(path)
        return
    print(write_register(args.out, args.rows, seed=args.seed))


if __name__ == "__main__":
    main()
