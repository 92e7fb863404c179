"""Build the published review: papermill runs the notebook, nbconvert writes the page.

``reports/<unit>/<period>/review.ipynb`` is the executed notebook (kept as
the run's record, and for debugging when a cell fails);
``reports/<unit>/<period>/review.html`` is the page to publish: no code, no
injected-parameters cell, no stderr, images embedded, a table of contents,
``<html lang="vi">``, and no request leaving the file.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[
...     nbformat.v4.new_output("display_data", {"text/html": '<h1>Sơ kết</h1><h2 id="summary">Tóm tắt</h2>'}),
...     nbformat.v4.new_output("stream", name="stderr", text="warning"),
... ])])
>>> nb, _ = DropStderrPreprocessor().preprocess(nb, {})
>>> [o.output_type for o in nb.cells[0].outputs]
['display_data']
>>> collect_headings(nb)
[(2, 'summary', 'Tóm tắt', '')]
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
from nbconvert.preprocessors import Preprocessor

from dxanalysis.atomic import write_text_atomic
from dxanalysis.config import NBCONVERT_TEMPLATES_DIR, REPORTS_DIR, TEMPLATES_DIR, default_notebook
from dxanalysis.exceptions import ReportBuildError
from dxanalysis.i18n import Message, gettext
from dxanalysis.provenance import package_version
from dxanalysis.slugs import check_period_slug, check_slug, inside, outside

if TYPE_CHECKING:  # pragma: no cover
    from dxanalysis.assess.review import Review

KERNEL_NAME = "python3"
# The steps of building a report, in order, as ``on_step`` is told of each when it starts (the command
# line shows them on a terminal): reading and checking the data, running the notebook, exporting the
# page, printing the PDF.
REPORT_STEPS = ("read", "execute", "export", "pdf")
REMOVED_CELL_TAGS = {"parameters", "injected-parameters", "dx-remove"}


class DropStderrPreprocessor(Preprocessor):
    """Remove stderr streams (warnings, progress bars) from every cell's outputs."""

    def preprocess_cell(self, cell, resources, index):  # noqa: ANN001, ANN201 - nbconvert's signature
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.get("name") == "stderr")]
        return cell, resources


def css_string(text: str) -> str:
    """``text`` as the inside of a double-quoted CSS string, every character but ASCII letters,
    digits and spaces written as a hex escape, so no value can close the string or the ``<style>``.

    >>> print(css_string('Sơ kết </style><script>"x"'))
    S\\1a1  k\\1ebf t \\3c \\2f style\\3e \\3c script\\3e \\22 x\\22
    """
    return "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} " for c in text)


class _HeadingParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str, str, str]] = []
        self._open: tuple[int, str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if tag in ("h2", "h3") and ident:  # its lang: an analyst's title the English page shows in Vietnamese
            self._open, self._text = (int(tag[1]), ident, dict(attrs).get("lang") or ""), []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == f"h{self._open[0]}":
            level, ident, lang = self._open
            self.headings.append((level, ident, " ".join("".join(self._text).split()), lang))
            self._open = None


def _html_outputs(nb: nbformat.NotebookNode) -> Iterator[tuple[int, str]]:
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html:
                yield index, "".join(html) if isinstance(html, list) else html


def collect_headings(nb: nbformat.NotebookNode) -> list[tuple[int, str, str, str]]:
    """Every ``<h2 id>``/``<h3 id>`` in the notebook's HTML outputs, in order: (level, id, text, lang),
    lang ``""`` unless the heading names one."""
    parser = _HeadingParser()
    for _, html in _html_outputs(nb):
        parser.feed(html)
    return parser.headings


def toc_html(headings: list[tuple[int, str, str, str]], lang: str) -> str:
    """A nested ordered list of links to the headings, each in its heading's language.

    >>> print(toc_html([(2, "a", "A", ""), (3, "b", "B", "vi"), (2, "c", "C", "")], "en"))
    <nav class="dx-toc" aria-labelledby="toc"><h2 id="toc">Contents</h2><ol><li><a href="#a">A</a><ol><li><a href="#b" lang="vi">B</a></li></ol></li><li><a href="#c">C</a></li></ol></nav>
    """
    from html import escape

    heading = escape(gettext("toc", lang))
    parts = [f'<nav class="dx-toc" aria-labelledby="toc"><h2 id="toc">{heading}</h2><ol>']
    open_sub = False
    for position, (level, ident, text, text_lang) in enumerate(headings):
        marked = f' lang="{escape(text_lang)}"' if text_lang else ""
        link = f'<a href="#{escape(ident)}"{marked}>{escape(text)}</a>'
        if level == 2:
            if open_sub:
                parts.append("</ol></li>")
                open_sub = False
            elif position:
                parts.append("</li>")
            parts.append(f"<li>{link}")
        else:
            if not open_sub:
                parts.append("<ol>")
                open_sub = True
            parts.append(f"<li>{link}</li>")
    parts.append("</ol></li>" if open_sub else ("</li>" if headings else ""))
    parts.append("</ol></nav>")
    return "".join(parts)


class TableOfContentsPreprocessor(Preprocessor):
    """Insert a table of contents after the cell that shows the page header."""

    def preprocess(self, nb, resources):  # noqa: ANN001, ANN201 - nbconvert's signature
        lang = resources.get("language_code", "vi")
        headings = [h for h in collect_headings(nb) if h[1] != "toc"]
        header_cell = next((i for i, html in _html_outputs(nb) if 'class="dx-header"' in html), -1)
        toc = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
            "display_data", {"text/html": toc_html(headings, lang)})])
        toc.id = "dx-toc"  # not random: the same inputs give the same page, byte for byte
        nb.cells.insert(header_cell + 1, toc)
        return nb, resources


