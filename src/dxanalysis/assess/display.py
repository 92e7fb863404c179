"""A review at a glance, for a notebook: its figures, history, communes and plan as tables, in vi or en.

Every table writes a figure as the report does — the counts with their rate,
and a bound the source gave (``dưới 100%``) kept as a bound — so a status
such as *Chưa đạt* against a target of 100% can be read from the table. The
words (column headings, statuses) come from the catalogs. Each table is a
:class:`pandas.DataFrame` indexed by indicator code, which Jupyter shows as
an HTML table (pandas escapes every cell); :func:`summary_html` is the
compact, escaped and bounded summary a :class:`~dxanalysis.assess.review.Review`
shows of itself.

Examples
--------
>>> import pandas as pd
>>> rows = pd.DataFrame([{"indicator": "gov.digital_signature_rate", "kind": "ratio",
...     "name_vi": "Tỷ lệ văn bản ký số", "name_en": "Digitally signed documents",
...     "value": 100.0, "value_percent": True, "value_qualifier": "below", "value_decimals": 0,
...     "target": 100.0, "target_percent": True, "target_qualifier": "", "target_decimals": 0,
...     "status": "not_met"}])
>>> figures_table(rows, "vi").iloc[0].tolist()
['Tỷ lệ văn bản ký số', 'dưới 100%', '100%', '✗ Chưa đạt']
>>> figures_table(rows, "en").columns.tolist()
['Indicator', 'Result', 'Target', 'Status']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

import pandas as pd

from dxanalysis.assess.status import PROGRESS_LABELS, STATUS_LABELS, STATUS_SYMBOLS
from dxanalysis.figures import Figure, missing, rank_target_text, target_text
from dxanalysis.i18n import N_, current_lang, gettext, ngettext
from dxanalysis.numerals import Quantity, as_qualifier, format_quantity
from dxanalysis.periods import parse_period

# A summary lists at most this many rows, each cell cut to this many characters: the data is the
# analyst's (or anyone's), and a notebook's output should stay readable and small whatever it holds.
MAX_ROWS = 40
MAX_TEXT = 120
NO_FIGURE = "—"  # a cell with no figure (a period or commune without this indicator)

FIGURE_COLUMNS = (N_("col.indicator"), N_("col.result"), N_("col.target"), N_("col.status"))
PROGRESS_COLUMNS = (N_("col.indicator"), N_("col.base"), N_("col.latest"), N_("col.plan_target"), N_("col.progress"))
# What the review is (read.notes.REVIEW_KINDS), as a word of the summary's first line.
REVIEW_KINDS = {"sơ kết": N_("review.kind.so_ket"), "tổng kết": N_("review.kind.tong_ket"),
                "báo cáo": N_("review.kind.bao_cao"), "kiểm tra": N_("review.kind.kiem_tra")}


def _name(row: Any, lang: str) -> str:
    """The indicator's name in ``lang`` from the catalog's name columns, else its code."""
    return str(getattr(row, f"name_{lang}", "") or row.indicator)


def status_text(status: str, lang: str | None = None) -> str:
    """A status as a review words it, with its symbol (colour is never the only carrier).

    >>> status_text("exceeded", "vi"), status_text("on_track", "en")
    ('▲ Vượt chỉ tiêu', '↗ On track')
    """
    label = STATUS_LABELS.get(status) or PROGRESS_LABELS.get(status)
    words = gettext(label, lang or current_lang()) if label else str(status)
    return f"{STATUS_SYMBOLS.get(status, '')} {words}".strip()


def review_kind_text(kind: str, lang: str | None = None) -> str:
    """The review's kind (``sơ kết``, ``tổng kết``, …) in ``lang``.

    >>> review_kind_text("tổng kết", "en"), review_kind_text("sơ kết", "vi")
    ('Year-end review', 'Sơ kết')
    """
    return gettext(REVIEW_KINDS[kind], lang or current_lang()) if kind in REVIEW_KINDS else kind


def _headings(columns: Iterable[str], lang: str) -> list[str]:
    return [gettext(column, lang) for column in columns]


def figures_table(observations: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """One row per observation: the indicator's name, its figure and target as the report writes them
    (:meth:`~dxanalysis.figures.Figure.text`, :func:`~dxanalysis.figures.target_text`) and its status in words.

    Indexed by indicator code; ``observations`` is an assessed observation table (``review.observations``,
    or a filtered part of it). See the module's example.
    """
    lang = lang or current_lang()
    rows = [(_name(row, lang), Figure.of(row).text(lang), target_text(row, lang), status_text(row.status, lang))
            for row in observations.itertuples(index=False)]
    return pd.DataFrame(rows, columns=_headings(FIGURE_COLUMNS, lang),
                        index=pd.Index(observations["indicator"].tolist()))


def history_table(history: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The unit's figures over its periods: one row per indicator, one column per period (oldest first),
    each figure as the report writes it; ``—`` where a period has no such figure.

    >>> import pandas as pd
    >>> rows = pd.DataFrame([{"indicator": "x", "name_vi": "Tỷ lệ", "name_en": "Rate", "period": p, "kind": "ratio",
    ...                       "value": v, "value_percent": True, "value_qualifier": q, "value_decimals": 0}
    ...                      for p, v, q in [("2022-H1", 100.0, "below"), ("2021-H1", 98.5, "")]])
    >>> history_table(rows, "en").to_dict("records")
    [{'Indicator': 'Rate', 'H1 2021': '98.5%', 'H1 2022': 'below 100%'}]
    """
    lang = lang or current_lang()
    name_heading = gettext("col.indicator", lang)
    if history.empty:
        return pd.DataFrame(columns=[name_heading])
    periods = sorted(set(history["period"]), key=parse_period)
    labels = {slug: parse_period(slug).short_label(lang) for slug in periods}
    codes = list(dict.fromkeys(history["indicator"]))  # in the order the latest period lists them
    names: dict[str, str] = {}
    cells: dict[str, dict[str, str]] = {code: {} for code in codes}
    for row in history.itertuples(index=False):
        names.setdefault(row.indicator, _name(row, lang))
        cells[row.indicator][labels[row.period]] = Figure.of(row).text(lang)
    return pd.DataFrame([{name_heading: names[code], **{labels[p]: cells[code].get(labels[p], NO_FIGURE)
                                                        for p in periods}} for code in codes], index=pd.Index(codes))


