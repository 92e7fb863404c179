"""`dxanalysis catalog [TEXT]`: the real command lists and searches the indicator catalog."""

from __future__ import annotations

import csv
import re

from dxanalysis.read.catalog import load_catalog
from tests.test_cli import run


def _codes(output: str) -> list[str]:
    """The codes the command printed, in order (each entry starts with its code on a line of its own)."""
    return re.findall(r"^([a-z]+\.[a-z0-9_]+)  \[", output, re.MULTILINE)


def test_without_text_every_indicator_is_listed_with_its_facts(tmp_path):
    result = run("catalog", "--data-dir", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    catalog = load_catalog()
    assert _codes(result.stdout) == list(catalog.indicators)
    assert result.stdout.startswith(f"{len(catalog)} indicators in the catalog (dxanalysis/read/catalog.csv)")
    indicator = catalog["soc.payment_account_rate"]
    block = result.stdout.split(f"\n{indicator.code}  [", 1)[1].split("\n\n", 1)[0]
    assert block.startswith(f"Digital society · rate · {indicator.unit_en}]")  # pillar, kind, unit in English
    assert f"\n  {indicator.name_en}\n" in block
    assert f"Source: {indicator.source}" in block and f"National target: {indicator.national_target}" in block


def test_the_listing_speaks_vietnamese_by_default(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "DXANALYSIS_DEBUG")}
    result = subprocess.run([sys.executable, "-m", "dxanalysis", "catalog", "stem"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    name_vi = load_catalog()["soc.stem_school_rate"].name_vi
    assert "[Xã hội số · tỷ lệ · trường]" in result.stdout and f"  {name_vi}\n" in result.stdout
    assert "Căn cứ: " in result.stdout


def test_search_ignores_accents_and_case_and_puts_the_named_indicator_first(tmp_path):
    result = run("catalog", "TY LE HO SO TTHC XU LY TRUC TUYEN", "--data-dir", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    codes = _codes(result.stdout)
    assert codes[0] == "gov.online_dossier_rate"
    assert codes == load_catalog().search("Tỷ lệ hồ sơ TTHC xử lý trực tuyến")
    assert result.stdout.startswith(f"{len(codes)} indicator")


def test_search_by_a_word_finds_every_indicator_using_it(tmp_path):
    result = run("catalog", "toàn trình", "--data-dir", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert set(_codes(result.stdout)) == {"gov.full_online_services_rate", "gov.full_online_dossier_rate"}


def test_nothing_found_is_a_clear_error(tmp_path):
    result = run("catalog", "abc xyz", "--data-dir", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "error: no indicator of the catalog matches “abc xyz”." in result.stderr
    assert "dxanalysis catalog` lists the whole catalog" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_project_catalog_is_listed_and_searched(tmp_path):
    with (tmp_path / "catalog.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "pillar", "name_vi", "name_en", "kind", "unit_vi", "unit_en", "better", "aliases"])
        writer.writerow(["local.wifi_rate", "foundations", "Tỷ lệ điểm wifi công cộng", "Public wifi spots",
                         "ratio", "điểm", "spots", "higher", "wifi"])
    result = run("catalog", "WIFI", "--data-dir", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _codes(result.stdout) == ["local.wifi_rate"]
    assert "Source:" not in result.stdout  # a project's own row may say nothing of its source
    listing = run("catalog", "--data-dir", str(tmp_path), cwd=tmp_path)
    assert f"{len(load_catalog()) + 1} indicators in the catalog" in listing.stdout
    assert str(tmp_path / "catalog.csv") in listing.stdout.splitlines()[0]
