"""Uploaded 台账 files, kept under ``<data>/uploads/`` so every imported row keeps its source.

A file is stored under its own name prefixed by the first 12 hex digits of its SHA-256, so the
same bytes land in the same place (re-importing changes nothing) and two different files of
one name never overwrite each other.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError

SUFFIXES = (".xlsx", ".csv")


def keep(folder: Path, filename: str, data: bytes, max_bytes: int) -> Path:
    """Write an upload once and return its path; a bad name, type or size is an InputError."""
    name = Path(filename or "").name
    if not name.lower().endswith(SUFFIXES):
        raise InputError(name or "(no file)", "give a .xlsx or .csv 台账")
    if not data:
        raise InputError(name, "empty file")
    if len(data) > max_bytes:
        raise InputError(name, f"larger than {max_bytes} bytes; split the 台账 or raise DUBAN_MAX_BYTES")
    path = folder / f"{hashlib.sha256(data).hexdigest()[:12]}-{name}"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        part.write_bytes(data)
        part.replace(path)
    return path
