"""The lineage of units (lineage.csv): reading it, what validate says about it, and constituents."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, timedelta

import pytest

from dxanalysis.check.lineage import check_lineage, figures_outside_validity, lineage_findings, parent_findings
from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.exceptions import InputFileError
from dxanalysis.read.lineage import (Constituent, Lineage, NotCombinable, Transfer, constituents, load_lineage,
                                     read_lineage)
from dxanalysis.read.units import read_units

JULY = date(2025, 7, 1)
YEAR_2024 = (date(2024, 1, 1), date(2024, 12, 31))


def units_of(rows: str):
    return read_units(io.StringIO("slug,name_vi,level,parent,valid_from,valid_to\n" + rows))


def lineage_of(*rows: tuple) -> Lineage:
    return Lineage(tuple(Transfer(*row[:4], row=number) for number, row in enumerate(rows, start=2)))


# --- reading ------------------------------------------------------------------------------------

@pytest.mark.parametrize("header, delimiter, encoding", [
    ("predecessor,successor,effective,share,note", ",", "utf-8"),
    ("Đơn vị cũ;Đơn vị mới;Ngày hiệu lực;Tỷ lệ;Ghi chú", ";", "utf-8-sig"),
    ("don_vi_cu\tdon_vi_moi\tngay_hieu_luc\tty_le\tghi_chu", "\t", "utf-16"),
])
def test_lineage_reads_in_either_language_and_encoding(tmp_path, header, delimiter, encoding):
    rows = [("tan-hoi", "tan-hoi-moi", "2025-07-01", "", "sáp nhập"),
            ("thuong-thoi", "tan-hoi-moi", "01/07/2025", "0,4", ""),
            ("thuong-thoi", "thuong-lac", "1/7/2025", "60%", "")]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows([header.split(delimiter), *rows])
    text = out.getvalue()
    path = tmp_path / "lineage.csv"
    path.write_bytes(text.encode(encoding))
    lineage = read_lineage(path)
    assert [(t.predecessor, t.successor, t.effective, t.row) for t in lineage.transfers] == \
        [(p, s, JULY, number) for number, (p, s, *_) in enumerate(rows, start=2)]
    assert [t.share for t in lineage.transfers] == [None, 0.4, 0.6]
    assert lineage.transfers[0].note == "sáp nhập"
    assert [t.predecessor for t in lineage.predecessors("tan-hoi-moi")] == ["tan-hoi", "thuong-thoi"]
    assert [t.successor for t in lineage.successors("thuong-thoi")] == ["tan-hoi-moi", "thuong-lac"]
    assert lineage.column("share") == header.split(delimiter)[3]


def test_a_missing_lineage_is_an_empty_one(tmp_path):
    assert read_lineage(tmp_path / "lineage.csv").transfers == ()
    assert load_lineage(tmp_path).transfers == ()
    assert {t.successor for t in load_lineage(EXAMPLE_DATA_DIR).transfers} == {"thuong-phuoc"}  # the shipped merger


def test_every_bad_cell_is_named_with_its_row_and_column(tmp_path):
    path = tmp_path / "lineage.csv"
    path.write_text("Đơn vị cũ,Đơn vị mới,Ngày hiệu lực,Tỷ lệ\n"
                    "tan-hoi,tan-hoi-moi,2025-07-01,\n"
                    "Tân Hội,tan-hoi-moi,31/06/2025,140%\n"
                    "tan-hoi,,2025-07-01,nửa\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_lineage(path)
    text = str(caught.value)
    assert text.startswith(str(path))
    for fragment in ("row 3, column 'Đơn vị cũ': 'Tân Hội' is not a unit slug",
                     "row 3, column 'Ngày hiệu lực': '31/06/2025' is not a date",
                     "row 3, column 'Tỷ lệ': '140%' is not a share",
                     "row 4, column 'Đơn vị mới': '' is not a unit slug",
                     "row 4, column 'Tỷ lệ': 'nửa' is not a share"):
        assert fragment in text
    assert "row 2" not in text


def test_a_lineage_without_its_required_columns_says_which(tmp_path):
    path = tmp_path / "lineage.csv"
    path.write_text("predecessor,successor\na,b\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="effective"):
        read_lineage(path)


# --- constituents -------------------------------------------------------------------------------

MERGED = ("a,A,xã,,,2025-06-30\nb,B,xã,,,2025-06-30\nd,D,xã,,,2025-06-30\n"
          "c,C,xã,,2025-07-01,\ne,E,xã,,2025-07-01,\nold,Old,xã,,,2025-06-30\nnew,New,xã,,2025-07-01,\n"
          "stays,Stays,xã,,,\n")


def test_a_unit_that_always_existed_is_itself():
    units = units_of(MERGED)
    assert constituents(Lineage(), units, "stays", *YEAR_2024) == (Constituent("stays", 1.0),)
    assert constituents(Lineage(), units, "c", JULY, date(2025, 12, 31)) == (Constituent("c", 1.0),)


def test_a_merger_of_two_and_of_three():
    units = units_of(MERGED)
    lineage = lineage_of(("a", "c", JULY), ("b", "c", JULY))
    two = constituents(lineage, units, "c", *YEAR_2024)
    assert [(c.slug, c.share) for c in two] == [("a", 1.0), ("b", 1.0)]
    assert [c.path for c in two] == [(t,) for t in lineage.predecessors("c")]
    lineage = lineage_of(("a", "e", JULY), ("b", "e", JULY), ("d", "e", JULY))
    three = constituents(lineage, units, "e", *YEAR_2024)
    assert [(c.slug, c.share) for c in three] == [(t.predecessor, 1.0) for t in lineage.predecessors("e")]


def test_a_merger_of_a_merger_walks_back_and_multiplies_the_shares():
    units = units_of("a,A,xã,,,2025-06-30\nb,B,xã,,,2025-06-30\nc,C,xã,,2025-07-01,2025-12-31\n"
                     "d,D,xã,,,\ne,E,xã,,2026-01-01,\n")
    later = date(2026, 1, 1)
    lineage = Lineage((Transfer("a", "c", JULY, row=2), Transfer("b", "c", JULY, row=3),
                       Transfer("c", "e", later, row=4), Transfer("d", "e", later, 0.5, row=5)))
    found = constituents(lineage, units, "e", *YEAR_2024)
    assert [(c.slug, c.share) for c in found] == [("a", 1.0), ("b", 1.0), ("d", lineage.transfers[3].share)]
    assert [t.row for t in found[0].path] == [4, 2]  # latest first: c → e, then a → c
    # for the second half of 2025 c itself holds the figures
    assert [c.slug for c in constituents(lineage, units, "e", JULY, date(2025, 12, 31))] == ["c", "d"]
    chained = Lineage((Transfer("a", "c", JULY, 0.5), Transfer("c", "e", later, 0.4)))
    (only,) = constituents(chained, units, "e", *YEAR_2024)
    assert only.slug == "a" and only.share == pytest.approx(0.5 * 0.4)


def test_a_rename_is_one_whole_row():
    units = units_of(MERGED)
    lineage = lineage_of(("old", "new", JULY))
    assert lineage.is_whole(lineage.transfers[0], units)
    assert [(c.slug, c.share) for c in constituents(lineage, units, "new", *YEAR_2024)] == [("old", 1.0)]


def test_a_partial_transfer_counts_with_its_share_and_not_without():
    units = units_of(MERGED)
    with_share = lineage_of(("a", "c", JULY), ("stays", "c", JULY, 0.4))
    found = constituents(with_share, units, "c", *YEAR_2024)
    assert [(c.slug, c.share) for c in found] == [("a", 1.0), ("stays", 0.4)]
    without = lineage_of(("a", "c", JULY), ("stays", "c", JULY))
    assert not without.is_whole(without.transfers[1], units)
    result = constituents(without, units, "c", *YEAR_2024)
    assert isinstance(result, NotCombinable)
    assert "stays" in str(result) and "c" in str(result) and "no share" in str(result)


def test_a_split_without_shares_is_not_combinable():
    units = units_of(MERGED)
    split = lineage_of(("a", "c", JULY), ("a", "e", JULY))
    assert isinstance(constituents(split, units, "c", *YEAR_2024), NotCombinable)


def test_a_span_straddling_the_effective_date_is_not_combinable():
    units = units_of(MERGED)
    lineage = lineage_of(("a", "c", JULY), ("b", "c", JULY))
    result = constituents(lineage, units, "c", date(2025, 1, 1), date(2025, 12, 31))
    assert isinstance(result, NotCombinable)
    assert "c begins on 2025-07-01" in str(result)
    assert isinstance(constituents(lineage, units, "a", date(2025, 1, 1), date(2025, 12, 31)), NotCombinable)


def test_a_new_unit_without_predecessors_or_an_unknown_one_is_not_combinable():
    units = units_of(MERGED)
    assert "names no unit it came from" in str(constituents(Lineage(), units, "c", *YEAR_2024))
    assert "not in units.csv" in str(constituents(Lineage(), units, "nowhere", *YEAR_2024))
    assert "ended on 2025-06-30" in str(constituents(Lineage(), units, "a", JULY, date(2025, 12, 31)))


# --- validate's checks --------------------------------------------------------------------------

def codes(findings):
    return [(f.severity, f.code, f.row, f.value) for f in findings]


def test_rows_naming_unknown_units_or_one_unit_twice():
    units = units_of(MERGED)
    lineage = lineage_of(("a", "nowhere", JULY), ("c", "c", JULY))
    found = [f for f in lineage_findings(lineage, units) if f.severity == "error"]
    assert codes(found) == [("error", "lineage_unknown_unit", 2, "nowhere"), ("error", "lineage_self", 3, "c")]
    assert found[0].column == "successor" and found[0].path == "lineage.csv"
    assert "Add the unit to units.csv" in found[0].describe("en")


def test_a_cycle_is_named_by_its_chain():
    units = units_of("a,A,xã,,,\nb,B,xã,,,\nc,C,xã,,,\n")
    lineage = lineage_of(("a", "b", JULY), ("b", "c", JULY), ("c", "a", JULY))
    cycles = [f for f in lineage_findings(lineage, units) if f.code == "lineage_cycle"]
    assert len(cycles) == 1 and cycles[0].params["chain"] == "a → b → c → a"
    assert "a → b → c → a" in cycles[0].describe("en")
    assert isinstance(constituents(lineage, units_of("a,A,xã,,2025-07-01,\nb,B,xã,,2025-07-01,\n"),
                                   "a", *YEAR_2024), NotCombinable)


def test_effective_must_be_the_successors_first_day():
    units = units_of(MERGED)
    lineage = lineage_of(("a", "c", JULY + timedelta(days=1)))
    found = [f for f in lineage_findings(lineage, units) if f.code == "lineage_successor_start"]
    assert codes(found) == [("error", "lineage_successor_start", 2, (JULY + timedelta(days=1)).isoformat())]
    assert found[0].column == "effective" and "2025-07-01" in found[0].describe("en")


@pytest.mark.parametrize("ends, kind", [("2025-06-29", "gap"), ("2025-07-05", "overlap")])
def test_a_whole_predecessor_must_end_the_day_before(ends, kind):
    units = units_of(f"a,A,xã,,,{ends}\nc,C,xã,,2025-07-01,\n")
    found = lineage_findings(lineage_of(("a", "c", JULY)), units)
    assert codes(found) == [("error", "lineage_predecessor_end", 2, JULY.isoformat())]
    assert kind in found[0].describe("en") and ends in found[0].describe("en")
    # with a share, or a later successor, the predecessor may go on
    assert lineage_findings(lineage_of(("a", "c", JULY, 0.5)), units) == []


def test_shares_of_one_predecessor_at_one_date_add_up_to_at_most_the_whole():
    units = units_of("a,A,xã,,,2025-06-30\nc,C,xã,,2025-07-01,\ne,E,xã,,2025-07-01,\n")
    assert lineage_findings(lineage_of(("a", "c", JULY, 0.4), ("a", "e", JULY, 0.6)), units) == []
    found = lineage_findings(lineage_of(("a", "c", JULY, 0.7), ("a", "e", JULY, 0.6)), units)
    assert codes(found) == [("error", "lineage_shares_over", 3, "130%")]
    assert found[0].params["rows"] == "2, 3"


def test_a_unit_that_begins_at_a_date_without_predecessors_is_a_warning():
    units = units_of(MERGED)
    found = lineage_findings(lineage_of(("a", "c", JULY), ("b", "c", JULY)), units)
    warned = {f.params["unit"]: f for f in found if f.code == "unit_without_predecessor"}
    assert set(warned) == {"e", "new"} and all(f.severity == "warning" for f in warned.values())
    assert warned["e"].row == 6 and warned["e"].value == "2025-07-01"  # units.csv's row of e


def test_a_parent_must_exist_through_the_spell_under_it():
    units = units_of("dong-thap,tỉnh Đồng Tháp,tỉnh,,,\nhong-ngu,huyện Hồng Ngự,huyện,dong-thap,,2025-06-30\n"
                     "tan-hoi,xã Tân Hội,xã,hong-ngu,,2025-06-30\ntan-hoi,xã Tân Hội,xã,dong-thap,2025-07-01,\n"
                     "late,xã Trễ,xã,hong-ngu,,2025-06-30\nlate,xã Trễ,xã,hong-ngu,2025-07-01,\n")
    found = parent_findings(units, "units.csv")
    assert codes(found) == [("error", "unit_parent_not_valid", 7, "hong-ngu")]
    assert "2025-06-30" in found[0].describe("en") and found[0].params["unit"] == "late"


def test_figures_outside_a_units_validity(tmp_path):
    units = units_of("hong-ngu,huyện Hồng Ngự,huyện,,,2025-06-30\ntan-hoi-moi,xã Tân Hội,xã,,2025-07-01,\n"
                     "stays,Stays,xã,,,\n")
    for unit, period in [("hong-ngu", "2025-H1"), ("hong-ngu", "2025"), ("tan-hoi-moi", "2025-H1"),
                         ("tan-hoi-moi", "2025-H2"), ("stays", "2019")]:
        (tmp_path / unit / period).mkdir(parents=True)
    found = figures_outside_validity(tmp_path, units)
    assert sorted((f.params["unit"], f.value) for f in found) == [("hong-ngu", "2025"), ("tan-hoi-moi", "2025-H1")]
    text = next(f for f in found if f.value == "2025").describe("en")
    assert "2025-01-01 – 2025-12-31" in text and "2025-06-30" in text and "successor" in text
    assert all(f.path and f.path.endswith(f.value) for f in found)


def test_the_shipped_example_has_nothing_to_say():
    assert check_lineage(EXAMPLE_DATA_DIR, read_units(EXAMPLE_DATA_DIR / "units.csv"),
                         load_lineage(EXAMPLE_DATA_DIR)) == []


def test_validate_reports_the_lineage(tmp_path, capsys):
    from dxanalysis.cli import main

    raw = tmp_path / "raw"
    shutil.copytree(EXAMPLE_DATA_DIR / "hong-ngu" / "2022-H1", raw / "hong-ngu" / "2022-H1")
    (raw / "units.csv").write_text(
        "slug,name_vi,name_en,level,parent,hiệu lực từ,hiệu lực đến\n"
        "dong-thap,tỉnh Đồng Tháp,Dong Thap province,tỉnh,,,\n"
        "hong-ngu,huyện Hồng Ngự,Hong Ngu district,huyện,dong-thap,,30/06/2025\n"
        "tan-hoi,xã Tân Hội,Tan Hoi commune,xã,hong-ngu,,30/06/2025\n"
        "tan-hoi-trung,xã Tân Hội Trung,Tan Hoi Trung commune,xã,hong-ngu,,30/06/2025\n"
        "tan-hoi-moi,xã Tân Hội,Tan Hoi commune,xã,dong-thap,01/07/2025,\n", encoding="utf-8")
    (raw / "lineage.csv").write_text("Đơn vị cũ,Đơn vị mới,Ngày hiệu lực\n"
                                     "tan-hoi,tan-hoi-moi,01/07/2025\ntan-hoi-trung,tan-hoi-moi,01/07/2025\n",
                                     encoding="utf-8")
    assert main(["--lang", "en", "validate", str(raw)]) == 0
    assert "No errors." in capsys.readouterr().out
    (raw / "lineage.csv").write_text("Đơn vị cũ,Đơn vị mới,Ngày hiệu lực\n"
                                     "tan-hoi,tan-hoi-moi,01/07/2025\ntan-hoi-trung,tan-hoi-moy,01/07/2025\n",
                                     encoding="utf-8")
    (raw / "hong-ngu" / "2025-H2").mkdir()
    assert main(["--lang", "en", "validate", str(raw)]) == 1
    out = capsys.readouterr().out
    assert "lineage.csv" in out and "tan-hoi-moy" in out
    words = " ".join(out.split())  # the table wraps its text
    assert "2025-H2 (2025-07-01 – 2025-12-31) lies outside the validity of the unit hong-ngu (until 2025-06-30)" \
        in words
    (raw / "lineage.csv").write_text("Đơn vị cũ,Đơn vị mới,Ngày hiệu lực\nTân Hội,tan-hoi-moi,01/07/2025\n",
                                     encoding="utf-8")
    assert main(["--lang", "en", "validate", str(raw)]) == 1
    assert "is not a unit slug" in capsys.readouterr().err


def test_the_readmes_example_reads_and_validates(tmp_path):
    readme = (EXAMPLE_DATA_DIR.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Units that merge (lineage)")[1]
    block = section.split("```\n")[1]
    units_text, lineage_text = block.split("\n\nlineage.csv\n")
    (tmp_path / "units.csv").write_text(units_text.split("units.csv\n", 1)[1], encoding="utf-8")
    (tmp_path / "lineage.csv").write_text(lineage_text, encoding="utf-8")
    units, lineage = read_units(tmp_path / "units.csv"), load_lineage(tmp_path)
    assert check_lineage(tmp_path, units, lineage) == []
    assert [(c.slug, c.share) for c in constituents(lineage, units, "tan-hoi-moi", *YEAR_2024)] == \
        [(t.predecessor, 1.0) for t in lineage.predecessors("tan-hoi-moi")]
    assert units["thuong-thoi-tien"].parent_on(date(2025, 6, 30)) == "hong-ngu"


def test_the_review_source_reads_the_lineage_beside_the_registry(tmp_path):
    from dxanalysis.assess.review import ReviewSource

    (tmp_path / "lineage.csv").write_text("predecessor,successor,effective\na,b,2025-07-01\n", encoding="utf-8")
    source = ReviewSource(tmp_path)
    assert [(t.predecessor, t.successor, t.effective) for t in source.lineage.transfers] == [("a", "b", JULY)]
    assert source.lineage is source.lineage  # read once
    assert ReviewSource(tmp_path / "elsewhere").lineage.transfers == ()
