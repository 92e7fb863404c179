"""The review's sentences, generated from the data with Jinja2 templates.

Each figure or status in the text comes from an observation; the wording
lives in the catalogs (``sentence.*`` messages: Vietnamese as the seed
writes it, and English) and ``templates/text/sentences.j2`` picks which
sentence to say. This module prepares the formatted values (through
:mod:`dxanalysis.figures`) and composes the sections' sentences.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> from dxanalysis.assess.review import load_review
>>> review = load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)
>>> achievement_sentence(review.observation("gov.online_dossier_rate"), "vi")
'tỷ lệ hồ sơ TTHC xử lý trực tuyến là 9.475/15.684 hồ sơ, đạt 60,41% (chỉ tiêu giao là 50%)'
>>> achievement_sentence(review.observation("gov.online_dossier_rate"), "en")
'share of administrative-procedure dossiers processed online: 9,475/15,684 dossiers, 60.41% (target 50%)'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from dxanalysis.assess.compare import comparable, is_worse, same_plan
from dxanalysis.assess.status import ACHIEVED, stated_by_committee
from dxanalysis.figures import Figure, missing, printed_value, target_text, unit_for
from dxanalysis.i18n import N_, check_lang, gettext, ngettext
from dxanalysis.exceptions import InputValueError
from dxanalysis.numerals import as_qualifier, format_number
from dxanalysis.periods import parse_period
from dxanalysis.read.notes import Task
from dxanalysis.write.outline import PageSection, find_section, section_rows
from dxanalysis.write.templating import environment, join_and

if TYPE_CHECKING:  # pragma: no cover
    from dxanalysis.assess.review import Review
    from dxanalysis.read.notes import ReviewNotes


# Administrative levels as the unit registry types them; a level not listed is shown as typed.
LEVELS = {"tỉnh": N_("level.tỉnh"), "huyện": N_("level.huyện"), "thị xã": N_("level.thị xã"),
          "thành phố": N_("level.thành phố"), "xã": N_("level.xã"), "phường": N_("level.phường"),
          "thị trấn": N_("level.thị trấn")}
# The same levels as a group ("các xã" in Vietnamese, "the communes" in English); a level not listed,
# or units of several levels, are "units".
LEVELS_PLURAL = {"tỉnh": N_("levels.tỉnh"), "huyện": N_("levels.huyện"), "thị xã": N_("levels.thị xã"),
                 "thành phố": N_("levels.thành phố"), "xã": N_("levels.xã"), "phường": N_("levels.phường"),
                 "thị trấn": N_("levels.thị trấn"), "": N_("levels.units")}
# Which column holds an indicator's name in each language (data, not words).
NAME_COLUMNS = {"vi": "name_vi", "en": "name_en"}


def levels_name(levels: set[str] | list[str], lang: str = "vi") -> str:
    """The name of a group of units of ``levels`` in ``lang``: English has a plural; units of several
    levels (or of one the catalogs do not name) are "units".

    >>> levels_name({"xã"}, "en"), levels_name({"xã"}, "vi"), levels_name({"xã", "phường"}, "en")
    ('communes', 'xã', 'units')
    """
    distinct = set(levels)
    level = distinct.pop() if len(distinct) == 1 else ""
    return gettext(LEVELS_PLURAL.get(level, LEVELS_PLURAL[""]), lang)


def level_name(level: str, lang: str = "vi") -> str:
    """A unit level (``huyện``) in ``lang``.

    >>> level_name("huyện", "en"), level_name("huyện", "vi"), level_name("ấp", "en")
    ('district', 'huyện', 'ấp')
    """
    return gettext(LEVELS[level], lang) if level in LEVELS else level


def indicator_name(row: Any, lang: str = "vi") -> str:
    """An observation row's indicator name in ``lang``, from the catalog's name columns.

    >>> indicator_name(pd.Series({"name_vi": "Tỷ lệ", "name_en": "Rate"}), "en")
    'Rate'
    """
    return getattr(row, NAME_COLUMNS[check_lang(lang)])


@lru_cache(maxsize=None)
def _macros(lang: str) -> Any:
    return environment(lang).get_template("text/sentences.j2").module


def _lower_first(text: str) -> str:
    # "Tỷ lệ hồ sơ" -> "tỷ lệ hồ sơ" inside a sentence, but "TTHC …" stays.
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def capitalize_first(text: str) -> str:
    """Upper-case the first letter only (``tỷ lệ TTHC`` → ``Tỷ lệ TTHC``).

    >>> capitalize_first("tỷ lệ hồ sơ TTHC")
    'Tỷ lệ hồ sơ TTHC'
    """
    return text[:1].upper() + text[1:]


_missing = missing


@dataclass(frozen=True)
class ObservationView:
    """An observation's figures formatted for one language."""

    name: str
    kind: str
    counts: bool
    numerator: str
    denominator: str
    unit: str
    value: str
    exact: bool
    target: str
    status: str
    figure: str = ""
    count_without_whole: bool = False  # "12.345 hồ sơ, đạt 58,12%": the whole was not given
    rate_shown: bool = True  # False: "10/21 trường", the rate the source did not state left out
    target_in_words: bool = False  # "theo kế hoạch", "không có xã nào dưới 45%": written as typed


