"""The sections of a review's achievements, in page order, and which one shows each indicator.

The achievements part of a page has a section per pillar (:data:`~dxanalysis.read.catalog.PILLARS`)
and the sections the analyst adds in ``review.yml`` (``sections:``, before or after the pillars).
Both are a :class:`PageSection`; an indicator that an analyst's section lists is shown there and not
in its pillar. Every part of a section — its paragraph, charts, table and notes — takes its rows
from :func:`section_rows`, so each indicator is shown once, in one place.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> from dxanalysis.assess.review import load_review
>>> review = load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)
>>> [s.key for s in achievement_sections(review)]
['digital_government', 'digital_economy', 'digital_society']
>>> economy = find_section(review, "digital_economy")
>>> economy.heading("vi", 2), economy.anchor
('(2) Về kinh tế số', 'pillar-digital-economy')
>>> list(section_rows(review, economy)["indicator"])
['econ.ocop_products_on_ecommerce_rate', 'econ.ocop_households_on_ecommerce']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dxanalysis.i18n import gettext
from dxanalysis.read.catalog import PILLARS, pillar_label

if TYPE_CHECKING:  # pragma: no cover
    from dxanalysis.assess.review import Review
    from dxanalysis.read.notes import AnalystSection


@dataclass(frozen=True)
class PageSection:
    """One section of the achievements: a pillar, or a section the analyst adds in ``review.yml``.

    ``key`` is the pillar's code or the analyst's ``section-<id>``; ``items`` the analyst's sentences
    (as typed in Vietnamese: ``review.notes.text`` gives them in another language); ``indicators``
    the catalog codes an analyst's section lists, in its order (a pillar shows its indicators in the
    order of the data).

    >>> section = PageSection("section-ke-hoach", "section-ke-hoach", title_vi="Kết quả thực hiện Kế hoạch")
    >>> section.heading("vi", 5), section.heading("en", 5), section.title_lang("en")
    ('(5) Kết quả thực hiện Kế hoạch', '(5) Kết quả thực hiện Kế hoạch', 'vi')
    >>> PageSection("foundations", "pillar-foundations", pillar="foundations").heading("en", 4)
    '(4) Digital transformation foundations'
    """

    key: str
    anchor: str
    pillar: str = ""  # the pillar's code; "" for an analyst's section
    title_vi: str = ""  # an analyst's title, as typed
    title_en: str = ""  # its English version, "" when review.yml gives none
    items: tuple[str, ...] = ()
    chart: bool = True
    indicators: tuple[str, ...] = ()

    def _typed_titles(self) -> dict[str, str]:
        # the analyst's title in each language review.yml gives it (data, not messages)
        return {"vi": self.title_vi, "en": self.title_en}

    def title(self, lang: str = "vi") -> str:
        """The section's name: the pillar's, or the analyst's title as typed (its ``en`` side in English)."""
        if self.pillar:
            return pillar_label(self.pillar, lang)
        return self._typed_titles().get(lang) or self.title_vi

    def title_lang(self, lang: str = "vi") -> str:
        """The language of :meth:`title` on a page in ``lang``: an analyst's title without ``en`` is Vietnamese."""
        return lang if self.pillar or self._typed_titles().get(lang) else "vi"

    def heading(self, lang: str, number: int) -> str:
        """``(1) Về chính quyền số``; an analyst's section keeps its title as typed: ``(5) Kết quả thực hiện Kế hoạch``."""
        name = self.title(lang)
        if self.pillar:
            return gettext("pillar.heading", lang, n=number, pillar=name, pillar_lower=name.lower())
        return gettext("section.heading", lang, n=number, title=name)


def pillar_page_section(review: Review, pillar: str) -> PageSection:
    """The section of ``pillar`` (a code of :data:`~dxanalysis.read.catalog.PILLARS`)."""
    return PageSection(pillar, f"pillar-{pillar.replace('_', '-')}", pillar=pillar,
                       items=tuple(review.notes.achievements.get(pillar, ())))


def analyst_page_section(review: Review, section: AnalystSection) -> PageSection:
    """The page's section for one of ``review.yml``'s ``sections:``."""
    english = review.notes.translations.get(section.title, "")
    return PageSection(section.key, section.key, title_vi=section.title, title_en=english, items=section.items,
                       chart=section.chart, indicators=section.indicators)


def page_sections(review: Review) -> list[PageSection]:
    """Every section the achievements could have, in page order: the analyst's sections placed
    ``before`` the pillars, the four pillars, then the analyst's other sections (each in its order)."""
    analyst = review.notes.sections
    return ([analyst_page_section(review, s) for s in analyst if s.position == "before"]
            + [pillar_page_section(review, p) for p in PILLARS]
            + [analyst_page_section(review, s) for s in analyst if s.position != "before"])


def achievement_sections(review: Review) -> list[PageSection]:
    """The sections the page shows, in its order: those with an indicator of the period or an item
    of the analyst (a pillar whose indicators all moved to the analyst's sections is left out)."""
    present = set(shown_in(review))
    return [s for s in page_sections(review) if s.key in present or s.items]


def find_section(review: Review, section: str | PageSection) -> PageSection:
    """``section`` itself, or the section whose key it is (a pillar's code, or ``section-<id>``)."""
    if isinstance(section, PageSection):
        return section
    for candidate in page_sections(review):
        if candidate.key == section:
            return candidate
    raise KeyError(f"{section!r} is neither a pillar ({', '.join(PILLARS)}) nor a section of review.yml "
                   f"({', '.join(s.key for s in review.notes.sections) or 'none'})")


def shown_in(review: Review, frame: pd.DataFrame | None = None) -> pd.Series:
    """For each row of ``frame`` (by default the review's observations), the key of the section that
    shows its indicator: the analyst's section that lists it, else its pillar."""
    frame = review.observations if frame is None else frame
    listed = {code: s.key for s in review.notes.sections for code in s.indicators}
    if frame.empty or not listed:
        return frame["pillar"].astype(object)
    return frame["indicator"].map(listed).fillna(frame["pillar"]).astype(object)


def section_rows(review: Review, section: str | PageSection, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of ``frame`` (by default the review's observations) that ``section`` shows: an
    analyst's section in the order it lists its indicators, a pillar in the order of the data."""
    section = find_section(review, section)
    frame = review.observations if frame is None else frame
    rows = frame[shown_in(review, frame) == section.key]
    if section.pillar or rows.empty:
        return rows
    order = {code: i for i, code in enumerate(section.indicators)}
    return rows.iloc[rows["indicator"].map(order).to_numpy().argsort(kind="stable")]


__all__ = ["PageSection", "achievement_sections", "find_section", "page_sections", "section_rows", "shown_in"]
