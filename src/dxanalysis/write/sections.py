"""HTML sections of the review page, one function per section.

The report notebook calls these in order; each returns an :class:`Html`
fragment that Jupyter displays and nbconvert keeps in the exported page.
Every figure in them is computed from the :class:`~dxanalysis.review.Review`.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> from dxanalysis.assess.review import load_review
>>> review = load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)
>>> html = shortcomings_section(review, "vi")
>>> "(toàn huyện có 52/74 TTHC, đạt 70,27%)" in html
True
>>> html._repr_html_() == str(html)
True
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from dxanalysis.check.register import REGISTER_SOURCE
from dxanalysis.assess.compare import same_plan
from dxanalysis.assess.display import plan_target_text
from dxanalysis.assess.status import (ACHIEVED, PROGRESS_LABELS, STATUS_LABELS, STATUS_SYMBOLS, stated_by_committee,
                                      status_counts, status_of)
from dxanalysis.figures import Figure, rank_text
from dxanalysis.findings import SEVERITIES, Finding
from dxanalysis.i18n import N_, Message, gettext, ngettext
from dxanalysis.numerals import Quantity, format_percent, format_quantity, parse_quantity
from dxanalysis.write.charts import children_chart_html, pillar_chart_html, trend_chart_html
from dxanalysis.write.outline import PageSection, achievement_sections, find_section, section_rows
from dxanalysis.write.templating import environment
from dxanalysis.write.narrative import (format_target, format_value, indicator_name, join_and, levels_name,
                                        pillar_paragraph, review_change, shortcoming_items, task_sentence)
from dxanalysis.periods import parse_period, written_date, written_time
from dxanalysis.provenance import Provenance
from dxanalysis.vntext import collation_key

if TYPE_CHECKING:  # pragma: no cover
    from dxanalysis.assess.review import Review


SEVERITY_LABELS = {"error": N_("severity.error"), "warning": N_("severity.warning"), "info": N_("severity.info")}
# A unit's commitments are made to the committee of the level above.
COMMITTEES = {"tỉnh": N_("commitments.committee.tỉnh"), "huyện": N_("commitments.committee.huyện"),
              "thị xã": N_("commitments.committee.thị xã"), "thành phố": N_("commitments.committee.thành phố")}
# The indicator's name in a table: as the analyst typed it in Vietnamese, the catalog's in English (data).
TABLE_NAME_COLUMNS = {"vi": "name_typed", "en": "name_en"}


def table_name(row: Any, lang: str = "vi") -> str:
    """The indicator's name in a table: as typed, unless what was typed is its code (which the README
    allows), then the catalog's name — a reader never sees ``gov.online_dossier_rate``.

    >>> import pandas as pd
    >>> row = pd.Series({"indicator": "gov.online_dossier_rate", "name_typed": "gov.online_dossier_rate",
    ...                  "name_vi": "Tỷ lệ hồ sơ TTHC xử lý trực tuyến", "name_en": "Online dossier rate"})
    >>> table_name(row, "vi"), table_name({**row, "name_typed": "Tỉ lệ hồ sơ trực tuyến"}, "vi")
    ('Tỷ lệ hồ sơ TTHC xử lý trực tuyến', 'Tỉ lệ hồ sơ trực tuyến')
    """
    typed = str(row.get(TABLE_NAME_COLUMNS[lang], "") or "")
    if not typed or typed.strip().lower() == str(row.get("indicator", "")).lower():
        return indicator_name(row, lang)
    return typed


class Html(str):
    """A fragment of HTML that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def _macro(name: str, context: dict[str, Any], lang: str = "vi") -> Html:
    template = environment(lang).get_template("html/review.html.j2")
    macros = template.make_module({"symbol": STATUS_SYMBOLS.get})
    return Html(str(getattr(macros, name)(context)).strip())


# Per review kind (read.notes.REVIEW_KINDS): its title, and how its header names the event
# (with a date and a chair, a date only, a chair only).
REVIEW_TITLES = {"sơ kết": N_("title"), "tổng kết": N_("title.tong_ket"), "báo cáo": N_("title.bao_cao"),
                 "kiểm tra": N_("title.kiem_tra")}
EVENT_SENTENCES = {
    "sơ kết": (N_("meeting"), N_("meeting.date_only"), N_("meeting.chair_only")),
    "tổng kết": (N_("meeting"), N_("meeting.date_only"), N_("meeting.chair_only")),
    "báo cáo": (N_("report_document"), N_("report_document.date_only"), N_("report_document.chair_only")),
    "kiểm tra": (N_("inspection"), N_("inspection.date_only"), N_("inspection.chair_only")),
}


def review_title(review: Review, lang: str = "vi") -> str:
    """The review's title, by its kind: ``Sơ kết chuyển đổi số 06 tháng đầu năm 2022``.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> review_title(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))
    'Sơ kết chuyển đổi số 06 tháng đầu năm 2022'
    """
    return gettext(REVIEW_TITLES[review.kind], lang, period=review.period.label(lang))


def header_section(review: Review, lang: str = "vi") -> Html:
    """Title, unit, period, meeting facts, and an alert when the data holds errors."""
    return _macro("header", lang=lang, context=header_context(review, lang))


