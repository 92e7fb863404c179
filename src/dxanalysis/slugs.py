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
dxanalysis.exceptions.InputValueError: Expected a unit slug of letters, digits and '-' (such as hong-ngu), found '../x'.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from dxanalysis.exceptions import DxAnalysisError, InputValueError

# Unicode letters and digits ([^\W_]), joined by single hyphens.
SLUG_PATTERN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def check_slug(text: str, what: str = "unit slug") -> str:
    """``text`` in NFC if it is a valid slug, else an :class:`InputValueError`.

    >>> check_slug("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputValueError: Expected a unit slug of letters, digits and '-' (such as hong-ngu), found 'javascript:alert(1)'.
    """
    slug = unicodedata.normalize("NFC", str(text))
    if not SLUG_PATTERN.fullmatch(slug):
        raise InputValueError(text, f"a {what} of letters, digits and '-' (such as hong-ngu)")
    return slug


def is_slug(text: str) -> bool:
    """True when ``text`` is a valid slug (see :func:`check_slug`).

    >>> is_slug("thuong-phuoc-1"), is_slug("a b"), is_slug("-x")
    (True, False, False)
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
    dxanalysis.slugs.OutputPathError: reports/../x would be written outside reports. Use a path inside reports.
    """
    resolved, base = Path(path).resolve(), Path(root).resolve()
    if resolved != base and base not in resolved.parents:
        raise OutputPathError(f"{path} would be written outside {root}. Use a path inside {root}.")
    return resolved


def outside(path: str | Path, forbidden: str | Path) -> Path:
    """``path`` resolved, after checking that it is not ``forbidden`` nor inside it (raw data is read-only).

    >>> outside("reports/findings.csv", "data/raw").name
    'findings.csv'
    >>> outside("data/raw/hong-ngu/2022-H1/indicators.csv", "data/raw")
    Traceback (most recent call last):
    ...
    dxanalysis.slugs.OutputPathError: data/raw/hong-ngu/2022-H1/indicators.csv is inside data/raw, which dxanalysis never writes. Choose a path outside data/raw (for example under reports/).
    """
    resolved, base = Path(path).resolve(), Path(forbidden).resolve()
    if resolved == base or base in resolved.parents:
        raise OutputPathError(f"{path} is inside {forbidden}, which dxanalysis never writes. "
                              f"Choose a path outside {forbidden} (for example under reports/).")
    return resolved
