"""The cue lexicon's file and loader: every word list that tells a plan from a report, in
``lexicon/data/cues.tsv``, by kind.

Here, beside the gazetteer, so that ingest (a document's type from its title, ingest/doctype.py)
and extraction (extract/cues.py, which compiles the kinds for the passage model, the clause rules,
figure kinds, question understanding and evidence checks) read one file and no stage imports
from a later one. Each line of the file is ``kind <TAB> regular expression <TAB> note``; the
patterns of one kind are joined with ``|``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["CUES", "read_lexicon", "sources"]

CUES = Path(__file__).with_name("data") / "cues.tsv"


@lru_cache(maxsize=1)
def sources() -> dict[str, str]:
    """kind → the alternation of that kind's patterns in ``lexicon/data/cues.tsv``, uncompiled."""
    return read_lexicon(CUES)


def read_lexicon(path: Path) -> dict[str, str]:
    """kind → the alternation (uncompiled) of the kind's patterns in ``path``; a broken line is a
    one-line ValueError naming the file, the line and the kind, not a traceback deep in a rule."""
    parts: dict[str, list[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, rest = line.partition("\t")
        pattern = rest.split("\t")[0]
        if not kind.strip() or not pattern:
            raise ValueError(f"{path}:{number}: cue line {line[:40]!r} needs kind <TAB> regular expression")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{path}:{number}: cue of kind {kind!r} is not a valid expression: {exc}") from exc
        parts.setdefault(kind, []).append(f"(?:{pattern})")
    return {kind: "|".join(p) for kind, p in parts.items()}
