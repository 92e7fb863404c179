"""Plan scorecards and figures as the source wrote them (issue 15, items 2 and 6).

A scorecard ("đạt và vượt 20/25 chỉ tiêu, trong đó 12 vượt, 08 đạt") is
compared across periods only within one plan; a rate the source did not state
is not printed unless the analyst asks; a printed change is the difference of
the printed figures.
"""

from __future__ import annotations

import re

import pytest

from dxanalysis.assess.review import load_review
from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.exceptions import InputFileError
from dxanalysis.write.charts import pillar_chart_html, trend_chart_html
from dxanalysis.write.narrative import pillar_paragraph, review_change, shortcoming_items
from dxanalysis.write.sections import pillar_section, summary_section

HEADER = "Chỉ tiêu,Tử số,Mẫu số,Giá trị,Đơn vị tính,Tên kế hoạch,Thuộc tổng\n"


def _scorecard(achieved: str, total: str, exceeded: str, met: str, plan: str = "") -> str:
    name = "Số chỉ tiêu đạt và vượt kế hoạch"
    return (HEADER + f"{name},{achieved},{total},,chỉ tiêu,{plan},\n"
            f"- Số chỉ tiêu vượt,,,{exceeded},chỉ tiêu,,{name}\n- Số chỉ tiêu đạt,,,{met},chỉ tiêu,,{name}\n")


def _two_years(make_data, before: str, now: str, notes: str | None = None):
    make_data(before, period="2022")
    return load_review("hong-ngu", "2023", make_data(now, period="2023", review_yml=notes))


def test_a_scorecard_reads_as_the_committee_writes_it(make_data):
    review = load_review("hong-ngu", "2023", make_data(_scorecard("20", "25", "12", "08"), period="2023"))
    row = review.observation("plan.targets_achieved")
    assert (row.kind, row.numerator, row.denominator, bool(row.rate_shown)) == ("scorecard", 20, 25, False)
    vi, en = pillar_paragraph(review, "foundations", "vi"), pillar_paragraph(review, "foundations", "en")
    assert vi == "Số chỉ tiêu đạt và vượt kế hoạch là 20/25 chỉ tiêu, trong đó 12 chỉ tiêu vượt và 08 chỉ tiêu đạt."
    assert en.endswith("20/25 targets, of which 12 targets exceeded and 08 targets met.")
    assert "%" not in vi + en  # no share the source did not give
    assert "80" not in vi + pillar_section(review, "foundations", "vi")


def test_parts_beyond_the_scorecard_are_an_error(make_data):
    """12 exceeded and 9 met cannot be parts of 20 achieved: the page would print a whole smaller than its parts."""
    review = load_review("hong-ngu", "2023", make_data(_scorecard("20", "25", "12", "09"), period="2023"))
    (finding,) = [f for f in review.findings if f.code == "parts_exceed_total"]
    assert finding.severity == "error" and review.has_errors
    assert finding.indicator == "plan.targets_achieved" and finding.params["parts_sum"] == "21"


def test_parts_short_of_the_scorecard_are_a_warning(make_data):
    review = load_review("hong-ngu", "2023", make_data(_scorecard("20", "25", "12", "07"), period="2023"))
    (finding,) = [f for f in review.findings if f.code == "parts_total_mismatch"]
    assert finding.severity == "warning" and finding.params["parts_sum"] == "19"


