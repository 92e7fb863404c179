"""The review as an editable Word document, in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I).

The steering committee's office files a *Báo cáo*: issuing body, national title and motto, number
and symbol, place and date, document type and summary, the body, the signer and the recipients.
:func:`review_document` builds it with python-docx from the same section contexts the page is
rendered from (:mod:`dxanalysis.write.sections`), so the two say the same sentences; tables are Word
tables, charts PNG images with their captions. What ``review.yml`` does not give (the number, the
date, the signer) is a visible blank for the office to fill, never a value of ours.

The English document (``lang="en"``) has a plain report layout: the decree's form is Vietnamese only.

Sizes and places are those of Phụ lục I, Phần I (each cited where it is used); the page itself
(A4, margins, Times New Roman, page numbers) is set in the packaged template, which an office may
replace with its own letterhead (:func:`template_path`).

Examples
--------
>>> decree_date(dt.date(2022, 8, 9)), decree_date(dt.date(2022, 2, 15)), decree_date(None)
(('09', '8', '2022'), ('15', '02', '2022'), ('…', '…', '…'))
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxanalysis.i18n import gettext
from dxanalysis.write.charts import Chart, children_chart, figure_png, pillar_chart, trend_chart
from dxanalysis.write.outline import achievement_sections
from dxanalysis.write.sections import (achievements_heading_text, appendix_context, children_context,
                                       commitments_context, header_context, part_numbers, pillar_context,
                                       review_title, shortcomings_context, summary_context, tasks_context)

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document
    from docx.table import Table

    from dxanalysis.assess.review import Review
    from dxanalysis.provenance import Provenance

FONT = "Times New Roman"  # Phụ lục I, Phần I, Mục I.4
# Phụ lục I, Phần I, Mục I.1 and I.3: A4; 20–25 mm from the top and bottom edges, 30–35 mm from the
# left, 15–20 mm from the right. The smallest of each range: the most text on a page.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
BODY_PT = 14  # Mục II.6: the body 13–14 points
TABLE_PT = 12  # tables are not sized by the decree; 12 points keeps a row of figures on one line
BLANK = "…"  # a place the office fills by hand
# The layout of the document in each language: the decree's form is for Vietnamese administrative
# documents; any other language gets a plain report.
LAYOUTS = {"vi": "decree"}
# Word refuses a file whose properties are out of the schema's order (ECMA-376, CT_PPr and CT_TblPr):
# what may follow the elements added here, which go before the first of these present.
PPR_AFTER_BORDERS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                     "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                     "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                     "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                     "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                       "w:tblPrChange")
TBLPR_AFTER_WIDTH = ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", *TBLPR_AFTER_BORDERS)


def decree_date(date: dt.date | None) -> tuple[str, str, str]:
    """Day, month and year as Mục II.4 writes them: a day below 10 and the months 1 and 2 with a
    leading zero (``ngày 09 tháng 02``); blanks for a date not given."""
    if date is None:
        return BLANK, BLANK, BLANK
    return f"{date.day:02d}", f"{date.month:02d}" if date.month < 3 else str(date.month), str(date.year)


def template_path(unit_folder: str | Path | None = None) -> Path:
    """The Word template: ``template.docx`` in the unit's folder (``data/raw/<unit>/``) when the office
    put one there, else the packaged one.

    >>> template_path().name, template_path().parent.name
    ('template.docx', 'docx')
    """
    if unit_folder is not None:
        own = Path(unit_folder) / "template.docx"
        if own.is_file():
            return own
    return Path(__file__).parent / "templates" / "docx" / "template.docx"


# --- the page and the styles (the packaged template) ---------------------------------------------

def _set_font(element: Any, name: str = FONT) -> None:
    """Name ``name`` for every script of a run or style's properties, and drop the theme's fonts,
    which Word applies before the named ones (Vietnamese letters are "cs"/"hAnsi" as much as "ascii")."""
    from docx.oxml.ns import qn

    fonts = element.get_or_add_rPr().get_or_add_rFonts()  # in its place among the properties
    for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attribute}"), name)
    for attribute in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)


def build_template(path: str | Path) -> Path:
    """Write the packaged template: A4, the decree's margins, Times New Roman, the body's and headings'
    styles, and page numbers from the second page on (see ``tools/make_docx_template.py``)."""
    from docx import Document as new_document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Mm, Pt, RGBColor

    document = new_document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    # Mục I.7: pages numbered from 1 in Arabic digits, 13–14 points, centred in the top margin; not on page 1
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header.add_run(), Pt(13))
    styles = document.styles
    normal = styles["Normal"]
    _set_font(normal.element)
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)  # Mục I.4: black
    body = normal.paragraph_format
    # Mục II.6: justified, first line indented 1–1.27 cm, at least 6 points between paragraphs,
    # line spacing from single to 1.5 lines
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.first_line_indent = Cm(1)
    body.space_before, body.space_after = Pt(0), Pt(6)
    body.line_spacing = 1.08
    body.widow_control = True
    # Mục II.6.b: parts and sections ("I.", "1.") bold, upright, the body's size, set against the left margin
    for name, italic in (("Heading 1", False), ("Heading 2", False), ("Heading 3", True)):
        style = styles[name]
        _set_font(style.element)
        style.font.size, style.font.bold, style.font.italic = Pt(BODY_PT), True, italic
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.all_caps = False
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Cm(1)
        fmt.space_before, fmt.space_after = Pt(6), Pt(6)
        fmt.keep_with_next = True
    caption = styles["Caption"]
    _set_font(caption.element)
    caption.font.size, caption.font.italic, caption.font.bold = Pt(12), True, False
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Cm(0)
    document.core_properties.author = "dxanalysis"
    document.core_properties.title = ""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _page_field(run: Any, size: Any) -> None:
    """A ``PAGE`` field in ``run``: Word and LibreOffice write each page's number there."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run.font.size = size
    _set_font(run._r)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


