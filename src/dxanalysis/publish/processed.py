"""Rebuild ``data/processed/`` from ``data/raw/``: every unit × period in one tidy table.

``observations.csv`` holds one row per unit × period × indicator (numbers as
numbers, with status); ``findings.csv`` every data-quality finding. Both are
written atomically and can be rebuilt at any time; raw files are only read.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> observations, findings = clean_all(EXAMPLE_DATA_DIR)
>>> sorted(observations["unit"].unique())[:3]
['binh-phu', 'cao-lanh', 'dong-thap']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dxanalysis.assess.review import ReviewSource, empty_observations
from dxanalysis.csv_out import write_csv
from dxanalysis.check.observation import check_observations
from dxanalysis.findings import Finding, findings_frame
from dxanalysis.read.folders import find_period_folders


def clean_all(data_dir: str | Path) -> tuple[pd.DataFrame, list[Finding]]:
    """Clean and assess every unit × period under ``data_dir``."""
    source = ReviewSource(data_dir)
    frames, findings = [], []
    for unit, period, _ in find_period_folders(data_dir):
        observations, found, _, _ = source.period_data(unit, period)
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
    write_csv(observations, obs_path, raw_dir=data_dir)
    write_csv(findings_frame(findings), findings_path, raw_dir=data_dir)
    return obs_path, findings_path, len(observations), len(findings)