def test_scorecards_of_two_plans_are_side_by_side_never_a_fall(make_data):
    notes = "shortcomings:\n  - indicator: plan.targets_achieved\n    claim: decline\n"
    review = _two_years(make_data, _scorecard("20", "25", "12", "08"), _scorecard("40", "52", "25", "15"), notes)
    now = review.observation("plan.targets_achieved")
    assert now.value < review.previous_observation("plan.targets_achieved").value  # 76.9% after 80%: yet no fall
    for code in ("plan.targets_achieved", "plan.targets_exceeded", "plan.targets_met"):
        assert review_change(review, review.observation(code), "vi") is None, code
    table = pillar_section(review, "foundations", "vi")
    assert table.count("Kế hoạch khác, không so sánh") == 3 and "20/25 chỉ tiêu" in table and "+13" not in table
    # the committee's claim of a fall stays its own words: no figures, and a note that nothing backs it
    (item,) = [i for i in shortcoming_items(review, "vi") if i.indicator == "plan.targets_achieved"]
    assert "20/25" not in item.text and "40/48" not in item.text
    assert [f.code for f in review.findings if f.indicator == "plan.targets_achieved"] == ["claim_across_plans"]
    assert trend_chart_html(review, "foundations", "vi") == ""  # no line across two plans


def test_a_plan_named_differently_is_another_plan_even_with_as_many_targets(make_data):
    review = _two_years(make_data, _scorecard("20", "25", "12", "08", "Kế hoạch 12/KH-UBND"),
                        _scorecard("22", "25", "14", "08", "Kế hoạch 45/KH-UBND"))
    assert review_change(review, review.observation("plan.targets_achieved"), "vi") is None


def test_one_plan_over_two_periods_is_compared_in_targets(make_data):
    plan = "Kế hoạch 45/KH-UBND"
    review = _two_years(make_data, _scorecard("18", "25", "10", "08", plan), _scorecard("21", "25", "13", "08", plan))
    change = review_change(review, review.observation("plan.targets_achieved"), "vi")
    assert (change.direction, change.amount) == ("up", "3 chỉ tiêu")
    assert "tăng 3 chỉ tiêu so với năm 2022" in pillar_paragraph(review, "foundations", "vi")
    assert "+3 chỉ tiêu" in pillar_section(review, "foundations", "vi")


def test_a_printed_change_is_the_difference_of_the_printed_figures(make_data):
    # 60,416% and 50,004%: the page prints 60,42% and 50%, so the change is 10,42 points, not 10,41
    rate = 'Chỉ tiêu,Giá trị\nTỷ lệ hồ sơ TTHC xử lý trực tuyến,"{}%"\n'
    review = _two_years(make_data, rate.format("50,004"), rate.format("60,416"))
    section = pillar_section(review, "digital_government", "vi")
    assert "60,42%" in section and "50%" in section
    assert "+10,42 điểm phần trăm" in section
    assert "tăng 10,42 điểm phần trăm so với năm 2022" in pillar_paragraph(review, "digital_government", "vi")


def test_a_year_is_compared_with_last_year_not_with_the_same_period(make_data):
    rate = "Chỉ tiêu,Giá trị\nTỷ lệ hồ sơ TTHC xử lý trực tuyến,{}%\n"
    review = _two_years(make_data, rate.format("50"), rate.format("60"))
    assert "cùng kỳ" not in pillar_section(review, "digital_government", "vi") + summary_section(review, "vi")
    assert "So với năm 2022" in summary_section(review, "vi")


COUNTS = "Chỉ tiêu,Tử số,Mẫu số,Giá trị,Chỉ tiêu giao\nTỷ lệ trường áp dụng mô hình giáo dục STEM,10,21,{},40%\n"


def test_a_rate_the_source_did_not_state_is_not_printed(make_data):
    review = load_review("hong-ngu", "2022-H1", make_data(COUNTS.format("")))
    page = pillar_section(review, "digital_society", "vi")
    assert "10/21 trường" in page and not re.search(r"47[,.]6", page) and "%" not in page.replace("40%", "")
    assert review.observation("soc.stem_school_rate").status == "exceeded"  # still judged on its counts
    assert pillar_chart_html(review, "digital_society", "vi") == ""  # a bar would draw the unprinted rate
    stated = load_review("hong-ngu", "2022-H1", make_data(COUNTS.format('"47,62%"')))
    assert "10/21 trường (47,62%)" in pillar_section(stated, "digital_society", "vi")


