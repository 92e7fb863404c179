"""The overview page's model and page: grouping, columns, cells, periods, counts and escaping."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from dxanalysis.config import EXAMPLE_DATA_DIR
from dxanalysis.publish.batch import ReportOutcome, read_manifest
from dxanalysis.publish.overview import overview_page, period_views, review_cells
from dxanalysis.read.catalog import load_catalog
from dxanalysis.read.units import Unit

UNITS = {
    "tinh": Unit("tinh", "tỉnh Đồng Tháp", "Dong Thap province", "tỉnh"),
    "huyen-b": Unit("huyen-b", "huyện Tân Hồng", "Tan Hong district", "huyện", "tinh"),
    "huyen-a": Unit("huyen-a", "huyện Hồng Ngự", "Hong Ngu district", "huyện", "tinh"),
    "xa-2": Unit("xa-2", "xã Đông Thạnh", "Dong Thanh commune", "xã", "huyen-a"),
    "xa-1": Unit("xa-1", "xã Dinh Bà", "Dinh Ba commune", "xã", "huyen-a"),
    "xa-b": Unit("xa-b", "xã Bình Phú", "Binh Phu commune", "xã", "huyen-b"),
    "lost": Unit("lost", "xã Lạc", "Lac commune", "xã", "nowhere"),  # its parent is not in the registry
}


def cell(status: str, text: str = "", value: float | None = None, target: str = "", anchor: str = "") -> dict:
    return {"status": status, "text": text, "figure": text, "value": value, "target": target, "anchor": anchor}


def built(unit: str, period: str = "2022-H1", lang: str = "vi", cells: dict | None = None, **more) -> ReportOutcome:
    suffix = "" if lang == "vi" else f".{lang}"
    return ReportOutcome(unit, period, lang, "built", html=f"{unit}/{period}/review{suffix}.html",
                         cells=cells or {}, **more)


def layout(view) -> list[tuple[str, list[str]]]:
    return [(group.heading, [row.slug for row in group.rows]) for group in view.groups]


# ------------------------------------------------------------------ the model


def test_units_are_grouped_under_their_parents_in_the_registrys_tree():
    outcomes = [built(slug) for slug in ("xa-b", "xa-2", "lost", "huyen-a", "tinh", "xa-1", "huyen-b")]
    [view] = period_views(outcomes, "vi", UNITS)
    assert layout(view) == [
        ("", ["tinh"]),
        ("Các đơn vị trực thuộc tỉnh Đồng Tháp", ["huyen-a", "huyen-b"]),  # Hồng Ngự before Tân Hồng
        ("Các đơn vị trực thuộc huyện Hồng Ngự", ["xa-1", "xa-2"]),  # Dinh Bà before Đông Thạnh
        ("Các đơn vị trực thuộc huyện Tân Hồng", ["xa-b"]),
        ("Các đơn vị trực thuộc nowhere", ["lost"]),  # a parent the registry lacks: by its slug, last
    ]
    assert [row.order for group in view.groups for row in group.rows] == list(range(7))


def test_a_unit_whose_parent_has_no_report_in_the_period_still_shows_under_its_name():
    [view] = period_views([built("xa-2"), built("xa-b")], "en", UNITS)
    assert layout(view) == [("Units under Hong Ngu district", ["xa-2"]), ("Units under Tan Hong district", ["xa-b"])]
    [view] = period_views([built("not-registered")], "en", UNITS)
    assert layout(view) == [("", ["not-registered"])] and view.groups[0].rows[0].name == "not-registered"


def test_a_loop_of_parents_does_not_hang_the_index():
    units = {"a": Unit("a", "A", "A", parent="b"), "b": Unit("b", "B", "B", parent="a")}
    [view] = period_views([built("a"), built("b")], "vi", units)
    assert sorted(slug for _, slugs in layout(view) for slug in slugs) == ["a", "b"]


def test_columns_are_the_indicators_with_a_figure_or_a_target_in_catalog_order_under_their_pillars():
    catalog = load_catalog()
    outcomes = [
        built("huyen-a", cells={"soc.stem_school_rate": cell("exceeded", "32,35%", 32.35, "15%"),
                                "gov.online_dossier_rate": cell("not_met", "49,47%", 49.47, "50%"),
                                "gov.digital_signature_rate": cell("no_data"),  # nothing at all: no column
                                "econ.ocop_products_on_ecommerce_rate": cell("no_data", target="80%")}),
        built("xa-1", cells={"gov.online_services_with_dossiers_rate": cell("no_target", "70,27%", 70.27)}),
    ]
    [view] = period_views(outcomes, "en", UNITS, catalog)
    codes = [c.code for c in view.columns]
    assert codes == ["gov.online_dossier_rate", "gov.online_services_with_dossiers_rate",
                     "econ.ocop_products_on_ecommerce_rate", "soc.stem_school_rate"]
    government = [code for code in catalog.indicators if code in codes[:2]]
    assert codes[:2] == government  # the catalog's own order within a pillar
    assert [(p["label"], p["span"]) for p in view.pillars] == [
        ("Digital government", 2), ("Digital economy", 1), ("Digital society", 1)]
    assert view.columns[0].name == catalog["gov.online_dossier_rate"].name("en")


def test_a_cell_is_the_reviews_figure_with_its_status_symbol_and_link():
    outcomes = [built("huyen-a", cells={"gov.online_dossier_rate": cell("not_met", "49,47%", 49.47, "50%",
                                                                        "pillar-digital-government")}),
                built("xa-1", cells={"soc.stem_school_rate": cell("met", "15%", 15.0, "15%")})]
    [view] = period_views(outcomes, "vi", UNITS, load_catalog())
    rows = {row.slug: row for group in view.groups for row in group.rows}
    district, commune = rows["huyen-a"].cells, rows["xa-1"].cells
    assert (district[0].status, district[0].text, district[0].symbol, district[0].value) == (
        "not_met", "49,47%", "✗", 49.47)
    assert district[0].href == "./huyen-a/2022-H1/review.html#pillar-digital-government"
    assert district[0].title == "Chưa đạt: 49,47%; chỉ tiêu giao 50%" and district[0].label == "Chưa đạt"
    # the commune's review does not give the district's indicator: said so, linked to its page's top
    assert (commune[0].status, commune[0].text, commune[0].symbol, commune[0].empty) == (
        "absent", "Chưa có số liệu", "…", True)
    assert commune[0].href == "./xa-1/2022-H1/review.html"
    assert district[1].status == "absent" and commune[1].text == "15%"


def test_review_cells_print_what_the_review_prints():
    from dxanalysis.assess.review import load_review

    review = load_review("hong-ngu", "2022-H1", EXAMPLE_DATA_DIR)
    cells = review_cells(review, "vi")
    assert set(cells) == set(review.observations["indicator"])
    assert cells["gov.online_dossier_rate"] == {
        "status": "exceeded", "text": "60,41%", "figure": "9.475/15.684 hồ sơ (60,41%)", "target": "50%",
        "value": 60.41, "stated": False, "anchor": "pillar-digital-government"}
    assert (cells["gov.digital_signature_rate"]["status"], cells["gov.digital_signature_rate"]["text"]) == (
        "not_met", "dưới 100%")
    # the analyst moved this one into digital government: the link goes where the page shows it
    assert cells["econ.ecommerce_outreach_households"]["anchor"] == "pillar-digital-government"
    assert cells["econ.ocop_products_on_ecommerce_rate"]["anchor"] == "pillar-digital-economy"
    json.dumps(cells, allow_nan=False)  # the manifest holds them as they are


def test_periods_are_newest_first_with_their_labels():
    slugs = ["2021-H1", "2023-11-15", "2022", "2023-9M", "2022-H1"]
    views = period_views([built("tinh", period) for period in slugs], "vi", UNITS)
    assert [v.slug for v in views] == ["2023-11-15", "2023-9M", "2022", "2022-H1", "2021-H1"]
    assert [v.label for v in views][:3] == ["tính đến ngày 15/11/2023", "9 tháng đầu năm 2023", "năm 2022"]
    assert views[0].id == "period-2023-11-15"
    assert [v.label for v in period_views([built("tinh", "2023-9M")], "en", UNITS)] == ["first nine months of 2023"]


def test_counts_per_unit_and_per_period():
    outcomes = [built("huyen-a", counts={"exceeded": 2, "met": 1, "not_met": 3, "no_target": 4, "no_data": 0}),
                built("xa-1", counts={"exceeded": 0, "met": 1, "not_met": 0, "no_target": 1, "no_data": 2})]
    [view] = period_views(outcomes, "vi", UNITS)
    rows = {row.slug: row for group in view.groups for row in group.rows}
    assert rows["huyen-a"].counts == {"achieved": 3, "not_met": 3, "no_target": 4, "no_data": 0}
    assert view.totals == {"achieved": 4, "not_met": 3, "no_target": 5, "no_data": 2} and view.units == 2


def test_the_index_language_is_preferred_and_the_other_is_a_fallback():
    vi_cells = {"gov.online_dossier_rate": cell("met", "50,5%", 50.5)}
    en_cells = {"gov.online_dossier_rate": cell("met", "50.5%", 50.5)}
    both = [built("huyen-a", lang="vi", cells=vi_cells), built("huyen-a", lang="en", cells=en_cells)]
    [view] = period_views(both, "en", UNITS)
    row = view.groups[0].rows[0]
    assert [link["lang"] for link in row.links] == ["en", "vi"]
    assert (row.cells[0].text, row.cells[0].hreflang) == ("50.5%", "")
    [view] = period_views(both[:1], "en", UNITS)  # only the Vietnamese review was built
    row = view.groups[0].rows[0]
    assert (row.cells[0].text, row.cells[0].hreflang, row.cells[0].href) == (
        "50,5%", "vi", "./huyen-a/2022-H1/review.html")


def test_a_unit_whose_reports_failed_is_listed_with_the_reason():
    failed = ReportOutcome("huyen-a", "2022-H1", "vi", "failed", reason="dòng 3: '9.47' không rõ")
    [view] = period_views([failed, built("xa-1", cells={"gov.online_dossier_rate": cell("met", "50%", 50.0)})],
                          "vi", UNITS)
    rows = {row.slug: row for group in view.groups for row in group.rows}
    assert rows["huyen-a"].cells == [] and rows["huyen-a"].links == []
    assert rows["huyen-a"].failed == ["vi: dòng 3: '9.47' không rõ"]
    page = overview_page([failed, built("xa-1", cells={"gov.online_dossier_rate": cell("met", "50%", 50.0)})],
                         "vi", UNITS)
    assert "Lỗi — vi: dòng 3: &#39;9.47&#39; không rõ" in page and 'colspan="1" class="dx-failed-cell"' in page


# ------------------------------------------------------------------ the manifest


def test_an_old_manifest_without_cells_is_still_read_and_shown(tmp_path):
    entry = {"unit": "huyen-a", "period": "2022-H1", "lang": "vi", "status": "built",
             "html": "huyen-a/2022-H1/review.html", "counts": {"met": 1}}
    (tmp_path / "manifest.json").write_text(json.dumps({"reports": [entry]}), encoding="utf-8")
    [kept] = read_manifest(tmp_path)["reports"]
    outcome = ReportOutcome(**kept)
    assert outcome.cells == {}
    [view] = period_views([outcome], "vi", UNITS)
    assert view.columns == [] and view.groups[0].rows[0].links[0]["href"] == "./huyen-a/2022-H1/review.html"
    assert "huyện Hồng Ngự" in overview_page([outcome], "vi", UNITS)


def test_cells_a_hand_edited_manifest_spoiled_are_shown_as_no_data_or_without_their_anchor():
    spoiled = {"gov.online_dossier_rate": "60%", "soc.stem_school_rate": {"status": "great", "text": "99%"},
               "econ.ocop_products_on_ecommerce_rate": {"status": "met", "text": 5, "value": "NaN",
                                                         "anchor": "x\" onclick=\"alert(1)", "figure": None},
               "gov.digital_signature_rate": {"status": "not_met", "text": "dưới 100%", "value": float("inf"),
                                              "anchor": "javascript:alert(1)"},
               7: {"status": "met"}}
    [view] = period_views([built("huyen-a", cells=spoiled)], "vi", UNITS, load_catalog())
    cells = {column.code: c for column, c in zip(view.columns, view.groups[0].rows[0].cells)}
    assert set(cells) == {"econ.ocop_products_on_ecommerce_rate", "gov.digital_signature_rate"}
    assert cells["econ.ocop_products_on_ecommerce_rate"].href == "./huyen-a/2022-H1/review.html"
    assert cells["econ.ocop_products_on_ecommerce_rate"].text == "" and cells["gov.digital_signature_rate"].value is None
    assert cells["gov.digital_signature_rate"].href == "./huyen-a/2022-H1/review.html"
    overview_page([built("huyen-a", cells=spoiled)], "vi", UNITS)  # and the page is written


# ------------------------------------------------------------------ the page


class Page(HTMLParser):
    """Every tag with its attributes, and the text of every script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