# --- writing ---------------------------------------------------------------------------------------

def open_template(path: str | Path) -> Document:
    """The template at ``path`` with its body emptied: its styles, page setup, headers and footers kept."""
    from docx import Document as open_document

    document = open_document(str(path))
    body = document.element.body
    for child in list(body):
        if child.tag.endswith("}sectPr"):
            continue
        body.remove(child)
    return document


def _style(document: Document, name: str, fallback: str = "Normal") -> Any:
    """The style ``name`` of the document, else ``fallback``: an office's template may lack one."""
    try:
        return document.styles[name]
    except KeyError:
        return document.styles[fallback]


def _paragraph(container: Any, text: str = "", *, size: float | None = None, bold: bool = False,
               italic: bool = False, upper: bool = False, align: str | None = None, style: str | None = None,
               indent: bool | None = None, after: float | None = None) -> Any:
    """A paragraph of ``text`` in ``container`` (the document or a table cell) with its run formatted."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph = container.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text.upper() if upper else text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
        _set_font(run._r)
    if align:
        paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                               "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    if indent is not None:
        paragraph.paragraph_format.first_line_indent = Cm(1) if indent else Cm(0)
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _rule(cell: Any, width_cm: float, cell_cm: float) -> None:
    """A solid line ``width_cm`` long, centred in a cell ``cell_cm`` wide: the decree's line under the
    motto, the issuing body and the summary (Mục II.1.b, II.2, II.5.a)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    paragraph = _paragraph(cell, align="center", indent=False, after=0)
    side = max((cell_cm - width_cm) / 2, 0)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Cm(side)
    paragraph.paragraph_format.space_before = Pt(3)  # clear of the descenders of the line above
    run = paragraph.add_run()
    run.font.size = Pt(2)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{name}"), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *PPR_AFTER_BORDERS)


