"""The shipped example's returned forms: huyện Hồng Ngự, first half of 2023, illustrative.

``tools/make_example_forms.py`` made them the way an office does (``new-period``, ``forms``, the
bodies fill them in); these tests read the workbooks with openpyxl, as a person would, and check
that the review takes every typed answer, says where it came from, and says the figures are
illustrative.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dxanalysis.assess.collection import collection_status
from dxanalysis.assess.review import is_illustrative, load_review
from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.i18n import gettext
from dxanalysis.publish.forms import plan_forms
from dxanalysis.read.forms import read_form_metadata
from tests.conftest import FORMS_EXAMPLE_PERIOD

ROOT = Path(__file__).resolve().parents[1]
UNIT = "hong-ngu"
FORMS = sorted(Path(EXAMPLE_DATA_DIR).glob(f"*/{FORMS_EXAMPLE_PERIOD}/forms/*.xlsx"))
INPUTS = {"Tử số": "numerator", "Mẫu số": "denominator", "Giá trị": "value", "Ghi chú": "note"}


def typed_answers(path: Path) -> dict[str, dict[str, object]]:
    """{code: {numerator, denominator, value, note}} as the body typed them, found by the header's words."""
    meta = read_form_metadata(path)
    sheet = load_workbook(path)[meta.data_sheet]
    header = {c.column: next((key for words, key in INPUTS.items() if str(c.value or "").startswith(words)), None)
              for c in sheet[meta.header_row]}
    answers = {}
    for row in sheet.iter_rows(min_row=meta.header_row + 1):
        typed = {header[c.column]: c.value for c in row if header.get(c.column) and c.value not in (None, "")}
        if {"numerator", "denominator", "value"} & typed.keys():
            answers[row[0].value] = typed
    return answers


def test_the_example_ships_returned_forms_each_answer_marked_illustrative():
    assert len(FORMS) >= 4
    units = {read_form_metadata(p).unit for p in FORMS}
    assert UNIT in units and len(units) > 1  # the district's bodies and some communes
    for path in FORMS:
        answers = typed_answers(path)
        assert answers, path
        assert all(is_illustrative(a.get("note")) for a in answers.values()), path


@pytest.fixture(scope="module")
def review():
    return load_review(UNIT, FORMS_EXAMPLE_PERIOD, EXAMPLE_DATA_DIR)


def test_every_answer_is_a_figure_of_the_review_with_its_provenance(review):
    frames = {UNIT: review.observations, **{u: review.children[review.children["unit"] == u]
                                            for u in review.children["unit"].unique()}}
    for path in FORMS:
        meta = read_form_metadata(path)
        frame = frames[meta.unit]
        for code, typed in typed_answers(path).items():
            (row,) = frame[frame["indicator"] == code].itertuples()
            assert (row.body, Path(row.path).name, row.sheet) == (meta.body, path.name, meta.data_sheet)
            assert str(row.row) in row.cell
            for column in ("numerator", "denominator"):
                if column in typed:
                    assert getattr(row, column) == typed[column]
            if "value" in typed:
                assert row.value_text == str(typed["value"]) or row.value == typed["value"]
            assert typed["note"] in row.note  # the body's note is kept, never dropped


def test_the_page_says_the_forms_figures_are_illustrative(review):
    flagged = review.illustrative_periods()
    for unit in {read_form_metadata(p).unit for p in FORMS}:
        assert f"{unit} {FORMS_EXAMPLE_PERIOD}" in flagged


def test_bodies_without_a_returned_form_are_shown_as_not_sent():
    planned = {form.body for form in plan_forms(UNIT, FORMS_EXAMPLE_PERIOD, EXAMPLE_DATA_DIR)}
    returned = {read_form_metadata(p).body for p in FORMS}
    assert planned - returned  # the example shows what "chưa báo cáo" looks like
    status = collection_status(UNIT, FORMS_EXAMPLE_PERIOD, EXAMPLE_DATA_DIR)
    states = {s.state for s in status.bodies if s.body in returned or s.unit != UNIT and any(
        read_form_metadata(p).unit == s.unit for p in FORMS)}
    assert states == {"sent"}
    assert sum(s.state == "not_sent" for s in status.bodies) == len(planned - returned)
    assert not status.complete


def test_a_pillar_whose_only_figure_is_missing_says_so_not_that_it_missed(review):
    from dxanalysis.write.sections import pillar_section

    blank = review.observations[review.observations["status"] == "no_data"]
    pillar = blank["pillar"].iloc[0]
    assert set(review.observations.loc[review.observations["pillar"] == pillar, "status"]) == {"no_data"}
    page = str(pillar_section(review, pillar))
    assert gettext("pillar.no_data", "vi") in page and gettext("pillar.none_met", "vi") not in page


def test_the_tool_makes_the_shipped_forms_again(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(EXAMPLE_DATA_DIR, raw)
    command = [sys.executable, str(ROOT / "tools" / "make_example_forms.py"), "--data-dir", str(raw)]
    refused = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "--force" in refused.stderr
    made = subprocess.run([*command, "--force"], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    again = sorted(raw.glob(f"*/{FORMS_EXAMPLE_PERIOD}/forms/*.xlsx"))
    assert [p.relative_to(raw) for p in again] == [p.relative_to(EXAMPLE_DATA_DIR) for p in FORMS]
    assert [typed_answers(p) for p in again] == [typed_answers(p) for p in FORMS]
