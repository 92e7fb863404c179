"""The errors dxanalysis raises, all rooted at :class:`DxAnalysisError`.

Each error carries the data a person needs to fix the input (file, row,
column, value) and its message says what was expected, what was found and
how to fix it. The CLI prints these messages; it never shows a traceback.
The message is worded when it is read, in the current language
(:func:`dxanalysis.i18n.current_lang`), so an error raised deep in a reader
reads in the language the CLI speaks; ``expected``, ``problem`` and ``hint``
may be plain text or an :class:`~dxanalysis.i18n.Message`.

Examples
--------
>>> err = InputValueError("không phải số", expected="a number such as 9.475",
...                       path="indicators.csv", row=4, column="Tử số",
...                       hint="Type the number of dossiers.")
>>> print(err.text("en"))
indicators.csv, row 4, column 'Tử số': expected a number such as 9.475, found 'không phải số'. Type the number of dossiers.
>>> isinstance(err, DxAnalysisError)
True
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxanalysis.findings import location_text
from dxanalysis.i18n import gettext, localize, ngettext

if TYPE_CHECKING:  # pragma: no cover
    from dxanalysis.findings import Finding


class DxAnalysisError(Exception):
    """Root of every error raised on purpose by dxanalysis; its message may be a :class:`~dxanalysis.i18n.Message`."""

    def __str__(self) -> str:
        return str(localize(self.args[0])) if len(self.args) == 1 else super().__str__()


class InputValueError(DxAnalysisError, ValueError):
    """A value in an input could not be understood.

    Parsers raise it with only ``value`` and ``expected``; the caller that
    knows where the value came from re-raises it with :meth:`located`.
    """

    def __init__(
        self,
        value: Any,
        expected: str,
        *,
        path: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        hint: str = "",
    ) -> None:
        self.value = value
        self.expected = expected
        self.path = str(path) if path is not None else None
        self.row = row
        self.column = column
        self.hint = hint
        super().__init__(value, expected)

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language)."""
        where = location_text(self.path, self.row, self.column, lang)
        text = gettext("error.expected", lang, expected=localize(self.expected, lang), value=self.value)
        hint = localize(self.hint, lang)
        if hint:
            text += f" {hint}"
        return gettext("error.where", lang, where=where, text=text) if where else text[0].upper() + text[1:]

    def __str__(self) -> str:
        return self.text()

    def located(
        self, *, path: str | Path | None = None, row: int | None = None, column: str | None = None
    ) -> InputValueError:
        """Return a copy that also says where the value was found."""
        return type(self)(
            self.value,
            self.expected,
            path=path if path is not None else self.path,
            row=row if row is not None else self.row,
            column=column if column is not None else self.column,
            hint=self.hint,
        )


class InputFileError(DxAnalysisError):
    """An input file is missing, unreadable or has the wrong structure."""

    def __init__(self, path: str | Path, problem: Any, hint: Any = "") -> None:
        self.path = str(path)
        self.problem = problem
        self.hint = hint
        super().__init__(self.path, problem)

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language)."""
        hint = localize(self.hint, lang)
        return gettext("error.where", lang, where=self.path, text=localize(self.problem, lang)) + (
            f" {hint}" if hint else "")

    def __str__(self) -> str:
        return self.text()


class ValidationFailed(DxAnalysisError):
    """The inputs hold errors; ``findings`` lists every one of them."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__(findings)

    def __str__(self) -> str:
        errors = [f for f in self.findings if f.severity == "error"]
        lines = [ngettext("error.validation.one", "error.validation.other", len(errors))]
        lines += [f"  - {f.describe()}" for f in errors]
        return "\n".join(lines)


class UnknownUnitError(DxAnalysisError, KeyError):
    """A unit slug that the unit registry does not list."""

    def __init__(self, unit: str, known: list[str], registry: str | Path) -> None:
        self.unit = unit
        self.known = known
        self.registry = str(registry)
        super().__init__(unit)

    def __str__(self) -> str:
        known = ", ".join(self.known) or gettext("error.none")
        return gettext("error.unknown_unit", unit=self.unit, registry=self.registry, known=known)


class ReportBuildError(DxAnalysisError):
    """Executing or exporting the report notebook failed."""

    def __init__(self, message: Any, notebook: str | Path | None = None) -> None:
        self.notebook = str(notebook) if notebook is not None else None
        super().__init__(message)
