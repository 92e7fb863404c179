"""The indicator catalog: what each indicator is called, measures and aims for.

A packaged default (``read/catalog.csv``) holds the seed's indicators and
those of Vietnam's national digital-transformation programme, strategies and
scorecards, each with its legal ``source`` and, where the document sets one, its
``national_target``; a project extends or overrides it with
``data/raw/catalog.csv`` (same columns, ``aliases``, ``source`` and
``national_target`` optional; rows with an existing ``code`` replace the default).

Examples
--------
>>> catalog = load_catalog()
>>> catalog.resolve("Tỉ lệ hồ sơ TTHC xử lý trực tuyến")
'gov.online_dossier_rate'
>>> catalog.resolve("gov.online_dossier_rate")
'gov.online_dossier_rate'
>>> catalog["soc.stem_school_rate"].unit("vi")
'trường'
>>> pillar_label("digital_society", "vi")
'Xã hội số'
>>> catalog["soc.payment_account_rate"].national_target
'80% (2025); trên 95% (2030)'
>>> catalog["found.dti_rank"].kind, catalog["found.dti_rank"].better
('rank', 'lower')
>>> catalog.resolve("Số chỉ tiêu đạt và vượt kế hoạch"), catalog["plan.targets_achieved"].kind
('plan.targets_achieved', 'scorecard')
>>> catalog.search("toan trinh")[:2]
['gov.full_online_services_rate', 'gov.full_online_dossier_rate']
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from dxanalysis.exceptions import InputFileError
from dxanalysis.read.table import ColumnSpec, read_table
from dxanalysis.i18n import LANGS, N_, Joined, Message, gettext
from dxanalysis.vntext import clean_text, loose_key, match_key, strip_diacritics, strip_enumeration

CATALOG_COLUMNS = ["code", "pillar", "name_vi", "name_en", "kind", "unit_vi", "unit_en", "better", "aliases",
                   "source", "national_target"]
OPTIONAL_COLUMNS = ("aliases", "source", "national_target")  # a project's own catalog may leave them out
ALIAS_SEPARATOR = "|"
CATALOG = ColumnSpec(Message("file_kind.catalog"), {c: (c,) for c in CATALOG_COLUMNS},
                     tuple(c for c in CATALOG_COLUMNS if c not in OPTIONAL_COLUMNS),
                     Message("hint.header_must_be", {"header": ",".join(CATALOG_COLUMNS)}))
# "rank": a place in a ranking, "thứ 12/63" (lower is better, so its ``better`` must be "lower");
# "scorecard": a plan's targets met out of its targets, "đạt và vượt 20/25 chỉ tiêu" (its share is
# checked like a rate's, but it is compared across periods only within one plan)
KINDS = ("ratio", "count", "flag", "text", "rank", "scorecard")
RATE_KINDS = ("ratio", "scorecard")  # a part of a whole: the numerator never above the denominator
BETTER = ("higher", "lower")
# pillar code -> msgid of its name; the order is the order of a review.
PILLARS: dict[str, str] = {
    "digital_government": N_("pillar.digital_government"),
    "digital_economy": N_("pillar.digital_economy"),
    "digital_society": N_("pillar.digital_society"),
    "foundations": N_("pillar.foundations"),
}
_PILLAR_ALIASES = {
    "chính phủ số": "digital_government", "chính quyền điện tử": "digital_government",
    "nền tảng": "foundations", "hạ tầng số": "foundations",
}


@dataclass(frozen=True)
class Indicator:
    """One catalog row.

    ``source`` names the document that defines the indicator (number, date,
    item); ``national_target`` is the target as that document words it
    (``80% (2025)``), empty where it sets none.
    """

    code: str
    pillar: str
    name_vi: str
    name_en: str
    kind: str
    unit_vi: str
    unit_en: str
    better: str
    aliases: tuple[str, ...] = ()
    source: str = ""
    national_target: str = ""

    def names(self) -> tuple[str, ...]:
        """Every name the indicator is known by: code, vi/en names, aliases."""
        return tuple(n for n in (self.code, self.name_vi, self.name_en, *self.aliases) if n)

    def name(self, lang: str = "vi") -> str:
        """Indicator name in ``lang``."""
        return getattr(self, f"name_{lang}")

    def unit(self, lang: str = "vi") -> str:
        """Unit of the counts (``hồ sơ``, ``trường``) in ``lang``."""
        return getattr(self, f"unit_{lang}")


def pillar_label(pillar: str, lang: str = "vi") -> str:
    """The display name of a pillar code.

    >>> pillar_label("foundations", "en")
    'Digital transformation foundations'
    """
    return gettext(PILLARS[pillar], lang)


def _pillar_names() -> dict[str, str]:
    # every language's name of every pillar, for reading what an analyst typed
    return {match_key(gettext(msgid, lang)): code for code, msgid in PILLARS.items() for lang in LANGS}


def parse_pillar(text: str) -> str | None:
    """A pillar code from a code or a vi/en name; ``None`` if not recognised.

    >>> parse_pillar("Chính quyền số"), parse_pillar("digital economy"), parse_pillar("x")
    ('digital_government', 'digital_economy', None)
    """
    key = match_key(text).replace("_", " ")
    for code in PILLARS:
        if key == code.replace("_", " "):
            return code
    return _pillar_names().get(key) or _PILLAR_ALIASES.get(key)


def pillar_in_text(text: str) -> str | None:
    """The pillar a section heading names (``I. CHÍNH QUYỀN SỐ``), or ``None``.

    The heading may say more than the pillar's name (``II. PHÁT TRIỂN KINH TẾ SỐ``);
    a heading naming two pillars names none.

    >>> pillar_in_text("I. CHÍNH QUYỀN SỐ"), pillar_in_text("II. Phát triển kinh tế số")
    ('digital_government', 'digital_economy')
    >>> pillar_in_text("Chính quyền số và kinh tế số") is None
    True
    """
    body = strip_enumeration(clean_text(text))
    exact = parse_pillar(body)
    if exact:
        return exact
    key = f" {match_key(body)} "
    labels = _pillar_names() | _PILLAR_ALIASES
    found = {code for label, code in labels.items() if f" {label} " in key}
    return found.pop() if len(found) == 1 else None


# How close a typed name must be to a catalog name to be taken as a typo of it
# (difflib ratio on the normalised text), and by how much it must beat the
# next indicator: below either, the name is reported, never guessed.
SIMILARITY_THRESHOLD = 0.88
SIMILARITY_MARGIN = 0.04
_TOKEN_SIMILARITY = 0.75
_FOOTNOTE = re.compile(r"\s*(\((?:\*+|%|\d{1,2}|[a-z])\)|\*+)\s*$")
_TRAILING_PUNCTUATION = re.compile(r"[\s.:;,*]+$")


@dataclass(frozen=True)
class IndicatorMatch:
    """How a typed indicator name matched the catalog.

    ``how`` is ``"exact"`` (same name after normalisation and list numbering),
    ``"loose"`` (same letters once accents or spaces are ignored), ``"similar"``
    (a near miss above :data:`SIMILARITY_THRESHOLD`), ``"ambiguous"`` (near
    two indicators) or ``"none"``. ``code`` is set for the first three.
    """

    code: str | None
    how: str
    score: float = 0.0
    matched_name: str = ""
    candidates: tuple[str, ...] = ()


def _name_key(text: str) -> str:
    """match_key without list numbering, footnote marks and trailing punctuation."""
    key = match_key(strip_enumeration(clean_text(text)))
    key = _FOOTNOTE.sub("", key)
    return _TRAILING_PUNCTUATION.sub("", key)


def _tokens_agree(typed: str, name: str) -> bool:
    """No word added, dropped or replaced: only typos inside words ("trưc" for "trực")."""
    if sorted(map(int, re.findall(r"\d+", typed))) != sorted(map(int, re.findall(r"\d+", name))):
        return False  # "mức độ 3" is not "mức độ 3, 4"
    typed_words, name_words = strip_diacritics(typed).split(), strip_diacritics(name).split()
    extra_typed = list(typed_words)
    extra_name = []
    for word in name_words:
        if word in extra_typed:
            extra_typed.remove(word)
        else:
            extra_name.append(word)
    if len(extra_typed) != len(extra_name):
        return False
    for word in extra_typed:
        best = max(extra_name, key=lambda w: difflib.SequenceMatcher(None, word, w).ratio())
        close = difflib.SequenceMatcher(None, word, best).ratio() >= _TOKEN_SIMILARITY
        if not close and not _one_edit_apart(word, best):
            return False
        extra_name.remove(best)
    return True


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter changed, added or dropped ("sử lý" for "xử lý")."""
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 2:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


