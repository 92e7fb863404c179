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

from dxanalysis.assess.status import status_of
from dxanalysis.read.catalog import load_catalog
from dxanalysis.check.clean import clean_indicators
from dxanalysis.exceptions import DxAnalysisError, InputFileError, InputValueError, ReportBuildError, ValidationFailed
from dxanalysis.findings import Finding, findings_frame
from dxanalysis.read.indicators import read_indicator_file
from dxanalysis.numerals import format_number, format_percent, parse_number, parse_quantity, parse_ratio
from dxanalysis.periods import Period, parse_period
from dxanalysis.provenance import collect_provenance
from dxanalysis.write.sections import (achievements_section, appendix_section, commitments_section, header_section,
                               shortcomings_section, summary_section, tasks_section)
from dxanalysis.assess.review import Review, load_review
from dxanalysis.assess.display import figures_table
from dxanalysis.findings import findings_table

__all__ = [
    "status_of", "load_catalog", "clean_indicators", "DxAnalysisError", "InputFileError",
    "InputValueError", "ReportBuildError", "ValidationFailed", "Finding", "findings_frame",
    "read_indicator_file", "format_number", "format_percent", "parse_number", "parse_quantity", "parse_ratio",
    "Period", "parse_period", "collect_provenance", "achievements_section", "appendix_section",
    "commitments_section", "header_section", "shortcomings_section", "summary_section", "tasks_section",
    "Review", "load_review", "build_report",
    "figures_table", "findings_table",
]


def __getattr__(name: str) -> object:
    # build_report pulls in papermill and nbconvert: load them only when it is asked for (PEP 562)
    if name == "build_report":
        from dxanalysis.publish.report import build_report

        return build_report
    raise AttributeError(f"module 'dxanalysis' has no attribute {name!r}")