def children_table(children: pd.DataFrame, unit_names: Mapping[str, str] | None = None,
                   lang: str | None = None) -> pd.DataFrame:
    """The units below (communes of a district) side by side: unit, indicator, figure, target, status.

    ``unit_names`` maps a slug to the name shown (a slug without one is shown as it is).

    >>> import pandas as pd
    >>> rows = pd.DataFrame([{"unit": "xa-a", "indicator": "x", "name_vi": "Tỷ lệ", "name_en": "Rate", "kind": "ratio",
    ...                       "value": 48.7, "value_percent": True, "value_qualifier": "", "value_decimals": 1,
    ...                       "target": 50.0, "target_percent": True, "target_qualifier": "", "target_decimals": 0,
    ...                       "status": "not_met"}])
    >>> children_table(rows, {"xa-a": "xã A"}, "vi").iloc[0].tolist()
    ['xã A', 'Tỷ lệ', '48,7%', '50%', '✗ Chưa đạt']
    """
    lang = lang or current_lang()
    names = unit_names or {}
    figures = figures_table(children, lang)
    units = [names.get(slug, slug) for slug in children["unit"]] if "unit" in children else []
    figures.insert(0, gettext("col.unit", lang), units)
    return figures


def _figure_at(rows: pd.DataFrame, period: Any, lang: str) -> str:
    """The figure of ``rows`` (one indicator's history) in ``period``, as written, with the period's label."""
    found = rows[rows["period"] == period] if not missing(period) else rows.iloc[:0]
    if found.empty or missing(found.iloc[0]["value"]):
        return NO_FIGURE
    return f"{Figure.of(found.iloc[0]).text(lang)} ({parse_period(str(period)).short_label(lang)})"


def plan_target_text(plan: Any, kind: str, lang: str, unit_names: Mapping[str, str] | None = None) -> str:
    """A plan's target with its year (``80% trở lên vào năm 2025``; a rank as a place), and whose plan it
    is when it is the unit above's (``unit_names`` maps its slug to the name shown).

    >>> from types import SimpleNamespace
    >>> plan = SimpleNamespace(target=30.0, target_percent=False, target_qualifier="at_most", target_year=2025,
    ...                        inherited_from="dong-thap")
    >>> plan_target_text(plan, "rank", "en", {"dong-thap": "Dong Thap province"})
    "30th or better by 2025 (Dong Thap province's plan)"
    """
    if kind == "rank":  # "thứ 30 trở lên", never a percentage
        target = rank_target_text(pd.Series({"target": plan.target, "target_qualifier": plan.target_qualifier}), lang)
    else:
        target = format_quantity(Quantity(float(plan.target), bool(plan.target_percent),
                                          as_qualifier(plan.target_qualifier), 2), lang)
    target = gettext("progress.target", lang, target=target, year=plan.target_year)
    above = getattr(plan, "inherited_from", "")
    if above:  # the plan of the unit above: say whose
        target = gettext("progress.inherited", lang, target=target, unit=(unit_names or {}).get(above, above))
    return target


