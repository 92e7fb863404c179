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

import os
from collections.abc import Mapping
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


# Names the raw data folder for a notebook run outside the project folder (papermill, JupyterLab).
DATA_DIR_VARIABLE = "DXANALYSIS_DATA_DIR"


def find_data_dir(data_dir: str | Path | None = None, start: str | Path = ".",
                  environ: Mapping[str, str] | None = None) -> Path:
    """The raw data folder, absolute: ``data_dir`` when given, else ``$DXANALYSIS_DATA_DIR``, else the
    nearest ``data/raw`` in ``start`` (the working folder) or a folder above it.

    This is how a notebook finds the data whether papermill or Jupyter runs it from the project folder,
    from ``notebooks/`` or from any folder below the project. A relative ``data_dir`` or variable is
    taken from ``start``; an empty one counts as not given. Raises
    :class:`~dxanalysis.exceptions.InputFileError` when the variable names no folder or no
    ``data/raw`` is found.

    >>> import tempfile
    >>> scratch = tempfile.TemporaryDirectory()
    >>> project = Path(scratch.name).resolve()
    >>> (project / "data" / "raw").mkdir(parents=True); (project / "notebooks").mkdir()
    >>> find_data_dir(start=project / "notebooks", environ={}) == project / "data" / "raw"
    True
    >>> find_data_dir(start=project, environ={DATA_DIR_VARIABLE: "notebooks"}).name
    'notebooks'
    >>> find_data_dir("data", start=project, environ={DATA_DIR_VARIABLE: "notebooks"}).name
    'data'
    >>> find_data_dir(start=project.parent, environ={})
    Traceback (most recent call last):
    ...
    dxanalysis.exceptions.InputFileError: ...: không có thư mục data/raw ở thư mục này hay thư mục nào phía trên. ...
    >>> scratch.cleanup()
    """
    from dxanalysis.exceptions import InputFileError
    from dxanalysis.i18n import Message

    start = Path(start).resolve()
    if data_dir:
        # Taken at its word, unchecked: the caller's readers say what is missing there, and a kernel
        # handed a prepared review (dxanalysis report) reads nothing from it.
        return (start / Path(data_dir).expanduser()).resolve()  # an absolute one stays as it is
    environ = os.environ if environ is None else environ
    named = environ.get(DATA_DIR_VARIABLE)
    if named:
        folder = (start / Path(named).expanduser()).resolve()
        if not folder.is_dir():  # a variable set long ago and forgotten: say that it is what points there
            raise InputFileError(folder, Message("error.folder_missing"),
                                 Message("hint.data_dir_variable", {"variable": DATA_DIR_VARIABLE}))
        return folder
    for folder in (start, *start.parents):
        if (folder / RAW_DIR).is_dir():
            return folder / RAW_DIR
    raise InputFileError(start, Message("error.no_data_dir"),
                         Message("hint.no_data_dir", {"variable": DATA_DIR_VARIABLE}))
