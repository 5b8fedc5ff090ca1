"""The cue lexicon: every word list that tells a plan from a report, in ``extract/data/cues.tsv``.

One file, one loader. The passage model (passages.py), the clause rules (commitments.py), figure
kinds (figures.py), question understanding (index/query.py) and evidence checks (track/verify.py)
all ask this module by kind, so one word means the same thing to all of them. Each line of the
file is ``kind <TAB> regular expression <TAB> note``; the patterns of one kind are joined with
``|``. This module is pure (no spaCy): ``duban ask`` reads it too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .prefilter import compile_prefiltered

CUES = Path(__file__).with_name("data") / "cues.tsv"


@lru_cache(maxsize=1)
def sources() -> dict[str, str]:
    """kind → the alternation of that kind's patterns in ``extract/data/cues.tsv``, uncompiled."""
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


@lru_cache(maxsize=None)
def pattern(kind: str) -> re.Pattern:
    """The compiled cue of ``kind`` (KeyError names a kind the lexicon lacks), compiled on first
    use, behind a look-ahead for the characters its matches start with (extract/prefilter.py:
    the same matches, found faster)."""
    return compile_prefiltered(sources()[kind])


def has(kind: str, text: str) -> bool:
    """Whether a ``kind`` cue occurs anywhere in ``text``."""
    return pattern(kind).search(text) is not None


def prefix(kind: str, text: str) -> int:
    """Length of the ``kind`` cue at the start of ``text`` (0 when none)."""
    m = pattern(kind).match(text)
    return m.end() if m else 0


def _will(text: str) -> bool:
    """将 as the future (将新增, 将对…进行), not as 把 (将符合条件的…纳入)."""
    return any(_will_at(text, m) for m in pattern("will").finditer(text))


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
    starts = [m.start() for kind in ("forward", "must", "ensure", "target_word")
              if (m := pattern(kind).search(text))]
    starts += [m.start() for m in pattern("will").finditer(text) if _will_at(text, m)][:1]
    return min(starts, default=len(text))
