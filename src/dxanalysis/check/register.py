"""Digital-government indicators computed from the one-stop-shop dossier register.

The register (sổ theo dõi hồ sơ TTHC) is the export of the one-stop-shop
system: one row per dossier. From it, per unit × period (and per field and
per receiving office), this module computes

=========================================  =================================================
``gov.online_dossier_rate``                online dossiers / dossiers with a known channel
``gov.ontime_dossier_rate``                completed on or before the due day / completed
``gov.online_services_with_dossiers_rate`` online-offered procedures with ≥ 1 online dossier
                                           / online-offered procedures (needs the procedure list)
``gov.dossiers_received``, ``gov.dossiers_online``, ``gov.dossiers_in_person``,
``gov.dossiers_postal``                    counts by channel
=========================================  =================================================

as observations in exactly the shape of :func:`dxanalysis.clean.clean_indicators`,
so every figure of the review is traceable to the records (``source`` names
the file, its row count and SHA-256).

Inputs (read by :mod:`dxanalysis.read.register`)
------------------------------------------------
* the register, ``data/raw/<unit>/<period>/register.csv|.xlsx|.parquet``
  (:func:`find_register`) or any file given explicitly. Headers in Vietnamese
  or English (:data:`REGISTER_COLUMNS`); required: dossier code, procedure
  code, received date, channel. Dates ``dd/mm/yyyy`` and what people type
  beside it: ``d/m/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``, ``yyyy-mm-dd``,
  ``yyyymmdd``, a time of day before or after the date (ignored: dates are
  compared by calendar day), Excel date cells and Excel serial numbers.
  Day first, always: ``05/08/2022`` is 5 August. Channels are matched after
  :func:`dxanalysis.vntext.match_key` and removal of diacritics
  (``Trực tuyến``, ``online``, ``TT``; ``trực tiếp``; ``Bưu chính``, ``BCCI`` …).
* the procedure list (danh mục TTHC), ``procedures.csv|.xlsx`` beside the
  register: procedure code, whether it is offered online and/or its level.
  A procedure counts as an *online public service* when its level is 3, 4,
  ``toàn trình`` or ``một phần``; when the level cell is empty, the online
  column decides (``có``/``x``/``yes``…). Level 1–2 is not online.

Rules for bad rows (counted per kind, with example rows; never dropped silently)
--------------------------------------------------------------------------------
A row may fall under several kinds; each kind counts it once.

1. *Unreadable received date* (blank or not a date): left out of everything —
   its period is unknown.
2. *Received outside the period* (:func:`period_bounds`): left out of everything.
3. *Duplicate dossier code*: the first row of a code counts, later rows with
   the same code are left out of everything. Blank codes are not compared.
4. *Unknown channel* (blank or not recognised): left out of the channel counts,
   the online rate and the online-services rate; still counted for on-time.
5. *Unreadable due or completion date* (typed but not a date): left out of the
   on-time rate only. A blank completion date means "not completed yet".
6. *Completed before received*: left out of the on-time rate only.
7. *Completed without a due date* (blank due cell): left out of the on-time rate only.

Kinds 4–7 are only reported for rows that kinds 1–3 have not already left out.
Rows left out of a rate are reported by one ``register_rows_excluded``
summary per kind (count, up to five example rows) and at most
:data:`DETAIL_FINDINGS` individual findings per kind, so a register of
millions of rows gives a short list. A rate whose denominator is 0 is not
emitted (there is nothing to measure). Row numbers are the spreadsheet's:
the header is the row it is on, records follow (Parquet: header = row 1).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "register.csv").write_text(
...     "Mã hồ sơ,Mã TTHC,Lĩnh vực,Ngày tiếp nhận,Hình thức tiếp nhận,Hạn xử lý,Ngày hoàn thành\\n"
...     "A1,P1,Hộ tịch,01/07/2022,Trực tuyến,05/07/2022,04/07/2022\\n"
...     "A2,P1,Hộ tịch,2/7/2022,trực tiếp,06/07/2022,08/07/2022\\n"
...     "A3,P2,Đất đai,2022-07-03,BCCI,10/07/2022,\\n"
...     "A4,P2,Đất đai,03/07/2022,online,10/07/2022,09/07/2022\\n", encoding="utf-8")
>>> _ = (folder / "procedures.csv").write_text(
...     "Mã TTHC,Mức độ\\nP1,Toàn trình\\nP2,Một phần\\nP3,Mức độ 4\\nP4,Mức độ 2\\n", encoding="utf-8")
>>> result = register_observations(folder, "hong-ngu", "2022-H2")
>>> result.observations[["indicator", "numerator", "denominator", "value"]].round(2).values.tolist()
[['gov.online_dossier_rate', 2.0, 4.0, 50.0], ['gov.ontime_dossier_rate', 2.0, 3.0, 66.67], \
['gov.online_services_with_dossiers_rate', 2.0, 3.0, 66.67], ['gov.dossiers_received', nan, nan, 4.0], \
['gov.dossiers_online', nan, nan, 2.0], ['gov.dossiers_in_person', nan, nan, 1.0], \
['gov.dossiers_postal', nan, nan, 1.0]]
>>> result.findings
[]
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dxanalysis.read.catalog import Catalog, load_catalog
from dxanalysis.check.observation import new_observation, observation_frame
from dxanalysis.exceptions import DxAnalysisError, InputFileError
from dxanalysis.figures import Figure
from dxanalysis.findings import Finding
from dxanalysis.read.register import (
    PROCEDURE_COLUMNS, REGISTER_COLUMNS, RegisterTable, find_procedures, find_register, read_procedures,
    read_register, read_register_table,
)
from dxanalysis.i18n import Message, N_
from dxanalysis.periods import Period, parse_period
from dxanalysis.provenance import sha256_of
from dxanalysis.vntext import clean_text, loose_key, match_key

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

__all__ = [
    "REGISTER_COLUMNS", "PROCEDURE_COLUMNS", "RegisterResult", "find_register", "find_procedures",
    "period_bounds", "parse_dates", "channel_of", "read_register", "read_procedures",
    "register_observations", "merge_register",
]

DETAIL_FINDINGS = 3  # individual findings per kind, beside the one summary
EXAMPLE_ROWS = 5

# Channel spellings, folded (no case, no diacritics, punctuation as spaces).
CHANNELS = ("online", "in_person", "postal")
_CHANNEL_WORDS = {
    "online": ("truc tuyen", "online", "tt", "qua mang", "dich vu cong truc tuyen", "dvc truc tuyen", "dvctt",
               "nop truc tuyen", "truc tuyen toan trinh", "truc tuyen mot phan", "internet", "cong dvc",
               "cong dich vu cong"),
    "in_person": ("truc tiep", "in person", "direct", "tai quay", "nop truc tiep", "mot cua",
                  "bo phan mot cua", "offline", "counter", "walk in"),
    "postal": ("buu chinh cong ich", "buu chinh", "bcci", "buu dien", "qua buu chinh", "qua buu chinh cong ich",
               "dich vu buu chinh cong ich", "postal", "post", "postal service", "mail"),
}
_CHANNEL_OF = {word: i for i, channel in enumerate(CHANNELS) for word in _CHANNEL_WORDS[channel]}

# Row problems: kind -> what the summary finding calls it (a message of the catalogs).
KINDS: dict[str, str] = {
    "bad_received": N_("register.kind.bad_received"),
    "outside_period": N_("register.kind.outside_period"),
    "duplicate_code": N_("register.kind.duplicate_code"),
    "unknown_channel": N_("register.kind.unknown_channel"),
    "bad_due_or_completed": N_("register.kind.bad_due_or_completed"),
    "completed_before_received": N_("register.kind.completed_before_received"),
    "no_due_date": N_("register.kind.no_due_date"),
}
_SEVERITY = {"outside_period": "info"}  # exporting a wider range than the period is legitimate
INDICATORS = ("gov.online_dossier_rate", "gov.ontime_dossier_rate", "gov.online_services_with_dossiers_rate",
              "gov.dossiers_received", "gov.dossiers_online", "gov.dossiers_in_person", "gov.dossiers_postal")
BREAKDOWN_COLUMNS = ["unit", "period", "{by}", "indicator", "numerator", "denominator", "value"]

@dataclass
class RegisterResult:
    """What the register gives one unit × period.

    ``observations``: rows shaped like :func:`dxanalysis.clean.clean_indicators`'s;
    ``by_field`` / ``by_office``: tidy tables (unit, period, field|office,
    indicator, numerator, denominator, value); ``findings``: the bad-row
    report; ``inputs``: the files read (for provenance); ``rows``: data rows
    read; ``excluded``: rows per problem kind (see the module's rules).
    """

    observations: pd.DataFrame
    by_field: pd.DataFrame
    by_office: pd.DataFrame
    findings: list[Finding]
    inputs: list[Path]
    rows: int = 0
    excluded: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------- files and periods



# How an observation computed from a register names its source in the processed data (a trace:
# rows, file, hash); the page says it in words (write.sections.shown_source).
REGISTER_SOURCE = "computed from the register:"

def period_bounds(period: Period | str) -> tuple[date, date]:
    """The first and last day of a period (both inclusive).

    >>> period_bounds("2022-H2")
    (datetime.date(2022, 7, 1), datetime.date(2022, 12, 31))
    >>> period_bounds(Period.quarter(2024, 1))[1], period_bounds("2023")
    (datetime.date(2024, 3, 31), (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)))
    """
    period = period if isinstance(period, Period) else parse_period(period)
    return period.first_day, period.last_day


def channel_of(text: str) -> str | None:
    """The channel a cell names: ``"online"``, ``"in_person"``, ``"postal"``, or ``None``.

    >>> [channel_of(t) for t in ["Trực tuyến", "TT", "trực tiếp", "BCCI", "Bưu chính", "Fax", ""]]
    ['online', 'online', 'in_person', 'postal', 'postal', None, None]
    """
    index = _CHANNEL_OF.get(loose_key(text or ""))
    return None if index is None else CHANNELS[index]


# ---------------------------------------------------------------- dates

_TIME = r"(?:[ T,]+\d{1,2}[:h]\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:AM|PM|SA|CH|am|pm|Z))?)?"
_LEAD_TIME = r"(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*,?\s+)?"
_DATE_PATTERNS = {
    "dmy": rf"^{_LEAD_TIME}(?P<d>\d{{1,2}})[/.\-](?P<m>\d{{1,2}})[/.\-](?P<y>\d{{4}}){_TIME}$",
    "ymd": rf"^(?P<y>\d{{4}})[/.\-](?P<m>\d{{1,2}})[/.\-](?P<d>\d{{1,2}}){_TIME}$",
    "compact": r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$",
}
_SERIAL = r"^(?P<n>\d{5})(?:\.0+)?$"
_EXCEL_EPOCH = -25569  # Excel serial 25569 is 1970-01-01 (the 1900 date system)


def _days_from_ymd(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # Whole-array calendar arithmetic: month starts via datetime64[M], so 31/02 is caught.
    ok = (y >= 1900) & (y <= 2100) & (m >= 1) & (m <= 12) & (d >= 1)
    months = np.where(ok, (y - 1970) * 12 + (m - 1), 0)
    start = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    end = (months + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    ok &= d <= end - start
    return np.where(ok, start + d - 1, 0), ok


def _as_int(digits: pa.Array) -> np.ndarray:
    import pyarrow.compute as pc

    # Rows the pattern did not match hold "" (or null) in the group's field.
    return pc.cast(pc.replace_substring_regex(pc.fill_null(digits, ""), "^$", "0"), "int64").to_numpy()


def _parse_unique_dates(texts: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parse distinct date strings: (days since 1970-01-01, blank, unreadable)."""
    import pyarrow.compute as pc

    texts = pc.utf8_trim_whitespace(texts)
    n = len(texts)
    blank = pc.equal(texts, "").to_numpy(zero_copy_only=False)
    days = np.zeros(n, dtype=np.int64)
    state = np.zeros(n, dtype=np.int8)  # 0 no shape matched yet, 1 a real day, 2 a date shape but no such day
    for pattern in _DATE_PATTERNS.values():
        parts = pc.extract_regex(texts, pattern)
        matched = parts.is_valid().to_numpy(zero_copy_only=False) & (state == 0)
        if not matched.any():
            continue
        y, m, d = (_as_int(parts.field(k)) for k in "ymd")
        value, ok = _days_from_ymd(y, m, d)
        days = np.where(matched & ok, value, days)
        state = np.where(matched, np.where(ok, 1, 2), state).astype(np.int8)
    serial = pc.extract_regex(texts, _SERIAL)
    is_serial = serial.is_valid().to_numpy(zero_copy_only=False) & (state == 0)
    if is_serial.any():
        number = _as_int(serial.field("n"))
        days = np.where(is_serial, number + _EXCEL_EPOCH, days)
        state = np.where(is_serial, 1, state).astype(np.int8)
    return days, blank, ~blank & (state != 1)