@pytest.mark.parametrize("asked", ["show_rates: true\n", "show_rates:\n  - soc.stem_school_rate\n",
                                   "show_rates:\n  - Tỷ lệ trường áp dụng mô hình giáo dục STEM\n"])
def test_the_analyst_may_ask_for_the_rates(make_data, asked):
    review = load_review("hong-ngu", "2022-H1", make_data(COUNTS.format(""), review_yml=asked))
    assert "10/21 trường (47,62%)" in pillar_section(review, "digital_society", "vi")
    assert "đạt 47,62%" in pillar_paragraph(review, "digital_society", "vi")


def test_asking_for_the_rate_of_an_unknown_indicator_is_refused(make_data):
    data = make_data(COUNTS.format(""), review_yml="show_rates:\n  - Tỷ lệ hộ nuôi cá\n")
    with pytest.raises(InputFileError, match=r"show_rates\[1\].*Tỷ lệ hộ nuôi cá"):
        load_review("hong-ngu", "2022-H1", data)


def test_counts_without_a_stated_rate_are_not_compared_by_rate(make_data):
    before = COUNTS.format("").replace("10,21", "8,20")
    review = _two_years(make_data, before, COUNTS.format(""))
    assert review_change(review, review.observation("soc.stem_school_rate"), "vi") is None
    assert "điểm phần trăm" not in pillar_section(review, "digital_society", "vi")


@pytest.mark.parametrize("unit, period", [("dong-thap", "2023"), ("cao-lanh", "2023")])
def test_the_illustrative_scorecards_read_whole(unit, period):
    review = load_review(unit, period, EXAMPLE_DATA_DIR)
    assert not review.has_errors
    row = review.observation("plan.targets_achieved")
    sentence = pillar_paragraph(review, "section-ke-hoach", "vi")  # the section review.yml gives the plan
    assert f"{int(row.numerator)}/{int(row.denominator)} chỉ tiêu, trong đó" in sentence


@pytest.mark.parametrize("typed", ["20/25", "đạt và vượt 20/25 chỉ tiêu", "\"Đạt, vượt 20/25\""])
def test_a_scorecard_may_be_typed_as_the_review_words_it(make_data, typed):
    data = make_data(f"Chỉ tiêu,Giá trị\nSố chỉ tiêu đạt và vượt kế hoạch,{typed}\n", period="2023")
    row = load_review("hong-ngu", "2023", data).observation("plan.targets_achieved")
    assert (row.numerator, row.denominator) == (20, 25)


def test_a_scorecard_with_more_targets_met_than_it_has_is_an_error(make_data):
    data = make_data("Chỉ tiêu,Tử số,Mẫu số\nSố chỉ tiêu đạt và vượt kế hoạch,26,25\n", period="2023")
    review = load_review("hong-ngu", "2023", data)
    assert [f.code for f in review.findings] == ["numerator_above_denominator"]


def test_the_illustrative_plan_document_review_names_no_meeting():
    import html

    from dxanalysis.write.sections import header_section

    review = load_review("cao-lanh", "2023", EXAMPLE_DATA_DIR)
    assert review.notes.meeting.date is None and not review.notes.meeting.body  # a plan's results, no meeting
    for lang in ("vi", "en"):
        header = html.unescape(header_section(review, lang))
        assert not any(word in header for word in ("Hội nghị", "chủ trì", "Ban Chỉ đạo", "Meeting", "chaired", "—"))
        assert review.notes.source in header  # where the words come from, under the title


