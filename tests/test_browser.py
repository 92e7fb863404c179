"""The published page as people see it: real headless Chromium (Debian's), driven by playwright.

The shipped example is rendered into the project's own reports/ folder, with a
full-page screenshot (review.png) and the printed PDF beside it, for a person
to look at after `make test`. Outside CI a machine without Chromium skips
these tests (run `make browser-deps`); in CI they must run.
"""

from __future__ import annotations

import os
import subprocess
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest

from dxanalysis.publish.browser import BrowserNotFoundError, chromium_flags, find_chromium, install_paths
from dxanalysis.config import CHECKOUT_DIR, EXAMPLE_DATA_DIR
from dxanalysis.assess.status import STATUS_SYMBOLS
from dxanalysis.publish.report import build_report
from tests.conftest import tree_digest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _chromium_or_skip() -> str:
    try:
        return find_chromium()
    except BrowserNotFoundError as err:
        if os.environ.get("CI"):
            pytest.fail(f"Browser tests are not optional in CI: {err}")
        pytest.skip(str(err))


@pytest.fixture(scope="module")
def browser():
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=chromium_flags()[1:])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The shipped example in Vietnamese (in reports/, with PDF) and in English (in a temporary folder)."""
    _chromium_or_skip()
    before = tree_digest(EXAMPLE_DATA_DIR)
    vi = build_report("hong-ngu", "2022-H1", data_dir=EXAMPLE_DATA_DIR, reports_dir=CHECKOUT_DIR / "reports", pdf=True)
    en = build_report("hong-ngu", "2022-H1", lang="en", data_dir=EXAMPLE_DATA_DIR,
                      reports_dir=tmp_path_factory.mktemp("reports-en"))
    assert tree_digest(EXAMPLE_DATA_DIR) == before
    return {"vi": vi, "en": en}


class Visit:
    """A page opened in Chromium, with every console message and request recorded."""

    def __init__(self, browser, path: Path, viewport: dict) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))

        def route(route_request):
            url = route_request.request.url
            if url.startswith(("file://", "data:")):
                route_request.continue_()
            else:  # the page must be self-contained: nothing may leave the file
                self.outside.append(url)
                route_request.abort()

        self.page.route("**/*", route)
        self.page.goto(path.as_uri(), wait_until="load")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(params=["vi", "en"])
def visit(request, browser, pages):
    opened = Visit(browser, pages[request.param], DESKTOP)
    opened.lang = request.param
    yield opened
    opened.close()


def test_loads_with_no_errors_and_no_outside_requests(visit):
    assert visit.console_errors == []
    assert visit.failed == []
    assert visit.outside == []


def test_every_image_loads(visit):
    images = visit.page.evaluate(
        "[...document.images].map(i => ({complete: i.complete, width: i.naturalWidth, alt: i.alt}))")
    assert len(images) == 7  # a bar and a trend chart per pillar, and the communes' ranking
    assert all(i["complete"] and i["width"] > 300 for i in images)


def test_every_table_of_contents_link_lands_on_its_section(visit):
    page = visit.page
    links = page.eval_on_selector_all("nav.dx-toc a", "links => links.map(a => a.getAttribute('href'))")
    assert len(links) >= 10
    for href in links:
        page.click(f'nav.dx-toc a[href="{href}"]')
        assert page.evaluate("location.hash") == href
        top = page.evaluate(f"document.getElementById({href[1:]!r}).getBoundingClientRect().top")
        assert -2 <= top < DESKTOP["height"] / 2, f"{href} did not scroll to its section (top={top})"


def test_every_link_within_the_page_has_its_target(visit):
    """Notes and the marks next to figures link to their entries: none may point nowhere."""
    targets = visit.page.eval_on_selector_all(
        "a[href^='#']", "links => links.map(a => a.getAttribute('href').slice(1))")
    assert any(t.startswith("note-") for t in targets)
    missing = [t for t in targets if not visit.page.query_selector(f"[id='{t}']")]
    assert missing == []


def test_vietnamese_text_renders_with_diacritics(browser, pages):
    visit = Visit(browser, pages["vi"], DESKTOP)
    text = visit.page.evaluate("document.body.innerText")
    visit.close()
    for phrase in ("Sơ kết chuyển đổi số 06 tháng đầu năm 2022", "Tồn tại, hạn chế", "Nhiệm vụ được giao",
                   "đạt 60,41% (chỉ tiêu giao là 50%)"):
        assert phrase in text
    assert unicodedata.is_normalized("NFC", text)
    fonts = subprocess.run(["fc-list", ":charset=1ec7"], capture_output=True, text=True).stdout  # ệ
    assert fonts.strip(), "no installed font has Vietnamese glyphs: run `make browser-deps`"


def test_accessibility_basics(visit):
    page = visit.page
    assert page.evaluate("document.documentElement.lang") == visit.lang
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:])), levels
    alts = page.evaluate("[...document.images].map(i => i.alt)")
    assert all(len(alt) > 60 and "%" in alt for alt in alts), alts  # says what the chart shows, with values
    headless_tables = page.evaluate(
        "[...document.querySelectorAll('main table')].filter(t => !t.querySelector('thead th[scope=col]')).length")
    assert headless_tables == 0
    statuses = page.evaluate("[...document.querySelectorAll('.dx-status')].map(s => s.innerText.trim())")
    symbols = set(STATUS_SYMBOLS.values())
    assert statuses and all(len(s) > 2 and s[0] in symbols for s in statuses)  # a symbol and words, not colour


def test_phone_width_needs_no_sideways_scrolling(browser, pages):
    visit = Visit(browser, pages["vi"], PHONE)
    overflow = visit.page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    visit.close()
    assert overflow <= 1


def test_full_page_screenshot_is_saved_next_to_the_report(browser, pages):
    visit = Visit(browser, pages["vi"], DESKTOP)
    shot = pages["vi"].with_suffix(".png")
    visit.page.screenshot(path=str(shot), full_page=True)
    height = visit.page.evaluate("document.scrollingElement.scrollHeight")
    visit.close()
    assert shot.stat().st_size > 50_000 and height > 3 * DESKTOP["height"]


def test_pdf_is_a4_paginated_and_not_blank(pages, tmp_path):
    pdf = pages["vi"].with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    assert int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))) >= 3
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Sơ kết chuyển đổi số" in text and "Trang 1 / " in text
    assert "Ghi chú:" in text and "Báo cáo xếp mục này vào chính quyền số" in text  # the notes print with their figures
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    import matplotlib.image as mpimg

    pixels = mpimg.imread(next(tmp_path.glob("page*.png")))
    ink = (pixels[..., :3].mean(axis=2) < 0.6).mean()
    assert 0.01 < ink < 0.5, f"page 1 looks blank or solid (ink coverage {ink:.3f})"


def test_printed_page_uses_the_page(pages, tmp_path):
    """Issue 17: the print view runs the full text width, starts the body on page 1 with the title, and
    takes about the pages its content needs (it took 14 for the shipped review, page 1 two-thirds empty)."""
    pdf = pages["vi"].with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages_printed = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    html = pages["vi"].read_text(encoding="utf-8")
    parts = html.count('<h2 id="') - html.count('<h2 id="toc')  # the page's parts (summary, I, II…, appendix)
    assert 3 <= pages_printed <= 2 * parts, (pages_printed, parts)
    first = " ".join(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout.split())
    assert "Sơ kết chuyển đổi số" in first and "Tóm tắt" in first  # the title, then the body, on page 1
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "first")], check=True)
    import matplotlib.image as mpimg

    import numpy as np

    dark = mpimg.imread(next(tmp_path.glob("first*.png")))[..., :3].mean(axis=2) < 0.6
    rows, columns = np.flatnonzero(dark.any(axis=1)), np.flatnonzero(dark.any(axis=0))
    # from the title down to the bottom margin (it reached a third of the way down before), and across
    assert (rows[-1] - rows[0]) / dark.shape[0] > 0.7, "page 1 is mostly empty"
    assert (columns[-1] - columns[0]) / dark.shape[1] > 0.75, "the text runs in a column narrower than the page"


@pytest.fixture(scope="module")
def index_pages(tmp_path_factory):
    """A small batch (the seed's district, an earlier period, two communes; vi and en) and its overview pages."""
    import shutil

    from dxanalysis.publish.batch import run_batch

    _chromium_or_skip()
    root = tmp_path_factory.mktemp("batch")
    raw = root / "raw"
    for folder in ("hong-ngu/2022-H1", "hong-ngu/2021-H1", "thuong-phuoc-1/2022-H1", "thuong-phuoc-2/2022-H1"):
        shutil.copytree(EXAMPLE_DATA_DIR / folder, raw / folder)
    shutil.copy(EXAMPLE_DATA_DIR / "units.csv", raw / "units.csv")
    run_batch(raw, root / "reports", langs=("vi", "en"), jobs=2, progress=False)
    return {"vi": root / "reports" / "index.html", "en": root / "reports" / "index.en.html"}


@pytest.fixture(params=["vi", "en"])
def overview(request, browser, index_pages):
    opened = Visit(browser, index_pages[request.param], DESKTOP)
    opened.lang = request.param
    yield opened
    opened.close()


def _shown_rows(page, period: str) -> list[str]:
    return page.eval_on_selector_all(f"#period-{period} tbody tr[data-name]",
                                     "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.name)")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_index_page_loads_cleanly_and_every_link_opens_a_report(browser, index_pages, lang):
    visit = Visit(browser, index_pages[lang], DESKTOP)
    page = visit.page
    assert visit.console_errors == [] and visit.failed == [] and visit.outside == []
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("document.querySelectorAll('h1').length") == 1
    assert page.evaluate("document.querySelectorAll('thead th[scope=col]').length") >= 6
    hrefs = page.eval_on_selector_all("a", "links => links.map(a => a.href)")
    reports = sorted({h.split("#")[0] for h in hrefs if "/review" in h})
    assert len(reports) == 8  # 4 reports, each in both languages
    cells = page.eval_on_selector_all("td.dx-cell a", "links => links.map(a => a.href)")
    assert cells and {h.split("#")[0] for h in cells} <= set(reports)
    for href in reports:
        response = page.goto(href)
        assert response is not None and response.ok, href
        assert page.evaluate("document.querySelectorAll('h1').length") == 1
    for href in sorted({h for h in cells if "#" in h}):  # a cell opens its review at the indicator's section
        page.goto(href)
        assert page.evaluate("document.getElementById(location.hash.slice(1)) !== null"), href
    visit.page.goto(index_pages[lang].as_uri())
    visit.page.screenshot(path=str(index_pages[lang].with_suffix(".png")), full_page=True)
    visit.close()
    assert visit.outside == [] and visit.console_errors == []


def test_overview_headings_tables_and_symbols_are_accessible(overview):
    page = overview.page
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
    assert levels.count(1) == 1 and levels[0] == 1 and levels.count(2) == 2  # a heading per period
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:])), levels
    assert page.evaluate("[...document.images].filter(i => !i.alt).length") == 0
    regions = page.eval_on_selector_all(".dx-scroll", "els => els.map(e => [e.tabIndex, e.getAttribute('aria-label')])")
    assert regions and all(tab == 0 and label for tab, label in regions)
    # colour is never alone: every cell shows a status symbol, and says the status or "no data" in words
    cells = page.eval_on_selector_all("td.dx-cell", "cells => cells.map(c => c.innerText.trim())")
    symbols = set(STATUS_SYMBOLS.values())
    assert cells and all(c[0] in symbols and len(c) > 2 for c in cells), cells
    sorters = page.eval_on_selector_all("th[data-sort] button", "buttons => buttons.map(b => b.innerText.trim())")
    assert sorters and all(sorters)  # keyboard-usable buttons with a name
    assert page.evaluate("document.querySelector('label[for=dx-filter]').offsetParent !== null")


