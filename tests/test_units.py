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


# --- validity dates and parents that change at a date ---------------------------------------------

def _registry(rows: str, header: str = "slug,name_vi,name_en,level,parent,valid_from,valid_to"):
    return read_units(io.StringIO(header + "\n" + rows))


def test_a_registry_without_dates_reads_as_before():
    units = read_units(io.StringIO("slug,name_vi,name_en,level,parent\nhong-ngu,huyện Hồng Ngự,Hong Ngu,huyện,dong-thap\n"))
    unit = units["hong-ngu"]
    assert (unit.valid_from, unit.valid_to, unit.parents, unit.parent) == (None, None, (), "dong-thap")
    from datetime import date

    assert unit.exists_on(date(1990, 1, 1)) and unit.parent_on(date(2030, 1, 1)) == "dong-thap"


def test_a_parent_changes_at_a_date():
    from datetime import date

    from dxanalysis.read.units import ParentSpell, units_as_of

    units = _registry("dong-thap,tỉnh Đồng Tháp,,tỉnh,,,\n"
                      "tan-hoi,xã Tân Hội,,xã,dong-thap,2025-07-01,\n"  # the later row first: order does not matter
                      "hong-ngu,huyện Hồng Ngự,,huyện,dong-thap,,2025-06-30\n"
                      "tan-hoi,xã Tân Hội,,xã,hong-ngu,,2025-06-30\n")
    commune = units["tan-hoi"]
    assert commune.parent == "dong-thap" and (commune.valid_from, commune.valid_to) == (None, None)
    assert commune.parents == (ParentSpell("hong-ngu", None, date(2025, 6, 30)),
                               ParentSpell("dong-thap", date(2025, 7, 1), None))
    assert [s.row for s in commune.parents] == [5, 3] and commune.row == 3
    assert commune.parent_on(date(2025, 6, 30)) == "hong-ngu" and commune.parent_on(date(2025, 7, 1)) == "dong-thap"
    before, after = units_as_of(units, date(2024, 12, 31)), units_as_of(units, date(2025, 7, 1))
    assert list(before) == ["dong-thap", "tan-hoi", "hong-ngu"] and before["tan-hoi"].parent == "hong-ngu"
    assert list(after) == ["dong-thap", "tan-hoi"] and after["tan-hoi"].parent == "dong-thap"
    assert units["hong-ngu"].covers(date(2025, 1, 1), date(2025, 6, 30))
    assert not units["hong-ngu"].covers(date(2025, 1, 1), date(2025, 12, 31))
    assert units["hong-ngu"].overlaps(date(2025, 1, 1), date(2025, 12, 31))
    assert not units["hong-ngu"].overlaps(date(2025, 7, 1), date(2025, 12, 31))


def test_vietnamese_date_headers_and_day_first_dates(tmp_path):
    from datetime import date

    path = tmp_path / "units.csv"
    path.write_text("slug;name_vi;level;parent;Hiệu lực từ;Hiệu lực đến\n"
                    "tan-hoi-moi;xã Tân Hội;xã;dong-thap;01/07/2025;\n"
                    "hong-ngu;huyện Hồng Ngự;huyện;dong-thap;;30/6/2025\n", encoding="utf-8-sig")
    units = read_units(path)
    assert units["tan-hoi-moi"].valid_from == date(2025, 7, 1) and units["hong-ngu"].valid_to == date(2025, 6, 30)


@pytest.mark.parametrize("rows, fragments", [
    # overlapping windows: the duplicate slug, both rows named
    ("a,A,,xã,h,,2025-06-30\na,A,,xã,t,2025-06-01,\n", ["row 3: the slug 'a' is already on row 2."]),
    # a gap between two rows of one slug
    ("a,A,,xã,h,,2025-06-30\na,A,,xã,t,2025-07-02,\n", ["row 3", "2025-07-02", "row 2", "2025-06-30", "gap"]),
    # the rows of one slug disagree on the name or the level
    ("a,A,,xã,h,,2025-06-30\na,B,,xã,t,2025-07-01,\n", ["row 3", "'B'", "row 2", "'A'"]),
    ("a,A,,xã,h,,2025-06-30\na,A,,phường,t,2025-07-01,\n", ["row 3", "'phường'", "row 2", "'xã'"]),
    # a date that is not one, and dates the wrong way round
    ("a,A,,xã,h,31/06/2025,\n", ["row 2", "'valid_from'", "'31/06/2025' is not a date"]),
    ("a,A,,xã,h,2025-07-01,2025-06-30\n", ["row 2", "ends on 2025-06-30, before it begins on 2025-07-01"]),
])
def test_bad_validity_rows_are_named(rows, fragments):
    with pytest.raises(InputFileError) as caught:
        _registry(rows)
    text = caught.value.text("en")
    for fragment in fragments:
        assert fragment in text, text
