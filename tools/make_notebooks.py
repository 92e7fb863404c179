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
# `papermill --help-notebook` lists them from the annotations (quoted: Python need not import Optional).
unit: str = "hong-ngu"  # unit slug: a row of data/raw/units.csv and a folder of data/raw/
period: str = "2022-H1"  # reporting period: a slug (2022-H1, 2022-Q3, 2022, 2022-M10, 2023-9M, 2022-11-15) or a phrase
lang: str = "vi"  # report language: "vi" or "en"
data_dir: "Optional[str]" = None  # folder with units.csv and <unit>/<period>/; None: $DXANALYSIS_DATA_DIR, else the nearest data/raw in the working folder or above
prepared_review: "Optional[str]" = None  # set by `dxanalysis report`: the review it already loaded (None: load from data_dir)
""", "parameters"),
    cell("""
import dxanalysis as dx
from dxanalysis.config import find_data_dir

data_dir = find_data_dir(data_dir)  # the parameter, else $DXANALYSIS_DATA_DIR, else data/raw here or above
review = dx.load_review(unit, period, data_dir, prepared=prepared_review)
provenance = dx.collect_provenance(
    review.inputs, {"unit": unit, "period": period, "lang": lang}, base=data_dir.parents[1],
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
# Exploring a review — *khai thác số liệu sơ kết*

A starter for ad-hoc questions. It loads one unit × period with the same code as the report, so what
you see here is what the review shows, written the same way. Change the parameters and run all cells
(*Run → Run All Cells*).
""", markdown=True),
    cell("""
unit: str = "hong-ngu"  # unit slug (a row of data/raw/units.csv)
period: str = "2022-H1"  # reporting period: a folder slug, or as a review writes it ("9 tháng đầu năm 2023")
data_dir: "Optional[str]" = None  # raw data folder; None: $DXANALYSIS_DATA_DIR, else the nearest data/raw here or above
lang: str = "vi"  # language of the tables: vi or en
""", "parameters"),
    cell("""
## The review at a glance — *tóm tắt*

`load_review` reads, checks and assesses the period. Shown on its own, a review is a summary: unit,
period and kind, how many indicators have each status, the data checks, and each indicator's figure
as the report writes it.
""", markdown=True),
    cell("""
import pandas as pd

import dxanalysis as dx
from dxanalysis.config import find_data_dir
from dxanalysis.i18n import set_lang

set_lang(lang)  # the summaries below speak the notebook's language
pd.set_option("display.max_colwidth", 80)  # indicator names are long
data_dir = find_data_dir(data_dir)  # the parameter, else $DXANALYSIS_DATA_DIR, else data/raw here or above
review = dx.load_review(unit, period, data_dir)
review
"""),
    cell("""
## Figures as the report writes them — *kết quả so với chỉ tiêu giao*

A figure keeps what the source said: the counts with their rate (`9.475/15.684 hồ sơ (60,41%)`), and a
bound stays a bound — `dưới 100%` (below 100%) against a target of 100% is *Chưa đạt* (not met), which a
bare number 100 would hide. `review.observations` holds the same rows as numbers (`value` with
`value_qualifier`, `target` with `target_qualifier`) for your own computations; the table is indexed by
indicator code.
""", markdown=True),
    cell("""
review.figures_table(lang)
"""),
    cell("""
## Which indicators are below target? — *chỉ tiêu chưa đạt*

Filter the numbers, then show the rows as the report writes them.
""", markdown=True),
    cell("""
obs = review.observations
dx.figures_table(obs[obs["status"] == "not_met"], lang)
"""),
    cell("""
## Over the periods — *diễn biến qua các kỳ*

The unit's earlier periods like this one (halves with halves, the first nine months with the first nine
months of other years), oldest first; `—` where a period has no such figure. The numbers are in
`review.history`.
""", markdown=True),
    cell("""
review.history_table(lang)
"""),
    cell("""
## Communes — *các xã, thị trấn*

The same period's figures of the units below this one (`review.children`), each against its own target.
""", markdown=True),
    cell("""
review.children_table(lang)
"""),
    cell("""
## Progress towards the plan — *tiến độ thực hiện kế hoạch*

The plan's targets (`data/raw/<unit>/targets.csv`, or the plan of the unit above) with the first and
latest figures, judged by Open SDG's growth-rate method (`review.progress`).
""", markdown=True),
    cell("""
review.progress_table(lang)
"""),
    cell("""
## Data-quality findings — *kết quả kiểm tra số liệu*

Every problem met while reading the inputs — this period's, its earlier periods' and its communes' — most
severe first, with where it is and how to fix it. An empty table means no problem was found.
""", markdown=True),
    cell("""
dx.findings_table(review.findings, lang, base=data_dir)
"""),
    cell("""
## Gap to target, in percentage points — *khoảng cách so với chỉ tiêu giao*

A bound such as `dưới 100%` is not a point on an axis, so the chart shows the rates stated exactly, against
a target in percent; the table below it lists the indicators with a target that the chart leaves out.
""", markdown=True),
    cell("""
import matplotlib.pyplot as plt

exact = obs["value_qualifier"].eq("") & obs["value_percent"] & obs["target_percent"] & obs["target"].notna()
gaps = obs[exact].assign(gap=lambda d: d["value"] - d["target"])
if not gaps.empty:
    ax = gaps.plot.barh(x="indicator", y="gap", legend=False, figsize=(7, 3))
    ax.axvline(0, color="black", lw=1)
    ax.set_xlabel("value − target (percentage points)")
    plt.tight_layout()
    plt.show()
dx.figures_table(obs[~exact & obs["target"].notna()], lang)
"""),
    cell("""
## Format numbers the Vietnamese way — *định dạng số*
""", markdown=True),
    cell("""
dx.format_number(9475), dx.format_percent(60.4119), dx.parse_number("15.684")
"""),
])

NOTEBOOK_SOURCES = {"semiannual_review.ipynb": review, "explore.ipynb": explore}

if __name__ == "__main__":
    for name, nb in NOTEBOOK_SOURCES.items():
        nbformat.validate(nb)
        for folder in (NOTEBOOKS, PACKAGED_NOTEBOOKS):
            nbformat.write(nb, folder / name)
            print("wrote", folder / name)
