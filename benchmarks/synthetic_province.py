"""A SYNTHETIC province for benchmarks and tests: 1 province, its districts, their communes, several periods.

Nothing here is real data: every unit name and figure is drawn from a seeded
random generator (the same arguments always give the same bytes), and every
row's ``Nguồn`` says it is illustrative, so each page built from it says so
too. The figures are plausible: counts and their rates agree, rates rise a
little from one period to the next, and targets are those a plan would set.

The default is issue 13's province: 12 districts and 140 communes, four half
years. Each commune reports 6 indicators, each district 11, the province 13
(the catalog's own names, as a department's table writes them).

Run ``python benchmarks/synthetic_province.py --out /tmp/province`` to look at one.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

SYNTHETIC_SOURCE = "dữ liệu minh họa (tổng hợp ngẫu nhiên, không phải số liệu thật)"
PERIODS = ("2023-H1", "2023-H2", "2024-H1", "2024-H2")
HEADER = ["STT", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Đơn vị tính", "Chỉ tiêu giao", "Nguồn"]

# (name as typed, counted in, target, typical starting rate, typical denominator); every name is the catalog's.
COMMUNE_ROWS = [
    ("Tỷ lệ hồ sơ TTHC xử lý trực tuyến", "hồ sơ", "50%", 45, 1500),
    ("Tỷ lệ hồ sơ TTHC có thanh toán trực tuyến", "hồ sơ", "30%", 25, 900),
    ("Tỷ lệ thực hiện ký số văn bản trao đổi qua môi trường mạng dưới dạng điện tử", "văn bản", "100%", 85, 600),
    ("Tỷ lệ hộ gia đình có kết nối Internet cáp quang băng rộng", "hộ", "≥70%", 62, 3000),
    ("Tỷ lệ người trưởng thành có tài khoản định danh điện tử", "người", "≥80%", 70, 9000),
    ("Tỷ lệ ấp, khóm, tổ dân phố có Tổ công nghệ số cộng đồng", "ấp", "100%", 80, 80),
]
DISTRICT_ROWS = COMMUNE_ROWS + [
    ("Tỷ lệ dịch vụ công trực tuyến toàn trình", "TTHC", "≥40%", 35, 400),
    ("Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", "hồ sơ", "≥95%", 93, 20000),
    ("Tỷ lệ trường áp dụng mô hình giáo dục STEM", "trường", "15%", 12, 40),
    ("Tỷ lệ sản phẩm OCOP được đưa lên sàn thương mại điện tử", "sản phẩm", "100%", 70, 30),
    ("Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử", "doanh nghiệp", "100%", 90, 500),
]
PROVINCE_ROWS = DISTRICT_ROWS + [
    ("Tỷ lệ hồ sơ, kết quả giải quyết TTHC được số hóa", "hồ sơ", "≥80%", 60, 200000),
    ("Tỷ lệ cán bộ được bồi dưỡng kỹ năng số", "người", "≥70%", 55, 8000),
]
DISTRICT_NAMES = ["Cao Lãnh", "Châu Thành", "Hồng Ngự", "Lai Vung", "Lấp Vò", "Tam Nông", "Tân Hồng", "Thanh Bình",
                  "Tháp Mười", "Sa Đéc", "Long Xuyên", "Mỹ An"]
COMMUNE_WORDS = ["An", "Bình", "Long", "Mỹ", "Phú", "Tân", "Thạnh", "Thường", "Hòa", "Hưng", "Phước", "Thuận",
                 "Đông", "Tây", "Nam", "Bắc", "Lợi", "Khánh"]


def vietnamese_number(value: float, decimals: int = 0) -> str:
    """A number as a Vietnamese table types it: ``9.475``, ``60,41``.

    >>> vietnamese_number(15684), vietnamese_number(60.414, 2)
    ('15.684', '60,41')
    """
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def indicator_rows(rows: list[tuple], rng: random.Random, step: int, scale: float) -> list[list[str]]:
    """One period's table for one unit: each rate from its counts, a little higher each period."""
    table = []
    for number, (name, counted, target, start, size) in enumerate(rows, 1):
        denominator = max(1, round(size * scale * rng.uniform(0.6, 1.4)))
        rate = min(100.0, max(0.0, start + 4 * step + rng.gauss(0, 9)))
        numerator = min(denominator, round(denominator * rate / 100))
        table.append([str(number), name, vietnamese_number(numerator), vietnamese_number(denominator),
                      vietnamese_number(100 * numerator / denominator, 2) + "%", counted, target, SYNTHETIC_SOURCE])
    return table


def make_province(folder: str | Path, districts: int = 12, communes: int = 140,
                  periods: tuple[str, ...] = PERIODS, seed: int = 13) -> Path:
    """Write a synthetic ``data/raw`` under ``folder``; return it.

    Communes are shared out among the districts as evenly as they go.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as temp:
    ...     raw = make_province(temp, districts=2, communes=3, periods=("2023-H1",))
    ...     units = (raw / "units.csv").read_text(encoding="utf-8").splitlines()
    ...     tables = sorted(p.parent.parent.name for p in raw.glob("*/*/indicators.csv"))
    >>> len(units), tables
    (7, ['bench-h01', 'bench-h01-x001', 'bench-h01-x003', 'bench-h02', 'bench-h02-x002', 'bench-tinh'])
    """
    rng = random.Random(seed)
    raw = Path(folder) / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    units = [("bench-tinh", "tỉnh Minh Họa", "Minh Hoa province (synthetic)", "tỉnh", "", PROVINCE_ROWS, 8.0)]
    for d in range(districts):
        name = DISTRICT_NAMES[d % len(DISTRICT_NAMES)] + ("" if d < len(DISTRICT_NAMES) else f" {d + 1}")
        units.append((f"bench-h{d + 1:02d}", f"huyện {name} (minh họa)", f"{name} district (synthetic)", "huyện",
                      "bench-tinh", DISTRICT_ROWS, 1.0))
    for c in range(communes):
        district = c % max(districts, 1) + 1
        name = f"{rng.choice(COMMUNE_WORDS)} {rng.choice(COMMUNE_WORDS)} {c + 1}"
        units.append((f"bench-h{district:02d}-x{c + 1:03d}", f"xã {name} (minh họa)", f"{name} commune (synthetic)",
                      "xã", f"bench-h{district:02d}", COMMUNE_ROWS, 0.12))
    with open(raw / "units.csv", "w", encoding="utf-8", newline="") as registry:
        writer = csv.writer(registry)
        writer.writerow(["slug", "name_vi", "name_en", "level", "parent"])
        writer.writerows(unit[:5] for unit in units)
    for slug, *_, rows, scale in units:
        for step, period in enumerate(periods):
            folder_path = raw / slug / period
            folder_path.mkdir(parents=True, exist_ok=True)
            with open(folder_path / "indicators.csv", "w", encoding="utf-8", newline="") as table:
                writer = csv.writer(table)
                writer.writerow(HEADER)
                writer.writerows(indicator_rows(rows, rng, step, scale))
    return raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder to write raw/ into")
    parser.add_argument("--districts", type=int, default=12)
    parser.add_argument("--communes", type=int, default=140)
    args = parser.parse_args()
    print(make_province(args.out, args.districts, args.communes))


if __name__ == "__main__":
    main()