def header_context(review: Review, lang: str = "vi") -> dict[str, Any]:
    """What the header says (title, unit, period, meeting, banners) as plain texts: the page's
    :func:`header_section` and the Word document (:mod:`dxanalysis.write.docx`) both write these.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> header_context(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))["meeting"][:18]
    'Hội nghị ngày 09/8'
    """
    meeting, notes = review.notes.meeting, review.notes
    # Only what the notes say: a missing date or chair drops its clause, never leaves a blank.
    chair = ", ".join(notes.text(p, lang) for p in (meeting.chair, meeting.chair_title) if p)
    date = written_date(meeting.date, lang) if meeting.date else ""
    both, date_only, chair_only = EVENT_SENTENCES[review.kind]
    meeting_text = (gettext(both, lang, date=date, chair=chair) if date and chair
                    else gettext(date_only, lang, date=date) if date
                    else gettext(chair_only, lang, chair=chair) if chair else "")
    errors = sum(f.severity == "error" for f in review.findings)
    return {
        "committee": notes.text(meeting.body, lang),  # never a name the notes did not give
        "title": review_title(review, lang),
        "unit": review.unit.name(lang), "period": review.period.label(lang),
        "meeting_title": notes.text(meeting.title, lang), "meeting": meeting_text,
        "errors": ngettext("errors_banner.one", "errors_banner.other", errors, lang) if errors else "",
        # where the analyst's words come from (review.yml's source:), as written
        "source": gettext("source.review", lang, source=notes.source) if notes.source else "",
        "illustrative": _illustrative_text(review, lang),
    }


def _illustrative_text(review: Review, lang: str) -> str:
    by_unit: dict[str, list[str]] = {}
    for entry in review.illustrative_periods():
        unit, period = entry.split(" ", 1)
        name = review.units[unit].name(lang) if unit in review.units else unit
        by_unit.setdefault(name, []).append(parse_period(period).label(lang))
    if not by_unit:
        return ""
    items = "; ".join(f"{name} ({', '.join(periods)})"
                      for name, periods in sorted(by_unit.items(), key=lambda item: collation_key(item[0])))
    return gettext("illustrative", lang, items=items)


def summary_section(review: Review, lang: str = "vi") -> Html:
    """The summary band: indicators met / not met / without target / without data."""
    return _macro("summary", lang=lang, context=summary_context(review, lang))


def summary_context(review: Review, lang: str = "vi") -> dict[str, Any]:
    """The summary's heading, counts by status (``cards``), sentences and progress table, as plain values.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> [card["count"] for card in summary_context(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))["cards"]]
    [2, 2, 4, 0]
    """
    counts = status_counts(review.observations)
    cards = [
        {"status": "met", "count": counts["exceeded"] + counts["met"], "label": gettext("summary.achieved", lang)},
        {"status": "not_met", "count": counts["not_met"], "label": gettext("status.not_met", lang)},
        {"status": "no_target", "count": counts["no_target"], "label": gettext("status.no_target", lang)},
        {"status": "no_data", "count": counts["no_data"] + counts["indeterminate"], "label": gettext("status.no_data", lang)},
    ]
    if counts["not_assessed"]:  # targets in words the review did not assess: neither met nor missed
        cards.insert(3, {"status": "not_assessed", "count": counts["not_assessed"],
                         "label": gettext("status.not_assessed", lang)})
    previous = review.period.same_period_last_year()
    changes = [review_change(review, row, lang) for _, row in review.observations.iterrows()]
    changes = [c for c in changes if c is not None]
    whole_year = previous.kind == "year"  # a year is compared with last year, not with "the same period"
    shared = set(review.previous["indicator"]) & set(review.observations["indicator"])
    if not changes and shared:
        # last year's figures are there, but none can be set against this period's as printed (another
        # plan's targets, counts whose rate is not printed, a bound): not "no data"
        previous_text = gettext(N_("summary.previous_incomparable.year") if whole_year
                                else N_("summary.previous_incomparable"), lang, period=previous.label(lang))
    elif not changes:
        previous_text = gettext(N_("summary.previous_none.year") if whole_year else N_("summary.previous_none"),
                                lang, period=previous.label(lang))
    else:
        worse = sum(c.worse for c in changes)
        better = sum(not c.worse and c.direction != "same" for c in changes)
        previous_text = gettext(N_("summary.previous.year") if whole_year else N_("summary.previous"),
                                lang, period=previous.label(lang),
                                better=ngettext("summary.better.one", "summary.better.other", better, lang),
                                worse=gettext("summary.worse", lang, n=worse))
    return {
        "heading": gettext("summary", lang), "cards": cards,
        "total": ngettext("summary.total.one", "summary.total.other", len(review.observations), lang),
        "previous": previous_text, "rebased": rebased_text(review, lang),
        "overview": review.notes.text(review.notes.overview, lang),
        "progress": _progress_table(review, lang),
    }


