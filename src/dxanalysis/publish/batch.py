"""Publish every unit × period found in ``data/raw``: in parallel, incrementally, with an index.

``run_batch`` renders each review in its own process (``jobs`` at a time),
goes on past a failing one, and writes ``reports/manifest.json`` (each
report's status, duration, input hashes, package version) and
``reports/index.html``, the overview (:mod:`dxanalysis.publish.overview`) linking every report.
A report whose inputs, notebook and code are unchanged since the manifest
was written is not executed again unless ``force`` is set.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> jobs = discover_jobs(EXAMPLE_DATA_DIR, ("vi",))
>>> [job for job in jobs if job.unit == "hong-ngu"][0]
ReportJob(unit='hong-ngu', period='2021-H1', lang='vi')
>>> sorted({job.unit for job in jobs})[:3]
['binh-phu', 'cao-lanh', 'dong-thap']
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from dxanalysis.assess.review import Review, ReviewSource
from dxanalysis.atomic import write_texts_together
from dxanalysis.exceptions import DxAnalysisError
from dxanalysis.config import PACKAGE_DIR, REPORTS_DIR, default_notebook
from dxanalysis.i18n import LANGS, Message, current_lang, gettext, using_lang
from dxanalysis.read.folders import find_period_folders, unit_dir
from dxanalysis.read.lineage import Lineage, lineage_path, load_lineage
from dxanalysis.read.units import read_units
from dxanalysis.provenance import VIETNAM_TIME, package_version, sha256_of
from dxanalysis.publish.overview import index_name, overview_page, page_link, review_cells

MANIFEST = "manifest.json"


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
    # the overview's cells (publish.overview.review_cells), kept here: an unchanged report is not loaded again
    cells: dict[str, dict] = field(default_factory=dict)


def discover_jobs(data_dir: str | Path, langs: tuple[str, ...] = ("vi",)) -> list[ReportJob]:
    """Every unit × period folder with an indicator file, in each language."""
    return [ReportJob(unit, period.slug, lang)
            for unit, period, _ in find_period_folders(data_dir) for lang in langs]


def job_inputs(data_dir: str | Path, job: ReportJob) -> list[Path]:
    """Every file that may feed the job's review (over-inclusive, never under).

    The registry, catalog and lineage, every file of the unit (all periods: history and
    plan), the same period of any other unit (children), the plan files of every unit
    it is or was under (an inherited plan), and every file of every unit it was formed
    from (its history re-based from them).
    """
    data_dir = Path(data_dir)
    files = [data_dir / "units.csv", data_dir / "catalog.csv", lineage_path(data_dir)]
    files += sorted(p for p in unit_dir(data_dir, job.unit).rglob("*") if p.is_file())
    files += sorted(p for p in data_dir.glob(f"*/{job.period}/*") if p.is_file() and p.parts[-3] != job.unit)
    above, before = _related_units(data_dir, job.unit)
    for slug in above:
        files += sorted(p for p in unit_dir(data_dir, slug).glob("*") if p.is_file())
    for slug in before:
        files += sorted(p for p in unit_dir(data_dir, slug).rglob("*") if p.is_file())
    return [p for p in dict.fromkeys(files) if p.exists()]


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return 0, 0
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=4)
def _registry(data_dir: Path, *stamps: tuple[int, int]) -> tuple[dict, Lineage]:
    # read once per batch (the stamps make an edited file read again), not once per job
    return read_units(data_dir / "units.csv"), load_lineage(data_dir)


def _related_units(data_dir: Path, unit: str) -> tuple[set[str], set[str]]:
    """The units ``unit`` is or was under (at any date), and those it was formed from (at any depth).

    An unreadable registry or lineage gives none: the review then fails and says why.
    """
    try:
        units, lineage = _registry(data_dir, _stamp(data_dir / "units.csv"), _stamp(lineage_path(data_dir)))
    except DxAnalysisError:
        return set(), set()
    before, queue = set(), [unit]
    while queue:
        for transfer in lineage.predecessors(queue.pop()):
            if transfer.predecessor not in before:
                before.add(transfer.predecessor)
                queue.append(transfer.predecessor)
    above, queue = set(), [unit, *before]
    while queue:
        current = units.get(queue.pop())
        parents = {current.parent, *(spell.parent for spell in current.parents)} if current else set()
        for parent in parents - above - {""}:
            above.add(parent)
            queue.append(parent)
    return above, before


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the package's code and templates: a changed template re-renders every report."""
    digest = hashlib.sha256(package_version().encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".css", ".csv", ".json", ".mo"):
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


