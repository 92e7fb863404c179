"""Reviews across the 2025 reorganisation: history re-based onto today's units, reviews as of their period,
the index's lineage, and the shipped illustrative merger (issue 16)."""

from pathlib import Path

import pytest

from dxanalysis.assess.review import load_review
from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.exceptions import InputFileError
from dxanalysis.i18n import gettext
from dxanalysis.write.sections import pillar_section, rebased_text, summary_section

M = "dữ liệu minh họa"
HEADER = "STT,Chỉ tiêu,Tử số,Mẫu số,Giá trị,Đơn vị tính,Chỉ tiêu giao,Nguồn\n"
ONLINE, SIGNED, HOUSEHOLDS = "gov.online_dossier_rate", "gov.digital_signature_rate", "econ.ecommerce_outreach_households"


def figures(online: tuple[int, int] | None = None, signed: str | None = None, households: int | None = None) -> str:
    """An indicators.csv: online dossiers as counts, signatures as a rate alone, households as a count."""
    rows = []
    if online:
        rows.append(f"1,{ONLINE},{online[0]},{online[1]},,hồ sơ,80%,{M}")
    if signed:
        rows.append(f'2,{SIGNED},,,"{signed}",văn bản,100%,{M}')
    if households is not None:
        rows.append(f"3,{HOUSEHOLDS},,,{households},hộ,,{M}")
    return HEADER + "\n".join(rows) + "\n"


def build(root: Path, units: str, lineage: str, data: dict[tuple[str, str], str]) -> Path:
    raw = root / "raw"
    raw.mkdir()
    (raw / "units.csv").write_text("slug,name_vi,name_en,level,parent,valid_from,valid_to\n" + units, encoding="utf-8")
    if lineage:
        (raw / "lineage.csv").write_text("predecessor,successor,effective,share\n" + lineage, encoding="utf-8")
    for (unit, period), text in data.items():
        folder = raw / unit / period
        folder.mkdir(parents=True)
        (folder / "indicators.csv").write_text(text, encoding="utf-8")
    return raw


PROVINCE = "t,tỉnh T,T province,tỉnh,,,\n"
ENDED = ",,2025-06-30\n"


def test_a_merger_of_three_sums_the_counts_and_recomputes_the_rate(tmp_path):
    parts = {"a": ((500, 800), "96%", 10), "b": ((300, 700), "91%", 4), "c": ((20, 50), "88%", 1)}
    raw = build(tmp_path,
                PROVINCE + "".join(f"{s},xã {s.upper()},,xã,t{ENDED}" for s in parts) + "n,xã N,,xã,t,2025-07-01,\n",
                "".join(f"{s},n,2025-07-01,\n" for s in parts),
                {**{(s, "2024-H2"): figures(*f) for s, f in parts.items()},
                 ("n", "2025-H2"): figures((900, 1500), "97%", 20)})
    review = load_review("n", "2025-H2", raw)
    before = review.previous_observation(ONLINE)
    numerator = sum(f[0][0] for f in parts.values())
    denominator = sum(f[0][1] for f in parts.values())
    assert (before.numerator, before.denominator) == (numerator, denominator)
    assert before.value == pytest.approx(100 * numerator / denominator)
    assert review.previous_observation(HOUSEHOLDS).value == sum(f[2] for f in parts.values())
    assert review.previous_observation(SIGNED) is None  # rates alone are never averaged
    assert review.not_comparable(SIGNED, "2024-H2").msgid == "rebase.rate_without_counts"
    text = rebased_text(review)
    assert text.count("xã A") == 1 and "xã B" in text and "xã C" in text and "01/7/2025" in text
    table = str(pillar_section(review, "digital_government"))
    assert gettext("rebase.not_comparable", "vi") in table


def test_a_partial_transfer_with_a_share_counts_that_share(tmp_path):
    raw = build(tmp_path,
                PROVINCE + f"a,xã A,,xã,t{ENDED}" + "b,xã B,,xã,t,,\n" + "n,xã N,,xã,t,2025-07-01,\n",
                "a,n,2025-07-01,\nb,n,2025-07-01,40%\n",
                {("a", "2024-H2"): figures((500, 800)), ("b", "2024-H2"): figures((300, 700)),
                 ("n", "2025-H2"): figures((900, 1500))})
    review = load_review("n", "2025-H2", raw)
    before = review.previous_observation(ONLINE)
    assert (before.numerator, before.denominator) == (500 + round(0.4 * 300), 800 + round(0.4 * 700))
    assert "40% của xã B" in rebased_text(review)


