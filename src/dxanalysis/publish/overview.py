"""The overview page, ``reports/index.html`` (``index.en.html`` in English): every unit × indicator at a glance.

One heat map per period, newest first: a row per unit, grouped under the
unit above it (the province, then its districts and cities, then their
communes), a column per indicator that some unit gives a figure or a
target for (in the catalog's order, under its pillar), each cell the
figure as the review prints it, with its status's colour and symbol and a
link to the unit's review at the section that shows it. A small inline
script adds a period switch (the newest period shown), sorting by a column
and a filter by name; without it every period is shown, one after another.

The batch keeps each report's cells in its manifest entry
(:func:`review_cells`, in the report's language): an unchanged report's
review is not loaded again, and its row is drawn from the manifest.

Examples
--------
>>> from dxanalysis.publish.batch import ReportOutcome
>>> outcomes = [ReportOutcome("hong-ngu", "2022-H1", "vi", "built", html="hong-ngu/2022-H1/review.html",
...                           cells={"gov.online_dossier_rate": {"status": "exceeded", "text": "60,41%",
...                                  "value": 60.41, "anchor": "pillar-digital-government"}})]
>>> view = period_views(outcomes, "vi")[0]
>>> view.label, [c.code for c in view.columns]
('06 tháng đầu năm 2022', ['gov.online_dossier_rate'])
>>> cell = view.groups[0].rows[0].cells[0]
>>> cell.text, cell.symbol, cell.href
('60,41%', '▲', './hong-ngu/2022-H1/review.html#pillar-digital-government')
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

from dxanalysis.assess.status import ACHIEVED, STATUS_LABELS, STATUS_SYMBOLS
from dxanalysis.exceptions import DxAnalysisError
from dxanalysis.i18n import DEFAULT_LANG, LANGS, N_, gettext, ngettext
from dxanalysis.periods import Period, parse_period, written_date, written_time
from dxanalysis.read.catalog import PILLARS, pillar_label
from dxanalysis.vntext import collation_key

if TYPE_CHECKING:  # pragma: no cover
    from dxanalysis.assess.review import Review
    from dxanalysis.read.catalog import Catalog
    from dxanalysis.read.lineage import Lineage
    from dxanalysis.read.units import Unit

INDEX = "index.html"
# Each language's name, and the link to the index in it (in the index's own language).
LANGUAGE_NAMES = {"vi": N_("index.lang.vi"), "en": N_("index.lang.en")}
OTHER_INDEX = {"vi": N_("index.other.vi"), "en": N_("index.other.en")}
# The order a column sorts its cells in, best first: achieved, undecided, missed, nothing to judge by,
# no figure. Within a status the better figure comes first.
SORT_RANKS = {"exceeded": 0, "met": 1, "indeterminate": 2, "not_met": 3, "not_assessed": 4,
              "assessed_by_committee": 4, "no_target": 5, "no_data": 6}
# The counts each unit's row and each period's totals show, in the index's order (as the old index had them).
COUNTED = (("achieved", N_("summary.achieved"), "met"), ("not_met", N_("status.not_met"), "not_met"),
           ("no_target", N_("status.no_target"), "no_target"), ("no_data", N_("status.no_data"), "no_data"))
_ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def page_link(relative_path: str) -> str:
    """A link to a report from the index: a relative path, each part percent-encoded.

    Starting with ``./`` it can never be read as a scheme (``javascript:``), and
    no part may climb out of the reports folder.

    >>> page_link("hong-ngu/2022-H1/review.html"), page_link("javascript:alert(1)/x.html")
    ('./hong-ngu/2022-H1/review.html', './javascript%3Aalert%281%29/x.html')
    >>> page_link("../x/review.html")
    Traceback (most recent call last):
    ...
    ValueError: not a path inside the reports folder: '../x/review.html'
    """
    parts = Path(relative_path).parts
    if not parts or Path(relative_path).is_absolute() or any(p in ("..", ".") for p in parts):
        raise ValueError(f"not a path inside the reports folder: {relative_path!r}")
    return "./" + "/".join(quote(part, safe="") for part in parts)


def index_name(lang: str) -> str:
    """``index.html`` in Vietnamese, ``index.<lang>.html`` in the other languages.

    >>> index_name("vi"), index_name("en")
    ('index.html', 'index.en.html')
    """
    return INDEX if lang == DEFAULT_LANG else f"index.{lang}.html"


class Outcome(Protocol):
    """What the overview reads of a report's outcome (:class:`dxanalysis.publish.batch.ReportOutcome`)."""

    unit: str
    period: str
    lang: str
    status: str
    html: str
    reason: str
    counts: dict[str, int]
    illustrative: bool
    cells: dict[str, dict]


