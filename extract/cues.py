"""The cue lexicon compiled for extraction: every word list that tells a plan from a report, in
``lexicon/data/cues.tsv`` (loaded by lexicon/cues.py, which ingest reads too).

One file, one loader. The passage model (passages.py), the clause rules (commitments.py), figure
kinds (figures.py), question understanding (index/query.py) and evidence checks (track/verify.py)
all ask this module by kind, so one word means the same thing to all of them. Each line of the
file is ``kind <TAB> regular expression <TAB> note``; the patterns of one kind are joined with
``|``. This module is pure (no spaCy): ``duban ask`` reads it too.
"""

from __future__ import annotations

import re

from ..lexicon.cues import sources
from ..lexicon.prefilter import compile_prefiltered


class _Compiled(dict):
    """kind → its compiled cue, compiled on first use, behind a look-ahead for the characters its
    matches start with (lexicon/prefilter.py: the same matches, found faster). A plain dict: the
    rules ask about a million times per 150 documents, and a hit here costs no Python call."""

    def __missing__(self, kind: str) -> re.Pattern:
        compiled = self[kind] = compile_prefiltered(sources()[kind])  # KeyError: no such kind
        return compiled


class _Methods(dict):
    """kind → one method (``search`` or ``match``) of its compiled cue, bound once."""

    def __init__(self, method: str):
        super().__init__()
        self.method = method

    def __missing__(self, kind: str):
        bound = self[kind] = getattr(_PATTERNS[kind], self.method)
        return bound


_PATTERNS = _Compiled()
_SEARCH = _Methods("search")
_MATCH = _Methods("match")


def pattern(kind: str) -> re.Pattern:
    """The compiled cue of ``kind`` (KeyError names a kind the lexicon lacks)."""
    return _PATTERNS[kind]


def has(kind: str, text: str) -> bool:
    """Whether a ``kind`` cue occurs anywhere in ``text``."""
    return _SEARCH[kind](text) is not None


def prefix(kind: str, text: str) -> int:
    """Length of the ``kind`` cue at the start of ``text`` (0 when none)."""
    m = _MATCH[kind](text)
    return m.end() if m else 0


def _will(text: str) -> bool:
    """将 as the future (将新增, 将对…进行), not as 把 (将符合条件的…纳入)."""
    if _SEARCH["will"](text) is None:  # most clauses: no iterator to make
        return False
    for m in _PATTERNS["will"].finditer(text):
        if _will_at(text, m):
            return True
    return False


def _will_at(text: str, m: re.Match) -> bool:
    return has("will_next", text[m.end():m.end() + 4])


def forward_cue(text: str) -> bool:
    """A cue that makes a clause a promise wherever it stands (将新增, 要修订, 力争, 明年 …)."""
    return has("forward", text) or has("must", text) or _will(text)


def past_cue(text: str) -> bool:
    """A cue that makes a clause a report of done work or of the current state (已, 累计, 了)."""
    return has("past", text)


def forward_at(text: str) -> int:
    """Where the first cue of something still to come stands in ``text`` (``len(text)`` when
    none): a promise's cue, 确保, or a target word (目标, 计划投资); figures after it are targets."""
    at = len(text)
    for kind in ("forward", "must", "ensure", "target_word"):
        m = _SEARCH[kind](text)
        if m is not None and m.start() < at:
            at = m.start()
    for m in _PATTERNS["will"].finditer(text):  # in text order: the first future 将 before ``at``
        if m.start() >= at:
            break
        if _will_at(text, m):
            return m.start()
    return at
