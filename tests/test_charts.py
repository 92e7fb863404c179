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
    assert all(c.startswith('<figure class="dx-chart"><img src="data:image/png;base64,') for c in charts)


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
