"""Where the raw data is found when no command names it: the parameter, the variable, the folders above."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxanalysis.config import DATA_DIR_VARIABLE, find_data_dir
from dxanalysis.exceptions import DxAnalysisError, InputFileError
from dxanalysis.i18n import gettext


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """project/data/raw and project/notebooks/deep, and beside the project another data folder."""
    (tmp_path / "project" / "data" / "raw").mkdir(parents=True)
    (tmp_path / "project" / "notebooks" / "deep").mkdir(parents=True)
    (tmp_path / "other-raw").mkdir()
    return (tmp_path / "project").resolve()


@pytest.mark.parametrize("start", [".", "notebooks", "notebooks/deep", "data", "data/raw"])
def test_the_nearest_data_raw_from_the_working_folder_up(project, start):
    assert find_data_dir(start=project / start, environ={}) == project / "data" / "raw"


def test_the_variable_wins_over_the_search_and_the_parameter_over_both(project):
    other = project.parent / "other-raw"
    environ = {DATA_DIR_VARIABLE: str(other)}
    assert find_data_dir(start=project, environ=environ) == other
    assert find_data_dir(project / "data" / "raw", start=project, environ=environ) == project / "data" / "raw"
    assert find_data_dir("../other-raw", start=project, environ={}) == other  # from start
    assert find_data_dir("", start=project, environ={DATA_DIR_VARIABLE: ""}) == project / "data" / "raw"


def test_the_process_environment_is_read_when_none_is_given(project, monkeypatch):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(project.parent / "other-raw"))
    assert find_data_dir(start=project) == project.parent / "other-raw"


def test_no_data_raw_above_is_one_clear_error(tmp_path):
    with pytest.raises(InputFileError) as info:
        find_data_dir(start=tmp_path, environ={})
    assert isinstance(info.value, DxAnalysisError) and info.value.path == str(tmp_path.resolve())
    message = str(info.value)
    assert gettext("error.no_data_dir", "en") in message and DATA_DIR_VARIABLE in message
    assert "no data/raw folder here or in any folder above" in message  # the English catalog's words


def test_a_variable_naming_no_folder_says_so_and_a_parameter_is_taken_at_its_word(project):
    with pytest.raises(InputFileError) as info:
        find_data_dir(start=project, environ={DATA_DIR_VARIABLE: "gone"})
    assert info.value.path == str(project / "gone") and DATA_DIR_VARIABLE in str(info.value)
    # dxanalysis report hands its kernel the review it loaded: the folder it names need not be read again
    assert find_data_dir("gone", start=project, environ={}) == project / "gone"
