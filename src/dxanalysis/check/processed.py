"""Rebuild ``data/processed/`` from ``data/raw/``: every unit × period in one tidy table.

``observations.csv`` holds one row per unit × period × indicator (numbers as
numbers, with status); ``findings.csv`` every data-quality finding. Both are
written atomically and can be rebuilt at any time; raw files are only read.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> [(unit, period.slug) for unit, period, _ in find_period_folders(EXAMPLE_DATA_DIR)][:3]
[('hong-ngu', '2021-H1'), ('hong-ngu', '2021-H2'), ('hong-ngu', '2022-H1')]
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from dxanalysis.atomic import write_text_atomic
from dxanalysis.read.catalog import load_catalog
from dxanalysis.exceptions import InputValueError
from dxanalysis.i18n import Message
from dxanalysis.findings import Finding, findings_frame
from dxanalysis.periods import Period, parse_period
from dxanalysis.assess.review import empty_observations, load_observations
from dxanalysis.check.observation import check_observations


def _indicator_folders(data_dir: str | Path) -> list[Path]:
    # Each folder once, even when it (wrongly) holds both indicators.csv and .xlsx:
    # reading it then says so, and it must not become two jobs.
    return sorted({path.parent for path in Path(data_dir).glob("*/*/indicators.*")})


def find_period_folders(data_dir: str | Path) -> Iterator[tuple[str, Period, Path]]:
    """Every ``<unit>/<period>/`` folder under ``data_dir`` that holds an indicator file, sorted."""
    for folder in _indicator_folders(data_dir):
        try:
            period = parse_period(folder.name)
        except InputValueError:
            continue  # not a period folder (e.g. notes kept beside the data)
        yield folder.parent.name, period, folder


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
        try:
            parse_period(folder.name)
        except InputValueError:
            problems.append((folder, Message("error.not_a_period_folder", {"name": folder.name})))
    return problems


def clean_all(data_dir: str | Path) -> tuple[pd.DataFrame, list[Finding]]:
    """Clean and assess every unit × period under ``data_dir``."""
    catalog = load_catalog(Path(data_dir) / "catalog.csv")
    frames, findings = [], []
    for unit, period, _ in find_period_folders(data_dir):
        observations, found, _, _ = load_observations(data_dir, unit, period, catalog)
        frames.append(observations)
        findings.extend(found)
    frames = [f for f in frames if not f.empty]
    return (pd.concat(frames, ignore_index=True) if frames else empty_observations()), findings


def write_processed(data_dir: str | Path, processed_dir: str | Path) -> tuple[Path, Path, int, int]:
    """Write ``observations.csv`` and ``findings.csv``; return their paths and row counts."""
    observations, findings = clean_all(data_dir)
    observations = check_observations(observations)
    processed_dir = Path(processed_dir)
    obs_path, findings_path = processed_dir / "observations.csv", processed_dir / "findings.csv"
    write_text_atomic(obs_path, observations.to_csv(index=False))
    write_text_atomic(findings_path, findings_frame(findings).to_csv(index=False))
    return obs_path, findings_path, len(observations), len(findings)
