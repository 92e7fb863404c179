"""Where a unit × period's input files live: ``<data_dir>/<unit>/<period>/``.

Every command finds its inputs through these functions, so a folder that no
review would read is reported rather than skipped without a word. A period's
folder is read only under its slug (:attr:`dxanalysis.periods.Period.slug`:
``2022-H1``, ``2022-M10``, ``2023-9M``, ``2022-11-15`` …); another spelling of
a period (``2022-6M``, ``9 tháng đầu năm 2023``) is reported with the name to
give it, never read as a second copy.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> [(unit, period.slug) for unit, period, _ in find_period_folders(EXAMPLE_DATA_DIR)][:3]
[('binh-phu', '2023-9M'), ('cao-lanh', '2023'), ('dong-thap', '2022')]
>>> [p.slug for p in unit_periods(EXAMPLE_DATA_DIR, "hong-ngu")]
['2021-H1', '2021-H2', '2022-H1', '2022-H2', '2023-H1']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from dxanalysis.exceptions import InputValueError
from dxanalysis.i18n import Message
from dxanalysis.periods import Period, parse_period, period_time
from dxanalysis.slugs import is_slug


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def unit_dir(data_dir: str | Path, unit: str) -> Path:
    """The folder of ``unit`` under ``data_dir``, its name compared in NFC.

    A zip made on a Mac stores ``hồng-ngự`` decomposed; the registry types it
    composed. Both name the same folder.

    >>> import tempfile, pathlib, unicodedata
    >>> data = pathlib.Path(tempfile.mkdtemp())
    >>> (data / unicodedata.normalize("NFD", "hồng-ngự")).mkdir()
    >>> unit_dir(data, "hồng-ngự").name == unicodedata.normalize("NFD", "hồng-ngự")
    True
    """
    data_dir, wanted = Path(data_dir), _nfc(unit)
    direct = data_dir / unit
    if direct.is_dir() or not data_dir.is_dir():
        return direct
    return next((p for p in data_dir.iterdir() if _nfc(p.name) == wanted and p.is_dir()), direct)


def period_dir(data_dir: str | Path, unit: str, period: Period) -> Path:
    """Where a unit × period's raw files live: ``<data_dir>/<unit>/<period>/``.

    >>> period_dir("data/raw", "hong-ngu", parse_period("2022-H1")).as_posix()
    'data/raw/hong-ngu/2022-H1'
    """
    return unit_dir(data_dir, unit) / period.slug


def has_indicator_file(data_dir: str | Path, unit: str, period: Period) -> bool:
    """True when ``<data_dir>/<unit>/<period>/`` holds an ``indicators.*`` file.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> has_indicator_file(EXAMPLE_DATA_DIR, "hong-ngu", parse_period("2022-H1"))
    True
    """
    return any(period_dir(data_dir, unit, period).glob("indicators.*"))


def has_period_figures(data_dir: str | Path, unit: str, period: Period) -> bool:
    """True when ``<data_dir>/<unit>/<period>/`` holds an ``indicators.*`` file or returned forms
    (``forms/*.xlsx``): a period may be read from the forms alone.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> has_period_figures(EXAMPLE_DATA_DIR, "hong-ngu", parse_period("2022-H1"))
    True
    """
    folder = period_dir(data_dir, unit, period)
    return any(folder.glob("indicators.*")) or any(_returned_forms(folder))


def _returned_forms(folder: Path) -> Iterator[Path]:
    # the files dxanalysis.read.returned_forms reads (lock files and hidden files are not forms)
    return (p for p in folder.glob("forms/*") if p.suffix.lower() in (".xlsx", ".xlsm")
            and not p.name.startswith(("~$", ".")))


def unit_periods(data_dir: str | Path, unit: str) -> list[Period]:
    """The periods of ``unit`` that have a folder under ``data_dir``, earliest first."""
    periods = []
    for folder in unit_dir(data_dir, unit).glob("*/"):
        try:
            period = parse_period(folder.name)
        except InputValueError:
            continue  # a folder that is not a period (notes, attachments)
        if folder.name == period.slug:  # "2021-h1" is reported by unrecognised_folders, never read twice
            periods.append(period)
    return sorted(periods)


def latest_earlier_period(data_dir: str | Path, unit: str, period: Period) -> Period | None:
    """The unit's most recent period before ``period`` that has an indicator file, one like it if any
    (a nine-month review follows last year's nine months, not the year-end review after them).

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> latest_earlier_period(EXAMPLE_DATA_DIR, "tan-hong", parse_period("2024-9M"))
    <Period 2023-9M>
    """
    return latest_before(data_dir, unit, period, lambda p: has_indicator_file(data_dir, unit, p))


def latest_before(data_dir: str | Path, unit: str, period: Period, has: Callable[[Period], bool]) -> Period | None:
    """The latest of the unit's periods before ``period`` for which ``has`` holds, one like it if any."""
    earlier = [p for p in unit_periods(data_dir, unit) if period_time(p) < period_time(period) and has(p)]
    like = [p for p in earlier if p.is_like(period)]
    return max(like or earlier, key=period_time, default=None)


def _indicator_folders(data_dir: str | Path) -> list[Path]:
    # Each folder once, even when it (wrongly) holds both indicators.csv and .xlsx:
    # reading it then says so, and it must not become two jobs.
    # A folder with returned forms (forms/*.xlsx) and no indicators.* is read from the forms alone.
    data_dir = Path(data_dir)
    return sorted({path.parent for path in data_dir.glob("*/*/indicators.*")}
                  | {folder for folder in data_dir.glob("*/*/") if any(_returned_forms(folder))})


def find_period_folders(data_dir: str | Path) -> Iterator[tuple[str, Period, Path]]:
    """Every ``<unit>/<period>/`` folder under ``data_dir`` that holds an indicator file, sorted."""
    found = []
    for folder in _indicator_folders(data_dir):
        try:
            period = parse_period(folder.name)
        except InputValueError:
            continue  # reported by unrecognised_folders
        if is_slug(folder.parent.name) and folder.name == period.slug:  # else reported by unrecognised_folders
            found.append((_nfc(folder.parent.name), period, folder))
    yield from sorted(found, key=lambda item: (item[0], item[1]))


def unrecognised_folders(data_dir: str | Path) -> list[tuple[Path, Message]]:
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
        if not is_slug(folder.parent.name):
            problems.append((folder, Message("error.not_a_unit_folder", {"name": folder.parent.name})))
            continue
        try:
            period = parse_period(folder.name)
        except InputValueError:
            problems.append((folder, Message("error.not_a_period_folder", {"name": folder.name})))
            continue
        if folder.name != period.slug:
            problems.append((folder, Message("error.period_folder_spelling", {"name": folder.name, "slug": period.slug})))
    return problems