def rebased_text(review: Review, lang: str = "vi") -> str:
    """What the page says, once, about earlier periods built from the unit's predecessors (a merged
    commune's last year): from which units, how, and what could not be compared with last year.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> rebased_text(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))  # a unit that always existed
    ''
    """
    if not review.rebased:
        return ""
    sentences = []
    built: dict[tuple, list] = {}
    for rebased in review.rebased:
        if rebased.parts and rebased.reason is None:
            built.setdefault((rebased.parts, rebased.effective), []).append(rebased)
    for (parts, effective), periods in built.items():
        names = [review.units[slug].name(lang) if slug in review.units else slug for slug, _ in parts]
        names = [name if share == 1 else gettext("rebase.part", lang, unit=name,
                                                 share=format_percent(100 * share, lang, 0 if share * 100 == int(share * 100) else 1))
                 for name, (_, share) in zip(names, parts)]
        every = len(built) == 1 and len(periods) == len(review.rebased)  # no earlier period left out
        when = (gettext("rebase.before", lang, day=written_date(dt.date.fromisoformat(effective), lang))
                if effective and every else join_and([parse_period(r.period).label(lang) for r in periods], lang))
        one_whole = len(parts) == 1 and parts[0][1] == 1
        sentences.append(gettext(N_("rebase.carried_from") if one_whole else N_("rebase.built_from"), lang,
                                 unit=review.unit.name(lang), periods=when, units=join_and(names, lang)))
    previous = review.period.same_period_last_year()
    # "cùng kỳ 06 tháng cuối năm 2024", but a year is compared with last year ("năm 2025")
    period = previous.label(lang) if previous.kind == "year" else gettext("rebase.same_period", lang,
                                                                        period=previous.label(lang))
    for rebased in review.rebased:
        if rebased.period != previous.slug:
            continue
        if rebased.reason is not None:
            sentences.append(gettext("rebase.period_not_comparable", lang, period=period,
                                     reason=_named(rebased.reason, review, lang).rstrip(".")))
            continue
        for code in review.observations["indicator"]:
            reason = rebased.why_not(code)
            if reason is not None:
                sentences.append(gettext("rebase.indicator_not_comparable", lang, period=period,
                                         indicator=review.catalog[code].name(lang) if code in review.catalog else code,
                                         reason=_named(reason, review, lang).rstrip(".")))
    return " ".join(sentences)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DAYS = re.compile(r"\d{4}-\d{2}-\d{2}( – \d{4}-\d{2}-\d{2})?")


def _named(reason: Message, review: Review, lang: str) -> str:
    """A reason in ``lang`` with the units it names by slug ("thuong-phuoc-1", "a, b") called by their names."""
    def name(value: Any) -> Any:
        slugs = str(value).split(", ") if isinstance(value, str) else []
        if slugs and all(slug in review.units for slug in slugs):
            return join_and([review.units[slug].name(lang) for slug in slugs], lang)
        if isinstance(value, str) and _ISO_DAYS.fullmatch(value):  # "2025-07-01", "2025-01-01 – 2025-12-31"
            return _ISO_DAY.sub(lambda day: written_date(dt.date.fromisoformat(day.group(0)), lang), value)
        return value
    return Message(reason.msgid, {key: name(value) for key, value in reason.params.items()}).text(lang)


def _progress_table(review: Review, lang: str) -> dict:
    rows = []
    for plan in review.progress.itertuples():
        indicator = review.catalog[plan.indicator]
        percent = indicator.kind == "ratio"

        def shown(value: float, period: str) -> str:
            if value != value:  # NaN: no measured value
                return "—"
            measured = review.history[(review.history["indicator"] == plan.indicator)
                                      & (review.history["period"] == period)]
            if indicator.kind == "rank":
                number = rank_text(value, None, lang)
            elif not measured.empty:  # as the period's page writes it: counts alone where no rate was given
                number = Figure.of(measured.iloc[0]).value_text(lang)
            else:
                number = format_quantity(Quantity(value, percent, None, 2), lang)
            return f"{number} ({parse_period(period).short_label(lang)})"

        rows.append({"name": indicator.name(lang), "base": shown(plan.first_value, plan.first_period),
                     "latest": shown(plan.latest_value, plan.latest_period),
                     "target": plan_target_text(plan, indicator.kind, lang, review.unit_names(lang)),
                     "status": plan.status, "status_text": gettext(PROGRESS_LABELS[plan.status], lang)})
    return {"heading": gettext("progress", lang), "rows": rows, "note": gettext("progress.note", lang),
            "columns": [gettext(c, lang) for c in (N_("col.indicator"), N_("col.base"), N_("col.latest"), N_("col.plan_target"), N_("col.progress"))]}


def pillars_in_review(review: Review) -> list[str]:
    """The keys of the achievements' sections the page shows, in its order: the pillars with indicators
    or analyst's items, and the sections ``review.yml`` adds (``section-<id>``) before or after them.

    Every function that takes a pillar (:func:`pillar_section`, :func:`~dxanalysis.write.narrative.pillar_paragraph`,
    the charts) takes these keys too; :func:`~dxanalysis.write.outline.achievement_sections` gives the sections.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> pillars_in_review(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))
    ['digital_government', 'digital_economy', 'digital_society']
    """
    return [s.key for s in achievement_sections(review)]


def result_text(row: pd.Series, lang: str) -> str:
    """A table cell's result: ``9.475/15.684 hồ sơ (60,41%)``, ``16 hộ`` or ``dưới 100%``."""
    return Figure.of(row).text(lang)


