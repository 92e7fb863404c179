"""The page says nothing the data or the analyst's text does not say.

For every shipped review, each number on the page (its header, summary,
pillars with their tables and charts' text, communes, commitments,
shortcomings and tasks), and for every review these tests build, each number
of the narrative, must be a number of the input files, or one computed from
their figures (a rate from its counts, a change since last year, a count of
indicators) — never one the tool made up.
"""

import html
import itertools
import re
from pathlib import Path

import pytest

from dxanalysis.assess.review import ReviewSource, load_review
from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.exceptions import InputValueError
from dxanalysis.figures import missing, printed_value
from dxanalysis.numerals import format_number, parse_number
from dxanalysis.periods import parse_period
from dxanalysis.read.folders import find_period_folders
from dxanalysis.write.narrative import pillar_paragraph, shortcoming_items, task_sentence
from dxanalysis.write.sections import (children_section, commitments_section, header_section, pillar_section,
                                      pillars_in_review, shortcomings_section, summary_section, tasks_section)

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
TAG = re.compile(r"<[^>]+>")


def _spellings(value: float, lang: str) -> set[str]:
    return {format_number(value, lang, decimals) for decimals in range(0, 5)} | {
        format_number(round(value, decimals), lang, decimals) for decimals in range(0, 5)}


def allowed_numbers(review, lang: str, data_dir: Path) -> set[str]:
    """Every number the inputs give, and every one computed from their figures, as ``lang`` writes them."""
    allowed: set[str] = set()
    for path in review.inputs:
        path = Path(path)
        # the typed inputs; a register's records count through the figures computed from them (below)
        if not path.is_file() or path.stem not in ("indicators", "review", "targets", "units", "catalog") \
                or path.suffix.lower() not in (".csv", ".yml", ".yaml"):
            continue
        for token in NUMBER.findall(path.read_text(encoding="utf-8-sig", errors="replace")):
            allowed.add(token)
            for typed_as in ("vi", "en"):
                try:
                    allowed |= _spellings(parse_number(token, typed_as), lang)
                except InputValueError:
                    pass
    # and the figures computed from them: the observations (rates from counts, counts from a register)
    # and the register's breakdown by field
    frames = [review.observations, review.history, review.children, review.register_fields]
    for frame in frames:
        for column in ("numerator", "denominator", "value", "target"):
            for value in (frame[column].dropna() if column in frame else ()):
                allowed |= _spellings(float(value), lang)
    # changes since the same period last year: differences of two printed figures (a scorecard's of its counts)
    for code, rows in review.history.groupby("indicator"):
        printed = [printed_value(row) for _, row in rows.iterrows() if not missing(row.value)]
        counted = rows["numerator"].dropna().tolist()
        for a, b in [*itertools.permutations(printed, 2), *itertools.permutations(counted, 2)]:
            allowed |= _spellings(abs(a - b), lang)
    # the periods' names ("06 tháng đầu năm 2022"): the review's, last year's and the history's
    periods = {review.period, review.period.same_period_last_year(), *map(parse_period, review.history["period"])}
    allowed |= {n for period in periods for n in NUMBER.findall(period.label(lang) + " " + period.short_label(lang))}
    return allowed


def narrative(review, lang: str) -> list[str]:
    texts = [html.unescape(TAG.sub(" ", section(review, lang))) for section in (header_section, commitments_section)]
    texts += [pillar_paragraph(review, pillar, lang) for pillar in pillars_in_review(review)]
    texts += [f"{item.text} {item.reason}" for item in shortcoming_items(review, lang)]
    texts += [task_sentence(task, lang, review.notes) for task in review.notes.tasks]
    return texts


def invented_numbers(review, lang: str, data_dir: Path) -> list[tuple[str, str]]:
    allowed = allowed_numbers(review, lang, data_dir)
    # the parts' numerals of the page, "(1)" "(2)", are its structure, not figures
    return [(number, text) for text in narrative(review, lang)
            for number in NUMBER.findall(re.sub(r"\(\d\)", " ", text)) if number not in allowed]


