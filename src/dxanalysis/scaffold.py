"""Start a new period: copy the latest earlier period's indicators and targets, with blank values.

``new_period`` writes ``data/raw/<unit>/<period>/indicators.csv`` (same
indicators, units, pillars and targets as the latest earlier period; the
figures left blank for the analyst) and a ``review.yml`` skeleton; for a unit
that has no ``data/raw/<unit>/reporting.csv`` yet (who reports what, see
:mod:`dxanalysis.read.reporting`), a starter one: the same indicators with the
reporting body left blank, and those its communes reported, given to ``các xã``.
It never overwrites a file: an existing one is an error that names it.

Examples
--------
>>> import shutil, tempfile, pathlib
>>> from dxanalysis.config import EXAMPLE_DATA_DIR
>>> raw = pathlib.Path(tempfile.mkdtemp()) / "raw"
>>> _ = shutil.copytree(EXAMPLE_DATA_DIR, raw)
>>> written = new_period(raw, "hong-ngu", "2023-H2")
>>> [p.name for p in written]
['indicators.csv', 'review.yml']
>>> (raw / "hong-ngu" / "2023-H2" / "indicators.csv").read_text(encoding="utf-8").splitlines()[3]
'3,Tỷ lệ hồ sơ TTHC xử lý trực tuyến,Chính quyền số,,,,hồ sơ,50%,,'
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from dxanalysis.atomic import write_text_atomic
from dxanalysis.csv_out import safe_cell
from dxanalysis.read.catalog import load_catalog, pillar_label
from dxanalysis.exceptions import InputFileError
from dxanalysis.i18n import Message
from dxanalysis.read.indicators import read_indicator_file
from dxanalysis.periods import Period, parse_period
from dxanalysis.read.folders import (
    has_indicator_file, latest_before, latest_earlier_period, period_dir, unit_periods)
from dxanalysis.assess.review import checked_units
from dxanalysis.read.notes import ReviewNotes
from dxanalysis.read.reporting import COMMUNES, reporting_path
from dxanalysis.read.units import find_unit, read_units, units_as_of
from dxanalysis.vntext import strip_enumeration

HEADER = ["STT", "Chỉ tiêu", "Trụ cột", "Tử số", "Mẫu số", "Giá trị", "Đơn vị tính", "Chỉ tiêu giao", "Ghi chú", "Nguồn"]
REPORTING_HEADER = ["Chỉ tiêu", "Cơ quan báo cáo", "Liên hệ", "Email", "Ghi chú"]  # a starter reporting.csv
OPTIONAL_HEADER = {"part_of": "Thuộc tổng", "plan": "Tên kế hoạch"}  # kept when the earlier period has them
REVIEW_SKELETON = """\
# Review notes for {unit_name}, {period_label}. Fill in what the data cannot say;
# do not type figures here: name the indicator and the report writes the sentence.
# Any text may be written as {{vi: …, en: …}} to give the English report its words.
meeting:
  date:            # e.g. {year}-08-09
  title:           # e.g. Sơ kết {period_label}
  body:            # e.g. Ban Chỉ đạo Chuyển đổi số {unit_name}
  chair:
  chair_title:
overview:
achievements:      # qualitative results, per pillar
  digital_government: []
  digital_economy: []
  digital_society: []
sections:          # the analyst's own sections (title, indicators, …), carried over from the last review
{sections}
show_rates: {show_rates}  # true, or a list of indicators: print the rates of counts the source gave alone
commitments:
{commitments}
shortcomings: []   # e.g. - indicator: gov.online_dossier_rate
                   #         claim: decline
                   #         reason: do …
tasks: []          # e.g. - lead: Phòng Văn hóa và Thông tin
                   #         coordinating: [các cấp, các ngành]
                   #         content: tiếp tục triển khai …
