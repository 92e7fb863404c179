"""Charts of a review: each pillar's rates against their targets.

Figures are drawn with seaborn/matplotlib and embedded in the page as PNG
``<figure>`` elements with a caption and an alt text that states what the
chart shows, so the report is one self-contained file.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> from dxanalysis.review import load_review
>>> review = load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)
>>> html = pillar_chart_html(review, "digital_society", "vi", number=1)
>>> 'alt="Biểu đồ thanh ngang' in html and "Tỷ lệ trường áp dụng mô hình giáo dục STEM 32,35% (chỉ tiêu 15%, Vượt chỉ tiêu)" in html
True
"""

from __future__ import annotations

import base64
import io
import math
import textwrap
from html import escape

import pandas as pd

from dxanalysis.catalog import pillar_label
from dxanalysis.labels import label
from dxanalysis.narrative import format_target, format_value
from dxanalysis.numerals import as_qualifier, format_number

# Colour is never the only carrier of a status: bars also carry a hatch and the label says it in words.
STATUS_STYLE = {
    "exceeded": ("#1b7a3d", ""), "met": ("#4c9a5f", ""), "not_met": ("#c0392b", "///"),
    "indeterminate": ("#b9770e", ".."), "no_target": ("#5d6d7e", ""), "no_data": ("#aab7b8", ""),
}


def chartable(review_observations: pd.DataFrame, pillar: str) -> pd.DataFrame:
    """The pillar's rate indicators that have a value (what a rate chart can show)."""
    rows = review_observations[(review_observations["pillar"] == pillar)
                               & review_observations["value_percent"].astype(bool)
                               & review_observations["value"].notna()]
    return rows.reset_index(drop=True)


def _pillar_figure(rows: pd.DataFrame, lang: str):  # noqa: ANN202 - matplotlib Figure
    import matplotlib

    matplotlib.use("Agg")  # no display in a kernel or CI
    import matplotlib.pyplot as plt
    import seaborn as sns

    names = [textwrap.fill(r.name_vi if lang == "vi" else r.name_en, 42) for r in rows.itertuples()]
    frame = pd.DataFrame({"name": names, "value": rows["value"].astype(float), "status": rows["status"]})
    height = 0.55 + 0.62 * len(frame) + 0.18 * sum(n.count("\n") for n in names)
    with sns.axes_style("whitegrid"):
        fig, ax = plt.subplots(figsize=(8.2, max(height, 1.6)), dpi=110)
        sns.barplot(data=frame, x="value", y="name", hue="status", dodge=False, legend=False, ax=ax,
                    palette={s: STATUS_STYLE[s][0] for s in frame["status"].unique()})
        for patch, row in zip(ax.patches, rows.itertuples()):
            patch.set_hatch(STATUS_STYLE[row.status][1])
            patch.set_edgecolor("white")
            if as_qualifier(row.value_qualifier) not in (None, "approx"):
                # a bound ("dưới 100%") is not a measured length: draw it faint
                patch.set_alpha(0.3)
        for y, (_, row) in enumerate(rows.iterrows()):
            ax.text(min(row.value, 100) + 1, y, format_value(row, lang), va="center", fontsize=9)
            if not math.isnan(row.target):
                ax.plot([row.target, row.target], [y - 0.42, y + 0.42], color="#1c2833", lw=2.2)
        ax.set_xlim(0, 112)
        ax.set_xlabel(label("chart.axis", lang))
        ax.set_ylabel("")
        ax.xaxis.set_major_formatter(lambda x, _pos: format_number(x, lang, 0))
        if ax.lines:
            ax.legend([ax.lines[0]], [label("chart.target", lang)], loc="upper left",
                      bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
        fig.tight_layout()
    return fig


def _alt_text(rows: pd.DataFrame, pillar: str, lang: str) -> str:
    items = []
    for _, row in rows.iterrows():
        name = row.name_vi if lang == "vi" else row.name_en
        target = format_target(row, lang)
        status = label(f"status.{row.status}", lang)
        items.append(label("chart.item_target", lang, name=name, value=format_value(row, lang), target=target, status=status)
                     if target else label("chart.item", lang, name=name, value=format_value(row, lang)))
    return label("chart.alt", lang, pillar=pillar_label(pillar, lang).lower(), items="; ".join(items))


def figure_html(fig, alt: str, caption: str) -> str:  # noqa: ANN001 - matplotlib Figure
    """Embed a figure as a PNG ``<figure>`` with alt text and caption, then close it."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<figure class="dx-chart"><img src="data:image/png;base64,{data}" alt="{escape(alt)}">'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def pillar_chart_html(review, pillar: str, lang: str = "vi", number: int = 1) -> str:  # noqa: ANN001 - Review
    """The pillar's chart as HTML, or ``""`` when it has no rate to show."""
    rows = chartable(review.observations, pillar)
    if rows.empty:
        return ""
    caption = label("chart.caption", lang, n=number, pillar=pillar_label(pillar, lang))
    return figure_html(_pillar_figure(rows, lang), _alt_text(rows, pillar, lang), caption)
