import pytest

from dxanalysis.provenance import collect_provenance
from dxanalysis.assess.status import status_counts
from dxanalysis.write.sections import (appendix_section, commitments_section, header_section, shortcomings_section,
                               summary_section, tasks_section)
from dxanalysis.assess.review import load_review


def test_summary_counts_come_from_statuses(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    counts = status_counts(review.observations)
    assert (counts["exceeded"], counts["not_met"], counts["no_target"]) == (2, 2, 4)
    html = summary_section(review, "vi")
    assert "Tổng số 8 chỉ tiêu" in html and "cùng kỳ 06 tháng đầu năm 2021" in html


def test_commitment_status_is_computed_where_data_exists(example_data):
    html = commitments_section(load_review("hong-ngu", "2022-H1", example_data), "vi")
    assert "16/16 sản phẩm (100%) — chỉ tiêu cam kết 100%" in html
    assert html.count("Chưa có số liệu") == 2  # health and education have no figures in the data


def test_header_and_tasks(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    header = header_section(review, "vi")
    assert "<h1>Sơ kết chuyển đổi số 06 tháng đầu năm 2022</h1>" in header
    assert "Hội nghị ngày 09/8/2022, do Ông Huỳnh Văn Tài" in header
    assert "role=\"alert\"" not in header
    tasks = tasks_section(review, "vi")
    assert "Thường xuyên" not in tasks and "<td></td>" in tasks  # no deadline given: none is invented


def test_the_page_adds_no_word_the_notes_did_not_give(example_data):
    """No made-up committee, no blank clause, no attribution appended to the committee's own words."""
    import yaml

    notes_path = example_data / "hong-ngu" / "2022-H1" / "review.yml"
    notes = yaml.safe_load(notes_path.read_text(encoding="utf-8"))
    del notes["meeting"]["body"], notes["meeting"]["chair"], notes["meeting"]["chair_title"]
    notes_path.write_text(yaml.safe_dump(notes, allow_unicode=True), encoding="utf-8")
    review = load_review("hong-ngu", "2022-H1", example_data)
    for lang in ("vi", "en"):
        header = header_section(review, lang)
        assert "dx-kicker" not in header and "—" not in header and "chủ trì" not in header
        assert ("Hội nghị ngày 09/8/2022." if lang == "vi" else "Meeting of 9 August 2022.") in header
        shortcomings = shortcomings_section(review, lang)
        assert "Ban Chỉ đạo" not in shortcomings and "committee" not in shortcomings
        assert ".." not in shortcomings.replace("...", "")


def test_appendix_shows_paths_relative_to_the_project(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    provenance = collect_provenance(review.inputs, {"unit": "hong-ngu"}, base=example_data.parent)
    html = appendix_section(review, provenance, "vi")
    assert "raw/hong-ngu/2022-H1/review.yml" in html and str(example_data) not in html
    assert provenance.inputs[0].sha256 in html


def test_text_is_escaped(example_data):
    notes = example_data / "hong-ngu" / "2022-H1" / "review.yml"
    notes.write_text(notes.read_text(encoding="utf-8").replace("Ông Huỳnh Văn Tài", "<script>x</script>"),
                     encoding="utf-8")
    assert "<script>" not in header_section(load_review("hong-ngu", "2022-H1", example_data), "vi")


def test_register_breakdown_by_field_adds_up_and_is_shown(example_data):
    from dxanalysis.write.sections import pillar_section

    review = load_review("hong-ngu", "2022-H2", example_data)
    received = review.register_fields[review.register_fields["indicator"] == "gov.dossiers_received"]
    assert received["value"].sum() == review.observation("gov.dossiers_received").value
    html = pillar_section(review, "digital_government", "vi")
    assert "Theo lĩnh vực (tính từ sổ theo dõi hồ sơ)" in html
    largest = received.sort_values("value").iloc[-1]
    assert f'<th scope="row" lang="vi">{largest.field}</th><td class="dx-num">{int(largest.value)}</td>' in html
    assert "Theo lĩnh vực" not in pillar_section(load_review("hong-ngu", "2022-H1", example_data),
                                                   "digital_government", "vi")


def test_commune_pages_speak_of_the_district_and_of_missed_targets(example_data):
    from dxanalysis.write.sections import pillar_section

    (example_data / "thuong-phuoc-2" / "2022-H2" / "review.yml").write_text(
        "commitments:\n  - area: Y tế\n    text: 100% trạm y tế kết nối mạng\n", encoding="utf-8")
    commune = load_review("thuong-phuoc-2", "2022-H2", example_data)
    assert "cam kết với Ủy ban nhân dân Huyện" in commitments_section(commune, "vi")
    assert "cam kết với Ủy ban nhân dân Tỉnh" in commitments_section(load_review("hong-ngu", "2022-H1", example_data))
    society = pillar_section(commune, "digital_society", "vi")
    assert "chưa đạt chỉ tiêu giao" in society and "Chưa có kết quả được ghi nhận" not in society


def test_a_part_with_nothing_to_say_is_left_out_not_claimed_empty(example_data):
    """No "Không có nội dung cam kết": without commitments the part is not there, and the rest move up."""
    import yaml

    from dxanalysis.write.sections import tasks_section

    notes_path = example_data / "hong-ngu" / "2022-H1" / "review.yml"
    notes = yaml.safe_load(notes_path.read_text(encoding="utf-8"))
    del notes["commitments"], notes["tasks"]
    notes_path.write_text(yaml.safe_dump(notes, allow_unicode=True), encoding="utf-8")
    review = load_review("hong-ngu", "2022-H1", example_data)
    for lang in ("vi", "en"):
        assert commitments_section(review, lang) == "" and tasks_section(review, lang) == ""
        assert ">II. " in shortcomings_section(review, lang)  # III moved up to II


def test_a_unit_without_a_parent_gets_no_made_up_addressee(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    units = (example_data / "units.csv").read_text(encoding="utf-8").replace("huyện,dong-thap", "huyện,")
    (example_data / "units.csv").write_text(units, encoding="utf-8")
    orphan = load_review("hong-ngu", "2022-H1", example_data)
    assert "với Ủy ban nhân dân Tỉnh" in commitments_section(review, "vi")
    assert ">II. Thực hiện nội dung cam kết</h2>" in commitments_section(orphan, "vi")
    assert ">II. Commitments</h2>" in commitments_section(orphan, "en")


@pytest.mark.parametrize("period, kind, title, event", [
    ("2022", None, "Tổng kết chuyển đổi số năm 2022", "Hội nghị ngày 09/8/2022"),  # a year: a tổng kết
    ("2022-H1", "kiểm tra", "Kiểm tra chuyển đổi số 06 tháng đầu năm 2022", "Buổi kiểm tra ngày 09/8/2022"),
    ("2022-H1", "báo cáo", "Báo cáo kết quả chuyển đổi số 06 tháng đầu năm 2022", "Báo cáo ngày 09/8/2022"),
])
def test_the_title_and_the_event_follow_the_review_kind(make_data, period, kind, title, event):
    notes = "meeting:\n  date: 2022-08-09\n  chair: Ông A\n" + (f"kind: {kind}\n" if kind else "")
    data = make_data("Chỉ tiêu,Giá trị\ngov.online_dossier_rate,60%\n", period=period, review_yml=notes)
    header = header_section(load_review("hong-ngu", period, data), "vi")
    assert f"<h1>{title}</h1>" in header and event in header
    assert ("Hội nghị" in header) == (kind is None) and ("Sơ kết" in header) is False


def test_a_note_is_shown_with_its_figure_and_a_doubt_is_marked_next_to_it(make_data):
    from dxanalysis.provenance import collect_provenance
    from dxanalysis.write.sections import pillar_section

    data = make_data("Chỉ tiêu,Tử số,Mẫu số,Giá trị,Ghi chú\n"
                     "gov.online_dossier_rate,9.475,15.684,\"70%\",Số liệu của <b>Bưu điện</b>\n")
    review = load_review("hong-ngu", "2022-H1", data)
    assert [f.code for f in review.findings] == ["percent_mismatch"]
    page = pillar_section(review, "digital_government", "en")
    assert 'href="#note-1"' in page and '<li id="note-1" value="1"><span lang="vi">Số liệu của &lt;b&gt;Bưu điện' in page
    appendix = appendix_section(review, collect_provenance(review.inputs, {}), "en")
    assert '<tr id="finding-1" class="dx-finding--warning">' in appendix
    assert 'class="dx-flag" href="#finding-1"' in page  # the doubt is shown where the figure is, linking there


def test_a_count_with_a_stated_rate_and_no_denominator_is_shown_as_stated(make_data):
    from dxanalysis.write.narrative import achievement_sentence
    from dxanalysis.write.sections import pillar_section

    data = make_data('Chỉ tiêu,Tử số,Mẫu số,Giá trị,Đơn vị tính\n'
                     'gov.online_dossier_rate,12.345,,"58,12%",hồ sơ\n'
                     'econ.ocop_households_on_ecommerce,,,07 hộ...,hộ\n')
    review = load_review("hong-ngu", "2022-H1", data)
    assert review.findings == []
    row = review.observation("gov.online_dossier_rate")
    assert achievement_sentence(row, "vi") == "tỷ lệ hồ sơ TTHC xử lý trực tuyến là 12.345 hồ sơ, đạt 58,12%"
    assert "12.345 hồ sơ (58,12%)" in pillar_section(review, "digital_government", "vi")
    assert "Báo cáo không nêu mẫu số" in pillar_section(review, "digital_government", "vi")
    economy = pillar_section(review, "digital_economy", "vi")
    assert "7 hộ" in economy and "dấu “...” phía sau" in economy  # the mark is kept as a note, not fatal


def test_a_count_without_a_rate_or_denominator_is_still_refused(make_data):
    data = make_data("Chỉ tiêu,Tử số,Mẫu số\ngov.online_dossier_rate,12.345,\n")
    review = load_review("hong-ngu", "2022-H1", data)
    assert [f.code for f in review.findings] == ["unparseable"]


def test_the_tasks_part_is_called_assignments_only_when_every_task_is_one(make_data):
    notes = "tasks:\n  - verb: giao\n    lead: Phòng A\n    content: làm b\n"
    data = make_data("Chỉ tiêu,Giá trị\ngov.online_dossier_rate,60%\n", review_yml=notes)
    page = tasks_section(load_review("hong-ngu", "2022-H1", data), "vi")
    assert "Nhiệm vụ được giao" in page and ">Chủ trì<" in page
    (data / "hong-ngu" / "2022-H1" / "review.yml").write_text(
        notes + "  - verb: kiến nghị\n    lead: Sở Thông tin và Truyền thông\n    content: hỗ trợ c\n", encoding="utf-8")
    page = tasks_section(load_review("hong-ngu", "2022-H1", data), "vi")
    assert "Nhiệm vụ và kiến nghị" in page and "Chủ trì" not in page and "được giao" not in page


def test_a_code_typed_for_the_indicator_is_shown_by_its_name(make_data):
    from dxanalysis.write.sections import pillar_section

    data = make_data("Chỉ tiêu,Giá trị\ngov.online_dossier_rate,60%\n")
    page = pillar_section(load_review("hong-ngu", "2022-H1", data), "digital_government", "vi")
    assert "gov.online_dossier_rate" not in page and "Tỷ lệ hồ sơ TTHC xử lý trực tuyến" in page


def test_sources_are_shown_under_the_title_with_the_figures_and_in_the_appendix(make_data):
    from dxanalysis.provenance import collect_provenance
    from dxanalysis.write.sections import pillar_section

    data = make_data("Chỉ tiêu,Giá trị,Nguồn\ngov.online_dossier_rate,60%,Báo cáo 45/BC-UBND\n"
                     "gov.ontime_dossier_rate,90%,Sở Thông tin và Truyền thông\n",
                     review_yml="source: Cổng thông tin điện tử huyện, bài ngày 09/8/2022\n")
    review = load_review("hong-ngu", "2022-H1", data)
    assert "Nguồn: Cổng thông tin điện tử huyện, bài ngày 09/8/2022" in header_section(review, "vi")
    page = pillar_section(review, "digital_government", "vi")
    assert "Báo cáo 45/BC-UBND (Tỷ lệ hồ sơ TTHC xử lý trực tuyến)" in page and "Sở Thông tin và Truyền thông (" in page
    appendix = appendix_section(review, collect_provenance(review.inputs, {}), "en")
    assert "Sources of the figures and the text" in appendix and "Báo cáo 45/BC-UBND" in appendix


def test_a_figure_from_the_register_names_it_in_words(example_data):
    from dxanalysis.write.sections import pillar_section

    page = pillar_section(load_review("hong-ngu", "2022-H2", example_data), "digital_government", "vi")
    assert "tính từ sổ theo dõi hồ sơ register.csv" in page and "computed from" not in page