def review_cells(review: Review, lang: str = "vi") -> dict[str, dict]:
    """The overview's cells of one review, by indicator code, written in ``lang`` as the review prints them.

    Each cell holds the status, the value as the review's tables print it
    (``text``), the whole figure (``figure``), the target, the printed value
    as a number to sort by, whether the committee stated the status, and the
    id of the page's section that shows the indicator.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> cells = review_cells(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR), "en")
    >>> cell = cells["gov.online_dossier_rate"]
    >>> cell["status"], cell["text"], cell["figure"], cell["target"], cell["value"], cell["anchor"]
    ('exceeded', '60.41%', '9,475/15,684 dossiers (60.41%)', '50%', 60.41, 'pillar-digital-government')
    """
    from dxanalysis.assess.status import stated_by_committee
    from dxanalysis.figures import Figure, printed_value, target_text
    from dxanalysis.write.outline import achievement_sections, shown_in

    observations = review.observations
    if observations.empty:
        return {}
    anchors = {section.key: section.anchor for section in achievement_sections(review)}
    shown = shown_in(review)
    cells: dict[str, dict] = {}
    for index, row in observations.iterrows():
        if row.indicator in cells:
            continue  # the page shows an indicator once; so does the overview
        figure = Figure.of(row)
        cells[row.indicator] = {
            "status": row.status, "text": figure.value_text(lang), "figure": figure.text(lang),
            "target": target_text(row, lang), "value": printed_value(row),
            "stated": stated_by_committee(row), "anchor": anchors.get(shown.loc[index], ""),
        }
    return cells


@dataclass(frozen=True)
class Column:
    """One indicator's column: its code, name in the index's language, pillar and direction."""

    code: str
    name: str
    pillar: str
    better: str = "higher"


@dataclass(frozen=True)
class Cell:
    """One unit × indicator: the figure as its review prints it, its status, and where the review shows it.

    ``status`` is ``absent`` when the unit's review does not give the indicator at all.
    """

    status: str
    text: str
    label: str  # the status in words
    title: str  # the status, the whole figure and the target, in a sentence
    href: str
    hreflang: str = ""  # set when the review linked to (and the text) is in another language
    rank: int = 7
    value: float | None = None

    @property
    def symbol(self) -> str:
        """The status's symbol, so that colour is never the only thing that tells it."""
        return STATUS_SYMBOLS.get(self.status, STATUS_SYMBOLS["no_data"])

    @property
    def empty(self) -> bool:
        """True when there is no figure: the cell sorts last either way."""
        return self.status in ("absent", "no_data")


@dataclass
class UnitRow:
    """One unit's row in one period: its name, its reviews, its cells and its counts."""

    slug: str
    name: str
    links: list[dict]
    cells: list[Cell]  # one per column; none for a unit without a review to link to (every report failed)
    counts: dict[str, int]
    order: int = 0
    illustrative: bool = False
    failed: list[str] = field(default_factory=list)
    # the 2025 reorganisation: "hình thành từ …" / "đã sắp xếp vào …", each unit named linking to its latest review
    lineage: list[dict] = field(default_factory=list)  # {"text": the sentence's words, "units": [{"name", "href"}]}


