"""Who has sent the period's forms: each body of ``reporting.csv``, and each commune, sent, not sent or sent with errors.

A body has *sent* when a form it filled in (the form says whose it is, in its
hidden ``_dxanalysis`` sheet, whatever the file is called) lies in the
period's ``forms/`` folder and reads without an error; *sent with errors* when
it lies there but holds an error (a figure that cannot be read, a numerator
above its denominator); *not sent* otherwise. Each body's indicators still
without a figure are listed, so the office knows what to ask for. A commune
returns its own form into its own period folder. A workbook that cannot be
read as a form of this unit and period is listed apart, with the reason.

Examples
--------
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> status = collection_status("hong-ngu", "2023-H1", EXAMPLE_DATA_DIR)  # the illustrative forms shipped
>>> [(s.body, s.state, s.blank) for s in status.bodies if s.state != "sent"]
[('Phòng Giáo dục và Đào tạo', 'not_sent', ('soc.stem_school_rate',)), ('xã Phú Thuận A', 'not_sent', ('gov.online_dossier_rate', 'gov.digital_signature_rate', 'soc.fibre_household_rate'))]
>>> status.complete, status.unreadable
(False, ())
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dxanalysis.check.merge_forms import form_observations
from dxanalysis.exceptions import DxAnalysisError
from dxanalysis.i18n import N_
from dxanalysis.periods import Period, parse_period
from dxanalysis.read.catalog import Catalog, load_catalog
from dxanalysis.read.folders import period_dir
from dxanalysis.read.reporting import read_reporting, reporting_path
from dxanalysis.read.returned_forms import find_returned_forms, read_returned_form
from dxanalysis.read.units import read_units, units_as_of

# What each state is called (the command's table and the review's appendix), best first.
STATES = {"sent": N_("collection.sent"), "errors": N_("collection.errors"), "not_sent": N_("collection.not_sent")}


@dataclass(frozen=True)
class BodyStatus:
    """One body's (or one commune's) part of the period's collection."""

    body: str
    unit: str  # whose figures the body gives: the unit itself, or the commune
    state: str  # a key of STATES
    indicators: tuple[str, ...]  # the codes it is asked for
    blank: tuple[str, ...]  # of those, the codes still without a figure
    files: tuple[str, ...] = ()  # the forms it returned (file names)
    errors: int = 0  # errors found in them


@dataclass(frozen=True)
class CollectionStatus:
    """The period's collection: every body's status, and the workbooks that are no form of this period."""

    unit: str
    period: str
    bodies: tuple[BodyStatus, ...]
    unreadable: tuple[tuple[str, str], ...] = field(default=())  # (file name, why)

    @property
    def complete(self) -> bool:
        """True when every body has sent its form without an error and no figure asked for is blank."""
        return not self.unreadable and all(b.state == "sent" and not b.blank for b in self.bodies)


def _returned(period_folder: Path, unit: str, period: str, catalog: Catalog,
              unreadable: list[tuple[str, str]]) -> dict[str, list[tuple[str, tuple[str, ...], set[str], int]]]:
    """The forms returned into ``period_folder``/forms, by the body named in them: (file, blank codes, given codes, errors)."""
    by_body: dict[str, list[tuple[str, tuple[str, ...], set[str], int]]] = {}
    for path in find_returned_forms(period_folder):
        try:
            form = read_returned_form(path, unit, period)
            observations, findings = form_observations(form, catalog, unit, period)
        except DxAnalysisError as err:
            unreadable.append((path.name, str(err)))
            continue
        given = set(observations["indicator"]) if not observations.empty else set()
        errors = sum(f.severity == "error" for f in findings)
        by_body.setdefault(form.meta.body, []).append((path.name, form.blank, given, errors))
    return by_body


def _status(body: str, unit: str, indicators: list[str],
            returned: list[tuple[str, tuple[str, ...], set[str], int]]) -> BodyStatus:
    given = set().union(*(r[2] for r in returned)) if returned else set()
    errors = sum(r[3] for r in returned)
    state = "not_sent" if not returned else "errors" if errors else "sent"
    return BodyStatus(body, unit, state, tuple(indicators), tuple(c for c in indicators if c not in given),
                      tuple(r[0] for r in returned), errors)


def collection_status(unit: str, period: str | Period, data_dir: str | Path = "data/raw",
                      catalog: Catalog | None = None) -> CollectionStatus:
    """Each body's and commune's part of ``unit``'s collection for ``period`` (see the module's text).

    Raises :class:`~dxanalysis.exceptions.InputFileError` when ``reporting.csv`` is missing or wrong:
    without it nobody is asked for anything.
    """
    data_dir = Path(data_dir)
    catalog = catalog or load_catalog()
    period = period if isinstance(period, Period) else parse_period(period)
    table = read_reporting(reporting_path(data_dir, unit), catalog)
    unreadable: list[tuple[str, str]] = []
    returned = _returned(period_dir(data_dir, unit, period), unit, period.slug, catalog, unreadable)
    bodies = [_status(body, unit, table.indicators_of(body), returned.get(body, [])) for body in table.bodies()]
    communes = table.commune_indicators()
    if communes:
        units = read_units(data_dir / "units.csv")
        in_period = units_as_of(units, period.last_day)  # the communes under the unit in that period
        for child in sorted((u for u in in_period.values() if u.parent == unit), key=lambda u: u.slug):
            theirs = _returned(period_dir(data_dir, child.slug, period), child.slug, period.slug, catalog,
                               unreadable)
            bodies.append(_status(child.name("vi"), child.slug, communes, [f for fs in theirs.values() for f in fs]))
    return CollectionStatus(unit, period.slug, tuple(bodies), tuple(unreadable))