def test_the_illustrative_province_ranks_and_plans():
    review = load_review("dong-thap", "2023", EXAMPLE_DATA_DIR)
    rank = review.observation("found.dti_rank")
    assert (rank.value, rank.denominator, rank.status) == (12, 63, "exceeded")  # "tăng 5 hạng": it rose 10
    page = pillar_section(review, "section-xep-hang", "vi")
    assert "thứ 12/63" in page and "thứ 22/63" in page and "+10 hạng" in page and "%" not in page
    plan = pillar_section(review, "section-ke-hoach", "en")
    assert "40/48 targets" in plan and "20/25 targets" in plan and "Different plan, not compared" in plan


def test_a_shortcoming_the_data_shows_on_target_is_not_dropped_silently(make_data):
    data = make_data(COUNTS.format('"47,62%"'), review_yml="shortcomings:\n  - indicator: soc.stem_school_rate\n")
    review = load_review("hong-ngu", "2022-H1", data)
    assert not [i for i in shortcoming_items(review, "vi") if i.indicator == "soc.stem_school_rate"]
    (finding,) = [f for f in review.findings if f.code == "claim_contradicted"]
    assert finding.severity == "warning" and finding.indicator == "soc.stem_school_rate"
    assert "10/21 trường (47,62%); đánh giá: Vượt chỉ tiêu" in finding.message("vi")


@pytest.mark.parametrize("row, column", [("Số chỉ tiêu đạt và vượt kế hoạch,,,20,chỉ tiêu,,,", "Tử số"),
                                         ("Số chỉ tiêu đạt và vượt kế hoạch,20,25,,chỉ tiêu,,,", None)])
def test_a_scorecard_needs_its_counts_and_a_target_in_percent(make_data, row, column):
    header = "Chỉ tiêu,Tử số,Mẫu số,Giá trị,Đơn vị tính,Chỉ tiêu giao,Tên kế hoạch,Thuộc tổng\n"
    if column is None:  # "22 chỉ tiêu" would be read as 22%: refused, never judged
        row, column = row.replace("chỉ tiêu,,,", 'chỉ tiêu,"22 chỉ tiêu",,'), "Chỉ tiêu giao"
    review = load_review("hong-ngu", "2023", make_data(header + row + "\n", period="2023"))
    (finding,) = [f for f in review.findings if f.severity == "error"]
    assert finding.column == column and review.observation("plan.targets_achieved") is None
    assert "%" not in pillar_paragraph(review, "foundations", "vi")


def test_scorecards_without_a_plan_name_are_not_compared_even_with_as_many_targets(make_data):
    review = _two_years(make_data, _scorecard("40", "48", "25", "15"), _scorecard("36", "48", "20", "16"))
    for code in ("plan.targets_achieved", "plan.targets_exceeded", "plan.targets_met"):
        assert review_change(review, review.observation(code), "vi") is None, code
    assert "Kế hoạch khác, không so sánh" in pillar_section(review, "foundations", "vi")


def test_the_plan_progress_table_prints_no_rate_the_source_did_not_give(example_data):
    import csv

    for path in (example_data / "hong-ngu").glob("*/indicators.csv"):
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        value = rows[0].index("Giá trị")
        for row in rows[1:]:
            if "STEM" in row[1]:
                row[value] = ""  # the counts alone, as a source may give them
        with path.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out, lineterminator="\n").writerows(rows)
    from dxanalysis.write.sections import _progress_table

    review = load_review("hong-ngu", "2022-H2", example_data)
    (stem,) = [r for r in _progress_table(review, "vi")["rows"] if "STEM" in r["name"]]
    assert "/34" in stem["base"] + stem["latest"] and "%" not in stem["base"] + stem["latest"]


def test_a_summary_over_two_plans_says_nothing_compares_not_that_there_is_no_data(make_data):
    from dxanalysis.write.sections import summary_section

    review = _two_years(make_data, _scorecard("20", "25", "12", "08"), _scorecard("40", "48", "25", "15"))
    vi, en = summary_section(review, "vi"), summary_section(review, "en")
    assert "không chỉ tiêu nào so sánh được" in vi and "để so sánh" not in vi
    assert "none can be compared" in en and "No data for" not in en
