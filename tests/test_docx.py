"""review.docx: the review as the Word document an office numbers, signs and files (Nghị định 30/2020/NĐ-CP).

The document is opened with python-docx and its structure checked against the review it was built
from: the title block, the page's section headings, the figures in real tables, no blank left inside
a sentence, the page set-up and fonts. Where LibreOffice is installed (CI installs it with
``make browser-deps``), it is converted to PDF and its first page looked at.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from dxanalysis.assess.review import load_review  # noqa: E402
from dxanalysis.config import EXAMPLE_DATA_DIR  # noqa: E402
from dxanalysis.exceptions import InputFileError  # noqa: E402
from dxanalysis.i18n import gettext  # noqa: E402
from dxanalysis.provenance import collect_provenance  # noqa: E402
from dxanalysis.publish.office import convert_to_pdf, find_soffice, write_docx  # noqa: E402
from dxanalysis.publish.report import write_review_docx  # noqa: E402
from dxanalysis.read.notes import DocumentFacts, parse_review_notes  # noqa: E402
from dxanalysis.write import sections  # noqa: E402
from dxanalysis.write.outline import achievement_sections  # noqa: E402
from dxanalysis.write.word import MARGINS_MM, decree_date, document_summary, template_path  # noqa: E402

UNIT, PERIOD = "hong-ngu", "2022-H1"
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed (make browser-deps)")


# What an office adds to review.yml before it signs (illustrative: the shipped review.yml leaves it out,
# as the news item it transcribes does not give it)
OFFICE_FACTS = """
document:
  issuer_parent: {vi: Ủy ban nhân dân huyện Hồng Ngự, en: Hong Ngu District People's Committee}
  place: Hồng Ngự
  symbol: BC-BCĐ
  signer:
    on_behalf: {vi: KT. Trưởng ban, en: For the Head of the Committee}
    title: {vi: Phó Trưởng ban Thường trực, en: Standing Deputy Head}
    name: Nguyễn Văn A
  recipients:
    - {vi: UBND Tỉnh (b/c), en: Provincial People's Committee (for report)}
    - {vi: "Lưu: VT", en: File copy}
"""


@pytest.fixture(scope="module")
def office_data(tmp_path_factory):
    """The example with the office's document facts in the review's review.yml."""
    raw = tmp_path_factory.mktemp("office") / "raw"
    shutil.copytree(EXAMPLE_DATA_DIR, raw)
    notes = raw / UNIT / PERIOD / "review.yml"
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text[:text.index("\ndocument:")] + OFFICE_FACTS, encoding="utf-8")
    return raw


@pytest.fixture(scope="module")
def review(office_data):
    return load_review(UNIT, PERIOD, office_data)


def test_the_shipped_review_gives_no_document_fact_the_source_does_not():
    facts = load_review(UNIT, PERIOD, EXAMPLE_DATA_DIR).notes.document
    assert (facts.number, facts.date, facts.signer_name, facts.recipients) == ("", None, "", ())


@pytest.fixture(scope="module")
def built(review, tmp_path_factory):
    path = write_review_docx(review, tmp_path_factory.mktemp("docx") / "review.docx", lang="vi",
                             data_dir=EXAMPLE_DATA_DIR)
    return path, docx.Document(str(path))


def _all_paragraphs(document) -> list:
    """Every paragraph, in the body and inside tables (the title block and signature are tables)."""
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += cell.paragraphs
    return found


def _headings(document) -> list[tuple[int, str]]:
    return [(int(p.style.name.split()[-1]), p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


class _PageHeadings(HTMLParser):
    """The ``<h2>``…``<h4>`` of the page's sections, with their levels."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []
        self._level: int | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3", "h4"):
            self._level, self._text = int(tag[1]), ""

    def handle_data(self, data):
        if self._level:
            self._text += data

    def handle_endtag(self, tag):
        if self._level and tag == f"h{self._level}":
            self.found.append((self._level, " ".join(self._text.split())))
            self._level = None


def page_headings(review, provenance, lang="vi") -> list[tuple[int, str]]:
    """The headings the page shows, from the same section functions the report notebook calls."""
    parser = _PageHeadings()
    for html in (sections.summary_section(review, lang), sections.achievements_section(review, lang),
                 sections.commitments_section(review, lang), sections.shortcomings_section(review, lang),
                 sections.tasks_section(review, lang), sections.appendix_section(review, provenance, lang)):
        parser.feed(str(html))
    return parser.found


def test_title_block_has_the_decree_parts(review, built):
    _, document = built
    block = document.tables[0]  # the first thing in the document: issuing body | national title
    issuer_cell, nation_cell = (cell.text for cell in block.rows[0].cells)
    facts = review.notes.document
    assert facts.issuer_parent.upper() in issuer_cell
    assert review.notes.meeting.body.upper() in issuer_cell
    assert "Số: …/" + facts.symbol in issuer_cell  # the number is the office's to give
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in nation_cell and "Độc lập - Tự do - Hạnh phúc" in nation_cell
    # no date in review.yml: a blank to fill, never today's date
    assert f"{facts.place}, ngày … tháng … năm …" in nation_cell
    today = dt.date.today()
    assert f"năm {today.year}" not in nation_cell
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert document_summary(review) in texts
    assert sections.review_title(review) in document_summary(review)


def test_headings_are_the_pages(review, built):
    _, document = built
    provenance = collect_provenance(review.inputs, {})
    expected = [(level - 1, text) for level, text in page_headings(review, provenance)]
    assert _headings(document) == expected
    assert len(expected) > 8


def test_every_figure_is_in_a_real_table(review, built):
    _, document = built
    cells = {cell.text for table in document.tables[1:] for row in table.rows for cell in row.cells}
    figures = [sections.result_text(row, "vi") for _, row in review.observations.iterrows()]
    assert figures and all(figure in cells for figure in figures), set(figures) - cells
    indicator_table = next(t for t in document.tables if t.rows[0].cells[0].text == gettext("col.indicator", "vi")
                           and len(t.rows) > 1 and t.rows[0].cells[1].text == gettext("col.result", "vi"))
    for row in indicator_table.rows:  # rows are kept whole across pages; the header row repeats
        assert row._tr.trPr is not None and row._tr.trPr.find(docx.oxml.ns.qn("w:cantSplit")) is not None
    assert indicator_table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None


def test_sentences_are_the_pages(review, built):
    _, document = built
    texts = [p.text for p in document.paragraphs]
    paragraph = sections.pillar_context(review, "digital_government")["paragraph"]
    assert paragraph and paragraph in texts
    for entry in sections.shortcomings_context(review)["entries"]:
        assert f"- {entry}." in texts
    for task in sections.tasks_context(review)["rows"]:
        assert task["sentence"] in texts


def test_no_blank_is_left_inside_a_sentence(built):
    _, document = built
    # the title block and the signature are where the office fills blanks by hand; everything else is ours
    signature = next(i for i, t in enumerate(document.tables) if "Nơi nhận:" in t.rows[0].cells[0].text)
    tables = [t for i, t in enumerate(document.tables) if i not in (0, signature)]
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for t in tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    assert len(texts) > 100
    for text in texts:
        if not text.strip():
            continue
        assert "{" not in text and "}" not in text, text
        assert not re.search(r"\b(None|nan|NaN|null)\b", text), text
        assert "…" not in text, text  # the only blanks are the title block's and the signature's
        assert not re.search(r"\s[,.;:](\s|$)", text), text  # a value left out before its punctuation
        assert "  " not in text, text


def test_page_is_a4_with_the_decrees_margins_and_times_new_roman(built):
    _, document = built
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = {side: round(getattr(section, f"{side}_margin").mm) for side in MARGINS_MM}
    assert 20 <= margins["top"] <= 25 and 20 <= margins["bottom"] <= 25
    assert 30 <= margins["left"] <= 35 and 15 <= margins["right"] <= 20
    assert section.different_first_page_header_footer  # no page number on page 1 (Phụ lục I, Mục I.7)
    assert "PAGE" in section.header._element.xml
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= document.styles["Normal"].font.size.pt <= 14
    named = {run.font.name for p in _all_paragraphs(document) for run in p.runs if run.font.name}
    assert named == {"Times New Roman"}


def test_charts_are_images_with_their_captions(review, built):
    _, document = built
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    first = achievement_sections(review)[0]
    assert gettext("chart.caption", "vi", n=1, pillar=first.title("vi")) in captions
    assert len(document.inline_shapes) == len(captions) >= 3
    descriptions = re.findall(r'descr="([^"]*)"', document.element.xml)
    assert len(descriptions) == len(captions) and all(descriptions)


def test_signer_and_recipients_come_from_review_yml(review, built):
    _, document = built
    facts = review.notes.document
    signature = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    recipients, signer = (cell.text for cell in signature.rows[0].cells)
    for recipient in facts.recipients:
        assert recipient.rstrip(".;") in recipients
    assert recipients.rstrip().endswith(".")
    assert facts.signer_authority.upper() in signer and facts.signer_title.upper() in signer
    assert facts.signer_name in signer


def test_document_facts_given_are_written_in_the_decrees_form(review, tmp_path):
    facts = dataclasses.replace(review.notes.document, number="12", date=dt.date(2022, 8, 9))
    given = dataclasses.replace(review, notes=dataclasses.replace(review.notes, document=facts))
    path = write_review_docx(given, tmp_path / "review.docx", data_dir=EXAMPLE_DATA_DIR)
    block = docx.Document(str(path)).tables[0].rows[0].cells
    assert f"Số: 12/{facts.symbol}" in block[0].text
    assert f"{facts.place}, ngày 09 tháng 8 năm 2022" in block[1].text
    assert decree_date(dt.date(2023, 1, 5)) == ("05", "01", "2023")


def test_without_document_facts_every_one_is_a_blank(review, tmp_path):
    bare = dataclasses.replace(review, notes=dataclasses.replace(review.notes, document=DocumentFacts()))
    document = docx.Document(str(write_review_docx(bare, tmp_path / "review.docx", data_dir=EXAMPLE_DATA_DIR)))
    issuer, nation = (cell.text for cell in document.tables[0].rows[0].cells)
    assert "Số: …/BC-…" in issuer and "…, ngày … tháng … năm …" in nation
    assert review.notes.meeting.body.upper() in issuer  # the issuer is the meeting's body, as review.yml says
    signature = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    recipients, signer = (cell.text for cell in signature.rows[0].cells)
    assert "- …;" in recipients and signer.split() == ["…", "…"]


def test_english_document_has_a_plain_layout(review, tmp_path):
    path = write_review_docx(review, tmp_path / "review.en.docx", lang="en", data_dir=EXAMPLE_DATA_DIR)
    document = docx.Document(str(path))
    texts = [p.text for p in _all_paragraphs(document)]
    assert "REPORT" in texts and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in texts
    assert document_summary(review, "en") in texts
    assert _headings(document)[0] == (1, gettext("summary", "en"))
    assert review.notes.text(review.notes.document.signer_title, "en") in texts


def test_an_offices_template_replaces_the_packaged_one(review, example_data, tmp_path):
    template = docx.Document(str(template_path()))
    template.sections[0].first_page_header.paragraphs[0].text = "UBND HUYỆN HỒNG NGỰ — mẫu của văn phòng"
    template.styles["Normal"].font.size = docx.shared.Pt(13)
    template.save(str(example_data / UNIT / "template.docx"))
    path = write_review_docx(review, tmp_path / "review.docx", data_dir=example_data)
    document = docx.Document(str(path))
    assert document.sections[0].first_page_header.paragraphs[0].text.startswith("UBND HUYỆN HỒNG NGỰ")
    assert document.styles["Normal"].font.size.pt == 13
    assert document.tables[0].rows[0].cells[1].paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def _broken_docx(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")  # cut short
        archive.writestr("word/document.xml", "<w:document")


@pytest.mark.parametrize("make", [lambda p: p.write_text("not a zip", encoding="utf-8"), _broken_docx],
                         ids=["not-a-zip", "broken-xml"])
def test_a_template_that_is_not_a_word_file_is_an_input_error(review, example_data, tmp_path, make):
    make(example_data / UNIT / "template.docx")
    provenance = collect_provenance(review.inputs, {})
    with pytest.raises(InputFileError) as raised:
        write_docx(review, provenance, tmp_path / "review.docx", data_dir=example_data)
    assert "template.docx" in str(raised.value) and "Word" in str(raised.value)  # the file, and what to do
    assert not (tmp_path / "review.docx").exists()


@pytest.mark.parametrize(("document", "fragment"), [
    ({"numbr": "12"}, "numbr"),
    ({"date": "2022-02-30"}, "document.date"),
    ({"signer": {"nam": "A"}}, "nam"),
    ({"recipients": "UBND Tỉnh"}, "document.recipients"),
])
def test_review_yml_document_block_is_checked(document, fragment):
    with pytest.raises(InputFileError) as raised:
        parse_review_notes({"document": document}, "review.yml")
    assert fragment in str(raised.value)


@pytest.fixture(scope="module")
def pdf(built, tmp_path_factory):
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed (make browser-deps)")
    path, _ = built
    return convert_to_pdf(path, tmp_path_factory.mktemp("pdf") / "review.pdf")


def _pdf_text(pdf: Path, first: int, last: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


@needs_soffice
def test_pdf_has_as_many_pages_as_its_content_needs(review, built, pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "(A4)" in info
    # the parts' paragraphs, tables and charts, and the appendix on its own page: at most two pages a
    # part (the page printed by Chromium took 13 pages for this review, page 1 two-thirds empty)
    _, document = built
    parts = sum(1 for level, _ in _headings(document) if level == 1)
    assert 3 <= pages <= 2 * parts, pages


@needs_soffice
def test_pdf_page_one_carries_the_title_block_and_the_body(review, pdf, tmp_path):
    first = " ".join(_pdf_text(pdf, 1, 1).split())
    for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                 review.notes.meeting.body.upper(), gettext("summary", "vi")):
        assert part in first, part
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    import matplotlib.image as mpimg

    import numpy as np

    dark = mpimg.imread(next(tmp_path.glob("page*.png")))[..., :3].mean(axis=2) < 0.6
    rows, columns = np.flatnonzero(dark.any(axis=1)), np.flatnonzero(dark.any(axis=0))
    # the text runs from the top margin to the bottom one, and across the page: page 1 is not mostly empty
    assert (rows[-1] - rows[0]) / dark.shape[0] > 0.75
    assert (columns[-1] - columns[0]) / dark.shape[1] > 0.7  # the text width is 165 of 210 mm
    assert dark.any(axis=1).mean() > 0.5  # lines of text, not one line at the top and one at the bottom


def test_report_command_writes_the_word_document(tmp_path):
    shutil.copytree(EXAMPLE_DATA_DIR, tmp_path / "data" / "raw")
    command = [sys.executable, "-m", "dxanalysis", "--lang", "en", "report", "--unit", UNIT, "--period", PERIOD,
               "--docx"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "reports" / UNIT / PERIOD / "review.docx"
    assert f"Wrote {written.relative_to(tmp_path)}" in result.stdout
    assert "BÁO CÁO" in [p.text for p in docx.Document(str(written)).paragraphs]


def test_report_all_refuses_docx_with_a_clear_message(tmp_path):
    command = [sys.executable, "-m", "dxanalysis", "--lang", "en", "report", "--all", "--docx"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "--unit and --period" in result.stderr and "Traceback" not in result.stderr


@needs_soffice
def test_no_figure_in_a_table_is_broken_across_lines(built, pdf):
    # no count pair the tables print ("9.475/15.684") is cut at a line's end ("9.475/15.6" / "84 hồ sơ")
    _, document = built
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines()]  # a cell's lines one after another (no -layout)
    printed = {pair for table in document.tables for row in table.rows for cell in row.cells
               for pair in re.findall(r"\d[\d.]*/\d[\d.]*", cell.text)}
    assert "9.475/15.684" in printed
    for figure in printed:
        for line, after in zip(lines, lines[1:]):
            cut = [k for k in range(1, len(figure)) if line.endswith(figure[:k]) and after.startswith(figure[k:])]
            assert not cut, (figure, line, after)