def _parse_date_column(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Days since 1970-01-01 per row, plus masks ``blank`` and ``bad`` (typed but unreadable)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_timestamp(column.type) or pa.types.is_date(column.type):
        # Typed dates (Parquet, Excel date cells) need no parsing.
        as_days = pc.cast(pc.cast(column, pa.date32()), pa.int32())
        blank = pc.is_null(as_days).to_numpy(zero_copy_only=False)
        days = pc.fill_null(as_days, 0).to_numpy(zero_copy_only=False).astype(np.int64)
        return days, blank, np.zeros(len(days), dtype=bool)
    # A register's dates repeat: parse each distinct text once, then index back.
    indices, texts = _encode(column)
    days, blank, bad = _parse_unique_dates(texts)
    return days[indices], blank[indices], bad[indices]


def parse_dates(texts: Iterable[object]) -> pd.DataFrame:
    """Parse date cells as people type them; one row per cell: ``date``, ``blank``, ``bad``.

    >>> parse_dates(["09/08/2022", "9/8/2022", "2022-08-09", "09-08-2022 14:30", "44782", "31/02/2022", ""])
             date  blank    bad
    0  2022-08-09  False  False
    1  2022-08-09  False  False
    2  2022-08-09  False  False
    3  2022-08-09  False  False
    4  2022-08-09  False  False
    5         NaT  False   True
    6         NaT   True  False
    """
    import pyarrow as pa

    values = [v.isoformat()[:10] if isinstance(v, date) else ("" if v is None else str(v)) for v in texts]
    days, blank, bad = _parse_date_column(pa.array(values, pa.string()))
    stamp = pd.Series(days.astype("datetime64[D]")).dt.date.astype(object)
    stamp = stamp.where(~(blank | bad), pd.NaT)
    return pd.DataFrame({"date": stamp, "blank": blank, "bad": bad})


# ---------------------------------------------------------------- computing


def _single_string_array(column: Any) -> pa.Array:
    """One contiguous string array (unifying per-chunk dictionaries is far slower than one copy)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = pc.cast(column, pa.string())
    if isinstance(column, pa.ChunkedArray):
        if column.nbytes >= 2**31 - 1 and pa.types.is_string(column.type):
            column = pc.cast(column, pa.large_string())  # 32-bit offsets stop at 2 GiB
        column = column.combine_chunks() if column.num_chunks else pa.array([], column.type)
    return pc.fill_null(column, "")


def _encode(column: Any) -> tuple[np.ndarray, pa.Array]:
    """Row -> index into the distinct texts, and those texts (an Arrow array)."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(_single_string_array(column))
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64, copy=False), encoded.dictionary