HOSTILE = ["<script>alert(1)</script>", '"onmouseover=alert(2) x="', "'><img src=x onerror=alert(3)>"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_hostile_names_values_and_reasons_stay_text(lang):
    units = {f"u{i}": Unit(f"u{i}", name, name, "xã", "tinh") for i, name in enumerate(HOSTILE)}
    units["tinh"] = Unit("tinh", HOSTILE[1], HOSTILE[0], "tỉnh")
    outcomes = [built(f"u{i}", lang=lang, cells={"gov.online_dossier_rate": cell("met", name, 1.0, name)})
                for i, name in enumerate(HOSTILE)]
    outcomes.append(ReportOutcome("tinh", "2022-H1", lang, "failed", reason=HOSTILE[2]))
    page = overview_page(outcomes, lang, units, catalog=load_catalog())
    parsed = Page()
    parsed.feed(page)
    assert [tag for tag, _ in parsed.tags].count("script") == 1  # the page's own, and nothing else
    assert not [attrs for _, attrs in parsed.tags if any(name.startswith("on") for name in attrs)]
    assert not [tag for tag, _ in parsed.tags if tag == "img"]
    assert "alert" not in "".join(parsed.scripts)  # the script holds no data
    names = {attrs["data-name"] for tag, attrs in parsed.tags if tag == "tr" and "data-name" in attrs}
    assert names == set(HOSTILE)  # each name is read back whole, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_page_has_one_section_per_period_and_the_switch_lists_them_newest_first():
    page = overview_page([built("tinh", "2021-H1"), built("tinh", "2022-H1"), built("tinh", "2021-H2")], "vi", UNITS)
    parsed = Page()
    parsed.feed(page)
    sections = [attrs["id"] for tag, attrs in parsed.tags if tag == "section"]
    options = [attrs["value"] for tag, attrs in parsed.tags if tag == "option"]
    assert sections == options == ["period-2022-H1", "period-2021-H2", "period-2021-H1"]
    assert page.count("<h1>") == 1 and page.count("<h2 ") == 3
    assert 'id="dx-controls" role="search" hidden' in page  # the script shows them; without it, no dead controls
    assert "Tổng quan kết quả chuyển đổi số tỉnh Đồng Tháp" in page


def test_no_reports_says_so():
    page = overview_page([], "en")
    assert "No review has been published yet." in page and "<script>" not in page
