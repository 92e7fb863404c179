"""JupyterLab for exploring: an optional extra, a make target, and the README's command without make.

These tests read the project's files and make's dry run; none needs JupyterLab installed.
"""

from __future__ import annotations

import os
import re
import subprocess

from dxanalysis.config import CHECKOUT_DIR

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


def _make(*args: str) -> subprocess.CompletedProcess:
    # a make of our own, not a sub-make of the `make test` running us (which would print "Entering directory")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=CHECKOUT_DIR, capture_output=True, text=True,
                          check=True, env=env)


def test_jupyterlab_is_an_optional_extra_not_a_dependency():
    project = tomllib.loads((CHECKOUT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["optional-dependencies"]["lab"] == ["jupyterlab>=4"]
    assert not [r for r in project["dependencies"] if r.lower().startswith("jupyterlab")]


def test_make_lab_is_listed_and_installs_the_extra_only_when_missing():
    listed = _make("-s", "help")
    assert re.search(r"^\s*lab\s.*JupyterLab", re.sub(r"\x1b\[[0-9;]*m", "", listed.stdout), re.MULTILINE)
    # a dry run with a venv of our own naming: what `make lab` would run, without running it
    dry = _make("-n", "lab", "STAMP=", "BIN=/venv/bin")
    install, start = [line.strip() for line in dry.stdout.splitlines() if line.strip()]
    assert install == ("/venv/bin/python -c 'import jupyterlab' 2>/dev/null || "
                       "/venv/bin/python -m pip install --quiet -e '.[lab]'")
    assert start == "/venv/bin/jupyter lab --notebook-dir=notebooks"


def test_the_readme_gives_the_command_without_make():
    readme = (CHECKOUT_DIR / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme
    assert ".venv/bin/python -m pip install -e '.[lab]'" in readme
    assert ".venv/bin/jupyter lab --notebook-dir=notebooks" in readme