def _merge_spellings(indices: np.ndarray, texts: pa.Array) -> tuple[np.ndarray, list[str]]:
    # "Hộ tịch" and "hộ tịch " are one field; show the first spelling met.
    label_of: dict[str, int] = {}
    labels: list[str] = []
    mapping = np.empty(len(texts), dtype=np.int64)
    for i, text in enumerate(texts.to_pylist()):
        key = match_key(text)
        if key not in label_of:
            label_of[key] = len(labels)
            labels.append(clean_text(text))
        mapping[i] = label_of[key]
    return mapping[indices] if len(texts) else indices, labels


def _procedure_key(text: str) -> str:
    return "".join(str(text).split()).casefold()


@dataclass
class _Rows:
    """Per-row facts of a register, as numpy arrays."""

    received: np.ndarray
    counted: np.ndarray     # counts in everything (readable, in period, first of its code)
    channel: np.ndarray     # 0 online, 1 in person, 2 postal, -1 unknown
    completed_ok: np.ndarray
    ontime: np.ndarray      # among completed_ok
    problems: dict[str, np.ndarray]


def _examples(mask: np.ndarray, first_row: int) -> list[int]:
    return [int(i) + first_row for i in np.flatnonzero(mask)[:EXAMPLE_ROWS]]


def _classify(table: RegisterTable, period: Period) -> _Rows:
    n = table.rows
    cols = table.columns
    received, blank_r, bad_r = _parse_date_column(cols["received"])
    first, last = period_bounds(period)
    epoch = date(1970, 1, 1)
    start, end = (first - epoch).days, (last - epoch).days
    readable = ~(blank_r | bad_r)
    outside = readable & ((received < start) | (received > end))

    code_index, code_texts = _encode(cols["code"])
    import pyarrow.compute as pc

    blank_code = pc.equal(pc.utf8_trim_whitespace(code_texts), "").to_numpy(zero_copy_only=False)
    # Duplicates: only codes seen more than once need the (slower) first-occurrence test.
    counts = np.bincount(code_index, minlength=len(code_texts))
    repeated = (counts > 1) & ~blank_code if len(code_texts) else np.zeros(0, dtype=bool)
    duplicate = np.zeros(n, dtype=bool)
    if repeated.any():
        rows = np.flatnonzero(repeated[code_index])
        duplicate[rows] = pd.Series(code_index[rows]).duplicated(keep="first").to_numpy()

    channel_index, channel_texts = _encode(cols["channel"])
    channel_map = np.array([CHANNELS.index(c) if (c := channel_of(t)) else -1 for t in channel_texts.to_pylist()]
                           or [-1],
                           dtype=np.int8)
    channel = channel_map[channel_index] if n else np.zeros(0, dtype=np.int8)
    counted = readable & ~outside & ~duplicate

    problems = {"bad_received": ~readable, "outside_period": outside, "duplicate_code": duplicate,
                "unknown_channel": channel < 0}
    completed_ok = np.zeros(n, dtype=bool)
    ontime = np.zeros(n, dtype=bool)
    if "completed" in cols:
        done, blank_c, bad_c = _parse_date_column(cols["completed"])
        if "due" in cols:
            due, blank_d, bad_d = _parse_date_column(cols["due"])
        else:
            due, blank_d, bad_d = np.zeros(n, np.int64), np.ones(n, bool), np.zeros(n, bool)
        has_done = ~(blank_c | bad_c)
        before = has_done & readable & (done < received)
        no_due = has_done & blank_d
        bad_dates = bad_c | (bad_d & has_done)
        problems.update(bad_due_or_completed=bad_dates, completed_before_received=before, no_due_date=no_due)
        completed_ok = has_done & ~before & ~blank_d & ~bad_d
        ontime = completed_ok & (done <= due)
    return _Rows(received, counted, channel, completed_ok, ontime, problems)


