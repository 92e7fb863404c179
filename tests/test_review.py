"""Loading a review: history, same period last year, children, plan progress, illustrative marks."""

import shutil

import pytest

from dxanalysis.assess.review import is_illustrative, load_review


def test_history_holds_earlier_periods_only(example_data):
    review = load_review("hong-ngu", "2021-H2", example_data)
    assert sorted(review.history["period"].unique()) == ["2021-H1", "2021-H2"]
    assert review.previous.empty  # no 2020-H2


def test_children_are_the_units_under_this_one(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    assert sorted(review.children["unit"].unique()) == ["long-khanh-a", "phu-thuan-a", "thuong-phuoc-1",
                                                        "thuong-phuoc-2"]
    assert set(review.children["period"]) == {"2022-H1"}
    assert load_review("long-khanh-a", "2022-H1", example_data).children.empty


def test_plan_progress_from_history(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    progress = review.progress.set_index("indicator")
    assert progress.loc["gov.online_dossier_rate", "status"] == "deterioration"  # 67,26% → 60,41%, target 80%
    assert progress.loc["gov.online_dossier_rate", "first_period"] == "2021-H1"
    assert progress.loc["econ.ocop_products_on_ecommerce_rate", "status"] == "target_achieved"


def test_illustrative_figures_are_named(example_data, seed_data):
    assert load_review("hong-ngu", "2022-H1", seed_data).illustrative_periods() == []
    flagged = load_review("hong-ngu", "2022-H1", example_data).illustrative_periods()
    assert "hong-ngu 2021-H1" in flagged and "hong-ngu 2022-H1" not in flagged  # the seed's period is real
    assert is_illustrative("Dữ liệu minh hoạ") and not is_illustrative("")


def test_a_source_reads_each_period_once_for_many_reviews(example_data, monkeypatch):
    from collections import Counter

    import dxanalysis.assess.review as review_module
    from dxanalysis.assess.review import ReviewSource
    from dxanalysis.periods import parse_period

    reads: Counter[str] = Counter()
    original = review_module.read_indicator_file

    def counting(path, *args, **kwargs):
        reads[str(path)] += 1
        return original(path, *args, **kwargs)

    monkeypatch.setattr(review_module, "read_indicator_file", counting)
    source = ReviewSource(example_data)
    for period in ("2021-H1", "2021-H2", "2022-H1", "2022-H2"):
        source.review("hong-ngu", period)  # each needs every earlier period and the communes
    communes = [u for u in source.units.values() if u.parent_on(parse_period("2022-H2").last_day) == "hong-ngu"]
    assert reads and set(reads.values()) == {1}
    assert len(reads) == 4 + 4 * len(communes)  # hong-ngu's periods, and each commune's same periods


def test_validate_lists_each_finding_once_by_construction(example_data):
    from dxanalysis.assess.review import ReviewSource
    from dxanalysis.read.folders import find_period_folders

    source = ReviewSource(example_data)
    findings = [f for unit, period, _ in find_period_folders(example_data) for f in source.check(unit, period.slug)]
    keys = [(f.code, f.path, f.sheet, f.row, f.column, f.indicator, str(f.params)) for f in findings]
    assert len(keys) == len(set(keys))
    # and nothing is lost: every finding of every loaded period is among them
    every = {(f.code, f.path, f.row, f.indicator) for unit, period in source.loaded_periods()
             for f in source.period_data(unit, period).findings}
    assert every <= {(f.code, f.path, f.row, f.indicator) for f in findings}


def test_the_observation_model_guards_the_report_path(example_data, monkeypatch):
    import pandera.errors

    import dxanalysis.assess.review as review_module

    real = review_module.assess
    monkeypatch.setattr(review_module, "assess", lambda o: real(o).assign(status="very good"))
    with pytest.raises(pandera.errors.SchemaErrors):
        load_review("hong-ngu", "2022-H1", example_data)


def test_the_kernel_gets_the_review_the_caller_loaded(example_data, tmp_path):
    from dxanalysis.assess.review import write_prepared_review
    from dxanalysis.exceptions import InputFileError

    loaded = load_review("hong-ngu", "2022-H1", example_data)
    saved = write_prepared_review(loaded, tmp_path / "review.pickle")
    shutil.rmtree(example_data)  # the inputs are not read again
    again = load_review("hong-ngu", "2022-H1", example_data, prepared=saved)
    assert again.observations.equals(loaded.observations) and again.input_digests == loaded.input_digests
    with pytest.raises(InputFileError, match="not of hong-ngu 2022-H2"):
        load_review("hong-ngu", "2022-H2", example_data, prepared=saved)


def test_a_reviews_history_compares_like_with_like(make_data):
    """A year-end review's history is the years; a nine-month review's, the first nine months of other years."""
    from dxanalysis.assess.review import load_review

    for period in ("2022", "2023-9M", "2023-11-15", "2023"):
        data = make_data("Chỉ tiêu,Giá trị\ngov.online_dossier_rate,60%\n", period=period)
    (data / "hong-ngu" / "targets.csv").write_text("Chỉ tiêu,Mục tiêu,Năm mục tiêu\ngov.online_dossier_rate,80%,2025\n",
                                                   encoding="utf-8")
    review = load_review("hong-ngu", "2023", data)
    assert sorted(review.history["period"].unique()) == ["2022", "2023"]
    assert review.progress.loc[0, "points"] == 2  # the plan's progress follows the years only
    assert not any("2023-9M" in str(p) for p in review.inputs)
