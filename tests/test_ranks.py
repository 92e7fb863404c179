"""Ranks ("thứ 12/63"): read as a place out of the number ranked, assessed lower-is-better, said in places.

Issue 15, item 1: a rank typed ``12/63`` was read as a ratio and published as
"12/63 hạng, đạt 19,05%".
"""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from dxanalysis.assess.review import load_review
from dxanalysis.exceptions import InputFileError
from dxanalysis.read.catalog import load_catalog
from dxanalysis.write.narrative import pillar_paragraph, shortcoming_items
from dxanalysis.write.sections import pillar_section, summary_section
from tests.test_no_invented_words import invented_numbers

HEADER = "Chỉ tiêu,Giá trị,Chỉ tiêu giao\n"
TAG = re.compile(r"<[^>]+>")


def _review(make_data, rows: str, previous: str | None = None, header: str = HEADER):
    if previous is not None:
        make_data(header + previous, period="2021")
    data = make_data(header + rows, period="2022")
    return load_review("hong-ngu", "2022", data)


def _visible(fragment: str) -> str:
    return html.unescape(TAG.sub(" ", re.sub(r"<img[^>]*>", " ", fragment)))


# ------------------------------------------------------------------ the catalog


def test_the_catalog_has_rank_indicators_with_their_legal_sources():
    catalog = load_catalog()
    dti, service = catalog["found.dti_rank"], catalog["gov.service_index_rank"]
    assert (dti.kind, dti.better, service.kind, service.better) == ("rank", "lower", "rank", "lower")
    assert dti.source == catalog["found.dti_score"].source and "922/QĐ-BTTTT" in dti.source
    assert "766/QĐ-TTg" in service.source
    assert catalog.resolve("Xếp hạng DTI") == "found.dti_rank"