def test_a_partial_transfer_without_a_share_is_not_comparable(tmp_path):
    raw = build(tmp_path,
                PROVINCE + f"a,xã A,,xã,t{ENDED}" + "b,xã B,,xã,t,,\n" + "n,xã N,,xã,t,2025-07-01,\n",
                "a,n,2025-07-01,\nb,n,2025-07-01,\n",
                {("a", "2024-H2"): figures((500, 800)), ("b", "2024-H2"): figures((300, 700)),
                 ("n", "2025-H2"): figures((900, 1500))})
    review = load_review("n", "2025-H2", raw)
    assert review.previous.empty  # nothing is guessed
    assert review.not_comparable(ONLINE, "2024-H2").msgid == "lineage.partial_without_share"
    said = rebased_text(review)
    assert said.startswith("Không so sánh được với cùng kỳ 06 tháng cuối năm 2024") and "xã B" not in said.split(":")[0]
    assert gettext("rebase.not_comparable", "vi") in str(pillar_section(review, "digital_government"))


def test_a_renamed_unit_keeps_its_history(tmp_path):
    raw = build(tmp_path,
                PROVINCE + f"old,xã Cũ,,xã,t{ENDED}" + "new,xã Mới,,xã,t,2025-07-01,\n",
                "old,new,2025-07-01,\n",
                {("old", "2023-H2"): figures((100, 400)), ("old", "2024-H2"): figures((200, 400), "90%"),
                 ("new", "2025-H2"): figures((300, 400), "95%")})
    review = load_review("new", "2025-H2", raw)
    assert sorted(set(review.history["period"])) == ["2023-H2", "2024-H2", "2025-H2"]  # the trend goes back
    before = review.previous_observation(ONLINE)
    assert (before.numerator, before.denominator) == (200, 400)
    signed = review.previous_observation(SIGNED)  # one predecessor, whole: its figures as they are, rates alone too
    assert signed.value == 90 and review.not_comparable(SIGNED, "2024-H2") is None
    assert "là số liệu của xã Cũ" in rebased_text(review) and "cộng lại" not in rebased_text(review)


def test_a_unit_split_and_merged_again_is_whole_again(tmp_path):
    raw = build(tmp_path,
                PROVINCE + f"a,xã A,,xã,t{ENDED}" + "c,xã C,,xã,t,2025-07-01,2025-12-31\n"
                + "d,xã D,,xã,t,2025-07-01,2025-12-31\n" + "e,xã E,,xã,t,2026-01-01,\n",
                "a,c,2025-07-01,50%\na,d,2025-07-01,50%\nc,e,2026-01-01,\nd,e,2026-01-01,\n",
                {("a", "2025-H1"): figures((5, 9), "90%"), ("e", "2026-H1"): figures((6, 9), "95%")})
    before = load_review("e", "2026-H1", raw).previous_observation(ONLINE)
    assert (before.numerator, before.denominator) == (5, 9)  # not two halves rounded apart


def test_figures_of_a_whole_unit_are_never_summed(tmp_path):
    rows = HEADER + f"1,found.dti_score,,,{{}},điểm,,{M}\n2,plan.targets_met,,,{{}},chỉ tiêu,,{M}\n"
    raw = build(tmp_path,
                PROVINCE + f"a,xã A,,xã,t{ENDED}" + f"b,xã B,,xã,t{ENDED}" + "n,xã N,,xã,t,2025-07-01,\n",
                "a,n,2025-07-01,\nb,n,2025-07-01,\n",
                {("a", "2024-H2"): rows.format(450, 7), ("b", "2024-H2"): rows.format(500, 9),
                 ("n", "2025-H2"): rows.format(520, 10)})
    review = load_review("n", "2025-H2", raw)
    assert review.previous.empty  # a DTI score and a plan's count of targets met belong to one unit each
    assert {review.not_comparable(code, "2024-H2").msgid for code in ("found.dti_score", "plan.targets_met")} \
        == {"rebase.not_additive"}


def test_a_lineage_validate_calls_wrong_stops_the_review(tmp_path):
    raw = build(tmp_path, PROVINCE + "x,xã X,,xã,t,,\ny,xã Y,,xã,t,,2025-06-30\n", "y,x,2025-07-01,\n",
                {("x", "2024-H2"): figures((100, 200)), ("y", "2024-H2"): figures((300, 400)),
                 ("x", "2025-H2"): figures((400, 600))})
    review = load_review("x", "2025-H2", raw)  # x always existed: its 2024 is not x and y together
    assert review.has_errors and "lineage_successor_start" in {f.code for f in review.findings}


