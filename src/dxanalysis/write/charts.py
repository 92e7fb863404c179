"""Charts of a review: each section's rates against their targets (a pillar's, or an analyst's section's).

Figures are drawn with seaborn/matplotlib and embedded in the page as SVG
``<figure>`` elements with a caption and an alt text that states what the
chart shows, so the report is one self-contained file.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> from dxanalysis.assess.review import load_review
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
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from dxanalysis.assess.compare import comparable
from dxanalysis.assess.status import STATUS_LABELS
from dxanalysis.i18n import N_, gettext
from dxanalysis.write.narrative import format_target, format_value, indicator_name, levels_name
from dxanalysis.write.outline import PageSection, find_section, section_rows, shown_in
from dxanalysis.numerals import as_qualifier, format_number, format_percent
from dxanalysis.periods import parse_period

if TYPE_CHECKING:  # pragma: no cover - the review imports nothing from here, but avoid the cycle anyway
    from matplotlib.figure import Figure

    from dxanalysis.assess.review import Review

# Colour is never the only carrier of a status: bars also carry a hatch and the label says it in words.
STATUS_STYLE = {
    "exceeded": ("#1b7a3d", ""), "met": ("#4c9a5f", ""), "not_met": ("#c0392b", "///"),
    "indeterminate": ("#b9770e", ".."), "no_target": ("#5d6d7e", ""), "no_data": ("#aab7b8", ""),
    "not_assessed": ("#5d6d7e", "//"),
}


def chartable(review_observations: pd.DataFrame, pillar: str) -> pd.DataFrame:
    """The pillar's rate indicators that have a value (what a rate chart can show; never a rank, nor a rate
    the page does not print)."""
    rows = review_observations[(review_observations["pillar"] == pillar)
                               & review_observations["value_percent"].astype(bool)
                               & review_observations["rate_shown"].astype(bool)
                               & review_observations["kind"].ne("rank")
                               & review_observations["value"].notna()]
    return rows.reset_index(drop=True)


def section_chartable(review: Review, section: PageSection) -> pd.DataFrame:
    """What :func:`chartable` draws of a section (a pillar's, or an analyst's section's rows), in its order."""
    return chartable(section_rows(review, section).assign(pillar=section.key), section.key)


def _pillar_figure(rows: pd.DataFrame, lang: str) -> Figure:
    import matplotlib

    matplotlib.use("Agg")  # no display in a kernel or CI
    import matplotlib.pyplot as plt
    import seaborn as sns

    names = [textwrap.fill(indicator_name(r, lang), 42) for r in rows.itertuples()]
    height = max(0.55 + 0.62 * len(rows) + 0.18 * sum(n.count("\n") for n in names), 1.6)
    with sns.axes_style("whitegrid"), _plain_text():
        fig, ax = plt.subplots(figsize=(CHART_WIDTH, height), dpi=CHART_DPI)
        bars = ax.barh(range(len(rows)), rows["value"].astype(float), height=0.8,
                       color=[STATUS_STYLE[s][0] for s in rows["status"]])
        for bar, row in zip(bars, rows.itertuples()):
            bar.set_hatch(STATUS_STYLE[row.status][1])
            bar.set_edgecolor("white")
            if as_qualifier(row.value_qualifier) not in (None, "approx"):
                # a bound ("dưới 100%") is not a measured length: draw it faint
                bar.set_alpha(0.3)
        for y, (_, row) in enumerate(rows.iterrows()):
            ax.text(min(row.value, 100) + 1, y, format_value(row, lang), va="center", fontsize=9)
            if not math.isnan(row.target) and not row.target_kind:  # a threshold over communes is not the unit's
                ax.plot([row.target, row.target], [y - 0.42, y + 0.42], color="#1c2833", lw=2.2)
        ax.set_yticks(range(len(rows)), names)
        ax.set_ylim(len(rows) - 0.5, -0.5)  # the first indicator on top
        ax.grid(False, axis="y")
        _percent_ticks(ax.xaxis, lang, sign=False)
        ax.set_xlim(0, 112)
        ax.set_xlabel(gettext("chart.axis", lang))
        if ax.lines:
            fig.legend([ax.lines[0]], [gettext("chart.target", lang)], loc="lower right", frameon=False, fontsize=8)
        left = _widest(names, TICK_SIZE) + LABEL_GAP
        # a value is written just past its bar; past 100%, the axis has 12 points of room for it
        value = _widest([format_value(row, lang) for _, row in rows.iterrows()], 9) + 0.1
        right = max(0.15, value - (CHART_WIDTH - left - 0.15) * 11 / 112)
        _fit(fig, left=left, right=right, bottom=0.62 + (0.3 if ax.lines else 0), top=0.12)
    return fig


# Charts are laid out by these sizes (inches, points) rather than by tight_layout, which measures
# every label and tick once more before the figure is drawn: charts cost about a quarter less.
CHART_WIDTH = 8.2
LABEL_GAP = 0.3  # between a tick label and its axis, with room to spare
TICK_SIZE = 10  # seaborn's whitegrid style: tick labels at matplotlib's "medium"
PERCENT_TICKS = (0, 20, 40, 60, 80, 100)


def _widest(lines: list[str], points: float) -> float:
    """The width in inches of the widest line of ``lines`` (labels, each may hold line breaks) in the
    chart's font at ``points``."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    font = FontProperties(size=points)
    parts = {part for line in lines for part in str(line).split("\n") if part}
    # text_to_path measures in points at 72 dots per inch, whatever the figure's resolution
    return max((text_to_path.get_text_width_height_descent(part, font, ismath=False)[0] for part in parts),
               default=0) / 72


def _fit(fig: Figure, *, left: float, bottom: float, top: float, right: float = 0.15,
         hspace: float = 0.0, wspace: float = 0.0, rows: int = 1, columns: int = 1) -> None:
    """Set the margins and the gaps between panels in inches (matplotlib takes fractions)."""
    width, height = fig.get_size_inches()
    left, right = min(left, width * 0.6), max(right, 0.05)
    panel_width = (width - left - right - wspace * (columns - 1)) / columns
    panel_height = (height - top - bottom - hspace * (rows - 1)) / rows
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height,
                        hspace=hspace / max(panel_height, 0.1), wspace=wspace / max(panel_width, 0.1))


def _percent_ticks(axis, lang: str, sign: bool = True) -> None:  # noqa: ANN001 - a matplotlib Axis
    """Ticks at 0, 20 … 100 with labels written once, in the language's digits (``100%`` or ``100``)."""
    axis.set_ticks(PERCENT_TICKS, [format_number(t, lang, 0) + ("%" if sign else "") for t in PERCENT_TICKS])


# A chart's alt text names its pillar ("lĩnh vực chính quyền số") or the analyst's section by its title,
# as typed (never lower-cased).
ALT_TEXTS = {"bars": (N_("chart.alt"), N_("chart.alt.section")),
             "trend": (N_("chart.trend_alt"), N_("chart.trend_alt.section"))}


def _subject(chart: str, section: PageSection, lang: str, items: str) -> str:
    for_pillar, for_section = ALT_TEXTS[chart]
    if section.pillar:
        return gettext(for_pillar, lang, pillar=section.title(lang).lower(), items=items)
    return gettext(for_section, lang, title=section.title(lang), items=items)


def _alt_text(rows: pd.DataFrame, section: PageSection, lang: str) -> str:
    items = []
    for _, row in rows.iterrows():
        name = indicator_name(row, lang)
        target = format_target(row, lang)
        status = gettext(STATUS_LABELS[row.status], lang)
        items.append(gettext("chart.item_target", lang, name=name, value=format_value(row, lang), target=target, status=status)
                     if target else gettext("chart.item", lang, name=name, value=format_value(row, lang)))
    return _subject("bars", section, lang, "; ".join(items))


def _plain_text():  # noqa: ANN202 - a matplotlib rc context
    """Names come from the data: a ``$`` in one is a dollar sign, never the start of mathematical text."""
    import matplotlib

    return matplotlib.rc_context({"text.parse_math": False})


# SVG, with its text as text: faster to write than a PNG (no rasterising, no compression), a third of
# the bytes, and sharp at any zoom and in print. The ids matplotlib writes are salted with a constant,
# not a random one, and no date is written: the same data gives the same bytes.
SVG_SETTINGS = {"svg.fonttype": "none", "svg.hashsalt": "dxanalysis"}
# Figures are made at the resolution SVG is written at (sizes are in inches and points either way).
CHART_DPI = 72


class Chart(NamedTuple):
    """A chart of the review: the matplotlib figure (open until written), its alt text and its caption.

    The page embeds it as SVG (:func:`figure_html`), the Word document as PNG (:func:`figure_png`).
    """

    figure: Figure
    alt: str
    caption: str


# What a chart in the Word document is rasterised at: print resolution.
PRINT_DPI = 200


def figure_png(fig: Figure, dpi: int = PRINT_DPI) -> bytes:
    """The figure as PNG bytes at ``dpi`` (the Word document's images), then close it.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> figure_png(plt.figure(figsize=(1, 1)), dpi=50)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    with _plain_text():
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def figure_html(fig: Figure, alt: str, caption: str) -> str:
    """Embed a figure as an SVG image in a ``<figure>`` with alt text and caption, then close it.

    The SVG is an ``<img>`` (a data URL), not inline markup: it runs no script, and its ids cannot
    collide with the page's or another chart's.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    with _plain_text(), matplotlib.rc_context(SVG_SETTINGS):  # tick labels are made when the figure is drawn
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<figure class="dx-chart"><img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def pillar_chart_html(review: Review, section: str | PageSection, lang: str = "vi", number: int = 1) -> str:
    """A section's chart as HTML (a pillar's, or an analyst's section's; see :mod:`dxanalysis.write.outline`),
    or ``""`` when it has no rate to show or ``review.yml`` asks for no chart (``chart: false``)."""
    chart = pillar_chart(review, section, lang, number)
    return figure_html(*chart) if chart else ""


def pillar_chart(review: Review, section: str | PageSection, lang: str = "vi", number: int = 1) -> Chart | None:
    """A section's rates against their targets as a :class:`Chart`, or ``None`` (see :func:`pillar_chart_html`)."""
    section = find_section(review, section)
    rows = section_chartable(review, section) if section.chart else pd.DataFrame()
    if rows.empty:
        return None
    caption = gettext("chart.caption", lang, n=number, pillar=section.title(lang))
    return Chart(_pillar_figure(rows, lang), _alt_text(rows, section, lang), caption)


def _trend_series(review: Review, section: PageSection) -> list[tuple[pd.Series, pd.DataFrame]]:
    from dxanalysis.assess.progress import period_time

    history = review.history
    measured = history[(shown_in(review, history) == section.key) & history["value"].notna()
                       & history["value_qualifier"].map(as_qualifier).isin([None, "approx"])]
    out = []  # the history holds only periods like the review's (assess.review): like is compared with like
    for _, row in section_rows(review, section).iterrows():
        if row.value_percent and not row.rate_shown:
            continue  # a rate the page does not print is not drawn either
        series = measured[measured["indicator"] == row.indicator]
        series = series[[comparable(row, point) for _, point in series.iterrows()]]  # one plan; printed rates
        if len(series) >= 2:
            series = series.assign(time=series["period"].map(lambda p: period_time(parse_period(p))))
            out.append((row, series.sort_values("time")))
    return out


def trend_chart_html(review: Review, section: str | PageSection, lang: str = "vi", number: int = 1) -> str:
    """Small multiples: each indicator of the section across the periods like the review's, with its target.

    Only periods of the review's kind are drawn (:meth:`~dxanalysis.periods.Period.is_like`), and the
    caption names them ("qua các quý", "9 tháng đầu năm qua các năm"); ``""`` when no indicator has two,
    or ``review.yml`` asks for no chart in the section (``chart: false``).
    """
    chart = trend_chart(review, section, lang, number)
    return figure_html(*chart) if chart else ""


def trend_chart(review: Review, section: str | PageSection, lang: str = "vi", number: int = 1) -> Chart | None:
    """The section's indicators across periods as a :class:`Chart`, or ``None`` (see :func:`trend_chart_html`)."""
    section = find_section(review, section)
    series = _trend_series(review, section) if section.chart else []
    if not series:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import seaborn as sns

    target_word = gettext("chart.target", lang).lower()
    columns = 2 if len(series) > 1 else 1
    rows = -(-len(series) // columns)
    items = []
    with sns.axes_style("whitegrid"), _plain_text():
        fig, axes = plt.subplots(rows, columns, figsize=(CHART_WIDTH, 2.5 * rows + 0.3), dpi=CHART_DPI, squeeze=False)
        titles = [textwrap.fill(indicator_name(row, lang), 48) for row, _ in series]
        for ax, (row, points), title in zip(axes.flat, series, titles):
            labels = [parse_period(p).short_label(lang) for p in points["period"]]
            ax.plot(range(len(points)), points["value"], marker="o", color="#1f618d", lw=2)
            for x, value in enumerate(points["value"]):
                ax.annotate(format_percent(value, lang, 1) if row.value_percent else format_number(value, lang, 1),
                            (x, value), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
            if not math.isnan(row.target) and not row.target_kind:  # a threshold over communes is not the unit's
                ax.axhline(row.target, color="#1c2833", ls="--", lw=1.4)
            ax.set_xticks(range(len(points)), labels, fontsize=8)
            ax.set_title(title, fontsize=9)
            if row.kind == "rank":  # the first place is the best: on top
                ax.set_ylim(max(points["value"].max(), 0 if math.isnan(row.target) or row.target_kind
                                else row.target) * 1.25 + 1, 0)
            elif row.value_percent:
                ax.set_ylim(0, 105)
                _percent_ticks(ax.yaxis, lang)
            else:
                ax.set_ylim(0, max(points["value"].max(), 0 if math.isnan(row.target) else row.target) * 1.25 + 1)
            values = ", ".join(f"{period} {format_value(r, lang)}" for period, (_, r) in zip(labels, points.iterrows()))
            target = format_target(row, lang)
            items.append(f"{indicator_name(row, lang)}: {values}"
                         + (f" ({target_word} {target})" if target else ""))
        for ax in list(axes.flat)[len(series):]:
            ax.set_visible(False)
        title = (max(t.count("\n") for t in titles) + 1) * 9 * 1.3 / 72 + 0.1  # lines of 9 points, and a gap
        # the last period's name is centred on the axis' end, and its value may be wider still
        _fit(fig, left=0.6, right=0.45, bottom=0.35, top=title, hspace=title + 0.4, wspace=0.9, rows=rows,
             columns=columns)
    caption = gettext("chart.trend_caption_compared", lang, n=number, pillar=section.title(lang),
                      compared=review.period.series_label(lang))
    alt = _subject("trend", section, lang, "; ".join(items))
    return Chart(fig, alt, caption)


def children_chart_html(review: Review, lang: str = "vi") -> str:
    """One ranking panel per indicator of the child units (communes), best first, target drawn."""
    chart = children_chart(review, lang)
    return figure_html(*chart) if chart else ""


def children_chart(review: Review, lang: str = "vi") -> Chart | None:
    """The child units' ranking panels as a :class:`Chart`, or ``None`` (see :func:`children_chart_html`)."""
    # a rank is a place, not a length: a longer bar would be a worse place (the table shows ranks); units'
    # scorecards, and their parts, count the targets of their own plans, which no ranking may set side by
    # side; a rate the page does not print is not drawn
    children = review.children
    own_plans = children["kind"].eq("scorecard") | children["plan_size"].notna() \
        | children["plan"].fillna("").astype(str).str.strip().ne("")
    children = children[children["value"].notna() & ~children["kind"].eq("rank") & ~own_plans
                        & (children["rate_shown"].astype(bool) | ~children["value_percent"].astype(bool))]
    if children.empty:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import seaborn as sns

    groups = list(children.groupby("indicator", sort=False))
    target_word = gettext("chart.target", lang).lower()
    items = []
    with sns.axes_style("whitegrid"), _plain_text():
        heights = [0.5 + 0.38 * len(g) for _, g in groups]
        fig, axes = plt.subplots(len(groups), 1, figsize=(CHART_WIDTH, sum(heights) + 0.6 * len(groups)),
                                 dpi=CHART_DPI, squeeze=False, gridspec_kw={"height_ratios": heights})
        all_names, titles = [], []
        for ax, (code, rows) in zip(axes.flat, groups):
            rows = rows.sort_values("value", ascending=rows["better"].iloc[0] == "lower")
            names = [review.units[u].name(lang) if u in review.units else u for u in rows["unit"]]
            colours = [STATUS_STYLE[s][0] for s in rows["status"]]
            bars = ax.barh(range(len(rows)), rows["value"], color=colours)
            for bar, status in zip(bars, rows["status"]):
                bar.set_hatch(STATUS_STYLE[status][1])
                bar.set_edgecolor("white")
            ax.set_yticks(range(len(rows)), names, fontsize=8)
            ax.set_ylim(len(rows) - 0.5, -0.5)  # the best on top
            ax.grid(False, axis="y")
            all_names += names
            first = rows.iloc[0]
            for y, (_, r) in enumerate(rows.iterrows()):
                ax.text(min(r.value, 100) + 1, y, format_value(r, lang), va="center", fontsize=8)
            if not math.isnan(first.target):
                ax.axvline(first.target, color="#1c2833", lw=1.8)
            ax.set_xlim(0, 112 if first.value_percent else rows["value"].max() * 1.2)
            if first.value_percent:
                _percent_ticks(ax.xaxis, lang, sign=False)
            name = indicator_name(first, lang)
            titles.append(textwrap.fill(name, 70))
            ax.set_title(titles[-1], fontsize=9)
            ranking = ", ".join(f"{n} {format_value(r, lang)}" for n, (_, r) in zip(names, rows.iterrows()))
            target = format_target(first, lang)
            items.append(f"{name}: {ranking}" + (f" ({target_word} {target})" if target else ""))
        title = (max(t.count("\n") for t in titles) + 1) * 9 * 1.3 / 72 + 0.1
        _fit(fig, left=_widest(all_names, 8) + LABEL_GAP, right=0.3, bottom=0.35, top=title, hspace=title + 0.35,
             rows=len(groups))
    caption = gettext("chart.children_caption", lang, level=_children_level(review, lang))
    alt = gettext("chart.children_alt", lang, level=_children_level(review, lang), items="; ".join(items))
    return Chart(fig, alt, caption)


def _children_level(review: Review, lang: str) -> str:
    return levels_name({review.units[s].level if s in review.units else "" for s in review.children["unit"].unique()},
                       lang)
