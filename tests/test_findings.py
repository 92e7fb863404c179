import pytest

from dxanalysis.findings import MESSAGES, Finding, findings_frame


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_has_vi_and_en_text(code):
    vi, en, hint_vi, hint_en = MESSAGES[code]
    assert vi and en and (hint_vi or code == "unparseable") and (hint_en or code == "unparseable")


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