def appendix_findings(review: Review) -> list[Finding]:
    """The review's findings in the appendix's order (errors, warnings, then information).

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> severities = [f.severity for f in appendix_findings(load_review("hong-ngu", "2022-H2", EXAMPLE_DATA_DIR))]
    >>> severities[0], severities[-1], severities == sorted(severities, key=SEVERITIES.index)
    ('warning', 'info', True)
    """
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(review.findings, key=lambda f: order[f.severity])


def finding_anchor(number: int) -> str:
    """The id of the appendix's ``number``-th finding (1-based), which markers next to figures link to.

    >>> finding_anchor(3)
    'finding-3'
    """
    return f"finding-{number}"


def _figure_marks(findings: list[Finding], row: Any, lang: str) -> list[dict]:
    """Links to the appendix's warnings (``findings``, in its order) about ``row``'s figure (a sum that
    does not add up, a stated rate that disagrees with its counts): the doubt is shown where the figure is."""
    folder = Path(str(row.path)).parent
    return [{"id": finding_anchor(n), "title": gettext("finding.marker", lang, n=n)}
            for n, f in enumerate(findings, 1)
            if f.severity == "warning" and f.indicator == row.indicator and f.path
            and Path(str(f.path)).parent == folder]


def note_numbers(review: Review) -> dict[str, int]:
    """The footnote number of each indicator whose row has a note (``Ghi chú``), in the page's order;
    rows with the same notes share one number.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> note_numbers(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))
    {'econ.ecommerce_outreach_households': 1, 'gov.digital_signature_rate': 2}
    """
    numbers: dict[str, int] = {}
    texts = _page_notes(review)
    for section in achievement_sections(review):
        for row in section_rows(review, section).itertuples():
            if figure_notes(row):
                numbers[row.indicator] = texts[tuple(figure_notes(row))]
    return numbers


def _page_notes(review: Review) -> dict[tuple[str, ...], int]:
    # each distinct note of the unit's own figures, numbered in the page's order
    numbers: dict[tuple[str, ...], int] = {}
    for section in achievement_sections(review):
        for row in section_rows(review, section).itertuples():
            if figure_notes(row):
                numbers.setdefault(tuple(figure_notes(row)), len(numbers) + 1)
    return numbers


# What the page adds about a figure the source gave incompletely (check.clean's remark codes).
REMARKS = {"no_denominator": N_("remark.no_denominator"), "trailing_mark": N_("remark.trailing_mark")}


def figure_notes(row: Any, lang: str = "vi") -> list[str]:
    """What the page says under a figure: the analyst's ``Ghi chú`` as typed, then the remarks on how
    the source gave it (a rate without its denominator, a list cut short with ``...``).

    >>> import pandas as pd
    >>> figure_notes(pd.Series({"note": "Số liệu của Bưu điện", "remarks": "no_denominator"}))
    ['Số liệu của Bưu điện', 'Báo cáo không nêu mẫu số; tỷ lệ ghi theo báo cáo.']
    """
    note = str(getattr(row, "note", "") or "").strip()
    remarks = [gettext(REMARKS[code], lang) for code in str(getattr(row, "remarks", "") or "").split("|") if code]
    return ([note] if note else []) + remarks


def status_text(row: Any, lang: str = "vi") -> str:
    """A row's status in words; a status the committee stated (its target in words) says so.

    >>> import pandas as pd
    >>> status_text(pd.Series({"status": "met", "assessment": "met", "target_kind": "reference"}))
    'Đạt chỉ tiêu (theo đánh giá trong báo cáo)'
    """
    label = gettext(STATUS_LABELS[row.status], lang)
    return gettext("status.stated", lang, status=label) if stated_by_committee(row) else label


def shown_source(row: Any, lang: str = "vi") -> str:
    """A figure's source as the page names it: its ``Nguồn`` as typed, or, for a figure computed from a
    dossier register, the register's file in words (its rows and hash are in the provenance).

    >>> import pandas as pd
    >>> shown_source(pd.Series({"source": "Báo cáo 12/BC-UBND", "path": "a/indicators.csv"}))
    'Báo cáo 12/BC-UBND'
    >>> shown_source(pd.Series({"source": REGISTER_SOURCE + " 7 rows", "path": "data/raw/x/2022-H2/register.csv"}))
    'tính từ sổ theo dõi hồ sơ register.csv'
    """
    source = str(row.get("source", "") or "").strip()
    if source.startswith(REGISTER_SOURCE):
        return gettext("source.register", lang, file=Path(str(row.get("path", ""))).name)
    return source


def form_source(row: Any, lang: str = "vi") -> str:
    """Where a figure from a returned form was given: the body, the file and the cells; ``""`` for a
    figure that came from no form.

    >>> import pandas as pd
    >>> form_source(pd.Series({"body": "Phòng Văn hóa và Thông tin", "path": "data/raw/x/2023-H1/forms/vh.xlsx",
    ...                        "sheet": "Biểu mẫu", "cell": "I7"}))
    'Phòng Văn hóa và Thông tin (biểu mẫu vh.xlsx, ô Biểu mẫu!I7)'
    >>> form_source(pd.Series({"body": "", "path": "indicators.csv"}))
    ''
    """
    body = str(row.get("body", "") or "").strip()
    if not body:
        return ""
    sheet, cell = str(row.get("sheet", "") or ""), str(row.get("cell", "") or "")
    where = "!".join((sheet, cell)) if sheet else cell
    return gettext("source.form", lang, body=body, file=Path(str(row.get("path", ""))).name, cell=where)


