"""Where a unit × period's input files live: ``<data_dir>/<unit>/<period>/``.

Every command finds its inputs through these functions, so a folder that no
review would read is reported rather than skipped without a word.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> [(unit, period.slug) for unit, period, _ in find_period_folders(EXAMPLE_DATA_DIR)][:3]
[('hong-ngu', '2021-H1'), ('hong-ngu', '2021-H2'), ('hong-ngu', '2022-H1')]
>>> [p.slug for p in unit_periods(EXAMPLE_DATA_DIR, "hong-ngu")]
['2021-H1', '2021-H2', '2022-H1', '2022-H2']
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dxanalysis.exceptions import InputValueError
from dxanalysis.periods import Period, parse_period


def period_dir(data_dir: str | Path, unit: str, period: Period) -> Path:
    """Where a unit × period's raw files live: ``<data_dir>/<unit>/<period>/``.

    >>> period_dir("data/raw", "hong-ngu", parse_period("2022-H1")).as_posix()
    'data/raw/hong-ngu/2022-H1'
    """
    return Path(data_dir) / unit / period.slug


def has_indicator_file(data_dir: str | Path, unit: str, period: Period) -> bool:
    """True when ``<data_dir>/<unit>/<period>/`` holds an ``indicators.*`` file.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> has_indicator_file(EXAMPLE_DATA_DIR, "hong-ngu", parse_period("2022-H1"))
    True
    """
    return any(period_dir(data_dir, unit, period).glob("indicators.*"))


def unit_periods(data_dir: str | Path, unit: str) -> list[Period]:
    """The periods of ``unit`` that have a folder under ``data_dir``, earliest first."""
    periods = []
    for folder in (Path(data_dir) / unit).glob("*/"):
        try:
            periods.append(parse_period(folder.name))
        except InputValueError:
            continue  # a folder that is not a period (notes, attachments)
    return sorted(periods)


def _indicator_folders(data_dir: str | Path) -> list[Path]:
    # Each folder once, even when it (wrongly) holds both indicators.csv and .xlsx:
    # reading it then says so, and it must not become two jobs.
    return sorted({path.parent for path in Path(data_dir).glob("*/*/indicators.*")})


def find_period_folders(data_dir: str | Path) -> Iterator[tuple[str, Period, Path]]:
    """Every ``<unit>/<period>/`` folder under ``data_dir`` that holds an indicator file, sorted."""
    found = []
    for folder in _indicator_folders(data_dir):
        try:
            period = parse_period(folder.name)
        except InputValueError:
            continue  # reported by unrecognised_folders
        found.append((folder.parent.name, period, folder))
    yield from sorted(found, key=lambda item: (item[0], item[1]))


def unrecognised_folders(data_dir: str | Path) -> list[tuple[Path, str]]:
    """Folders holding an indicator file that no review will read, with the reason.

    A folder whose name is not a period (``2022-H3``, ``6 thang``) would
    otherwise be skipped without a word. (A unit missing from ``units.csv`` is
    found anyway: its review fails with :class:`~dxanalysis.exceptions.UnknownUnitError`.)

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> unrecognised_folders(EXAMPLE_DATA_DIR)
    []
    """
    problems = []
    for folder in _indicator_folders(data_dir):
        try:
            parse_period(folder.name)
        except InputValueError:
            problems.append((folder, f"{folder.name!r} is not a period; name the folder like 2022-H1, "
                                     "2022-H2, 2022-Q3 or 2022."))
    return problems