def _row_findings(table: RegisterTable, facts: _Rows, period: Period) -> tuple[list[Finding], dict[str, int]]:
    findings: list[Finding] = []
    excluded: dict[str, int] = {}
    path, header, first_row = str(table.path), table.header, table.first_row
    counted_only_if = {  # a kind is only worth reporting for rows that would otherwise count
        "bad_received": None, "outside_period": None, "duplicate_code": None,
        "unknown_channel": facts.counted, "bad_due_or_completed": facts.counted,
        "completed_before_received": facts.counted, "no_due_date": facts.counted,
    }
    text = {c: table.columns[c] for c in table.columns}

    def cell(column: str, i: int) -> str:
        return str(text[column][int(i)].as_py() or "") if column in text else ""

    for kind, mask in facts.problems.items():
        scope = counted_only_if[kind]
        mask = mask & scope if scope is not None else mask
        count = int(mask.sum())
        if not count:
            continue
        excluded[kind] = count
        # Rows outside the period are routine (a wider export) unless no row is inside it.
        severity = _SEVERITY.get(kind, "warning") if facts.counted.any() else "warning"
        for i in np.flatnonzero(mask)[:DETAIL_FINDINGS]:
            row = int(i) + first_row
            if kind == "bad_received":
                findings.append(Finding(severity, "register_bad_date", path=path, row=row,
                                        column=header["received"], value=cell("received", i)))
            elif kind == "bad_due_or_completed":
                column = "completed" if _parse_date_column(text["completed"][int(i):int(i) + 1])[2][0] else "due"
                findings.append(Finding(severity, "register_bad_date", path=path, row=row,
                                        column=header[column], value=cell(column, i)))
            elif kind == "outside_period":
                findings.append(Finding(severity, "register_outside_period", path=path, row=row,
                                        column=header["received"], value=cell("received", i),
                                        params={"period": period.slug}))
            elif kind == "duplicate_code":
                code = cell("code", i)
                same = np.flatnonzero(_equal_mask(text["code"], code))
                findings.append(Finding(severity, "register_duplicate_code", path=path, row=row,
                                        column=header["code"], value=code,
                                        params={"first_row": int(same[0]) + first_row}))
            elif kind == "unknown_channel":
                findings.append(Finding(severity, "register_unknown_channel", path=path, row=row,
                                        column=header["channel"], value=cell("channel", i)))
            elif kind == "completed_before_received":
                findings.append(Finding(severity, "register_completed_before_received", path=path, row=row,
                                        column=header["completed"], value=cell("completed", i),
                                        params={"completed": cell("completed", i), "received": cell("received", i)}))
        findings.append(Finding(severity, "register_rows_excluded", path=path, params={
                "count": count, "kind": Message(KINDS[kind]),
                "examples": ", ".join(str(r) for r in _examples(mask, first_row))}))
    return findings, excluded