def progress_table(progress: pd.DataFrame, history: pd.DataFrame, lang: str | None = None,
                   unit_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The plan's targets (``review.progress``): baseline and latest figures as written, with their
    periods, the target and its year, and the progress status in words (Open SDG's method).

    ``history`` is the unit's observations over the periods (``review.history``), where the figures and
    names are found; a target of the plan of the unit above says whose (``unit_names`` maps its slug).

    >>> import pandas as pd
    >>> history = pd.DataFrame([{"indicator": "x", "name_vi": "Tỷ lệ", "name_en": "Rate", "kind": "ratio",
    ...                          "period": p, "value": v, "value_percent": True, "value_qualifier": "",
    ...                          "value_decimals": 2} for p, v in [("2021-H1", 67.26), ("2022-H1", 60.41)]])
    >>> progress = pd.DataFrame([{"indicator": "x", "target": 80.0, "target_percent": True,
    ...     "target_qualifier": "at_least", "target_year": 2025, "inherited_from": "dong-thap",
    ...     "first_period": "2021-H1", "latest_period": "2022-H1", "status": "deterioration"}])
    >>> progress_table(progress, history, "en", {"dong-thap": "Dong Thap province"}).iloc[0].tolist()
    ['Rate', '67.26% (H1 2021)', '60.41% (H1 2022)', "at least 80% by 2025 (Dong Thap province's plan)", '✗ Deterioration']
    """
    lang = lang or current_lang()
    names = unit_names or {}
    rows, codes = [], []
    for plan in progress.itertuples(index=False):
        found = history[history["indicator"] == plan.indicator]
        name = _name(found.iloc[0], lang) if not found.empty else plan.indicator
        kind = str(found.iloc[0]["kind"]) if not found.empty else ""
        target = plan_target_text(plan, kind, lang, names)
        rows.append((name, _figure_at(found, plan.first_period, lang), _figure_at(found, plan.latest_period, lang),
                     target, status_text(plan.status, lang)))
        codes.append(plan.indicator)
    return pd.DataFrame(rows, columns=_headings(PROGRESS_COLUMNS, lang), index=pd.Index(codes))


def status_counts(observations: pd.DataFrame, lang: str | None = None) -> str:
    """How many indicators have each status, in the order of the statuses: ``▲ Vượt chỉ tiêu: 2 · …``.

    >>> import pandas as pd
    >>> status_counts(pd.DataFrame({"status": ["not_met", "exceeded", "not_met"]}), "en")
    '▲ Exceeded: 1 · ✗ Not met: 2'
    """
    lang = lang or current_lang()
    counts = observations["status"].value_counts() if "status" in observations else pd.Series(dtype=int)
    return " · ".join(f"{status_text(status, lang)}: {int(counts[status])}"
                      for status in STATUS_LABELS if status in counts)


def _cut(text: Any, limit: int = MAX_TEXT) -> str:
    """``text`` at most ``limit`` characters long (cut with an ellipsis), for a cell of the summary."""
    text = "" if text is None or missing(text) else str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def summary_html(title: str, lines: Iterable[str], table: pd.DataFrame, max_rows: int = MAX_ROWS,
                 lang: str | None = None) -> str:
    """A short HTML summary: a title, a few lines, and the first ``max_rows`` rows of ``table`` (with how
    many more there are). Every text is escaped and cut to :data:`MAX_TEXT` characters.

    >>> import pandas as pd
    >>> html = summary_html("<b>x</b>", ["a"], pd.DataFrame({"A": ["<script>", "2", "3"]}), max_rows=2, lang="en")
    >>> "<script>" in html, "&lt;script&gt;" in html, "and 1 more" in html
    (False, True, True)
    """
    lang = lang or current_lang()
    parts = ['<div class="dx-summary">', f"<p><strong>{escape(_cut(title))}</strong></p>"]
    parts += [f"<p>{escape(_cut(line, 4 * MAX_TEXT))}</p>" for line in lines]
    parts.append("<table><thead><tr><th></th>")
    parts += [f"<th>{escape(_cut(column))}</th>" for column in table.columns]
    parts.append("</tr></thead><tbody>")
    for key, row in zip(table.index[:max_rows], table.itertuples(index=False)):
        cells = "".join(f"<td>{escape(_cut(value))}</td>" for value in row)
        parts.append(f"<tr><th><code>{escape(_cut(key))}</code></th>{cells}</tr>")
    parts.append("</tbody></table>")
    if len(table) > max_rows:
        more = ngettext("review.summary.more.one", "review.summary.more.other", len(table) - max_rows, lang)
        parts.append(f"<p>{escape(more)}</p>")
    parts.append("</div>")
    return "".join(parts)