document:          # review.docx: the issuer, signer and recipients carried over; number and date left
                   # blank, as blanks to fill in the document, until the office issues it
  number:
  date:
{document}
"""


def _indicators_template(data_dir: Path, unit: str, source: Period) -> str:
    from dxanalysis.read.indicators import find_indicator_file

    raw = read_indicator_file(find_indicator_file(period_dir(data_dir, unit, source)))
    catalog = load_catalog(data_dir / "catalog.csv")
    # a breakdown keeps its totals; a plan is named again (the next period may fall under a new plan)
    extra = [column for column in OPTIONAL_HEADER if column in raw.frame.columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER + [OPTIONAL_HEADER[column] for column in extra])
    for number, record in enumerate(raw.frame.to_dict("records"), start=1):
        code = catalog.resolve(record.get("indicator", ""))
        pillar = record.get("pillar") or (pillar_label(catalog[code].pillar) if code else "")
        carried = [record.get(column, "") if column == "part_of" else "" for column in extra]
        # "- Tiếp nhận trực tuyến": the bullet goes (Thuộc tổng keeps the breakdown), so that no cell starts
        # with a sign that safe_cell would have to escape
        name = strip_enumeration(str(record.get("indicator", "")))
        writer.writerow([safe_cell(cell) for cell in (number, name, pillar, "", "", "",
                         record.get("count_unit", ""), record.get("target", ""), "", "", *carried)])
    return out.getvalue()


def _earlier_notes(data_dir: Path, unit: str, period: Period) -> ReviewNotes | None:
    """The notes of the unit's latest period before ``period`` that has a ``review.yml`` (one like it if any)."""
    from dxanalysis.read.notes import read_review_notes

    source = latest_before(data_dir, unit, period, lambda p: (period_dir(data_dir, unit, p) / "review.yml").exists())
    return None if source is None else read_review_notes(period_dir(data_dir, unit, source) / "review.yml")


def _yaml_items(items: list) -> str:
    import yaml

    if not items:
        return "  []"
    dumped = yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=110)
    return "\n".join("  " + line for line in dumped.splitlines())


def _carried_over(notes: ReviewNotes | None) -> dict[str, str]:
    """What runs over several periods, from the earlier notes: commitments, the analyst's sections
    (their titles, indicators and layout, not their items) and the rates asked for."""
    if notes is None:
        return {"commitments": "  []", "sections": "  []", "show_rates": "false", "document": ""}

    def both(text: str) -> str | dict[str, str]:
        english = notes.text(text, "en")
        return {"vi": text, "en": english} if english != text else text

    commitments = []
    for commitment in notes.commitments:
        item: dict = {"area": both(commitment.area), "text": both(commitment.text)}
        item.update({k: getattr(commitment, k) for k in ("indicator", "target") if getattr(commitment, k)})
        commitments.append(item)
    sections = []
    for section in notes.sections:
        entry: dict = {"title": both(section.title)}
        if not section.id.isdigit():  # a number is the section's place, given when no id is typed
            entry["id"] = section.id
        entry["indicators"] = list(section.indicators)
        entry.update({k: v for k, v in (("chart", section.chart), ("position", section.position))
                      if v != {"chart": True, "position": "after"}[k]})
        sections.append(entry)
    show_rates = "true" if notes.show_all_rates else \
        ("[" + ", ".join(json.dumps(name, ensure_ascii=False) for name in notes.show_rates) + "]"
         if notes.show_rates else "false")
    return {"commitments": _yaml_items(commitments), "sections": _yaml_items(sections), "show_rates": show_rates,
            "document": _carried_document(notes, both)}


def _carried_document(notes: ReviewNotes, both) -> str:  # noqa: ANN001 - both: a text in its languages
    """The ``document:`` keys that stay from one review to the next (issuer, place, symbol, signer,
    recipients), as YAML indented under ``document:``; never the number or the date."""
    import yaml

    facts = notes.document
    kept: dict = {key: both(getattr(facts, key)) for key in ("symbol", "place", "issuer", "issuer_parent")
                  if getattr(facts, key)}
    signer = {key: both(value) for key, value in (("on_behalf", facts.signer_authority),
                                                  ("title", facts.signer_title), ("name", facts.signer_name)) if value}
    if signer:
        kept["signer"] = signer
    if facts.recipients:
        kept["recipients"] = [both(r) for r in facts.recipients]
    if not kept:
        return ""
    dumped = yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=110)
    return "\n".join("  " + line for line in dumped.splitlines())