def format_value(row: pd.Series, lang: str) -> str:
    """The observation's value as a report shows it (``60,41%``, ``dưới 100%``, ``16``)."""
    return Figure.of(row).value_text(lang)


def format_target(row: pd.Series, lang: str) -> str:
    """The observation's target as a report shows it (``50%``, ``80% trở lên``), or ``""``."""
    return target_text(row, lang)


def observation_view(row: pd.Series, lang: str) -> ObservationView:
    """Format one assessed observation's figures for the templates."""
    figure = Figure.of(row)
    return ObservationView(
        name=_lower_first(indicator_name(row, lang)),
        kind=row.kind, counts=figure.counts, count_without_whole=figure.count_without_whole,
        numerator=figure.numerator_text(lang) or (format_number(figure.numerator, lang)
                                                 if figure.numerator is not None else ""), denominator=figure.denominator_text(lang),
        unit=unit_for(figure.denominator if figure.counts else figure.numerator, figure.unit(lang), lang),
        value=figure.value_text(lang),
        exact=as_qualifier(row.value_qualifier) in (None, "approx") and not _missing(row.value),
        target=target_text(row, lang), status=row.status, figure=figure.text(lang),
        target_in_words=bool(row.get("target_kind", "")), rate_shown=figure.rate_shown,
    )


@dataclass(frozen=True)
class Change:
    """How a value moved since the same period last year."""

    direction: str  # "up", "down" or "same"
    amount: str  # formatted: "6,85 điểm phần trăm", "7 hộ"
    amount_value: float  # signed, in percentage points for rates
    year: int
    worse: bool
    whole_year: bool = False  # compared with last year as a whole: "so với năm 2022", not "cùng kỳ"


def _period_kind(row: pd.Series) -> str:
    try:
        return parse_period(str(row.get("period", ""))).kind
    except InputValueError:
        return ""  # a row made up without a period (a test's, a claim's): "cùng kỳ"


def change_since(row: pd.Series, before: pd.Series | None, year: int, lang: str = "vi") -> Change | None:
    """The change from ``before`` to ``row`` (percentage points for rates, units for counts, places for ranks).

    ``None`` when last year's value is missing or either value is only a bound.

    >>> rank = pd.Series({"kind": "rank", "value": 12.0, "value_qualifier": "", "value_percent": False,
    ...                   "better": "lower"})
    >>> change = change_since(rank, rank.copy().replace({12.0: 22.0}), 2022, "vi")
    >>> change_text(change, "vi"), change_text(change_since(rank, rank, 2022, "en"), "en")
    ('tăng 10 hạng so với cùng kỳ năm 2022', 'unchanged on the same period of 2022')
    >>> change_text(change_since(rank.replace({12.0: 15.0}), rank, 2022, "en"), "en")
    'down 3 places on the same period of 2022'
    """
    if before is None or _missing(row.value) or _missing(before.value) or not comparable(row, before):
        return None
    if as_qualifier(row.value_qualifier) not in (None, "approx") or as_qualifier(before.value_qualifier) not in (None, "approx"):
        return None
    whole_year = _period_kind(before) == "year"
    if row.kind == "scorecard":  # within one plan: targets gained or lost, as the printed counts show
        difference = float(row.numerator) - float(before.numerator)
    else:
        difference = printed_value(row) - printed_value(before)  # type: ignore[operator]
    if abs(difference) < 0.005:
        return Change("same", "", 0.0, year, False, whole_year)
    if row.kind == "rank":  # in places, and up is a better (lower) place: 22nd to 12th is "tăng 10 hạng"
        gained = -difference
        amount = ngettext("change.places.one", "change.places.other", int(abs(gained)), lang)
        return Change("up" if gained > 0 else "down", amount, gained, year, gained < 0, whole_year)
    unit = unit_for(round(abs(difference), 2), gettext("change.points", lang)
                    if row.value_percent and row.kind != "scorecard" else Figure.of(row).unit(lang), lang)
    amount = gettext("change.amount", lang, amount=format_number(abs(difference), lang), unit=unit).strip()
    worse = difference < 0 if row.better == "higher" else difference > 0
    return Change("up" if difference > 0 else "down", amount, difference, year, worse, whole_year)


