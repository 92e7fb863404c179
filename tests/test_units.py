import io

import pytest

from dxanalysis.exceptions import InputFileError, UnknownUnitError
from dxanalysis.i18n import using_lang
from dxanalysis.read.units import find_unit, read_units


def test_unknown_unit_lists_the_known_ones():
    units = read_units(io.StringIO("slug,name_vi\nhong-ngu,huyện Hồng Ngự\n"))
    with using_lang("en"), pytest.raises(UnknownUnitError, match="Unknown unit 'sa-dec': units.csv lists hong-ngu"):
        find_unit(units, "sa-dec")


def test_registry_problems_are_file_errors(tmp_path):
    with pytest.raises(InputFileError, match="the unit registry is missing"):
        read_units(tmp_path / "units.csv")
    (tmp_path / "units.csv").write_text("name\nx\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"no header row naming slug, name_vi"):
        read_units(tmp_path / "units.csv")


def test_every_bad_row_of_the_registry_is_named_in_one_pass(tmp_path):
    import pytest

    from dxanalysis.exceptions import InputFileError
    from dxanalysis.read.units import read_units

    path = tmp_path / "units.csv"
    path.write_text("slug,name_vi\nhong-ngu,A\nhong-ngu,B\n../x,C\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_units(path)
    text = caught.value.text("en")
    assert "row 3: the slug 'hong-ngu' is already on row 2." in text and "row 4: the slug '../x'" in text