def test_the_period_switch_shows_the_newest_period_then_the_chosen_one(overview):
    page = overview.page
    shown = "[...document.querySelectorAll('.dx-period')].filter(s => !s.hidden).map(s => s.id)"
    assert page.evaluate(shown) == ["period-2022-H1"]
    page.select_option("#dx-period", "period-2021-H1")
    assert page.evaluate(shown) == ["period-2021-H1"]
    assert _shown_rows(page, "2021-H1") == [page.evaluate("document.querySelector('#period-2021-H1 tr[data-name]')"
                                                          ".dataset.name")]
    assert overview.console_errors == []


def test_sorting_a_column_reorders_the_units_within_their_group(overview):
    page = overview.page
    before = _shown_rows(page, "2022-H1")
    header = "#period-2022-H1 th[data-sort=cell]"
    page.focus(f"{header} button")
    page.keyboard.press("Enter")  # by keyboard, as a button
    first = _shown_rows(page, "2022-H1")
    assert page.get_attribute(header, "aria-sort") == "ascending"
    page.click(f"{header} button")
    second = _shown_rows(page, "2022-H1")
    assert page.get_attribute(header, "aria-sort") == "descending"
    assert page.get_attribute("#period-2022-H1 th[data-sort=name]", "aria-sort") is None
    assert sorted(first) == sorted(second) == sorted(before)
    assert first != second  # the two communes differ: one order, then the other
    assert first[0] == second[0] == before[0]  # the district heads its own group, communes sort among themselves
    assert overview.console_errors == []


