"""The ``dxanalysis`` command: ``report``, ``validate``, ``clean``, ``new-period``, ``forms``, ``status``, ``catalog``.

Errors in the input are printed with file, row, column, value and how to fix
them, and the command exits non-zero; it never prints a Python traceback
(``--debug``, or ``DXANALYSIS_DEBUG=1``, shows one for a bug report). An
error that is nobody's input — a bug in dxanalysis — is one line naming it,
with its own exit status (see :data:`EXIT_CODES`).

The command speaks Vietnamese, the analysts' language: ``dxanalysis --lang en
validate`` (or a locale such as ``LANG=en_US.UTF-8``) makes it speak English.
That is the language of its messages; ``report --lang`` picks the language of
the reports it builds.
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dxanalysis.config import PROCESSED_DIR, RAW_DIR, REPORTS_DIR
from dxanalysis.exceptions import DxAnalysisError, ValidationFailed
from dxanalysis.findings import Finding, findings_frame
from dxanalysis.i18n import LANGS, N_, Message, gettext, lang_from_environment, ngettext, using_lang
from dxanalysis.provenance import package_version
from dxanalysis.slugs import outside

if TYPE_CHECKING:
    from dxanalysis.assess.review import ReviewSource
    from dxanalysis.read.catalog import Indicator

# 2 is also argparse's status for a command line it cannot read: a usage error is a failure to start.
EXIT_OK, EXIT_INPUT_ERRORS, EXIT_FAILURE = 0, 1, 2
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE (sysexits.h): a bug in dxanalysis, not a fault of the data or the call
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
# Every exit status and what it means, as the help lists them.
EXIT_CODES = ((EXIT_OK, N_("cli.help.exit.ok")), (EXIT_INPUT_ERRORS, N_("cli.help.exit.data_errors")),
              (EXIT_FAILURE, N_("cli.help.exit.failure")), (EXIT_INTERNAL_ERROR, N_("cli.help.exit.internal")),
              (EXIT_INTERRUPTED, N_("cli.help.exit.interrupted")))
# A few commands the help shows, each with what it does.
EXAMPLES = (("dxanalysis validate", N_("cli.help.example.validate")),
            ("dxanalysis report --unit hong-ngu --period 2022-H1", N_("cli.help.example.report")),
            ("dxanalysis report --all --lang vi,en", N_("cli.help.example.report_all")),
            ("dxanalysis new-period --unit hong-ngu", N_("cli.help.example.new_period")),
            ("dxanalysis forms --unit hong-ngu --period 2023-H1", N_("cli.help.example.forms")),
            ("dxanalysis status --unit hong-ngu --period 2023-H1", N_("cli.help.example.status")),
            ('dxanalysis catalog "hồ sơ trực tuyến"', N_("cli.help.example.catalog")),
            ("dxanalysis --lang en validate data/raw/hong-ngu", N_("cli.help.example.english")))
# What a single report is doing, shown on a terminal as each step starts (publish.report.REPORT_STEPS).
REPORT_STEP_MESSAGES = {"read": N_("cli.step.read"), "execute": N_("cli.step.execute"),
                        "export": N_("cli.step.export"), "docx": N_("cli.step.docx"), "pdf": N_("cli.step.pdf")}
_SEVERITY_TAGS = {"error": N_("cli.severity.error"), "warning": N_("cli.severity.warning"),
                  "info": N_("cli.severity.info")}
_KIND_LABELS = {"ratio": N_("catalog.kind.ratio"), "count": N_("catalog.kind.count"), "flag": N_("catalog.kind.flag"),
                "text": N_("catalog.kind.text"), "rank": N_("catalog.kind.rank"),
                "scorecard": N_("catalog.kind.scorecard")}


def _shown(path: str | None) -> str | None:
    """``path`` relative to the working directory when inside it, as the user typed paths."""
    if not path:
        return path
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path


def _print_findings(findings: list[Finding], out: TextIO | None = None) -> None:
    """Findings as a table per file (most severe first), then the rows that were not used."""
    import textwrap

    out = out or sys.stdout  # looked up when called, so a redirected stdout is the one written to
    from dxanalysis.findings import SEVERITIES, row_ranges, unused_rows

    shown = functools.lru_cache(maxsize=None)(_shown)  # a file's path, resolved once however many findings
    order = {id(f): i for i, f in enumerate(findings)}
    ranked = sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), order[id(f)]))
    by_file: dict[str, list[Finding]] = {}
    for finding in ranked:
        by_file.setdefault(shown(finding.path) or gettext("cli.no_file"), []).append(finding)
    for path, group in by_file.items():
        print(f"\n{path}", file=out)
        print("  " + gettext("cli.header", severity=gettext("cli.col.severity"), row=gettext("cli.col.row"),
                             column=gettext("cli.col.column"), value=gettext("cli.col.value"),
                             problem=gettext("cli.col.problem")), file=out)
        for f in group:
            row = "" if f.row is None else (f"{f.sheet}!{f.row}" if f.sheet else str(f.row))
            value = "" if f.value in (None, "") else repr(str(f.value))
            value = value if len(value) <= 18 else value[:15] + "…'"
            column = (f.column or "")[:16]
            text = f"{f.message()} — {f.hint()}".strip(" —")
            lines = textwrap.wrap(text, 70) or [""]
            print(f"  {gettext(_SEVERITY_TAGS[f.severity]):<8} {row:>5}  {column:<16} {value:<18} {lines[0]}", file=out)
            for line in lines[1:]:
                print(f"  {'':<8} {'':>5}  {'':<16} {'':<18} {line}", file=out)
    counts = collections.Counter(f.severity for f in findings)
    unused = unused_rows(findings, messages=False)
    print("\n" + gettext("cli.counts",
                         errors=ngettext("cli.errors.one", "cli.errors.other", int(counts.get("error", 0))),
                         warnings=ngettext("cli.warnings.one", "cli.warnings.other", int(counts.get("warning", 0))),
                         notes=ngettext("cli.notes.one", "cli.notes.other", int(counts.get("info", 0)))), file=out)
    if not unused.empty:
        print(ngettext("cli.rows_not_used.one", "cli.rows_not_used.other", int(unused["rows"].sum())), file=out)
        for path, rows in unused.groupby("path", sort=False):
            spans = row_ranges((r.row, r.last_row) for r in rows.itertuples())
            print(gettext("cli.rows_at", path=shown(path), spans=spans), file=out)


def _languages(text: str) -> tuple[str, ...]:
    langs = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [lang for lang in langs if lang not in ("vi", "en")]
    if not langs or unknown:
        raise argparse.ArgumentTypeError(f"expected vi, en or vi,en, got {text!r}")  # argparse's own words stay English
    return langs


def _period_slug(text: str) -> str:
    """The slug of the period ``--period`` names: a slug (``2023-9M``) or a phrase (``9 tháng đầu năm 2023``).

    An unreadable period is an :class:`~dxanalysis.exceptions.InputValueError` that names the option and
    lists the accepted forms (the command prints it as one line).

    >>> _period_slug("9 tháng đầu năm 2023"), _period_slug("tính đến ngày 15/11/2022"), _period_slug("2022-H1")
    ('2023-9M', '2022-11-15', '2022-H1')
    """
    from dxanalysis.exceptions import InputValueError
    from dxanalysis.periods import parse_period

    try:
        return parse_period(text).slug
    except InputValueError as err:
        raise err.located(path="--period") from None


def _cmd_report_all(args: argparse.Namespace) -> int:
    from dxanalysis.publish.batch import run_batch

    outcomes = run_batch(args.data_dir, args.reports_dir, langs=args.lang, jobs=args.jobs, force=args.force,
                         allow_errors=args.allow_errors, notebook=args.notebook)
    from dxanalysis.read.folders import unrecognised_folders

    skipped = unrecognised_folders(args.data_dir)
    failed = gettext("cli.failed")
    for folder, reason in skipped:
        print(f"{failed:<7} " + gettext("cli.folder_not_read", path=folder, reason=reason), file=sys.stderr)
    counts = {status: sum(o.status == status for o in outcomes) for status in ("built", "unchanged", "failed")}
    counts["failed"] += len(skipped)
    print(ngettext("cli.batch_summary.one", "cli.batch_summary.other", counts["built"], unchanged=counts["unchanged"],
                   failed=counts["failed"], index=Path(args.reports_dir) / "index.html"))
    for outcome in outcomes:
        if outcome.status == "failed":
            print(f"{failed:<7} " + gettext("cli.report_failed", unit=outcome.unit, period=outcome.period,
                                            lang=outcome.lang, reason=outcome.reason), file=sys.stderr)
    return EXIT_INPUT_ERRORS if counts["failed"] else EXIT_OK


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class ReportSteps:
    """The steps of one report as lines on a terminal, ``[2/4] Chạy sổ báo cáo…``, each as it starts,
    then how long the whole took; given to :func:`~dxanalysis.publish.report.build_report` as ``on_step``.

    >>> import io
    >>> out = io.StringIO()
    >>> steps = ReportSteps(out, total=4, unit="hong-ngu", period="2022-H1")
    >>> steps("read"); steps("execute")
    >>> out.getvalue().splitlines()[1]
    '[2/4] Chạy sổ báo cáo (papermill)…'
    """

    def __init__(self, out: TextIO, total: int, **params: str) -> None:
        self.out, self.total, self.params = out, total, params
        self.count, self.started = 0, time.monotonic()

    def __call__(self, step: str) -> None:
        self.count += 1
        text = gettext(REPORT_STEP_MESSAGES[step], **self.params)
        print(f"[{self.count}/{self.total}] {text}", file=self.out, flush=True)

    def finish(self) -> None:
        """The last line: done, and in how many seconds."""
        from dxanalysis.i18n import current_lang
        from dxanalysis.numerals import format_number

        seconds = format_number(time.monotonic() - self.started, current_lang(), 1)
        text = gettext("cli.step.done", seconds=seconds)
        print(f"[{self.total}/{self.total}] {text}", file=self.out, flush=True)


def _cmd_report(args: argparse.Namespace) -> int:
    from dxanalysis.publish.report import build_report

    outside(args.reports_dir, args.data_dir)
    if args.all:
        if args.docx:  # the batch writes pages; a Word document is asked for one review at a time
            print(gettext("cli.docx_one_review"), file=sys.stderr)
            return EXIT_FAILURE
        return _cmd_report_all(args)
    if not args.unit or not args.period:
        print(gettext("cli.unit_and_period"), file=sys.stderr)
        return EXIT_FAILURE
    if len(args.lang) > 1:
        print(gettext("cli.one_lang"), file=sys.stderr)
        return EXIT_FAILURE
    period = _period_slug(args.period)
    # its steps on a terminal only: piped into a log, the command prints its result and nothing more
    steps = ReportSteps(sys.stderr, 4 + args.pdf + args.docx, unit=args.unit, period=period) \
        if _is_terminal(sys.stderr) else None
    try:
        html = build_report(args.unit, period, lang=args.lang[0], data_dir=args.data_dir,
                            reports_dir=args.reports_dir, notebook=args.notebook, allow_errors=args.allow_errors,
                            pdf=args.pdf, on_step=steps, docx=args.docx)
    except ValidationFailed as failed:
        _print_findings(failed.findings, sys.stderr)
        print(gettext("cli.not_built"), file=sys.stderr)
        return EXIT_INPUT_ERRORS
    if steps:
        steps.finish()
    print(gettext("cli.wrote_pdf", path=html, pdf=html.with_suffix(".pdf")) if args.pdf
          else gettext("cli.wrote", path=html))
    if args.docx:
        from dxanalysis.publish.report import pdf_source

        print(gettext("cli.wrote", path=html.with_suffix(".docx")))
        if args.pdf:  # which PDF it is: the Word document's, or the page's when LibreOffice is not installed
            print(gettext("cli.pdf_from_docx") if pdf_source(True) == "docx" else gettext("cli.pdf_from_html"))
    return EXIT_OK


def _validate_targets(path: Path) -> tuple[Path, list[tuple[str, str, Path]]]:
    """The data folder (holding units.csv) and the unit × period folders to check under ``path``."""
    from dxanalysis.read.folders import find_period_folders

    path = path.resolve()
    if path.is_file():
        path = path.parent
    data_dir = next((p for p in (path, *path.parents) if (p / "units.csv").exists()), path)
    folders = [(u, p.slug, f) for u, p, f in find_period_folders(data_dir) if f == path or path in f.parents]
    return data_dir, folders


def _cmd_validate(args: argparse.Namespace) -> int:
    from dxanalysis.assess.review import ReviewSource
    from dxanalysis.read.folders import unrecognised_folders

    data_dir, folders = _validate_targets(Path(args.path))
    if args.csv:
        outside(args.csv, data_dir)  # before any work: the findings never replace an input
    skipped = unrecognised_folders(data_dir)
    tag = gettext(_SEVERITY_TAGS["error"])
    for folder, reason in skipped:
        print(f"{tag:<7} " + gettext("cli.folder_not_read", path=_shown(str(folder)), reason=reason), file=sys.stderr)
    if not folders and not skipped:
        print(gettext("cli.no_inputs", path=args.path), file=sys.stderr)
        return EXIT_FAILURE
    findings: list[Finding] = []
    source = ReviewSource(data_dir)
    failed: list[DxAnalysisError] = []  # each input that cannot be read, once
    for unit, period, _ in folders:
        findings += source.check(unit, period, failed)
    for unit in dict.fromkeys(unit for unit, _, _ in folders):
        _check_reporting(source, unit, failed)
    findings += _check_lineage(source, failed)
    for err in failed:
        print(f"{tag:<7} {err}", file=sys.stderr)
    failures = len(failed)
    print(ngettext("cli.checked.one", "cli.checked.other", len(folders), path=_shown(str(data_dir))))
    if findings:
        _print_findings(findings)
    if args.csv:
        from dxanalysis.csv_out import write_csv

        write_csv(findings_frame(findings), args.csv, raw_dir=data_dir)
        print(gettext("cli.wrote", path=args.csv))
    errors = failures + len(skipped) + sum(f.severity == "error" for f in findings)
    if failures + len(skipped):  # the findings' tally counts rows; say that whole inputs were not read
        print(ngettext("cli.inputs_not_read.one", "cli.inputs_not_read.other", failures + len(skipped)))
    if not errors:
        print(gettext("cli.no_errors"))
    return EXIT_INPUT_ERRORS if errors else EXIT_OK


def _check_reporting(source: ReviewSource, unit: str, failed: list[DxAnalysisError]) -> None:
    """A unit's ``reporting.csv`` (who reports what) is checked with its data, not only when forms are made."""
    from dxanalysis.read.reporting import read_reporting, reporting_path

    path = reporting_path(source.data_dir, unit)
    if path.is_file():
        try:
            read_reporting(path, source.catalog)
        except DxAnalysisError as err:
            failed.append(err)


