"""Read the one-stop-shop dossier register and the procedure list (danh mục TTHC).

The register is the export of the one-stop-shop system, one row per dossier,
often millions of rows: its body is read by Arrow (``pyarrow.csv``) into
one string column per canonical column, never into Python objects; the
encoding, delimiter and header row come from :mod:`dxanalysis.read.table`,
as for every other input. Workbooks are read by python-calamine, Parquet
files by Arrow. The computing is in :mod:`dxanalysis.check.register`.

Headers may be Vietnamese or English (:data:`REGISTER_COLUMNS`,
:data:`PROCEDURE_COLUMNS`), compared after
:func:`~dxanalysis.vntext.loose_key`; title lines above the header are
skipped. Row numbers are the spreadsheet's (Parquet: header = row 1).

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "register.csv"
>>> _ = path.write_text("UBND HUYỆN\\nSố hồ sơ;Mã thủ tục;Ngày nhận;Kênh\\nA1;P1;01/07/2022;online\\n", encoding="utf-8")
>>> table = read_register_table(path)
>>> table.header, table.first_row, table.rows
({'code': 'Số hồ sơ', 'procedure_code': 'Mã thủ tục', 'received': 'Ngày nhận', 'channel': 'Kênh'}, 3, 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dxanalysis.exceptions import InputFileError
from dxanalysis.i18n import N_, Message
from dxanalysis.read.table import (
    SEARCH_ROWS, TEXT_SUFFIXES, WORKBOOK_SUFFIXES, ColumnSpec, check_file, choose_delimiter, first_sheet_with_header,
    locate_header, no_rows, parquet_columns, read_text, read_workbook, split_rows, utf8_source,
)
from dxanalysis.vntext import clean_text, loose_key

__all__ = [
    "REGISTER_COLUMNS", "PROCEDURE_COLUMNS", "REGISTER", "PROCEDURES", "RegisterTable", "find_register",
    "find_procedures", "read_register_table", "read_register", "read_procedures",
]

# canonical column -> header texts that mean it (compared after loose_key)
REGISTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("mã hồ sơ", "số hồ sơ", "mã số hồ sơ", "số biên nhận", "mã biên nhận", "mã", "dossier code",
             "dossier id", "dossier", "dossier_code", "code", "id"),
    "procedure_code": ("mã tthc", "mã thủ tục", "mã thủ tục hành chính", "mã số tthc", "procedure code",
                       "procedure id", "procedure_code"),
    "procedure_name": ("tên tthc", "tên thủ tục", "tên thủ tục hành chính", "thủ tục hành chính", "thủ tục",
                       "procedure name", "procedure", "procedure_name"),
    "field": ("lĩnh vực", "tên lĩnh vực", "field", "sector"),
    "office": ("đơn vị tiếp nhận", "cơ quan tiếp nhận", "nơi tiếp nhận", "đơn vị", "cơ quan",
               "receiving unit", "receiving office", "office", "agency"),
    "received": ("ngày tiếp nhận", "ngày nhận", "ngày nhận hồ sơ", "thời gian tiếp nhận", "ngày nộp",
                 "received", "received date", "date received", "received_date", "receipt date"),
    "channel": ("hình thức tiếp nhận", "kênh tiếp nhận", "hình thức nộp", "hình thức nộp hồ sơ", "hình thức",
                "kênh", "channel", "submission channel", "channel type"),
    "due": ("hạn xử lý", "hạn giải quyết", "ngày hẹn trả", "ngày hẹn trả kết quả", "hẹn trả", "thời hạn",
            "due", "due date", "deadline", "due_date"),
    "completed": ("ngày hoàn thành", "ngày có kết quả", "ngày giải quyết xong", "ngày kết thúc",
                  "ngày hoàn thành xử lý", "completed", "completion date", "date completed", "completed_date"),
    "status": ("trạng thái", "tình trạng", "trạng thái hồ sơ", "status"),
}
REQUIRED_REGISTER_COLUMNS = ("code", "procedure_code", "received", "channel")
PROCEDURE_COLUMNS: dict[str, tuple[str, ...]] = {
    "procedure_code": ("mã tthc", "mã thủ tục", "mã thủ tục hành chính", "mã số", "mã", "procedure code",
                       "code", "procedure_code"),
    "procedure_name": ("tên tthc", "tên thủ tục", "tên thủ tục hành chính", "thủ tục hành chính", "procedure name",
                       "name", "procedure"),
    "field": ("lĩnh vực", "field", "sector"),
    "online": ("dịch vụ công trực tuyến", "dvc trực tuyến", "dvctt", "dvc tt", "trực tuyến", "cung cấp trực tuyến",
               "online", "online service", "offered online"),
    "level": ("mức độ", "mức độ dvc", "mức độ dịch vụ công", "mức độ dvctt", "mức độ trực tuyến", "level",
              "online level", "service level"),
}
REGISTER = ColumnSpec(Message("file_kind.register"), REGISTER_COLUMNS, REQUIRED_REGISTER_COLUMNS)
PROCEDURES = ColumnSpec(Message("file_kind.procedures"), PROCEDURE_COLUMNS, ("procedure_code",))
REGISTER_NAMES = ("register", "so-theo-doi-ho-so", "dossiers")
PROCEDURE_NAMES = ("procedures", "danh-muc-tthc")
REGISTER_SUFFIXES = (*TEXT_SUFFIXES, *WORKBOOK_SUFFIXES, ".parquet")

# Online flags and levels of the procedure list, folded by loose_key.
_TRUE = {"co", "x", "yes", "y", "true", "1", "da cung cap", "co cung cap", "v", "dat"}
_FALSE = {"", "khong", "no", "n", "false", "0", "chua", "chua cung cap", "-"}
_LEVEL_ONLINE = {"3", "4", "muc 3", "muc 4", "muc do 3", "muc do 4", "toan trinh", "mot phan", "dvc toan trinh",
                 "dvc mot phan", "truc tuyen toan trinh", "truc tuyen mot phan", "full", "partial", "level 3",
                 "level 4", "fully online", "partly online"}
_LEVEL_OFFLINE = {"1", "2", "muc 1", "muc 2", "muc do 1", "muc do 2", "level 1", "level 2", "thong tin",
                  "cung cap thong tin", "khong", "no", "none"}
# column -> (online answers, offline answers, what a cell must be, how to fix it)
_ANSWERS = {
    "level": (_LEVEL_ONLINE, _LEVEL_OFFLINE, N_("error.not_a_level"), Message("hint.level")),
    "online": (_TRUE, _FALSE, N_("error.not_yes_no"), Message("hint.yes_no")),
}


# ---------------------------------------------------------------- finding the files


def _find(period_dir: str | Path, names: Iterable[str], suffixes: Iterable[str]) -> Path | None:
    folder = Path(period_dir)
    found = sorted(p for name in names for p in folder.glob(f"{name}.*") if p.suffix.lower() in tuple(suffixes))
    if len(found) > 1:
        raise InputFileError(folder, Message("error.several_files", {"files": ", ".join(p.name for p in found)}),
                             Message("hint.keep_one"))
    return found[0] if found else None


def find_register(period_dir: str | Path) -> Path | None:
    """The dossier register of a period folder (``register.csv|.xlsx|.parquet``), or ``None``.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> find_register(folder) is None
    True
    >>> _ = (folder / "register.parquet").write_bytes(b"")
    >>> find_register(folder).name
    'register.parquet'
    """
    return _find(period_dir, REGISTER_NAMES, (".csv", ".xlsx", ".xlsm", ".parquet"))


def find_procedures(period_dir: str | Path) -> Path | None:
    """The procedure list of a period folder (``procedures.csv|.xlsx``), or ``None``.

    >>> import tempfile
    >>> find_procedures(tempfile.mkdtemp()) is None
    True
    """
    return _find(period_dir, PROCEDURE_NAMES, (".csv", ".xlsx", ".xlsm", ".parquet"))


# ---------------------------------------------------------------- reading


@dataclass
class RegisterTable:
    """A register (or procedure list) read column-wise.

    ``columns``: canonical name → Arrow string array (Parquet: as typed in
    the file, e.g. timestamps); ``header``: canonical name → header as typed;
    ``first_row``: the spreadsheet row of the first record.
    """

    path: Path
    columns: dict[str, Any]
    header: dict[str, str]
    first_row: int
    rows: int


def _read_csv(path: Path, spec: ColumnSpec, drop: frozenset[str]) -> RegisterTable:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    data, head, _ = utf8_source(path)  # data is None unless the file had to be transcoded
    delimiter = choose_delimiter(head, spec, path)
    rows = split_rows(head, delimiter, path, SEARCH_ROWS)
    header = locate_header(rows, spec, path)
    positions = {c: p for c, p in header.positions.items() if c not in drop}
    names = [f"_c{i}" for i in range(max(len(rows[header.index]), 1))]
    wanted = {f"_c{p}": c for c, p in positions.items()}

    def read(source: bytes | None, newlines: bool) -> pa.Table:
        return pacsv.read_csv(
            str(path) if source is None else pa.BufferReader(source),
            read_options=pacsv.ReadOptions(skip_rows=header.index + 1, column_names=names),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=newlines),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in wanted}, include_columns=list(wanted),
                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )

    def read_any(source: bytes | None) -> pa.Table:
        try:
            return read(source, False)
        except pa.ArrowInvalid:
            return read(source, True)  # quoted line breaks inside a cell (long procedure names)

    try:
        try:
            table = read_any(data)
        except pa.ArrowInvalid as err:
            if data is not None or "UTF8" not in str(err):
                raise
            # The first lines were UTF-8, a later one is not: decide on the whole file.
            table = read_any(read_text(path, max_bytes=None)[0].encode("utf-8"))
    except pa.ArrowInvalid as err:
        text = str(err).split("\n")[0]
        hint = Message("hint.register_csv_cells") if "UTF8" in text or "column" in text.lower() \
            else Message("hint.export_register_from_system")
        raise InputFileError(path, Message("error.cannot_read_register_csv", {"error": text}), hint) from None
    if not table.num_rows:
        raise no_rows(path, spec)
    return RegisterTable(path, {wanted[n]: table[n] for n in wanted}, {c: header.texts[c] for c in positions},
                         header.index + 2, table.num_rows)


def _read_xlsx(path: Path, spec: ColumnSpec) -> RegisterTable:
    import pyarrow as pa

    header, rows = first_sheet_with_header(read_workbook(path, fast=True), spec, path)
    body = rows[header.index + 1:]
    while body and not any(body[-1]):
        body.pop()  # Excel keeps formatted but empty rows at the end
    if not body:
        raise no_rows(path, spec)
    arrays = {c: pa.array([r[p] if p < len(r) else "" for r in body], pa.string())
              for c, p in header.positions.items()}
    return RegisterTable(path, arrays, header.texts, header.index + 2, len(body))


def _read_parquet(path: Path, spec: ColumnSpec, drop: frozenset[str]) -> RegisterTable:
    import pyarrow as pa
    import pyarrow.parquet as pq

    names, header = parquet_columns(path, spec)
    positions = {c: p for c, p in header.positions.items() if c not in drop}
    try:
        table = pq.read_table(path, columns=[names[p] for p in positions.values()])
    except (pa.ArrowException, OSError) as err:  # damaged pages behind a readable schema
        raise InputFileError(path, Message("error.cannot_read_parquet", {"error": err}),
                             Message("hint.export_register_again")) from None
    if not table.num_rows:
        raise no_rows(path, spec)
    return RegisterTable(path, {c: table[names[p]] for c, p in positions.items()},
                         {c: names[p] for c, p in positions.items()}, 2, table.num_rows)


def read_register_table(path: str | Path, spec: ColumnSpec = REGISTER,
                        drop: frozenset[str] = frozenset()) -> RegisterTable:
    """Read a register (or, with ``spec=PROCEDURES``, a procedure list) column-wise; ``drop`` columns are not read.

    When two header cells mean one column the first is read: one-stop-shop
    exports often carry both ``Mã hồ sơ`` and ``Số biên nhận``. See the
    module's example.
    """
    path = Path(path)
    suffix = check_file(path, REGISTER_SUFFIXES)
    if suffix in TEXT_SUFFIXES:
        return _read_csv(path, spec, drop)
    if suffix == ".parquet":
        return _read_parquet(path, spec, drop)
    return _read_xlsx(path, spec)


def read_register(path: str | Path) -> pd.DataFrame:
    """Read a register into a text table with canonical column names and ``_row``.

    For looking at a register; :func:`dxanalysis.check.register.register_observations`
    reads it with Arrow and never builds this table.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "register.csv"
    >>> _ = path.write_text("UBND HUYỆN\\nSố hồ sơ;Mã thủ tục;Ngày nhận;Kênh\\nA1;P1;01/07/2022;online\\n", encoding="utf-8")
    >>> read_register(path).to_dict("records")
    [{'code': 'A1', 'procedure_code': 'P1', 'received': '01/07/2022', 'channel': 'online', '_row': 3}]
    """
    table = read_register_table(path)
    frame = pd.DataFrame({c: pd.Series(np.asarray(a.to_pylist(), dtype=object)) for c, a in table.columns.items()})
    frame["_row"] = np.arange(table.first_row, table.first_row + table.rows, dtype=np.int64)
    return frame


def _online_offered(record: dict[str, str], row: int, path: Path, header: dict[str, str]) -> bool:
    # The level decides when it is filled; otherwise the online column does (blank: not online).
    level = loose_key(record.get("level", "")).replace("muc do dvc", "muc do").replace("dich vu cong", "dvc")
    column, key = ("level", level) if level else ("online", loose_key(record.get("online", "")))
    yes, no, problem, hint = _ANSWERS[column]
    if key in yes:
        return True
    if key in no:
        return False
    raise InputFileError(path, Message(problem, {"row": row, "column": header[column], "value": record[column]}), hint)


def read_procedures(path: str | Path) -> pd.DataFrame:
    """Read a procedure list: ``procedure_code``, ``procedure_name``, ``field``, ``online`` (bool), ``_row``.

    An unreadable online flag or level raises :class:`~dxanalysis.exceptions.InputFileError`:
    the list is short and hand-kept, so it is fixed rather than guessed.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "procedures.csv"
    >>> _ = path.write_text("Mã TTHC,DVC trực tuyến,Mức độ\\nP1,Có,\\nP2,Có,Mức độ 2\\nP3,,Toàn trình\\n", encoding="utf-8")
    >>> read_procedures(path)[["procedure_code", "online"]].values.tolist()
    [['P1', True], ['P2', False], ['P3', True]]
    """
    path = Path(path)
    table = read_register_table(path, PROCEDURES)
    if "online" not in table.columns and "level" not in table.columns:
        names = ", ".join(repr(a) for a in PROCEDURE_COLUMNS["online"] + PROCEDURE_COLUMNS["level"])
        raise InputFileError(path, Message("error.no_online_column"), Message("hint.add_one_of", {"names": names}))
    values = {c: [clean_text(str(v)) for v in a.to_pylist()] for c, a in table.columns.items()}
    records = []
    for i in range(table.rows):
        record = {c: v[i] for c, v in values.items()}
        if not any(record.values()):
            continue
        row = table.first_row + i
        records.append({"procedure_code": record["procedure_code"], "procedure_name": record.get("procedure_name", ""),
                        "field": record.get("field", ""),
                        "online": _online_offered(record, row, path, table.header), "_row": row})
    if not records:
        raise no_rows(path, PROCEDURES)
    return pd.DataFrame(records, columns=["procedure_code", "procedure_name", "field", "online", "_row"])
