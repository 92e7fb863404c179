"""Provenance of a report: which inputs (with SHA-256), which parameters, which version, when.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
>>> _ = path.write_bytes(b"abc")
>>> sha256_of(path)
'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

# Reports are read in Vietnam: stamp them in Indochina Time, without needing tz data.
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")


def sha256_of(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks (once per process while the file is unchanged).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = path.write_bytes(b"x")
    >>> sha256_of(path)[:12]
    '2d711642b726'
    """
    stat = Path(path).stat()
    # Size and modification time key the memo, so an edited file is hashed again.
    return _sha256(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4096)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def package_version() -> str:
    """The installed dxanalysis version (``"unknown"`` when run from a bare source tree)."""
    try:
        return metadata.version("dxanalysis")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class InputFile:
    """One input of a report."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Provenance:
    """Where a report came from."""

    inputs: tuple[InputFile, ...]
    parameters: dict
    version: str
    generated_at: dt.datetime
    base: str = ""

    def shown_path(self, path: str | Path | None) -> str:
        """``path`` as the report shows it: relative to ``base`` when inside it."""
        if not path:
            return ""
        return str(_relative(Path(path), self.base)) if self.base else str(path)


def _relative(path: Path, base: str | Path | None) -> Path:
    if base is None:
        return path
    try:
        return path.resolve().relative_to(Path(base).resolve())
    except ValueError:
        return path


class FileDigest(NamedTuple):
    """A file's SHA-256 and size, taken when it was read."""

    sha256: str
    size: int


def file_digest(path: str | Path) -> FileDigest:
    """The SHA-256 and size of a file (see :func:`sha256_of`).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = path.write_bytes(b"x")
    >>> file_digest(path).size
    1
    """
    return FileDigest(sha256_of(path), Path(path).stat().st_size)


def collect_provenance(paths: list[Path], parameters: dict, base: str | Path | None = None,
                       digests: dict[str, FileDigest] | None = None) -> Provenance:
    """Hash ``paths`` (shown relative to ``base`` when inside it) and stamp the time.

    ``digests`` (``str(path)`` → :class:`FileDigest`) are used where given
    instead of reading the file again: a review records what it read.
    """
    inputs = []
    known = digests or {}
    for path in paths:
        digest = known.get(str(path)) or file_digest(path)
        inputs.append(InputFile(str(_relative(Path(path), base)), digest.sha256, digest.size))
    return Provenance(tuple(inputs), dict(parameters), package_version(), dt.datetime.now(VIETNAM_TIME),
                      str(base) if base is not None else "")