def _prepare(job: ReportJob, source: ReviewSource, allow_errors: bool, key: str,
             inputs: dict[str, str]) -> tuple[ReportOutcome, Review | None]:
    """In the parent: load and check one review from the batch's shared source.

    Returns the outcome so far and the review to render, or ``None`` when the
    review may not be published (the outcome then says why).
    """
    from dxanalysis.assess.review import ensure_publishable
    from dxanalysis.assess.status import status_counts
    from dxanalysis.exceptions import DxAnalysisError, ValidationFailed

    outcome = ReportOutcome(job.unit, job.period, job.lang, "failed", key=key, inputs=inputs)
    try:
        review = source.review(job.unit, job.period)
        outcome.counts = status_counts(review.observations)
        outcome.illustrative = bool(review.illustrative_periods())
        outcome.cells = review_cells(review, job.lang)
        ensure_publishable(review, allow_errors)
    except ValidationFailed as failed:
        errors = [f for f in failed.findings if f.severity == "error"]
        reasons = "; ".join(f.describe() for f in errors[:2])
        outcome.reason = gettext("batch.and_more", reasons=reasons, n=len(errors) - 2) if len(errors) > 2 \
            else reasons
        return outcome, None
    except DxAnalysisError as err:
        outcome.reason = str(err)
        return outcome, None
    except Exception as err:  # noqa: BLE001 - one broken review must not stop the batch; it is reported
        outcome.reason = ": ".join((type(err).__name__, str(err)))
        return outcome, None
    return outcome, review


def _render(outcome: ReportOutcome, review: Review, data_dir: str, reports_dir: str, notebook: str,
            messages_lang: str = "vi") -> ReportOutcome:
    """In a worker process: run the notebook for a prepared review and export its page.

    A failure is told in ``messages_lang``: a worker starts in the default language, not the command's.
    """
    started = time.perf_counter()
    with using_lang(messages_lang):
        _render_here(outcome, review, data_dir, reports_dir, notebook)
    outcome.duration_seconds = round(outcome.duration_seconds + time.perf_counter() - started, 2)
    return outcome


def _render_here(outcome: ReportOutcome, review: Review, data_dir: str, reports_dir: str, notebook: str) -> None:
    from dxanalysis.exceptions import DxAnalysisError
    from dxanalysis.publish.report import render_review

    try:
        html = render_review(review, lang=outcome.lang, data_dir=data_dir, reports_dir=reports_dir,
                             notebook=notebook)
        outcome.status, outcome.html = "built", _relative(html, Path(reports_dir))
    except DxAnalysisError as err:
        outcome.reason = str(err)
    except Exception as err:  # noqa: BLE001 - one broken report must not stop the batch; it is reported
        outcome.reason = f"{type(err).__name__}: {err}"


def read_manifest(reports_dir: str | Path) -> dict:
    """The last batch's manifest, or an empty one."""
    path = Path(reports_dir) / MANIFEST
    if not path.exists():
        return {"reports": []}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {"reports": []}  # a damaged manifest only costs a full rebuild
    reports = manifest.get("reports") if isinstance(manifest, dict) else None
    # An entry this version cannot take at its word (edited by hand, another version) is left out:
    # at worst its report is built again.
    fields = set(ReportOutcome.__dataclass_fields__)
    kept = [r for r in reports if isinstance(r, dict) and set(r) <= fields
            and all(isinstance(r.get(k), str) for k in ("unit", "period", "lang", "status"))
            and _safe_link(r.get("html", ""))] if isinstance(reports, list) else []
    return {**manifest, "reports": kept} if isinstance(manifest, dict) else {"reports": []}


def _safe_link(html: object) -> bool:
    if html == "":
        return True
    try:
        page_link(str(html))
    except ValueError:
        return False
    return isinstance(html, str)


