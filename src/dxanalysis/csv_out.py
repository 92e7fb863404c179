"""Every CSV dxanalysis writes: atomically, never into the raw data, and safe to open in a spreadsheet.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is a formula to Excel and LibreOffice (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``).
Text cells that do are written with a leading apostrophe, the OWASP rule for
CSV injection; the spreadsheet then shows the text as it was typed. Numbers
(a negative change, ``-5``) are left alone: a number is not a formula.

Examples
--------
>>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("- Cấp xã"), safe_cell("Tỷ lệ"), safe_cell(-5.0)
('\\'=HYPERLINK("http://x")', "'- Cấp xã", 'Tỷ lệ', -5.0)
>>> import pandas as pd
>>> safe_frame(pd.DataFrame({"name": ["@SUM(A1)", "ok"], "value": [-1.5, 2.0]})).to_dict("list")
{'name': ["'@SUM(A1)", 'ok'], 'value': [-1.5, 2.0]}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from dxanalysis.atomic import write_text_atomic
from dxanalysis.slugs import outside

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, prefixed with ``'``; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are safe to open in a spreadsheet (input unchanged)."""
    text_columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    return frame.assign(**{c: frame[c].map(safe_cell) for c in text_columns})


def write_csv(frame: pd.DataFrame, path: str | Path, raw_dir: str | Path | None = None) -> Path:
    """Write ``frame`` as UTF-8 CSV, atomically and spreadsheet-safe; refuse a path inside ``raw_dir``.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> print(write_csv(pd.DataFrame({"a": ["=1+1"]}), folder / "out.csv").read_text(encoding="utf-8"))
    a
    '=1+1
    <BLANKLINE>
    >>> write_csv(pd.DataFrame(), folder / "raw" / "x.csv", raw_dir=folder / "raw")
    Traceback (most recent call last):
    ...
    dxanalysis.slugs.OutputPathError: ...x.csv nằm trong ...raw, thư mục dữ liệu gốc mà dxanalysis không bao giờ ghi vào.
    """
    if raw_dir is not None:
        outside(path, raw_dir)
    write_text_atomic(path, safe_frame(frame).to_csv(index=False))
    return Path(path)