def _provenance_source(row: Any, lang: str) -> str:
    """A figure's line in the appendix: a form's figure with its body, file and cell, else its source."""
    source = form_source(row, lang)
    return gettext("source.of", lang, source=source, names=table_name(row, lang)) if source \
        else shown_source(row, lang)


def figure_sources(rows: pd.DataFrame, lang: str = "vi") -> list[str]:
    """Where a table's figures come from (their ``Nguồn``, as typed): one line per source, naming the
    indicators it gives when the table has several sources.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"source": ["Báo cáo 12/BC-UBND", "Báo cáo 12/BC-UBND", "Sở TT&TT"],
    ...     "indicator": ["a", "b", "c"], "name_typed": ["A", "B", "C"], "name_vi": ["A", "B", "C"],
    ...     "name_en": ["A", "B", "C"]})
    >>> figure_sources(rows.iloc[:2]), figure_sources(rows)
    (['Báo cáo 12/BC-UBND'], ['Báo cáo 12/BC-UBND (A và B)', 'Sở TT&TT (C)'])
    """
    by_source: dict[str, list[str]] = {}
    for _, row in rows.iterrows():
        source = shown_source(row, lang)
        if source:
            by_source.setdefault(source, []).append(table_name(row, lang))
    if len(by_source) == 1 and sum(map(len, by_source.values())) == len(rows):
        return list(by_source)  # one source for every figure of the table
    return [gettext("source.of", lang, source=source, names=join_and(names, lang))
            for source, names in by_source.items()]


def _note_entries(row: Any, lang: str) -> list[dict]:
    # the typed note is the analyst's Vietnamese; the remarks are in the page's language
    typed = bool(str(row.get("note", "") or "").strip())
    return [{"text": text, "lang": "vi" if i == 0 and typed else lang} for i, text in enumerate(figure_notes(row, lang))]


def _indicator_rows(review: Review, rows: pd.DataFrame, lang: str) -> list[dict]:
    out = []
    numbers = note_numbers(review)
    findings = appendix_findings(review)  # in the appendix's order, which the marks' numbers follow
    for _, row in rows.iterrows():
        before = review.previous_observation(row.indicator)
        change = review_change(review, row, lang)
        sign = {"up": "+", "down": "−", "same": "±"}.get(change.direction, "") if change else ""
        other_plan = before is not None and not same_plan(row, before)
        not_comparable = before is None and review.not_comparable(
            row.indicator, review.period.same_period_last_year().slug) is not None
        out.append({"name": table_name(row, lang), "result": result_text(row, lang),
                    "previous": result_text(before, lang) if before is not None
                    else gettext("rebase.not_comparable", lang) if not_comparable else "—",
                    "change": gettext("change.other_plan", lang) if other_plan
                    else f"{sign}{change.amount}" if change and change.amount else ("0" if change else "—"),
                    "target": format_target(row, lang) or "—", "status": row.status,
                    "status_text": status_text(row, lang),
                    "note": numbers.get(row.indicator), "entries": _note_entries(row, lang),
                    "marks": _figure_marks(findings, row, lang)})
    return out


ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI")


def part_numbers(review: Review) -> dict[str, str]:
    """The numeral of each part the page shows ("I", "II", …): a part with nothing to say is left out.

    The committee's page has no "no commitments" section: when the notes give
    none, the part is not there, and the parts after it move up.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> part_numbers(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))
    {'achievements': 'I', 'commitments': 'II', 'shortcomings': 'III', 'tasks': 'IV'}
    >>> part_numbers(load_review("thuong-phuoc-1", "2021-H1", EXAMPLE_DATA_DIR))
    {'achievements': 'I', 'shortcomings': 'II'}
    """
    present = ["achievements"]
    if review.notes.commitments:
        present.append("commitments")
    if shortcoming_items(review):
        present.append("shortcomings")
    if review.notes.tasks:
        present.append("tasks")
    return dict(zip(present, ROMAN_NUMERALS))


def achievements_heading(lang: str = "vi", number: str = "I") -> Html:
    """The heading of the achievements part ("I. Kết quả đạt được")."""
    return _macro("achievements_heading", lang=lang, context={"heading": achievements_heading_text(lang, number)})


def achievements_heading_text(lang: str = "vi", number: str = "I") -> str:
    """The words of the achievements part's heading.

    >>> achievements_heading_text("en", "I")
    'I. Achievements'
    """
    return gettext("achievements", lang, number=number)


def pillar_section(review: Review, section: str | PageSection, lang: str = "vi") -> Html:
    """One section of the achievements — a pillar, or a section the analyst adds in ``review.yml`` (by its
    key ``section-<id>``, or a :class:`~dxanalysis.write.outline.PageSection`): the generated paragraph,
    its charts and its table, numbered in the page's order."""
    context = pillar_context(review, section, lang)
    section = find_section(review, section)
    context["chart"] = pillar_chart_html(review, section, lang, context["number"])
    context["trend"] = trend_chart_html(review, section, lang, context["number"])
    return _macro("pillar", lang=lang, context=context)


