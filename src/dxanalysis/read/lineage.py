"""The lineage of units: which units became which (``data/raw/lineage.csv``).

Since 1 July 2025 provinces have merged, districts are gone and most communes merged into new
ones. Each row of ``lineage.csv`` says that (a part of) a unit passed into another from a date.
Columns, in Vietnamese or English, read by :mod:`dxanalysis.read.table` (any encoding it reads,
``,`` ``;`` tab or ``|``, or an ``.xlsx``):

* ``predecessor`` (``đơn vị cũ``, ``don_vi_cu``; required): the slug of the unit that passed on;
* ``successor`` (``đơn vị mới``, ``don_vi_moi``; required): the slug of the unit it passed into;
* ``effective`` (``ngày hiệu lực``, ``ngay_hieu_luc``; required): the successor's first day,
  ``2025-07-01`` or ``01/07/2025``;
* ``share`` (``tỷ lệ``, ``ty_le``): the part of the predecessor that moved, ``0.4``, ``0,4`` or
  ``40%``; empty: the whole predecessor when it ends the day before ``effective`` and passes into
  this successor only, else not known;
* ``note`` (``ghi chú``, ``ghi_chu``): free text.

A renamed unit is one row (old slug → new slug). A missing file is an empty lineage; a bad cell is
an :class:`~dxanalysis.exceptions.InputFileError` naming the file, row, column and value — every
bad cell at once. :func:`constituents` says which units' figures of an earlier span make up a unit
of today; ``dxanalysis validate`` checks the lineage against ``units.csv``
(:mod:`dxanalysis.check.lineage`).

Examples
--------
>>> import io, tempfile, pathlib
>>> from dxanalysis.read.units import read_units
>>> units = read_units(io.StringIO("slug,name_vi,level,valid_from,valid_to\\n"
...                                "tan-hoi,xã Tân Hội,xã,,2025-06-30\\n"
...                                "tan-hoi-trung,xã Tân Hội Trung,xã,,2025-06-30\\n"
...                                "tan-hoi-moi,xã Tân Hội,xã,2025-07-01,\\n"))
>>> path = pathlib.Path(tempfile.mkdtemp()) / "lineage.csv"
>>> _ = path.write_text("Đơn vị cũ,Đơn vị mới,Ngày hiệu lực\\n"
...                     "tan-hoi,tan-hoi-moi,01/07/2025\\ntan-hoi-trung,tan-hoi-moi,01/07/2025\\n", encoding="utf-8")
>>> lineage = read_lineage(path)
>>> [t.predecessor for t in lineage.predecessors("tan-hoi-moi")]
['tan-hoi', 'tan-hoi-trung']
>>> [(c.slug, c.share) for c in constituents(lineage, units, "tan-hoi-moi", date(2024, 1, 1), date(2024, 6, 30))]
[('tan-hoi', 1.0), ('tan-hoi-trung', 1.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from dxanalysis.exceptions import InputFileError
from dxanalysis.i18n import Joined, Message
from dxanalysis.read.table import ColumnSpec, read_table
from dxanalysis.read.units import Unit, parse_day
from dxanalysis.slugs import is_slug

__all__ = ["LINEAGE", "LINEAGE_COLUMNS", "LINEAGE_FILE", "Constituent", "Lineage", "NotCombinable", "Transfer",
           "constituents", "lineage_path", "load_lineage", "parse_share", "read_lineage"]

LINEAGE_FILE = "lineage.csv"
LINEAGE_COLUMNS = ["predecessor", "successor", "effective", "share", "note"]
LINEAGE = ColumnSpec(
    Message("file_kind.lineage"),
    {"predecessor": ("predecessor", "đơn vị cũ", "don_vi_cu"),
     "successor": ("successor", "đơn vị mới", "don_vi_moi"),
     "effective": ("effective", "ngày hiệu lực", "ngay_hieu_luc"),
     "share": ("share", "tỷ lệ", "ty_le"),
     "note": ("note", "ghi chú", "ghi_chu")},
    ("predecessor", "successor", "effective"),
    Message("hint.header_must_be", {"header": ",".join(LINEAGE_COLUMNS)}))
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_DAY = timedelta(days=1)


def parse_share(text: str) -> float | None:
    """A share of a predecessor: a fraction (``0.4``, ``0,4``, ``1``) or a percent (``40%``, ``40,5 %``),
    as a fraction; ``None`` when it is not one, or not above 0 and at most the whole.

    >>> parse_share("0,4"), parse_share("40%"), parse_share("1"), parse_share("100 %")
    (0.4, 0.4, 1.0, 1.0)
    >>> parse_share("140%"), parse_share("0"), parse_share("bốn mươi"), parse_share("1.000")
    (None, None, None, 1.0)
    """
    text = text.strip().replace(" ", "")
    percent = text.endswith("%")
    number = text[:-1] if percent else text
    if not _NUMBER.match(number):
        return None
    value = float(number.replace(",", ".")) / (100 if percent else 1)
    return value if 0 < value <= 1 else None


@dataclass(frozen=True)
class Transfer:
    """One row of ``lineage.csv``: (``share`` of) ``predecessor`` passed into ``successor`` on ``effective``.

    ``share`` is a fraction, ``None`` when the row leaves it empty; ``row`` the file's row.
    """

    predecessor: str
    successor: str
    effective: date
    share: float | None = None
    note: str = ""
    row: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Lineage:
    """The rows of ``lineage.csv``, in the file's order; ``path`` the file read, ``columns`` its header
    as typed (canonical column → text), for errors that name a cell.

    >>> t = Transfer("a", "c", date(2025, 7, 1)); u = Transfer("b", "c", date(2025, 7, 1), 0.4)
    >>> lineage = Lineage((t, u))
    >>> [x.predecessor for x in lineage.predecessors("c")], lineage.successors("b") == (u,), lineage.successors("c")
    (['a', 'b'], True, ())
    """

    transfers: tuple[Transfer, ...] = ()
    path: str = LINEAGE_FILE
    columns: dict[str, str] = field(default_factory=dict, compare=False)

    def predecessors(self, slug: str) -> tuple[Transfer, ...]:
        """The rows that name ``slug`` as the successor."""
        return tuple(t for t in self.transfers if t.successor == slug)

    def successors(self, slug: str) -> tuple[Transfer, ...]:
        """The rows that name ``slug`` as the predecessor."""
        return tuple(t for t in self.transfers if t.predecessor == slug)

    def column(self, name: str) -> str:
        """The header of canonical column ``name`` as the file types it (the name itself when not read)."""
        return self.columns.get(name, name)

    def is_whole(self, transfer: Transfer, units: dict[str, Unit]) -> bool:
        """True when the whole predecessor passed on: the share is 1, or it is empty and the predecessor
        ends the day before ``effective`` with this one successor.

        >>> ended = {"a": Unit("a", "A", "", valid_to=date(2025, 6, 30)), "b": Unit("b", "B", "")}
        >>> t, u = Transfer("a", "c", date(2025, 7, 1)), Transfer("b", "c", date(2025, 7, 1))
        >>> Lineage((t, u)).is_whole(t, ended), Lineage((t, u)).is_whole(u, ended)
        (True, False)
        >>> Lineage((t, Transfer("a", "d", date(2025, 7, 1)))).is_whole(t, ended)  # split without shares
        False
        """
        if transfer.share is not None:
            return transfer.share >= 1
        predecessor = units.get(transfer.predecessor)
        return (predecessor is not None and predecessor.valid_to == transfer.effective - _DAY
                and len(self.successors(transfer.predecessor)) == 1)


@dataclass(frozen=True)
class Constituent:
    """A unit whose figures make up (``share`` of) today's unit over an earlier span; ``path``: the
    rows of ``lineage.csv`` that lead from it to today's unit, latest first (empty: the unit itself)."""

    slug: str
    share: float
    path: tuple[Transfer, ...] = ()