def change_text(change: Change | None, lang: str = "vi") -> str:
    """``tăng 6,85 điểm phần trăm so với cùng kỳ năm 2021`` (or ``""``)."""
    return str(_macros(lang).change(change)) if change else ""


def achievement_sentence(row: pd.Series, lang: str = "vi", change: Change | None = None) -> str:
    """``tỷ lệ … là 9.475/15.684 hồ sơ, đạt 60,41% (chỉ tiêu giao là 50%)``, then the change if known."""
    sentence = str(_macros(lang).achievement(observation_view(row, lang)))
    return gettext("sentence.with_change", lang, sentence=sentence, change=change_text(change, lang)) \
        if change else sentence


def review_change(review: Review, row: pd.Series, lang: str = "vi") -> Change | None:
    """The change of ``row``'s indicator since the same period last year, from the review's history."""
    year = review.period.same_period_last_year().year
    return change_since(row, review.previous_observation(row.indicator), year, lang)


# The parts of a plan's scorecard as the committee words them: "trong đó 12 chỉ tiêu vượt, 08 chỉ tiêu đạt".
SCORECARD_PARTS = {"plan.targets_exceeded": N_("part.targets_exceeded"), "plan.targets_met": N_("part.targets_met"),
                   "plan.targets_not_met": N_("part.targets_not_met")}
OTHER_PART = N_("part.other")  # any other part: "<its name> là <its figure>"


def _with_scorecard_parts(review: Review, row: pd.Series, sentence: str, lang: str) -> str:
    """A scorecard's sentence followed by its parts (its ``Thuộc tổng`` rows), in their order."""
    if row.kind != "scorecard":
        return sentence
    parts = review.observations[review.observations["part_of"] == row.indicator]
    words = [gettext(SCORECARD_PARTS.get(part.indicator, OTHER_PART), lang,
                     name=_lower_first(indicator_name(part, lang)), figure=Figure.of(part).text(lang))
             for _, part in parts.iterrows() if not _missing(part.value)]
    return gettext("sentence.with_parts", lang, sentence=sentence, parts=join_and(words, lang)) if words else sentence


def pillar_paragraph(review: Review, section: str | PageSection, lang: str = "vi") -> str:
    """A section's paragraph: generated sentences for what was achieved, then the analyst's items.

    ``section`` is a pillar's code, an analyst's section (its key ``section-<id>``, see
    :mod:`dxanalysis.write.outline`) or a :class:`~dxanalysis.write.outline.PageSection`.
    """
    section = find_section(review, section)
    rows = section_rows(review, section)
    rows = rows[rows["status"].isin([*ACHIEVED, "no_target", "not_assessed"])]
    scorecards = set(rows.loc[rows["kind"].eq("scorecard"), "indicator"])
    rows = rows[~rows["part_of"].isin(scorecards)]  # said in their scorecard's sentence ("trong đó …")
    parts = [_with_scorecard_parts(review, row, achievement_sentence(row, lang, review_change(review, row, lang)),
                                   lang) for _, row in rows.iterrows()]
    parts += [_lower_first(review.notes.text(item, lang).rstrip(" .;")) for item in section.items]
    return capitalize_first("; ".join(parts)) + "." if parts else ""


@dataclass(frozen=True)
class ShortcomingItem:
    """One shortcoming: its sentence, the analyst's reason, and whether data backs it."""

    text: str
    reason: str = ""
    indicator: str = ""
    verified: bool = True


def _scope(review: Review, lang: str) -> str:
    level = review.unit.level
    return gettext("scope", lang, level=level_name(level, lang)) if level else ""