def _equal_mask(column: Any, value: str) -> np.ndarray:
    import pyarrow.compute as pc

    return pc.equal(column, value).to_numpy(zero_copy_only=False)


def _tally(group: np.ndarray, groups: int, facts: _Rows) -> dict[str, np.ndarray]:
    """Counts per group (bincount: one pass over the rows per figure)."""
    known = facts.counted & (facts.channel >= 0)
    by_channel = np.bincount(group[known] * 3 + facts.channel[known], minlength=groups * 3).reshape(groups, 3)
    completed = facts.counted & facts.completed_ok
    return {
        "online": by_channel[:, 0], "in_person": by_channel[:, 1], "postal": by_channel[:, 2],
        "received": by_channel.sum(axis=1),
        "completed": np.bincount(group[completed], minlength=groups),
        "ontime": np.bincount(group[completed & facts.ontime], minlength=groups),
    }


def _figures(tally: dict[str, np.ndarray], i: int) -> list[tuple[str, float, float, float]]:
    """(indicator, numerator, denominator, value) rows of group ``i``; rates only when measurable."""
    out = []
    for code, num, den in (("gov.online_dossier_rate", "online", "received"),
                           ("gov.ontime_dossier_rate", "ontime", "completed")):
        if tally[den][i] > 0:
            out.append((code, float(tally[num][i]), float(tally[den][i]), tally[num][i] / tally[den][i] * 100))
    for code, key in (("gov.dossiers_received", "received"), ("gov.dossiers_online", "online"),
                      ("gov.dossiers_in_person", "in_person"), ("gov.dossiers_postal", "postal")):
        out.append((code, math.nan, math.nan, float(tally[key][i])))
    return out


