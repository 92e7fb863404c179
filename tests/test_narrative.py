"""The generated text against the seed's own sentences (../shared/seed): the spec, not a hand-typed figure."""

import pytest

from dxanalysis.read.notes import Task
from dxanalysis.write.narrative import achievement_sentence, pillar_paragraph, shortcoming_items, task_sentence
from dxanalysis.assess.review import load_review


def test_seed_sentences_are_generated(seed_data):
    review = load_review("hong-ngu", "2022-H1", seed_data)
    government = pillar_paragraph(review, "digital_government", "vi")
    assert "tỷ lệ hồ sơ TTHC xử lý trực tuyến là 9.475/15.684 hồ sơ, đạt 60,41% (chỉ tiêu giao là 50%)" in government
    assert "đạt 100%" in government and "là 16 hộ" in government
    assert "Thường Phước 1" in government  # the analyst's qualitative item follows the figures
    society = pillar_paragraph(review, "digital_society", "vi")
    assert "là 11/34 trường, đạt 32,35% (chỉ tiêu giao là 15%)" in society
    texts = [item.text for item in shortcoming_items(review, "vi")]
    assert texts == [
        "Tỷ lệ thực hiện ký số văn bản trao đổi qua môi trường mạng dưới dạng điện tử chưa đạt 100%",
        "Tỷ lệ dịch vụ công trực tuyến phát sinh hồ sơ chưa đạt 80% trở lên (toàn huyện có 52/74 TTHC, đạt 70,27%)",
        "Tỷ lệ hồ sơ TTHC xử lý trực tuyến có chiều hướng giảm so với cùng kỳ năm 2021",
    ]
    assert shortcoming_items(review, "vi")[2].reason.startswith("do việc đăng nhập")
    assert task_sentence(review.notes.tasks[0], "vi").startswith(
        "Giao Phòng Văn hóa và Thông tin (Phó trưởng ban) chủ trì, phối hợp với thành viên Ban Chỉ đạo Huyện, "
        "các cấp, các ngành và các đơn vị viễn thông tiếp tục triển khai")


def test_edited_figure_moves_from_achievements_to_shortcomings(seed_data):
    path = seed_data / "hong-ngu" / "2022-H1" / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("9.475,15.684", "7.000,15.684"), encoding="utf-8")
    review = load_review("hong-ngu", "2022-H1", seed_data)
    assert review.observation("gov.online_dossier_rate").status == "not_met"
    assert "9.475" not in pillar_paragraph(review, "digital_government", "vi")
    assert any("chưa đạt 50% (toàn huyện có 7.000/15.684 hồ sơ, đạt 44,63%)" in item.text
               for item in shortcoming_items(review, "vi"))


def test_seed_decline_claim_is_unverified_without_last_year(seed_data):
    review = load_review("hong-ngu", "2022-H1", seed_data)
    assert [f.code for f in review.findings] == ["unverified_claim"]
    item = next(i for i in shortcoming_items(review, "vi") if i.indicator == "gov.online_dossier_rate")
    assert not item.verified and item.text.endswith("so với cùng kỳ năm 2021")


def test_decline_claim_contradicted_by_last_year(seed_data):
    previous = seed_data / "hong-ngu" / "2021-H1"
    previous.mkdir()
    (previous / "indicators.csv").write_text("Chỉ tiêu,Tử số,Mẫu số\ngov.online_dossier_rate,5.000,10.000\n",
                                             encoding="utf-8")
    review = load_review("hong-ngu", "2022-H1", seed_data)
    codes = {f.code for f in review.findings}
    assert "claim_contradicted" in codes and "unverified_claim" not in codes  # 50% -> 60.41% is no decline
    item = next(i for i in shortcoming_items(review, "vi") if i.indicator == "gov.online_dossier_rate")
    assert "xuống" not in item.text  # the page does not invent a fall the data does not show


