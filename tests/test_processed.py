import pandas as pd
import pandera.errors
import pytest

from dxanalysis.publish.processed import write_processed
from dxanalysis.check.observation import check_observations
from tests.conftest import tree_digest


def test_write_processed_rebuilds_tidy_tables_and_leaves_raw_alone(example_data, tmp_path):
    before = tree_digest(example_data)
    obs_path, findings_path, n_obs, _ = write_processed(example_data, tmp_path / "processed")
    observations = pd.read_csv(obs_path)
    assert n_obs == len(observations)
    assert set(zip(observations["unit"], observations["period"])) == {
        (p.parent.parent.name, p.parent.name) for p in (*example_data.glob("*/*/indicators.*"),
                                                         *example_data.glob("*/*/forms"))}
    seed = observations[(observations["unit"] == "hong-ngu") & (observations["period"] == "2022-H1")]
    assert len(seed) == 8
    assert seed.set_index("indicator").loc["gov.online_dossier_rate", "numerator"] == 9475
    assert "code" in pd.read_csv(findings_path).columns
    assert tree_digest(example_data) == before


def test_schema_rejects_impossible_rows(example_data, tmp_path):
    obs_path, _, _, _ = write_processed(example_data, tmp_path / "processed")
    observations = pd.read_csv(obs_path, keep_default_na=False, na_values=[""])
    broken = observations.assign(status=observations["status"].where(observations.index > 0, "great"))
    with pytest.raises(pandera.errors.SchemaErrors, match="great"):
        check_observations(broken)


def test_a_folder_with_two_indicator_files_is_one_folder(example_data):
    from dxanalysis.publish.batch import discover_jobs
    from dxanalysis.read.folders import find_period_folders

    folder = example_data / "hong-ngu" / "2022-H1"
    (folder / "indicators.xlsx").write_bytes(b"")
    assert sum(f == folder for _, _, f in find_period_folders(example_data)) == 1
    assert sum((j.unit, j.period) == ("hong-ngu", "2022-H1") for j in discover_jobs(example_data)) == 1
