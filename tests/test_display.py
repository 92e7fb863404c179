"""A review in a notebook: a one-line repr, an escaped and bounded summary, tables of figures as written."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pandas as pd
import pytest

from dxanalysis.assess.display import MAX_ROWS, MAX_TEXT, figures_table
from dxanalysis.assess.review import load_review
from dxanalysis.findings import Finding, findings_table
from dxanalysis.read.units import Unit

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def review():
    from dxanalysis.config import EXAMPLE_DATA_DIR

    return load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_repr_is_one_short_line(review):
    assert repr(review) == "<Review hong-ngu 2022-H1: 8 indicators, 0 findings>"
    one = dataclasses.replace(review, observations=review.observations.head(1),
                              findings=[Finding("warning", "no_value", indicator="x")])
    assert repr(one) == "<Review hong-ngu 2022-H1: 1 indicator, 1 finding>"


def test_the_summary_shows_each_figure_as_the_report_writes_it(review):
    html = review._repr_html_()  # the current language: English in these tests
    assert "Hong Ngu district (hong-ngu)" in html and "first half of 2022 (2022-H1)" in html
    assert "Interim review" in html and "▲ Exceeded: 2 · ✗ Not met: 2" in html
    assert "<td>below 100%</td><td>100%</td><td>✗ Not met</td>" in html  # the bound the source gave
    assert "<td>9,475/15,684 dossiers (60.41%)</td><td>50%</td><td>▲ Exceeded</td>" in html
    vietnamese = review.summary_html("vi")
    assert "<td>dưới 100%</td><td>100%</td><td>✗ Chưa đạt</td>" in vietnamese and "Sơ kết" in vietnamese


def test_the_summary_escapes_every_text_from_the_data(review):
    hostile = dataclasses.replace(
        review, unit=Unit("hong-ngu", HOSTILE, HOSTILE, "huyện"),
        observations=review.observations.assign(name_vi=HOSTILE, name_en=HOSTILE, target_text=HOSTILE))
    for lang in ("vi", "en"):
        html = hostile.summary_html(lang)
        assert "&lt;script&gt;" in html and "&lt;img" in html
        parsed = _tags(html)
        assert set(parsed.tags) <= {"div", "p", "strong", "table", "thead", "tbody", "tr", "th", "td", "code"}
        assert parsed.attributes == [("class", "dx-summary")]


def test_the_summary_is_bounded_however_much_the_data_holds(review):
    many = pd.concat([review.observations] * 250, ignore_index=True).assign(name_en="x" * 10_000)
    html = dataclasses.replace(review, observations=many).summary_html("en")
    assert html.count("<tr>") == MAX_ROWS + 1  # the heading and MAX_ROWS indicators
    assert f"and {len(many) - MAX_ROWS} more indicators" in html
    assert "x" * MAX_TEXT not in html and len(html) < 30_000


def test_figures_table_keeps_qualifiers_in_both_languages(review):
    for lang, below, status in (("vi", "dưới 100%", "✗ Chưa đạt"), ("en", "below 100%", "✗ Not met")):
        row = figures_table(review.observations, lang).loc["gov.digital_signature_rate"]
        assert row.tolist()[1:] == [below, "100%", status]
    assert figures_table(review.observations.iloc[:0], "en").empty


def test_history_table_has_every_period_oldest_first(review):
    table = review.history_table("en")
    assert table.columns.tolist() == ["Indicator", "H1 2021", "H2 2021", "H1 2022"]
    assert table.loc["gov.digital_signature_rate"].tolist()[1:] == ["below 100%"] * 3
    assert table.loc["gov.online_dossier_rate", "H1 2021"] == "8,912/13,250 dossiers (67.26%)"


def test_children_table_names_the_communes(review):
    table = review.children_table("vi")
    assert len(table) == len(review.children)
    first = table.iloc[0].tolist()
    assert first == ["xã Long Khánh A", "Tỷ lệ hồ sơ TTHC xử lý trực tuyến", "631/1.029 hồ sơ (61,32%)", "50%",
                     "▲ Vượt chỉ tiêu"]


def test_progress_table_writes_baseline_latest_and_target(review):
    table = review.progress_table("en")
    assert table.columns.tolist() == ["Indicator", "Baseline", "Latest", "Target", "Progress"]
    assert table.loc["gov.online_dossier_rate"].tolist()[1:] == [
        "8,912/13,250 dossiers (67.26%) (H1 2021)", "9,475/15,684 dossiers (60.41%) (H1 2022)",
        "at least 80% by 2025", "✗ Deterioration"]
    assert table.loc["gov.digital_signature_rate", "Baseline"] == "—"  # only bounds: no point to start from


def test_findings_table_reads_in_either_language_most_severe_first(tmp_path):
    found = [Finding("info", "no_value", path=str(tmp_path / "a" / "indicators.csv"), indicator="x"),
             Finding("error", "zero_denominator", path=str(tmp_path / "a" / "indicators.csv"), row=4,
                     column="Mẫu số", value=HOSTILE)]
    english = findings_table(found, "en", base=tmp_path)
    assert english.columns.tolist() == ["Severity", "Where", "Value", "Problem", "How to fix"]
    assert english["Severity"].tolist() == ["Error", "Note"]
    assert english.loc[0, "Where"] == "a/indicators.csv, row 4, column 'Mẫu số'"
    assert findings_table(found, "vi")["Mức độ"].tolist() == ["Lỗi", "Thông tin"]
    html = english._repr_html_()  # what a notebook shows: pandas escapes every cell
    assert "<script>" not in html and "&lt;script&gt;" in html
