"""One review's data: load, clean and assess a unit × period in one call.

:func:`load_review` is what the report notebook and the CLI call; it reads
``data/raw/units.csv``, the catalog, the period's indicator file and
``review.yml``, and returns a :class:`Review` holding the assessed
observations, every finding and the analyst's notes. It never writes.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> review = load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)
>>> row = review.observation("gov.online_dossier_rate")
>>> int(row.numerator), int(row.denominator), round(float(row.value), 2), row.status
(9475, 15684, 60.41, 'exceeded')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dxanalysis.assess import assess, assessment_findings
from dxanalysis.catalog import Catalog, load_catalog
from dxanalysis.clean import OBSERVATION_COLUMNS, clean_indicators
from dxanalysis.exceptions import InputFileError, InputValueError
from dxanalysis.findings import Finding, has_errors
from dxanalysis.ingest import find_indicator_file, read_indicator_file
from dxanalysis.periods import Period, parse_period
from dxanalysis.review_notes import ReviewNotes, read_review_notes
from dxanalysis.units import Unit, find_unit, read_units


@dataclass
class Review:
    """Everything a review report shows, computed from the inputs."""

    unit: Unit
    period: Period
    observations: pd.DataFrame
    findings: list[Finding]
    notes: ReviewNotes
    catalog: Catalog
    inputs: list[Path] = field(default_factory=list)
    previous: pd.DataFrame | None = None

    @property
    def has_errors(self) -> bool:
        """True when a finding is an error (the report should not be published)."""
        return has_errors(self.findings)

    def observation(self, indicator: str) -> pd.Series | None:
        """The assessed row of ``indicator``, or ``None`` when the period has no such row."""
        rows = self.observations[self.observations["indicator"] == indicator]
        return None if rows.empty else rows.iloc[0]

    def previous_observation(self, indicator: str) -> pd.Series | None:
        """The row of ``indicator`` for the same period last year, if that data exists."""
        if self.previous is None:
            return None
        rows = self.previous[self.previous["indicator"] == indicator]
        return None if rows.empty else rows.iloc[0]


def period_dir(data_dir: str | Path, unit: str, period: Period) -> Path:
    """Where a unit × period's raw files live: ``<data_dir>/<unit>/<period>/``."""
    return Path(data_dir) / unit / period.slug


def load_observations(
    data_dir: str | Path, unit: str, period: Period, catalog: Catalog, lang: str = "vi"
) -> tuple[pd.DataFrame, list[Finding], Path]:
    """Read, clean and assess one period's indicator file."""
    path = find_indicator_file(period_dir(data_dir, unit, period))
    raw = read_indicator_file(path, lang)
    observations, findings = clean_indicators(raw, catalog, unit=unit, period=period.slug, lang=lang)
    assessed = assess(observations)
    return assessed, findings + assessment_findings(assessed), path


def _check_notes_codes(notes: ReviewNotes, catalog: Catalog, path: Path) -> None:
    named = [(f"commitments[{i}]", c.indicator) for i, c in enumerate(notes.commitments, 1)]
    named += [(f"shortcomings[{i}]", s.indicator) for i, s in enumerate(notes.shortcomings, 1)]
    for key, code in named:
        if code and code not in catalog:
            close = ", ".join(catalog.candidates(code)) or "—"
            raise InputFileError(path, f"key '{key}.indicator': {code!r} is not a catalog code.",
                                 f"Use a code of the catalog; closest: {close}.")


def _claim_findings(review: Review, notes_path: Path) -> list[Finding]:
    findings = []
    previous = review.period.same_period_last_year()
    for shortcoming in review.notes.shortcomings:
        if shortcoming.claim != "decline" or not shortcoming.indicator:
            continue
        claim = f"{shortcoming.indicator}: decline vs {previous.slug}"
        now, before = review.observation(shortcoming.indicator), review.previous_observation(shortcoming.indicator)
        if now is None or before is None or pd.isna(now.value) or pd.isna(before.value):
            findings.append(Finding("info", "unverified_claim", path=str(notes_path), indicator=shortcoming.indicator,
                                    params={"claim": claim, "previous": previous.slug}))
            continue
        worse = now.value < before.value if now.better == "higher" else now.value > before.value
        if not worse:
            findings.append(Finding("warning", "claim_contradicted", path=str(notes_path),
                                    indicator=shortcoming.indicator,
                                    params={"claim": claim, "evidence": f"{before.value:.4g} → {now.value:.4g}"}))
    return findings


def load_review(unit: str, period: str | Period, data_dir: str | Path = "data/raw", number_lang: str = "vi") -> Review:
    """Load everything one review needs; problems in the data become findings.

    Structural problems (no unit registry, an unknown unit, no indicator file,
    an invalid ``review.yml``) raise a :class:`~dxanalysis.exceptions.DxAnalysisError`.
    """
    data_dir = Path(data_dir)
    registry = data_dir / "units.csv"
    unit_info = find_unit(read_units(registry), unit, registry)
    try:
        period_info = period if isinstance(period, Period) else parse_period(period)
    except InputValueError as err:
        raise err.located(column="period") from None
    folder = period_dir(data_dir, unit, period_info)
    if not folder.is_dir():
        available = sorted(p.name for p in (data_dir / unit).glob("*") if p.is_dir())
        raise InputFileError(folder, "does not exist.",
                             f"Available periods for {unit!r}: {', '.join(available) or 'none'}.")
    catalog = load_catalog(data_dir / "catalog.csv")
    observations, findings, indicator_path = load_observations(data_dir, unit, period_info, catalog, number_lang)
    notes_path = folder / "review.yml"
    notes = read_review_notes(notes_path)
    _check_notes_codes(notes, catalog, notes_path)
    inputs = [p for p in (registry, data_dir / "catalog.csv", indicator_path, notes_path) if p.exists()]
    previous = None
    if period_dir(data_dir, unit, period_info.same_period_last_year()).is_dir():
        previous, _, previous_path = load_observations(
            data_dir, unit, period_info.same_period_last_year(), catalog, number_lang)
        inputs.append(previous_path)
    review = Review(unit_info, period_info, observations, findings, notes, catalog, inputs, previous)
    review.findings = findings + _claim_findings(review, notes_path)
    return review


def empty_observations() -> pd.DataFrame:
    """An observation table with no rows (the columns of :func:`clean_indicators`)."""
    return pd.DataFrame(columns=[*OBSERVATION_COLUMNS, "status"])