def _below_target_text(review: Review, row: pd.Series, lang: str) -> str:
    view = observation_view(row, lang)
    if row.get("target_kind") == "children":
        return capitalize_first(_threshold_missed_text(review, row, view, lang))
    if stated_by_committee(row):  # the committee's own "chưa đạt", against a target in words or none typed
        message = N_("sentence.below_target.words") if view.target else N_("sentence.below_target.assessed")
        return capitalize_first(gettext(message, lang, name=view.name, value=view.figure, target=view.target))
    macro = _macros(lang).indeterminate if row.status == "indeterminate" else _macros(lang).below_target
    text = str(macro(view) if row.status == "indeterminate" else macro(view, _scope(review, lang)))
    change = review_change(review, row, lang) if row.kind == "rank" else None
    if change is not None:  # a rank's target of places to gain is judged on last year's place: say how it moved
        text = gettext("sentence.with_change", lang, sentence=text, change=change_text(change, lang))
    return capitalize_first(text)


def _threshold_missed_text(review: Review, row: pd.Series, view: ObservationView, lang: str) -> str:
    """``… chưa đạt chỉ tiêu “không có xã nào dưới 45%”: 2 xã dưới mức này (xã A 40%; xã B 42%)``."""
    missed = review.threshold_misses.get(row.indicator, [])
    children = review.children[review.children["indicator"] == row.indicator].set_index("unit")
    items = [f"{review.units[u].name(lang) if u in review.units else u} {format_value(children.loc[u], lang)}"
             for u in missed]
    level = level_name(review.units[missed[0]].level, lang) if missed and missed[0] in review.units \
        else str(row.get("target_level", ""))
    levels = levels_name({review.units[u].level if u in review.units else "" for u in missed}, lang)
    return ngettext("sentence.threshold_missed.one", "sentence.threshold_missed.other", len(missed), lang,
                    name=view.name, target=view.target, count=len(missed), level=level, levels=levels,
                    items="; ".join(items))


def _decline_text(review: Review, code: str, lang: str) -> tuple[str, bool]:
    row = review.observation(code)
    before = review.previous_observation(code)
    verified = row is not None and before is not None and not _missing(row.value) and not _missing(before.value) \
        and same_plan(row, before)  # another plan's targets tell nothing of a fall
    if row is None:
        indicator = review.catalog[code]
        row = pd.Series({"name_vi": indicator.name_vi, "name_en": indicator.name_en, "indicator": code,
                         "kind": indicator.kind, "numerator": None, "denominator": None, "count_unit": indicator.unit_vi,
                         "count_unit_en": indicator.unit_en,
                         "value": math.nan, "value_percent": indicator.kind == "ratio", "value_decimals": 0,
                         "value_qualifier": "", "target": math.nan, "target_percent": False,
                         "target_qualifier": "", "target_decimals": 0, "status": "no_data"})
    year = review.period.same_period_last_year().year
    previous_value = format_value(before, lang) if verified else ""
    if verified and not is_worse(row, before) or verified and not comparable(row, before):
        # the data does not show a fall, or the page does not print what fell (a rate the source did not
        # state): the claim stays the committee's (see findings)
        previous_value = ""
    whole_year = review.period.kind == "year"
    # worse is higher for a count where lower is better (in-person dossiers, targets not met); a rank that
    # grows falls in places ("từ thứ 9 xuống thứ 12")
    rising = row.get("better") == "lower" and row.get("kind") != "rank"
    return capitalize_first(str(_macros(lang).decline(observation_view(row, lang), year, previous_value,
                                                      whole_year, rising))), verified


