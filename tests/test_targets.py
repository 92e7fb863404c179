"""Targets of every form a review uses: numbers, words (the committee's assessment), thresholds over communes."""

import pytest

from dxanalysis.assess.review import load_review
from dxanalysis.target_forms import parse_target
from dxanalysis.exceptions import InputValueError
from dxanalysis.write.narrative import pillar_paragraph, shortcoming_items
from dxanalysis.write.sections import pillar_section, summary_section

UNITS = ("slug,name_vi,name_en,level,parent\nhong-ngu,huyện Hồng Ngự,Hong Ngu district,huyện,\n"
         "an-binh,xã An Bình,An Binh commune,xã,hong-ngu\ndong-thanh,xã Đông Thạnh,Dong Thanh commune,xã,hong-ngu\n"
         "vinh-thanh,xã Vĩnh Thạnh,Vinh Thanh commune,xã,hong-ngu\n")


@pytest.mark.parametrize("typed, kind, value, qualifier", [
    ("50%", "number", 50, None), ("đạt và vượt chỉ tiêu tỉnh giao", "reference", None, None),
    ("Theo kế hoạch", "reference", None, None), ("không có xã nào dưới 45%", "children", 45, "at_least"),
    ("các xã đạt từ 65% trở lên", "children", 65, "at_least"), ("100% xã đạt trên 50%", "children", 50, "above"),
    ("no commune below 45%", "children", 45, "at_least"),
])
def test_every_target_form_is_read(typed, kind, value, qualifier):
    form = parse_target(typed)
    assert form.kind == kind
    assert (form.quantity.value if form.quantity else None) == value
    assert (form.quantity.qualifier if form.quantity else None) == qualifier


@pytest.mark.parametrize("typed", ["8O%", "khoảng chừng", "trên", "không có xã nào", "các xã đạt từ 6,5,5% trở lên"])
def test_a_figure_left_out_or_mistyped_is_an_error_not_a_reference(typed):
    with pytest.raises(InputValueError):
        parse_target(typed)


def test_a_target_in_words_takes_the_committees_assessment(make_data):
    data = make_data("Chỉ tiêu,Giá trị,Chỉ tiêu giao,Đánh giá\n"
                     "gov.online_dossier_rate,\"62,5%\",đạt và vượt chỉ tiêu tỉnh giao,Đạt và vượt\n"
                     "soc.stem_school_rate,20%,theo kế hoạch,\n"
                     "gov.ontime_dossier_rate,90%,theo kế hoạch,Chưa đạt\n")
    review = load_review("hong-ngu", "2022-H1", data)
    assert review.findings == []
    statuses = review.observations.set_index("indicator")["status"].to_dict()
    assert statuses == {"gov.online_dossier_rate": "exceeded", "soc.stem_school_rate": "not_assessed",
                        "gov.ontime_dossier_rate": "not_met"}
    paragraph = pillar_paragraph(review, "digital_government", "vi")
    assert "đạt 62,5% (chỉ tiêu: đạt và vượt chỉ tiêu tỉnh giao)" in paragraph
    table = pillar_section(review, "digital_government", "vi")
    assert "Vượt chỉ tiêu (theo đánh giá trong báo cáo)" in table and "Chưa giao chỉ tiêu" not in table
    assert "Chưa đánh giá" in pillar_section(review, "digital_society", "vi")
    assert "Chưa đánh giá" in summary_section(review, "vi")
    (missed,) = [i.text for i in shortcoming_items(review, "vi")]
    assert missed.endswith("là 90%, chưa đạt chỉ tiêu (theo kế hoạch)")


def test_an_assessment_the_figures_contradict_is_a_warning_next_to_the_figure(make_data):
    data = make_data("Chỉ tiêu,Giá trị,Chỉ tiêu giao,Đánh giá\ngov.online_dossier_rate,40%,50%,Đạt\n")
    review = load_review("hong-ngu", "2022-H1", data)
    assert review.observation("gov.online_dossier_rate").status == "not_met"  # figures decide a number
    (finding,) = review.findings
    assert finding.code == "assessment_contradicted" and "Not met" in finding.message("en")
    assert 'class="dx-flag"' in pillar_section(review, "digital_government", "en")


def test_an_unknown_assessment_is_a_located_error(make_data):
    data = make_data("Chỉ tiêu,Giá trị,Đánh giá\ngov.online_dossier_rate,40%,tốt\n")
    (finding,) = load_review("hong-ngu", "2022-H1", data).findings
    assert (finding.code, finding.row, finding.column, finding.value) == ("unparseable", 2, "Đánh giá", "tốt")


def _district_with_communes(make_data, target, commune_values):
    data = make_data(f"Chỉ tiêu,Giá trị,Chỉ tiêu giao\ngov.online_dossier_rate,60%,{target}\n")
    (data / "units.csv").write_text(UNITS, encoding="utf-8")
    for slug, value in commune_values.items():
        folder = data / slug / "2022-H1"
        folder.mkdir(parents=True)
        (folder / "indicators.csv").write_text(f"Chỉ tiêu,Giá trị\ngov.online_dossier_rate,{value}\n", encoding="utf-8")
    return load_review("hong-ngu", "2022-H1", data)


def test_a_threshold_over_communes_is_decided_from_their_figures_and_names_those_below(make_data):
    review = _district_with_communes(make_data, "không có xã nào dưới 45%",
                                     {"an-binh": "50%", "dong-thanh": "40%", "vinh-thanh": "\"42,5%\""})
    assert review.observation("gov.online_dossier_rate").status == "not_met"
    assert review.threshold_misses == {"gov.online_dossier_rate": ["dong-thanh", "vinh-thanh"]}
    texts = [i.text for i in shortcoming_items(review, "vi")]
    assert ("Tỷ lệ hồ sơ TTHC xử lý trực tuyến chưa đạt chỉ tiêu “không có xã nào dưới 45%”: 2 xã dưới mức này "
            "(xã Đông Thạnh 40%; xã Vĩnh Thạnh 42,5%)") in texts


