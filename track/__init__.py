"""Tracking: import a 督查台账, find later evidence for every commitment, give each a status.

ledger.py (台账 rows → commitments) → candidates.py (hybrid search over the index) →
sections.py (review or plan part, and the year reported) → verify.py (same indicator, same
period, numbers compared) → status.py (status, due state, 序时进度) → run.py (the whole pass,
stored with history) ; evaluate.py scores it against tests/track/gold.jsonl.
"""

from __future__ import annotations

__all__ = ["import_ledger", "track_store"]


def import_ledger(*args, **kwargs):
    from .ledger import import_ledger as run

    return run(*args, **kwargs)


def track_store(*args, **kwargs):
    from .run import track_store as run

    return run(*args, **kwargs)
