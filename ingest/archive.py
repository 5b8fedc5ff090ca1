"""Zip safety: a DOCX (or any zip) is refused before its members are read when they would
unpack too big.

A 3 MB zip bomb whose ``word/document.xml`` unpacks to 3 GB took 42 s and 6.2 GB of memory
before lxml gave up. The central directory declares each member's size, and ``zipfile`` never
inflates a member past its declared size, so checking the declared sizes bounds the work.
"""

from __future__ import annotations

import zipfile

from ..errors import InputError

MAX_UNPACKED = 256 * 1024 * 1024  # all members together; the largest real DOCX seen is ~40 MB
MAX_RATIO = 200  # XML of real documents compresses 5-20x; bombs reach 1000x and more
_RATIO_FLOOR = 1024 * 1024  # small members may compress well (a run of spaces), never mind them
_MB = 1024 * 1024


def check_members(archive: zipfile.ZipFile, source: str) -> None:
    """``InputError`` when the members would unpack beyond the caps."""
    total = 0
    for member in archive.infolist():
        total += member.file_size
        if member.file_size > _RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise InputError(source, f"zip member {member.filename} unpacks {ratio}x "
                                     f"({member.file_size // _MB} MB), over the {MAX_RATIO}x limit; "
                                     "not read (a zip bomb?)")
    if total > MAX_UNPACKED:
        raise InputError(source, f"zip members unpack to {total // _MB} MB, over the "
                                 f"{MAX_UNPACKED // _MB} MB limit; not read")
