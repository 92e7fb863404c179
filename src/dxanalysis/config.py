"""Where things are. Nothing here touches the disk or the network at import.

Commands work relative to the project folder they are run in (``data/raw``,
``data/processed``, ``reports``, ``notebooks``). The package also knows its
own checkout, so the shipped example and notebook are found from anywhere
in an editable install.

Examples
--------
>>> (EXAMPLE_DATA_DIR / "units.csv").name
'units.csv'
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# src layout: <checkout>/src/dxanalysis/config.py
CHECKOUT_DIR = PACKAGE_DIR.parents[1]
EXAMPLE_DATA_DIR = CHECKOUT_DIR / "data" / "raw"
TEMPLATES_DIR = PACKAGE_DIR / "write" / "templates"
NBCONVERT_TEMPLATES_DIR = PACKAGE_DIR / "publish" / "nbconvert"

RAW_DIR = Path("data/raw")
PROCESSED_DIR = Path("data/processed")
REPORTS_DIR = Path("reports")
REVIEW_NOTEBOOK = "semiannual_review.ipynb"


def default_notebook(project_dir: str | Path = ".") -> Path:
    """The report notebook: the project's own ``notebooks/`` first, else the checkout's."""
    local = Path(project_dir) / "notebooks" / REVIEW_NOTEBOOK
    return local if local.exists() else CHECKOUT_DIR / "notebooks" / REVIEW_NOTEBOOK
