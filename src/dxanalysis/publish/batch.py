"""Publish every unit × period found in ``data/raw``: in parallel, incrementally, with an index.

``run_batch`` renders each review in its own process (``jobs`` at a time),
goes on past a failing one, and writes ``reports/manifest.json`` (each
report's status, duration, input hashes, package version) and
``reports/index.html`` linking every report with its met / not-met counts.
A report whose inputs, notebook and code are unchanged since the manifest
was written is not executed again unless ``force`` is set.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> jobs = discover_jobs(EXAMPLE_DATA_DIR, ("vi",))
>>> jobs[0]
ReportJob(unit='hong-ngu', period='2021-H1', lang='vi')
>>> sorted({job.unit for job in jobs})[:2]
['hong-ngu', 'long-khanh-a']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from dxanalysis.atomic import write_text_atomic
from dxanalysis.config import PACKAGE_DIR, REPORTS_DIR, TEMPLATES_DIR, default_notebook
from dxanalysis.i18n import LANGS, N_, current_lang, gettext, using_lang
from dxanalysis.check.processed import find_period_folders
from dxanalysis.provenance import VIETNAM_TIME, package_version, sha256_of

MANIFEST = "manifest.json"
INDEX = "index.html"


@dataclass(frozen=True)
class ReportJob:
    """One page to publish."""

    unit: str
    period: str
    lang: str = "vi"


@dataclass
class ReportOutcome:
    """What became of one job; the manifest holds one of these per report."""

    unit: str
    period: str
    lang: str
    status: str  # built | unchanged | failed
    html: str = ""
    duration_seconds: float = 0.0
    reason: str = ""
    key: str = ""
    inputs: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    illustrative: bool = False


def discover_jobs(data_dir: str | Path, langs: tuple[str, ...] = ("vi",)) -> list[ReportJob]:
    """Every unit × period folder with an indicator file, in each language."""
    return [ReportJob(unit, period.slug, lang)
            for unit, period, _ in find_period_folders(data_dir) for lang in langs]


def job_inputs(data_dir: str | Path, job: ReportJob) -> list[Path]:
    """Every file that may feed the job's review (over-inclusive, never under).

    The registry and catalog, every file of the unit (all periods: history and
    plan), and the same period of any other unit (children).
    """
    data_dir = Path(data_dir)
    files = [data_dir / "units.csv", data_dir / "catalog.csv"]
    files += sorted(p for p in (data_dir / job.unit).rglob("*") if p.is_file())
    files += sorted(p for p in data_dir.glob(f"*/{job.period}/*") if p.is_file() and p.parts[-3] != job.unit)
    return [p for p in files if p.exists()]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the package's code and templates: a changed template re-renders every report."""
    digest = hashlib.sha256(package_version().encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".css", ".csv", ".json"):
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def job_key(job: ReportJob, inputs: dict[str, str], notebook: Path, allow_errors: bool) -> str:
    """What a report depends on, as one hash."""
    digest = hashlib.sha256(json.dumps([asdict(job), sorted(inputs.items()), allow_errors], ensure_ascii=False).encode())
    digest.update(sha256_of(notebook).encode())
    digest.update(code_digest().encode())
    return digest.hexdigest()


def _relative(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def _build_one(job: ReportJob, data_dir: str, reports_dir: str, notebook: str, allow_errors: bool,
               key: str, inputs: dict[str, str], messages_lang: str = "vi") -> ReportOutcome:
    """Run in a worker process: load, check and render one review (failures told in ``messages_lang``)."""
    # a worker process starts in the default language, not the one the command speaks
    with using_lang(messages_lang):
        return _build_one_here(job, data_dir, reports_dir, notebook, allow_errors, key, inputs)


def _build_one_here(job: ReportJob, data_dir: str, reports_dir: str, notebook: str, allow_errors: bool,
                    key: str, inputs: dict[str, str]) -> ReportOutcome:
    from dxanalysis.exceptions import DxAnalysisError
    from dxanalysis.write.sections import status_counts
    from dxanalysis.publish.report import render_review
    from dxanalysis.assess.review import load_review

    started = time.perf_counter()
    outcome = ReportOutcome(job.unit, job.period, job.lang, "failed", key=key, inputs=inputs)
    try:
        review = load_review(job.unit, job.period, data_dir)
        outcome.counts = status_counts(review.observations)
        outcome.illustrative = bool(review.illustrative_periods())
        errors = [f for f in review.findings if f.severity == "error"]
        if errors and not allow_errors:
            reasons = "; ".join(f.describe() for f in errors[:2])
            outcome.reason = gettext("batch.and_more", reasons=reasons, n=len(errors) - 2) if len(errors) > 2 \
                else reasons
        else:
            html = render_review(review, lang=job.lang, data_dir=data_dir, reports_dir=reports_dir, notebook=notebook)
            outcome.status, outcome.html = "built", _relative(html, Path(reports_dir))
    except DxAnalysisError as err:
        outcome.reason = str(err)
    except Exception as err:  # noqa: BLE001 - one broken report must not stop the batch; it is reported
        outcome.reason = f"{type(err).__name__}: {err}"
    outcome.duration_seconds = round(time.perf_counter() - started, 2)
    return outcome


def read_manifest(reports_dir: str | Path) -> dict:
    """The last batch's manifest, or an empty one."""
    path = Path(reports_dir) / MANIFEST
    if not path.exists():
        return {"reports": []}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {"reports": []}  # a damaged manifest only costs a full rebuild


def run_batch(
    data_dir: str | Path = "data/raw", reports_dir: str | Path = REPORTS_DIR, *, langs: tuple[str, ...] = ("vi",),
    jobs: int | None = None, force: bool = False, allow_errors: bool = False,
    notebook: str | Path | None = None, progress: bool = True,
) -> list[ReportOutcome]:
    """Render every report under ``data_dir``; write the manifest and the index; return the outcomes."""
    from tqdm import tqdm

    data_dir, reports_dir = Path(data_dir), Path(reports_dir)
    notebook = Path(notebook) if notebook else default_notebook()
    previous = {(r["unit"], r["period"], r["lang"]): r for r in read_manifest(reports_dir)["reports"]}
    outcomes: list[ReportOutcome] = []
    todo = []
    for job in discover_jobs(data_dir, langs):
        inputs = {_relative(p, data_dir): sha256_of(p) for p in job_inputs(data_dir, job)}
        key = job_key(job, inputs, notebook, allow_errors)
        before = previous.get((job.unit, job.period, job.lang))
        if (not force and before and before.get("key") == key and before.get("status") in ("built", "unchanged")
                and (reports_dir / before.get("html", "")).is_file()):
            outcomes.append(ReportOutcome(**{**before, "status": "unchanged", "duration_seconds": 0.0}))
        else:
            todo.append((job, key, inputs))
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_build_one, job, str(data_dir), str(reports_dir), str(notebook), allow_errors,
                               key, inputs, current_lang()) for job, key, inputs in todo]
        for future in tqdm(as_completed(futures), total=len(futures), disable=not progress or not futures,
                           desc="reports", unit="report"):
            outcomes.append(future.result())
    outcomes.sort(key=lambda o: (o.unit, o.period, LANGS.index(o.lang) if o.lang in LANGS else 9))
    write_manifest(reports_dir, outcomes)
    for lang in langs:
        write_index(reports_dir, outcomes, lang, data_dir, others=[other for other in langs if other != lang],
                    primary=langs[0])
    return outcomes