def _set_widths(table: Table, widths_cm: list[float]) -> None:
    """Fix the table's columns at ``widths_cm``: in its grid (what LibreOffice reads), in every cell
    (what Word reads), and its whole width, laid out fixed so that no column shrinks to its text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/> in its place
    properties = table._tbl.tblPr
    total = properties.find(qn("w:tblW"))
    if total is None:
        total = OxmlElement("w:tblW")
        properties.insert_element_before(total, *TBLPR_AFTER_WIDTH)
    total.set(qn("w:w"), str(int(Cm(sum(widths_cm)).twips)))
    total.set(qn("w:type"), "dxa")
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


# about the width of an average character of Times New Roman at TABLE_PT, in cm (half an em), and a cell's padding
_CHAR_CM = TABLE_PT * 0.5 * 0.03528
_PADDING_CM = 0.4


def _content_widths(columns: list[str], rows: list[list[str]], text_cm: float) -> list[float]:
    """Column widths from what the columns hold: each wide enough for its longest word ("9.475/15.684"),
    then the rest of the text's width shared by how much more each needs to hold its cells on one line.

    >>> _content_widths(["Chỉ tiêu", "Kết quả"], [["Tỷ lệ hồ sơ TTHC xử lý trực tuyến cấp huyện", "9.475/15.684 hồ sơ"]], 16.5)
    [11.43, 5.07]
    """
    cells = [[str(c) for c in column] for column in zip(columns, *rows)]
    least = [max(len(word) for text in column for word in (text.split() or [""])) * _CHAR_CM + _PADDING_CM
             for column in cells]
    wanted = [max(low, min(max(len(text) for text in column), 60) * _CHAR_CM + _PADDING_CM)
              for low, column in zip(least, cells)]
    # the first column names the row (an indicator, a unit): a quarter of the width at least, if it needs it;
    # the others most of their equal share, so a short-worded status reads on two lines, not four
    least = [max(low, min(want, text_cm / 4 if i == 0 else 0.8 * text_cm / len(cells)))
             for i, (low, want) in enumerate(zip(least, wanted))]
    if sum(least) >= text_cm:  # not even the words fit: each gets its share of them
        return [round(text_cm * low / sum(least), 2) for low in least]
    if sum(wanted) <= text_cm:  # everything fits on one line: spread the spare width alike
        return [round(text_cm * want / sum(wanted), 2) for want in wanted]
    spare, more = text_cm - sum(least), [want - low for want, low in zip(wanted, least)]
    return [round(low + spare * extra / sum(more), 2) for low, extra in zip(least, more)]


def _column_widths(columns: int, text_cm: float, first: float = 0.3) -> list[float]:
    """The first column (the indicator's name) ``first`` of the text's width, the others sharing the rest.

    >>> _column_widths(4, 16.5)
    [4.95, 3.85, 3.85, 3.85]
    """
    if columns == 1:
        return [text_cm]
    head = round(text_cm * first, 2)
    rest = round((text_cm - head) / (columns - 1), 2)
    return [head] + [rest] * (columns - 1)


def _no_borders(table: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(borders, *TBLPR_AFTER_BORDERS)


def _layout_table(document: Document, widths_cm: tuple[float, float]) -> Table:
    """A borderless two-column table for a block laid out side by side (the title block, the signature)."""
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _set_widths(table, list(widths_cm))
    for cell in table.rows[0].cells:
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # cells start with an empty paragraph
    return table


def _text_width_cm(document: Document) -> float:
    section = document.sections[0]
    return round((section.page_width - section.left_margin - section.right_margin) / 360000, 2)


def _approximate_width_cm(text: str, points: float) -> float:
    """About how wide ``text`` is in Times New Roman at ``points`` (an average letter is half its size)."""
    return len(text) * points * 0.5 * 2.54 / 72


def _title_block(document: Document, review: Review, lang: str) -> None:
    """Issuing body, number, national title and motto, place and date (Mục II.1–4, placed as Mục IV's
    boxes 1–4: the body on the left, the national title on the right, each centred in its column)."""
    facts = review.notes.document
    text = review.notes.text
    width = _text_width_cm(document)
    left, right = round(width * 0.42, 2), round(width * 0.58, 2)
    table = _layout_table(document, (left, right))
    issuer_cell, nation_cell = table.rows[0].cells
    parent = text(facts.issuer_parent, lang)
    issuer = text(facts.issuer, lang) or text(review.notes.meeting.body, lang) or BLANK
    # Mục II.2: the body above in capitals, 12–13 points, upright; the issuing body bold below it; a line
    if parent:
        _paragraph(issuer_cell, parent, size=13, upper=True, align="center", indent=False, after=0)
    _paragraph(issuer_cell, issuer, size=13, bold=True, upper=True, align="center", indent=False, after=0)
    _rule(issuer_cell, min(_approximate_width_cm(issuer, 13) * 0.45, left * 0.5), left)
    # Mục II.3: "Số" in lower case, 13 points, upright, centred under the issuing body
    symbol = facts.symbol or "BC-" + BLANK  # "BC": a Báo cáo (Phụ lục III); the issuer's letters to fill
    number = gettext("docx.number", lang, number=facts.number or BLANK, symbol=symbol)
    _paragraph(issuer_cell, number, size=13, align="center", indent=False, after=0)
    # Mục II.1: the national title in capitals, 12–13 points, bold; the motto 13–14 points, bold, with a
    # line as long as itself below it
    national, motto = gettext("docx.national_title", lang), gettext("docx.motto", lang)
    _paragraph(nation_cell, national, size=12, bold=True, align="center", indent=False, after=0)
    _paragraph(nation_cell, motto, size=13, bold=True, align="center", indent=False, after=0)
    _rule(nation_cell, _approximate_width_cm(motto, 13) * 0.93, right)
    # Mục II.4: place and date in lower case, 13–14 points, italic, under the motto
    day, month, year = decree_date(facts.date)
    place = text(facts.place, lang) or BLANK
    _paragraph(nation_cell, gettext("docx.place_date", lang, place=place, day=day, month=month, year=year),
               size=13, italic=True, align="center", indent=False, after=0)


def _document_name(document: Document, review: Review, lang: str) -> None:
    """Mục II.5.a: the document type in capitals, 13–14 points, bold, centred; the summary below it in
    lower case, bold, and a line under it a third to a half as long."""
    _paragraph(document, "", after=0)
    _paragraph(document, gettext("docx.document_type", lang), size=14, bold=True, align="center", indent=False,
               after=0)
    summary = document_summary(review, lang)
    _paragraph(document, summary, size=14, bold=True, align="center", indent=False, after=0)
    width = _text_width_cm(document)
    _rule(document, min(_approximate_width_cm(summary, 14), width) / 3, width)


def document_summary(review: Review, lang: str = "vi") -> str:
    """The summary (trích yếu) under "BÁO CÁO": the review's title and where.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> document_summary(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))
    'Sơ kết chuyển đổi số 06 tháng đầu năm 2022 trên địa bàn huyện Hồng Ngự'
    """
    return gettext("docx.summary", lang, title=review_title(review, lang), unit=review.unit.name(lang))


def _plain_title(document: Document, review: Review, lang: str) -> None:
    """The English document's head: the issuing body, the title, the number and date when given."""
    facts, text = review.notes.document, review.notes.text
    issuer = text(facts.issuer, lang) or text(review.notes.meeting.body, lang)
    if issuer:
        _paragraph(document, issuer, size=13, bold=True, upper=True, align="center", indent=False, after=0)
    _paragraph(document, gettext("docx.document_type", lang), size=14, bold=True, align="center", indent=False,
               after=0)
    _paragraph(document, document_summary(review, lang), size=14, bold=True, align="center", indent=False)
    facts_line = []
    if facts.number:
        facts_line.append(gettext("docx.number", lang, number=facts.number, symbol=facts.symbol).rstrip("/"))
    if facts.date:
        facts_line.append(gettext("docx.dated", lang, date=facts.date.isoformat()))
    if facts_line:
        _paragraph(document, " · ".join(facts_line), size=13, italic=True, align="center", indent=False)


def _heading(document: Document, text: str, level: int) -> None:
    document.add_paragraph(text, style=_style(document, f"Heading {level}"))


def _body(document: Document, text: str, *, bold: bool = False, italic: bool = False) -> None:
    paragraph = document.add_paragraph(style=_style(document, "Normal"))
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None


def _table(document: Document, columns: list[str], rows: list[list[str]], widths: list[float] | None = None) -> Table:
    """A Word table: a header row repeated on every page, rows never split across pages, the table's
    text at :data:`TABLE_PT`, figures right-aligned."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    table = document.add_table(rows=1, cols=len(columns))
    try:
        table.style = document.styles["Table Grid"]
    except KeyError:
        pass  # an office's template without it: Word's plain table
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row_index, values in enumerate([columns, *rows]):
        cells = table.rows[0].cells if row_index == 0 else table.add_row().cells
        tr = table.rows[row_index]._tr
        properties = tr.get_or_add_trPr()
        keep = OxmlElement("w:cantSplit")
        properties.append(keep)
        if row_index == 0:
            header = OxmlElement("w:tblHeader")
            properties.append(header)
        for cell, value in zip(cells, values):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Cm(0)
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if row_index == 0 else WD_ALIGN_PARAGRAPH.LEFT
            run = paragraph.add_run(str(value))
            run.font.size = Pt(TABLE_PT)
            run.bold = row_index == 0 or None
            _set_font(run._r)
    _set_widths(table, widths or _content_widths(columns, rows, _text_width_cm(document)))
    shading = table.rows[0]._tr
    for tc in shading.iter(qn("w:tc")):
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:fill"), "E7E9EB")
        tc.get_or_add_tcPr().append(fill)
    _paragraph(document, "", after=0).paragraph_format.space_after = Pt(2)
    return table


def _chart(document: Document, chart: Chart | None) -> None:
    """A chart as a PNG the text's width, its alt text in the picture's description, its caption below."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm

    if chart is None:
        return
    png = figure_png(chart.figure)
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(min(_text_width_cm(document), 16)))
    for properties in paragraph._p.iter(qn("wp:docPr")):
        properties.set("descr", chart.alt)
    document.add_paragraph(chart.caption, style=_style(document, "Caption"))


