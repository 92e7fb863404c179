"""Regenerate notebooks/*.ipynb and their copies in src/dxanalysis/notebooks/ from the cells below (outputs stripped).

The notebooks are the product's interface; this script keeps their JSON
tidy and output-free. Run: python tools/make_notebooks.py
"""

import hashlib
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
# The package's copies, byte for byte the same: an installed dxanalysis runs its own report notebook.
PACKAGED_NOTEBOOKS = Path(__file__).resolve().parents[1] / "src" / "dxanalysis" / "notebooks"
KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def cell(source: str, *tags: str, markdown: bool = False):
    made = new_markdown_cell(source.strip()) if markdown else new_code_cell(source.strip())
    # Ids from the source, not random: regenerating an unchanged notebook changes nothing.
    made.id = hashlib.sha256(source.strip().encode()).hexdigest()[:8]
    if tags:
        made.metadata["tags"] = list(tags)
    return made


review = new_notebook(metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}}, cells=[
    cell("""
# Semi-annual digital-transformation review

The report notebook. `dxanalysis report --unit U --period P` runs it through papermill with
the parameters below and exports the HTML without code. Run it here as-is to see the shipped
example (huyện Hồng Ngự, 06 tháng đầu năm 2022). Every figure comes from `data/raw/`;
the wording comes from `src/dxanalysis/write/templates/`. This cell is not part of the report.
""", "dx-remove", markdown=True),
    cell("""
# Parameters: papermill replaces these; the defaults render the shipped example.
unit = "hong-ngu"  # unit slug: a row of data/raw/units.csv and a folder of data/raw/
period = "2022-H1"  # reporting period: a slug (2022-H1, 2022-Q3, 2022, 2022-M10, 2023-9M, 2022-11-15) or a phrase
lang = "vi"  # report language: "vi" or "en"
data_dir = "../data/raw"  # folder with units.csv and <unit>/<period>/indicators.csv, review.yml
prepared_review = None  # set by `dxanalysis report`: the review it already loaded (None: load from data_dir)
""", "parameters"),
    cell("""
from pathlib import Path

import dxanalysis as dx

review = dx.load_review(unit, period, data_dir, prepared=prepared_review)
provenance = dx.collect_provenance(
    review.inputs, {"unit": unit, "period": period, "lang": lang}, base=Path(data_dir).resolve().parents[1],
    digests=review.input_digests,
)
dx.header_section(review, lang)
"""),
    cell("dx.summary_section(review, lang)"),
    cell("dx.achievements_section(review, lang)"),
    cell("dx.commitments_section(review, lang)"),
    cell("dx.shortcomings_section(review, lang)"),
    cell("dx.tasks_section(review, lang)"),
    cell("dx.appendix_section(review, provenance, lang)"),
])

explore = new_notebook(metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}}, cells=[
    cell("""
# Exploring the indicator data

A starter for ad-hoc questions. It loads one unit × period with the same code as the report,
so what you see here is what the review shows. Change the parameters and run all cells.
""", markdown=True),
    cell("""
unit = "hong-ngu"  # unit slug
period = "2022-H1"  # reporting period
data_dir = "../data/raw"  # raw data folder
""", "parameters"),
    cell("""
import dxanalysis as dx

review = dx.load_review(unit, period, data_dir)
obs = review.observations
obs[["indicator", "pillar", "numerator", "denominator", "value", "target", "status"]]
"""),
    cell("## Which indicators are below target?", markdown=True),
    cell("""obs.loc[obs["status"] == "not_met", ["name_vi", "value", "target"]]"""),
    cell("## Data-quality findings (file, row, column, value, how to fix)", markdown=True),
    cell("""dx.findings_frame(review.findings)[["severity", "path", "row", "column", "value", "message_en", "hint_en"]]"""),
    cell("## Gap to target, in percentage points", markdown=True),
    cell("""
import matplotlib.pyplot as plt

gaps = obs.dropna(subset=["target"]).assign(gap=lambda d: d["value"] - d["target"])
ax = gaps.plot.barh(x="indicator", y="gap", legend=False, figsize=(7, 3))
ax.axvline(0, color="black", lw=1)
ax.set_xlabel("value − target (percentage points)")
plt.tight_layout()
"""),
    cell("## Format numbers the Vietnamese way", markdown=True),
    cell("""dx.format_number(9475), dx.format_percent(60.4119), dx.parse_number("15.684")"""),
])

for name, nb in (("semiannual_review.ipynb", review), ("explore.ipynb", explore)):
    nbformat.validate(nb)
    for folder in (NOTEBOOKS, PACKAGED_NOTEBOOKS):
        nbformat.write(nb, folder / name)
        print("wrote", folder / name)