@dataclass(frozen=True)
class NotCombinable:
    """Why no figures of an earlier span make up a unit of today: ``reason`` names the units."""

    reason: Message

    def __str__(self) -> str:
        return self.reason.text()


def _span(first: date, last: date) -> str:
    return f"{first.isoformat()} – {last.isoformat()}"


def constituents(lineage: Lineage, units: dict[str, Unit], slug: str, first: date,
                 last: date) -> tuple[Constituent, ...] | NotCombinable:
    """The units whose figures of the span ``first``–``last`` make up ``slug``, each with its share.

    ``slug`` itself when it existed for the whole span; else its predecessors, walked back (a merger
    of a merger) to units that existed for the whole span, the shares multiplied along the way. A
    part of a unit that moved without a share, a unit that existed for only part of the span (the
    span straddles the date it began or ended) or one with no predecessor before it began makes the
    span :class:`NotCombinable`. A unit reached by two ways (split, then merged again) is listed
    once per way.

    >>> import io
    >>> from dxanalysis.read.units import read_units
    >>> units = read_units(io.StringIO("slug,name_vi,valid_from,valid_to\\n"
    ...                                "a,A,,2025-06-30\\nb,B,,\\nc,C,2025-07-01,\\n"))
    >>> lineage = Lineage((Transfer("a", "c", date(2025, 7, 1)), Transfer("b", "c", date(2025, 7, 1), 0.4)))
    >>> [(c.slug, c.share) for c in constituents(lineage, units, "c", date(2024, 1, 1), date(2024, 12, 31))]
    [('a', 1.0), ('b', 0.4)]
    >>> constituents(lineage, units, "b", date(2024, 1, 1), date(2024, 12, 31))
    (Constituent(slug='b', share=1.0, path=()),)
    >>> print(constituents(lineage, units, "c", date(2025, 1, 1), date(2025, 12, 31)))
    c bắt đầu từ 2025-07-01, trong khoảng 2025-01-01 – 2025-12-31: số liệu của khoảng này không ghép được từ các đơn vị cũ.
    """
    found: list[Constituent] = []
    problem = _walk(lineage, units, slug, first, last, 1.0, (), found)
    return problem if problem is not None else tuple(found)


