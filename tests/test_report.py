"""The report notebook run through papermill on fixture data, and the exported page checked."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dxanalysis.exceptions import ValidationFailed
from dxanalysis.publish.report import build_report
from tests.conftest import tree_digest


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The shipped example, copied, rendered once in Vietnamese and once in English."""
    from dxanalysis.config import EXAMPLE_DATA_DIR

    root = tmp_path_factory.mktemp("project")
    raw = root / "data" / "raw"
    shutil.copytree(EXAMPLE_DATA_DIR, raw)
    before = tree_digest(raw)
    vi = build_report("hong-ngu", "2022-H1", data_dir=raw, reports_dir=root / "reports")
    en = build_report("hong-ngu", "2022-H1", lang="en", data_dir=raw, reports_dir=root / "reports-en")
    return {"root": root, "raw": raw, "before": before, "vi": vi, "en": en}


def test_page_states_the_seed_figures(built):
    html = built["vi"].read_text(encoding="utf-8")
    text = " ".join("".join(parse(html).text).split())
    for expected in ["9.475/15.684 hồ sơ, đạt 60,41% (chỉ tiêu giao là 50%)",
                     "11/34 trường, đạt 32,35% (chỉ tiêu giao là 15%)",
                     "chưa đạt 80% trở lên (toàn huyện có 52/74 TTHC, đạt 70,27%)",
                     "có chiều hướng giảm so với cùng kỳ năm 2021 (từ 67,26% xuống 60,41%), do việc đăng nhập",
                     "Giao Phòng Văn hóa và Thông tin (Phó trưởng ban) chủ trì",
                     "100% dữ liệu hồ sơ bệnh án điện tử được liên thông",
                     "Hội nghị ngày 09/8/2022, do Ông Huỳnh Văn Tài"]:
        assert expected in text


def test_page_is_a_clean_self_contained_document(built):
    html = built["vi"].read_text(encoding="utf-8")
    page = parse(html)
    assert re.search(r'<html lang="vi">', html)
    assert [t for t, _ in page.tags].count("h1") == 1
    body = html.split("<body", 1)[1]  # the stylesheet names every Jupyter class; the body must not use them
    assert "jp-InputArea" not in body and "jp-InputPrompt" not in body  # no code cells
    assert "injected-parameters" not in body and 'unit = "hong-ngu"' not in body
    assert "application/vnd.jupyter.stderr" not in body
    assert not [a for t, a in page.tags if t == "script" and a.get("src")]
    assert not [a for t, a in page.tags if t == "link" and a.get("href", "").startswith("http")]
    images = [a for t, a in page.tags if t == "img"]
    # a bar and a trend chart per pillar, and the communes' ranking
    assert len(images) == 7 and all(a["src"].startswith("data:image/svg+xml;base64,") for a in images)
    assert all(a.get("alt", "").startswith("Biểu đồ") for a in images)


def test_table_of_contents_links_land_on_sections(built):
    page = parse(built["vi"].read_text(encoding="utf-8"))
    ids = {a["id"] for _, a in page.tags if "id" in a}
    links = [a["href"][1:] for t, a in page.tags if t == "a" and a.get("href", "").startswith("#")]
    assert {"summary", "achievements", "commitments", "shortcomings", "tasks", "appendix"} <= set(links)
    assert set(links) <= ids


def test_appendix_lists_inputs_with_hashes(built):
    html = built["vi"].read_text(encoding="utf-8")
    read = ["units.csv", "hong-ngu/2022-H1/indicators.csv", "hong-ngu/2022-H1/review.yml",
            "hong-ngu/2021-H1/indicators.csv", "hong-ngu/2021-H2/indicators.csv", "hong-ngu/targets.csv",
            "thuong-phuoc-1/2022-H1/indicators.csv"]
    for name in read:
        assert built["before"][name] in html, name
    assert built["before"]["hong-ngu/2022-H2/indicators.csv"] not in html  # a later period is not an input
    assert "dữ liệu minh họa, không phải số liệu thật" in html  # the illustrative periods are named on the page


def test_raw_data_untouched_and_outputs_where_promised(built):
    assert tree_digest(built["raw"]) == built["before"]
    assert built["vi"] == built["root"] / "reports" / "hong-ngu" / "2022-H1" / "review.html"
    assert (built["vi"].parent / "review.ipynb").exists()


def test_english_report(built):
    html = built["en"].read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "9,475/15,684 dossiers, 60.41% (target 50%)" in html
    assert "I. Achievements" in html and "Kết quả đạt được" not in html


def test_report_refuses_data_errors_unless_allowed(tmp_path, make_data):
    raw = make_data("Chỉ tiêu,Tử số,Mẫu số\nTỷ lệ trường áp dụng mô hình giáo dục STEM,34,11\n")
    with pytest.raises(ValidationFailed) as info:
        build_report("hong-ngu", "2022-H1", data_dir=raw, reports_dir=tmp_path / "reports")
    assert info.value.findings[0].code == "numerator_above_denominator"
    assert not (tmp_path / "reports").exists()
    html = build_report("hong-ngu", "2022-H1", data_dir=raw, reports_dir=tmp_path / "reports", allow_errors=True)
    assert "lỗi trong dữ liệu đầu vào" in html.read_text(encoding="utf-8")


