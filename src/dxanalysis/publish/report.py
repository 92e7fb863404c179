"""Build the published review: papermill runs the notebook, nbconvert writes the page.

``reports/<unit>/<period>/review.ipynb`` is the executed notebook (kept as
the run's record, and for debugging when a cell fails);
``reports/<unit>/<period>/review.html`` is the page to publish: no code, no
injected-parameters cell, no stderr, images embedded, a table of contents,
``<html lang="vi">``, and no request leaving the file.

The page is made by :class:`dxanalysis.publish.exporter.DxReportExporter`, the
exporter ``jupyter nbconvert --to dxreport`` uses, so both write the same page.

Examples
--------
>>> report_dir("hong-ngu", "2022-H1").as_posix(), report_stem("en")
('reports/hong-ngu/2022-H1', 'review.en')
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxanalysis.atomic import write_text_atomic
from dxanalysis.config import REPORTS_DIR, default_notebook
from dxanalysis.exceptions import ReportBuildError
from dxanalysis.i18n import Message
from dxanalysis.slugs import check_period_slug, check_slug, inside, outside

if TYPE_CHECKING:  # pragma: no cover
    from dxanalysis.assess.review import Review
    from dxanalysis.publish.exporter import DxReportExporter

KERNEL_NAME = "python3"
# What a report's kernel imports before its first cell, while the caller reads the data: the
# notebook's own imports and the charts'.
KERNEL_WARM_UP = """\
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot
import seaborn
import dxanalysis.assess.review
import dxanalysis.provenance
import dxanalysis.write.charts
import dxanalysis.write.sections
"""
# The steps of building a report, in order, as ``on_step`` is told of each when it starts (the command
# line shows them on a terminal): reading and checking the data, running the notebook, exporting the
# page, writing the Word document, printing the PDF.
REPORT_STEPS = ("read", "execute", "export", "docx", "pdf")


def export_html(executed: str | Path, html_path: str | Path, lang: str | None = None) -> Path:
    """Convert an executed report notebook to the published, self-contained page at ``html_path``.

    The same conversion as ``jupyter nbconvert --to dxreport executed.ipynb``: the page's language
    is the one the notebook was run with, unless ``lang`` says otherwise.
    """
    body, _ = report_exporter(lang or "").from_filename(str(executed))
    write_text_atomic(html_path, body)
    return Path(html_path)


@functools.lru_cache(maxsize=None)
def report_exporter(lang: str = "") -> DxReportExporter:
    """The exporter for pages in ``lang`` (``""``: the notebook's), made once per process: its templates
    are read and compiled once, not once per page."""
    from dxanalysis.publish.exporter import DxReportExporter

    return DxReportExporter(lang=lang)


@contextlib.contextmanager
def _stderr_to(log_path: Path) -> Iterator[None]:
    # The kernel is a child process that inherits file descriptor 2; its start-up
    # chatter (ipykernel's transport warnings) belongs in the run's log, not on
    # the analyst's terminal.
    sys.stderr.flush()
    saved = os.dup(2)
    with open(log_path, "ab") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def execute_report_notebook(notebook: str | Path, output: str | Path, parameters: dict[str, Any]) -> Path:
    """Run the report notebook with ``parameters`` through papermill into ``output``.

    The kernel's own messages go to ``review.log`` beside ``output``. A failing
    cell raises :class:`ReportBuildError` naming the cell and the error; the
    executed notebook is kept at ``output`` to show where it failed.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from dxanalysis.publish.engine import ENGINE_NAME

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    log_path = output.with_suffix(".log")
    log_path.unlink(missing_ok=True)
    # papermill saves as it goes; a run of its own temp name, renamed at the end,
    # means a reader (or a second run) never sees half a notebook.
    partial = output.with_name(f".{output.stem}.{os.getpid()}.partial.ipynb")
    try:
        for attempt in range(KERNEL_START_ATTEMPTS):
            try:
                with _stderr_to(log_path):
                    # saved when done (and every 30 s), not before and after every cell
                    pm.execute_notebook(str(notebook), str(partial), parameters=parameters, kernel_name=KERNEL_NAME,
                                        progress_bar=False, cwd=str(Path(notebook).parent), engine_name=ENGINE_NAME,
                                        kernel_log=str(log_path.resolve()), request_save_on_cell_execute=False)
                break
            except RuntimeError as err:
                # Kernels started at once in a batch can pick the same free port (jupyter_client
                # chooses ports before binding them); such a kernel dies before it answers. Start again.
                if attempt + 1 == KERNEL_START_ATTEMPTS or not _died_at_start(err, log_path):
                    raise
    except PapermillExecutionError as err:
        os.replace(partial, output)  # kept, with the error shown, for debugging
        error = f"{err.ename}: {err.evalue}"
        raise ReportBuildError(Message("error.notebook_failed", {
            "cell": err.cell_index, "error": error, "notebook": output, "log": log_path}), output) from None
    except (KeyboardInterrupt, SystemExit):
        partial.unlink(missing_ok=True)
        raise
    except Exception as err:  # noqa: BLE001 - jupyter_client's kernel failures have no common base
        partial.unlink(missing_ok=True)
        if isinstance(err, OSError) and err.filename and Path(str(err.filename)).parent == output.parent:
            raise  # our own folder (read-only, full): the CLI says so in one line
        error = ": ".join((type(err).__name__, str(err)))
        raise ReportBuildError(Message("error.kernel_failed", {
            "kernel": KERNEL_NAME, "error": error, "said": _last_log_line(log_path),
            "python": Path(sys.executable).name}), output) from None
    os.replace(partial, output)
    return output


KERNEL_START_ATTEMPTS = 3


def _died_at_start(err: RuntimeError, log_path: Path) -> bool:
    """True for a kernel that died before its first reply because its port was taken meanwhile."""
    if "before replying to kernel_info" not in str(err):
        return False
    try:  # jupyter_client writes its own line after the kernel's traceback: look at the whole log
        return "Address already in use" in log_path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _last_log_line(log_path: Path) -> str:
    """The kernel's last words (``No module named ipykernel_launcher``), when it left any."""
    try:
        lines = [line.strip() for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines()]
    except OSError:
        return ""
    lines = [line for line in lines if line]
    return lines[-1] if lines else "—"


def report_dir(unit: str, period: str, reports_dir: str | Path = REPORTS_DIR) -> Path:
    """``reports/<unit>/<period>/``: stable, predictable output names, never outside ``reports_dir``.

    >>> report_dir("hong-ngu", "2022-H1").as_posix()
    'reports/hong-ngu/2022-H1'
    >>> report_dir("../x", "2022-H1")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một mã đơn vị gồm chữ, số và dấu '-' (ví dụ hong-ngu), nhưng gặp '../x'.
    """
    folder = Path(reports_dir) / check_slug(unit) / check_period_slug(period)
    inside(folder, reports_dir)
    return folder


# The Vietnamese review is the page; other languages sit beside it (file names, not words).
REPORT_STEMS = {"vi": "review"}


def report_stem(lang: str) -> str:
    """The file name (without suffix) of a review in ``lang``: ``review`` (vi) or ``review.en``.

    >>> report_stem("vi"), report_stem("en")
    ('review', 'review.en')
    """
    return REPORT_STEMS.get(lang, f"review.{lang}")


def render_review(
    review: Review, *, lang: str = "vi", data_dir: str | Path = "data/raw", reports_dir: str | Path = REPORTS_DIR,
    notebook: str | Path | None = None, pdf: bool = False, on_step: Callable[[str], None] | None = None,
    docx: bool = False,
) -> Path:
    """Run the notebook for a loaded ``review`` and export its page (no checks on findings).

    The kernel receives ``review`` itself (a file private to this run, removed
    afterwards), so the inputs are read once, by the caller. ``on_step`` is
    called with each step of :data:`REPORT_STEPS` as it starts. With ``docx``,
    the Word document is written beside the page (:func:`write_review_docx`); with
    ``pdf`` too and LibreOffice on the machine, the PDF is the Word document's,
    else the page's printed by Chromium (:func:`pdf_source` says which).
    """
    import tempfile

    step = on_step or (lambda name: None)

    from dxanalysis.assess.review import write_prepared_review

    out_dir = report_dir(review.unit.slug, review.period.slug, reports_dir)
    outside(out_dir, data_dir)  # --reports-dir data with a unit called "raw" must not write into data/raw
    stem = report_stem(lang)
    notebook = Path(notebook) if notebook else default_notebook()
    with tempfile.TemporaryDirectory(prefix="dxanalysis-") as private:
        prepared = write_prepared_review(review, Path(private) / "review.pickle")
        parameters = {"unit": review.unit.slug, "period": review.period.slug, "lang": lang,
                      "data_dir": str(Path(data_dir).resolve()), "prepared_review": str(prepared)}
        report_exporter()  # made now, while the kernel may still be starting
        step("execute")
        executed = execute_report_notebook(notebook, out_dir / f"{stem}.ipynb", parameters)
    # no lang given: the exporter reads it from the notebook's papermill parameters, as nbconvert does
    step("export")
    html = export_html(executed, out_dir / f"{stem}.html")
    word = None
    if docx:
        step("docx")
        word = write_review_docx(review, out_dir / f"{stem}.docx", lang=lang, data_dir=data_dir)
    if pdf:
        step("pdf")
        if word is not None and pdf_source(docx) == "docx":
            from dxanalysis.publish.office import convert_to_pdf

            convert_to_pdf(word, out_dir / f"{stem}.pdf")
        else:
            from dxanalysis.publish.browser import print_pdf

            print_pdf(html, out_dir / f"{stem}.pdf")
    return html


def pdf_source(docx: bool) -> str:
    """What the PDF is printed from: ``"docx"`` (the Word document, through LibreOffice) when the Word
    document is written and LibreOffice is installed, else ``"html"`` (the page, through Chromium).

    >>> pdf_source(False)
    'html'
    """
    from dxanalysis.publish.office import find_soffice

    return "docx" if docx and find_soffice() else "html"


def write_review_docx(review: Review, path: str | Path, *, lang: str = "vi", data_dir: str | Path = "data/raw") -> Path:
    """Write the review as a Word document at ``path`` (see :mod:`dxanalysis.write.word`), its appendix's
    provenance as the page's: the files read, shown relative to the project folder above ``data_dir``."""
    from dxanalysis.provenance import collect_provenance
    from dxanalysis.publish.office import write_docx

    base = Path(data_dir).resolve()
    provenance = collect_provenance(review.inputs, {"unit": review.unit.slug, "period": review.period.slug,
                                                    "lang": lang}, base=base.parents[1] if len(base.parents) > 1 else base,
                                    digests=review.input_digests)
    return write_docx(review, provenance, path, lang, data_dir)


def prestart_kernel(notebook: str | Path | None = None) -> None:
    """Start the kernel for the next report now, and have it import what a report needs, without waiting.

    The kernel boots on another core while this process reads the data; the
    report then runs on it (see :mod:`dxanalysis.publish.engine`).
    """
    from dxanalysis.publish.engine import prestart

    notebook = Path(notebook) if notebook else default_notebook()
    try:
        prestart(KERNEL_NAME, notebook.resolve().parent, KERNEL_WARM_UP)
    except Exception:  # noqa: BLE001 - a kernel that cannot start is reported when the report runs on it
        pass


def build_report(
    unit: str, period: str, *, lang: str = "vi", data_dir: str | Path = "data/raw",
    reports_dir: str | Path = REPORTS_DIR, notebook: str | Path | None = None, allow_errors: bool = False,
    pdf: bool = False, on_step: Callable[[str], None] | None = None, docx: bool = False,
) -> Path:
    """Check the inputs, run the notebook and export ``reports/<unit>/<period>/review.html``.

    English goes to ``review.en.html``. Refuses to build when the data holds
    errors (raises :class:`ValidationFailed`) unless ``allow_errors`` is true,
    in which case the page says so at the top. With ``pdf``, also prints the
    page to PDF beside it through headless Chromium. ``on_step`` is called with
    each step of :data:`REPORT_STEPS` as it starts. With ``docx``, also writes ``review.docx``.
    """
    if on_step:
        on_step("read")
    prestart_kernel(notebook)  # it starts up while the inputs are read (and pandas is imported)

    from dxanalysis.assess.review import ensure_publishable, load_review

    review = load_review(unit, period, data_dir)
    ensure_publishable(review, allow_errors)
    return render_review(review, lang=lang, data_dir=data_dir, reports_dir=reports_dir, notebook=notebook, pdf=pdf,
                         on_step=on_step, docx=docx)