@dataclass
class Group:
    """The units under one parent (``parent`` is ``""`` for the units at the top)."""

    parent: str
    heading: str
    rows: list[UnitRow]


@dataclass
class PeriodView:
    """One period's heat map: its columns under their pillars, its groups of rows and its totals."""

    slug: str
    label: str
    columns: list[Column]
    pillars: list[dict]  # {"pillar", "label", "span"}, in column order
    groups: list[Group]
    totals: dict[str, int]

    @property
    def id(self) -> str:
        """The section's id (``period-2022-H1``), which a link to ``index.html#period-2022-H1`` opens."""
        return f"period-{self.slug}"

    @property
    def units(self) -> int:
        """How many units the period has a row for."""
        return sum(len(group.rows) for group in self.groups)


def _text(raw: dict, key: str) -> str:
    value = raw.get(key, "")
    return value if isinstance(value, str) else ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _cell(raw: Any, outcome: Outcome, lang: str) -> Cell:
    """A manifest's cell as the overview shows it; anything a hand-edited manifest put there is checked."""
    href = page_link(outcome.html)
    if not isinstance(raw, dict) or raw.get("status") not in STATUS_LABELS:
        no_data = gettext("status.no_data", lang)
        return Cell("absent", no_data, no_data, gettext("overview.absent", lang), href,
                    "" if outcome.lang == lang else outcome.lang)
    status = raw["status"]
    anchor = _text(raw, "anchor")
    if _ANCHOR.fullmatch(anchor):
        href += f"#{anchor}"
    label = gettext(STATUS_LABELS[status], lang)
    if raw.get("stated") is True:
        label = gettext("status.stated", lang, status=label)
    figure, target = _text(raw, "figure") or _text(raw, "text"), _text(raw, "target")
    title = (gettext("overview.cell.target", lang, status=label, figure=figure, target=target) if target
             else gettext("overview.cell", lang, status=label, figure=figure))
    return Cell(status, _text(raw, "text"), label, title, href, "" if outcome.lang == lang else outcome.lang,
                SORT_RANKS.get(status, 7), _number(raw.get("value")))


def _period(slug: str, lang: str) -> tuple[tuple, str, str]:
    """A period's sort key, label and slug; a manifest's period that does not parse keeps its slug."""
    try:
        period: Period = parse_period(slug)
    except (DxAnalysisError, ValueError):
        return (0, slug), slug, slug
    return (1, period), period.label(lang), period.slug


def _tree_order(units: dict[str, Unit], lang: str) -> dict[str, int]:
    """Each unit's place in the registry read as a tree (parents first, siblings by name).

    A unit whose parent the registry does not list starts a tree of its own; a
    loop of parents (a damaged registry) is placed after everything else.
    """
    children: dict[str, list[str]] = {}
    roots = []
    for slug, unit in units.items():
        if unit.parent and unit.parent in units and unit.parent != slug:
            children.setdefault(unit.parent, []).append(slug)
        else:
            roots.append(slug)

    def by_name(slugs: list[str]) -> list[str]:
        return sorted(slugs, key=lambda s: collation_key(units[s].name(lang)))

    order: dict[str, int] = {}
    stack = list(reversed(by_name(roots)))
    while stack:
        slug = stack.pop()
        if slug in order:
            continue
        order[slug] = len(order)
        stack.extend(reversed(by_name(children.get(slug, []))))
    for slug in by_name([s for s in units if s not in order]):
        order[slug] = len(order)
    return order


def _columns(cells: list[dict], lang: str, catalog: Catalog | None) -> list[Column]:
    """The indicators some unit of the period gives a figure or a target for, in the catalog's order."""
    present: set[str] = set()
    for raw_cells in cells:
        for code, raw in raw_cells.items():
            if isinstance(code, str) and isinstance(raw, dict) and raw.get("status") in STATUS_LABELS and (
                    raw["status"] != "no_data" or _text(raw, "target")):
                present.add(code)
    known = list(catalog.indicators) if catalog is not None else []
    pillars = list(PILLARS)

    def column(code: str) -> Column:
        if catalog is not None and code in catalog:
            indicator = catalog[code]
            return Column(code, indicator.name(lang), indicator.pillar, indicator.better)
        return Column(code, code, "")  # not in this catalog (an older manifest): shown by its code, last

    columns = [column(code) for code in present]
    return sorted(columns, key=lambda c: (pillars.index(c.pillar) if c.pillar in pillars else len(pillars),
                                          known.index(c.code) if c.code in known else len(known), c.code))