def test_the_filter_hides_units_that_do_not_match_without_accents_too(overview):
    page = overview.page
    page.fill("#dx-filter", "thuong phuoc 2")  # typed without accents
    rows = _shown_rows(page, "2022-H1")
    assert len(rows) == 1 and "2" in rows[0] and ("Thường Phước" in rows[0])
    groups = page.eval_on_selector_all("#period-2022-H1 tr.dx-group",
                                       "rows => rows.filter(r => r.offsetParent !== null).length")
    assert groups == 1  # the district's group has nothing left to show, so its heading goes too
    assert "1" in page.inner_text("#period-2022-H1 .dx-shown")
    page.fill("#dx-filter", "THƯỜNG PHƯỚC")
    assert len(_shown_rows(page, "2022-H1")) == 2
    page.fill("#dx-filter", "")
    page.check("#dx-not-met")
    not_met = page.eval_on_selector_all("#period-2022-H1 tr[data-name]",
                                        "rows => rows.map(r => [r.hidden, r.dataset.notMet])")
    assert all(hidden == (count == "0") for hidden, count in not_met)
    assert overview.console_errors == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overview_at_phone_width_needs_no_sideways_scrolling(browser, index_pages, lang):
    visit = Visit(browser, index_pages[lang], PHONE)
    overflow = visit.page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    table_scrolls = visit.page.evaluate("(() => { const s = document.querySelector('.dx-period:not([hidden]) .dx-scroll');"
                                        " return s.scrollWidth > s.clientWidth; })()")
    visit.close()
    assert overflow <= 1
    assert table_scrolls  # the table scrolls inside its frame instead


