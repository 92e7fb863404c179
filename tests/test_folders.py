"""Period folders: read under their one slug, whatever the kind; other spellings reported with the slug."""

import pytest

from dxanalysis.read.folders import find_period_folders, period_dir, unit_periods, unrecognised_folders
from dxanalysis.periods import parse_period


def _folders(raw, names):
    for name in names:
        folder = raw / "hong-ngu" / name
        folder.mkdir(parents=True)
        (folder / "indicators.csv").write_text("Chỉ tiêu,Giá trị\nsoc.stem_school_rate,5%\n", encoding="utf-8")
    return raw


def test_every_kind_is_read_under_its_slug(tmp_path):
    names = ["2022-M10", "2023-9M", "2022-11-15", "2022-01-01--2022-11-08", "2022-Q3", "2022-H1", "2022"]
    raw = _folders(tmp_path, names)
    assert [p.slug for p in unit_periods(raw, "hong-ngu")] == [
        "2022-H1", "2022-Q3", "2022-M10", "2022-01-01--2022-11-08", "2022-11-15", "2022", "2023-9M"]
    assert sorted(p.slug for _, p, _ in find_period_folders(raw)) == sorted(names)
    assert unrecognised_folders(raw) == []
    assert period_dir(raw, "hong-ngu", parse_period("9 tháng đầu năm 2023")) == raw / "hong-ngu" / "2023-9M"


@pytest.mark.parametrize("name, slug", [
    ("2022-6M", "2022-H1"), ("2022-12M", "2022"), ("2022-3M", "2022-Q1"), ("2022-M1", "2022-M01"),
    ("2022-01-01--2022-06-30", "2022-H1"), ("9 tháng đầu năm 2023", "2023-9M"), ("2023-09M", "2023-9M"),
])
def test_other_spellings_are_reported_with_the_slug_and_not_read(tmp_path, name, slug):
    raw = _folders(tmp_path, [name])
    assert unit_periods(raw, "hong-ngu") == [] and list(find_period_folders(raw)) == []
    ((folder, reason),) = unrecognised_folders(raw)
    assert folder.name == name and reason.params == {"name": name, "slug": slug}
    assert f"rename it {slug}" in reason.text("en")
