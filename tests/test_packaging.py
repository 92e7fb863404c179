"""The project's own files keep their promises: dependencies in step, make targets, CI, a complete wheel."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path

import pytest
import yaml

from dxanalysis.config import CHECKOUT_DIR, EXAMPLE_DATA_DIR, PACKAGE_DIR, PACKAGED_NOTEBOOKS_DIR

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from the dev extra's tomli
    import tomli as tomllib

PYPROJECT = tomllib.loads((CHECKOUT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
# conda-forge splits these: the plain name adds what pip's package does not (nbconvert: pandoc;
# seaborn: statsmodels; matplotlib: Qt), the -core/-base package is what pip installs.
CONDA_FORGE_NAMES = {"nbconvert": "nbconvert-core", "seaborn": "seaborn-base", "matplotlib": "matplotlib-base"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].strip().lower()


def test_environment_yml_holds_the_runtime_dependencies_only():
    project = PYPROJECT["project"]
    runtime = {CONDA_FORGE_NAMES.get(_name(r), _name(r)): r for r in project["dependencies"]}
    env = yaml.safe_load((CHECKOUT_DIR / "environment.yml").read_text(encoding="utf-8"))
    conda = {_name(d): d for d in env["dependencies"] if isinstance(d, str)}
    conda.pop("python"), conda.pop("pip")
    assert set(conda) == set(runtime)
    for name, requirement in runtime.items():  # the same bounds, under conda-forge's name
        assert conda[name].replace(" ", "") == name + requirement.replace(" ", "")[len(_name(requirement)):], name
    assert {"pip": ["-e ."]} in env["dependencies"]
    dev_tools = {_name(r) for r in project["optional-dependencies"]["dev"]}
    assert not dev_tools & set(conda), "development tools belong in the dev extra, not in environment.yml"


def test_make_help_lists_the_readme_commands():
    if not shutil.which("make"):
        pytest.skip("no make on this machine (the README's table 'Without make' is what works here)")
    result = subprocess.run(["make", "-s", "help"], cwd=CHECKOUT_DIR, capture_output=True, text=True, check=True)
    listed = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # drop the colour codes
    for target in ("report", "test", "validate", "data", "clean", "install"):
        assert re.search(rf"^\s*{target}\s", listed, re.MULTILINE)
    readme = (CHECKOUT_DIR / "README.md").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme


def test_make_test_runs_the_suite_on_every_core():
    """The suite is ~6 minutes on one core and under 4 on two: make test (and so CI) spreads it over
    the cores, a module per worker so that a module's shared fixtures are built once."""
    recipe = re.search(r"^test:.*\n\t(.+)$", (CHECKOUT_DIR / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    assert "-m pytest -n auto --dist loadscope" in recipe
    dev = PYPROJECT["project"]["optional-dependencies"]
    assert any(requirement.startswith("pytest-xdist") for requirement in dev["dev"])


def test_every_make_target_has_a_way_without_make():
    """The README's table "Without make" has a row per Makefile target: its POSIX and its Windows commands."""
    targets = set(re.findall(r"^([a-zA-Z_-]+):.*?## ", (CHECKOUT_DIR / "Makefile").read_text(encoding="utf-8"),
                             re.MULTILINE)) - {"help"}  # `make` alone lists the targets: the table itself
    readme = (CHECKOUT_DIR / "README.md").read_text(encoding="utf-8")
    table = readme.split("\n## Without make\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if cells and cells[0].startswith("`make "):
            rows[cells[0].strip("`").split()[1]] = cells
    assert targets and targets <= set(rows), f"add a row to the README's 'Without make' for {sorted(targets - set(rows))}"
    for target, (_, posix, windows) in rows.items():
        assert posix and windows, target
        assert (".venv/bin/" in posix) == (".venv\\Scripts\\" in windows), target


def test_ci_runs_make_test():
    assert "make test" in (CHECKOUT_DIR / ".ci" / "run").read_text(encoding="utf-8")


def test_generated_folders_are_ignored():
    ignored = (CHECKOUT_DIR / ".gitignore").read_text(encoding="utf-8")
    for folder in ("/reports/", "/data/processed/", "/.venv/"):
        assert folder in ignored


def test_the_package_carries_the_notebooks_analysts_open():
    """src/dxanalysis/notebooks/ is what an installed package runs; notebooks/ is what analysts open and
    `make report` runs. tools/make_notebooks.py writes both from one source: they never differ."""
    opened = sorted(p.name for p in (CHECKOUT_DIR / "notebooks").glob("*.ipynb"))
    assert opened == sorted(p.name for p in PACKAGED_NOTEBOOKS_DIR.glob("*.ipynb"))
    for name in opened:
        assert (CHECKOUT_DIR / "notebooks" / name).read_bytes() == (PACKAGED_NOTEBOOKS_DIR / name).read_bytes(), (
            f"notebooks/{name} and src/dxanalysis/notebooks/{name} differ: change the cells in "
            "tools/make_notebooks.py and run `python tools/make_notebooks.py`, which writes both")


def _build_backend_missing() -> str | None:
    """Why this environment cannot build the wheel without downloading, or None when it can."""
    from packaging.requirements import Requirement

    for requirement in map(Requirement, PYPROJECT["build-system"]["requires"]):
        try:
            installed = version(requirement.name)
        except PackageNotFoundError:
            installed = None
        if installed is None or not requirement.specifier.contains(installed, prereleases=True):
            return (f"building the wheel offline needs {requirement} (installed: {installed}); "
                    "`pip install -e '.[dev]'` (or `make install`) installs it")
    return None


# No network, and nothing of the checkout on the path: what runs must come from the wheel.
OFFLINE = {"PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}


def _isolated_environ(**extra: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "JUPYTER_PATH")}
    return {**environ, **OFFLINE, **extra}


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory) -> Path:
    """The wheel of this checkout, built from a copy of it (setuptools' build/ folder stays out of the checkout)."""
    missing = _build_backend_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"The wheel tests are not optional in CI: {missing}")
        pytest.skip(missing)
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(CHECKOUT_DIR / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(CHECKOUT_DIR / name, source / name)
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
                    "--wheel-dir", str(wheels), str(source)], check=True, env=_isolated_environ())
    (wheel,) = wheels.glob("dxanalysis-*.whl")
    return wheel


