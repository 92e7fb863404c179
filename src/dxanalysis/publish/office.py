"""The Word document on disk, and its PDF through LibreOffice when the machine has it.

``reports/<unit>/<period>/review.docx`` is written from the loaded review
(:func:`dxanalysis.write.word.review_document`), with the office's own
``data/raw/<unit>/template.docx`` when there is one. :func:`convert_to_pdf`
runs LibreOffice headless (``soffice --headless --convert-to pdf``) with a
profile of its own, so two conversions at once never share one.

Examples
--------
>>> soffice_command("/usr/bin/soffice", "/tmp/profile", "/tmp/out", "/tmp/review.docx")[:3]
['/usr/bin/soffice', '-env:UserInstallation=file:///tmp/profile', '--headless']
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from dxanalysis.atomic import write_bytes_atomic
from dxanalysis.exceptions import DxAnalysisError, InputFileError
from dxanalysis.i18n import Message

if TYPE_CHECKING:  # pragma: no cover
    from dxanalysis.assess.review import Review
    from dxanalysis.provenance import Provenance

# LibreOffice's names on PATH (Debian's libreoffice-writer-nogui, other systems), then where macOS and
# Windows put it; DXANALYSIS_SOFFICE names one elsewhere.
SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_PATHS = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
                 r"C:\Program Files\LibreOffice\program\soffice.exe")
CONVERT_TIMEOUT_SECONDS = 180
MAX_TEMPLATE_BYTES = 20_000_000  # a letterhead with a logo is well under this


class OfficeError(DxAnalysisError):
    """LibreOffice ran but did not write the PDF."""


def find_soffice() -> str | None:
    """LibreOffice's ``soffice``, or ``None`` when the machine has none (the PDF then comes from the page)."""
    configured = os.environ.get("DXANALYSIS_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in SOFFICE_PATHS if Path(p).is_file()), None)


def soffice_command(soffice: str, profile: str | Path, out_dir: str | Path, docx: str | Path) -> list[str]:
    """The command that converts ``docx`` to PDF in ``out_dir`` with the private ``profile``."""
    profile_uri = Path(profile).resolve().as_uri()
    return [soffice, f"-env:UserInstallation={profile_uri}", "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir), str(docx)]


def check_template(path: Path) -> Path:
    """An office's ``template.docx`` checked before use: a Word file (a zip holding ``word/document.xml``)
    of a sensible size, else an :class:`InputFileError` saying what to do."""
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise InputFileError(path, Message("error.template_too_large", {"megabytes": MAX_TEMPLATE_BYTES // 1_000_000}),
                                 Message("hint.template_docx"))
        with zipfile.ZipFile(path) as archive:
            if "word/document.xml" not in archive.namelist():
                raise zipfile.BadZipFile
    except zipfile.BadZipFile:
        raise InputFileError(path, Message("error.template_not_docx"), Message("hint.template_docx")) from None
    return path


def write_docx(review: Review, provenance: Provenance, path: str | Path, lang: str = "vi",
               data_dir: str | Path = "data/raw") -> Path:
    """Write ``review.docx`` at ``path``: with the unit's own ``template.docx`` from ``data_dir`` when given."""
    from dxanalysis.read.folders import unit_dir
    from dxanalysis.write.word import docx_bytes, open_template, review_document, template_path

    template = template_path(unit_dir(data_dir, review.unit.slug))
    if template != template_path():  # the office's own: untrusted input
        check_template(template)
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        open_template(template)  # the office's file: what python-docx cannot read is the template's fault
    except (KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError, LxmlError) as err:
        # python-docx on a file it cannot read: a .docx with a broken part, a macro-enabled .docm renamed
        error = ": ".join((type(err).__name__, str(err)))
        raise InputFileError(template, Message("error.template_unreadable", {"error": error}),
                             Message("hint.template_docx")) from None
    document = review_document(review, provenance, lang, template)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, docx_bytes(document))
    return path


def convert_to_pdf(docx: str | Path, pdf: str | Path, soffice: str | None = None) -> Path:
    """Convert ``docx`` to ``pdf`` with LibreOffice headless (its own profile, removed afterwards)."""
    soffice = soffice or find_soffice()
    if soffice is None:
        raise OfficeError(Message("error.no_soffice", {"names": ", ".join(SOFFICE_NAMES)}))
    docx, pdf = Path(docx).resolve(), Path(pdf).resolve()
    with tempfile.TemporaryDirectory(prefix="dxanalysis-soffice-") as private:
        out_dir = Path(private) / "out"
        command = soffice_command(soffice, Path(private) / "profile", out_dir, docx)
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise OfficeError(Message("error.soffice_timeout", {"docx": docx, "seconds": CONVERT_TIMEOUT_SECONDS})) from None
        written = out_dir / f"{docx.stem}.pdf"
        if result.returncode != 0 or not written.is_file() or written.stat().st_size == 0:
            detail = " | ".join(((result.stderr or "") + (result.stdout or "")).strip().splitlines()[-3:])
            raise OfficeError(Message("error.soffice_failed", {"docx": docx, "code": result.returncode,
                                                               "detail": detail}))
        pdf.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(pdf, written.read_bytes())
    return pdf
