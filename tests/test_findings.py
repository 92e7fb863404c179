import pytest

from dxanalysis.findings import MESSAGES, Finding, findings_frame


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_has_vi_and_en_text(code):
    from dxanalysis.i18n import translations

    message, hint = MESSAGES[code]
    for lang in ("vi", "en"):
        for n in (1, 2):
            text = translations(lang).ngettext(*message, n) if isinstance(message, tuple) \
                else translations(lang).gettext(message)
            assert text and text not in message, (lang, message)
        assert translations(lang).gettext(hint) not in ("", hint), (lang, hint)


def test_frame_orders_by_severity_and_keeps_location():
    findings = [Finding("info", "no_value", indicator="a"),
                Finding("error", "zero_denominator", path="x.csv", row=3, column="Mẫu số", value="0")]
    frame = findings_frame(findings)
    assert frame["severity"].tolist() == ["error", "info"]
    assert frame.loc[0, ["path", "row", "column", "value"]].tolist() == ["x.csv", 3, "Mẫu số", "0"]


def test_unknown_codes_and_severities_are_programming_errors():
    with pytest.raises(ValueError):
        Finding("fatal", "no_value")
    with pytest.raises(ValueError):
        Finding("error", "no_such_code")


_SAMPLE_PARAMS = {
    "column_name": "'x'", "aliases": "a", "candidates": "c", "first_row": 2, "expected": "e", "detail": "e",
    "hint": "h", "detail_hint": "h", "numerator": "3", "denominator": "2", "stated": "1", "computed": "2",
    "target": "1", "choices": "a", "claim": "c", "evidence": "e", "previous": "2021-H1", "completed": "d",
    "received": "d", "period": "2022-H1", "count": 3, "kind": "k", "examples": "1", "typed": "1",
    "encoding": "cp1258", "sheet": "S", "reason": "r", "headers": "h", "last_row": 4,
    "cells": 5, "header_cells": 4, "matched": "m", "name": "n", "score": "90%", "found": "2021-H1",
    "what": "values", "parts_sum": "1", "rows": "3, 4", "low": "0%", "high": "100%", "level": "xã",
    "counts": "12/63", "before": "20/25", "now": "40/48", "title": "t", "indicators": "a, b",
    "body": "b", "file": "f.xlsx", "cell": "S!I7", "figure": "1", "other_body": "o", "other_file": "o.xlsx",
    "other_cell": "S!I8", "other_figure": "2", "chain": "a → b → a", "successor": "b", "predecessor": "a",
    "valid_from": "2025-07-01", "valid_to": "2025-06-30", "effective": "2025-07-01", "unit": "a",
    "first": "2025-01-01", "last": "2025-12-31", "validity": "v", "spell": "s",
}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_fills_with_its_params(code):
    finding = Finding("error", code, path="a.csv", row=3, column="c", value="v", indicator="i",
                      params=_SAMPLE_PARAMS)
    for lang in ("vi", "en"):
        assert "{" not in finding.message(lang) and "{" not in finding.hint(lang)


def test_unused_rows_lists_every_row_that_did_not_become_data():
    from dxanalysis.findings import unused_rows
    findings = [
        Finding("warning", "no_value", path="a.csv", row=2, indicator="x"),           # used, as no data
        Finding("error", "unknown_indicator", path="a.csv", row=3, value="abc", params={"candidates": "—"}),
        Finding("error", "duplicate_indicator", path="a.csv", row=3, value="abc", params={"first_row": 2}),
        Finding("info", "total_row", path="a.csv", row=5, value="Tổng cộng"),
        Finding("error", "missing_column", path="b.xlsx", sheet="S", row=1,
                params={"column_name": "'x'", "aliases": "", "data_rows": 7, "last_row": 8}),
    ]
    frame = unused_rows(findings)
    assert frame[["path", "row", "rows", "codes"]].values.tolist() == [
        ["a.csv", 3, 1, "unknown_indicator, duplicate_indicator"], ["a.csv", 5, 1, "total_row"],
        ["b.xlsx", 1, 7, "missing_column"]]
    assert frame["rows"].sum() == 9
    assert unused_rows([]).empty
