"""Where things are. Nothing here touches the disk or the network at import.

Commands work relative to the project folder they are run in (``data/raw``,
``data/processed``, ``reports``, ``notebooks``). What a report needs at run
time ships inside the package (``PACKAGE_DIR``): templates, catalogs, the
indicator catalog and the notebooks, so an installed wheel works from any
folder holding ``data/raw``. Only the shipped example (``EXAMPLE_DATA_DIR``,
used by the doctests and tests) lives in the checkout.

Examples
--------
>>> (EXAMPLE_DATA_DIR / "units.csv").name
'units.csv'
>>> (PACKAGED_NOTEBOOKS_DIR / REVIEW_NOTEBOOK).is_file()
True
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# src layout: <checkout>/src/dxanalysis/config.py
CHECKOUT_DIR = PACKAGE_DIR.parents[1]
EXAMPLE_DATA_DIR = CHECKOUT_DIR / "data" / "raw"
TEMPLATES_DIR = PACKAGE_DIR / "write" / "templates"
NBCONVERT_TEMPLATES_DIR = PACKAGE_DIR / "publish" / "nbconvert"
# Copies of the checkout's notebooks/, written by tools/make_notebooks.py (a test keeps them
# byte-identical), so that an installed package carries the report notebook it runs.
PACKAGED_NOTEBOOKS_DIR = PACKAGE_DIR / "notebooks"

RAW_DIR = Path("data/raw")
PROCESSED_DIR = Path("data/processed")
REPORTS_DIR = Path("reports")
REVIEW_NOTEBOOK = "semiannual_review.ipynb"


def default_notebook(project_dir: str | Path = ".") -> Path:
    """The report notebook: the project's own ``notebooks/`` first, else the one the package ships.

    >>> default_notebook("/nonexistent") == PACKAGED_NOTEBOOKS_DIR / REVIEW_NOTEBOOK
    True
    """
    local = Path(project_dir) / "notebooks" / REVIEW_NOTEBOOK
    return local if local.exists() else PACKAGED_NOTEBOOKS_DIR / REVIEW_NOTEBOOK
