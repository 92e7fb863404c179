"""JupyterLab for exploring: an optional extra, a make target, and the README's command without make.

These tests read the project's files and make's dry run; none needs JupyterLab installed.
"""

from __future__ import annotations

import re
import subprocess
import tomllib

from dxanalysis.config import CHECKOUT_DIR


def test_jupyterlab_is_an_optional_extra_not_a_dependency():
    project = tomllib.loads((CHECKOUT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["optional-dependencies"]["lab"] == ["jupyterlab>=4"]
    assert not [r for r in project["dependencies"] if r.lower().startswith("jupyterlab")]


def test_make_lab_is_listed_and_installs_the_extra_only_when_missing():
    listed = subprocess.run(["make", "-s", "help"], cwd=CHECKOUT_DIR, capture_output=True, text=True, check=True)
    assert re.search(r"^\s*lab\s.*JupyterLab", re.sub(r"\x1b\[[0-9;]*m", "", listed.stdout), re.MULTILINE)
    # a dry run with a venv of our own naming: what `make lab` would run, without running it
    dry = subprocess.run(["make", "-n", "lab", "STAMP=", "BIN=/venv/bin"], cwd=CHECKOUT_DIR, capture_output=True,
                         text=True, check=True)
    install, start = [line.strip() for line in dry.stdout.splitlines() if line.strip()]
    assert install == ("/venv/bin/python -c 'import jupyterlab' 2>/dev/null || "
                       "/venv/bin/python -m pip install --quiet -e '.[lab]'")
    assert start == "/venv/bin/jupyter lab --notebook-dir=notebooks"


def test_the_readme_gives_the_command_without_make():
    readme = (CHECKOUT_DIR / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme
    assert ".venv/bin/python -m pip install -e '.[lab]'" in readme
    assert ".venv/bin/jupyter lab --notebook-dir=notebooks" in readme