def _notes(document: Document, heading: str, notes: list[dict]) -> None:
    """The numbered notes under a table (the analyst's ``Ghi chú`` and the remarks)."""
    if not notes:
        return
    _paragraph(document, heading, size=12, italic=True, indent=False, after=0)
    for note in notes:
        _paragraph(document, f"({note['number']}) " + "; ".join(e["text"] for e in note["entries"]), size=12,
                   indent=False, after=0)


def _summary(document: Document, context: dict) -> None:
    _heading(document, context["heading"], 1)
    counts = "; ".join(f"{card['label']}: {card['count']}" for card in context["cards"])
    _body(document, f"{context['total']} {context['previous']}")
    if context["rebased"]:  # last year's figures built from the predecessors: said once, as on the page
        _body(document, context["rebased"])
    _body(document, counts + ".")
    if context["overview"]:
        _body(document, context["overview"])
    progress = context["progress"]
    if progress["rows"]:
        _heading(document, progress["heading"], 2)
        _table(document, progress["columns"], [[r["name"], r["base"], r["latest"], r["target"], r["status_text"]]
                                               for r in progress["rows"]])
        _paragraph(document, progress["note"], size=12, italic=True, indent=False)


def _pillar(document: Document, review: Review, section: Any, lang: str) -> None:
    context = pillar_context(review, section, lang)
    _heading(document, context["heading"], 2)
    _body(document, context["paragraph"] or context["empty"])
    _chart(document, pillar_chart(review, section, lang, context["number"]))
    table = context["table"]
    if table["rows"]:
        rows = []
        for r in table["rows"]:
            name = f"{r['name']} ({r['note']})" if r["note"] else r["name"]
            cells = [name, r["result"], r["target"], r["status_text"]]
            rows.append(cells + ([r["previous"], r["change"]] if table["with_previous"] else []))
        _table(document, table["columns"], rows)
        if table["sources"]:
            _paragraph(document, f"{table['sources_heading']} {'; '.join(table['sources'])}.", size=12,
                       italic=True, indent=False, after=2)
        _notes(document, table["notes_heading"], table["notes"])
    fields = context["fields"]
    if fields["rows"]:
        _heading(document, fields["heading"], 3)
        _table(document, fields["columns"], [[r["field"], *r["cells"]] for r in fields["rows"]])
    _chart(document, trend_chart(review, section, lang, context["number"]))