SHIPPED = [(unit, period.slug) for unit, period, *_ in find_period_folders(EXAMPLE_DATA_DIR)]
SHIPPED_SOURCE = ReviewSource(EXAMPLE_DATA_DIR)


BUILT = {
    "a target in words": ("Chỉ tiêu,Giá trị,Chỉ tiêu giao,Đánh giá\n"
                          "gov.online_dossier_rate,\"62,5%\",đạt và vượt chỉ tiêu tỉnh giao,Đạt\n"),
    "a count with a stated rate": "Chỉ tiêu,Tử số,Giá trị,Đơn vị tính\ngov.online_dossier_rate,12.345,\"58,12%\",hồ sơ\n",
    "counts and a target": "Chỉ tiêu,Tử số,Mẫu số,Chỉ tiêu giao\nsoc.stem_school_rate,11,34,≥40%\n",
}
NOTES = ("meeting:\n  date: 2022-08-09\n  chair: Ông A\ntasks:\n  - verb: giao\n    lead: Phòng Văn hóa và Thông tin\n"
         "    content: tổng hợp báo cáo quý IV\n    deadline: 15/12/2022\n")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", sorted(BUILT))
def test_every_number_of_a_built_review_comes_from_its_inputs(make_data, case, lang):
    data = make_data(BUILT[case], review_yml=NOTES)
    review = load_review("hong-ngu", "2022-H1", data)
    assert invented_numbers(review, lang, data) == []


def test_the_check_would_catch_an_invented_figure(make_data):
    """The tests above can fail: a deadline or a target the inputs did not give is a number from nowhere."""
    data = make_data(BUILT["counts and a target"], review_yml=NOTES)
    review = load_review("hong-ngu", "2022-H1", data)
    allowed = allowed_numbers(review, "vi", data)
    invented = [n for n in NUMBER.findall("Giao Phòng Văn hóa và Thông tin tổng hợp (trước 30/6/2099), chỉ tiêu 45%")
                if n not in allowed]
    assert "2099" in invented and "45" in invented
    assert "32,35" in allowed  # 11/34, computed from the typed counts


def page_text(review, lang: str) -> str:
    """The visible text of every part of the page the data writes (the appendix's hashes and times aside)."""
    sections = [header_section(review, lang), summary_section(review, lang), commitments_section(review, lang),
                shortcomings_section(review, lang), tasks_section(review, lang), children_section(review, lang)]
    sections += [pillar_section(review, pillar, lang) for pillar in pillars_in_review(review)]
    text = re.sub(r"<sup.*?</sup>", " ", "\n".join(sections), flags=re.S)  # note numbers: the page's own
    text = html.unescape(TAG.sub(" ", re.sub(r'<img[^>]*>', " ", text)))
    # the page's structure: part and pillar numerals "(1)", chart numbers "Biểu đồ 2b." / "Chart 2b."
    return re.sub(r"\(\d\)|(?:Biểu đồ|Chart) \d+b?\.", " ", text)


@pytest.fixture
def charts_as_text(monkeypatch):
    """Charts keep their alt text and caption as text (checked like the rest), without drawing the PNG."""
    import matplotlib.pyplot as plt

    import dxanalysis.write.charts as charts

    def as_text(fig, alt, caption):
        plt.close(fig)
        return f"<figure><p>{html.escape(alt)}</p><figcaption>{html.escape(caption)}</figcaption></figure>"

    monkeypatch.setattr(charts, "figure_html", as_text)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("unit, period", SHIPPED)
def test_every_number_on_a_shipped_page_comes_from_its_inputs(unit, period, lang, charts_as_text):
    review = SHIPPED_SOURCE.review(unit, period)  # each input read once for all the shipped reviews
    allowed = allowed_numbers(review, lang, EXAMPLE_DATA_DIR)
    # how many indicators have a status, are better or worse: counts of the data's own rows
    allowed |= {str(n) for n in range(len(review.observations) + len(review.children) + 1)}
    assert [n for n in NUMBER.findall(page_text(review, lang)) if n not in allowed] == []