def run_batch(
    data_dir: str | Path = "data/raw", reports_dir: str | Path = REPORTS_DIR, *, langs: tuple[str, ...] = ("vi",),
    jobs: int | None = None, force: bool = False, allow_errors: bool = False,
    notebook: str | Path | None = None, progress: bool = True,
) -> list[ReportOutcome]:
    """Render every report under ``data_dir``; write the manifest and the index; return the outcomes.

    Two batches into the same ``reports_dir`` take turns (a lock file), so
    neither sees the other's half-written pages; Ctrl-C raises
    :class:`BatchInterrupted` after stopping the workers, keeping what finished.
    """
    with _batch_lock(Path(reports_dir)):
        return _run_batch(data_dir, reports_dir, langs=langs, jobs=jobs, force=force, allow_errors=allow_errors,
                          notebook=notebook, progress=progress)


@contextlib.contextmanager
def _batch_lock(reports_dir: Path) -> Iterator[None]:
    """Hold ``reports/.dxanalysis.lock`` for a batch (POSIX advisory lock; elsewhere no lock)."""
    try:
        import fcntl
    except ImportError:  # Windows: one batch at a time is the user's to ensure
        yield
        return
    reports_dir.mkdir(parents=True, exist_ok=True)
    with open(reports_dir / ".dxanalysis.lock", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(gettext("cli.waiting_for_batch", folder=reports_dir), file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_batch(data_dir: str | Path, reports_dir: str | Path, *, langs: tuple[str, ...], jobs: int | None,
               force: bool, allow_errors: bool, notebook: str | Path | None, progress: bool) -> list[ReportOutcome]:
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
    # Every review is loaded here, from one source: an input shared by many reviews (an earlier period,
    # a commune) is read and cleaned once per batch. Each is handed to a worker as soon as it is loaded,
    # so the workers start on the first while the next are read.
    source = ReviewSource(data_dir)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    pool, futures = None, {}
    bar = tqdm(total=len(todo), disable=not progress or not todo, desc=gettext("batch.progress"),
               unit=gettext("batch.progress_unit"))
    try:
        if todo:
            pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(str(notebook),),
                                       mp_context=_worker_context())
        for job, key, inputs in todo:
            started = time.perf_counter()
            outcome, review = _prepare(job, source, allow_errors, key, inputs)
            outcome.duration_seconds = round(time.perf_counter() - started, 2)
            if review is None:
                outcomes.append(outcome)
                bar.update()
            else:
                futures[pool.submit(_render, outcome, review, str(data_dir), str(reports_dir), str(notebook),
                                    current_lang())] = outcome
        for future in as_completed(futures):
            try:
                outcomes.append(future.result())
            except BrokenProcessPool as err:  # a worker was killed (out of memory, a signal): say so per report
                outcome = futures[future]
                outcome.reason = ": ".join((type(err).__name__, str(err)))
                outcomes.append(outcome)
            bar.update()
    except KeyboardInterrupt:
        bar.close()
        if pool is not None:
            _stop(pool, list(futures))
        _publish(reports_dir, outcomes, langs, source)  # what finished is kept and listed
        built = sum(o.status == "built" for o in outcomes)
        raise BatchInterrupted(built, len(todo) - built - sum(o.status == "failed" for o in outcomes)) from None
    bar.close()
    if pool is not None:
        pool.shutdown()
    return _publish(reports_dir, outcomes, langs, source)


def _publish(reports_dir: Path, outcomes: list[ReportOutcome], langs: tuple[str, ...],
             source: ReviewSource) -> list[ReportOutcome]:
    """Merge ``outcomes`` into the manifest and write it with the index pages: all of them, or none."""
    outcomes = sorted(outcomes, key=lambda o: (o.unit, o.period, LANGS.index(o.lang) if o.lang in LANGS else 9))
    merged = merge_outcomes(read_manifest(reports_dir)["reports"], outcomes, reports_dir)
    try:
        units = source.units  # read once already by the reviews (or not at all if every report is unchanged)
    except DxAnalysisError:
        units = {}  # the failed reports say why; the index then shows slugs
    try:
        catalog = source.catalog
    except DxAnalysisError:
        catalog = None  # the index then heads its columns with the indicators' codes
    try:
        lineage = source.lineage
    except DxAnalysisError:
        lineage = None  # validate says what is wrong with lineage.csv; the index then shows no lineage
    pages = {Path(reports_dir) / MANIFEST: manifest_text(merged)}
    # index.html is always the Vietnamese index, index.en.html the English one, each listing every
    # report of every language the manifest holds: a batch of one language never hides the other's.
    present = [lang for lang in LANGS if lang in langs or any(o.lang == lang for o in merged)]
    for lang in present:
        pages[Path(reports_dir) / index_name(lang)] = overview_page(
            merged, lang, units, others=[other for other in present if other != lang], catalog=catalog,
            lineage=lineage)
    write_texts_together(pages)
    return outcomes


def merge_outcomes(previous: list[dict], outcomes: list[ReportOutcome], reports_dir: Path) -> list[ReportOutcome]:
    """This run's outcomes over the manifest's earlier ones (another language, another batch).

    An earlier entry stays while its page is still there; this run's entry
    replaces the earlier one of the same unit × period × language.

    >>> earlier = [{"unit": "a", "period": "2022", "lang": "vi", "status": "built", "html": "missing.html"},
    ...            {"unit": "a", "period": "2022", "lang": "en", "status": "failed", "reason": "x"}]
    >>> [(o.lang, o.status) for o in merge_outcomes(earlier, [ReportOutcome("a", "2022", "vi", "built")], Path("."))]
    [('vi', 'built'), ('en', 'failed')]
    """
    mine = {(o.unit, o.period, o.lang) for o in outcomes}
    kept = []
    for entry in previous:
        try:
            earlier = ReportOutcome(**entry)
        except TypeError:
            continue  # an entry from another version of dxanalysis: this run rebuilds it if needed
        if (earlier.unit, earlier.period, earlier.lang) in mine:
            continue
        if earlier.status == "failed" or (earlier.html and (Path(reports_dir) / earlier.html).is_file()):
            kept.append(earlier)
    merged = [*outcomes, *kept]
    return sorted(merged, key=lambda o: (o.unit, o.period, LANGS.index(o.lang) if o.lang in LANGS else 9))


class BatchInterrupted(DxAnalysisError):
    """Ctrl-C during a batch: pending reports were cancelled and the workers stopped."""

    def __init__(self, built: int, cancelled: int) -> None:
        self.built, self.cancelled = built, cancelled
        super().__init__(Message("error.batch_interrupted", {"built": built, "cancelled": cancelled}))


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers started afresh (spawned), not forked: this process has threads by now (the CSV reader's),
    and a fork of a process with threads may deadlock in the child (Python 3.12+ warns of it). Each
    worker pays its imports once, for all its reports; it stays this process's child, and dies with it."""
    return multiprocessing.get_context("spawn")


def _worker_start(notebook: str) -> None:
    """In each worker: Ctrl-C is the parent's to handle, the worker dies with the parent, and its kernel
    starts now, while the first review is on its way.

    The worker runs all its reports on that one kernel, reset between them (see
    :mod:`dxanalysis.publish.engine`), and shuts it down when the pool ends.
    """
    from multiprocessing.util import Finalize

    from dxanalysis.publish.engine import KERNELS
    from dxanalysis.publish.report import prestart_kernel

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)
    # A kernel polls its parent (JPY_PARENT_PID) and exits with this worker if it is killed; a worker
    # that ends normally shuts its kernel down (a worker exits without running atexit's functions).
    Finalize(None, KERNELS.shutdown_all, exitpriority=10)
    prestart_kernel(notebook)


def _stop(pool: ProcessPoolExecutor, futures: list) -> None:
    """Cancel what has not started, and end the workers (and with them their kernels) now."""
    for future in futures:
        future.cancel()
    # ProcessPoolExecutor has no public way to stop running work; its process table is stable across versions.
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    if sys.version_info < (3, 11):
        # Python 3.10's pool then waits for its feeder thread, which may be stuck writing a review into
        # the pipe that the ended workers no longer read (CPython issue 94777): close the pipe's reading
        # end, as 3.11 does itself, so that the write fails and the shutdown goes on.
        call_queue = getattr(pool, "_call_queue", None)
        if call_queue is not None:
            call_queue._reader.close()
    pool.shutdown(wait=True, cancel_futures=True)


def manifest_text(outcomes: list[ReportOutcome]) -> str:
    """``reports/manifest.json``: every report, its status, duration, inputs and the package version."""
    manifest = {"package_version": package_version(), "code_digest": code_digest(),
                "generated_at": dt.datetime.now(VIETNAM_TIME).isoformat(timespec="seconds"),
                "reports": [asdict(o) for o in outcomes]}
    return json.dumps(manifest, ensure_ascii=False, indent=2)