def test_editing_one_number_changes_every_place_that_uses_it(built, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(built["raw"], raw)
    path = raw / "hong-ngu" / "2022-H1" / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("9.475,15.684", "7.000,15.684"), encoding="utf-8")
    edited = build_report("hong-ngu", "2022-H1", data_dir=raw, reports_dir=tmp_path / "reports")
    old, new = built["vi"].read_text(encoding="utf-8"), edited.read_text(encoding="utf-8")
    assert "9.475/15.684" not in new and "7.000/15.684 hồ sơ (44,63%)" in new  # table
    assert "chưa đạt 50% (toàn huyện có 7.000/15.684 hồ sơ, đạt 44,63%)" in new  # shortcomings
    summary = lambda html: re.search(r'dx-card--not_met"><span class="dx-card-count">(\d+)', html).group(1)  # noqa: E731
    assert (summary(old), summary(new)) == ("2", "3")
    charts = lambda html: re.findall(r'src="(data:image/svg\+xml;base64,[^"]+)"', html)  # noqa: E731
    changed = [i for i, (a, b) in enumerate(zip(charts(old), charts(new))) if a != b]
    assert changed == [0, 1]  # the government pillar's bar chart and its trend chart, nothing else


def test_failing_cell_names_the_cell_and_keeps_the_notebook(tmp_path, make_data):
    import nbformat

    raw = make_data("Chỉ tiêu,Giá trị\nsoc.stem_school_rate,5%\n")
    notebook = tmp_path / "broken.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("unit = 'x'", metadata={"tags": ["parameters"]}),
                                         nbformat.v4.new_code_cell("raise RuntimeError('hỏng')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, notebook)
    from dxanalysis.exceptions import ReportBuildError

    with pytest.raises(ReportBuildError, match="RuntimeError: hỏng") as info:
        build_report("hong-ngu", "2022-H1", data_dir=raw, reports_dir=tmp_path / "reports", notebook=notebook)
    assert Path(info.value.notebook).exists()


VIETNAMESE_WORD = re.compile(r"[^\W\d_]*[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"
                             r"[^\W\d_]*", re.IGNORECASE)


class VisibleText(HTMLParser):
    """Text a reader sees (and alt texts), leaving out styles and anything marked lang="vi"."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "script") or attrs.get("lang") == "vi":
            self._skip.append(tag)
        elif not self._skip and attrs.get("alt"):
            self.parts.append(attrs["alt"])

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


@pytest.mark.parametrize("period", ["2022-H1", "2022-H2"])  # the seed's period, and one computed from a register
def test_english_report_leaves_nothing_untranslated_but_proper_names(built, tmp_path, period):
    from dxanalysis.findings import Finding
    from dxanalysis.read.notes import read_review_notes
    from dxanalysis.read.units import read_units

    page_path = built["en"] if period == "2022-H1" else build_report(
        "hong-ngu", period, lang="en", data_dir=built["raw"], reports_dir=tmp_path)
    units = read_units(built["raw"] / "units.csv")
    notes = read_review_notes(built["raw"] / "hong-ngu" / "2022-H1" / "review.yml")
    proper_names = " ".join([u.name_en for u in units.values()] + [notes.text(notes.meeting.chair, "en")])
    # the English hint for an unknown channel quotes the Vietnamese words to type, on purpose
    allowed = set(VIETNAMESE_WORD.findall(proper_names + " " + Finding("info", "register_unknown_channel").hint("en")))
    page = VisibleText()
    page.feed(page_path.read_text(encoding="utf-8"))
    leftovers = set(VIETNAMESE_WORD.findall(" ".join(page.parts))) - allowed
    assert leftovers == set(), f"Vietnamese left in the English report: {sorted(leftovers)}"
    assert allowed  # the check is not vacuous: the page does name Vietnamese places and people


def test_a_kernel_that_lost_its_port_at_start_is_started_again(tmp_path, monkeypatch):
    """Kernels started together can be handed the same port; the one that loses it dies before replying."""
    import papermill

    from dxanalysis.config import EXAMPLE_DATA_DIR
    from dxanalysis.publish.report import build_report

    real = papermill.execute_notebook
    calls = []

    def port_taken_once(notebook, output, **kwargs):
        calls.append(output)
        if len(calls) == 1:
            log = tmp_path / "reports" / "hong-ngu" / "2022-H1" / "review.log"
            with open(log, "a", encoding="utf-8") as handle:
                handle.write("zmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:60051')\n")
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(notebook, output, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", port_taken_once)
    html = build_report("hong-ngu", "2022-H1", data_dir=EXAMPLE_DATA_DIR, reports_dir=tmp_path / "reports")
    assert html.is_file() and len(calls) == 2


def test_a_kernel_that_lost_its_port_is_started_again_whatever_jupyter_client_logs_after(tmp_path):
    from dxanalysis.publish.report import _died_at_start

    log = tmp_path / "review.log"
    log.write_text("Traceback …\nzmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:52441')\n"
                   "Error occurred while starting new kernel client for kernel 2e74: Kernel died before replying to "
                   "kernel_info\n", encoding="utf-8")
    assert _died_at_start(RuntimeError("Kernel died before replying to kernel_info"), log)
    log.write_text("ModuleNotFoundError: No module named 'ipykernel_launcher'\n", encoding="utf-8")
    assert not _died_at_start(RuntimeError("Kernel died before replying to kernel_info"), log)