def test_a_predecessor_without_figures_for_the_period_makes_it_not_comparable(tmp_path):
    raw = build(tmp_path,
                PROVINCE + f"a,xã A,,xã,t{ENDED}" + f"b,xã B,,xã,t{ENDED}" + "n,xã N,,xã,t,2025-07-01,\n",
                "a,n,2025-07-01,\nb,n,2025-07-01,\n",
                {("a", "2024-H2"): figures((500, 800)), ("n", "2025-H2"): figures((900, 1500))})
    review = load_review("n", "2025-H2", raw)
    assert review.previous.empty
    assert review.not_comparable(ONLINE, "2024-H2").msgid == "rebase.predecessor_without_figures"
    assert "chưa có số liệu của xã B" in rebased_text(review)  # named, in the page's language


DISTRICT = (PROVINCE + "h,huyện H,H district,huyện,t,,2025-06-30\n"
            + "x,xã X,,xã,h,,2025-06-30\nx,xã X,,xã,t,2025-07-01,\n"
            + "y,xã Y,,xã,h,,2025-06-30\ny,xã Y,,xã,t,2025-07-01,\n")


def test_a_district_that_ends_keeps_its_reviews_and_its_communes_pass_to_the_province(tmp_path):
    raw = build(tmp_path, DISTRICT, "",
                {("h", "2024-H2"): figures((10, 20)), ("x", "2024-H2"): figures((1, 2)), ("y", "2024-H2"): figures((3, 4)),
                 ("t", "2025-H2"): figures((50, 60)), ("x", "2025-H2"): figures((5, 6)),
                 ("y", "2025-H2"): figures((7, 8)), ("h", "2025-H2"): figures((1, 1))})
    district = load_review("h", "2024-H2", raw)
    assert sorted(district.children["unit"].unique()) == ["x", "y"]  # its review of 2024 is a district's
    assert district.units["x"].parent == "h"
    province = load_review("t", "2025-H2", raw)
    assert sorted(province.children["unit"].unique()) == ["x", "y"]  # listed directly after the change
    with pytest.raises(InputFileError, match="2025-H2.*2025-06-30"):
        load_review("h", "2025-H2", raw)  # figures after the district ended are refused


@pytest.mark.parametrize("unit, period, parts", [("t", "2025", ("2025-H1", "2025-H2")), ("x", "2025", ("2025-H1", "2025-H2")),
                                                  ("h", "2025", ("2025-H1", "2025-H2")),
                                                  ("t", "2025-Q3", None), ("x", "2025-05-01--2025-08-31",
                                                                         ("2025-05-01--2025-06-30", "2025-07-01--2025-08-31"))])
def test_a_period_across_the_change_is_refused_with_how_to_split_it(tmp_path, unit, period, parts):
    raw = build(tmp_path, DISTRICT, "", {(unit, period): figures((1, 2))})
    if parts is None:  # a quarter after the change: nothing to split
        assert load_review(unit, period, raw).unit.slug == unit
        return
    with pytest.raises(InputFileError) as caught:
        load_review(unit, period, raw)
    text = str(caught.value)
    assert "2025-07-01" in text and all(part in text for part in parts)


def test_the_two_halves_of_a_split_year_are_each_reviewed_in_their_structure(tmp_path):
    raw = build(tmp_path, DISTRICT, "", {("t", "2025-H1"): figures((1, 2)), ("h", "2025-H1"): figures((3, 4)),
                                         ("x", "2025-H1"): figures((1, 2)), ("t", "2025-H2"): figures((5, 6)),
                                         ("x", "2025-H2"): figures((7, 8))})
    assert list(load_review("t", "2025-H1", raw).children["unit"].unique()) == ["h"]  # the district, then
    assert list(load_review("t", "2025-H2", raw).children["unit"].unique()) == ["x"]  # its communes, after


def test_the_shipped_merger_rebases_last_year_from_its_two_communes():
    review = load_review("thuong-phuoc", "2025-H2", EXAMPLE_DATA_DIR)
    parts = [load_review(slug, "2024-H2", EXAMPLE_DATA_DIR).observation(ONLINE) for slug in ("thuong-phuoc-1", "thuong-phuoc-2")]
    before = review.previous_observation(ONLINE)
    assert before.numerator == sum(p.numerator for p in parts) and before.denominator == sum(p.denominator for p in parts)
    # the predecessors' figures are illustrative: by their Nguồn (2024-H2), by their forms' notes (2023-H1)
    assert {f"{review.unit.slug} 2024-H2", f"{review.unit.slug} 2023-H1"} <= set(review.illustrative_periods())
    summary = str(summary_section(review))
    assert "xã Thường Phước 1 và xã Thường Phước 2" in summary and summary.count("được tổng hợp từ") == 1
    assert gettext("rebase.not_comparable", "vi") in str(pillar_section(review, "digital_government"))
    english = rebased_text(review, "en")
    assert "Thường Phước 1 commune" in english and "not comparable" in english


