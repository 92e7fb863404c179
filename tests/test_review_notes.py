import pytest

from dxanalysis.exceptions import InputFileError
from dxanalysis.read.notes import parse_review_notes, read_review_notes


def write(tmp_path, text):
    path = tmp_path / "review.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_empty_notes(tmp_path):
    assert read_review_notes(tmp_path / "review.yml").commitments == ()


@pytest.mark.parametrize("text, message", [
    ("meeting:\n  chiar: X\n", r"key 'meeting': unknown field\(s\) chiar"),
    ("meeting:\n  date: hôm qua\n", r"key 'meeting.date': expected a date"),
    ("tasks:\n  - lead: Phòng VH-TT\n", r"key 'tasks\[1\].content': is required"),
    ("shortcomings:\n  - reason: x\n", r"key 'shortcomings\[1\]': needs 'text' or 'indicator'"),
    ("shortcomings:\n  - indicator: a\n    claim: worse\n", r"key 'shortcomings\[1\].claim'"),
    ("achievements:\n  văn hoá số: [x]\n", r"key 'achievements.văn hoá số': is not a pillar"),
    ("meeting: [\n", r"line \d+, column \d+: not valid YAML"),
])
def test_bad_notes_name_the_file_and_key(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(InputFileError, match=message) as info:
        read_review_notes(path)
    assert str(path) in str(info.value)


def test_pillar_names_may_be_vietnamese(tmp_path):
    notes = read_review_notes(write(tmp_path, "achievements:\n  Kinh tế số:\n    - Hóa đơn điện tử\n"))
    assert notes.achievements == {"digital_economy": ("Hóa đơn điện tử",)}


@pytest.mark.parametrize("typed, kind", [("tổng kết", "tổng kết"), ("Kiem tra", "kiểm tra"), ("report", "báo cáo"),
                                         (None, "")])
def test_the_review_kind_is_read_as_typed(typed, kind, tmp_path):
    notes = parse_review_notes({"kind": typed} if typed else {}, tmp_path / "review.yml")
    assert notes.kind == kind


def test_an_unknown_review_kind_names_the_choices(tmp_path):
    with pytest.raises(InputFileError, match=r"'kind'.*'họp giao ban'.*sơ kết, tổng kết, báo cáo, kiểm tra"):
        parse_review_notes({"kind": "họp giao ban"}, tmp_path / "review.yml")


@pytest.mark.parametrize("typed, shown", [("all", "'all'"), ("[true]", "'true'"), ("[[a]]", "['a']")])
def test_show_rates_that_is_neither_true_nor_a_list_of_indicators_shows_both_forms(tmp_path, typed, shown):
    from dxanalysis.exceptions import InputFileError
    from dxanalysis.read.notes import read_review_notes

    path = tmp_path / "review.yml"
    path.write_text(f"show_rates: {typed}\n", encoding="utf-8")
    with pytest.raises(InputFileError) as failure:
        read_review_notes(path)
    from dxanalysis.i18n import using_lang

    with using_lang("vi"):
        message = str(failure.value)
    assert "'show_rates'" in message and f"gặp {shown}" in message and "show_rates: true" in message
    assert "gần nhất" not in message  # no indicator is suggested for a value that names none
