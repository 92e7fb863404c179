"""The unit registry: which districts, communes and provinces reports are made for.

``data/raw/units.csv`` has one row per unit: ``slug`` (the folder name under
``data/raw/``), ``name_vi``, ``name_en``, ``level`` (``tỉnh``, ``huyện``,
``xã``) and ``parent`` (the slug of the unit above it, may be empty).

Two optional columns date a unit's life (the 2025 reorganisation ended the districts and merged
provinces and communes): ``valid_from`` and ``valid_to`` (``hiệu lực từ``, ``hiệu lực đến``;
``2025-07-01`` or ``01/07/2025``; empty: open-ended). A slug may have several rows whose windows
follow one another without a gap or an overlap: that is how a unit's parent changes at a date.
Its rows agree on the name and level; ``parent`` is then the parent of its latest row and
:attr:`Unit.parents` holds every spell. A registry without the columns reads as it always did.

Examples
--------
>>> import io
>>> units = read_units(io.StringIO("slug,name_vi,name_en,level,parent\\n"
...                                "hong-ngu,huyện Hồng Ngự,Hong Ngu district,huyện,dong-thap\\n"))
>>> unit = find_unit(units, "hong-ngu")
>>> unit.name("vi"), unit.name("en"), unit.parent
('huyện Hồng Ngự', 'Hong Ngu district', 'dong-thap')
>>> units = read_units(io.StringIO("slug,name_vi,level,parent,valid_from,valid_to\\n"
...                                "tan-hoi,xã Tân Hội,xã,hong-ngu,,2025-06-30\\n"
...                                "tan-hoi,xã Tân Hội,xã,dong-thap,01/07/2025,\\n"))
>>> tan_hoi = units["tan-hoi"]
>>> tan_hoi.parent, tan_hoi.parent_on(date(2024, 12, 31)), tan_hoi.valid_from, tan_hoi.valid_to
('dong-thap', 'hong-ngu', None, None)
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

from dxanalysis.exceptions import InputFileError, UnknownUnitError
from dxanalysis.read.table import ColumnSpec, read_table, table_from_text
from dxanalysis.i18n import Joined, Message
from dxanalysis.slugs import is_slug

__all__ = ["UNITS", "UNIT_COLUMNS", "VALIDITY_COLUMNS", "ParentSpell", "Unit", "find_unit", "parse_day",
           "read_units", "units_as_of"]

UNIT_COLUMNS = ["slug", "name_vi", "name_en", "level", "parent"]
VALIDITY_COLUMNS = ["valid_from", "valid_to"]
UNITS = ColumnSpec(Message("file_kind.units"),
                   {**{c: (c,) for c in UNIT_COLUMNS},
                    "valid_from": ("valid_from", "hiệu lực từ", "hieu_luc_tu", "từ ngày"),
                    "valid_to": ("valid_to", "hiệu lực đến", "hieu_luc_den", "đến ngày")},
                   ("slug", "name_vi"), Message("hint.header_must_be", {"header": ",".join(UNIT_COLUMNS)}))
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DAY = timedelta(days=1)


def parse_day(text: str) -> date | None:
    """A day of a registry or the lineage: ``2025-07-01`` or ``01/07/2025`` (day first, as typed in
    Vietnam); ``None`` for anything else, an impossible day included (the caller names the cell).

    >>> parse_day("2025-07-01"), parse_day("1/7/2025"), parse_day("07/01/2025 ")
    (datetime.date(2025, 7, 1), datetime.date(2025, 7, 1), datetime.date(2025, 1, 7))
    >>> parse_day("31/02/2025"), parse_day("2025"), parse_day("")
    (None, None, None)
    """
    text = text.strip()
    iso, dmy = _ISO_DAY.match(text), _DMY_DAY.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif dmy:
        day, month, year = (int(g) for g in dmy.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _within(day: date, first: date | None, last: date | None) -> bool:
    return (first is None or first <= day) and (last is None or day <= last)


@dataclass(frozen=True)
class ParentSpell:
    """The unit's parent from ``valid_from`` to ``valid_to`` (inclusive; ``None``: open-ended);
    ``row``: its row of ``units.csv``."""

    parent: str
    valid_from: date | None = None
    valid_to: date | None = None
    row: int = field(default=0, compare=False)

    def holds_on(self, day: date) -> bool:
        """True when ``day`` falls in the spell.

        >>> ParentSpell("hong-ngu", None, date(2025, 6, 30)).holds_on(date(2025, 7, 1))
        False
        """
        return _within(day, self.valid_from, self.valid_to)


@dataclass(frozen=True)
class Unit:
    """One administrative unit.

    ``parent`` is the parent of its latest row; ``valid_from``/``valid_to`` its whole life (``None``:
    open-ended); ``parents`` its spells under each parent when it has several rows (else empty: the
    one ``parent`` for its whole life); ``row`` its first row of ``units.csv`` (0 when built in code).

    >>> commune = Unit("tan-hoi", "xã Tân Hội", "", "xã", "dong-thap", valid_to=date(2026, 12, 31),
    ...                parents=(ParentSpell("hong-ngu", None, date(2025, 6, 30)),
    ...                         ParentSpell("dong-thap", date(2025, 7, 1), date(2026, 12, 31))))
    >>> commune.parent_on(date(2025, 6, 30)), commune.parent_on(date(2025, 7, 1)), commune.parent_on(date(2027, 1, 1))
    ('hong-ngu', 'dong-thap', '')
    >>> commune.exists_on(date(2020, 1, 1)), commune.covers(date(2025, 1, 1), date(2025, 12, 31))
    (True, True)
    >>> commune.covers(date(2026, 7, 1), date(2027, 6, 30)), commune.overlaps(date(2026, 7, 1), date(2027, 6, 30))
    (False, True)
    """

    slug: str
    name_vi: str
    name_en: str
    level: str = ""
    parent: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    parents: tuple[ParentSpell, ...] = ()
    row: int = field(default=0, compare=False, repr=False)

    def name(self, lang: str = "vi") -> str:
        """Display name in ``lang``; Vietnamese proper names stay as they are."""
        return getattr(self, f"name_{lang}", "") or self.name_vi

    def exists_on(self, day: date) -> bool:
        """True when the unit exists on ``day`` (see the class's example)."""
        return _within(day, self.valid_from, self.valid_to)

    def covers(self, first: date, last: date) -> bool:
        """True when the unit exists on every day from ``first`` to ``last`` (its life has no holes)."""
        return self.exists_on(first) and self.exists_on(last)

    def overlaps(self, first: date, last: date) -> bool:
        """True when the unit exists on at least one day from ``first`` to ``last``."""
        return (self.valid_from is None or self.valid_from <= last) and (self.valid_to is None or first <= self.valid_to)

    def parent_on(self, day: date) -> str:
        """The unit's parent on ``day``; ``""`` when it has none then or does not exist then."""
        if not self.exists_on(day):
            return ""
        if not self.parents:
            return self.parent
        return next((spell.parent for spell in self.parents if spell.holds_on(day)), "")


def units_as_of(units: dict[str, Unit], day: date) -> dict[str, Unit]:
    """The units that exist on ``day``, in the registry's order, each with ``parent`` set to its parent then.

    >>> import io
    >>> units = read_units(io.StringIO("slug,name_vi,parent,valid_from,valid_to\\n"
    ...                                "hong-ngu,huyện Hồng Ngự,dong-thap,,2025-06-30\\n"
    ...                                "tan-hoi,xã Tân Hội,hong-ngu,,2025-06-30\\n"
    ...                                "tan-hoi,xã Tân Hội,dong-thap,2025-07-01,\\n"))
    >>> {slug: unit.parent for slug, unit in units_as_of(units, date(2024, 12, 31)).items()}
    {'hong-ngu': 'dong-thap', 'tan-hoi': 'hong-ngu'}
    >>> {slug: unit.parent for slug, unit in units_as_of(units, date(2025, 7, 1)).items()}
    {'tan-hoi': 'dong-thap'}
    """
    return {slug: dataclasses.replace(unit, parent=unit.parent_on(day))
            for slug, unit in units.items() if unit.exists_on(day)}


def read_units(source: str | Path | IO[str]) -> dict[str, Unit]:
    """Read a unit registry (a CSV file, in any encoding :mod:`dxanalysis.read.table` reads, or an open text) into ``{slug: Unit}``.

    A missing, empty or header-only registry is an :class:`InputFileError`, and so are rows with a
    slug that is not one, a slug listed twice for overlapping dates, a date that is not one, and the
    rows of one slug that disagree on its name or level or leave a gap between their dates — all of
    them named in one error. (A parent the registry does not list is allowed: a district's province
    need not have reviews of its own.)

    >>> import io
    >>> read_units(io.StringIO("slug,name_vi,parent\\nhong-ngu,huyện Hồng Ngự,dong-thap\\nhong-ngu,lần nữa,\\n"))
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: units.csv: dòng 3: mã 'hong-ngu' đã có ở dòng 2. Sửa mã trong units.csv và đổi tên thư mục của đơn vị trong data/raw cho giống.
    """
    if isinstance(source, (str, Path)):
        if not Path(source).is_file():
            raise InputFileError(source, Message("error.no_unit_registry"),
                                 Message("hint.create_with_columns", {"columns": ", ".join(UNIT_COLUMNS)}))
        table = read_table(source, UNITS)
    else:
        table = table_from_text(source.read(), None, UNITS, "units.csv")
    header = table.header
    rows_of: dict[str, list[dict[str, Any]]] = {}
    problems: list[Message] = []  # every bad row, named once, in one pass
    hints: list[Message] = []
    for record in table.frame.to_dict("records"):
        values: dict[str, Any] = {c: record.get(c, "") for c in UNIT_COLUMNS}
        row = record["_row"]
        for column in ("slug", "parent"):
            if values[column] and not is_slug(values[column]):
                problems.append(Message("error.units_row", {"row": row, "problem": Message(
                    "error.bad_slug", {"slug": values[column]})}))
                hints.append(Message("hint.bad_slug"))
        for column in VALIDITY_COLUMNS:
            text = record.get(column, "")
            values[column] = parse_day(text) if text else None
            if text and values[column] is None:
                problems.append(Message("error.units_row", {"row": row, "problem": Message(
                    "error.bad_validity_date", {"column": header[column], "value": text})}))
                hints.append(Message("hint.validity_dates"))
        first, last = values["valid_from"], values["valid_to"]
        if first and last and first > last:
            problems.append(Message("error.units_row", {"row": row, "problem": Message(
                "error.validity_reversed", {"valid_from": first.isoformat(), "valid_to": last.isoformat()})}))
            hints.append(Message("hint.validity_dates"))
            continue
        earlier = rows_of.setdefault(values["slug"], [])
        clash = next((other for other in earlier if _windows_overlap(other, values)), None)
        if clash is not None:
            problems.append(Message("error.units_row", {"row": row, "problem": Message(
                "error.duplicate_slug", {"slug": values["slug"], "first_row": clash["_row"]})}))
            hints.append(Message("hint.bad_slug"))
            continue
        earlier.append({**values, "_row": row})
    units: dict[str, Unit] = {}
    for slug, rows in rows_of.items():
        unit = _unit(slug, rows, problems, hints)
        if unit is not None:
            units[slug] = unit
    if problems:
        label = source if isinstance(source, (str, Path)) else "units.csv"
        raise InputFileError(label, Joined(tuple(problems), " "), Joined(tuple({h.msgid: h for h in hints}.values()), " "))
    return units


def _windows_overlap(one: dict[str, Any], other: dict[str, Any]) -> bool:
    return ((one["valid_from"] is None or other["valid_to"] is None or one["valid_from"] <= other["valid_to"])
            and (other["valid_from"] is None or one["valid_to"] is None or other["valid_from"] <= one["valid_to"]))


def _unit(slug: str, rows: list[dict[str, Any]], problems: list[Message], hints: list[Message]) -> Unit | None:
    """The unit of a slug's rows (whose windows do not overlap), or ``None`` after naming what is wrong."""
    first_row = rows[0]["_row"]
    if len(rows) == 1:
        only = rows[0]
        return Unit(slug, only["name_vi"], only["name_en"], only["level"], only["parent"],
                    only["valid_from"], only["valid_to"], row=first_row)
    ordered = sorted(rows, key=lambda r: r["valid_from"] or date.min)
    bad = False
    for row in rows[1:]:
        for column in ("name_vi", "name_en", "level"):
            if row[column] != rows[0][column]:
                problems.append(Message("error.units_row", {"row": row["_row"], "problem": Message(
                    "error.unit_rows_disagree", {"slug": slug, "column": column, "value": row[column],
                                                 "first_row": first_row, "first_value": rows[0][column]})}))
                hints.append(Message("hint.unit_rows_agree"))
                bad = True
    for before, after in zip(ordered, ordered[1:]):
        if before["valid_to"] + _DAY != after["valid_from"]:  # neither is None: the windows do not overlap
            problems.append(Message("error.units_row", {"row": after["_row"], "problem": Message(
                "error.unit_rows_gap", {"slug": slug, "valid_from": after["valid_from"].isoformat(),
                                        "row_before": before["_row"], "valid_to": before["valid_to"].isoformat()})}))
            hints.append(Message("hint.unit_rows_contiguous"))
            bad = True
    if bad:
        return None
    latest = ordered[-1]
    spells = tuple(ParentSpell(r["parent"], r["valid_from"], r["valid_to"], r["_row"]) for r in ordered)
    return Unit(slug, latest["name_vi"], latest["name_en"], latest["level"], latest["parent"],
                ordered[0]["valid_from"], latest["valid_to"], spells, row=first_row)


def find_unit(units: dict[str, Unit], slug: str, registry: str | Path = "units.csv") -> Unit:
    """The unit called ``slug``, or an error listing the known ones."""
    try:
        return units[slug]
    except KeyError:
        raise UnknownUnitError(slug, sorted(units), registry) from None