def _counts(counts: dict) -> dict[str, int]:
    def get(status: str) -> int:
        value = counts.get(status, 0) if isinstance(counts, dict) else 0
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    return {"achieved": sum(get(s) for s in ACHIEVED), "not_met": get("not_met"),
            "no_target": get("no_target"), "no_data": get("no_data")}


def latest_parents(units: dict[str, Unit], lineage: Lineage | None = None) -> dict[str, Unit]:
    """The registry as its latest structure places each unit: a unit that ended and passed into another
    stands under its successor's parent (its own district may have ended too).

    >>> import datetime as dt
    >>> from dxanalysis.read.lineage import Lineage, Transfer
    >>> from dxanalysis.read.units import Unit
    >>> units = {"t": Unit("t", "tỉnh T", "", "tỉnh"), "h": Unit("h", "huyện H", "", "huyện", "t", valid_to=dt.date(2025, 6, 30)),
    ...          "a": Unit("a", "xã A", "", "xã", "h", valid_to=dt.date(2025, 6, 30)),
    ...          "n": Unit("n", "xã N", "", "xã", "t", valid_from=dt.date(2025, 7, 1))}
    >>> {slug: u.parent for slug, u in latest_parents(units, Lineage((Transfer("a", "n", dt.date(2025, 7, 1)),))).items()}
    {'t': '', 'h': 't', 'a': 't', 'n': 't'}
    """
    import dataclasses

    placed = {}
    for slug, unit in units.items():
        current, seen = unit, {slug}
        while lineage is not None and current.valid_to is not None:
            successor = next((t.successor for t in lineage.successors(current.slug)
                              if t.successor in units and t.successor not in seen), None)
            if successor is None:
                break
            seen.add(successor)
            current = units[successor]
        placed[slug] = dataclasses.replace(unit, parent=current.parent) if current is not unit else unit
    return placed


def _lineage_notes(slug: str, units: dict[str, Unit], lineage: Lineage | None, latest: dict[str, str],
                   lang: str) -> list[dict]:
    """What a unit's row says about the reorganisation, the units it names linked to their latest review."""
    unit = units.get(slug)
    if unit is None or lineage is None:
        return []

    def named(slugs: list[str]) -> list[dict]:
        return [{"name": units[s].name(lang) if s in units else s, "href": latest.get(s, "")}
                for s in dict.fromkeys(slugs)]

    notes = []
    before = lineage.predecessors(slug)
    if before:
        notes.append({"text": gettext("overview.formed_from", lang,
                                      day=written_date(before[0].effective, lang)),
                      "units": named([t.predecessor for t in before])})
    if unit.valid_to is not None:
        after = lineage.successors(slug)
        day = written_date(unit.valid_to + dt.timedelta(days=1), lang)
        notes.append({"text": gettext("overview.merged_into", lang, day=day) if after
                      else gettext("overview.ended", lang, day=day),
                      "units": named([t.successor for t in after])})
    return notes