def export_html(executed: str | Path, html_path: str | Path, lang: str = "vi", title: str = "") -> Path:
    """Convert an executed report notebook to the published, self-contained HTML page."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(executed, as_version=4)
    if title:
        nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="dxreport", extra_template_basedirs=[str(NBCONVERT_TEMPLATES_DIR)],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        embed_images=True, language_code=lang,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=REMOVED_CELL_TAGS), enabled=True)
    exporter.register_preprocessor(DropStderrPreprocessor(), enabled=True)
    exporter.register_preprocessor(TableOfContentsPreprocessor(), enabled=True)
    css = (TEMPLATES_DIR / "html" / "report.css").read_text(encoding="utf-8")
    resources: dict[str, Any] = {"dx_css": css, "dx_version": package_version(), "language_code": lang,
                                 "dx_page_word": css_string(gettext("print.page", lang)),
                                 "dx_running_title": css_string(title)}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    write_text_atomic(html_path, body)
    return Path(html_path)


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
                    pm.execute_notebook(str(notebook), str(partial), parameters=parameters, kernel_name=KERNEL_NAME,
                                        progress_bar=False, cwd=str(Path(notebook).parent))
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
) -> Path:
    """Run the notebook for a loaded ``review`` and export its page (no checks on findings).

    The kernel receives ``review`` itself (a file private to this run, removed
    afterwards), so the inputs are read once, by the caller. ``on_step`` is
    called with each step of :data:`REPORT_STEPS` as it starts.
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
        step("execute")
        executed = execute_report_notebook(notebook, out_dir / f"{stem}.ipynb", parameters)
    from dxanalysis.write.sections import review_title

    title = f"{review_title(review, lang)} — {review.unit.name(lang)}"
    step("export")
    html = export_html(executed, out_dir / f"{stem}.html", lang, title)
    if pdf:
        from dxanalysis.publish.browser import print_pdf

        step("pdf")
        print_pdf(html, out_dir / f"{stem}.pdf")
    return html


def build_report(
    unit: str, period: str, *, lang: str = "vi", data_dir: str | Path = "data/raw",
    reports_dir: str | Path = REPORTS_DIR, notebook: str | Path | None = None, allow_errors: bool = False,
    pdf: bool = False, on_step: Callable[[str], None] | None = None,
) -> Path:
    """Check the inputs, run the notebook and export ``reports/<unit>/<period>/review.html``.

    English goes to ``review.en.html``. Refuses to build when the data holds
    errors (raises :class:`ValidationFailed`) unless ``allow_errors`` is true,
    in which case the page says so at the top. With ``pdf``, also prints the
    page to PDF beside it through headless Chromium. ``on_step`` is called with
    each step of :data:`REPORT_STEPS` as it starts.
    """
    from dxanalysis.assess.review import ensure_publishable, load_review

    if on_step:
        on_step("read")
    review = load_review(unit, period, data_dir)
    ensure_publishable(review, allow_errors)
    return render_review(review, lang=lang, data_dir=data_dir, reports_dir=reports_dir, notebook=notebook, pdf=pdf,
                         on_step=on_step)
