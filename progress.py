"""How long stages report how far they are: ``progress(stage, done, total)`` calls, which the CLI
draws as bars (ingest, extraction, indexing and tracking, in one process or on a cluster)."""

from __future__ import annotations

from typing import Callable

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def quiet(stage: str, done: int, total: int) -> None:
    """The default ``Progress``: reports nothing."""
