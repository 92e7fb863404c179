"""Sections the analyst adds to the achievements (review.yml's ``sections:``; issue 15, item 7).

A section has a title, its own indicators (taken from their pillars), items, charts and a table;
it goes before or after the four pillars, and the page numbers them all in one run.
"""

from __future__ import annotations

import html
import re

import pytest

from dxanalysis.assess.review import load_review
from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.exceptions import InputFileError
from dxanalysis.read.notes import read_review_notes
from dxanalysis.write.charts import pillar_chart_html, trend_chart_html
from dxanalysis.write.narrative import pillar_paragraph
from dxanalysis.write.sections import achievements_section, note_numbers, pillar_section, pillars_in_review

INDICATORS = ("Chỉ tiêu,Tử số,Mẫu số,Giá trị,Chỉ tiêu giao,Ghi chú\n"
              "gov.online_dossier_rate,9.475,15.684,,50%,Số liệu của Bộ phận Một cửa\n"
              "gov.ontime_dossier_rate,,,95%,90%,\n"
              "soc.stem_school_rate,11,34,,≥15%,\n"
              "found.dti_score,,,\"0,45\",,Điểm do tỉnh công bố\n"
              "found.dti_rank,,,12/63,thứ 30 trở lên,\n")
EARLIER = ("Chỉ tiêu,Tử số,Mẫu số,Giá trị,Chỉ tiêu giao\n"
           "gov.online_dossier_rate,8.000,15.000,,50%\ngov.ontime_dossier_rate,,,90%,90%\n"
           "soc.stem_school_rate,9,34,,≥15%\n")
# two sections: the plan's results after the pillars (listed in the reverse of the data's order, one
# by its name), the rankings before them (without an English title, with an item of the analyst's)
SECTIONS = """\
show_rates: true
sections:
  - title: {vi: Kết quả thực hiện Kế hoạch, en: Results of the Plan}
    id: ke-hoach
    indicators: [soc.stem_school_rate, Tỷ lệ hồ sơ TTHC giải quyết đúng hạn]
  - title: Xếp hạng chỉ số
    position: before
    indicators: [Xếp hạng DTI, found.dti_score]
    items: [Tỉnh Đồng Tháp tiếp tục thuộc nhóm dẫn đầu]
"""
STEM, ONTIME = "Tỷ lệ trường áp dụng mô hình giáo dục STEM", "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn"
HEADING = re.compile(r'<h3 id="([^"]+)"([^>]*)>(.*?)</h3>')


def _review(make_data, review_yml: str = SECTIONS, history: bool = False):
    if history:
        make_data(EARLIER, period="2021-H1")
    data = make_data(INDICATORS, review_yml=review_yml)
    return load_review("hong-ngu", "2022-H1", data)


def _headings(page: str) -> list[tuple[str, str]]:
    return [(ident, html.unescape(text)) for ident, _, text in HEADING.findall(page)]


def _part(page: str, anchor: str) -> str:
    """The ``<section>`` of the page whose heading is ``anchor``."""
    match = re.search(rf'<section [^>]*aria-labelledby="{anchor}">.*?</section>', page, re.S)
    assert match, f"no section {anchor}"
    return match.group(0)


def _rows(part: str) -> list[str]:
    return [html.unescape(name) for name in re.findall(r'<th scope="row">([^<]*)', part)]


# ------------------------------------------------------------------ on the page


def test_a_section_shows_its_indicators_under_its_title_in_the_order_given(make_data):
    review = _review(make_data)
    page = achievements_section(review, "vi")
    plan = _part(page, "section-ke-hoach")
    assert _headings(plan) == [("section-ke-hoach", "(3) Kết quả thực hiện Kế hoạch")]
    assert _rows(plan) == [STEM, ONTIME]  # its own table, in the order review.yml lists them
    paragraph = pillar_paragraph(review, "section-ke-hoach", "vi")
    assert paragraph.index("giáo dục STEM") < paragraph.index("giải quyết đúng hạn")
    (caption,) = re.findall(r"<figcaption>(.*?)</figcaption>", plan)
    assert caption == "Biểu đồ 3. Kết quả thực hiện Kế hoạch: kết quả so với chỉ tiêu giao"
    (alt,) = re.findall(r'alt="([^"]*)"', plan)
    alt = html.unescape(alt)
    assert "mục “Kết quả thực hiện Kế hoạch”" in alt and alt.index(STEM) < alt.index(ONTIME)
    ranking = _part(page, "section-2")
    assert _rows(ranking) == ["Xếp hạng Chỉ số đánh giá chuyển đổi số (DTI) cấp tỉnh",
                              "Điểm Chỉ số đánh giá chuyển đổi số (DTI)"]
    assert "tỉnh Đồng Tháp tiếp tục thuộc nhóm dẫn đầu." in html.unescape(ranking)