def _children(document: Document, review: Review, lang: str) -> None:
    context = children_context(review, lang)
    if context is None:
        return
    _heading(document, context["heading"], 2)
    rows = [[r["name"], *[(f"{c['value']} ({c['status_text']})" if c["status"] else "—") for c in r["cells"]]]
            for r in context["rows"]]
    _table(document, [context["unit_column"], *context["columns"]], rows)
    _notes(document, context["notes_heading"], context["notes"])
    _chart(document, children_chart(review, lang))


def _commitments(document: Document, context: dict | None) -> None:
    if context is None:
        return
    _heading(document, context["heading"], 1)
    for number, row in enumerate(context["rows"], 1):
        lead = f"{row['area_label']} " if row["area"] else ""
        _body(document, f"{number}. {lead}{row['text']}.")
    _table(document, context["columns"], [[r["area"], r["text"], r["result"], r["status_text"]]
                                          for r in context["rows"]])


def _shortcomings(document: Document, context: dict | None) -> None:
    if context is None:
        return
    _heading(document, context["heading"], 1)
    for entry in context["entries"]:
        _body(document, f"- {entry}.")


def _tasks(document: Document, context: dict | None) -> None:
    if context is None:
        return
    _heading(document, context["heading"], 1)
    for row in context["rows"]:
        _body(document, row["sentence"])
    _table(document, context["columns"], [[r["lead"], r["coordinating"], r["content"], r["deadline"]]
                                          for r in context["rows"]])


