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
from typing import NamedTuple

import pandas as pd

from dxanalysis.assess.status import assess, assessment_findings
from dxanalysis.read.catalog import Catalog, load_catalog
from dxanalysis.check.clean import OBSERVATION_COLUMNS, clean_indicators
from dxanalysis.exceptions import InputFileError, InputValueError
from dxanalysis.i18n import Message
from dxanalysis.findings import Finding, has_errors
from dxanalysis.read.indicators import find_indicator_file, read_indicator_file
from dxanalysis.periods import Period, parse_period
from dxanalysis.read.notes import ReviewNotes, read_review_notes
from dxanalysis.read.units import Unit, find_unit, read_units
from dxanalysis.vntext import match_key


ILLUSTRATIVE_MARKERS = ("minh họa", "illustrative")


def is_illustrative(source: object) -> bool:
    """True when a ``Nguồn``/source text says the figures are illustrative ("dữ liệu minh họa").

    >>> is_illustrative("dữ liệu minh hoạ (không phải số liệu thật)"), is_illustrative("Bài Sơ kết 06 tháng")
    (True, False)
    """
    key = match_key(str(source or ""))
    return any(marker in key for marker in ILLUSTRATIVE_MARKERS)


@dataclass
class Review:
    """Everything a review report shows, computed from the inputs.

    ``observations`` is this unit × period; ``history`` every period of the
    unit up to this one; ``children`` this period's figures of the units whose
    parent is this unit (communes of a district); ``progress`` the unit's plan
    targets with their Open SDG status.
    """

    unit: Unit
    period: Period
    observations: pd.DataFrame
    findings: list[Finding]
    notes: ReviewNotes
    catalog: Catalog
    inputs: list[Path] = field(default_factory=list)
    history: pd.DataFrame = field(default_factory=lambda: empty_observations())
    children: pd.DataFrame = field(default_factory=lambda: empty_observations())
    units: dict[str, Unit] = field(default_factory=dict)
    progress: pd.DataFrame = field(default_factory=pd.DataFrame)
    register_fields: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def has_errors(self) -> bool:
        """True when a finding is an error (the report should not be published)."""
        return has_errors(self.findings)

    @property
    def previous(self) -> pd.DataFrame:
        """The unit's observations for the same period of last year (maybe empty)."""
        return self.history[self.history["period"] == self.period.same_period_last_year().slug]

    def observation(self, indicator: str) -> pd.Series | None:
        """The assessed row of ``indicator``, or ``None`` when the period has no such row."""
        rows = self.observations[self.observations["indicator"] == indicator]
        return None if rows.empty else rows.iloc[0]

    def previous_observation(self, indicator: str) -> pd.Series | None:
        """The row of ``indicator`` for the same period last year, if that data exists."""
        rows = self.previous[self.previous["indicator"] == indicator]
        return None if rows.empty else rows.iloc[0]

    def illustrative_periods(self) -> list[str]:
        """``"<unit> <period>"`` of every figure shown that is marked illustrative."""
        frames = [self.observations, self.history, self.children]
        flagged = set()
        for frame in frames:
            for unit, period, source in frame[["unit", "period", "source"]].itertuples(index=False):
                if is_illustrative(source):
                    flagged.add((unit, period))
        return [f"{u} {p}" for u, p in sorted(flagged)]


def period_dir(data_dir: str | Path, unit: str, period: Period) -> Path:
    """Where a unit × period's raw files live: ``<data_dir>/<unit>/<period>/``."""
    return Path(data_dir) / unit / period.slug


class PeriodData(NamedTuple):
    """One unit × period's assessed figures, the findings, the files read, and the register's breakdown."""

    observations: pd.DataFrame
    findings: list[Finding]
    paths: list[Path]
    register_fields: pd.DataFrame


def load_observations(
    data_dir: str | Path, unit: str, period: Period, catalog: Catalog, lang: str = "vi"
) -> PeriodData:
    """Read, clean and assess one period's figures; return them, the findings and the files read.

    When the period folder holds a dossier register (``register.csv|.xlsx|.parquet``),
    the indicators it yields are computed from the records and replace the typed
    ones (keeping the typed target); a disagreement is a finding.
    """
    from dxanalysis.check.register import find_register, merge_register, register_observations

    folder = period_dir(data_dir, unit, period)
    path = find_indicator_file(folder)
    raw = read_indicator_file(path, lang)
    observations, findings = clean_indicators(raw, catalog, unit=unit, period=period.slug, lang=lang)
    paths = [path]
    register_fields = pd.DataFrame()
    if find_register(folder) is not None:
        computed = register_observations(folder, unit, period, catalog)
        observations, disagreements = merge_register(observations, computed.observations)
        supplied = set(computed.observations["indicator"])
        # a typed row left blank for the register to fill is not missing data
        findings = [f for f in findings if not (f.code == "no_value" and f.indicator in supplied)]
        findings = findings + computed.findings + disagreements
        paths += [Path(p) for p in computed.inputs]
        register_fields = computed.by_field
    assessed = assess(observations)
    return PeriodData(assessed, findings + assessment_findings(assessed), paths, register_fields)