def _walk(lineage: Lineage, units: dict[str, Unit], slug: str, first: date, last: date, share: float,
          path: tuple[Transfer, ...], found: list[Constituent]) -> NotCombinable | None:
    unit = units.get(slug)
    if unit is None:
        return NotCombinable(Message("lineage.not_in_units", {"unit": slug}))
    if unit.covers(first, last):
        found.append(Constituent(slug, share, path))
        return None
    span = _span(first, last)
    if unit.overlaps(first, last):
        if unit.valid_from is not None and first < unit.valid_from:
            return NotCombinable(Message("lineage.straddles_start", {
                "unit": slug, "span": span, "day": unit.valid_from.isoformat()}))
        return NotCombinable(Message("lineage.straddles_end", {
            "unit": slug, "span": span, "day": unit.valid_to.isoformat()}))  # type: ignore[union-attr]
    if unit.valid_to is not None and unit.valid_to < first:  # its successors have the span's figures
        return NotCombinable(Message("lineage.ended_before", {"unit": slug, "span": span,
                                                              "day": unit.valid_to.isoformat()}))
    transfers = lineage.predecessors(slug)
    if not transfers:
        return NotCombinable(Message("lineage.no_predecessor", {
            "unit": slug, "span": span, "day": unit.valid_from.isoformat()}))  # type: ignore[union-attr]
    for transfer in transfers:
        if any(step.successor == transfer.predecessor for step in path) or transfer.predecessor == slug:
            chain = " → ".join([transfer.predecessor, slug, *(step.successor for step in reversed(path))])
            return NotCombinable(Message("lineage.cycle", {"chain": chain}))
        if transfer.share is None and not lineage.is_whole(transfer, units):
            return NotCombinable(Message("lineage.partial_without_share", {
                "predecessor": transfer.predecessor, "successor": slug,
                "effective": transfer.effective.isoformat()}))
        part = 1.0 if transfer.share is None else transfer.share
        problem = _walk(lineage, units, transfer.predecessor, first, last, share * part, (*path, transfer), found)
        if problem is not None:
            return problem
    return None


def read_lineage(path: str | Path) -> Lineage:
    """Read ``lineage.csv`` (see the module); a missing file is an empty lineage.

    >>> import tempfile, pathlib
    >>> read_lineage(pathlib.Path(tempfile.mkdtemp()) / "lineage.csv").transfers
    ()
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "lineage.csv"
    >>> _ = path.write_text("don_vi_cu;don_vi_moi;ngay_hieu_luc;ty_le\\na;b;1/7/2025;40%\\na;x y;30/02/2025;1,5\\n", encoding="utf-8")
    >>> read_lineage(path)
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: ...lineage.csv: dòng 3, cột 'don_vi_moi': 'x y' không phải mã đơn vị ...
    """
    path = Path(path)
    if not path.exists():
        return Lineage((), str(path))
    table = read_table(path, LINEAGE)
    header = table.header
    transfers, problems = [], []

    def bad(row: int, column: str, value: str, problem: Message) -> None:
        problems.append(Message("error.lineage_cell", {"row": row, "column": header.get(column, column),
                                                       "value": value, "problem": problem}))

    for record in table.frame.to_dict("records"):
        row = record["_row"]
        slugs = {}
        for column in ("predecessor", "successor"):
            text = record[column]
            if not is_slug(text):
                bad(row, column, text, Message("error.lineage_not_a_slug"))
            slugs[column] = text
        effective = parse_day(record["effective"])
        if effective is None:
            bad(row, "effective", record["effective"], Message("error.lineage_bad_date"))
        share_text = record.get("share", "")
        share = parse_share(share_text) if share_text else None
        if share_text and share is None:
            bad(row, "share", share_text, Message("error.lineage_bad_share"))
        if effective is not None and all(is_slug(s) for s in slugs.values()) and (share is not None or not share_text):
            transfers.append(Transfer(slugs["predecessor"], slugs["successor"], effective, share,
                                      record.get("note", ""), row))
    if problems:
        raise InputFileError(path, Message("error.lineage_rows", {"problems": Joined(tuple(problems), "; ")}),
                             Message("hint.lineage_cells"))
    return Lineage(tuple(transfers), str(path), dict(header))


def lineage_path(data_dir: str | Path) -> Path:
    """Where the lineage of a data folder's units is: ``<data_dir>/lineage.csv``, beside ``units.csv``.

    >>> lineage_path("data/raw").as_posix()
    'data/raw/lineage.csv'
    """
    return Path(data_dir) / LINEAGE_FILE


def load_lineage(data_dir: str | Path) -> Lineage:
    """The lineage of a data folder's units (:func:`read_lineage` of :func:`lineage_path`).

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> [(t.predecessor, t.successor, t.effective.isoformat()) for t in load_lineage(EXAMPLE_DATA_DIR).transfers]
    [('thuong-phuoc-1', 'thuong-phuoc', '2025-07-01'), ('thuong-phuoc-2', 'thuong-phuoc', '2025-07-01')]
    """
    return read_lineage(lineage_path(data_dir))