def test_an_indicator_of_a_section_is_gone_from_its_pillar(make_data):
    review = _review(make_data)
    government = pillar_section(review, "digital_government", "vi")
    assert _rows(government) == ["Tỷ lệ hồ sơ TTHC xử lý trực tuyến"]
    assert "đúng hạn" not in government and "đúng hạn" not in pillar_paragraph(review, "digital_government", "vi")
    # a pillar left with nothing to show is not on the page
    assert pillars_in_review(review) == ["section-2", "digital_government", "section-ke-hoach"]
    page = achievements_section(review, "vi")
    assert "pillar-digital-society" not in page and "pillar-foundations" not in page
    assert page.count(f"<th scope=\"row\">{ONTIME}") == 1


def test_sections_go_before_or_after_the_pillars_and_the_numbering_runs_through(make_data):
    page = achievements_section(_review(make_data), "vi")
    assert _headings(page) == [("section-2", "(1) Xếp hạng chỉ số"),
                               ("pillar-digital-government", "(2) Về chính quyền số"),
                               ("section-ke-hoach", "(3) Kết quả thực hiện Kế hoạch")]
    # both after: in their order, after the pillars
    after = _review(make_data, SECTIONS.replace("    position: before\n", ""))
    assert pillars_in_review(after) == ["digital_government", "section-ke-hoach", "section-2"]
    assert [text for _, text in _headings(achievements_section(after, "vi"))] == [
        "(1) Về chính quyền số", "(2) Kết quả thực hiện Kế hoạch", "(3) Xếp hạng chỉ số"]


def test_the_communes_are_numbered_after_the_analysts_sections(make_data):
    data = make_data(INDICATORS, review_yml=SECTIONS)
    (data / "units.csv").write_text("slug,name_vi,name_en,level,parent\nhong-ngu,huyện Hồng Ngự,Hong Ngu,huyện,\n"
                                    "an-binh,xã An Bình,An Binh commune,xã,hong-ngu\n", encoding="utf-8")
    (data / "an-binh" / "2022-H1").mkdir(parents=True)
    (data / "an-binh" / "2022-H1" / "indicators.csv").write_text(
        "Chỉ tiêu,Tử số,Mẫu số\ngov.online_dossier_rate,100,200\n", encoding="utf-8")
    page = achievements_section(load_review("hong-ngu", "2022-H1", data), "vi")
    assert _headings(page)[-1] == ("children", "(4) Kết quả của các xã")


def test_notes_are_numbered_in_the_pages_order(make_data):
    # the rankings come first on the page, so their note is the first, though the data lists it fourth
    assert note_numbers(_review(make_data)) == {"found.dti_score": 1, "gov.online_dossier_rate": 2}


def test_chart_false_draws_no_chart(make_data):
    drawn = _part(achievements_section(_review(make_data, history=True), "vi"), "section-ke-hoach")
    assert drawn.count("<figure") == 2  # the bars and the periods: what chart: false takes away
    quiet = _review(make_data, SECTIONS.replace("    id: ke-hoach\n", "    id: ke-hoach\n    chart: false\n"),
                    history=True)
    plan = _part(achievements_section(quiet, "vi"), "section-ke-hoach")
    assert "<figure" not in plan and _rows(plan) == [STEM, ONTIME]
    assert pillar_chart_html(quiet, "section-ke-hoach", "vi") == trend_chart_html(quiet, "section-ke-hoach", "vi") == ""
    assert pillar_chart_html(quiet, "digital_government", "vi")  # the pillars keep theirs


def test_the_english_page_uses_the_english_title_else_shows_the_vietnamese_one_as_such(make_data):
    page = achievements_section(_review(make_data), "en")
    headings = {ident: (attributes.strip(), html.unescape(text)) for ident, attributes, text in HEADING.findall(page)}
    assert headings["section-ke-hoach"] == ("", "(3) Results of the Plan")
    assert headings["section-2"] == ('lang="vi"', "(1) Xếp hạng chỉ số")
    assert headings["pillar-digital-government"] == ("", "(2) Digital government")
    assert "Chart 3. Results of the Plan: results against targets" in page
    assert "Kết quả thực hiện" not in page