def _signature(document: Document, review: Review, lang: str) -> None:
    """The recipients on the left and the signer on the right (Mục II.7 and II.9, Mục IV boxes 7 and 9)."""
    facts, text = review.notes.document, review.notes.text
    width = _text_width_cm(document)
    left, right = round(width * 0.45, 2), round(width * 0.55, 2)
    _paragraph(document, "", after=0)
    table = _layout_table(document, (left, right))
    recipients_cell, signer_cell = table.rows[0].cells
    # Mục II.9: "Nơi nhận:" in lower case, 12 points, italic, bold; each recipient 11 points, upright,
    # on a line of its own starting with "-" and ending with ";", the last with "."
    _paragraph(recipients_cell, gettext("docx.recipients", lang), size=12, bold=True, italic=True, align="left",
               indent=False, after=0)
    recipients = [text(r, lang) for r in facts.recipients] or [BLANK, gettext("docx.archive", lang)]
    for i, recipient in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ";"
        _paragraph(recipients_cell, f"- {recipient.rstrip(' .;')}{end}", size=11, align="left", indent=False,
                   after=0)
    # Mục II.7: the authority (TM., KT., …) and the title in capitals, 13–14 points, bold; the name in
    # lower case, bold, centred under them, with room for the signature and the seal between
    authority = text(facts.signer_authority, lang)
    if authority:
        _paragraph(signer_cell, authority, size=14, bold=True, upper=True, align="center", indent=False, after=0)
    _paragraph(signer_cell, text(facts.signer_title, lang) or BLANK, size=14, bold=True, upper=True,
               align="center", indent=False, after=0)
    for _ in range(4):
        _paragraph(signer_cell, "", after=0)
    _paragraph(signer_cell, text(facts.signer_name, lang) or BLANK, size=14, bold=True, align="center",
               indent=False, after=0)


