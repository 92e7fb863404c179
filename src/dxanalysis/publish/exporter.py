"""The nbconvert exporter that turns an executed review notebook into the published page.

``dxanalysis report`` and ``jupyter nbconvert --to dxreport review.ipynb`` both
go through :class:`DxReportExporter` (registered under the entry point group
``nbconvert.exporters`` as ``dxreport``), so the two write the same page: the
report's stylesheet, a table of contents after the header, ``<html lang>`` in
the review's language, no code, no cell tagged ``dx-remove`` or holding the
parameters, no stderr, images embedded, and no script, stylesheet or font
fetched from anywhere.

The page's language is the one the notebook was run with (papermill records
its parameters in ``metadata.papermill.parameters``), unless the ``lang``
trait says otherwise (``--DxReportExporter.lang=en``). Its title is the one the
review's header gives: its ``<h1>`` and its unit.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", outputs=[
...     nbformat.v4.new_output("display_data", {"text/html": '<h1>Sơ kết</h1><h2 id="summary">Tóm tắt</h2>'}),
...     nbformat.v4.new_output("stream", name="stderr", text="kernel chatter"),
... ])], metadata={"papermill": {"parameters": {"unit": "hong-ngu", "lang": "en"}}})
>>> collect_headings(nb)
[(2, 'summary', 'Tóm tắt', '')]
>>> page, _ = DxReportExporter().from_notebook_node(nb)
>>> '<html lang="en">' in page, '<a href="#summary">Tóm tắt</a>' in page
(True, True)
>>> body = page.split("<body", 1)[1]  # the stylesheet names every Jupyter class; the body uses none for code
>>> "kernel chatter" in body, "jp-InputArea" in body
(False, False)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from html import escape
from html.parser import HTMLParser
from typing import Any

import nbformat
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from traitlets import Unicode, default

from dxanalysis.config import NBCONVERT_TEMPLATES_DIR, TEMPLATES_DIR
from dxanalysis.exceptions import ReportBuildError
from dxanalysis.i18n import DEFAULT_LANG, LANGS, Message, gettext
from dxanalysis.provenance import package_version

# The notebook's own explanations and its parameters are for the analyst, not the page's reader.
REMOVED_CELL_TAGS = {"parameters", "injected-parameters", "dx-remove"}
EXPORTER_NAME = "dxreport"


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
        self.title, self.unit = "", ""
        self._open: tuple[int, str, str] | None = None
        self._text: list[str] = []
        self._title_text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if not self.unit and "dx-header" in (named.get("class") or "").split():
            self.unit = named.get("data-unit") or ""
        if tag == "h1" and not self.title:
            self._title_text = []
        ident = named.get("id")
        if tag in ("h2", "h3") and ident:  # its lang: an analyst's title the English page shows in Vietnamese
            self._open, self._text = (int(tag[1]), ident, named.get("lang") or ""), []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)
        if self._title_text is not None:
            self._title_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == f"h{self._open[0]}":
            level, ident, lang = self._open
            self.headings.append((level, ident, " ".join("".join(self._text).split()), lang))
            self._open = None
        if tag == "h1" and self._title_text is not None:
            self.title, self._title_text = " ".join("".join(self._title_text).split()), None


def _html_outputs(nb: nbformat.NotebookNode) -> Iterator[tuple[int, str]]:
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html:
                yield index, "".join(html) if isinstance(html, list) else html


def _parsed(nb: nbformat.NotebookNode) -> _HeadingParser:
    parser = _HeadingParser()
    for _, html in _html_outputs(nb):
        parser.feed(html)
    return parser


def collect_headings(nb: nbformat.NotebookNode) -> list[tuple[int, str, str, str]]:
    """Every ``<h2 id>``/``<h3 id>`` in the notebook's HTML outputs, in order: (level, id, text, lang),
    lang ``""`` unless the heading names one."""
    return _parsed(nb).headings


def page_title(nb: nbformat.NotebookNode) -> str:
    """The page's title: the review's ``<h1>`` and the unit its header names (``data-unit``), ``""`` without a title.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
    ...     "display_data", {"text/html": '<header class="dx-header" data-unit="huyện A"><h1>Sơ kết</h1></header>'})])])
    >>> page_title(nb)
    'Sơ kết — huyện A'
    """
    parsed = _parsed(nb)
    return " — ".join(part for part in (parsed.title, parsed.unit) if part) if parsed.title else ""


def toc_html(headings: list[tuple[int, str, str, str]], lang: str) -> str:
    """A nested ordered list of links to the headings, each in its heading's language.

    >>> print(toc_html([(2, "a", "A", ""), (3, "b", "B", "vi"), (2, "c", "C", "")], "en"))
    <nav class="dx-toc" aria-labelledby="toc"><h2 id="toc">Contents</h2><ol><li><a href="#a">A</a><ol><li><a href="#b" lang="vi">B</a></li></ol></li><li><a href="#c">C</a></li></ol></nav>
    """
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
        lang = resources.get("language_code", DEFAULT_LANG)
        headings = [h for h in collect_headings(nb) if h[1] != "toc"]
        header_cell = next((i for i, html in _html_outputs(nb) if 'class="dx-header"' in html), -1)
        toc = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
            "display_data", {"text/html": toc_html(headings, lang)})])
        toc.id = "dx-toc"  # not random: the same inputs give the same page, byte for byte
        nb.cells.insert(header_cell + 1, toc)
        return nb, resources


class PageTitlePreprocessor(Preprocessor):
    """Title the page (``<title>`` and the printed pages' running title) from the review's header
    (:func:`page_title`); a title in the notebook's own metadata wins."""

    def preprocess(self, nb, resources):  # noqa: ANN001, ANN201 - nbconvert's signature
        title = nb.metadata.get("title") or page_title(nb)
        if title:
            nb.metadata["title"] = title
        resources["dx_running_title"] = css_string(title)
        return nb, resources


def notebook_lang(nb: nbformat.NotebookNode) -> str:
    """The language the notebook was run with: papermill's record of its ``lang`` parameter, ``""`` if none.

    >>> nb = nbformat.v4.new_notebook(metadata={"papermill": {"parameters": {"lang": "en"}}})
    >>> notebook_lang(nb), notebook_lang(nbformat.v4.new_notebook())
    ('en', '')
    """
    parameters = nb.metadata.get("papermill", {}).get("parameters") or {}
    return str(parameters.get("lang") or "")


class DxReportExporter(HTMLExporter):
    """nbconvert's HTML exporter set up to publish a review: ``jupyter nbconvert --to dxreport review.ipynb``.

    Every setting is a trait with the page's value as its default, so nbconvert's
    configuration can still change one (``--DxReportExporter.lang=en``).
    """

    # nbclassic's "Download as" menu lists exporters by this name; the inherited "HTML" would be listed twice.
    export_from_notebook = "dxanalysis"

    lang = Unicode("", help="The page's language, 'vi' or 'en'; empty: the lang the notebook was run with "
                            "(metadata.papermill.parameters.lang), else Vietnamese.").tag(config=True)

    @default("template_name")
    def _dx_template_name(self) -> str:
        return EXPORTER_NAME

    @default("extra_template_basedirs")
    def _dx_template_basedirs(self) -> list[str]:
        # The package's templates first, so a folder named dxreport where nbconvert runs cannot stand in.
        return [str(NBCONVERT_TEMPLATES_DIR), os.getcwd()]

    @default("exclude_input")
    def _dx_exclude_input(self) -> bool:
        return True

    @default("exclude_input_prompt")
    def _dx_exclude_input_prompt(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _dx_exclude_output_prompt(self) -> bool:
        return True

    @default("embed_images")
    def _dx_embed_images(self) -> bool:
        return True

    def _init_preprocessors(self) -> None:
        super()._init_preprocessors()
        self.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=REMOVED_CELL_TAGS), enabled=True)
        self.register_preprocessor(DropStderrPreprocessor(), enabled=True)
        self.register_preprocessor(PageTitlePreprocessor(), enabled=True)
        self.register_preprocessor(TableOfContentsPreprocessor(), enabled=True)

    def page_lang(self, nb: nbformat.NotebookNode) -> str:
        """The page's language: the ``lang`` trait, else the notebook's ``lang`` parameter, else Vietnamese."""
        lang = self.lang or notebook_lang(nb) or DEFAULT_LANG
        if lang not in LANGS:
            raise ReportBuildError(Message("error.page_lang", {"lang": lang, "langs": ", ".join(LANGS)}))
        return lang

    def from_notebook_node(self, nb: nbformat.NotebookNode, resources: dict[str, Any] | None = None,
                           **kw: Any) -> tuple[str, dict[str, Any]]:
        """The page for the executed notebook ``nb`` (left as it is) and nbconvert's resources."""
        lang = self.page_lang(nb)
        css = (TEMPLATES_DIR / "html" / "report.css").read_text(encoding="utf-8")
        resources = {**(resources or {}), "dx_lang": lang, "dx_css": css, "dx_version": package_version(),
                     "dx_page_word": css_string(gettext("print.page", lang))}
        return super().from_notebook_node(nb, resources, **kw)

    def _init_resources(self, resources: dict[str, Any]) -> dict[str, Any]:
        resources = super()._init_resources(resources)
        # HTMLExporter sets <html lang> from its language_code trait; the page's own language decides it
        resources["language_code"] = resources.get("dx_lang") or self.language_code
        return resources