def test_wheel_holds_every_file_of_the_package(built_wheel):
    """Each file under src/dxanalysis/ (templates, catalogs, notebooks, the indicator catalog) is in the wheel."""
    with zipfile.ZipFile(built_wheel) as wheel:
        packed = set(wheel.namelist())
    files = {f"dxanalysis/{p.relative_to(PACKAGE_DIR).as_posix()}" for p in PACKAGE_DIR.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    assert files - packed == set()
    assert "dxanalysis/notebooks/semiannual_review.ipynb" in packed


def _fresh_environment(folder: Path, wheel: Path) -> Path:
    """A new virtual environment holding the wheel alone; returns its Python.

    Its dependencies are this environment's, seen through a .pth file, with the data files that
    nbconvert (its HTML templates) and ipykernel (the python3 kernel) install beside them, as
    `pip install` would have put them: nothing is downloaded.
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", "--no-compile", str(wheel)], check=True, env=_isolated_environ())
    site_packages = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True).stdout.strip()
    homes = dict.fromkeys(str(distribution(_name(r)).locate_file("")) for r in PYPROJECT["project"]["dependencies"])
    (Path(site_packages) / "dxanalysis-dependencies.pth").write_text("\n".join(homes) + "\n", encoding="utf-8")
    from jupyter_core.paths import jupyter_path

    templates = next(Path(p) for p in jupyter_path("nbconvert", "templates") if (Path(p) / "lab").is_dir())
    shutil.copytree(templates, folder / "share" / "jupyter" / "nbconvert" / "templates")
    kernel = folder / "share" / "jupyter" / "kernels" / "python3"
    kernel.mkdir(parents=True)  # "python" is the interpreter that starts the kernel: this environment's
    (kernel / "kernel.json").write_text('{"argv": ["python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],'
                                        ' "display_name": "Python 3", "language": "python"}', encoding="utf-8")
    return python


@pytest.mark.slow
def test_installed_wheel_renders_reviews_from_any_folder(built_wheel, tmp_path):
    """Slow (20 to 40 s: a fresh virtual environment and three reports); CI runs it like every test.

    `pip install dxanalysis-….whl`, then `dxanalysis report` in a folder holding only data/raw:
    the report notebook, templates, catalogs and indicator catalog all come from the wheel.
    """
    python = _fresh_environment(tmp_path / "venv", built_wheel)
    command = python.parent / ("dxanalysis.exe" if os.name == "nt" else "dxanalysis")
    environ = _isolated_environ(JUPYTER_DATA_DIR=str(tmp_path / "jupyter-user"))  # no kernel of the user's
    imported = subprocess.run([str(python), "-c", "import dxanalysis; print(dxanalysis.__file__)"],
                              capture_output=True, text=True, check=True, env=environ, cwd=tmp_path).stdout
    assert Path(imported.strip()).is_relative_to(tmp_path / "venv"), imported

    project = tmp_path / "project"
    raw = project / "data" / "raw"
    for period in ("2021-H1", "2022-H1"):  # the seed and its same period last year: a batch of two
        shutil.copytree(EXAMPLE_DATA_DIR / "hong-ngu" / period, raw / "hong-ngu" / period)
    shutil.copy(EXAMPLE_DATA_DIR / "hong-ngu" / "targets.csv", raw / "hong-ngu" / "targets.csv")
    shutil.copy(EXAMPLE_DATA_DIR / "units.csv", raw / "units.csv")

    one = subprocess.run([str(command), "report", "--unit", "hong-ngu", "--period", "2022-H1"], cwd=project,
                         capture_output=True, text=True, env=environ)
    assert one.returncode == 0, one.stdout + one.stderr
    assert "9.475/15.684" in (project / "reports" / "hong-ngu" / "2022-H1" / "review.html").read_text(encoding="utf-8")

    batch = subprocess.run([str(command), "report", "--all", "--lang", "en"], cwd=project,
                           capture_output=True, text=True, env=environ)
    assert batch.returncode == 0, batch.stdout + batch.stderr
    assert "Traceback" not in one.stderr + batch.stderr
    english = project / "reports" / "hong-ngu" / "2022-H1" / "review.en.html"
    assert "9,475/15,684" in english.read_text(encoding="utf-8")
    assert (project / "reports" / "hong-ngu" / "2021-H1" / "review.en.html").is_file()
    assert (project / "reports" / "index.en.html").is_file()
