"""``dxanalysis validate``'s checks of the units' lineage (``lineage.csv``) against ``units.csv``.

Errors, each a :class:`~dxanalysis.findings.Finding` naming the file, row, column and value:

* a lineage row naming a unit ``units.csv`` does not list, or the same unit on both sides;
* a cycle (``a → b → a``), named as its chain;
* a successor whose ``valid_from`` is not the row's ``effective`` day;
* a predecessor passed on whole (no share, no later successor) that does not end the day before
  ``effective`` (a gap or an overlap between the two units);
* the shares of one predecessor at one date adding up to more than the whole;
* a unit's period folder (``data/raw/<unit>/<period>/``) outside the unit's validity;
* a parent that does not exist during the spell a unit spends under it.

And a warning: a unit that begins at a date (``valid_from``) that no lineage row names as a
successor (a unit made from nothing is possible, a forgotten row likelier).

Examples
--------
>>> import io
>>> from dxanalysis.read.lineage import Lineage, Transfer
>>> from dxanalysis.read.units import read_units
>>> units = read_units(io.StringIO("slug,name_vi,valid_from,valid_to\\na,A,,2025-06-29\\nc,C,2025-07-02,\\n"))
>>> lineage = Lineage((Transfer("a", "c", date(2025, 7, 1), row=2),))
>>> [(f.severity, f.code, f.row, f.value) for f in lineage_findings(lineage, units)]
[('error', 'lineage_successor_start', 2, '2025-07-01'), ('error', 'lineage_predecessor_end', 2, '2025-07-01')]
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from dxanalysis.findings import Finding
from dxanalysis.i18n import Message
from dxanalysis.read.folders import period_dir, unit_periods
from dxanalysis.read.lineage import Lineage, Transfer
from dxanalysis.read.units import Unit

__all__ = ["check_lineage", "figures_outside_validity", "lineage_findings", "parent_findings", "validity_text"]

_DAY = timedelta(days=1)
_OVER = 1 + 1e-9  # shares typed as 1/3 + 2/3 add up to a hair above 1


def _day(day: date | None) -> str | Message:
    return day.isoformat() if day is not None else Message("lineage.open_end")


def validity_text(first: date | None, last: date | None) -> Message:
    """A span of days in words: from, until, from … to, or always.

    >>> validity_text(None, date(2025, 6, 30)).msgid, validity_text(None, None).msgid
    ('lineage.validity_until', 'lineage.validity_always')
    """
    if first is None and last is None:
        return Message("lineage.validity_always")
    if first is None:
        return Message("lineage.validity_until", {"last": last.isoformat()})  # type: ignore[union-attr]
    if last is None:
        return Message("lineage.validity_from", {"first": first.isoformat()})
    return Message("lineage.validity", {"first": first.isoformat(), "last": last.isoformat()})


def check_lineage(data_dir: str | Path, units: dict[str, Unit], lineage: Lineage) -> list[Finding]:
    """Every finding of this module for a data folder whose registry and lineage are already read.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> from dxanalysis.read.lineage import load_lineage
    >>> from dxanalysis.read.units import read_units
    >>> check_lineage(EXAMPLE_DATA_DIR, read_units(EXAMPLE_DATA_DIR / "units.csv"), load_lineage(EXAMPLE_DATA_DIR))
    []
    """
    registry = str(Path(data_dir) / "units.csv")
    return (lineage_findings(lineage, units, registry) + parent_findings(units, registry)
            + figures_outside_validity(data_dir, units))


def lineage_findings(lineage: Lineage, units: dict[str, Unit], registry: str = "units.csv") -> list[Finding]:
    """The findings of the lineage's rows against the registry ``units`` (see the module's example)."""
    found: list[Finding] = []
    path = lineage.path

    def finding(code: str, transfer: Transfer, column: str, value: object, **params: object) -> None:
        found.append(Finding("error", code, path=path, row=transfer.row, column=lineage.column(column),
                             value=value, params=params))

    sound = []  # rows whose units are known and distinct: the ones the other checks can read
    for t in lineage.transfers:
        missing = [c for c in ("predecessor", "successor") if getattr(t, c) not in units]
        for column in missing:
            finding("lineage_unknown_unit", t, column, getattr(t, column))
        if t.predecessor == t.successor:
            finding("lineage_self", t, "successor", t.successor)
        elif not missing:
            sound.append(t)
    found += _cycles(lineage, sound)
    for t in sound:
        successor, predecessor = units[t.successor], units[t.predecessor]
        if successor.valid_from != t.effective:
            finding("lineage_successor_start", t, "effective", t.effective.isoformat(), successor=t.successor,
                    valid_from=_day(successor.valid_from))
        later = any(o.effective > t.effective for o in lineage.successors(t.predecessor))
        if predecessor.valid_to is not None and t.share is None and not later \
                and predecessor.valid_to != t.effective - _DAY:
            gap = predecessor.valid_to < t.effective - _DAY
            finding("lineage_predecessor_end", t, "effective", t.effective.isoformat(), predecessor=t.predecessor,
                    valid_to=predecessor.valid_to.isoformat(),
                    kind=Message("lineage.gap") if gap else Message("lineage.overlap"))
    shares: dict[tuple[str, date], list[Transfer]] = defaultdict(list)
    for t in lineage.transfers:
        if t.share is not None:
            shares[(t.predecessor, t.effective)].append(t)
    for (predecessor, effective), rows in shares.items():
        total = sum(t.share for t in rows)  # type: ignore[misc]
        if total > _OVER:
            finding("lineage_shares_over", rows[-1], "share", f"{total * 100:.4g}%", predecessor=predecessor,
                    effective=effective.isoformat(), rows=", ".join(str(t.row) for t in rows))
    named = {t.successor for t in lineage.transfers}
    for unit in units.values():
        if unit.valid_from is not None and unit.slug not in named:
            found.append(Finding("warning", "unit_without_predecessor", path=registry, row=unit.row or None,
                                 column="valid_from", value=unit.valid_from.isoformat(),
                                 params={"unit": unit.slug}))
    return found


def _cycles(lineage: Lineage, transfers: list[Transfer]) -> list[Finding]:
    """One error per cycle of the rows (``a → b → a``), on the row that closes it."""
    following: dict[str, list[Transfer]] = defaultdict(list)
    for t in transfers:
        following[t.predecessor].append(t)
    found, reported = [], set()
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(slug: str, path: list[Transfer]) -> None:
        state[slug] = 1
        for t in following.get(slug, []):
            if state.get(t.successor) == 1:
                start = next(i for i, step in enumerate(path + [t]) if step.predecessor == t.successor)
                loop = (path + [t])[start:]
                key = frozenset(step.predecessor for step in loop)
                if key not in reported:
                    reported.add(key)
                    chain = " → ".join([*(step.predecessor for step in loop), t.successor])
                    found.append(Finding("error", "lineage_cycle", path=lineage.path, row=t.row,
                                         column=lineage.column("successor"), value=t.successor,
                                         params={"chain": chain}))
            elif state.get(t.successor) is None:
                visit(t.successor, path + [t])
        state[slug] = 2

    for slug in list(following):
        if slug not in state:
            visit(slug, [])
    return found


def parent_findings(units: dict[str, Unit], registry: str = "units.csv") -> list[Finding]:
    """An error for each spell a unit spends under a parent that does not exist for the whole spell
    (a parent the registry does not list is allowed, as it always was).

    >>> import io
    >>> from dxanalysis.read.units import read_units
    >>> units = read_units(io.StringIO("slug,name_vi,parent,valid_from,valid_to\\n"
    ...                                "hong-ngu,huyện Hồng Ngự,dong-thap,,2025-06-30\\n"
    ...                                "tan-hoi,xã Tân Hội,hong-ngu,,\\n"))
    >>> [(f.code, f.row, f.value) for f in parent_findings(units)]
    [('unit_parent_not_valid', 3, 'hong-ngu')]
    """
    found = []
    for unit in units.values():
        spells = [(s.parent, s.valid_from, s.valid_to, s.row) for s in unit.parents] \
            or [(unit.parent, unit.valid_from, unit.valid_to, unit.row)]
        for parent, first, last, row in spells:
            above = units.get(parent)
            if above is None:
                continue
            starts_in_time = above.valid_from is None or (first is not None and above.valid_from <= first)
            lasts = above.valid_to is None or (last is not None and last <= above.valid_to)
            if not (starts_in_time and lasts):
                found.append(Finding("error", "unit_parent_not_valid", path=registry, row=row or None,
                                     column="parent", value=parent,
                                     params={"unit": unit.slug, "spell": validity_text(first, last),
                                             "validity": validity_text(above.valid_from, above.valid_to)}))
    return found


def figures_outside_validity(data_dir: str | Path, units: dict[str, Unit]) -> list[Finding]:
    """An error for each period folder of a unit (``<data_dir>/<unit>/<period>/``) whose span the unit
    does not live through.

    >>> import tempfile, pathlib
    >>> data = pathlib.Path(tempfile.mkdtemp())
    >>> (data / "hong-ngu" / "2025-H2").mkdir(parents=True)
    >>> units = {"hong-ngu": Unit("hong-ngu", "huyện Hồng Ngự", "", valid_to=date(2025, 6, 30))}
    >>> [(f.code, f.value, f.params["first"], f.params["last"]) for f in figures_outside_validity(data, units)]
    [('unit_figures_outside_validity', '2025-H2', '2025-07-01', '2025-12-31')]
    """
    found = []
    for unit in units.values():
        if unit.valid_from is None and unit.valid_to is None:
            continue
        for period in unit_periods(data_dir, unit.slug):
            if not unit.covers(period.first_day, period.last_day):
                found.append(Finding("error", "unit_figures_outside_validity",
                                     path=str(period_dir(data_dir, unit.slug, period)), value=period.slug,
                                     params={"unit": unit.slug, "first": period.first_day.isoformat(),
                                             "last": period.last_day.isoformat(),
                                             "validity": validity_text(unit.valid_from, unit.valid_to)}))
    return found
