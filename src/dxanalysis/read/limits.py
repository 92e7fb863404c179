"""How big an input may be, checked before it is loaded (a workbook is a zip that can unpack to gigabytes).

=====================================  ==================  ===================
limit                                  forms, small tables  dossier registers
=====================================  ==================  ===================
bytes of sheet data once unpacked      100 MB               2 GB
cells (the sheets' declared extent)    1,000,000            30,000,000
unpacked ÷ packed size of one part     at most 100 (a bomb; real workbooks
                                       pack 5 to 30 times)
bytes of a CSV file                    100 MB               no limit (streamed)
characters in one cell                 32,767 (Excel's own limit)
=====================================  ==================  ===================

Every breach is one :class:`~dxanalysis.exceptions.InputFileError` naming the
file, the limit and what to do.

Examples
--------
>>> import tempfile, pathlib, openpyxl
>>> path = pathlib.Path(tempfile.mkdtemp()) / "form.xlsx"
>>> book = openpyxl.Workbook(); book.active.append(["Chỉ tiêu", "Giá trị"]); book.save(path)
>>> check_workbook(path, FORM_LIMITS)
>>> check_workbook(path, WorkbookLimits(unpacked_bytes=100, cells=10))
Traceback (most recent call last):
...
dxanalysis.exceptions.InputFileError: ...form.xlsx: tệp Excel khi giải nén có ... byte trang tính, vượt mức 100 byte của một biểu mẫu. Tách tệp, hoặc chỉ giữ bảng số liệu của kỳ.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from dxanalysis.exceptions import InputFileError
from dxanalysis.i18n import Message

EXCEL_CELL_CHARACTERS = 32_767


@dataclass(frozen=True)
class WorkbookLimits:
    """The most a workbook may hold (see the module's table)."""

    unpacked_bytes: int = 100_000_000
    cells: int = 1_000_000
    ratio: float = 100.0
    cell_characters: int = EXCEL_CELL_CHARACTERS
    kind: Message = Message("file_kind.form")


MAX_TABLE_BYTES = 100_000_000  # a CSV form or small table (registers are read in pieces, any size)
FORM_LIMITS = WorkbookLimits()
REGISTER_LIMITS = WorkbookLimits(unpacked_bytes=2_000_000_000, cells=30_000_000, kind=Message("file_kind.register"))
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_STRING_ITEM = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.decode():
        number = number * 26 + ord(letter) - 64
    return number


def _declared_cells(archive: zipfile.ZipFile, name: str) -> int:
    with archive.open(name) as part:
        head = part.read(4096)  # <dimension> comes first in a sheet
    found = _DIMENSION.search(head)
    if not found or not found.group(3):
        return 1 if found else 0
    rows = int(found.group(4)) - int(found.group(2)) + 1
    columns = _column_number(found.group(3)) - _column_number(found.group(1)) + 1
    return max(rows, 0) * max(columns, 0)


def _longest_string(archive: zipfile.ZipFile, name: str, limit: int) -> int:
    """The length (in bytes, ≥ characters) of the longest text run, read in pieces."""
    longest, current, inside = 0, 0, False
    with archive.open(name) as part:
        while chunk := part.read(1 << 20):
            for piece in re.split(rb"(<[^<>]*>?)", chunk):
                if piece.startswith(b"<"):
                    inside = bool(_STRING_ITEM.fullmatch(piece)) if not piece.startswith(b"</") else False
                    current = 0
                elif inside:
                    current += len(piece)
                    longest = max(longest, current)
                    if longest > limit * 4:  # UTF-8 takes at most 4 bytes a character
                        return longest
    return longest


# What reading a damaged zip part raises: a bad deflate stream, a bad CRC, an encrypted member, a cut file.
_DAMAGED = (zipfile.BadZipFile, zlib.error, RuntimeError, EOFError, OSError, ValueError)


def check_workbook(path: str | Path, limits: WorkbookLimits = FORM_LIMITS) -> None:
    """Refuse a workbook that would take too much memory or time to load, before loading it.

    A damaged workbook is an :class:`InputFileError` too, never a traceback.
    """
    try:
        _check_workbook(Path(path), limits)
    except _DAMAGED as err:
        raise InputFileError(path, Message("error.cannot_open_workbook", {"error": err}),
                             Message("hint.save_again")) from None


def _check_workbook(path: Path, limits: WorkbookLimits) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = [info for info in archive.infolist() if info.filename.startswith("xl/")]
        unpacked = sum(info.file_size for info in parts)
        if unpacked > limits.unpacked_bytes:
            raise InputFileError(path, Message("error.workbook_too_large", {
                "bytes": unpacked, "limit": limits.unpacked_bytes, "kind": limits.kind}),
                Message("hint.workbook_too_large"))
        for info in parts:
            if info.file_size > 1_000_000 and info.file_size > limits.ratio * max(info.compress_size, 1):
                raise InputFileError(path, Message("error.workbook_bomb", {
                    "part": info.filename, "times": info.file_size // max(info.compress_size, 1)}),
                    Message("hint.save_again"))
        cells = sum(_declared_cells(archive, info.filename) for info in parts
                    if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"))
        if cells > limits.cells:
            raise InputFileError(path, Message("error.workbook_cells", {
                "cells": cells, "limit": limits.cells, "kind": limits.kind}), Message("hint.workbook_cells"))
        for info in parts:
            if info.filename.endswith(".xml") and info.file_size <= 200_000_000 and (
                    "sharedStrings" in info.filename or info.filename.startswith("xl/worksheets/")):
                longest = _longest_string(archive, info.filename, limits.cell_characters)
                if longest > limits.cell_characters * 4:
                    raise InputFileError(path, Message("error.cell_too_long", {"limit": limits.cell_characters}),
                                         Message("hint.cell_too_long"))