def index_name(lang: str, primary: str = "vi") -> str:
    """``index.html`` in the first language, ``index.<lang>.html`` in the others.

    >>> index_name("vi"), index_name("en")
    ('index.html', 'index.en.html')
    """
    return INDEX if lang == primary else f"index.{lang}.html"


def write_manifest(reports_dir: Path, outcomes: list[ReportOutcome]) -> Path:
    """``reports/manifest.json``: every report, its status, duration, inputs and the package version."""
    manifest = {"package_version": package_version(), "code_digest": code_digest(),
                "generated_at": dt.datetime.now(VIETNAM_TIME).isoformat(timespec="seconds"),
                "reports": [asdict(o) for o in outcomes]}
    path = Path(reports_dir) / MANIFEST
    write_text_atomic(path, json.dumps(manifest, ensure_ascii=False, indent=2))
    return path


# Each language's name, and the link to the index in it (in the index's own language).
LANGUAGE_NAMES = {"vi": N_("index.lang.vi"), "en": N_("index.lang.en")}
OTHER_INDEX = {"vi": N_("index.other.vi"), "en": N_("index.other.en")}


def write_index(reports_dir: Path, outcomes: list[ReportOutcome], lang: str = "vi",
                data_dir: str | Path | None = None, others: list[str] | None = None, primary: str = "vi") -> Path:
    """``reports/index.html``: a self-contained page linking every report with its status counts."""
    from dxanalysis.write.narrative import environment
    from dxanalysis.periods import parse_period
    from dxanalysis.read.units import read_units

    registry = {}
    for outcome in outcomes:
        registry.setdefault((outcome.unit, outcome.period), {})[outcome.lang] = outcome
    rows = []
    for (unit, period), by_lang in registry.items():
        first = next(iter(by_lang.values()))
        counts = first.counts or {}
        rows.append({
            "unit": unit, "period": parse_period(period).label(lang), "period_slug": period,
            "links": sorted(({"lang": o.lang, "href": o.html, "text": gettext(LANGUAGE_NAMES[o.lang], lang)}
                             for o in by_lang.values() if o.html),
                            key=lambda link: link["lang"] != lang),
            "failed": [f"{o.lang}: {o.reason}" for o in by_lang.values() if o.status == "failed"],
            "achieved": counts.get("exceeded", 0) + counts.get("met", 0), "not_met": counts.get("not_met", 0),
            "no_target": counts.get("no_target", 0), "no_data": counts.get("no_data", 0),
            "illustrative": first.illustrative,
        })
    names: dict[str, str] = {}
    if data_dir is not None and (Path(data_dir) / "units.csv").exists():
        names = {slug: unit.name(lang) for slug, unit in read_units(Path(data_dir) / "units.csv").items()}
    for row in rows:
        row["name"] = names.get(row["unit"], row["unit"])
    css = (TEMPLATES_DIR / "html" / "report.css").read_text(encoding="utf-8")
    page = environment(lang).get_template("html/index.html.j2").render(
        lang=lang, rows=rows, css=css,
        generated=dt.datetime.now(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M %Z"), version=package_version(),
        built=sum(o.status != "failed" for o in outcomes), failed=sum(o.status == "failed" for o in outcomes),
        translations=[{"lang": other, "href": index_name(other, primary), "text": gettext(OTHER_INDEX[other], lang)}
                      for other in others or []],
    )
    path = Path(reports_dir) / index_name(lang, primary)
    write_text_atomic(path, page)
    return path
