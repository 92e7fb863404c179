"""A headless Chromium-family browser for what a browser must do: print the review to PDF.

The machine's own browser is used; nothing is downloaded. Chromium (Debian's
``chromium`` package, what CI installs) is looked for first, then Google
Chrome and Microsoft Edge, which print the same way: by name on ``PATH``,
then where their installers put them on macOS and Windows. A browser
elsewhere may be named with ``DXANALYSIS_CHROMIUM``.

Examples
--------
>>> chromium_flags()[:2]
['--headless', '--no-sandbox']
>>> install_paths("darwin")[1]
'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from dxanalysis.exceptions import DxAnalysisError
from dxanalysis.i18n import Message

# Searched on PATH in this order: Chromium's names (Debian, Ubuntu, Fedora), Google Chrome's, Microsoft Edge's.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
              "microsoft-edge", "microsoft-edge-stable", "msedge")
PRINT_TIMEOUT_SECONDS = 120


def install_paths(platform: str | None = None, environ: Mapping[str, str] | None = None) -> list[str]:
    r"""Where the installers put Chromium, Chrome and Edge on ``platform`` (default: this one),
    where they are seldom on ``PATH``.

    Windows' folders come from its environment (``ProgramFiles``, ``ProgramFiles(x86)``, and
    ``LOCALAPPDATA``, where Chrome installed for one user goes); Linux has none but ``PATH``.

    >>> print(*install_paths("win32", {})[:2], sep="\n")
    C:\Program Files\Google\Chrome\Application\chrome.exe
    C:\Program Files (x86)\Google\Chrome\Application\chrome.exe
    >>> install_paths("linux")
    []
    """
    platform = platform or sys.platform
    if platform == "darwin":
        return [f"/Applications/{app}.app/Contents/MacOS/{app}"
                for app in ("Chromium", "Google Chrome", "Microsoft Edge")]
    if platform != "win32":
        return []
    environ = {name.upper(): value for name, value in (os.environ if environ is None else environ).items()}
    program_files = environ.get("PROGRAMFILES", r"C:\Program Files")
    program_files_x86 = environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")
    chrome_folders = [program_files, program_files_x86, *([environ["LOCALAPPDATA"]] if "LOCALAPPDATA" in environ else [])]
    return ([rf"{folder}\Google\Chrome\Application\chrome.exe" for folder in chrome_folders]
            + [rf"{folder}\Microsoft\Edge\Application\msedge.exe" for folder in (program_files_x86, program_files)])


class BrowserNotFoundError(DxAnalysisError):
    """No Chromium, Chrome or Edge to print with."""

    def __init__(self, message: Message | None = None) -> None:
        searched = [*CANDIDATES, *install_paths()]
        super().__init__(message or Message("error.no_chromium", {"candidates": ", ".join(searched)}))


class BrowserError(DxAnalysisError):
    """The browser ran but did not produce what was asked."""


def find_chromium() -> str:
    """The path of a Chromium, Google Chrome or Microsoft Edge executable, or :class:`BrowserNotFoundError`.

    ``DXANALYSIS_CHROMIUM`` when set (it must exist), else the first of :data:`CANDIDATES` on ``PATH``,
    else the first of :func:`install_paths` that exists.
    """
    configured = os.environ.get("DXANALYSIS_CHROMIUM")
    if configured:
        if Path(configured).exists():
            return configured
        raise BrowserNotFoundError(Message("error.configured_browser_missing", {"path": configured}))
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    for path in install_paths():
        if Path(path).is_file():
            return path
    raise BrowserNotFoundError()


def chromium_flags() -> list[str]:
    """Flags for a headless run on a machine without a display or outside network.

    ``--no-sandbox`` because CI runs as root; the network flags stop Chromium's
    background requests, which a closed network refuses.
    """
    return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--hide-scrollbars"]


def print_pdf(html: str | Path, pdf: str | Path) -> Path:
    """Print ``html`` to ``pdf`` with the page's own print stylesheet (A4, page numbers)."""
    html, pdf = Path(html).resolve(), Path(pdf).resolve()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dxanalysis-chromium-") as profile:
        temp_pdf = pdf.with_name(f".{pdf.name}.tmp")
        command = [find_chromium(), *chromium_flags(), f"--user-data-dir={profile}", "--no-pdf-header-footer",
                   f"--print-to-pdf={temp_pdf}", html.as_uri()]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=PRINT_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise BrowserError(Message("error.chromium_timeout", {"html": html, "seconds": PRINT_TIMEOUT_SECONDS})) from None
        if result.returncode != 0 or not temp_pdf.exists() or temp_pdf.stat().st_size == 0:
            temp_pdf.unlink(missing_ok=True)
            detail = (result.stderr or "").strip().splitlines()[-3:]
            raise BrowserError(Message("error.chromium_failed", {"html": html, "code": result.returncode,
                                                                 "detail": " | ".join(detail)}))
        os.replace(temp_pdf, pdf)
    return pdf
