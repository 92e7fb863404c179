"""Regenerate the shipped example's illustrative returned forms: huyện Hồng Ngự, first half of 2023.

The period is made the way an office makes one (see the README, "A period from the forms, step by
step"): ``new-period`` starts ``indicators.csv`` and ``review.yml``, ``forms`` writes one workbook
per reporting body, and the bodies fill them in. Here the bodies' answers are the figures below:
**illustrative, not real figures**, and every filled row's note says so, which marks the page as
illustrative. Two bodies have not answered (Phòng Giáo dục và Đào tạo and xã Phú Thuận A), so the
review shows what "chưa báo cáo" looks like; one form comes back renamed by its sender.

    python tools/make_example_forms.py          # refuses to overwrite the shipped period
    python tools/make_example_forms.py --force  # replaces it
    python tools/make_example_forms.py --data-dir DIR  # into another copy of data/raw
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from dxanalysis.publish.forms import write_forms
from dxanalysis.read.forms import read_form_metadata
from dxanalysis.scaffold import new_period

DATA = Path(__file__).resolve().parents[1] / "data" / "raw"
UNIT, PERIOD = "hong-ngu", "2023-H1"
NOTE = "Số liệu minh họa (không phải số liệu thật)"
FIRST_ROW = 7  # the form's first indicator row (see dxanalysis.publish.forms)
COLUMNS = {"numerator": "G", "denominator": "H", "value": "I", "note": "J"}

# body (as reporting.csv names it, or the commune's slug) -> {indicator: {column: answer}}; answers are
# typed as a department types them: numbers, or text with a Vietnamese decimal comma
ANSWERS: dict[str, dict[str, dict[str, object]]] = {
    "Phòng Văn hóa và Thông tin": {
        "econ.ecommerce_outreach_households": {"value": 34},
        "gov.agencies_on_data_network_rate": {"numerator": 27, "denominator": 27},
    },
    "Văn phòng HĐND và UBND": {
        "gov.online_dossier_rate": {"numerator": 1124, "denominator": 1906},
        "gov.digital_signature_rate": {"value": "97,6%"},
        "gov.online_services_with_dossiers_rate": {"numerator": 61, "denominator": 74},
    },
    "Phòng Nông nghiệp và Phát triển nông thôn": {
        "econ.ocop_products_on_ecommerce_rate": {"numerator": 21, "denominator": 21},
        "econ.ocop_households_on_ecommerce": {"value": 11},
    },
    "thuong-phuoc-1": {
        "gov.online_dossier_rate": {"numerator": 902, "denominator": 1311},
        "gov.digital_signature_rate": {"value": "96,2%"},
        "soc.fibre_household_rate": {"numerator": 1560, "denominator": 2351},
    },
    "thuong-phuoc-2": {
        "gov.online_dossier_rate": {"numerator": 701, "denominator": 1187},
        "gov.digital_signature_rate": {"value": "90,1%"},
        "soc.fibre_household_rate": {"numerator": 2075, "denominator": 2910},
    },
    "long-khanh-a": {
        "gov.online_dossier_rate": {"numerator": 547, "denominator": 822},
        "gov.digital_signature_rate": {"value": "96,4%"},
        "soc.fibre_household_rate": {"numerator": 1968, "denominator": 2722},
    },
}
# the file name a sender gave its answer (the form still says whose it is)
RENAMED = {"Văn phòng HĐND và UBND": "BC so lieu CDS 6 thang 2023 - VP HDND-UBND (da dien).xlsx"}


def fill(form: Path, answers: dict[str, dict[str, object]], out: Path) -> None:
    """Type ``answers`` into ``form`` by indicator code (column A), with the illustrative note, and save as ``out``."""
    book = load_workbook(form)
    sheet = book.worksheets[1]
    rows = {sheet.cell(r, 1).value: r for r in range(FIRST_ROW, sheet.max_row + 1) if sheet.cell(r, 1).value}
    for code, cells in answers.items():
        for column, value in {**cells, "note": NOTE}.items():
            sheet[f"{COLUMNS[column]}{rows[code]}"] = value
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="replace the shipped period")
    parser.add_argument("--data-dir", type=Path, default=DATA, help="the data/raw to write into (default: the shipped one)")
    args = parser.parse_args(argv)
    data_dir = args.data_dir
    folders = [data_dir / UNIT / PERIOD] + [data_dir / key / PERIOD for key in ANSWERS if (data_dir / key).is_dir()]
    if any(f.exists() for f in folders) and not args.force:
        print(f"{data_dir / UNIT / PERIOD} exists; --force replaces it", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "raw"
        shutil.copytree(data_dir, data)
        for folder in folders:
            shutil.rmtree(data / folder.relative_to(data_dir), ignore_errors=True)
        new_period(data, UNIT, PERIOD)
        written = write_forms(UNIT, PERIOD, data, out=Path(scratch) / "forms")
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(data / UNIT / PERIOD, data_dir / UNIT / PERIOD)
        for form in written:
            meta = read_form_metadata(form)
            key = meta.body if meta.unit == UNIT else meta.unit  # a commune answers its own form
            if key not in ANSWERS:
                continue  # not answered yet
            folder = data_dir / meta.unit / PERIOD / "forms"
            fill(form, ANSWERS[key], folder / RENAMED.get(key, form.name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
