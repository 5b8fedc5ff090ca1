"""Where the tests find their material; nothing is read here, so importing it cannot fail.

``SHARED`` is the project's own copy of upstream's gold, questions and contract (tests/shared/,
see its README), so a plain clone runs every test. ``UPSTREAM`` is ``../shared/`` beside a
working checkout; only tests/test_shared_copy.py reads it, to check that the copy is current.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT / "tests" / "shared"
SEEDS = SHARED / "seeds"
SEEDS_GOLD = SHARED / "gold" / "seeds.jsonl"
QUESTIONS = SHARED / "gold" / "questions.jsonl"
SPEC = SHARED / "spec" / "records.md"
UPSTREAM = ROOT.parent / "shared"
REAL = ROOT / "tests" / "real"  # real public documents, verbatim, with gold (tests/real/README.md)