class Catalog:
    """Indicators by code, with name matching after Vietnamese normalisation."""

    def __init__(self, indicators: list[Indicator], sources: list[str]) -> None:
        self.indicators = {i.code: i for i in indicators}
        self.sources = sources
        self._by_key: dict[str, str] = {}
        for indicator in indicators:
            for name in indicator.names():
                self._by_key.setdefault(match_key(name), indicator.code)
        # Keys with accents or spaces ignored; a key two indicators share is dropped.
        self._loose: dict[str, str | None] = {}
        for key, code in self._by_key.items():
            for loose in {strip_diacritics(key), strip_diacritics(key).replace(" ", "").replace("-", "")}:
                self._loose[loose] = code if self._loose.get(loose, code) == code else None
        # For similarity: the names as a list (rapidfuzz scores them all at C speed), and
        # one difflib matcher per name, built once (its index of the name is the costly part).
        self._names = list(self._by_key)
        self._matchers = {key: difflib.SequenceMatcher(None, "", key) for key in self._names}
        self._matched: dict[str, IndicatorMatch] = {}  # a file repeats its names: match each text once

    def __getstate__(self) -> dict:
        # A review handed to a notebook kernel carries its catalog: not the names matched so far,
        # nor the matchers (rebuilt from the names, cheaply).
        return {**self.__dict__, "_matched": {}, "_matchers": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._matchers = {key: difflib.SequenceMatcher(None, "", key) for key in self._names}

    def __getitem__(self, code: str) -> Indicator:
        return self.indicators[code]

    def __contains__(self, code: object) -> bool:
        return code in self.indicators

    def __len__(self) -> int:
        return len(self.indicators)

    def resolve(self, text: str) -> str | None:
        """The code of the indicator named ``text`` (code, vi/en name or alias), or ``None``."""
        return self._by_key.get(match_key(text))

    def match(self, text: str) -> IndicatorMatch:
        """Match a typed indicator name: exactly, loosely, by similarity, or not at all.

        >>> catalog = load_catalog()
        >>> catalog.match("3. Tỉ lệ hồ sơ TTHC xử lý trực tuyến").how
        'exact'
        >>> m = catalog.match("Ty le ho so TTHC xu ly truc tuyen")
        >>> m.code, m.how
        ('gov.online_dossier_rate', 'loose')
        >>> m = catalog.match("Tỷ lệ hồ sơ TTHC sử lý trực tuyếnn")
        >>> m.code, m.how, m.score > 0.9
        ('gov.online_dossier_rate', 'similar', True)
        >>> catalog.match("Tỷ lệ hồ sơ TTHC giải quyết quá hạn").how  # a different word is not a typo
        'none'
        """
        text = str(text)
        if text not in self._matched:
            if len(self._matched) > 100_000:
                self._matched.clear()  # bounded: a hostile file of distinct names must not grow it forever
            self._matched[text] = self._match(text)
        return self._matched[text]

    def _match(self, text: str) -> IndicatorMatch:
        key = match_key(clean_text(text))
        if key in self._by_key:
            return IndicatorMatch(self._by_key[key], "exact", 1.0, key)
        key = _name_key(text)
        if not key:
            return IndicatorMatch(None, "none")
        if key in self._by_key:
            return IndicatorMatch(self._by_key[key], "exact", 1.0, key)
        unaccented = strip_diacritics(key)
        for loose in (unaccented, unaccented.replace(" ", "").replace("-", "")):
            code = self._loose.get(loose)
            if code:
                return IndicatorMatch(code, "loose", 1.0, self._display_name(code, loose))
        best = self._similar(key)
        ranked = sorted(best.items(), key=lambda item: -item[1][0])
        candidates = tuple(code for code, _ in ranked[:3]) or tuple(self.candidates(text))
        if ranked:
            code, (score, name_key) = ranked[0]
            runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
            if score >= SIMILARITY_THRESHOLD and _tokens_agree(key, name_key):
                if score - runner_up < SIMILARITY_MARGIN:
                    return IndicatorMatch(None, "ambiguous", score, name_key, candidates[:2])
                return IndicatorMatch(code, "similar", score, name_key, candidates)
        return IndicatorMatch(None, "none", ranked[0][1][0] if ranked else 0.0, "", candidates)

    def _similar(self, key: str) -> dict[str, tuple[float, str]]:
        """Per indicator, its best name's similarity to ``key``: (score, name).

        rapidfuzz's InDel ratio bounds difflib's ratio from above (difflib counts
        at most the longest common subsequence), so difflib's exact ratio, which
        decides a match, is only computed where the bound could reach the
        threshold less the margin; other names keep the bound, used only to
        rank the closest indicators for a finding's hint.
        """
        from rapidfuzz import fuzz, process

        needed = SIMILARITY_THRESHOLD - SIMILARITY_MARGIN
        best: dict[str, tuple[float, str]] = {}
        # 40, as the closest names of a hint have always been found (difflib.get_close_matches, cutoff 0.4)
        for name_key, bound, _ in process.extract(key, self._names, scorer=fuzz.ratio, limit=None, score_cutoff=40):
            score = bound / 100
            if score >= needed:
                matcher = self._matchers[name_key]
                matcher.set_seq1(key)
                score = matcher.ratio()
            code = self._by_key[name_key]
            if score > best.get(code, (0.0, ""))[0]:
                best[code] = (score, name_key)
        return best

    def _display_name(self, code: str, loose: str) -> str:
        for key, key_code in self._by_key.items():
            if key_code == code and loose in (strip_diacritics(key), strip_diacritics(key).replace(" ", "").replace("-", "")):
                return key
        return code

    def describe_codes(self, codes: tuple[str, ...] | list[str]) -> str:
        """Codes with their Vietnamese names, for a finding's hint.

        >>> load_catalog().describe_codes(["soc.stem_school_rate"])
        'soc.stem_school_rate (Tỷ lệ trường áp dụng mô hình giáo dục STEM)'
        """
        return "; ".join(f"{c} ({self.indicators[c].name_vi})" for c in codes if c in self.indicators) or "—"

    def candidates(self, text: str, limit: int = 3) -> list[str]:
        """The codes whose names are closest to ``text``, best first.

        >>> load_catalog().candidates("Tỷ lệ trường STEM")[0]
        'soc.stem_school_rate'
        """
        from rapidfuzz import fuzz, process

        matches = process.extract(match_key(text), self._names, scorer=fuzz.ratio, limit=limit * 3, score_cutoff=40)
        codes: list[str] = []
        for key, _, _ in matches:
            code = self._by_key[key]
            if code not in codes:
                codes.append(code)
        return codes[:limit]

    def search(self, text: str) -> list[str]:
        """The codes of the indicators ``text`` names or is part of a name of, best first.

        Accents, case and punctuation are ignored. A name the catalog matches
        (:meth:`match`: exactly, loosely or as a close typo) comes first; then
        every indicator with a name holding ``text`` from the start of a word, or
        each of its words at the start of a word, the closest names first.

        >>> catalog = load_catalog()
        >>> catalog.search("Tỉ lệ hồ sơ TTHC xử lý trực tuyến")[0]
        'gov.online_dossier_rate'
        >>> catalog.search("STEM"), catalog.search("vneid")
        (['soc.stem_school_rate'], ['soc.eid_accounts_activated', 'soc.eid_adult_rate'])
        >>> catalog.search("xyz")
        []
        >>> catalog.search("ti le ho so") == catalog.search("tỉ lệ hồ sơ")  # typed without accents
        True
        """
        from rapidfuzz import fuzz

        query = _unaccented_ty(loose_key(text))
        if not query:
            return []
        words = query.split()
        scores: dict[str, float] = {}
        matched = self.match(text)
        if matched.code:
            scores[matched.code] = 2.0 + matched.score  # what the name resolves to outranks every partial hit
        for code, indicator in self.indicators.items():
            for name in indicator.names():
                key = _unaccented_ty(loose_key(name))
                name_words = key.split()
                if f" {query}" in f" {key}" or all(any(w.startswith(q) for w in name_words) for q in words):
                    scores[code] = max(scores.get(code, 0.0), fuzz.ratio(query, key) / 100)
        order = {code: i for i, code in enumerate(self.indicators)}
        return sorted(scores, key=lambda code: (-scores[code], order[code]))

    def frame(self) -> pd.DataFrame:
        """The catalog as a table (one row per indicator)."""
        rows = [{**i.__dict__, "aliases": ALIAS_SEPARATOR.join(i.aliases)} for i in self.indicators.values()]
        return pd.DataFrame(rows, columns=CATALOG_COLUMNS)


def _unaccented_ty(key: str) -> str:
    # loose_key spells "tỉ"/"tỷ" as "ty", but a query typed without accents says "ti"
    return re.sub(r"\bty\b", "ti", key)


def _read_catalog_csv(path: Path | str, label: str) -> list[Indicator]:
    indicators, problems = [], []
    for record in read_table(path, CATALOG).frame.to_dict("records"):
        number = record["_row"]
        values = {c: record.get(c, "") for c in CATALOG_COLUMNS}
        bad = [Message("error.not_one_of", {"row": number, "column": column, "value": values[column],
                                            "allowed": ", ".join(allowed)})
               for column, allowed in (("pillar", tuple(PILLARS)), ("kind", KINDS), ("better", BETTER))
               if values[column] not in allowed]
        if bad:  # every bad cell of every row, said once, in one pass
            problems += bad
            continue
        if values["kind"] == "rank" and values["better"] != "lower":  # the first place is the best
            problems.append(Message("error.rank_better", {"row": number, "code": values["code"],
                                                          "value": values["better"]}))
            continue
        aliases = tuple(a.strip() for a in values.pop("aliases").split(ALIAS_SEPARATOR) if a.strip())
        indicators.append(Indicator(**values, aliases=aliases))
    if problems:
        raise InputFileError(label, Joined(tuple(problems), " "), Message("hint.catalog_values"))
    return indicators


def load_catalog(override: Path | str | None = None) -> Catalog:
    """The packaged catalog, extended or overridden by ``override`` if it exists."""
    default = resources.files("dxanalysis.read") / "catalog.csv"
    with resources.as_file(default) as path:
        indicators = {i.code: i for i in _read_catalog_csv(path, "dxanalysis/read/catalog.csv")}
    sources = ["dxanalysis/read/catalog.csv"]
    if override is not None and Path(override).exists():
        for indicator in _read_catalog_csv(override, str(override)):
            indicators[indicator.code] = indicator
        sources.append(str(override))
    return Catalog(list(indicators.values()), sources)
