"""Who has sent the period's forms (issue 14, item 4): ``dxanalysis status`` and the review's appendix.

Forms are written with ``dxanalysis forms``, filled with openpyxl as a department would, and dropped
into the period's ``forms/`` folder (the helpers are those of ``test_forms_in.py``).
"""

from __future__ import annotations

import re
import subprocess
import sys

from forms import VH, VP, fill

from dxanalysis.assess.collection import collection_status
from dxanalysis.assess.review import load_review
from dxanalysis.provenance import collect_provenance
from dxanalysis.write.sections import appendix_section


def _states(status):
    return {b.body: (b.state, b.blank) for b in status.bodies}


def test_nobody_has_sent_anything_yet(forms_period):
    data, _, _ = forms_period
    status = collection_status("hong-ngu", "2023-H1", data)
    assert not status.complete
    assert all(state == "not_sent" and blank for state, blank in _states(status).values())
    assert len(status.bodies) == 8  # four offices and four communes


def test_sent_sent_with_errors_and_blank_figures(forms_period):
    data, folder, forms = forms_period
    fill(forms[VP], folder / "forms" / "vp.xlsx", {"gov.online_dossier_rate": {"G": 9475, "H": 15684},
                                                   "gov.digital_signature_rate": {"I": "95%"}})  # one left blank
    fill(forms[VH], folder / "forms" / "anything.xlsx", {"gov.agencies_on_data_network_rate": {"I": "8O%"},
                                                         "econ.ecommerce_outreach_households": {"I": 21}})
    states = _states(collection_status("hong-ngu", "2023-H1", data))
    assert states[VP] == ("sent", ("gov.online_services_with_dossiers_rate",))
    assert states[VH][0] == "errors" and states[VH][1] == ("gov.agencies_on_data_network_rate",)
    assert states["Phòng Giáo dục và Đào tạo"][0] == "not_sent"


def test_the_appendix_lists_who_has_not_reported_while_the_period_is_open(forms_period):
    data, folder, forms = forms_period
    fill(forms[VP], folder / "forms" / "vp.xlsx", {"gov.online_dossier_rate": {"G": 9475, "H": 15684}})
    review = load_review("hong-ngu", "2023-H1", data)
    html = str(appendix_section(review, collect_provenance(review.inputs, {}), "vi"))
    assert 'id="collection"' in html and "Chưa báo cáo" in html and "Đã báo cáo" in html
    assert "1/8" not in html and "0/8 cơ quan, đơn vị đã gửi đủ" in html  # VP left two figures blank
    assert any(p.name == "reporting.csv" for p in review.inputs)  # the table is an input of the page
    english = str(appendix_section(review, collect_provenance(review.inputs, {}), "en"))
    assert "Not reported" in english and "Figures still blank" in english


def test_a_period_without_forms_has_no_such_table(example_data):
    review = load_review("hong-ngu", "2022-H1", example_data)
    assert review.collection is None
    assert 'id="collection"' not in str(appendix_section(review, collect_provenance(review.inputs, {}), "vi"))


def test_status_command_in_both_languages(forms_period, tmp_path):
    data, folder, forms = forms_period
    fill(forms[VP], folder / "forms" / "vp.xlsx", {"gov.online_dossier_rate": {"G": 9475, "H": 15684}})
    command = [sys.executable, "-m", "dxanalysis", "status", "--unit", "hong-ngu", "--period", "2023-H1",
               "--data-dir", str(data)]
    vi = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert vi.returncode == 0, vi.stderr
    assert "Chưa báo cáo" in vi.stdout and re.search(rf"Đã báo cáo +{VP} \(vp\.xlsx\)", vi.stdout)
    assert "còn trống: Tỷ lệ thực hiện ký số văn bản" in vi.stdout and "0/8 cơ quan" in vi.stdout
    en = subprocess.run([sys.executable, "-m", "dxanalysis", "--lang", "en", *command[3:]], capture_output=True,
                        text=True, cwd=tmp_path, timeout=120)
    assert en.returncode == 0 and "Not reported" in en.stdout and "still blank:" in en.stdout
