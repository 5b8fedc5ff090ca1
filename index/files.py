"""Index files written so that a crash never leaves a half-written one in place.

A folder of search files (bm25/, dense/) is written beside its final place and swapped in;
its ``generation`` file says which ``duban index`` run built it. ``Index`` commits the same
generation id to the catalog last, so a reader can tell a finished index from one whose run
was interrupted by comparing three short strings.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable

GENERATION = "generation"


def replace_dir(target: Path, write: Callable[[Path], None], generation: str) -> None:
    """Build ``target`` afresh: ``write(folder)`` fills a sibling folder, which then replaces it."""
    fresh = target.with_name(f"{target.name}.new")
    old = target.with_name(f"{target.name}.old")
    for leftover in (fresh, old):  # from a run killed mid-swap
        shutil.rmtree(leftover, ignore_errors=True)
    fresh.mkdir(parents=True)
    write(fresh)
    (fresh / GENERATION).write_text(generation)
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)
    shutil.rmtree(old, ignore_errors=True)


def stamp(target: Path, generation: str) -> None:
    """Mark an unchanged folder as part of ``generation`` (one atomic file replace)."""
    if not target.is_dir():
        return
    tmp = target / f"{GENERATION}.tmp"
    tmp.write_text(generation)
    os.replace(tmp, target / GENERATION)


def generation_of(target: Path) -> str | None:
    """The generation a folder was built in; None when it has none (missing or interrupted)."""
    try:
        return (target / GENERATION).read_text().strip() or None
    except OSError:
        return None
