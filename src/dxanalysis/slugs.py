"""Names that become paths and links: unit slugs, and output paths kept inside their folder.

A slug is the folder name of a unit under ``data/raw/`` and of its reports
under ``reports/``: letters (Vietnamese ones too), digits and ``-``, not
starting or ending with ``-``, compared in Unicode NFC (a zip made on a Mac
stores decomposed names). Anything else — ``../x``, ``javascript:alert(1)``,
a space, a dot — is refused before it reaches a path or a link.

Examples
--------
>>> check_slug("hong-ngu"), check_slug("ho\\u0302\\u0300ng-ngu\\u031b\\u0323") == "hồng-ngự"
('hong-ngu', True)
>>> check_slug("../x")
Traceback (most recent call last):
...
dxanalysis.exceptions.InputValueError: Cần một mã đơn vị gồm chữ, số và dấu '-' (ví dụ hong-ngu), nhưng gặp '../x'.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from dxanalysis.exceptions import DxAnalysisError, InputValueError
from dxanalysis.i18n import Message

# Unicode letters and digits ([^\W_]) joined by single hyphens; a period's slug may also join two
# dates with a double one, as an ISO 8601 interval does (2022-01-01--2022-11-08).
SLUG_PATTERN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
PERIOD_SLUG_PATTERN = re.compile(r"[^\W_]+(?:-[^\W_]+)*(?:--[^\W_]+(?:-[^\W_]+)*)?")


def check_slug(text: str, what: Message = Message("word.unit_slug")) -> str:
    """``text`` in NFC if it is a valid slug, else an :class:`InputValueError`.

    >>> check_slug("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một mã đơn vị gồm chữ, số và dấu '-' (ví dụ hong-ngu), nhưng gặp 'javascript:alert(1)'.
    """
    return _checked(text, SLUG_PATTERN, what)


def check_period_slug(text: str) -> str:
    """``text`` in NFC if it can name a period's folder (a slug, or two joined by ``--``), else an error.

    >>> check_period_slug("2022-01-01--2022-11-08")
    '2022-01-01--2022-11-08'
    >>> check_period_slug("2022--H1--x")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Cần một mã kỳ báo cáo gồm chữ, số và dấu '-' (ví dụ hong-ngu), nhưng gặp '2022--H1--x'.
    """
    return _checked(text, PERIOD_SLUG_PATTERN, Message("word.period_slug"))


def _checked(text: str, pattern: re.Pattern[str], what: Message) -> str:
    slug = unicodedata.normalize("NFC", str(text))
    if not pattern.fullmatch(slug):
        raise InputValueError(text, Message("expected.slug", {"what": what}))
    return slug


def is_slug(text: str) -> bool:
    """True when ``text`` is a valid unit slug (see :func:`check_slug`).

    >>> is_slug("thuong-phuoc-1"), is_slug("a b"), is_slug("-x"), is_slug("hong--ngu")
    (True, False, False, False)
    """
    return bool(SLUG_PATTERN.fullmatch(unicodedata.normalize("NFC", str(text))))


class OutputPathError(DxAnalysisError):
    """An output path that would leave its folder, or write into the raw data."""


def inside(path: str | Path, root: str | Path) -> Path:
    """``path`` resolved, after checking that it lies inside ``root``.

    >>> inside("reports/hong-ngu/2022-H1", "reports").name
    '2022-H1'
    >>> inside("reports/../x", "reports")
    Traceback (most recent call last):
    ...
    dxanalysis.slugs.OutputPathError: reports/../x sẽ được ghi ra ngoài reports; chọn một đường dẫn trong reports.
    """
    resolved, base = Path(path).resolve(), Path(root).resolve()
    if resolved != base and base not in resolved.parents:
        raise OutputPathError(Message("error.outside_folder", {"path": path, "root": root}))
    return resolved


def outside(path: str | Path, forbidden: str | Path) -> Path:
    """``path`` resolved, after checking that it is not ``forbidden`` nor inside it (raw data is read-only).

    >>> outside("reports/findings.csv", "data/raw").name
    'findings.csv'
    >>> outside("data/raw/hong-ngu/2022-H1/indicators.csv", "data/raw")
    Traceback (most recent call last):
    ...
    dxanalysis.slugs.OutputPathError: data/raw/hong-ngu/2022-H1/indicators.csv nằm trong data/raw, thư mục dữ liệu gốc mà dxanalysis không bao giờ ghi vào.
    """
    resolved, base = Path(path).resolve(), Path(forbidden).resolve()
    if resolved == base or base in resolved.parents:
        raise OutputPathError(Message("error.inside_raw", {"path": path, "folder": forbidden}))
    return resolved
