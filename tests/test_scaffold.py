import subprocess
import sys

import pytest

from dxanalysis.exceptions import InputFileError
from dxanalysis.read.indicators import read_indicator_file
from dxanalysis.assess.review import load_review
from dxanalysis.read.notes import read_review_notes
from dxanalysis.scaffold import new_period
from tests.conftest import tree_digest


def test_new_period_copies_indicators_and_targets_with_blank_values(example_before_forms):
    example_data = example_before_forms
    before = tree_digest(example_data)
    indicators, notes = new_period(example_data, "hong-ngu", "2023-H1")
    assert tree_digest(example_data).items() >= before.items()  # only additions
    previous = read_indicator_file(example_data / "hong-ngu" / "2022-H2" / "indicators.csv").frame
    fresh = read_indicator_file(indicators).frame
    assert fresh["indicator"].tolist() == previous["indicator"].tolist()
    assert fresh["target"].tolist() == previous["target"].tolist()
    assert (fresh["numerator"] == "").all() and (fresh["value"] == "").all()
    review = load_review("hong-ngu", "2023-H1", example_data)  # the scaffold is a valid, empty period
    assert set(review.observations["status"]) == {"no_data"} and not review.has_errors
    commitments = read_review_notes(notes).commitments
    assert [c.indicator for c in commitments][0] == "econ.ocop_products_on_ecommerce_rate"


def test_new_period_carries_the_documents_issuer_and_signer_but_never_its_number_or_date(example_before_forms):
    example_data = example_before_forms
    path = example_data / "hong-ngu" / "2022-H1" / "review.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("\ndocument:")] + """
document:
  number: "125"
  date: 2022-08-15
  symbol: BC-BCĐ
  place: Hồng Ngự
  signer: {on_behalf: KT. Trưởng ban, title: {vi: Phó Trưởng ban, en: Deputy Head}, name: Nguyễn Văn A}
  recipients: [UBND Tỉnh (b/c), "Lưu: VT"]
