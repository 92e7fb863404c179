"""Loading a review: history, same period last year, children, plan progress, illustrative marks."""

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
