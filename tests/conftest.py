"""Shared fixtures: a private copy of the shipped example, and a builder of small data folders."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from dxanalysis.config import EXAMPLE_DATA_DIR

# No time limit per example: on a loaded 2-core machine a slow example is not a failure, and a
# deadline made the property tests fail at random. HYPOTHESIS_PROFILE=thorough explores more.
settings.register_profile("steady", deadline=None)
settings.register_profile("thorough", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "steady"))

UNITS_CSV = "slug,name_vi,name_en,level,parent\nhong-ngu,huyện Hồng Ngự,Hong Ngu district,huyện,dong-thap\n"
HEADER = "STT,Chỉ tiêu,Tử số,Mẫu số,Giá trị,Chỉ tiêu giao\n"


@pytest.fixture(autouse=True)
def english_messages():
    """Messages read without a language (errors' text) are English in these tests, whose assertions quote
    English wording; the package's own default, Vietnamese, is what test_i18n.py checks."""
    from dxanalysis.i18n import using_lang

    with using_lang("en"):
        yield


@pytest.fixture
def example_data(tmp_path: Path) -> Path:
    """A copy of the shipped data/raw that a test may edit."""
    target = tmp_path / "raw"
    shutil.copytree(EXAMPLE_DATA_DIR, target)
    return target


# the shipped period made from returned forms (tools/make_example_forms.py)
FORMS_EXAMPLE_PERIOD = "2023-H1"


@pytest.fixture
def example_before_forms(example_data: Path) -> Path:
    """The shipped data as it was before its forms period was started: the tests start it afresh."""
    for folder in example_data.glob(f"*/{FORMS_EXAMPLE_PERIOD}"):
        shutil.rmtree(folder)
    return example_data


@pytest.fixture
def seed_data(tmp_path: Path) -> Path:
    """Only the real seed: huyện Hồng Ngự, 2022-H1 (no illustrative periods, communes or plan)."""
    target = tmp_path / "seed-raw"
    (target / "hong-ngu").mkdir(parents=True)
    shutil.copy(EXAMPLE_DATA_DIR / "units.csv", target / "units.csv")
    shutil.copytree(EXAMPLE_DATA_DIR / "hong-ngu" / "2022-H1", target / "hong-ngu" / "2022-H1")
    return target


@pytest.fixture
def make_data(tmp_path: Path):
    """Build ``raw/units.csv`` and ``raw/hong-ngu/<period>/indicators.csv`` from text."""

    def build(indicators: str, period: str = "2022-H1", review_yml: str | None = None,
              name: str = "indicators.csv") -> Path:
        raw = tmp_path / "raw"
        folder = raw / "hong-ngu" / period
        folder.mkdir(parents=True, exist_ok=True)
        (raw / "units.csv").write_text(UNITS_CSV, encoding="utf-8")
        (folder / name).write_text(indicators, encoding="utf-8")
        if review_yml is not None:
            (folder / "review.yml").write_text(review_yml, encoding="utf-8")
        return raw

    return build


def tree_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (to prove raw data is never written)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def forms_period(example_before_forms, tmp_path):
    """hong-ngu 2023-H1 started by new-period (targets, blank figures), its forms written aside."""
    from dxanalysis.publish.forms import write_forms
    from dxanalysis.read.forms import read_form_metadata
    from dxanalysis.scaffold import new_period

    example_data = example_before_forms
    new_period(example_data, "hong-ngu", "2023-H1")
    out = tmp_path / "written"
    forms = {read_form_metadata(p).body: p for p in write_forms("hong-ngu", "2023-H1", example_data, out=out)}
    folder = example_data / "hong-ngu" / "2023-H1"
    (folder / "forms").mkdir()
    return example_data, folder, forms