def _check_notes_codes(notes: ReviewNotes, catalog: Catalog, path: Path) -> None:
    named = [(f"commitments[{i}]", c.indicator) for i, c in enumerate(notes.commitments, 1)]
    named += [(f"shortcomings[{i}]", s.indicator) for i, s in enumerate(notes.shortcomings, 1)]
    for key, code in named:
        if code and code not in catalog:
            close = ", ".join(catalog.candidates(code)) or "—"
            field = f"{key}.indicator"
            raise InputFileError(path, Message("error.not_catalog_code", {"key": field, "code": code}),
                                 Message("hint.use_catalog_code", {"candidates": close}))


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


def unit_periods(data_dir: Path, unit: str) -> list[Period]:
    """The periods of ``unit`` that have a folder under ``data_dir`` (in folder-name order)."""
    periods = []
    for folder in sorted((data_dir / unit).glob("*/")):
        try:
            periods.append(parse_period(folder.name))
        except InputValueError:
            continue  # a folder that is not a period (notes, attachments)
    return periods


def load_review(unit: str, period: str | Period, data_dir: str | Path = "data/raw", number_lang: str = "vi") -> Review:
    """Load everything one review needs; problems in the data become findings.

    Reads the unit's period, its earlier periods (for comparisons over time),
    its child units' same period (communes of a district) and its plan
    targets. Structural problems (no unit registry, an unknown unit, no
    indicator file, an invalid ``review.yml``) raise a
    :class:`~dxanalysis.exceptions.DxAnalysisError`.
    """
    from dxanalysis.assess.progress import period_time, plan_progress, read_plan_targets

    data_dir = Path(data_dir)
    registry = data_dir / "units.csv"
    units = read_units(registry)
    unit_info = find_unit(units, unit, registry)
    try:
        period_info = period if isinstance(period, Period) else parse_period(period)
    except InputValueError as err:
        raise err.located(column="period") from None
    folder = period_dir(data_dir, unit, period_info)
    if not folder.is_dir():
        available = sorted(p.name for p in (data_dir / unit).glob("*") if p.is_dir())
        raise InputFileError(folder, Message("error.folder_missing"), Message("hint.available_periods", {
            "unit": unit, "periods": ", ".join(available) or Message("error.none")}))
    catalog = load_catalog(data_dir / "catalog.csv")
    observations, findings, period_inputs, register_fields = load_observations(
        data_dir, unit, period_info, catalog, number_lang)
    notes_path = folder / "review.yml"
    notes = read_review_notes(notes_path)
    _check_notes_codes(notes, catalog, notes_path)
    inputs = [p for p in (registry, data_dir / "catalog.csv", *period_inputs, notes_path) if p.exists()]

    history_frames = [observations]
    now = period_time(period_info)
    for earlier in unit_periods(data_dir, unit):
        if earlier == period_info or period_time(earlier) > now or not has_indicator_file(data_dir, unit, earlier):
            continue
        frame, found, paths, _ = load_observations(data_dir, unit, earlier, catalog, number_lang)
        history_frames.append(frame)
        findings += found
        inputs += paths
    child_frames = []
    for child in sorted(u.slug for u in units.values() if u.parent == unit):
        if has_indicator_file(data_dir, child, period_info):
            frame, found, paths, _ = load_observations(data_dir, child, period_info, catalog, number_lang)
            child_frames.append(frame)
            findings += found
            inputs += paths
    plan_path = data_dir / unit / "targets.csv"
    plan = read_plan_targets(plan_path, catalog, number_lang)
    if plan:
        inputs.append(plan_path)
    history = _concat(history_frames)
    review = Review(unit_info, period_info, observations, findings, notes, catalog, inputs,
                    history=history, children=_concat(child_frames), units=units,
                    progress=plan_progress(history, plan), register_fields=register_fields)
    review.findings = findings + _claim_findings(review, notes_path)
    return review


def has_indicator_file(data_dir: Path, unit: str, period: Period) -> bool:
    """True when ``<data_dir>/<unit>/<period>/`` holds an ``indicators.*`` file."""
    return any(period_dir(data_dir, unit, period).glob("indicators.*"))


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else empty_observations()


def empty_observations() -> pd.DataFrame:
    """An observation table with no rows (the columns of :func:`clean_indicators`)."""
    return pd.DataFrame(columns=[*OBSERVATION_COLUMNS, "status"])
