"""One review's data: load, clean and assess a unit × period in one call.

:func:`load_review` is what the report notebook and the CLI call; it reads
``data/raw/units.csv``, the catalog, the period's indicator file and
``review.yml``, and returns a :class:`Review` holding the assessed
observations, every finding and the analyst's notes. It never writes.

A :class:`ReviewSource` reads each input file of a data folder at most once,
however many reviews it serves: a batch or ``validate`` builds every review
from one source, so an earlier period or a commune shared by many reviews is
read and cleaned once. :func:`ensure_publishable` is the one rule that
decides whether a review may be published.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> review = load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)
>>> row = review.observation("gov.online_dossier_rate")
>>> int(row.numerator), int(row.denominator), round(float(row.value), 2), row.status
(9475, 15684, 60.41, 'exceeded')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from dxanalysis.assess import display
from dxanalysis.assess.compare import is_worse, same_plan
from dxanalysis.assess.progress import plan_progress
from dxanalysis.assess.rebase import RebasedPeriod, combine_predecessors
from dxanalysis.assess.status import (ACHIEVED, STATUS_LABELS, assess, assess_rank_gains, assess_thresholds,
                                      assessment_findings)
from dxanalysis.check.clean import clean_indicators
from dxanalysis.check.lineage import validity_text
from dxanalysis.check.observation import OBSERVATION_COLUMNS, check_observations, observation_frame
from dxanalysis.exceptions import DxAnalysisError, InputFileError, InputValueError, ValidationFailed
from dxanalysis.i18n import Message, current_lang, gettext, ngettext
from dxanalysis.figures import Figure
from dxanalysis.findings import Finding, has_errors
from dxanalysis.periods import Period, parse_period
from dxanalysis.provenance import FileDigest, file_digest, package_version
from dxanalysis.read.catalog import Catalog, load_catalog
from dxanalysis.read.folders import has_period_figures, period_dir, unit_dir, unit_periods
from dxanalysis.read.indicators import find_indicator_file, read_indicator_file
from dxanalysis.read.notes import ReviewNotes, read_review_notes
from dxanalysis.read.returned_forms import find_returned_forms, read_returned_form
from dxanalysis.read.targets import PlanTarget, read_plan_targets
from dxanalysis.read.lineage import Constituent, Lineage, NotCombinable, constituents, lineage_path, load_lineage
from dxanalysis.read.units import Unit, find_unit, read_units
from dxanalysis.slugs import is_slug
from dxanalysis.vntext import match_key


ILLUSTRATIVE_MARKERS = ("minh họa", "illustrative")


def is_illustrative(source: object) -> bool:
    """True when a ``Nguồn``/source text (or a figure's note) says the figures are illustrative ("dữ liệu minh họa").

    >>> is_illustrative("dữ liệu minh hoạ (không phải số liệu thật)"), is_illustrative("Bài Sơ kết 06 tháng")
    (True, False)
    """
    key = match_key(str(source or ""))
    return any(marker in key for marker in ILLUSTRATIVE_MARKERS)


def _marked(frame: pd.DataFrame) -> pd.DataFrame:
    # where a figure may say it is illustrative: its source (Nguồn), or its note (a returned form's Ghi chú)
    note = frame["note"] if "note" in frame else pd.Series("", index=frame.index)
    return pd.DataFrame({"unit": frame["unit"], "period": frame["period"], "source": frame["source"], "note": note})


@dataclass
class Review:
    """Everything a review report shows, computed from the inputs.

    ``observations`` is this unit × period; ``history`` every period of the
    unit like this one (halves with halves, the first nine months with the
    first nine months of other years) up to this one; ``children`` this period's figures of the units whose
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
    # the findings only the whole review can make (a claim against last year, a threshold over the
    # units below): this folder's own, which validate lists with the folder's file findings
    review_findings: list[Finding] = field(default_factory=list)
    input_digests: dict[str, FileDigest] = field(default_factory=dict)  # str(path) -> what was read
    # indicator -> the units below that miss its threshold ("không có xã nào dưới 45%"), furthest first
    threshold_misses: dict[str, list[str]] = field(default_factory=dict)
    # when the period collects its figures by forms: who has sent them (assess.collection.CollectionStatus)
    collection: Any = None
    # the earlier periods of a unit that began after them, built from its predecessors (assess.rebase)
    rebased: tuple[RebasedPeriod, ...] = ()

    @property
    def kind(self) -> str:
        """What the review is (``sơ kết``, ``tổng kết``, ``báo cáo``, ``kiểm tra``): as ``review.yml``
        says, else a ``tổng kết`` for a whole year and a ``sơ kết`` for any shorter period."""
        return self.notes.kind or ("tổng kết" if self.period.kind == "year" else "sơ kết")

    @property
    def has_errors(self) -> bool:
        """True when a finding is an error (the report should not be published)."""
        return has_errors(self.findings)

    @property
    def previous(self) -> pd.DataFrame:
        """The unit's observations for the same period of last year (maybe empty)."""
        return self.history[self.history["period"] == self.period.same_period_last_year().slug]

    def not_comparable(self, indicator: str, period: str) -> Message | None:
        """Why ``indicator`` of the earlier ``period`` (a slug) cannot be built from the unit's predecessors,
        or ``None`` (it can, or the period needs no predecessors)."""
        for rebased in self.rebased:
            if rebased.period == period:
                return rebased.why_not(indicator)
        return None

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
            for unit, period, source, note in _marked(frame).itertuples(index=False):
                if is_illustrative(source) or is_illustrative(note):
                    flagged.add((unit, period))
        return [f"{u} {p}" for u, p in sorted(flagged, key=lambda item: (item[0], parse_period(item[1])))]

    # --- in a notebook: a one-line repr, a summary as HTML, and tables of figures as the report writes them

    def __repr__(self) -> str:
        """One line, never the whole data: ``<Review hong-ngu 2022-H1: 8 indicators, 0 findings>``.

        >>> from dxanalysis.config import EXAMPLE_DATA_DIR
        >>> load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)
        <Review hong-ngu 2022-H1: 8 chỉ tiêu, 0 phát hiện>
        """
        indicators = ngettext("review.repr.indicators.one", "review.repr.indicators.other", len(self.observations))
        findings = ngettext("review.repr.findings.one", "review.repr.findings.other", len(self.findings))
        return f"<Review {self.unit.slug} {self.period.slug}: {indicators}, {findings}>"

    def unit_names(self, lang: str | None = None) -> dict[str, str]:
        """Every unit's display name in ``lang``, by slug (the communes' names in a table).

        >>> from dxanalysis.config import EXAMPLE_DATA_DIR
        >>> load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR).unit_names("en")["hong-ngu"]
        'Hong Ngu district'
        """
        return {slug: unit.name(lang or current_lang()) for slug, unit in self.units.items()}

    def figures_table(self, lang: str | None = None) -> pd.DataFrame:
        """This period's indicators: name, figure and target as the report writes them, status in words.

        >>> from dxanalysis.config import EXAMPLE_DATA_DIR
        >>> table = load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR).figures_table("vi")
        >>> table.loc["gov.digital_signature_rate"].tolist()[1:]
        ['dưới 100%', '100%', '✗ Chưa đạt']
        """
        return display.figures_table(self.observations, lang)

    def history_table(self, lang: str | None = None) -> pd.DataFrame:
        """The unit's figures over its periods like this one (oldest first), as the report writes them."""
        return display.history_table(self.history, lang)

    def children_table(self, lang: str | None = None) -> pd.DataFrame:
        """This period's figures of the units below (communes of a district), with their status."""
        return display.children_table(self.children, self.unit_names(lang), lang)

    def progress_table(self, lang: str | None = None) -> pd.DataFrame:
        """Progress towards the plan's targets: baseline, latest, target by its year, status."""
        return display.progress_table(self.progress, self.history, lang, self.unit_names(lang))

    def summary_html(self, lang: str | None = None, max_rows: int = display.MAX_ROWS) -> str:
        """A compact summary as HTML: unit, period and kind, counts by status and of findings, and the
        indicators (at most ``max_rows``) with their figure as written, target and status. Every text is
        escaped: the data is whatever the input files hold.

        >>> from dxanalysis.config import EXAMPLE_DATA_DIR
        >>> html = load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR).summary_html("en")
        >>> "<td>below 100%</td><td>100%</td><td>✗ Not met</td>" in html
        True
        """
        lang = lang or current_lang()
        title = " · ".join((f"{self.unit.name(lang)} ({self.unit.slug})", f"{self.period.label(lang)} ({self.period.slug})",
                            display.review_kind_text(self.kind, lang)))
        severities = [sum(f.severity == severity for f in self.findings) for severity in ("error", "warning", "info")]
        findings = gettext("review.summary.findings", lang,
                           errors=ngettext("cli.errors.one", "cli.errors.other", severities[0], lang),
                           warnings=ngettext("cli.warnings.one", "cli.warnings.other", severities[1], lang),
                           notes=ngettext("cli.notes.one", "cli.notes.other", severities[2], lang))
        lines = [display.status_counts(self.observations, lang), findings]
        if any(is_illustrative(text) for text in (*self.observations["source"], *_marked(self.observations)["note"])):
            lines.append(gettext("review.summary.illustrative", lang))
        return display.summary_html(title, lines, self.figures_table(lang), max_rows, lang)

    def _repr_html_(self) -> str:
        return self.summary_html()


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
    forms = find_returned_forms(folder)
    paths: list[Path] = []
    if forms and not any(folder.glob("indicators.*")):
        observations, findings = observation_frame(), []  # the period is read from the forms alone
    else:
        path = find_indicator_file(folder)
        raw = read_indicator_file(path, lang)
        observations, findings = clean_indicators(raw, catalog, unit=unit, period=period.slug, lang=lang)
        paths.append(path)
    if forms:
        observations, findings = _merge_returned_forms(observations, findings, forms, unit, period, catalog)
        paths += forms
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


def _merge_returned_forms(observations: pd.DataFrame, findings: list[Finding], forms: list[Path], unit: str,
                          period: Period, catalog: Catalog) -> tuple[pd.DataFrame, list[Finding]]:
    """The typed observations with the returned forms' figures merged in (see :mod:`dxanalysis.check.merge_forms`)."""
    from dxanalysis.check.merge_forms import form_observations, merge_forms

    frames = []
    for path in forms:
        frame, found = form_observations(read_returned_form(path, unit, period.slug), catalog, unit, period.slug)
        frames.append(frame)
        findings = findings + found
    merged, merge_findings, filled = merge_forms(observations, frames)
    # a typed row left blank for a form to fill is not missing data
    findings = [f for f in findings if not (f.code == "no_value" and f.indicator in filled)]
    return merged, findings + merge_findings


def _check_notes_codes(notes: ReviewNotes, catalog: Catalog, path: Path) -> None:
    named = [(f"commitments[{i}]", c.indicator) for i, c in enumerate(notes.commitments, 1)]
    named += [(f"shortcomings[{i}]", s.indicator) for i, s in enumerate(notes.shortcomings, 1)]
    for key, code in named:
        if code and code not in catalog:
            close = ", ".join(catalog.candidates(code)) or "—"
            field = f"{key}.indicator"
            raise InputFileError(path, Message("error.not_catalog_code", {"key": field, "code": code}),
                                 Message("hint.use_catalog_code", {"candidates": close}))


def _shown_rate_codes(notes: ReviewNotes, catalog: Catalog, path: Path) -> tuple[str, ...]:
    """The codes of the indicators ``show_rates`` names (as :func:`named_indicator` reads them)."""
    return tuple(named_indicator(catalog, name, f"show_rates[{i}]", path) for i, name in enumerate(notes.show_rates, 1))


def named_indicator(catalog: Catalog, typed: str, key: str, path: str | Path) -> str:
    """The catalog code of an indicator ``review.yml`` names at ``key``: a code or a name the catalog knows,
    exactly or typed without accents; anything else (a near miss too) is an
    :class:`~dxanalysis.exceptions.InputFileError` naming the file, the key and the value.

    >>> from dxanalysis.read.catalog import load_catalog
    >>> named_indicator(load_catalog(), "Xep hang DTI", "show_rates[1]", "review.yml")
    'found.dti_rank'
    """
    match = catalog.match(typed)
    if match.how not in ("exact", "loose") or match.code is None:
        close = ", ".join(catalog.candidates(typed)) or "—"
        raise InputFileError(path, Message("error.named_indicator_unknown", {"key": key, "value": typed}),
                             Message("hint.named_indicator_unknown", {"candidates": close}))
    return match.code


def rates_shown(observations: pd.DataFrame, notes: ReviewNotes) -> pd.DataFrame:
    """``observations`` with the rates the analyst asked for marked as printed (a copy; the input is kept).

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"indicator": ["a", "b"], "rate_shown": [False, False]})
    >>> rates_shown(rows, ReviewNotes(show_rates=("b",)))["rate_shown"].tolist()
    [False, True]
    """
    if not notes.show_all_rates and not notes.show_rates:
        return observations
    asked = observations["indicator"].isin(notes.show_rates) | notes.show_all_rates
    return observations.assign(rate_shown=observations["rate_shown"].astype(bool) | asked)


def resolve_sections(notes: ReviewNotes, catalog: Catalog, path: str | Path) -> ReviewNotes:
    """``notes`` with the indicators of the analyst's sections (``sections[i].indicators``) as catalog codes.

    Each is a code or a name the catalog knows (exactly, or typed without accents); anything else, or
    an indicator listed twice (one indicator is shown in one section), is an
    :class:`~dxanalysis.exceptions.InputFileError` naming the file, the key and the value.

    >>> from dxanalysis.read.catalog import load_catalog
    >>> from dxanalysis.read.notes import parse_review_notes
    >>> notes = parse_review_notes({"sections": [{"title": "Xếp hạng", "indicators": ["Xếp hạng DTI"]}]}, "review.yml")
    >>> resolve_sections(notes, load_catalog(), "review.yml").sections[0].indicators
    ('found.dti_rank',)
    >>> notes = parse_review_notes({"sections": [{"title": "Xếp hạng", "indicators": ["Xếp hạng ABC"]}]}, "review.yml")
    >>> resolve_sections(notes, load_catalog(), "review.yml")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: review.yml: khóa 'sections[1].indicators[1]': 'Xếp hạng ABC' không phải mã hay tên của chỉ tiêu nào trong danh mục. ...
    """
    if not notes.sections:
        return notes
    listed: dict[str, str] = {}  # code -> the key that lists it
    sections = []
    for i, section in enumerate(notes.sections, 1):
        codes = []
        for j, typed in enumerate(section.indicators, 1):
            key = f"sections[{i}].indicators[{j}]"
            code = named_indicator(catalog, typed, key, path)
            if code in listed:
                raise InputFileError(path, Message("error.section_indicator_twice", {
                    "key": key, "value": typed, "code": code, "other": listed[code]}),
                    Message("hint.section_indicator_twice"))
            listed[code] = key
            codes.append(code)
        sections.append(replace(section, indicators=tuple(codes)))
    return replace(notes, sections=tuple(sections))


def _section_findings(review: Review, notes_path: Path) -> list[Finding]:
    """An analyst's section whose indicators have no figure this period: the page leaves them out (the
    whole section, when it has no items either), and says why here rather than silently."""
    findings = []
    present = set(review.observations["indicator"])
    for section in review.notes.sections:
        absent = [code for code in section.indicators if code not in present]
        if not absent:
            continue
        empty = len(absent) == len(section.indicators) and not section.items
        findings.append(Finding("warning" if empty else "info",
                                "section_left_out" if empty else "section_indicators_absent",
                                path=str(notes_path), column=f"sections[{section.id}]", params={
                                    "title": section.title, "indicators": ", ".join(absent)}))
    return findings


def _claim_findings(review: Review, notes_path: Path) -> list[Finding]:
    findings = []
    previous = review.period.same_period_last_year()
    for shortcoming in review.notes.shortcomings:
        if shortcoming.claim == "below_target" and shortcoming.indicator:
            now = review.observation(shortcoming.indicator)
            if now is not None and now.status in ACHIEVED:  # the page cannot list it as a shortcoming: say why
                findings.append(Finding("warning", "claim_contradicted", path=str(notes_path),
                                        indicator=shortcoming.indicator, params={
                                            "claim": Message("claim.below_target", {"indicator": shortcoming.indicator}),
                                            "evidence": Message("claim.evidence.on_target", {
                                                "figure": Figure.of(now), "status": Message(STATUS_LABELS[now.status])})}))
            continue
        if shortcoming.claim != "decline" or not shortcoming.indicator:
            continue
        claim = Message("claim.decline", {"indicator": shortcoming.indicator, "previous": previous.slug})
        now, before = review.observation(shortcoming.indicator), review.previous_observation(shortcoming.indicator)
        if now is None or before is None or pd.isna(now.value) or pd.isna(before.value):
            findings.append(Finding("info", "unverified_claim", path=str(notes_path), indicator=shortcoming.indicator,
                                    params={"claim": claim, "previous": previous.slug}))
            continue
        if not same_plan(now, before):  # another plan's targets: no rise, no fall; last year's data is there
            findings.append(Finding("info", "claim_across_plans", path=str(notes_path),
                                    indicator=shortcoming.indicator, params={
                                        "claim": claim, "previous": previous.slug,
                                        "before": Figure.of(before), "now": Figure.of(now)}))
            continue
        if not is_worse(now, before):  # as printed: 60,41% is no fall from 60,41%
            findings.append(Finding("warning", "claim_contradicted", path=str(notes_path),
                                    indicator=shortcoming.indicator,
                                    params={"claim": claim, "evidence": Message("claim.evidence.change", {
                                        "before": Figure.of(before), "now": Figure.of(now)})}))
    return findings


def checked_units(units: dict[str, Unit], registry: str | Path) -> dict[str, Unit]:
    """``units`` keyed by NFC slug, after checking every slug and parent (see :mod:`dxanalysis.slugs`).

    >>> checked_units({"../x": Unit("../x", "x", "x")}, "units.csv")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: units.csv: mã đơn vị '../x' không hợp lệ (chỉ gồm chữ, số và dấu '-', ví dụ hong-ngu). Sửa mã trong units.csv và đổi tên thư mục của đơn vị trong data/raw cho giống.
    """
    checked = {}
    for unit in units.values():
        for slug in filter(None, (unit.slug, unit.parent)):
            if not is_slug(slug):
                raise InputFileError(registry, Message("error.bad_slug", {"slug": slug}), Message("hint.bad_slug"))
        slug, parent = unicodedata.normalize("NFC", unit.slug), unicodedata.normalize("NFC", unit.parent)
        spells = tuple(dataclasses.replace(s, parent=unicodedata.normalize("NFC", s.parent)) for s in unit.parents)
        checked[slug] = dataclasses.replace(unit, slug=slug, parent=parent, parents=spells)
    return checked


class ReviewSource:
    """The inputs under one data folder, each read and cleaned at most once.

    The unit registry and the catalog are read on first use; each unit ×
    period's figures, each ``review.yml`` and each unit's ``targets.csv`` on
    first request, then kept. A failure to read is kept too and raised again
    (the same error object) to every review that needs that input, so a
    caller that reports errors can tell a new problem from one already said.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> source = ReviewSource(EXAMPLE_DATA_DIR)
    >>> first, second = source.review("hong-ngu", "2022-H1"), source.review("hong-ngu", "2022-H2")
    >>> first.history is not second.history, len(source.loaded_periods())
    (True, 12)
    """

    def __init__(self, data_dir: str | Path = "data/raw", number_lang: str = "vi") -> None:
        self.data_dir = Path(data_dir).resolve()  # the kernel that renders the review runs elsewhere
        self.number_lang = number_lang
        self._cache: dict[tuple, object] = {}

    def _once(self, key: tuple, load):  # noqa: ANN001, ANN202 - a tiny memo for the loaders below
        if key not in self._cache:
            try:
                self._cache[key] = load()
            except DxAnalysisError as err:
                self._cache[key] = err
        value = self._cache[key]
        if isinstance(value, DxAnalysisError):
            raise value
        return value

    @property
    def registry(self) -> Path:
        """The unit registry, ``<data_dir>/units.csv``."""
        return self.data_dir / "units.csv"

    @property
    def units(self) -> dict[str, Unit]:
        """The unit registry, read once; every slug checked (it becomes a folder and a link)."""
        return self._once(("units",), lambda: checked_units(read_units(self.registry), self.registry))

    @property
    def lineage(self) -> Lineage:
        """The lineage of the units, ``<data_dir>/lineage.csv`` beside the registry, read once (none: empty)."""
        return self._once(("lineage",), lambda: load_lineage(self.data_dir))

    @property
    def catalog(self) -> Catalog:
        """The packaged catalog with ``<data_dir>/catalog.csv`` over it, read once."""
        return self._once(("catalog",), lambda: load_catalog(self.data_dir / "catalog.csv"))

    def period_data(self, unit: str, period: Period) -> PeriodData:
        """One unit × period's assessed figures (read, cleaned, assessed and checked against the model once).

        Every figure a review shows passes through here, so the report path is
        guarded by the observation model without checking a period again for
        each review that shows it.
        """
        def load() -> PeriodData:
            data = load_observations(self.data_dir, unit, period, self.catalog, self.number_lang)
            if not data.observations.empty:
                check_observations(data.observations)  # a violation is a bug in dxanalysis: raise, never publish
            return data
        return self._once(("period", unit, period), load)

    def notes(self, unit: str, period: Period) -> ReviewNotes:
        """The analyst's ``review.yml`` of a unit × period, read and checked once."""
        def load() -> ReviewNotes:
            path = period_dir(self.data_dir, unit, period) / "review.yml"
            notes = read_review_notes(path)
            _check_notes_codes(notes, self.catalog, path)
            notes = resolve_sections(notes, self.catalog, path)
            return dataclasses.replace(notes, show_rates=_shown_rate_codes(notes, self.catalog, path))
        return self._once(("notes", unit, period), load)

    def plan(self, unit: str) -> list[PlanTarget]:
        """The unit's plan targets (``<data_dir>/<unit>/targets.csv``), read once."""
        return self._once(("plan", unit), lambda: read_plan_targets(
            unit_dir(self.data_dir, unit) / "targets.csv", self.catalog, self.number_lang))

    def inherited_plan(self, unit: str, units: dict[str, Unit] | None = None) -> tuple[list[PlanTarget], list[Path]]:
        """The unit's plan, with the targets of the units above for indicators its own plan does not set
        (a district inherits its province's plan), and the plan files read.

        The nearest plan wins: the unit's own, then its parent's, then the one above. ``units`` gives
        the parents (by default the registry's latest; a review passes them as of its period).

        >>> from dxanalysis.config import EXAMPLE_DATA_DIR
        >>> plan, files = ReviewSource(EXAMPLE_DATA_DIR).inherited_plan("thuong-phuoc-1")
        >>> plan[0].indicator, plan[0].inherited_from, [f.parent.name for f in files]
        ('gov.online_dossier_rate', 'hong-ngu', ['hong-ngu'])
        """
        targets, files, seen = [], [], {unit}
        covered: set[str] = set()
        current: str | None = unit
        while current is not None:
            path = unit_dir(self.data_dir, current) / "targets.csv"
            own = self.plan(current) if current == unit or path.exists() else []
            if own:
                files.append(path)
            for target in own:
                if target.indicator not in covered:
                    targets.append(target if current == unit else replace(target, inherited_from=current))
            covered |= {t.indicator for t in own}
            units = self.units if units is None else units
            parent = units[current].parent if current in units else ""
            current = parent if parent and parent not in seen and parent in units else None
            seen.add(parent)
        return targets, files

    def loaded_periods(self) -> list[tuple[str, Period]]:
        """The unit × periods read so far, in the order they were read."""
        return [(key[1], key[2]) for key in self._cache if key[0] == "period"]

    def review(self, unit: str, period: str | Period) -> Review:
        """Everything one review needs; problems in the data become findings.

        Reads (or reuses) the unit's period, its earlier periods (for comparisons
        over time), its child units' same period (communes of a district) and its
        plan targets. Structural problems (no unit registry, an unknown unit, no
        indicator file, an invalid ``review.yml``) raise a
        :class:`~dxanalysis.exceptions.DxAnalysisError`.
        """
        units = self.units
        unit = unicodedata.normalize("NFC", unit)
        unit_info = find_unit(units, unit, self.registry)
        try:
            period_info = period if isinstance(period, Period) else parse_period(period)
        except InputValueError as err:
            raise err.located(column="period") from None
        folder = period_dir(self.data_dir, unit, period_info)
        if not folder.is_dir():
            available = sorted(p.name for p in folder.parent.glob("*") if p.is_dir())
            raise InputFileError(folder, Message("error.folder_missing"), Message("hint.available_periods", {
                "unit": unit, "periods": ", ".join(available) or Message("error.none")}))
        _refuse_straddling(unit_info, period_info, units, folder, self.lineage)
        units = units_of_period(units, period_info)
        unit_info = units[unit]
        catalog = self.catalog
        own = self.period_data(unit, period_info)
        notes_path = folder / "review.yml"
        notes = self.notes(unit, period_info)
        findings = list(own.findings)
        inputs = [p for p in (self.registry, self.data_dir / "catalog.csv", *own.paths, notes_path) if p.exists()]
        history_frames = [own.observations]
        for earlier in unit_periods(self.data_dir, unit):
            # earlier = ending no later (as the plan's time axis counts), as before the move to date order
            # like with like: a nine-month review's history is the first nine months of each year
            if earlier == period_info or earlier.last_day > period_info.last_day \
                    or not earlier.is_like(period_info) or not has_period_figures(self.data_dir, unit, earlier):
                continue
            data = self.period_data(unit, earlier)
            history_frames.append(data.observations)
            findings += data.findings
            inputs += data.paths
        rebased, frames, read = self._rebased_history(unit_info, period_info)
        history_frames += frames
        findings += read.findings
        inputs += read.paths
        if rebased or self.lineage.predecessors(unit) or self.lineage.successors(unit):
            inputs.append(lineage_path(self.data_dir))
            # a lineage validate calls wrong cannot give a published comparison: its errors stop the review
            findings += [f for f in self.lineage_findings() if f.severity == "error"]
        child_frames = []
        for child in sorted(u.slug for u in units.values() if u.parent == unit and u.overlaps(
                period_info.first_day, period_info.last_day)):
            if has_period_figures(self.data_dir, child, period_info):
                data = self.period_data(child, period_info)
                child_frames.append(data.observations)
                findings += data.findings
                inputs += data.paths
        plan, plan_files = self.inherited_plan(unit, units)
        inputs += plan_files
        history, cut = self._without_larger_self(rates_shown(_concat(history_frames), notes), unit_info, period_info)
        rebased += cut
        children = rates_shown(_concat(child_frames), notes)
        own_observations = rates_shown(own.observations, notes)
        observations, children, threshold_misses, threshold_findings = assess_thresholds(
            own_observations, children, {slug: u.level for slug, u in units.items()})
        previous = period_info.same_period_last_year().slug  # "tăng 5 hạng": places gained since then
        observations, gain_findings = assess_rank_gains(observations, history[history["period"] == previous], previous)
        threshold_findings = threshold_findings + gain_findings
        review = Review(unit_info, period_info, observations, findings, notes, catalog, inputs,
                        history=history, children=children, units=units, threshold_misses=threshold_misses,
                        progress=plan_progress(history, plan), register_fields=own.register_fields,
                        rebased=tuple(rebased))
        review.collection, reporting = self._collection(unit_info.slug, period_info)
        if reporting is not None:
            review.inputs.append(reporting)
        review.input_digests = {str(p): file_digest(p) for p in review.inputs}
        review.review_findings = threshold_findings + _claim_findings(review, notes_path) \
            + _section_findings(review, notes_path)
        review.findings = findings + review.review_findings
        return review

    def lineage_findings(self) -> list[Finding]:
        """What ``dxanalysis validate`` finds wrong with the lineage and the units' dates, checked once."""
        from dxanalysis.check.lineage import lineage_findings, parent_findings

        return self._once(("lineage_findings",), lambda: lineage_findings(self.lineage, self.units, str(self.registry))
                          + parent_findings(self.units, str(self.registry)))

    def _rebased_history(self, unit: Unit, period: Period) -> tuple[list[RebasedPeriod], list[pd.DataFrame], PeriodData]:
        """The earlier periods of ``unit`` built from its predecessors (how, or why not), their figures, and the
        predecessors' data read (findings and files)."""
        rebased, frames, datas = [], [], []
        for earlier in self._predecessor_periods(unit, period):
            built, frame, data = self._rebased_period(unit, earlier)
            rebased.append(built)
            frames.append(frame)
            datas.append(data)
        previous = period.same_period_last_year()
        if self.lineage.predecessors(unit.slug) and unit.valid_from is not None \
                and previous.first_day < unit.valid_from <= previous.last_day \
                and not any(r.period == previous.slug for r in rebased):
            # last year holds the day the unit began (a 2026 review of a commune formed on 1 July 2025): neither
            # its own figures nor its predecessors' cover it; the page says so rather than "no data"
            parts = constituents(self.lineage, self.units, unit.slug, previous.first_day, previous.last_day)
            if isinstance(parts, NotCombinable):
                rebased.append(RebasedPeriod(previous.slug, (), unit.valid_from.isoformat(), reason=parts.reason))
        read = PeriodData(empty_observations(), [f for d in datas for f in d.findings],
                          [p for d in datas for p in d.paths], pd.DataFrame())
        return rebased, frames, read

    def _without_larger_self(self, history: pd.DataFrame, unit: Unit,
                             period: Period) -> tuple[pd.DataFrame, list[RebasedPeriod]]:
        """``history`` without the periods before ``unit`` gave part of itself to another and went on (they are
        a larger unit's figures), and those periods as not comparable."""
        cut_periods: list[RebasedPeriod] = []
        for transfer in self.lineage.successors(unit.slug):
            if unit.exists_on(transfer.effective) and transfer.effective <= period.first_day:
                cut = sorted({p for p in history["period"] if parse_period(p).last_day < transfer.effective})
                history = history[~history["period"].isin(cut)]
                cut_periods += [RebasedPeriod(p, (), transfer.effective.isoformat(), reason=Message(
                    "rebase.gave_part", {"successor": transfer.successor, "day": transfer.effective.isoformat()}))
                    for p in cut]
        return history, cut_periods

    def _predecessor_periods(self, unit: Unit, period: Period) -> list[Period]:
        """The earlier periods like ``period`` that ``unit`` did not exist for and its predecessors (and theirs)
        have figures of, earliest first."""
        lineage = self.lineage
        ancestors, queue = set(), [unit.slug]
        while queue:
            for transfer in lineage.predecessors(queue.pop()):
                if transfer.predecessor not in ancestors:
                    ancestors.add(transfer.predecessor)
                    queue.append(transfer.predecessor)
        periods = {earlier for slug in ancestors for earlier in unit_periods(self.data_dir, slug)
                   if earlier.is_like(period) and earlier.last_day <= period.last_day and earlier != period
                   and not unit.overlaps(earlier.first_day, earlier.last_day)
                   and has_period_figures(self.data_dir, slug, earlier)}
        return sorted(periods)

    def _rebased_period(self, unit: Unit, period: Period) -> tuple[RebasedPeriod, pd.DataFrame, PeriodData]:
        """``unit``'s figures of the earlier ``period``, built from its predecessors' (see :mod:`dxanalysis.assess.rebase`),
        with what was combined, and the predecessors' data read (its findings and files)."""
        effective = unit.valid_from.isoformat() if unit.valid_from else ""
        parts = constituents(self.lineage, self.units, unit.slug, period.first_day, period.last_day)
        if isinstance(parts, NotCombinable):
            return RebasedPeriod(period.slug, (), effective, reason=parts.reason), empty_observations(), _no_data()
        merged: dict[str, float] = {}  # a unit reached two ways (split, then merged again) counts once, shares added
        for part in parts:
            merged[part.slug] = merged.get(part.slug, 0.0) + part.share
        parts = [Constituent(slug, min(share, 1.0)) for slug, share in merged.items()]
        missing = [p.slug for p in parts if not has_period_figures(self.data_dir, p.slug, period)]
        shares = tuple((p.slug, p.share) for p in parts)
        if missing:
            reason = Message("rebase.predecessor_without_figures", {"units": ", ".join(missing)})  # slugs: named on the page
            return RebasedPeriod(period.slug, shares, effective, reason=reason), empty_observations(), _no_data()
        datas = [self.period_data(p.slug, period) for p in parts]
        combined = combine_predecessors([(d.observations, p.share) for d, p in zip(datas, parts)], unit.slug,
                                        period.slug)
        read = PeriodData(empty_observations(), [f for d in datas for f in d.findings],
                          [path for d in datas for path in d.paths], pd.DataFrame())
        return (RebasedPeriod(period.slug, shares, effective, combined.not_comparable),
                assess(combined.observations) if not combined.observations.empty else empty_observations(), read)

    def _collection(self, unit: str, period: Period) -> tuple[Any, Path | None]:
        """Who has sent the period's forms, and the table that says who is asked, when the period collects its
        figures by forms (it has a ``forms/`` folder and the unit a ``reporting.csv``); else ``(None, None)``."""
        from dxanalysis.assess.collection import collection_status
        from dxanalysis.read.reporting import reporting_path

        table = reporting_path(self.data_dir, unit)
        if not (period_dir(self.data_dir, unit, period) / "forms").is_dir() or not table.is_file():
            return None, None
        try:
            return collection_status(unit, period, self.data_dir, self.catalog), table
        except DxAnalysisError:
            return None, None  # `dxanalysis forms` and `dxanalysis status` say what is wrong with the table

    def check(self, unit: str, period: str | Period, errors: list[DxAnalysisError] | None = None) -> list[Finding]:
        """The findings that belong to this unit × period alone (no earlier period's, no commune's).

        ``validate`` calls this once per folder, so each problem is listed once
        by construction: an earlier period's or a commune's findings belong to
        that folder's own check. The folder's own findings come first, so an
        input that cannot be read (an earlier period, the registry) never hides
        them: the error is raised, or with ``errors`` added there once (the same
        error object however many folders need that input).
        """
        found: list[Finding] = []
        try:
            period_info = period if isinstance(period, Period) else parse_period(period)
            unit = unicodedata.normalize("NFC", unit)
            found += self.period_data(unit, period_info).findings
            found += self.review(unit, period_info).review_findings
        except DxAnalysisError as err:
            if errors is None:
                raise
            if not any(err is known for known in errors):
                errors.append(err)
        return found


def units_of_period(units: dict[str, Unit], period: Period) -> dict[str, Unit]:
    """The registry as of ``period``: every unit, each with its parent on the period's last day (its latest
    parent when it did not exist then), so a 2024 review of a commune names the district it was under.

    >>> import io
    >>> from dxanalysis.read.units import read_units
    >>> units = read_units(io.StringIO("slug,name_vi,parent,valid_from,valid_to\\n"
    ...                                "h,huyện H,t,,2025-06-30\\nx,xã X,h,,2025-06-30\\nx,xã X,t,2025-07-01,\\n"))
    >>> units_of_period(units, parse_period("2024-H2"))["x"].parent, units_of_period(units, parse_period("2025-H2"))["x"].parent
    ('h', 't')
    """
    day = period.last_day
    return {slug: dataclasses.replace(unit, parent=unit.parent_on(day)) if unit.exists_on(day) else unit
            for slug, unit in units.items()}


def _refuse_straddling(unit: Unit, period: Period, units: dict[str, Unit], folder: Path, lineage: Lineage) -> None:
    """Refuse a review of a period the unit did not exist for, or across a change of the unit or of the units
    under it (its start or end, a new parent, a commune joining or leaving, a part of it passing to another):
    such a period is split in two."""
    first, last = period.first_day, period.last_day
    if not unit.overlaps(first, last):
        raise InputFileError(folder, Message("error.unit_not_in_period", {
            "unit": unit.name_vi, "period": period.slug, "validity": validity_text(unit.valid_from, unit.valid_to)}),
            Message("hint.unit_not_in_period"))
    changes = [day for day in (unit.valid_from, unit.valid_to and unit.valid_to + dt.timedelta(days=1))
               if day is not None and first < day <= last]
    changes += [spell.valid_from for u in units.values() for spell in u.parents
                if spell.valid_from is not None and first < spell.valid_from <= last
                and unit.slug in (u.slug, u.parent_on(spell.valid_from), u.parent_on(spell.valid_from - dt.timedelta(days=1)))]
    changes += [u.valid_from for u in units.values() if u.valid_from is not None and first < u.valid_from <= last
                and u.parent_on(u.valid_from) == unit.slug]
    changes += [u.valid_to + dt.timedelta(days=1) for u in units.values() if u.valid_to is not None
                and first <= u.valid_to < last and u.parent_on(u.valid_to) == unit.slug]
    changes += [t.effective for t in lineage.successors(unit.slug) if first < t.effective <= last]
    if changes:
        day = min(changes)
        # the two periods to make instead, by their folders' names (2025-H1, or a date range)
        before = parse_period("--".join((first.isoformat(), (day - dt.timedelta(days=1)).isoformat()))).slug
        after = parse_period("--".join((day.isoformat(), last.isoformat()))).slug
        raise InputFileError(folder, Message("error.period_straddles", {
            "unit": unit.name_vi, "period": period.slug, "day": day.isoformat()}),
            Message("hint.period_straddles", {"before": before, "after": after}))


def load_review(unit: str, period: str | Period, data_dir: str | Path = "data/raw", number_lang: str = "vi",
                prepared: str | Path | None = None) -> Review:
    """Load everything one review needs; problems in the data become findings.

    With ``prepared`` (the file :func:`write_prepared_review` wrote for this
    unit × period), the review already loaded by the caller is used instead of
    reading the inputs again: this is how ``dxanalysis report`` hands its
    review to the notebook's kernel. See :meth:`ReviewSource.review`.
    """
    if prepared:
        return read_prepared_review(prepared, unit, period)
    return ReviewSource(data_dir, number_lang).review(unit, period)


def ensure_publishable(review: Review, allow_errors: bool = False) -> None:
    """The one rule for publishing: no error among the findings, unless ``allow_errors`` (a draft).

    Raises :class:`~dxanalysis.exceptions.ValidationFailed` listing every error.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> ensure_publishable(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)) is None
    True
    """
    if review.has_errors and not allow_errors:
        raise ValidationFailed(review.findings)


_PREPARED_FORMAT = 1


def write_prepared_review(review: Review, path: str | Path) -> Path:
    """Save a loaded review for the report notebook's kernel (a file private to this run).

    The file is written by dxanalysis for its own kernel and removed after the
    run; it is not an exchange format.
    """
    path = Path(path)
    with open(path, "wb") as handle:
        pickle.dump({"format": _PREPARED_FORMAT, "version": package_version(), "review": review}, handle,
                    protocol=pickle.HIGHEST_PROTOCOL)
    return path


def read_prepared_review(path: str | Path, unit: str, period: str | Period) -> Review:
    """The review :func:`write_prepared_review` saved, checked to be the one asked for.

    >>> import tempfile, pathlib
    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> saved = write_prepared_review(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR),
    ...                               pathlib.Path(tempfile.mkdtemp()) / "review.pickle")
    >>> read_prepared_review(saved, "hong-ngu", "2022-H1").observation("gov.online_dossier_rate").status
    'exceeded'
    >>> read_prepared_review(saved, "hong-ngu", "2021-H1")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: ...review.pickle: chứa số liệu báo cáo của hong-ngu 2022-H1, không phải của hong-ngu 2021-H1. Chạy lại lệnh lập báo cáo.
    """
    with open(path, "rb") as handle:
        saved = pickle.load(handle)  # noqa: S301 - written by this run's own process (write_prepared_review)
    review = saved.get("review") if isinstance(saved, dict) and saved.get("format") == _PREPARED_FORMAT else None
    if not isinstance(review, Review):
        raise InputFileError(path, Message("error.not_prepared_review"), Message("hint.run_again"))
    try:  # a phrase ("9 tháng đầu năm 2023") names the same review as its slug
        wanted = period.slug if isinstance(period, Period) else parse_period(period).slug
    except InputValueError:
        wanted = str(period)
    if (review.unit.slug, review.period.slug) != (unit, wanted):
        had, asked = " ".join((review.unit.slug, review.period.slug)), " ".join((unit, wanted))
        raise InputFileError(path, Message("error.other_prepared_review", {"had": had, "wanted": asked}),
                             Message("hint.run_again"))
    return review


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else empty_observations()


def _no_data() -> PeriodData:
    return PeriodData(empty_observations(), [], [], pd.DataFrame())


def empty_observations() -> pd.DataFrame:
    """An observation table with no rows (the model's columns and ``status``)."""
    return pd.DataFrame(columns=[*OBSERVATION_COLUMNS, "status"])