def pillar_context(review: Review, section: str | PageSection, lang: str = "vi") -> dict[str, Any]:
    """One section of the achievements as plain values: its number, heading, generated paragraph and
    table (without its charts, which the page embeds as SVG and the Word document as PNG).

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> context = pillar_context(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR), "digital_society")
    >>> context["number"], context["heading"], len(context["table"]["rows"])
    (3, '(3) Về xã hội số', 1)
    """
    section = find_section(review, section)
    present = pillars_in_review(review)
    number = present.index(section.key) + 1 if section.key in present else 1
    rows = section_rows(review, section)
    name = section.title(lang)
    # last year's column, also when last year is the predecessors' and could not be combined: it says so
    with_previous = not review.previous.empty or any(r.period == review.period.same_period_last_year().slug
                                                     for r in review.rebased)
    columns = [gettext(c, lang) for c in (N_("col.indicator"), N_("col.result"), N_("col.target"), N_("col.status"))]
    if with_previous:
        previous = review.period.same_period_last_year()
        columns += [gettext(N_("col.previous.year") if previous.kind == "year" else N_("col.previous"), lang,
                            year=previous.year), gettext("col.change", lang)]
    table_rows = _indicator_rows(review, rows, lang)
    return {
        "id": section.anchor, "number": number,
        "heading": section.heading(lang, number),
        # an analyst's title the English page shows in Vietnamese (review.yml gives no en) says so
        "heading_lang": section.title_lang(lang) if section.title_lang(lang) != lang else "",
        "paragraph": pillar_paragraph(review, section, lang),
        "empty": gettext(_without_achievement(rows, bool(section.pillar)), lang),
        "fields": _register_fields_table(review, lang) if section.pillar == "digital_government" else {"rows": []},
        "table": {"caption": name, "rows": table_rows, "columns": columns,
                  "notes": list({r["note"]: {"number": r["note"], "entries": r["entries"]}
                                 for r in table_rows if r["note"]}.values()),
                  "sources": figure_sources(rows, lang), "sources_heading": gettext("source.heading", lang),
                  "with_previous": with_previous, "notes_heading": gettext("notes.heading", lang),
                  "note_title": gettext("notes.marker", lang)},
    }


def _without_achievement(rows: pd.DataFrame, pillar: bool) -> str:
    """What a section says when no figure of it is an achievement: only what its statuses show.

    >>> import pandas as pd
    >>> [_without_achievement(pd.DataFrame({"status": s}), True) for s in ([], ["not_met"], ["no_data"], ["not_met", "no_data"])]
    ['pillar.none', 'pillar.none_met', 'pillar.no_data', 'pillar.see_table']
    """
    statuses = set(rows["status"])
    if not statuses:
        return N_("pillar.none")
    if statuses == {"not_met"}:
        return N_("pillar.none_met") if pillar else N_("section.none_met")
    if statuses == {"no_data"}:
        return N_("pillar.no_data") if pillar else N_("section.no_data")
    return N_("pillar.see_table") if pillar else N_("section.see_table")


def _register_fields_table(review: Review, lang: str) -> dict:
    """The register's figures per field (lĩnh vực), largest first."""
    fields = review.register_fields
    if fields.empty:
        return {"rows": []}
    wide = fields.pivot_table(index="field", columns="indicator", values=["numerator", "denominator", "value"],
                              aggfunc="first", dropna=False)

    def cell(field_name: str, code: str, percent: bool) -> str:
        try:
            value = wide.loc[field_name, ("value", code)]
        except KeyError:
            return "—"
        if value != value:  # NaN: no denominator in this field
            return "—"
        if not percent:
            return Figure(value=Quantity(float(value))).text(lang)
        numerator, denominator = wide.loc[field_name, ("numerator", code)], wide.loc[field_name, ("denominator", code)]
        return Figure(float(numerator), float(denominator), Quantity(float(value), True, None, 2)).text(lang)

    order = fields[fields["indicator"] == "gov.dossiers_received"].sort_values("value", ascending=False)["field"]
    rows = [{"field": name, "cells": [cell(name, "gov.dossiers_received", False),
                                      cell(name, "gov.online_dossier_rate", True),
                                      cell(name, "gov.ontime_dossier_rate", True),
                                      cell(name, "gov.online_services_with_dossiers_rate", True)]}
            for name in order]
    return {"heading": gettext("register.fields", lang), "rows": rows,
            "columns": [gettext(c, lang) for c in (N_("col.field"), N_("col.received"), N_("col.online_rate"), N_("col.ontime_rate"), N_("col.services_rate"))]}


def children_section(review: Review, lang: str = "vi") -> Html:
    """The child units (communes) side by side: a table of every indicator, and ranking charts."""
    context = children_context(review, lang)
    if context is None:
        return Html("")
    return _macro("children", lang=lang, context={**context, "chart": children_chart_html(review, lang)})