def test_the_whole_example_with_the_merger_is_published_and_indexed(example_data, tmp_path):
    from dxanalysis.publish.batch import run_batch

    reports = tmp_path / "reports"
    outcomes = run_batch(example_data, reports, langs=("vi",), jobs=2, progress=False)
    assert outcomes and {o.status for o in outcomes} == {"built"}
    built = {(o.unit, o.period) for o in outcomes}
    assert {("thuong-phuoc", "2025-H2"), ("dong-thap", "2025-H2"), ("thuong-phuoc-1", "2024-H2")} <= built
    index = (reports / "index.html").read_text(encoding="utf-8")
    new_unit = index[index.index('>xã Thường Phước</a>'):]
    new_unit = new_unit[:new_unit.index("</th>")]
    assert 'href="./thuong-phuoc-1/2024-H2/review.html"' in new_unit and "hình thành từ ngày 01/7/2025" in new_unit
    assert 'sắp xếp vào: <a href="./thuong-phuoc/2025-H2/review.html">' in index
    assert "huyện Hồng Ngự</a>" in index and "kết thúc hoạt động từ ngày 01/7/2025" in index  # the district that ended


def test_a_batch_rebuilds_a_merged_unit_when_a_predecessor_or_an_inherited_plan_changes(example_data):
    from dxanalysis.publish.batch import ReportJob, job_inputs

    merged = {p.relative_to(example_data).as_posix() for p in job_inputs(example_data, ReportJob("thuong-phuoc", "2025-H2", "vi"))}
    assert {"lineage.csv", "thuong-phuoc-1/2024-H2/indicators.csv", "thuong-phuoc-2/2022-H1/indicators.csv"} <= merged
    commune = {p.relative_to(example_data).as_posix() for p in job_inputs(example_data, ReportJob("thuong-phuoc-1", "2022-H1", "vi"))}
    assert "hong-ngu/targets.csv" in commune  # the plan it inherits from its district


def test_a_unit_that_gave_part_of_itself_away_is_not_compared_with_its_larger_self(tmp_path):
    raw = build(tmp_path,
                PROVINCE + f"a,xã A,,xã,t{ENDED}" + "b,xã B,,xã,t,,\n" + "n,xã N,,xã,t,2025-07-01,\n",
                "a,n,2025-07-01,\nb,n,2025-07-01,40%\n",
                {("b", "2024-H2"): figures((300, 700)), ("b", "2025-H2"): figures((200, 420)),
                 ("b", "2025"): figures((1, 2))})
    review = load_review("b", "2025-H2", raw)
    assert review.previous.empty and set(review.history["period"]) == {"2025-H2"}
    assert review.not_comparable(ONLINE, "2024-H2").msgid == "rebase.gave_part"
    assert "xã N" in rebased_text(review)
    assert gettext("rebase.not_comparable", "vi") in str(pillar_section(review, "digital_government"))
    with pytest.raises(InputFileError, match="2025-07-01"):
        load_review("b", "2025", raw)  # the year holds the day part of it passed on


def test_last_year_across_the_day_the_unit_began_is_not_comparable_not_missing(tmp_path):
    raw = build(tmp_path,
                PROVINCE + f"a,xã A,,xã,t{ENDED}" + f"b,xã B,,xã,t{ENDED}" + "n,xã N,,xã,t,2025-07-01,\n",
                "a,n,2025-07-01,\nb,n,2025-07-01,\n",
                {("a", "2024"): figures((500, 800)), ("b", "2024"): figures((300, 700)), ("n", "2026"): figures((9, 10))})
    review = load_review("n", "2026", raw)
    assert review.previous.empty
    assert review.not_comparable(ONLINE, "2025").msgid == "lineage.straddles_start"
    said = rebased_text(review)
    assert "Không so sánh được với năm 2025" in said and "xã N bắt đầu từ 01/7/2025" in said
    assert gettext("rebase.not_comparable", "vi") in str(pillar_section(review, "digital_government"))