def period_views(outcomes: list[Outcome], lang: str = "vi", units: dict[str, Unit] | None = None,
                 catalog: Catalog | None = None, lineage: Lineage | None = None) -> list[PeriodView]:
    """Every period's heat map, newest first, in ``lang`` (see the module's example).

    A unit's row links to its review in ``lang``, or in the other language
    when only that one was built (its cells then read in that language, and
    say so with ``hreflang``); a unit whose every report failed has a row with
    the reasons and no cells.

    >>> from dxanalysis.publish.batch import ReportOutcome
    >>> from dxanalysis.read.units import Unit
    >>> units = {"a": Unit("a", "tỉnh A", "A province", "tỉnh"), "b": Unit("b", "huyện B", "B district", "huyện", "a"),
    ...          "c": Unit("c", "xã C", "C commune", "xã", "b")}
    >>> done = [ReportOutcome(u, p, "vi", "built", html=f"{u}/{p}/review.html") for u, p in
    ...         (("c", "2022"), ("a", "2022"), ("b", "2021"))]
    >>> [(v.slug, [(g.heading, [r.name for r in g.rows]) for g in v.groups]) for v in period_views(done, "en", units)]
    [('2022', [('', ['A province']), ('Units under B district', ['C commune'])]), ('2021', [('Units under A province', ['B district'])])]
    """
    registered = units or {}
    units = latest_parents(registered, lineage)
    order = _tree_order(units, lang)
    registry: dict[str, dict[str, dict[str, Outcome]]] = {}
    latest: dict[str, tuple] = {}  # unit -> (its latest period's sort key, link) of a review built in some language
    for outcome in outcomes:
        registry.setdefault(outcome.period, {}).setdefault(outcome.unit, {})[outcome.lang] = outcome
        if outcome.html and outcome.lang in LANGUAGE_NAMES:
            key = (_period(outcome.period, lang)[0], outcome.lang == lang)
            if outcome.unit not in latest or key > latest[outcome.unit][0]:
                latest[outcome.unit] = (key, page_link(outcome.html))
    links = {slug: link for slug, (_, link) in latest.items()}
    views = []
    for period_slug, by_unit in registry.items():
        key, label, slug = _period(period_slug, lang)
        rows: list[tuple[UnitRow, Outcome | None, dict]] = []
        for unit, by_lang in by_unit.items():
            in_order = sorted(by_lang.values(), key=lambda o: (o.lang != lang, LANGS.index(o.lang)
                                                               if o.lang in LANGS else len(LANGS)))
            built = [o for o in in_order if o.html and o.lang in LANGUAGE_NAMES]
            counted = next((o for o in in_order if o.counts), in_order[0])
            row = UnitRow(
                slug=unit, name=units[unit].name(lang) if unit in units else unit,
                links=[{"lang": o.lang, "href": page_link(o.html), "text": gettext(LANGUAGE_NAMES[o.lang], lang)}
                       for o in built],
                cells=[], counts=_counts(counted.counts), illustrative=any(o.illustrative for o in in_order),
                failed=[f"{o.lang}: {o.reason}" for o in in_order if o.status == "failed"],
                lineage=_lineage_notes(unit, registered, lineage, links, lang),
            )
            # the cells come with the review they link to: the one in the index's language when built
            source = built[0] if built else None
            rows.append((row, source, source.cells if source is not None and isinstance(source.cells, dict) else {}))
        columns = _columns([raw for _, _, raw in rows], lang, catalog)
        for row, source, raw_cells in rows:
            if source is not None:
                row.cells = [_cell(raw_cells.get(c.code), source, lang) for c in columns]
        unit_rows = [row for row, _, _ in rows]
        views.append((key, PeriodView(slug, label, columns, _pillar_spans(columns, lang),
                                      _groups(unit_rows, units, order, lang), _totals(unit_rows))))
    return [view for _, view in sorted(views, key=lambda pair: pair[0], reverse=True)]


def _pillar_spans(columns: list[Column], lang: str) -> list[dict]:
    spans: list[dict] = []
    for column in columns:
        if spans and spans[-1]["pillar"] == column.pillar:
            spans[-1]["span"] += 1
        else:
            spans.append({"pillar": column.pillar, "span": 1,
                          "label": pillar_label(column.pillar, lang) if column.pillar in PILLARS
                          else gettext("overview.pillar.other", lang)})
    return spans