def _check_lineage(source: ReviewSource, failed: list[DxAnalysisError]) -> list[Finding]:
    """The units' lineage (``lineage.csv``) and dates in ``units.csv``, checked with the data: the whole
    registry's, whatever folder is validated (a merger concerns more than one unit)."""
    from dxanalysis.check.lineage import check_lineage

    if not source.registry.is_file():
        return []
    try:
        return check_lineage(source.data_dir, source.units, source.lineage)
    except DxAnalysisError as err:
        if not any(err is known for known in failed):  # the registry's error, said once
            failed.append(err)
        return []


def _cmd_clean(args: argparse.Namespace) -> int:
    from dxanalysis.publish.processed import write_processed

    outside(args.processed_dir, args.data_dir)
    obs_path, findings_path, n_obs, n_findings = write_processed(args.data_dir, args.processed_dir)
    print(gettext("cli.wrote_processed", observations=obs_path, n_observations=n_obs, findings=findings_path,
                  n_findings=n_findings))
    return EXIT_OK


def _cmd_new_period(args: argparse.Namespace) -> int:
    from dxanalysis.scaffold import new_period

    for path in new_period(args.data_dir, args.unit, _period_slug(args.period) if args.period else None):
        print(gettext("cli.wrote", path=path))
    print(gettext("cli.fill_in"))
    return EXIT_OK


