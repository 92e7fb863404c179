"""The project's own files keep their promises: dependencies in step, make targets, CI."""

from __future__ import annotations

import re
import subprocess
import tomllib

import yaml

from dxanalysis.config import CHECKOUT_DIR


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].strip().lower()


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((CHECKOUT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r): r for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((CHECKOUT_DIR / "environment.yml").read_text(encoding="utf-8"))
    conda = {_name(d): d for d in env["dependencies"] if isinstance(d, str)}
    conda.pop("python"), conda.pop("pip")
    assert set(conda) == set(declared)
    for name, requirement in declared.items():
        assert conda[name].replace(" ", "") == requirement.replace(" ", ""), name
    assert {"pip": ["-e ."]} in env["dependencies"]


def test_make_help_lists_the_readme_commands():
    result = subprocess.run(["make", "-s", "help"], cwd=CHECKOUT_DIR, capture_output=True, text=True, check=True)
    listed = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # drop the colour codes
    for target in ("report", "test", "validate", "data", "clean", "install"):
        assert re.search(rf"^\s*{target}\s", listed, re.MULTILINE)
    readme = (CHECKOUT_DIR / "README.md").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme


def test_ci_runs_make_test():
    assert "make test" in (CHECKOUT_DIR / ".ci" / "run").read_text(encoding="utf-8")


def test_generated_folders_are_ignored():
    ignored = (CHECKOUT_DIR / ".gitignore").read_text(encoding="utf-8")
    for folder in ("/reports/", "/data/processed/", "/.venv/"):
        assert folder in ignored