def test_decline_confirmed_by_the_illustrative_history(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    item = next(i for i in shortcoming_items(review, "vi") if i.indicator == "gov.online_dossier_rate")
    assert item.verified and "(từ 67,26% xuống 60,41%)" in item.text and item.reason.startswith("do việc")
    assert "giảm 6,85 điểm phần trăm so với cùng kỳ năm 2021" in pillar_paragraph(review, "digital_government", "vi")


def test_fall_without_analyst_claim_becomes_a_shortcoming(example_data):
    path = example_data / "hong-ngu" / "2021-H1" / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",8,34,", ",13,34,"), encoding="utf-8")  # STEM 2021: 38,24%
    review = load_review("hong-ngu", "2022-H1", example_data)
    texts = [i.text for i in shortcoming_items(review, "vi")]
    assert ("Tỷ lệ trường áp dụng mô hình giáo dục STEM có chiều hướng giảm so với cùng kỳ năm 2021 "
            "(từ 38,24% xuống 32,35%)") in texts


def test_communes_below_target_are_named(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    below = review.children[(review.children["indicator"] == "gov.online_dossier_rate")
                            & (review.children["status"] == "not_met")]
    text = next(i.text for i in shortcoming_items(review, "vi")
                if i.text.startswith("Tỷ lệ hồ sơ TTHC xử lý trực tuyến:"))
    assert f"{len(below)}/4 xã chưa đạt chỉ tiêu" in text
    for unit in below["unit"]:
        assert review.units[unit].name("vi") in text


def test_english_sentences(seed_data):
    review = load_review("hong-ngu", "2022-H1", seed_data)
    row = review.observation("gov.online_services_with_dossiers_rate")
    assert achievement_sentence(row, "en") == (
        "share of online public services that generated dossiers: 52/74 procedures, 70.27% (target at least 80%)")


@pytest.mark.parametrize("verb, vietnamese, english", [
    ("giao", "Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các xã hướng dẫn",
     "Assigned to Sở Thông tin và Truyền thông, working with các xã: hướng dẫn"),
    ("đề nghị", "Đề nghị Sở Thông tin và Truyền thông phối hợp với các xã hướng dẫn",
     "Requested of"),
    ("yêu cầu", "Yêu cầu Sở Thông tin và Truyền thông phối hợp với các xã", "Required of"),
    ("cam kết", "Sở Thông tin và Truyền thông cam kết phối hợp với các xã hướng dẫn", "Pledged by"),
    ("hỗ trợ", "Sở Thông tin và Truyền thông phối hợp với các xã hỗ trợ hướng dẫn", "Support from"),
    ("kiến nghị", "Kiến nghị Sở Thông tin và Truyền thông phối hợp với các xã", "Recommendation to"),
])
def test_a_task_keeps_the_committees_verb(verb, vietnamese, english):
    task = Task("Sở Thông tin và Truyền thông", "hướng dẫn", ("các xã",), verb=verb)
    assert task_sentence(task, "vi").startswith(vietnamese)
    assert ("chủ trì" in task_sentence(task, "vi")) == (verb == "giao")  # the seed's "giao … chủ trì, phối hợp"
    assert english in task_sentence(task, "en")


def test_a_task_without_a_verb_gets_none_and_no_deadline():
    sentence = task_sentence(Task("Ủy ban nhân dân tỉnh", "hỗ trợ kinh phí"), "vi")
    assert sentence == "Ủy ban nhân dân tỉnh: hỗ trợ kinh phí."
    assert not any(word in sentence for word in ("Giao", "chủ trì", "Thường xuyên", "thời hạn"))
    with_deadline = task_sentence(Task("Phòng Văn hóa và Thông tin", "báo cáo", deadline="tháng 12/2022",
                                       verb="giao"), "vi")
    assert with_deadline == "Giao Phòng Văn hóa và Thông tin báo cáo (thời hạn: tháng 12/2022)."


def test_a_verb_the_tool_does_not_know_is_refused_with_the_choices(tmp_path):
    from dxanalysis.exceptions import InputFileError
    from dxanalysis.read.notes import parse_review_notes
    with pytest.raises(InputFileError, match=r"tasks\[1\]\.verb.*'chỉ đạo'.*giao, đề nghị, yêu cầu"):
        parse_review_notes({"tasks": [{"lead": "a", "content": "b", "verb": "chỉ đạo"}]}, tmp_path / "review.yml")


def test_english_agrees_with_its_numbers(make_data):
    from dxanalysis.write.narrative import achievement_sentence, change_since

    data = make_data("Chỉ tiêu,Tử số,Mẫu số,Giá trị\ngov.online_dossier_rate,1,1,\n"
                     "econ.ocop_households_on_ecommerce,,,1\n")
    review = load_review("hong-ngu", "2022-H1", data)
    rate, count = review.observation("gov.online_dossier_rate"), review.observation("econ.ocop_households_on_ecommerce")
    assert achievement_sentence(rate, "en").endswith(": 1/1 dossier")  # no rate the source did not give
    assert achievement_sentence(count, "en").endswith(": 1 household")
    before = count.copy()
    before["value"] = 2.0
    assert change_since(count, before, 2021, "en").amount == "1 household"


def test_counts_keep_the_zeros_the_source_wrote(make_data):
    data = make_data("Chỉ tiêu,Giá trị,Đơn vị tính\necon.ocop_households_on_ecommerce,07,hộ\n"
                     "found.commune_fibre_rate,05/33,xã\n")
    review = load_review("hong-ngu", "2022-H1", data)
    assert achievement_sentence(review.observation("econ.ocop_households_on_ecommerce"), "vi").endswith("là 07 hộ")
    assert "là 05/33 xã" in achievement_sentence(review.observation("found.commune_fibre_rate"), "vi")
    assert review.observation("econ.ocop_households_on_ecommerce").value == 7  # the number itself is 7


def test_a_worse_count_where_lower_is_better_is_said_to_rise(make_data):
    """More dossiers received in person than last year is worse, and the page says it rose, not fell."""
    make_data("Chỉ tiêu,Giá trị\nSố hồ sơ TTHC tiếp nhận trực tiếp,5\n", period="2021-H1")
    raw = make_data("Chỉ tiêu,Giá trị\nSố hồ sơ TTHC tiếp nhận trực tiếp,7\n")
    review = load_review("hong-ngu", "2022-H1", raw)
    texts = [i.text for i in shortcoming_items(review, "vi")]
    assert "Số hồ sơ TTHC tiếp nhận trực tiếp có chiều hướng tăng so với cùng kỳ năm 2021 (từ 5 lên 7)" in texts
    assert not any("giảm" in text for text in texts)
    english = [i.text for i in shortcoming_items(review, "en")]
    assert any("rose compared with the same period of 2021 (from 5 to 7)" in text for text in english)


def test_a_claimed_fall_is_checked_on_the_figures_as_printed(make_data):
    """60,414% and 60,411% both print as 60,41%: the committee's fall is not shown with figures, and the
    claim is flagged as contradicted by what the page prints."""
    make_data("Chỉ tiêu,Giá trị\nTỷ lệ hồ sơ TTHC xử lý trực tuyến,\"60,414%\"\n", period="2021-H1")
    raw = make_data("Chỉ tiêu,Giá trị\nTỷ lệ hồ sơ TTHC xử lý trực tuyến,\"60,411%\"\n",
                    review_yml="shortcomings:\n  - indicator: gov.online_dossier_rate\n    claim: decline\n")
    review = load_review("hong-ngu", "2022-H1", raw)
    item = next(i for i in shortcoming_items(review, "vi") if i.indicator == "gov.online_dossier_rate")
    assert "xuống" not in item.text
    assert any(f.code == "claim_contradicted" and f.indicator == "gov.online_dossier_rate" for f in review.findings)