def test_a_threshold_every_commune_reaches_is_met(make_data):
    review = _district_with_communes(make_data, "các xã đạt từ 45% trở lên",
                                     {"an-binh": "50%", "dong-thanh": "45%", "vinh-thanh": "70%"})
    assert review.observation("gov.online_dossier_rate").status == "met"
    assert "(chỉ tiêu: các xã đạt từ 45% trở lên)" in pillar_paragraph(review, "digital_government", "vi")


def test_a_threshold_without_commune_data_claims_nothing_and_says_why(make_data):
    review = _district_with_communes(make_data, "không có xã nào dưới 45%", {})
    assert review.observation("gov.online_dossier_rate").status == "not_assessed"  # its own 60% is still shown
    assert [f.code for f in review.findings] == ["threshold_not_assessed"]
    assert "60%" in pillar_paragraph(review, "digital_government", "vi")


def test_a_threshold_over_another_level_is_not_decided_with_the_communes(make_data):
    review = _district_with_communes(make_data, "không có huyện nào dưới 45%", {"an-binh": "30%"})
    assert review.observation("gov.online_dossier_rate").status == "not_assessed"
    assert [f.code for f in review.findings] == ["threshold_not_assessed"]


def test_an_assessment_a_threshold_contradicts_is_a_warning(make_data):
    data = make_data("Chỉ tiêu,Giá trị,Chỉ tiêu giao,Đánh giá\ngov.online_dossier_rate,60%,không có xã nào dưới 45%,Đạt\n")
    (data / "units.csv").write_text(UNITS, encoding="utf-8")
    folder = data / "an-binh" / "2022-H1"
    folder.mkdir(parents=True)
    (folder / "indicators.csv").write_text("Chỉ tiêu,Giá trị\ngov.online_dossier_rate,30%\n", encoding="utf-8")
    review = load_review("hong-ngu", "2022-H1", data)
    assert review.observation("gov.online_dossier_rate").status == "not_met"
    assert [f.code for f in review.findings] == ["assessment_contradicted"]


def test_an_assessment_without_a_target_is_the_reviews_and_reads_whole(make_data):
    data = make_data("Chỉ tiêu,Tử số,Mẫu số,Đánh giá\ngov.online_dossier_rate,30,60,Chưa đạt\n")
    review = load_review("hong-ngu", "2022-H1", data)
    (item,) = shortcoming_items(review, "en")
    assert item.text.endswith("is 30/60 dossiers, short of its target")
    assert "(as the review assesses it)" in pillar_section(review, "digital_government", "en")


@pytest.mark.parametrize("typed", ["đạt chỉ tiêu tỉnh giao năm 2023", "theo Kế hoạch số 123/KH-UBND",
                                   "Đạt 100% kế hoạch"])
def test_words_about_a_target_may_hold_a_number(typed):
    assert parse_target(typed).kind == "reference"


def test_a_target_not_given_in_words_is_no_target(make_data):
    data = make_data("Chỉ tiêu,Giá trị,Chỉ tiêu giao\ngov.online_dossier_rate,60%,chưa giao\n")
    row = load_review("hong-ngu", "2022-H1", data).observation("gov.online_dossier_rate")
    assert (row.status, row.target_text) == ("no_target", "")


def test_communes_are_listed_in_vietnamese_order(make_data):
    from dxanalysis.write.sections import children_section

    review = _district_with_communes(make_data, "50%", {"vinh-thanh": "60%", "dong-thanh": "40%", "an-binh": "55%"})
    page = children_section(review, "vi")
    assert page.index("xã An Bình") < page.index("xã Đông Thạnh") < page.index("xã Vĩnh Thạnh")


def test_a_communes_note_reaches_the_districts_page(make_data):
    from dxanalysis.write.sections import children_section

    review = _district_with_communes(make_data, "50%", {"an-binh": "55%"})
    path = next(p for p in review.inputs if "an-binh" in str(p))
    path.write_text("Chỉ tiêu,Giá trị,Ghi chú\ngov.online_dossier_rate,55%,Số liệu của Bưu điện xã\n", encoding="utf-8")
    review = load_review("hong-ngu", "2022-H1", path.parents[2])
    page = children_section(review, "vi")
    assert 'href="#note-1"' in page and '<li id="note-1" value="1"><span lang="vi">Số liệu của Bưu điện xã' in page


def test_english_names_the_communes_below_a_threshold_in_the_plural(make_data):
    review = _district_with_communes(make_data, "không có xã nào dưới 45%",
                                     {"an-binh": "40%", "dong-thanh": "41%", "vinh-thanh": "60%"})
    (text,) = [i.text for i in shortcoming_items(review, "en")]
    assert ": 2 communes are below it (" in text


def test_on_the_districts_page_the_threshold_is_the_communes_target(make_data):
    from dxanalysis.write.sections import children_section

    review = _district_with_communes(make_data, "không có xã nào dưới 45%", {"an-binh": "50%", "dong-thanh": "40%"})
    statuses = review.children.set_index("unit")["status"].to_dict()
    assert statuses == {"an-binh": "exceeded", "dong-thanh": "not_met"}
    assert "Chưa giao chỉ tiêu" not in children_section(review, "vi")
    # one sentence for the threshold's misses, not a second one for the same communes
    assert len([i for i in shortcoming_items(review, "vi") if "Đông Thạnh" in i.text]) == 1