def test_a_rank_that_is_better_higher_is_an_error_naming_the_row(tmp_path):
    path = tmp_path / "catalog.csv"
    path.write_text("code,pillar,name_vi,name_en,kind,unit_vi,unit_en,better\n"
                    "x.rank,foundations,Xếp hạng X,X rank,rank,,,higher\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        load_catalog(path)
    assert "x.rank" in caught.value.text("en") and "'higher'" in caught.value.text("en")
    assert "lower" in caught.value.text("en")


# ------------------------------------------------------------------ typed values

TYPED = [("12/63", 12, 63), ("thứ 12/63", 12, 63), ("hạng 12/63", 12, 63), ("Hạng 12", 12, None),
         ("12", 12, None), ("xếp thứ 12 trên 63", 12, 63), ("Xếp hạng 12/63 tỉnh, thành phố", 12, 63),
         ("thứ 12 trong số 63", 12, 63)]


@pytest.mark.parametrize("typed, position, field", TYPED)
def test_every_typed_form_of_a_rank_is_read_as_a_place(make_data, typed, position, field):
    review = _review(make_data, f"found.dti_rank,{typed},\n")
    row = review.observation("found.dti_rank")
    assert (row.value, bool(row.value_percent), row.kind, row.better) == (position, False, "rank", "lower")
    assert (row.denominator if field else None) == field and (field is not None or pd.isna(row.denominator))
    assert pd.isna(row.numerator)
    assert not review.findings


def test_a_rank_may_be_typed_as_numerator_and_denominator(make_data):
    review = _review(make_data, "found.dti_rank,12,63,\n", header="Chỉ tiêu,Tử số,Mẫu số,Chỉ tiêu giao\n")
    row = review.observation("found.dti_rank")
    assert (row.value, row.denominator, bool(row.value_percent)) == (12, 63, False)


def test_a_rank_typed_twice_must_agree(make_data):
    review = _review(make_data, "found.dti_rank,12,63,thứ 13/63,\n",
                     header="Chỉ tiêu,Tử số,Mẫu số,Giá trị,Chỉ tiêu giao\n")
    (finding,) = review.findings
    assert (finding.severity, finding.code, finding.row, finding.column) == ("error", "rank_disagrees", 2, "Giá trị")
    assert "12/63" in finding.message("en") and review.observation("found.dti_rank") is None


@pytest.mark.parametrize("typed", ["19,05%", "64/63", "0", "12,5", "thứ mười hai"])
def test_what_is_not_a_rank_is_a_located_error(make_data, typed):
    review = _review(make_data, f'found.dti_rank,"{typed}",\n')
    (finding,) = review.findings
    assert (finding.severity, finding.code, finding.row, finding.column, finding.value) == (
        "error", "unparseable", 2, "Giá trị", typed)
    assert "thứ 12/63" in finding.message("vi") and finding.hint("en")
    assert review.observation("found.dti_rank") is None


def test_a_percentage_target_of_a_rank_is_a_located_error(make_data):
    review = _review(make_data, "found.dti_rank,12/63,30%\n")
    (finding,) = review.findings
    assert (finding.code, finding.column, finding.value) == ("unparseable", "Chỉ tiêu giao", "30%")
    assert "thứ 30 trở lên" in finding.message("vi")


# ------------------------------------------------------------------ status against each target form


@pytest.mark.parametrize("target, position, status", [
    ("thứ 30 trở lên", 12, "exceeded"), ("thứ 30 trở lên", 30, "met"), ("thứ 30 trở lên", 35, "not_met"),
    ("top 25", 25, "met"), ("top 25", 26, "not_met"), ("Trong nhóm 30", 29, "exceeded"),
    ("trong nhóm 30 tỉnh dẫn đầu", 31, "not_met"), ("thứ 30", 30, "met"), ("thứ 30", 31, "not_met"),
    ("≤30", 12, "exceeded"),
])
def test_a_place_target_is_met_at_that_place_or_better(make_data, target, position, status):
    review = _review(make_data, f"found.dti_rank,{position}/63,{target}\n")
    assert review.observation("found.dti_rank").status == status


@pytest.mark.parametrize("before, status", [(22, "exceeded"), (17, "met"), (14, "not_met"), (10, "not_met")])
def test_places_to_gain_are_judged_on_last_years_place(make_data, before, status):
    review = _review(make_data, "found.dti_rank,12/63,tăng 5 hạng\n", previous=f"found.dti_rank,{before}/63,\n")
    assert review.observation("found.dti_rank").status == status
    assert not [f for f in review.findings if f.code == "rank_gain_not_assessed"]


def test_places_to_gain_without_last_year_are_not_assessed_and_say_why(make_data):
    review = _review(make_data, "found.dti_rank,12/63,tăng 5 hạng\n")
    assert review.observation("found.dti_rank").status == "not_assessed"
    (finding,) = review.findings
    assert (finding.code, finding.severity, finding.row, finding.value) == (
        "rank_gain_not_assessed", "info", 2, "tăng 5 hạng")
    assert "2021" in finding.message("vi") and "2021" in finding.hint("en")


# ------------------------------------------------------------------ sentences, tables and changes


def test_the_sentence_says_the_place_in_each_language(make_data):
    review = _review(make_data, "found.dti_rank,12/63,thứ 30 trở lên\n")
    assert pillar_paragraph(review, "foundations", "vi") == (
        "Xếp hạng Chỉ số đánh giá chuyển đổi số (DTI) cấp tỉnh xếp thứ 12/63 (chỉ tiêu giao là thứ 30 trở lên).")
    assert pillar_paragraph(review, "foundations", "en") == (
        "Provincial digital transformation index (DTI) rank: ranked 12th of 63 (target 30th or better).")


@pytest.mark.parametrize("position, ordinal", [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (22, "22nd"),
                                               (63, "63rd")])
def test_english_ordinals_follow_cldr(make_data, position, ordinal):
    review = _review(make_data, f"found.dti_rank,{position}/63,\n")
    assert f"ranked {ordinal} of 63" in pillar_paragraph(review, "foundations", "en")


def test_the_change_is_said_in_places_never_in_points(make_data):
    up = _review(make_data, "found.dti_rank,12/63,\n", previous="found.dti_rank,22/63,\n")
    assert "tăng 10 hạng so với năm 2021" in pillar_paragraph(up, "foundations", "vi")
    assert "up 10 places on 2021" in pillar_paragraph(up, "foundations", "en")
    table = _visible(pillar_section(up, "foundations", "vi"))
    assert "thứ 22/63" in table and "+10 hạng" in table and "điểm phần trăm" not in table


def test_a_fall_in_places_is_a_shortcoming(make_data):
    down = _review(make_data, "found.dti_rank,12/63,\n", previous="found.dti_rank,9/63,\n")
    assert "giảm 3 hạng so với năm 2021" in pillar_paragraph(down, "foundations", "vi")
    assert "down 3 places" in pillar_paragraph(down, "foundations", "en")
    texts = [item.text for item in shortcoming_items(down, "vi")]
    assert any("(từ thứ 9/63 xuống thứ 12/63)" in text for text in texts)
    assert "1" in _visible(summary_section(down, "vi"))  # one indicator worse than last year


def test_a_missed_rank_target_is_said_with_the_place(make_data):
    review = _review(make_data, "found.dti_rank,35/63,thứ 30 trở lên\n")
    (item,) = shortcoming_items(review, "vi")
    assert item.text == ("Xếp hạng Chỉ số đánh giá chuyển đổi số (DTI) cấp tỉnh chưa đạt chỉ tiêu thứ 30 trở lên "
                         "(xếp thứ 35/63)")
    gain = _review(make_data, "found.dti_rank,12/63,tăng 5 hạng\n", previous="found.dti_rank,14/63,\n")
    (item,) = shortcoming_items(gain, "en")
    assert "(up 5 places; ranked 12th of 63), up 2 places on 2021" in item.text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_percentage_anywhere_on_a_page_with_a_rank(make_data, lang, monkeypatch):
    review = _review(make_data, "found.dti_rank,12/63,thứ 30 trở lên\ngov.service_index_rank,27/63,tăng 5 hạng\n",
                     previous="found.dti_rank,22/63,\ngov.service_index_rank,30/63,\n")
    for pillar in ("foundations", "digital_government"):
        section = pillar_section(review, pillar, lang)
        assert "%" not in _visible(section), pillar
        assert "<img" in section  # the trend chart is drawn in places, not as a bar of percent
    assert "%" not in " ".join(item.text for item in shortcoming_items(review, lang))
    assert "19,05" not in _visible(pillar_section(review, "foundations", "vi"))
    assert invented_numbers(review, lang, None) == []


def test_a_rank_is_never_drawn_as_a_bar_of_percent(make_data):
    from dxanalysis.write.charts import chartable

    review = _review(make_data, "found.dti_rank,12/63,\ngov.online_dossier_rate,\"60,41%\",\n")
    assert chartable(review.observations, "foundations").empty
    assert list(chartable(review.observations, "digital_government")["indicator"]) == ["gov.online_dossier_rate"]


# ------------------------------------------------------------------ a count typed as a fraction


def test_a_count_typed_as_a_fraction_is_a_located_warning(make_data):
    review = _review(make_data, "found.dti_score,12/63,\nfound.dti_rank,12/63,\n")
    (finding,) = review.findings
    assert (finding.severity, finding.code, finding.row, finding.column, finding.value, finding.indicator) == (
        "warning", "count_as_fraction", 2, "Giá trị", "12/63", "found.dti_score")
    assert "found.dti_rank" in finding.hint("vi") and "kind = rank" in finding.hint("en")
    assert "12/63" in finding.message("en") and finding.message("vi") != finding.message("en")


def test_a_count_typed_as_a_number_has_no_warning(make_data):
    assert _review(make_data, "found.dti_score,\"612,5\",\n").findings == []
