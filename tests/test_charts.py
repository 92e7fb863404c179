import re
import warnings

import pytest

from dxanalysis.write.charts import chartable, pillar_chart_html
from dxanalysis.assess.review import load_review


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_pillar_chart_draws_without_missing_glyphs(example_data, lang):
    review = load_review("hong-ngu", "2022-H1", example_data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font" for unrenderable letters
        charts = [pillar_chart_html(review, p, lang, i) for i, p in enumerate(
            ["digital_government", "digital_economy", "digital_society"], 1)]
    assert all(c.startswith('<figure class="dx-chart"><img src="data:image/svg+xml;base64,') for c in charts)


def test_chart_shows_only_rates_with_values(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    rows = chartable(review.observations, "digital_government")
    assert "econ.ecommerce_outreach_households" not in set(rows["indicator"])  # a count, not a rate
    assert len(rows) == 4


def test_alt_text_states_values_targets_and_status(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    html = pillar_chart_html(review, "digital_government", "en")
    assert "Share of online public services that generated dossiers 70.27% (target at least 80%, Not met)" in html


def test_pillar_without_rates_has_no_chart(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    assert pillar_chart_html(review, "foundations", "vi") == ""


def test_trend_of_the_shipped_example_compares_its_halves_as_before(example_data):
    from dxanalysis.write.charts import trend_chart_html

    review = load_review("hong-ngu", "2022-H1", example_data)
    html = trend_chart_html(review, "digital_society", "vi", number=3)
    assert "<figcaption>Biểu đồ 3b. Xã hội số: diễn biến qua các kỳ (đường đứt nét: chỉ tiêu giao)</figcaption>" in html
    assert "6T đầu 2021" in html and "6T cuối 2021" in html and "6T đầu 2022" in html


def test_trend_compares_like_with_like_and_says_so(make_data):
    from dxanalysis.write.charts import trend_chart_html

    row = "STT,Chỉ tiêu,Giá trị,Chỉ tiêu giao\n1,soc.stem_school_rate,{value}%,50%\n"
    for period, value in [("2021-9M", 11), ("2022-9M", 22), ("2022-Q3", 77), ("2022-H1", 66), ("2023-9M", 33)]:
        raw = make_data(row.format(value=value), period=period)
    review = load_review("hong-ngu", "2023-9M", raw)
    vi, en = (trend_chart_html(review, "digital_society", lang, number=2) for lang in ("vi", "en"))
    assert "Biểu đồ 2b. Xã hội số: diễn biến 9 tháng đầu năm qua các năm (đường đứt nét: chỉ tiêu giao)" in vi
    assert "Chart 2b. Digital society: the first 9 months of each year (dashed line: target)" in en
    alt = re.search(r'alt="([^"]*)"', vi).group(1)
    assert alt.endswith(": 9T đầu 2021 11%, 9T đầu 2022 22%, 9T đầu 2023 33% (chỉ tiêu giao 50%).")  # no quarter, no half
    assert "Jan–Sep 2021 11%, Jan–Sep 2022 22%, Jan–Sep 2023 33%" in en


def test_trend_of_a_quarter_shows_the_quarters(make_data):
    from dxanalysis.write.charts import trend_chart_html

    row = "STT,Chỉ tiêu,Giá trị\n1,soc.stem_school_rate,{value}%\n"
    for period, value in [("2022-Q2", 12), ("2022-H1", 66), ("2022-Q3", 13)]:
        raw = make_data(row.format(value=value), period=period)
    html = trend_chart_html(load_review("hong-ngu", "2022-Q3", raw), "digital_society", "vi")
    alt = re.search(r'alt="([^"]*)"', html).group(1)
    assert "diễn biến qua các quý" in html and alt.endswith(": Q2/2022 12%, Q3/2022 13%.")


def test_communes_ranking_never_ranks_counts_of_their_own_plans(example_data):
    """Each commune's "targets exceeded" counts the targets of its own plan: 12 of 30 and 9 of 14 are not
    lengths to rank side by side. The table shows them; the ranking chart leaves them out."""
    import pandas as pd

    from dxanalysis.write.charts import children_chart_html

    review = load_review("hong-ngu", "2022-H1", example_data)
    base = review.children.iloc[0]
    parts = pd.DataFrame([{**base.to_dict(), "unit": unit, "indicator": "plan.targets_exceeded", "kind": "count",
                           "value": value, "value_percent": False, "numerator": None, "denominator": None,
                           "target": float("nan"), "status": "no_target", "plan": plan, "plan_size": size,
                           "name_vi": "Số chỉ tiêu vượt kế hoạch", "name_en": "Targets exceeded"}
                          for unit, value, plan, size in (("thuong-phuoc-1", 12.0, "KH 1", 30.0),
                                                          ("thuong-phuoc-2", 9.0, "KH 2", 14.0))])
    review.children = pd.concat([review.children, parts], ignore_index=True)
    html = children_chart_html(review, "vi")
    assert html and "Số chỉ tiêu vượt kế hoạch" not in html