def _groups(rows: list[UnitRow], units: dict[str, Unit], order: dict[str, int], lang: str) -> list[Group]:
    """The rows under their parents: the top units first, then each parent's in the registry's tree order."""
    by_parent: dict[str, list[UnitRow]] = {}
    for row in rows:
        unit = units.get(row.slug)
        parent = unit.parent if unit is not None and unit.parent != row.slug else ""
        by_parent.setdefault(parent, []).append(row)
    groups = []
    for parent, members in by_parent.items():
        members.sort(key=lambda r: (collation_key(r.name), r.slug))
        name = units[parent].name(lang) if parent in units else parent
        groups.append(Group(parent, gettext("overview.group", lang, parent=name) if parent else "", members))
    groups.sort(key=lambda g: (g.parent != "", g.parent not in order, order.get(g.parent, 0), g.parent))
    for place, row in enumerate(r for g in groups for r in g.rows):
        row.order = place
    return groups


def _totals(rows: list[UnitRow]) -> dict[str, int]:
    return {key: sum(row.counts[key] for row in rows) for key, _, _ in COUNTED}


def _title(outcomes: list[Outcome], units: dict[str, Unit], lang: str) -> str:
    """The page's title, naming the province when every report is of one unit's tree."""
    tops = set()
    for slug in {o.unit for o in outcomes}:
        seen = {slug}
        while slug in units and units[slug].parent and units[slug].parent not in seen:
            slug = units[slug].parent
            seen.add(slug)
        tops.add(slug)
    if len(tops) == 1 and (top := tops.pop()) in units:
        return gettext("overview.title.of", lang, unit=units[top].name(lang))
    return gettext("overview.title", lang)


def overview_page(outcomes: list[Outcome], lang: str = "vi", units: dict[str, Unit] | None = None,
                  others: list[str] | None = None, catalog: Catalog | None = None,
                  lineage: Lineage | None = None) -> str:
    """``reports/index.html`` in ``lang``: a self-contained page, its script inline, nothing fetched.

    >>> from dxanalysis.publish.batch import ReportOutcome
    >>> page = overview_page([ReportOutcome("x", "2022", "en", "failed", reason="<b>broken</b>")], "en")
    >>> "&lt;b&gt;broken&lt;/b&gt;" in page, "<b>" in page, page.count("<h1>")
    (True, False, 1)
    """
    from dxanalysis.config import TEMPLATES_DIR
    from dxanalysis.provenance import VIETNAM_TIME, package_version
    from dxanalysis.write.templating import environment

    units = units or {}
    css = (TEMPLATES_DIR / "html" / "report.css").read_text(encoding="utf-8")
    views = period_views(outcomes, lang, units, catalog, lineage)
    legend = [{"status": s, "symbol": STATUS_SYMBOLS[s], "text": gettext(STATUS_LABELS[s], lang)}
              for s in ("exceeded", "met", "not_met", "indeterminate", "not_assessed", "no_target", "no_data")]
    return environment(lang).get_template("html/index.html.j2").render(
        lang=lang, title=_title(outcomes, latest_parents(units, lineage), lang), views=views, css=css, legend=legend,
        counted=[{"key": key, "text": gettext(msgid, lang), "symbol": STATUS_SYMBOLS[status], "status": status}
                 for key, msgid, status in COUNTED],
        shown_template=gettext("overview.shown", lang, shown="{shown}", total="{total}"),
        units_reported={v.slug: ngettext("overview.units.one", "overview.units.other", v.units, lang)
                        for v in views},
        generated=written_time(dt.datetime.now(VIETNAM_TIME), lang), version=package_version(),
        built=sum(o.status != "failed" for o in outcomes), failed=sum(o.status == "failed" for o in outcomes),
        translations=[{"lang": other, "href": index_name(other), "text": gettext(OTHER_INDEX[other], lang)}
                      for other in others or []],
    )


__all__ = ["Cell", "Column", "Group", "Outcome", "PeriodView", "UnitRow", "index_name", "latest_parents", "overview_page",
           "page_link", "period_views", "review_cells"]