def _observation(code: str, numerator: float, denominator: float, value: float, *, catalog: Catalog, unit: str,
                 period: Period, source: str, path: Path) -> dict[str, Any]:
    indicator = catalog[code]
    ratio = indicator.kind == "ratio"
    return new_observation(
        unit=unit, period=period.slug, indicator=code, pillar=indicator.pillar, kind=indicator.kind,
        better=indicator.better, name_vi=indicator.name_vi, name_en=indicator.name_en,
        name_typed=indicator.name_vi, count_unit=indicator.unit_vi, count_unit_en=indicator.unit_en,
        numerator=numerator, denominator=denominator, value=value,
        value_percent=ratio, value_decimals=10 if ratio else 0, source=source, path=str(path), row=1)


def _services(facts: _Rows, table: RegisterTable, procedures: pd.DataFrame,
              field_labels: list[str]) -> tuple[tuple[float, float] | None, list[tuple[str, float, float]]]:
    """Online-offered procedures with ≥ 1 online dossier: overall, and per field of the procedure list."""
    offered = procedures[procedures["online"].astype(bool)]
    offered = offered.assign(_key=offered["procedure_code"].map(_procedure_key)).drop_duplicates("_key")
    if offered.empty:
        return None, []
    index, texts = _encode(table.columns["procedure_code"])
    used_index = np.unique(index[facts.counted & (facts.channel == 0)])
    used = {_procedure_key(t) for t in texts.take(used_index).to_pylist()}
    with_dossiers = offered["_key"].isin(used)
    overall = (float(with_dossiers.sum()), float(len(offered)))
    per_field = []
    if "field" in offered and (offered["field"].fillna("") != "").any():
        # Spell a field as the register does when both name it.
        label_of = {match_key(label): label for label in field_labels}
        labels = offered["field"].fillna("").map(lambda f: label_of.get(match_key(f), clean_text(f)))
        for label, group in with_dossiers.groupby(labels, sort=False):
            per_field.append((label, float(group.sum()), float(len(group))))
    return overall, per_field