def _cmd_forms(args: argparse.Namespace) -> int:
    from dxanalysis.publish.forms import write_forms

    period = _period_slug(args.period)
    if args.out is not None:
        outside(args.out, args.data_dir)  # before any work: a form never lands among the inputs
    paths = write_forms(args.unit, period, args.data_dir, out=args.out, reports_dir=args.reports_dir,
                        lang=args.form_lang)
    for path in paths:
        print(gettext("cli.wrote", path=_shown(str(path))))
    print(ngettext("cli.forms_written.one", "cli.forms_written.other", len(paths),
                   folder=_shown(str(paths[0].parent)) if paths else ""))
    return EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from dxanalysis.assess.collection import STATES, collection_status
    from dxanalysis.periods import parse_period
    from dxanalysis.read.catalog import load_catalog
    from dxanalysis.read.units import read_units

    period = parse_period(_period_slug(args.period))
    catalog = load_catalog()
    status = collection_status(args.unit, period, args.data_dir, catalog)
    units = read_units(Path(args.data_dir) / "units.csv")
    unit_name = units[args.unit].name() if args.unit in units else args.unit
    print(gettext("cli.status.heading", unit=unit_name, period=period.label()))
    width = max(len(gettext(label)) for label in STATES.values())
    for body in status.bodies:
        line = f"  {gettext(STATES[body.state]):<{width}}  {body.body}"
        if body.files:
            line += f" ({', '.join(body.files)})"
        if body.errors:
            line += " — " + gettext("cli.status.errors", n=body.errors)
        if body.blank:
            line += " — " + gettext("cli.status.blank", names="; ".join(catalog[c].name() for c in body.blank))
        print(line)
    for name, why in status.unreadable:
        print(gettext("cli.status.unreadable", file=name, reason=why))
    done = sum(b.state == "sent" and not b.blank for b in status.bodies)
    print(gettext("cli.status.summary", done=done, total=len(status.bodies)))
    return EXIT_OK