def shortcoming_items(review: Review, lang: str = "vi") -> list[ShortcomingItem]:
    """Every shortcoming: the analyst's, in their order, then each other indicator below target.

    An indicator below target that the analyst also names appears once, with
    the analyst's reason.
    """
    observations = review.observations
    below = observations[observations["status"].isin(["not_met", "indeterminate"])]
    items: list[ShortcomingItem] = []
    covered: set[str] = set()
    declined: set[str] = set()
    for note in review.notes.shortcomings:
        reason = review.notes.text(note.reason, lang)
        if note.indicator and note.claim == "decline":
            text, verified = _decline_text(review, note.indicator, lang)
            items.append(ShortcomingItem(text, reason, note.indicator, verified))
            declined.add(note.indicator)
        elif note.indicator and note.indicator in set(below["indicator"]):
            row = below[below["indicator"] == note.indicator].iloc[0]
            items.append(ShortcomingItem(_below_target_text(review, row, lang), reason, note.indicator))
            covered.add(note.indicator)
        elif note.text:
            items.append(ShortcomingItem(capitalize_first(review.notes.text(note.text, lang)), reason,
                                         note.indicator, verified=False))
        # an indicator the analyst names that the data shows on target is not a shortcoming
    for _, row in below.iterrows():
        if row.indicator not in covered:
            items.append(ShortcomingItem(_below_target_text(review, row, lang), indicator=row.indicator))
    for _, row in observations.iterrows():  # worse than last year, though the analyst did not say so
        change = review_change(review, row, lang)
        if change and change.worse and row.indicator not in declined:
            text, _ = _decline_text(review, row.indicator, lang)
            items.append(ShortcomingItem(text, indicator=row.indicator))
    items += _children_below_target(review, lang)
    return items


def _children_below_target(review: Review, lang: str) -> list[ShortcomingItem]:
    children = review.children
    if children.empty:
        return []
    items = []
    for code, rows in children.groupby("indicator", sort=False):
        below = rows[rows["status"] == "not_met"].sort_values("value")  # furthest behind first
        if below.empty or code in review.threshold_misses:  # a threshold's misses have their own sentence
            continue
        named = [f"{review.units[u].name(lang) if u in review.units else u} {format_value(r, lang)}"
                 for u, (_, r) in zip(below["unit"], below.iterrows())]
        levels = {review.units[u].level if u in review.units else "" for u in rows["unit"]}
        # "1 of 1 commune", "2 of 3 communes": the level agrees with the total
        level = level_name(levels.pop(), lang) if len(rows) == 1 and len(levels) == 1 else levels_name(levels, lang)
        name = indicator_name(rows.iloc[0], lang)
        text = str(_macros(lang).children_below(name, len(below), len(rows), level, named))
        items.append(ShortcomingItem(capitalize_first(text), indicator=str(code)))
    return items


# A task's sentence per verb (read.notes.TASK_VERBS): (without, with coordinating units). No verb
# typed, no verb said: the lead and the content only.
TASK_SENTENCES = {
    "": (N_("sentence.task.plain"), N_("sentence.task.plain.coordinating")),
    "giao": (N_("sentence.task.assign"), N_("sentence.task.assign.coordinating")),
    "đề nghị": (N_("sentence.task.request"), N_("sentence.task.request.coordinating")),
    "yêu cầu": (N_("sentence.task.require"), N_("sentence.task.require.coordinating")),
    "cam kết": (N_("sentence.task.pledge"), N_("sentence.task.pledge.coordinating")),
    "hỗ trợ": (N_("sentence.task.support"), N_("sentence.task.support.coordinating")),
    "kiến nghị": (N_("sentence.task.recommend"), N_("sentence.task.recommend.coordinating")),
}


def task_sentence(task: Task, lang: str = "vi", notes: ReviewNotes | None = None) -> str:
    """The task with its own verb (``Giao <lead> chủ trì, phối hợp với … <content>``), in ``lang``
    when ``notes`` translate it.

    >>> task_sentence(Task("Phòng Văn hóa và Thông tin", "tổng hợp báo cáo", ("các xã",), verb="đề nghị"))
    'Đề nghị Phòng Văn hóa và Thông tin phối hợp với các xã tổng hợp báo cáo.'
    >>> task_sentence(Task("Phòng Văn hóa và Thông tin", "tổng hợp báo cáo"))  # no verb typed, none said
    'Phòng Văn hóa và Thông tin: tổng hợp báo cáo.'
    """
    if notes is not None:  # the analyst's words in lang, where review.yml translates them
        task = Task(lead=notes.text(task.lead, lang), content=notes.text(task.content, lang),
                    coordinating=tuple(notes.text(c, lang) for c in task.coordinating),
                    deadline=notes.text(task.deadline, lang), verb=task.verb)
    alone, together = TASK_SENTENCES[task.verb]
    coordinating = join_and(task.coordinating, lang)
    sentence = gettext(together if coordinating else alone, lang, lead=task.lead, content=task.content,
                       coordinating=coordinating)
    if task.deadline:
        sentence = gettext("sentence.task.deadline", lang, task=sentence, deadline=task.deadline)
    return capitalize_first(sentence).rstrip(".") + "."