""", encoding="utf-8")
    earlier = read_review_notes(path).document
    _, notes = new_period(example_data, "hong-ngu", "2023-H1")
    carried = read_review_notes(notes)
    document = carried.document
    assert earlier.signer_name and document.signer_name == earlier.signer_name
    assert (document.symbol, document.place, document.recipients) == (earlier.symbol, earlier.place, earlier.recipients)
    assert carried.text(document.signer_title, "en") != document.signer_title  # the English side kept
    assert document.number == "" and document.date is None


def test_new_period_never_overwrites(example_data):
    path = example_data / "hong-ngu" / "2022-H2" / "indicators.csv"
    before = path.read_bytes()
    with pytest.raises(InputFileError, match="already exists"):
        new_period(example_data, "hong-ngu", "2022-H2")
    assert path.read_bytes() == before


def test_new_period_needs_an_earlier_period(example_data):
    with pytest.raises(InputFileError, match="has no period before 2020-H1"):
        new_period(example_data, "hong-ngu", "2020-H1")


def test_new_period_command(example_before_forms):
    example_data = example_before_forms
    result = subprocess.run([sys.executable, "-m", "dxanalysis", "new-period", "--unit", "long-khanh-a",
                             "--period", "2023-H1", "--data-dir", str(example_data)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "long-khanh-a/2023-H1/indicators.csv" in result.stdout


def test_new_period_proposes_the_next_of_the_same_kind(example_before_forms, make_data):
    example_data = example_before_forms
    from dxanalysis.scaffold import next_period

    assert next_period(example_data, "hong-ngu").slug == "2023-H1"
    raw = make_data("STT,Chỉ tiêu,Giá trị\n1,soc.stem_school_rate,5%\n", period="2023-9M")
    assert next_period(raw, "hong-ngu").slug == "2024-9M"
    indicators, notes, *_ = new_period(raw, "hong-ngu")
    assert indicators.parent.name == "2024-9M"
    assert "Sơ kết 9 tháng đầu năm 2024" in notes.read_text(encoding="utf-8")


def test_new_period_command_takes_a_phrase_or_proposes_one(make_data):
    raw = make_data("STT,Chỉ tiêu,Giá trị\n1,soc.stem_school_rate,5%\n", period="2022-M10")
    command = [sys.executable, "-m", "dxanalysis", "--lang", "en", "new-period", "--unit", "hong-ngu",
               "--data-dir", str(raw)]
    proposed = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert proposed.returncode == 0, proposed.stderr
    assert "hong-ngu/2022-M11/indicators.csv" in proposed.stdout
    phrase = subprocess.run([*command, "--period", "tháng 01/2023"], capture_output=True, text=True, timeout=120)
    assert phrase.returncode == 0, phrase.stderr
    assert "hong-ngu/2023-M01/indicators.csv" in phrase.stdout
    bad = subprocess.run([*command, "--period", "tháng 13/2023"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert "--period: expected a period such as '2022-H1'" in bad.stderr and "'tháng 13/2023'" in bad.stderr


def test_new_period_without_any_period_says_so(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "units.csv").write_text("slug,name_vi,name_en,level,parent\nhong-ngu,huyện Hồng Ngự,Hong Ngu,huyện,\n",
                                   encoding="utf-8")
    with pytest.raises(InputFileError, match="no next period to propose"):
        new_period(raw, "hong-ngu")


def test_new_period_carries_the_sections_the_rates_asked_for_and_the_breakdowns(example_data):
    indicators, notes, *_ = new_period(example_data, "dong-thap", "2024")
    earlier = read_review_notes(example_data / "dong-thap" / "2023" / "review.yml")
    carried = read_review_notes(notes)
    assert carried.sections == earlier.sections and carried.sections  # titles, indicators, layout
    fresh = read_indicator_file(indicators).frame
    parts = fresh[fresh["part_of"] != ""]
    assert parts["indicator"].tolist() == ["Số chỉ tiêu vượt", "Số chỉ tiêu đạt"]  # no bullet, no escaping quote
    assert set(parts["part_of"]) == {"Số chỉ tiêu đạt và vượt kế hoạch"}
    assert (fresh["plan"] == "").all()  # the next period may fall under a new plan: named again
    review = load_review("dong-thap", "2024", example_data)
    assert not review.has_errors


def test_new_period_follows_the_last_period_like_it(example_data):
    indicators, notes, *_ = new_period(example_data, "tan-hong", "2024-9M")
    fresh = read_indicator_file(indicators).frame
    previous = read_indicator_file(example_data / "tan-hong" / "2023-9M" / "indicators.csv").frame
    assert len(fresh) == len(previous)  # the nine months' table, not the year-end one
    assert read_review_notes(notes).show_all_rates


def test_new_period_starts_the_reporting_table_once(example_before_forms):
    example_data = example_before_forms
    from dxanalysis.read.catalog import load_catalog
    from dxanalysis.read.reporting import read_reporting

    written = new_period(example_data, "tan-hong", "2024-9M")
    reporting = example_data / "tan-hong" / "reporting.csv"
    assert written[-1] == reporting
    lines = reporting.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Chỉ tiêu,Cơ quan báo cáo,Liên hệ,Email,Ghi chú"
    assert any(line.split(",")[1] == "" for line in lines[1:])  # the unit's own: the body to fill in
    assert any(",các xã," in line for line in lines[1:])  # what its communes reported, each for itself
    with pytest.raises(InputFileError, match="no body is named"):  # until filled in, forms says what is missing
        read_reporting(reporting, load_catalog())
    before = reporting.read_bytes()
    assert reporting not in new_period(example_data, "tan-hong", "2025-9M")  # never overwritten
    assert reporting.read_bytes() == before
    assert example_data / "hong-ngu" / "reporting.csv" not in new_period(example_data, "hong-ngu", "2023-H1")