def _breakdown(by: str, labels: list[str], tally: dict[str, np.ndarray] | None, unit: str, period: Period,
               services: Iterable[tuple[str, float, float]] = ()) -> pd.DataFrame:
    rows_of: dict[str, list[tuple[str, float, float, float]]] = {}
    for i, label in enumerate(labels):
        rows_of[label] = _figures(tally, i) if tally is not None else []
    for label, num, den in services:
        figures = rows_of.setdefault(label, [])
        figures.insert(min(2, len(figures)), ("gov.online_services_with_dossiers_rate", num, den, num / den * 100))
    rows = [{"unit": unit, "period": period.slug, by: label, "indicator": code,
             "numerator": num, "denominator": den, "value": value}
            for label, figures in rows_of.items() for code, num, den, value in figures]
    frame = pd.DataFrame(rows, columns=[c.format(by=by) for c in BREAKDOWN_COLUMNS])
    return frame.astype({"numerator": "float64", "denominator": "float64", "value": "float64"})


def register_observations(
    source: str | Path, unit: str, period: Period | str, catalog: Catalog | None = None,
    procedures: str | Path | pd.DataFrame | None = None,
) -> RegisterResult:
    """Compute the register's indicators for ``unit`` × ``period``.

    ``source`` is a register file or a period folder holding one
    (:func:`find_register`). ``procedures`` is the procedure list (a file, or a
    table as :func:`read_procedures` returns); by default ``procedures.*``
    beside the register, if there is one. Without it the online-services
    rate is not computed. Input files are only read.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "register.csv"
    >>> _ = path.write_text("code,procedure code,received,channel\\nA,P,01/07/2022,online\\n"
    ...                     "A,P,01/07/2022,online\\nB,P,01/01/2022,online\\nC,P,02/07/2022,fax\\n", encoding="utf-8")
    >>> result = register_observations(path, "hong-ngu", "2022-H2")
    >>> result.excluded
    {'outside_period': 1, 'duplicate_code': 1, 'unknown_channel': 1}
    >>> result.observations.iloc[0][["numerator", "denominator", "value"]].astype(float).tolist()
    [1.0, 1.0, 100.0]
    """
    period = period if isinstance(period, Period) else parse_period(period)
    catalog = catalog if catalog is not None else load_catalog()
    missing = [code for code in INDICATORS if code not in catalog]
    if missing:
        raise DxAnalysisError(Message("error.catalog_lacks_register_indicators", {"codes": ", ".join(missing)}))
    source = Path(source)
    path = source
    if source.is_dir():
        found = find_register(source)
        if found is None:
            raise InputFileError(source, Message("error.no_register"), Message("hint.export_register_here"))
        path = found
    # Names and statuses are not used by any figure: not reading them saves memory.
    table = read_register_table(path, drop=frozenset({"procedure_name", "status"}))
    inputs = [path]
    procedure_table: pd.DataFrame | None = None
    if isinstance(procedures, pd.DataFrame):
        procedure_table = procedures
    else:
        procedure_path = Path(procedures) if procedures is not None else find_procedures(path.parent)
        if procedure_path is not None:
            procedure_table = read_procedures(procedure_path)
            inputs.append(procedure_path)

    facts = _classify(table, period)
    findings, excluded = _row_findings(table, facts, period)
    source_text = f"{REGISTER_SOURCE} {table.rows} rows, {path.name}, sha256 {sha256_of(path)[:12]}"

    n = table.rows
    total = _tally(np.zeros(n, dtype=np.int64), 1, facts)
    if "field" in table.columns:
        field_group, field_labels = _merge_spellings(*_encode(table.columns["field"]))
    else:
        field_group, field_labels = None, []
    services, services_by_field = (None, [])
    if procedure_table is not None:
        services, services_by_field = _services(facts, table, procedure_table, field_labels)

    figures = _figures(total, 0)
    if services is not None:
        figures.insert(2, ("gov.online_services_with_dossiers_rate", services[0], services[1],
                           services[0] / services[1] * 100))
    rows = [_observation(code, num, den, value, catalog=catalog, unit=unit, period=period, source=source_text,
                         path=path) for code, num, den, value in figures]
    observations = observation_frame(rows)

    if field_group is not None:
        by_field = _breakdown("field", field_labels, _tally(field_group, len(field_labels), facts), unit, period,
                              services_by_field)
    else:
        by_field = _breakdown("field", [], None, unit, period)
    if "office" in table.columns:
        office_group, office_labels = _merge_spellings(*_encode(table.columns["office"]))
        by_office = _breakdown("office", office_labels, _tally(office_group, len(office_labels), facts), unit, period)
    else:
        by_office = _breakdown("office", [], None, unit, period)
    return RegisterResult(observations, by_field, by_office, findings, inputs, n, excluded)


