"""dxanalysis: the semi-annual digital-transformation review, from indicator data to a published page.

The pipeline, each step a function you can call from a notebook::

    review = load_review("hong-ngu", "2022-H1", "data/raw")   # ingest, clean, assess
    review.observations        # tidy table: one row per indicator, with status
    review.findings            # every data-quality problem, with file/row/column
    review.figures_table("vi") # each figure as the report writes it ("dưới 100%"), target, status
    findings_table(review.findings, "en")  # the problems as a table to read
    summary_section(review)    # HTML sections of the report, in vi or en
    build_report("hong-ngu", "2022-H1")  # papermill + nbconvert -> reports/.../review.html
"""

# Where each public name lives. They are imported when first used (PEP 562): the command line starts a
# report's kernel before it pays for pandas, and `import dxanalysis` costs nothing until a name is used.
_PUBLIC = {
    "status_of": "dxanalysis.assess.status", "load_catalog": "dxanalysis.read.catalog",
    "clean_indicators": "dxanalysis.check.clean",
    **dict.fromkeys(("DxAnalysisError", "InputFileError", "InputValueError", "ReportBuildError", "ValidationFailed"),
                    "dxanalysis.exceptions"),
    **dict.fromkeys(("Finding", "findings_frame", "findings_table"), "dxanalysis.findings"),
    "read_indicator_file": "dxanalysis.read.indicators",
    **dict.fromkeys(("format_number", "format_percent", "parse_number", "parse_quantity", "parse_ratio"),
                    "dxanalysis.numerals"),
    **dict.fromkeys(("Period", "parse_period"), "dxanalysis.periods"),
    "collect_provenance": "dxanalysis.provenance",
    **dict.fromkeys(("achievements_section", "appendix_section", "commitments_section", "header_section",
                     "shortcomings_section", "summary_section", "tasks_section"), "dxanalysis.write.sections"),
    **dict.fromkeys(("Review", "load_review"), "dxanalysis.assess.review"),
    "figures_table": "dxanalysis.assess.display",
    "build_report": "dxanalysis.publish.report",
}
__all__ = list(_PUBLIC)


def __getattr__(name: str) -> object:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'dxanalysis' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_PUBLIC[name]), name)
    globals()[name] = value  # once imported, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