def children_context(review: Review, lang: str = "vi") -> dict[str, Any] | None:
    """The child units' table as plain values (``None`` when the unit has none below it); its chart apart.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> context = children_context(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))
    >>> context["unit_column"], len(context["rows"]) > 1
    ('Đơn vị', True)
    """
    children = review.children
    if children.empty:
        return None
    codes = list(dict.fromkeys(children["indicator"]))
    rows = []
    numbers = _page_notes(review)  # the communes' notes share the district's numbers, new ones follow
    notes: dict[int, dict] = {}
    for unit in sorted(children["unit"].unique(),
                       key=lambda u: collation_key(review.units[u].name(lang) if u in review.units else u)):
        cells = []
        for code in codes:
            match = children[(children["unit"] == unit) & (children["indicator"] == code)]
            row = match.iloc[0] if not match.empty else None
            if row is None:
                cells.append({"status": ""})
                continue
            entries = _note_entries(row, lang)
            number = numbers.setdefault(tuple(figure_notes(row)), len(numbers) + 1) if entries else None
            if number is not None:
                notes.setdefault(number, {"number": number, "entries": entries})
            cells.append({"value": format_value(row, lang), "status": row.status,
                          "status_text": gettext(STATUS_LABELS[row.status], lang), "note": number})
        rows.append({"name": review.units[unit].name(lang) if unit in review.units else unit, "cells": cells})
    names = [review.catalog[c].name(lang) for c in codes]
    level = levels_name({review.units[u].level if u in review.units else "" for u in children["unit"]}, lang)
    return {
        "heading": gettext("children", lang, n=len(achievement_sections(review)) + 1, level=level),
        "unit_column": gettext("col.unit", lang), "columns": names, "rows": rows,
        "notes_heading": gettext("notes.heading", lang), "note_title": gettext("notes.marker", lang),
        "notes": sorted(notes.values(), key=lambda note: note["number"]),
    }


def achievements_section(review: Review, lang: str = "vi") -> Html:
    """Every section of the achievements (the pillars and the analyst's own, in page order) under its heading."""
    parts = [achievements_heading(lang, part_numbers(review)["achievements"])]
    parts += [pillar_section(review, s, lang) for s in achievement_sections(review)]
    parts.append(children_section(review, lang))
    return Html("\n".join(p for p in parts if p))


def _commitment_row(review: Review, commitment: Any, lang: str) -> dict:
    row = review.observation(commitment.indicator) if commitment.indicator else None
    if row is not None and pd.notna(row.value):
        result = result_text(row, lang)
        status = row.status
        if commitment.target:
            target = parse_quantity(commitment.target)
            status = status_of(row.value, row.value_qualifier, target.value, target.qualifier, row.better)
            result = gettext("commitment.target", lang, result=result, target=format_quantity(target, lang))
        status_text = gettext(STATUS_LABELS[status], lang)
    else:
        status = "no_data"
        result = "—"
        status_text = review.notes.text(commitment.status, lang) or gettext("status.no_data", lang)
    area = review.notes.text(commitment.area, lang)
    return {"area": area, "area_label": gettext("commitment.area", lang, area=area),
            "text": review.notes.text(commitment.text, lang), "result": result, "status": status,
            "status_text": status_text}


def commitments_section(review: Review, lang: str = "vi") -> Html:
    """Commitments to the level above, each with its status from the data where it has an indicator.

    Left out when the notes give none. A district's are to the province, a commune's to the district;
    a unit with no parent in the registry gets no addressee the data does not name.
    """
    context = commitments_context(review, lang)
    return _macro("commitments", lang=lang, context=context) if context else Html("")


def commitments_context(review: Review, lang: str = "vi") -> dict[str, Any] | None:
    """The commitments' heading, rows and columns as plain values; ``None`` when the notes give none.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> commitments_context(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))["rows"][1]["area"]
    'Y tế'
    """
    number = part_numbers(review).get("commitments")
    if number is None:
        return None
    parent = review.units.get(review.unit.parent)
    if parent and parent.level in COMMITTEES:
        heading = gettext("commitments", lang, number=number, province=gettext(COMMITTEES[parent.level], lang))
    else:
        heading = gettext("commitments.untargeted", lang, number=number)
    return {
        "heading": heading,
        "rows": [_commitment_row(review, c, lang) for c in review.notes.commitments],
        "columns": [gettext(c, lang) for c in (N_("col.area"), N_("col.commitment"), N_("col.result"), N_("col.status"))],
    }


def shortcomings_section(review: Review, lang: str = "vi") -> Html:
    """Every indicator below target or worse than last year, merged with the analyst's reasons."""
    # One sentence per item, ending in one full stop; no attribution the committee did not write
    # (an unverified claim is a finding in the appendix, not words added to the committee's).
    context = shortcomings_context(review, lang)
    return _macro("shortcomings", lang=lang, context=context) if context else Html("")


def shortcomings_context(review: Review, lang: str = "vi") -> dict[str, Any] | None:
    """The shortcomings' heading and sentences (``entries``, each without its full stop); ``None`` when
    none were found and none written.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> shortcomings_context(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))["heading"]
    'III. Tồn tại, hạn chế'
    """
    number = part_numbers(review).get("shortcomings")
    if number is None:
        return None  # none found and none written: the page says nothing, it claims no absence
    sentences = [", ".join(part.rstrip(" .;") for part in (item.text, item.reason) if part)
                 for item in shortcoming_items(review, lang)]
    return {"heading": gettext("shortcomings", lang, number=number), "entries": sentences}


ASSIGNING_VERBS = ("giao", "yêu cầu")  # the committee's own assignments (read.notes.TASK_VERBS)


