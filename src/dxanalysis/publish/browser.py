"""Headless Chromium for what a browser must do: print the review to PDF.

The system's Chromium is used (Debian's ``chromium`` package); nothing is
downloaded. Its location may be given with ``DXANALYSIS_CHROMIUM``.

Examples
--------
>>> chromium_flags()[:2]
['--headless', '--no-sandbox']
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dxanalysis.exceptions import DxAnalysisError
from dxanalysis.i18n import Message

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINT_TIMEOUT_SECONDS = 120


class BrowserNotFoundError(DxAnalysisError):
    """No Chromium to print with."""

    def __init__(self) -> None:
        super().__init__(Message("error.no_chromium", {"candidates": ", ".join(CANDIDATES)}))


class BrowserError(DxAnalysisError):
    """Chromium ran but did not produce what was asked."""


def find_chromium() -> str:
    """The path of a Chromium executable, or :class:`BrowserNotFoundError`."""
    configured = os.environ.get("DXANALYSIS_CHROMIUM")
    if configured:
        if Path(configured).exists():
            return configured
        raise BrowserNotFoundError()
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
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