def _print_indicator(indicator: Indicator, lang: str) -> None:
    """One catalog entry: code, pillar, kind and unit on the first line, then name, source, target."""
    from dxanalysis.read.catalog import pillar_label

    facts = [pillar_label(indicator.pillar, lang), gettext(_KIND_LABELS[indicator.kind])]
    if indicator.unit(lang):
        facts.append(indicator.unit(lang))
    print(f"\n{indicator.code}  [{' · '.join(facts)}]")
    print(f"  {indicator.name(lang)}")
    if indicator.source:
        print("  " + gettext("catalog.source", source=indicator.source))
    if indicator.national_target:
        print("  " + gettext("catalog.national_target", target=indicator.national_target))


def _cmd_catalog(args: argparse.Namespace) -> int:
    from dxanalysis.i18n import current_lang
    from dxanalysis.read.catalog import load_catalog

    catalog = load_catalog(Path(args.data_dir) / "catalog.csv")
    if args.text is None:
        codes = list(catalog.indicators)
        print(ngettext("catalog.listed.one", "catalog.listed.other", len(codes), sources=", ".join(catalog.sources)))
    else:
        codes = catalog.search(args.text)
        if not codes:
            print(gettext("cli.error", error=Message("catalog.none_found", {"text": args.text})), file=sys.stderr)
            print(gettext("catalog.none_found.hint"), file=sys.stderr)
            return EXIT_INPUT_ERRORS
        print(ngettext("catalog.matched.one", "catalog.matched.other", len(codes), text=args.text))
    for code in codes:
        _print_indicator(catalog[code], current_lang())
    return EXIT_OK