def test_without_javascript_every_period_is_shown(browser, index_pages):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(index_pages["vi"].as_uri())
    sections = page.eval_on_selector_all(".dx-period", "s => s.map(e => e.offsetParent !== null)")
    controls = page.evaluate("document.getElementById('dx-controls').offsetParent")
    links = page.eval_on_selector_all("#dx-period-nav a", "links => links.map(a => a.getAttribute('href'))")
    context.close()
    assert sections == [True, True] and controls is None
    assert links == ["#period-2022-H1", "#period-2021-H1"]


# Finding the browser: no browser runs; `shutil.which` answers from a dict and the installers'
# folders are files in a temporary folder, present or not.

def test_windows_and_macos_install_folders_in_search_order():
    windows = {"ProgramFiles": r"D:\Programs", "PROGRAMFILES(X86)": r"D:\Programs (x86)",
               "LocalAppData": r"C:\Users\an\AppData\Local"}  # Windows' names ignore case
    assert install_paths("win32", windows) == [
        r"D:\Programs\Google\Chrome\Application\chrome.exe",
        r"D:\Programs (x86)\Google\Chrome\Application\chrome.exe",
        r"C:\Users\an\AppData\Local\Google\Chrome\Application\chrome.exe",
        r"D:\Programs (x86)\Microsoft\Edge\Application\msedge.exe",
        r"D:\Programs\Microsoft\Edge\Application\msedge.exe",
    ]
    assert install_paths("win32", {})[-2] == r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe"
    assert install_paths("darwin") == ["/Applications/Chromium.app/Contents/MacOS/Chromium",
                                       "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                                       "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"]
    assert install_paths("linux") == []


@pytest.fixture
def machine(monkeypatch, tmp_path):
    """A machine with ``on_path`` (name → path) on PATH and Chrome's then Edge's install folders in tmp_path."""
    from dxanalysis.publish import browser

    state = SimpleNamespace(on_path={}, chrome=tmp_path / "chrome.exe", edge=tmp_path / "msedge.exe")
    monkeypatch.delenv("DXANALYSIS_CHROMIUM", raising=False)
    monkeypatch.setattr(browser.shutil, "which", lambda name: state.on_path.get(name))
    monkeypatch.setattr(browser, "install_paths", lambda: [str(state.chrome), str(state.edge)])
    return state


def test_browser_search_order(machine, monkeypatch, tmp_path):
    """DXANALYSIS_CHROMIUM, then the names on PATH (Chromium, Chrome, Edge), then the install folders."""
    machine.edge.touch()
    assert find_chromium() == str(machine.edge)
    machine.chrome.touch()
    assert find_chromium() == str(machine.chrome)  # Chrome's folders come before Edge's
    machine.on_path.update({"msedge": "/usr/bin/msedge"})
    assert find_chromium() == "/usr/bin/msedge"  # PATH before any folder
    machine.on_path.update({"google-chrome-stable": "/usr/bin/google-chrome-stable"})
    assert find_chromium() == "/usr/bin/google-chrome-stable"
    machine.on_path.update({"chromium": "/usr/bin/chromium"})
    assert find_chromium() == "/usr/bin/chromium"
    chosen = tmp_path / "my-edge"
    chosen.touch()
    monkeypatch.setenv("DXANALYSIS_CHROMIUM", str(chosen))
    assert find_chromium() == str(chosen)  # the user's word before anything found


def test_no_browser_names_everything_it_looked_for(machine):
    with pytest.raises(BrowserNotFoundError) as raised:
        find_chromium()
    message = raised.value.args[0]
    english, vietnamese = message.text("en"), message.text("vi")
    assert english.startswith("No Chromium, Google Chrome or Microsoft Edge found (looked for chromium, "
                              "chromium-browser, google-chrome, google-chrome-stable, chrome, microsoft-edge, ")
    assert f"msedge, {machine.chrome}, {machine.edge})" in english and "DXANALYSIS_CHROMIUM" in english
    assert vietnamese.startswith("Không tìm thấy trình duyệt Chromium, Google Chrome hoặc Microsoft Edge")
    assert str(machine.edge) in vietnamese


def test_a_configured_browser_that_is_not_there_is_named(machine, monkeypatch, tmp_path):
    machine.on_path.update({"chromium": "/usr/bin/chromium"})
    monkeypatch.setenv("DXANALYSIS_CHROMIUM", str(tmp_path / "nowhere" / "chrome"))
    with pytest.raises(BrowserNotFoundError) as raised:
        find_chromium()  # not another browser than the one asked for
    assert str(raised.value) == (f"DXANALYSIS_CHROMIUM names {tmp_path / 'nowhere' / 'chrome'}, which does not exist. "
                                 "Set it to the path of Chromium, Google Chrome or Microsoft Edge, "
                                 "or unset it to have the browser looked for.")