def next_period(data_dir: str | Path, unit: str) -> Period | None:
    """The period after the unit's latest one, of the same kind (``2022-H2`` → ``2023-H1``,
    ``2023-9M`` → ``2024-9M``), or ``None`` when the unit has no period yet.

    >>> from dxanalysis.config import EXAMPLE_DATA_DIR
    >>> next_period(EXAMPLE_DATA_DIR, "hong-ngu")
    <Period 2023-H2>
    """
    periods = [p for p in unit_periods(Path(data_dir), unit) if has_indicator_file(Path(data_dir), unit, p)]
    return max(periods).next_period() if periods else None


def new_period(data_dir: str | Path, unit: str, period: str | Period | None = None) -> list[Path]:
    """Scaffold ``<data_dir>/<unit>/<period>/`` from the latest earlier period; return the files written.

    Without ``period``, the one :func:`next_period` proposes.
    """
    data_dir = Path(data_dir)
    registry = data_dir / "units.csv"
    unit_info = find_unit(checked_units(read_units(registry), registry), unit, registry)  # a slug becomes a folder
    if period is None:
        period = next_period(data_dir, unit)
        if period is None:
            raise InputFileError(data_dir / unit, Message("error.no_period_to_follow"), Message("hint.first_period"))
    period = period if isinstance(period, Period) else parse_period(period)
    folder = period_dir(data_dir, unit, period)
    targets = {"indicators.csv": folder / "indicators.csv", "review.yml": folder / "review.yml"}
    existing = [p for p in (*targets.values(), *folder.glob("indicators.*")) if p.exists()]
    if existing:
        raise InputFileError(existing[0], Message("error.already_exists"), Message("hint.already_exists"))
    source = latest_earlier_period(data_dir, unit, period)
    if source is None:
        raise InputFileError(data_dir / unit, Message("error.no_earlier_period", {"period": period.slug}),
                             Message("hint.first_period"))
    write_text_atomic(targets["indicators.csv"], _indicators_template(data_dir, unit, source))
    write_text_atomic(targets["review.yml"], REVIEW_SKELETON.format(
        unit_name=unit_info.name("vi"), period_label=period.label("vi"), year=period.year,
        **_carried_over(_earlier_notes(data_dir, unit, period))))
    written = list(targets.values())
    reporting = reporting_path(data_dir, unit_info.slug)
    if not reporting.exists():  # per unit, not per period: started once, then the analyst's
        write_text_atomic(reporting, _reporting_template(data_dir, unit_info.slug, period, source))
        written.append(reporting)
    return written


def _reporting_template(data_dir: Path, unit: str, period: Period, source: Period) -> str:
    """A starter ``reporting.csv``: the indicators of ``unit``'s ``source`` period with the body left to fill
    in, then those its communes reported in their latest period before ``period``, given to ``các xã``."""
    from dxanalysis.read.indicators import find_indicator_file

    catalog = load_catalog(data_dir / "catalog.csv")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORTING_HEADER)
    seen: set[tuple[str, str]] = set()

    def rows(folder_unit: str, folder_period: Period, body: str) -> None:
        raw = read_indicator_file(find_indicator_file(period_dir(data_dir, folder_unit, folder_period)))
        for record in raw.frame.to_dict("records"):
            name = strip_enumeration(str(record.get("indicator", "")))
            key = (catalog.resolve(name) or name, body)
            if name and key not in seen:
                seen.add(key)
                writer.writerow([safe_cell(name), body, "", "", ""])

    rows(unit, source, "")
    units = read_units(data_dir / "units.csv")
    for child in sorted(u.slug for u in units_as_of(units, period.last_day).values() if u.parent == unit):
        earlier = latest_earlier_period(data_dir, child, period)
        if earlier is not None:
            rows(child, earlier, COMMUNES[0])
    return out.getvalue()