def test_a_title_is_escaped_on_the_page(make_data):
    hostile = SECTIONS.replace("vi: Kết quả thực hiện Kế hoạch", "vi: 'Kế hoạch \"A\" <script>alert(1)</script>'")
    review = _review(make_data, hostile)
    for lang in ("vi", "en"):
        page = achievements_section(review, lang)
        assert "<script>" not in page and "alert(1)</script>" not in page
    page = achievements_section(review, "vi")
    assert "(3) Kế hoạch &#34;A&#34; &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert re.search(r'alt="[^"]*mục “Kế hoạch &quot;A&quot; &lt;script&gt;', page)  # the quote does not end alt


def test_the_table_of_contents_lists_the_sections(make_data):
    import nbformat

    from dxanalysis.publish.exporter import collect_headings, toc_html

    cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", {"text/html": str(achievements_section(_review(make_data), "vi"))})])
    notebook = nbformat.v4.new_notebook(cells=[cell])
    assert [(ident, text) for _, ident, text, _ in collect_headings(notebook)] == [
        ("achievements", "I. Kết quả đạt được"), ("section-2", "(1) Xếp hạng chỉ số"),
        ("pillar-digital-government", "(2) Về chính quyền số"),
        ("section-ke-hoach", "(3) Kết quả thực hiện Kế hoạch")]
    english = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", {"text/html": str(achievements_section(_review(make_data), "en"))})])])
    # the English contents list the untranslated title as Vietnamese, as its heading is
    assert [(text, lang) for _, ident, text, lang in collect_headings(english) if ident == "section-2"] == [
        ("(1) Xếp hạng chỉ số", "vi")]
    assert 'lang="vi">(1) Xếp hạng chỉ số</a>' in toc_html(collect_headings(english), "en")


def test_a_title_without_english_is_listed_as_untranslated(tmp_path):
    path = tmp_path / "review.yml"
    path.write_text(SECTIONS, encoding="utf-8")
    untranslated = read_review_notes(path).untranslated()
    assert "Xếp hạng chỉ số" in untranslated and "Kết quả thực hiện Kế hoạch" not in untranslated


# ------------------------------------------------------------------ the shipped seed


SEED_HEADINGS = [("pillar-digital-government", "(1) Về chính quyền số"),
                 ("pillar-digital-economy", "(2) Về kinh tế số"), ("pillar-digital-society", "(3) Về xã hội số"),
                 ("children", "(4) Kết quả của các xã")]


def test_the_seed_page_is_unchanged():
    review = load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)
    assert review.notes.sections == ()
    assert _headings(achievements_section(review, "vi")) == SEED_HEADINGS


def test_an_empty_sections_list_changes_nothing(seed_data):
    before = achievements_section(load_review("hong-ngu", "2022-H1", seed_data), "vi")
    notes = seed_data / "hong-ngu" / "2022-H1" / "review.yml"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nsections: []\n", encoding="utf-8")
    assert achievements_section(load_review("hong-ngu", "2022-H1", seed_data), "vi") == before


# ------------------------------------------------------------------ errors in review.yml


def test_an_unknown_indicator_names_the_file_the_key_and_the_value(make_data):
    typo = SECTIONS.replace("[Xếp hạng DTI, found.dti_score]", "[Xếp hạng DTl, found.dti_score]")
    with pytest.raises(InputFileError) as caught:
        _review(make_data, typo)
    text = caught.value.text("en")
    assert "review.yml" in text and "'sections[2].indicators[1]'" in text and "'Xếp hạng DTl'" in text
    assert "closest: found.dti_rank" in text  # a near miss is not taken for the indicator: the hint names it


def test_an_indicator_in_two_sections_is_an_error(make_data):
    twice = SECTIONS.replace("[Xếp hạng DTI, found.dti_score]", "[Xếp hạng DTI, gov.ontime_dossier_rate]")
    with pytest.raises(InputFileError) as caught:
        _review(make_data, twice)
    text = caught.value.text("en")
    assert "'sections[2].indicators[2]'" in text and "gov.ontime_dossier_rate" in text
    assert "'sections[1].indicators[2]'" in text