# ---------------------------------------------------------------- typed vs computed


def _figure(row: pd.Series) -> Figure:
    # Both sides written as the review writes figures, in the language the finding is read in.
    return Figure.of(row, with_unit=False)


def _disagree(typed: pd.Series, computed: pd.Series) -> bool:
    def present(x: object) -> bool:
        return x is not None and not (isinstance(x, float) and math.isnan(x))

    if present(typed.numerator) and present(typed.denominator) and present(computed.numerator):
        return bool(typed.numerator != computed.numerator or typed.denominator != computed.denominator)
    if not present(typed.value) or not present(computed.value):
        return False
    v, c = float(typed.value), float(computed.value)
    qualifier = typed.get("value_qualifier") or ""
    if qualifier == "at_least":
        return c < v
    if qualifier == "above":
        return c <= v
    if qualifier == "below":
        return c >= v
    if qualifier == "at_most":
        return c > v
    if qualifier == "approx":
        return abs(c - v) > 0.1 * max(abs(v), 1e-9)  # "gần 1.400": a tenth either way
    decimals = int(typed.get("value_decimals", 0) or 0)
    return abs(c - v) > 0.5 * 10 ** -min(decimals, 9) + 1e-9


_KEPT_FROM_TYPED = ("pillar", "target", "target_qualifier", "target_percent", "target_decimals", "target_text", "note")


def merge_register(typed: pd.DataFrame, computed: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    """Combine typed observations with the register's: the register's figure wins.

    For an indicator in both, the row becomes the register's, keeping the
    analyst's target, note and pillar; a disagreement beyond the typed
    rounding (or against a typed qualifier such as ``dưới 100%``) is a
    ``register_disagrees`` warning at the typed row. Typed-only rows stay as
    they are; register-only rows are appended. Run
    :func:`dxanalysis.assess.status.assess` on the result (extra columns such as
    ``status`` are left empty on register rows). Neither input is modified.

    >>> typed = observation_frame([new_observation(indicator="gov.online_dossier_rate",
    ...     numerator=9475.0, denominator=15684.0, value=60.41, value_percent=True,
    ...     target=50.0, target_text="50%", path="indicators.csv", row=4)])
    >>> computed = typed.assign(numerator=9470.0, value=9470 / 15684 * 100, target=math.nan, target_text="",
    ...                         path="register.csv", row=1)
    >>> merged, findings = merge_register(typed, computed)
    >>> merged[["numerator", "target", "path"]].values.tolist()
    [[9470.0, 50.0, 'register.csv']]
    >>> print(findings[0].describe("en"))
    indicators.csv, row 4: the typed figure 9,475/15,684 (60.41%) differs from the figure computed from the register 9,470/15,684 (60.38%). Reconcile them; the report uses the figure computed from the register.
    >>> print(findings[0].message("vi"))
    Số liệu nhập tay 9.475/15.684 (60,41%) khác số liệu tính từ sổ theo dõi hồ sơ 9.470/15.684 (60,38%).
    """
    columns = list(dict.fromkeys([*typed.columns, *computed.columns]))
    computed_of = {row.indicator: row for row in computed.itertuples(index=False)}
    findings: list[Finding] = []
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for record in typed.to_dict("records"):
        code = record["indicator"]
        if code not in computed_of or code in seen:
            out.append(record)
            continue
        seen.add(code)
        mine = pd.Series(record)
        theirs = pd.Series(computed_of[code]._asdict())
        if _disagree(mine, theirs):
            findings.append(Finding("warning", "register_disagrees", path=record.get("path") or None,
                                    row=int(record["row"]) if str(record.get("row", "")).strip() else None,
                                    indicator=code, value=record.get("value_text") or None,
                                    params={"typed": _figure(mine), "computed": _figure(theirs)}))
        merged = {c: pd.NA for c in columns}
        merged.update(theirs.to_dict())
        for column in _KEPT_FROM_TYPED:
            if column in record and (column != "pillar" or record[column]):
                merged[column] = record[column]
        out.append(merged)
    for code, row in computed_of.items():
        if code not in seen:
            out.append({**{c: pd.NA for c in columns}, **row._asdict()})
    frame = pd.DataFrame(out, columns=columns)
    dtypes = {c: t for c, t in typed.dtypes.items() if c in computed.columns and t == computed.dtypes.get(c)}
    return frame.astype(dtypes) if dtypes else frame, findings