def _plain_signature(document: Document, review: Review, lang: str) -> None:
    """The English document's close: the signer and the recipients when ``review.yml`` gives them."""
    facts, text = review.notes.document, review.notes.text
    signer = [text(p, lang) for p in (facts.signer_authority, facts.signer_title, facts.signer_name) if p]
    for line in signer:
        _paragraph(document, line, bold=True, align="right", indent=False, after=0)
    if facts.recipients:
        _paragraph(document, gettext("docx.recipients", lang), size=12, bold=True, italic=True, indent=False,
                   after=0)
        for recipient in facts.recipients:
            _paragraph(document, f"- {text(recipient, lang)}", size=11, indent=False, after=0)


def _appendix(document: Document, context: dict) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _heading(document, context["heading"], 1)
    _heading(document, context["quality_heading"], 2)
    if context["findings"]:
        rows = []
        for f in context["findings"]:
            where = f["where"]
            if f["column"]:
                where = ", ".join(p for p in (where, f"{context['column_word']} ‘{f['column']}’") if p)
            rows.append([f["severity_text"], where, f["message"], f["hint"]])
        _table(document, context["finding_columns"], rows)
    else:
        _body(document, context["quality_none"])
    if context["collection"]:
        _heading(document, context["collection_heading"], 2)
        _body(document, context["collection_summary"])
        _table(document, context["collection_columns"], [[b["body"], b["state_text"], b["files"], b["blank"]]
                                                         for b in context["collection"]])
        for line in context["collection_unreadable"]:
            _body(document, line)
    _heading(document, context["provenance_heading"], 2)
    if context["sources"]:
        _body(document, context["sources_heading"])
        for source in context["sources"]:
            _paragraph(document, f"- {source}", size=12, indent=False, after=0)
    _table(document, context["file_columns"], [[f["path"], f["sha256"]] for f in context["files"]],
           _column_widths(2, _text_width_cm(document), 0.45))
    _table(document, context["parameter_columns"], [[str(n), str(v)] for n, v in context["parameters"]])
    _paragraph(document, context["footer"], size=11, italic=True, indent=False)


def review_document(review: Review, provenance: Provenance, lang: str = "vi",
                    template: str | Path | None = None) -> Document:
    """The review as a Word document: the decree's title block (Vietnamese) or a plain head (English),
    the page's sections with the same sentences, tables and charts, the signature and recipients, and
    the appendix on a page of its own.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> from dxanalysis.provenance import collect_provenance
    >>> review = load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)
    >>> document = review_document(review, collect_provenance(review.inputs, {}))
    >>> [p.text for p in document.paragraphs if p.style.name == "Heading 1"][:2]
    ['Tóm tắt', 'I. Kết quả đạt được']
    """
    document = open_template(template or template_path())
    decree = LAYOUTS.get(lang, "plain") == "decree"
    if decree:
        _title_block(document, review, lang)
        _document_name(document, review, lang)
    else:
        _plain_title(document, review, lang)
    header = header_context(review, lang)
    for line in (header["errors"], header["illustrative"]):
        if line:
            _body(document, line, bold=True)
    if header["meeting"]:
        _body(document, " ".join(p for p in (header["meeting_title"] + "." if header["meeting_title"] else "",
                                             header["meeting"]) if p))
    _summary(document, summary_context(review, lang))
    _heading(document, achievements_heading_text(lang, part_numbers(review)["achievements"]), 1)
    for section in achievement_sections(review):
        _pillar(document, review, section, lang)
    _children(document, review, lang)
    _commitments(document, commitments_context(review, lang))
    _shortcomings(document, shortcomings_context(review, lang))
    _tasks(document, tasks_context(review, lang))
    if decree:
        _signature(document, review, lang)
    else:
        _plain_signature(document, review, lang)
    _appendix(document, appendix_context(review, provenance, lang))
    document.core_properties.title = document_summary(review, lang)
    document.core_properties.language = lang
    return document


def docx_bytes(document: Document) -> bytes:
    """The document as the bytes of a ``.docx`` file."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


__all__ = ["review_document", "docx_bytes", "template_path", "build_template", "decree_date", "document_summary",
           "open_template"]