def tasks_section(review: Review, lang: str = "vi") -> Html:
    """The tasks the committee assigns: a sentence each, and a table (left out when it assigns none)."""
    context = tasks_context(review, lang)
    return _macro("tasks", lang=lang, context=context) if context else Html("")


def tasks_context(review: Review, lang: str = "vi") -> dict[str, Any] | None:
    """The tasks' heading, sentences and table rows as plain values; ``None`` when the committee assigns none.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.assess.review import load_review
    >>> tasks_context(load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR))["rows"][0]["lead"]
    'Phòng Văn hóa và Thông tin (Phó trưởng ban)'
    """
    number = part_numbers(review).get("tasks")
    if number is None:
        return None
    text = review.notes.text
    rows = [{"sentence": task_sentence(t, lang, review.notes), "lead": text(t.lead, lang),
             "coordinating": join_and([text(c, lang) for c in t.coordinating], lang) or "—",
             "content": text(t.content, lang), "deadline": text(t.deadline, lang)}
            for t in review.notes.tasks]
    # "Nhiệm vụ được giao" and "Chủ trì" only when the committee assigns every one of them; requests,
    # recommendations and a higher level's pledges are not assignments
    assigned = all(t.verb in ASSIGNING_VERBS for t in review.notes.tasks)
    heading, lead = (N_("tasks"), N_("col.lead")) if assigned else (N_("tasks.mixed"), N_("col.addressee"))
    return {
        "heading": gettext(heading, lang, number=number), "rows": rows,
        "columns": [gettext(c, lang) for c in (lead, N_("col.coordinating"), N_("col.content"), N_("col.deadline"))],
    }


def appendix_section(review: Review, provenance: Provenance, lang: str = "vi") -> Html:
    """Data-quality findings and provenance (inputs with SHA-256, parameters, version, time)."""
    return _macro("appendix", lang=lang, context=appendix_context(review, provenance, lang))


def appendix_context(review: Review, provenance: Provenance, lang: str = "vi") -> dict[str, Any]:
    """The appendix as plain values: the findings, who has sent their forms, the sources, the files read
    with their SHA-256, the parameters and the footer."""
    findings = [
        {"id": finding_anchor(n), "severity": f.severity, "severity_text": gettext(SEVERITY_LABELS[f.severity], lang),
         "where": f.where(provenance.shown_path(f.path), lang, with_column=False),
         "column": f.column or "", "indicator": f.indicator or "",
         "message": f.message(lang), "hint": f.hint(lang)}
        for n, f in enumerate(appendix_findings(review), 1)
    ]
    time = written_time(provenance.generated_at, lang)
    parameters = [*provenance.parameters.items(), (gettext("provenance.version", lang), provenance.version),
                  (gettext("provenance.generated", lang), time)]
    return {
        "heading": gettext("appendix", lang), "quality_heading": gettext("appendix.quality", lang),
        "quality_none": gettext("appendix.quality.none", lang), "findings": findings,
        "finding_columns": [gettext(c, lang) for c in (N_("col.severity"), N_("col.where"), N_("col.problem"), N_("col.fix"))],
        "column_word": gettext("appendix.column_word", lang),
        "provenance_heading": gettext("appendix.provenance", lang),
        "files": [{"path": f.path, "sha256": f.sha256} for f in provenance.inputs],
        "sources_heading": gettext("appendix.sources", lang),
        "sources": list(dict.fromkeys(s for s in [review.notes.source, *(_provenance_source(row, lang) for _, row
                                                                          in review.observations.iterrows())] if s)),
        "file_columns": [gettext("col.file", lang), gettext("col.sha256", lang)],
        "parameters": parameters,
        "parameter_columns": [gettext("col.parameter", lang), gettext("col.value", lang)],
        "footer": gettext("provenance.footer", lang, version=provenance.version, time=time),
        **_collection_context(review, lang),
    }


def _collection_context(review: Review, lang: str) -> dict:
    """While the period's forms are not all in: who has sent, who has not ("Chưa báo cáo"), what is blank."""
    from dxanalysis.assess.collection import STATES

    status = review.collection
    if status is None or status.complete:
        return {"collection": []}
    rows = [{"body": b.body, "state": b.state, "state_text": gettext(STATES[b.state], lang),
             "files": ", ".join(b.files),
             "blank": "; ".join(review.catalog[c].name(lang) for c in b.blank)} for b in status.bodies]
    done = sum(b.state == "sent" and not b.blank for b in status.bodies)
    return {"collection": rows, "collection_heading": gettext("appendix.collection", lang),
            "collection_summary": gettext("appendix.collection.summary", lang, done=done, total=len(status.bodies)),
            "collection_unreadable": [gettext("appendix.collection.unreadable", lang, file=name)
                                      for name, _ in status.unreadable],
            "collection_columns": [gettext(c, lang) for c in (N_("col.body"), N_("col.state"), N_("col.files"),
                                                               N_("col.blank"))]}


__all__ = [
    "Html", "review_title", "header_section", "summary_section", "achievements_section", "pillar_section",
    "commitments_section", "shortcomings_section", "tasks_section", "appendix_section", "children_section",
    "pillars_in_review", "achievement_sections", "ACHIEVED",
]
