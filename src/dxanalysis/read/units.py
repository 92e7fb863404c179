"""The unit registry: which districts, communes and provinces reports are made for.

``data/raw/units.csv`` has one row per unit: ``slug`` (the folder name under
``data/raw/``), ``name_vi``, ``name_en``, ``level`` (``tỉnh``, ``huyện``,
``xã``) and ``parent`` (the slug of the unit above it, may be empty).

Examples
--------
>>> import io
>>> units = read_units(io.StringIO("slug,name_vi,name_en,level,parent\\n"
...                                "hong-ngu,huyện Hồng Ngự,Hong Ngu district,huyện,dong-thap\\n"))
>>> unit = find_unit(units, "hong-ngu")
>>> unit.name("vi"), unit.name("en"), unit.parent
('huyện Hồng Ngự', 'Hong Ngu district', 'dong-thap')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO

from dxanalysis.exceptions import InputFileError, UnknownUnitError
from dxanalysis.read.table import ColumnSpec, read_table, table_from_text
from dxanalysis.i18n import Joined, Message
from dxanalysis.slugs import is_slug

UNIT_COLUMNS = ["slug", "name_vi", "name_en", "level", "parent"]
UNITS = ColumnSpec(Message("file_kind.units"), {c: (c,) for c in UNIT_COLUMNS}, ("slug", "name_vi"),
                   Message("hint.header_must_be", {"header": ",".join(UNIT_COLUMNS)}))


@dataclass(frozen=True)
class Unit:
    """One administrative unit."""

    slug: str
    name_vi: str
    name_en: str
    level: str = ""
    parent: str = ""

    def name(self, lang: str = "vi") -> str:
        """Display name in ``lang``; Vietnamese proper names stay as they are."""
        return getattr(self, f"name_{lang}", "") or self.name_vi


def read_units(source: str | Path | IO[str]) -> dict[str, Unit]:
    """Read a unit registry (a CSV file, in any encoding :mod:`dxanalysis.read.table` reads, or an open text) into ``{slug: Unit}``.

    A missing, empty or header-only registry is an :class:`InputFileError`, and so are rows with a
    slug that is not one or a slug listed twice — all of them named in one error. (A parent the
    registry does not list is allowed: a district's province need not have reviews of its own.)

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
    units: dict[str, Unit] = {}
    first_row: dict[str, int] = {}
    problems: list[Message] = []  # every bad row, named once, in one pass
    for record in table.frame.to_dict("records"):
        values = {c: record.get(c, "") for c in UNIT_COLUMNS}
        row = record["_row"]
        for column in ("slug", "parent"):
            if values[column] and not is_slug(values[column]):
                problems.append(Message("error.units_row", {"row": row, "problem": Message(
                    "error.bad_slug", {"slug": values[column]})}))
        if values["slug"] in first_row:
            problems.append(Message("error.units_row", {"row": row, "problem": Message(
                "error.duplicate_slug", {"slug": values["slug"], "first_row": first_row[values["slug"]]})}))
            continue
        first_row[values["slug"]] = row
        units[values["slug"]] = Unit(**values)
    if problems:
        label = source if isinstance(source, (str, Path)) else "units.csv"
        raise InputFileError(label, Joined(tuple(problems), " "), Message("hint.bad_slug"))
    return units


def find_unit(units: dict[str, Unit], slug: str, registry: str | Path = "units.csv") -> Unit:
    """The unit called ``slug``, or an error listing the known ones."""
    try:
        return units[slug]
    except KeyError:
        raise UnknownUnitError(slug, sorted(units), registry) from None
