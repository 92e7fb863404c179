"""Property-based tests of every parser that meets typed input: it returns a value or raises the library's own error."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxanalysis.read.catalog import SIMILARITY_THRESHOLD, load_catalog
from dxanalysis.check.clean import clean_indicators
from dxanalysis.check.observation import OBSERVATION_COLUMNS
from dxanalysis.exceptions import DxAnalysisError, InputFileError
from dxanalysis.findings import Finding, unused_rows
from dxanalysis.read.indicators import RawTable, decode_bytes, detect_encoding, header_column, read_indicator_file
from dxanalysis.numerals import is_no_data
from dxanalysis.vntext import VIETNAMESE_LETTERS, strip_enumeration
from tests.forms import to_cp1258

CATALOG = load_catalog()
vietnamese_text = st.text(alphabet=st.sampled_from(sorted(VIETNAMESE_LETTERS) + list("abc xyz,.0123456789%")),
                          min_size=1, max_size=40)
cells = st.one_of(st.text(max_size=25), st.sampled_from(["9.475", "60,41%", "≥80%", "-", "x", "05/33", "9.47",
                                                         "trên 58%", "gần 1.400", "1,5 triệu", "120%", "0"]))


@given(st.binary(max_size=200))
def test_decoding_any_bytes_gives_text_or_a_file_error(data):
    try:
        assert isinstance(decode_bytes(data, "a.csv"), str)
    except InputFileError as err:
        assert "a.csv" in str(err)


@given(vietnamese_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "nfd", "cp1258"]))
def test_vietnamese_text_survives_every_encoding(text, encoding):
    text = unicodedata.normalize("NFC", text)
    if encoding == "cp1258":
        data = to_cp1258(text)
    elif encoding == "nfd":
        data = unicodedata.normalize("NFD", text).encode("utf-8")
    else:
        data = text.encode(encoding)
    decoded, _ = detect_encoding(data, "a.csv")
    assert unicodedata.normalize("NFC", decoded) == text


@given(st.text(max_size=60))
def test_matching_any_name_never_guesses_below_the_threshold(text):
    match = CATALOG.match(text)
    assert match.code is None or match.code in CATALOG
    if match.how == "similar":
        assert match.score >= SIMILARITY_THRESHOLD
    if match.code is None:
        assert all(code in CATALOG for code in match.candidates)


@given(st.text(max_size=40))
def test_text_helpers_accept_any_text(text):
    assert isinstance(header_column(text), (str, type(None)))
    assert isinstance(strip_enumeration(text), str)
    assert isinstance(is_no_data(text), bool)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cells, min_size=1, max_size=7), max_size=6), st.sampled_from([",", ";", "\t"]))
def test_reading_any_csv_gives_a_table_or_a_file_error(rows, delimiter):
    body = "\n".join(delimiter.join(f'"{c}"' for c in row) for row in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "indicators.csv"
        path.write_text("STT,Chỉ tiêu,Tử số,Mẫu số,Giá trị,Chỉ tiêu giao\n".replace(",", delimiter) + body,
                        encoding="utf-8")
        try:
            raw = read_indicator_file(path)
        except DxAnalysisError:
            return
        observations, findings = clean_indicators(raw, CATALOG, unit="u", period="2022-H1")
    assert list(observations.columns) == OBSERVATION_COLUMNS
    assert all(isinstance(f, Finding) for f in findings)
    # No row is lost: each data row read is an observation or has a finding that names it.
    named = set(observations["row"]) | {f.row for f in findings}
    assert set(raw.frame["_row"]) <= named
    assert set(unused_rows(findings)["row"]) <= {f.row for f in findings}


@settings(max_examples=80)
@given(st.fixed_dictionaries({c: cells for c in ("numerator", "denominator", "value", "target", "period", "part_of")}),
       st.sampled_from(["soc.stem_school_rate", "Tỷ lệ hồ sơ TTHC xử lý trực tuyến", "Số hộ có sản phẩm OCOP", ""]),
       st.sampled_from(["vi", "en"]))
def test_cleaning_any_cells_gives_observations_or_located_findings(row, indicator, lang):
    raw = RawTable("indicators.csv", pd.DataFrame([{**row, "indicator": indicator, "_row": 2}]),
                   header={c: c for c in row})
    observations, findings = clean_indicators(raw, CATALOG, unit="u", period="2022-H1", lang=lang)
    assert len(observations) <= 1
    if observations.empty:
        assert findings and all(f.row == 2 for f in findings)
        assert any(f.severity == "error" or f.code == "not_an_indicator_row" for f in findings)
    for finding in findings:
        assert finding.message("vi") and finding.message("en") and finding.describe()


def test_property_tests_have_no_deadline():
    """A slow example on a loaded machine is not a failure (conftest's "steady" profile): no flaky deadline."""
    from hypothesis import settings as current

    assert current.default.deadline is None