@pytest.mark.parametrize("text, message", [
    ("sections:\n  - title: A\n    chart_type: bar\n", r"key 'sections\[1\]': unknown field\(s\) chart_type"),
    ("sections:\n  title: A\n", r"key 'sections': expected a list"),
    ("sections:\n  - indicators: [soc.stem_school_rate]\n", r"key 'sections\[1\].title': is required"),
    ("sections:\n  - title: {vi: ''}\n", r"key 'sections\[1\].title': is required"),
    ("sections:\n  - title: A\n    indicators: soc.stem_school_rate\n", r"key 'sections\[1\].indicators': expected a list"),
    ("sections:\n  - title: A\n    indicators: ['']\n", r"key 'sections\[1\].indicators\[1\]': is required"),
    ("sections:\n  - title: A\n    chart: có\n", r"key 'sections\[1\].chart': expected 'true' or 'false'"),
    ("sections:\n  - title: A\n    position: giữa\n", r"key 'sections\[1\].position'.*'giữa'.*before, after"),
    ("sections:\n  - title: A\n    id: xếp hạng\n", r"key 'sections\[1\].id': section id 'xếp hạng' is not valid"),
    ("sections:\n  - {title: A, id: x}\n  - {title: B, id: x}\n", r"key 'sections\[2\].id'.*already used by 'sections\[1\]'"),
    ("sections:\n  - {title: A, id: '2'}\n  - {title: B}\n", r"key 'sections\[2\].id'.*'2'.*'sections\[1\]'"),
    ("sections:\n  - title: A\n    items: Một câu\n", r"key 'sections\[1\].items': expected a list"),
])
def test_a_bad_section_names_the_file_and_key(tmp_path, text, message):
    path = tmp_path / "review.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError, match=message) as caught:
        read_review_notes(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("typed, position", [("before", "before"), ("Trước", "before"), ("sau", "after"), (None, "after")])
def test_a_position_may_be_written_in_vietnamese(tmp_path, typed, position):
    path = tmp_path / "review.yml"
    path.write_text("sections:\n  - title: A\n" + (f"    position: {typed}\n" if typed else ""), encoding="utf-8")
    (section,) = read_review_notes(path).sections
    assert (section.position, section.id, section.chart) == (position, "1", True)


def test_the_readmes_example_is_valid():
    from pathlib import Path

    import yaml

    from dxanalysis.assess.review import resolve_sections
    from dxanalysis.read.catalog import load_catalog
    from dxanalysis.read.notes import parse_review_notes

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    (example,) = [block for block in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "sections:" in block]
    notes = resolve_sections(parse_review_notes(yaml.safe_load(example), "README.md"), load_catalog(), "README.md")
    assert [(s.id, s.position, s.chart, s.indicators) for s in notes.sections] == [
        ("xep-hang", "before", False, ("found.dti_rank", "found.dti_score")),
        ("2", "after", True, ("gov.online_dossier_rate", "gov.ontime_dossier_rate"))]


def test_a_section_without_figures_this_period_is_left_out_and_said_so(make_data):
    """An analyst's section keeps its place in review.yml from period to period; when its indicators have
    no figure this time, the page leaves it out, and the findings say so and why."""
    notes = ("sections:\n"
             "  - title: Xếp hạng chỉ số\n    id: xep-hang\n    indicators: [found.dti_rank, found.dti_score]\n"
             "  - title: Kết quả thực hiện Kế hoạch\n    id: ke-hoach\n"
             "    indicators: [soc.stem_school_rate, plan.targets_achieved]\n")
    raw = make_data("Chỉ tiêu,Tử số,Mẫu số\nsoc.stem_school_rate,11,34\n", review_yml=notes)
    review = load_review("hong-ngu", "2022-H1", raw)
    found = {f.code: f for f in review.findings if f.code.startswith("section_")}
    assert found["section_left_out"].severity == "warning"
    assert found["section_left_out"].params == {"title": "Xếp hạng chỉ số", "indicators": "found.dti_rank, found.dti_score"}
    assert found["section_indicators_absent"].params["indicators"] == "plan.targets_achieved"
    page = achievements_section(review, "vi")
    assert "Xếp hạng chỉ số" not in page and "Kết quả thực hiện Kế hoạch" in page
