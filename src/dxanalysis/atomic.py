"""Write files atomically: a temp file in the same folder, then a rename.

An interrupted run leaves the previous good copy in place, never half a file.

Examples
--------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
>>> write_text_atomic(target, "xin chào")
>>> target.read_text(encoding="utf-8")
'xin chào'
>>> oct(target.stat().st_mode & 0o077) != "0o0"  # readable by others, unlike a bare mkstemp file
True
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (creating its folder)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_current_umask())  # mkstemp makes 0600; a published page must be readable
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | Path, text: str) -> None:
    """Replace ``path`` with UTF-8 ``text`` in one step."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_texts_together(texts: dict[Path, str]) -> None:
    """Write several files so that either all are replaced or none is.

    Every file is first written in full beside its target; only when all are
    written (a full disk or a read-only folder fails here) are they renamed
    into place, one rename each.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_texts_together({folder / "a.json": "{}", folder / "index.html": "<p>"})
    >>> sorted(p.name for p in folder.iterdir())
    ['a.json', 'index.html']
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((temp, path))
            with os.fdopen(handle, "wb") as out:
                out.write(text.encode("utf-8"))
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, 0o666 & ~_current_umask())
    except BaseException:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        raise
    for temp, path in staged:
        os.replace(temp, path)
