"""The indicator catalog: what each indicator is called, measures and aims for.

A packaged default (``catalog/indicators.csv``) holds the seed's indicators
and the common ones of Vietnam's digital-transformation programme; a project
extends or overrides it with ``data/raw/catalog.csv`` (same columns, rows with
an existing ``code`` replace the default).

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
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from dxanalysis.exceptions import InputFileError
from dxanalysis.vntext import clean_text, match_key

CATALOG_COLUMNS = ["code", "pillar", "name_vi", "name_en", "kind", "unit_vi", "unit_en", "better", "aliases"]
KINDS = ("ratio", "count", "flag", "text")
BETTER = ("higher", "lower")
# pillar code -> (vi, en) label; the order is the order of a review.
PILLARS: dict[str, tuple[str, str]] = {
    "digital_government": ("Chính quyền số", "Digital government"),
    "digital_economy": ("Kinh tế số", "Digital economy"),
    "digital_society": ("Xã hội số", "Digital society"),
    "foundations": ("Nền tảng chuyển đổi số", "Digital transformation foundations"),
}
_PILLAR_ALIASES = {
    "chính phủ số": "digital_government", "chính quyền điện tử": "digital_government",
    "nền tảng": "foundations", "hạ tầng số": "foundations",
}


@dataclass(frozen=True)
class Indicator:
    """One catalog row."""

    code: str
    pillar: str
    name_vi: str
    name_en: str
    kind: str
    unit_vi: str
    unit_en: str
    better: str
    aliases: tuple[str, ...] = ()

    def name(self, lang: str = "vi") -> str:
        """Indicator name in ``lang``."""
        return self.name_vi if lang == "vi" else self.name_en

    def unit(self, lang: str = "vi") -> str:
        """Unit of the counts (``hồ sơ``, ``trường``) in ``lang``."""
        return self.unit_vi if lang == "vi" else self.unit_en


def pillar_label(pillar: str, lang: str = "vi") -> str:
    """The display name of a pillar code."""
    vi, en = PILLARS[pillar]
    return vi if lang == "vi" else en


def parse_pillar(text: str) -> str | None:
    """A pillar code from a code or a vi/en name; ``None`` if not recognised.

    >>> parse_pillar("Chính quyền số"), parse_pillar("digital economy"), parse_pillar("x")
    ('digital_government', 'digital_economy', None)
    """
    key = match_key(text).replace("_", " ")
    for code, (vi, en) in PILLARS.items():
        if key in (code.replace("_", " "), match_key(vi), match_key(en)):
            return code
    return _PILLAR_ALIASES.get(key)


class Catalog:
    """Indicators by code, with name matching after Vietnamese normalisation."""

    def __init__(self, indicators: list[Indicator], sources: list[str]) -> None:
        self.indicators = {i.code: i for i in indicators}
        self.sources = sources
        self._by_key: dict[str, str] = {}
        for indicator in indicators:
            for name in (indicator.code, indicator.name_vi, indicator.name_en, *indicator.aliases):
                if name:
                    self._by_key.setdefault(match_key(name), indicator.code)

    def __getitem__(self, code: str) -> Indicator:
        return self.indicators[code]

    def __contains__(self, code: object) -> bool:
        return code in self.indicators

    def __len__(self) -> int:
        return len(self.indicators)

    def resolve(self, text: str) -> str | None:
        """The code of the indicator named ``text`` (code, vi/en name or alias), or ``None``."""
        return self._by_key.get(match_key(text))

    def candidates(self, text: str, limit: int = 3) -> list[str]:
        """The codes whose names are closest to ``text``, best first.

        >>> load_catalog().candidates("Tỷ lệ trường STEM")[0]
        'soc.stem_school_rate'
        """
        matches = difflib.get_close_matches(match_key(text), list(self._by_key), n=limit * 3, cutoff=0.4)
        codes: list[str] = []
        for key in matches:
            code = self._by_key[key]
            if code not in codes:
                codes.append(code)
        return codes[:limit]

    def frame(self) -> pd.DataFrame:
        """The catalog as a table (one row per indicator)."""
        rows = [{**i.__dict__, "aliases": "|".join(i.aliases)} for i in self.indicators.values()]
        return pd.DataFrame(rows, columns=CATALOG_COLUMNS)


def _read_catalog_csv(path: Path | str, label: str) -> list[Indicator]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in CATALOG_COLUMNS if c not in frame.columns and c != "aliases"]
    if missing:
        raise InputFileError(label, f"the catalog lacks the column(s) {', '.join(missing)}.",
                             "Its header must be: " + ",".join(CATALOG_COLUMNS) + ".")
    indicators = []
    for number, record in enumerate(frame.to_dict("records"), start=2):
        values = {c: clean_text(record.get(c, "")) for c in CATALOG_COLUMNS}
        for column, allowed in (("pillar", tuple(PILLARS)), ("kind", KINDS), ("better", BETTER)):
            if values[column] not in allowed:
                raise InputFileError(
                    label, f"row {number}, column {column!r}: {values[column]!r} is not one of {allowed}.",
                    f"Use one of {', '.join(allowed)}.",
                )
        aliases = tuple(a.strip() for a in values.pop("aliases").split("|") if a.strip())
        indicators.append(Indicator(**values, aliases=aliases))
    return indicators


def load_catalog(override: Path | str | None = None) -> Catalog:
    """The packaged catalog, extended or overridden by ``override`` if it exists."""
    default = resources.files("dxanalysis.catalog") / "indicators.csv"
    with resources.as_file(default) as path:
        indicators = {i.code: i for i in _read_catalog_csv(path, "dxanalysis/catalog/indicators.csv")}
    sources = ["dxanalysis/catalog/indicators.csv"]
    if override is not None and Path(override).exists():
        for indicator in _read_catalog_csv(override, str(override)):
            indicators[indicator.code] = indicator
        sources.append(str(override))
    return Catalog(list(indicators.values()), sources)