HELP_WIDTH = 79  # the help's own paragraphs (argparse wraps the options to the terminal)


def _wrapped(text: str, first: str = "", rest: str = "") -> str:
    import textwrap

    return textwrap.fill(text, HELP_WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False,
                         break_long_words=False)  # "new-period", "reports/index.html" stay whole


def _help_epilog() -> str:
    """The examples and the exit statuses, below the options in ``dxanalysis --help``."""
    lines = [gettext("cli.help.examples")]
    for command, what in EXAMPLES:
        lines += [f"  {command}", _wrapped(gettext(what), " " * 6, " " * 6)]
    lines += ["", gettext("cli.help.exit_status")]
    lines += [_wrapped(gettext(meaning), f"  {code:<4} ", " " * 7) for code, meaning in EXIT_CODES]
    return "\n".join(lines)


def _add_debug_option(parser: argparse.ArgumentParser, default: object) -> None:
    # before the command or after it: "run again with --debug" works wherever it is typed
    parser.add_argument("--debug", action="store_true", default=default, help=gettext("cli.help.debug"))


def version_text() -> str:
    """The installed package's version (``importlib.metadata``), else ``dxanalysis.__version__`` when the
    package has one, else ``unknown`` (a bare source tree).

    >>> version_text() == package_version() or version_text() == "unknown"
    True
    """
    version = package_version()
    if version == "unknown":
        import dxanalysis

        version = str(getattr(dxanalysis, "__version__", version))
    return version


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface; its help in the current language.

    >>> args = build_parser().parse_args(["report", "--unit", "hong-ngu", "--period", "2022-H1"])
    >>> args.unit, args.period, args.lang, args.data_dir, args.debug
    ('hong-ngu', '2022-H1', ('vi',), 'data/raw', False)
    >>> build_parser().parse_args(["report", "--all", "--lang", "vi,en"]).lang
    ('vi', 'en')
    >>> args = build_parser().parse_args(["--lang", "en", "report", "--lang", "vi"])
    >>> args.messages_lang, args.lang
    ('en', ('vi',))
    >>> [build_parser().parse_args(argv).debug for argv in (["--debug", "validate"], ["validate", "--debug"])]
    [True, True]
    """
    parser = argparse.ArgumentParser(prog="dxanalysis", description=_wrapped(gettext("cli.help.description")),
                                     epilog=_help_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {version_text()}",
                        help=gettext("cli.help.version"))
    parser.add_argument("--lang", dest="messages_lang", choices=LANGS, default=None, help=gettext("cli.help.lang"))
    _add_debug_option(parser, False)
    commands = parser.add_subparsers(dest="command", required=True, metavar=gettext("cli.help.command"))
    data_dir_help = gettext("cli.help.data_dir")

    report = commands.add_parser("report", help=gettext("cli.help.report"), description=gettext("cli.help.report"))
    report.add_argument("--unit", help=gettext("cli.help.report.unit"))
    report.add_argument("--period", help=gettext("cli.help.report.period"))
    report.add_argument("--all", action="store_true", help=gettext("cli.help.report.all"))
    report.add_argument("--jobs", type=int, default=None, help=gettext("cli.help.report.jobs"))
    report.add_argument("--force", action="store_true", help=gettext("cli.help.report.force"))
    report.add_argument("--lang", type=_languages, default=("vi",), help=gettext("cli.help.report.lang"))
    report.add_argument("--data-dir", default=str(RAW_DIR), help=data_dir_help)
    report.add_argument("--reports-dir", default=str(REPORTS_DIR), help=gettext("cli.help.report.reports_dir"))
    report.add_argument("--notebook", default=None, help=gettext("cli.help.report.notebook"))
    report.add_argument("--allow-errors", action="store_true", help=gettext("cli.help.report.allow_errors"))
    report.add_argument("--pdf", action="store_true", help=gettext("cli.help.report.pdf"))
    report.add_argument("--docx", action="store_true", help=gettext("cli.help.report.docx"))
    report.set_defaults(run=_cmd_report)

    validate = commands.add_parser("validate", help=gettext("cli.help.validate"),
                                   description=gettext("cli.help.validate"))
    validate.add_argument("path", nargs="?", default=str(RAW_DIR), help=gettext("cli.help.validate.path"))
    validate.add_argument("--csv", default=None, help=gettext("cli.help.validate.csv"))
    validate.set_defaults(run=_cmd_validate)

    scaffold = commands.add_parser("new-period", help=gettext("cli.help.new_period"),
                                   description=gettext("cli.help.new_period"))
    scaffold.add_argument("--unit", required=True, help=gettext("cli.help.new_period.unit"))
    scaffold.add_argument("--period", default=None, help=gettext("cli.help.new_period.period"))
    scaffold.add_argument("--data-dir", default=str(RAW_DIR), help=data_dir_help)
    scaffold.set_defaults(run=_cmd_new_period)

    forms = commands.add_parser("forms", help=gettext("cli.help.forms"), description=gettext("cli.help.forms"))
    forms.add_argument("--unit", required=True, help=gettext("cli.help.forms.unit"))
    forms.add_argument("--period", required=True, help=gettext("cli.help.forms.period"))
    forms.add_argument("--out", default=None, help=gettext("cli.help.forms.out"))
    forms.add_argument("--data-dir", default=str(RAW_DIR), help=data_dir_help)
    forms.add_argument("--reports-dir", default=str(REPORTS_DIR), help=gettext("cli.help.report.reports_dir"))
    forms.add_argument("--lang", dest="form_lang", choices=LANGS, default="vi", help=gettext("cli.help.forms.lang"))
    forms.set_defaults(run=_cmd_forms)

    status = commands.add_parser("status", help=gettext("cli.help.status"), description=gettext("cli.help.status"))
    status.add_argument("--unit", required=True, help=gettext("cli.help.forms.unit"))
    status.add_argument("--period", required=True, help=gettext("cli.help.forms.period"))
    status.add_argument("--data-dir", default=str(RAW_DIR), help=data_dir_help)
    status.set_defaults(run=_cmd_status)

    clean = commands.add_parser("clean", help=gettext("cli.help.clean"), description=gettext("cli.help.clean"))
    clean.add_argument("--data-dir", default=str(RAW_DIR), help=data_dir_help)
    clean.add_argument("--processed-dir", default=str(PROCESSED_DIR), help=gettext("cli.help.clean.processed_dir"))
    clean.set_defaults(run=_cmd_clean)

    catalog = commands.add_parser("catalog", help=gettext("cli.help.catalog"), description=gettext("cli.help.catalog"))
    catalog.add_argument("text", nargs="?", default=None, help=gettext("cli.help.catalog.text"))
    catalog.add_argument("--data-dir", default=str(RAW_DIR), help=gettext("cli.help.catalog.data_dir"))
    catalog.set_defaults(run=_cmd_catalog)
    for command in (report, validate, scaffold, forms, status, clean, catalog):
        _add_debug_option(command, argparse.SUPPRESS)  # absent: the option before the command decides
    return parser


def messages_lang(argv: list[str]) -> str | None:
    """The ``--lang`` given before the command — the language of the messages, the help included — if any.

    >>> messages_lang(["--lang", "en", "report", "--lang", "vi"]), messages_lang(["report", "--lang", "en"])
    ('en', None)
    >>> messages_lang(["--debug", "--lang=en", "--help"])
    'en'
    """
    found = None
    tokens = iter(argv)
    for token in tokens:
        if token == "--lang":
            found = next(tokens, None)
        elif token.startswith("--lang="):
            found = token.partition("=")[2]
        elif not token.startswith("-"):
            break  # the command: a --lang after it is the language of the reports
    return found if found in LANGS else None


def error_summary(err: BaseException) -> str:
    """The error's type and the first line of its message, cut short: what one line can say of a bug.

    >>> error_summary(ZeroDivisionError("division by zero")), error_summary(RuntimeError())
    ('ZeroDivisionError: division by zero', 'RuntimeError')
    """
    lines = str(err).strip().splitlines()
    text = f"{type(err).__name__}: {lines[0]}" if lines else type(err).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (one of :data:`EXIT_CODES`).

    Input and machine faults are one line each; any other exception is a bug
    in dxanalysis, said in one line naming it, with its own status. The
    traceback is printed (before that line) only with ``--debug`` or
    ``DXANALYSIS_DEBUG=1``.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    with using_lang(messages_lang(argv) or lang_from_environment(os.environ)):
        args = build_parser().parse_args(argv)
        debug = args.debug or bool(os.environ.get("DXANALYSIS_DEBUG"))
        try:
            return args.run(args)
        except KeyboardInterrupt:
            print(gettext("cli.interrupted"), file=sys.stderr)
            return EXIT_INTERRUPTED
        except OSError as err:  # the machine, not the data: a read-only or full disk, a missing folder
            if debug:
                traceback.print_exc(file=sys.stderr)
            where = "" if not err.filename else str(err.filename) + ": "
            print(gettext("cli.error", error=Message("error.machine", {"where": where, "problem": err.strerror or err})),
                  file=sys.stderr)
            return EXIT_FAILURE
        except DxAnalysisError as err:
            from dxanalysis.publish.batch import BatchInterrupted

            if isinstance(err, BatchInterrupted):
                print(str(err), file=sys.stderr)
                return EXIT_INTERRUPTED
            if debug:
                traceback.print_exc(file=sys.stderr)
            print(gettext("cli.error", error=err), file=sys.stderr)
            return EXIT_FAILURE
        except Exception as err:  # noqa: BLE001 - nobody's input: a bug in dxanalysis, said in one line
            if debug:
                traceback.print_exc(file=sys.stderr)
            print(gettext("cli.internal_error", error=error_summary(err)), file=sys.stderr)
            return EXIT_INTERNAL_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
