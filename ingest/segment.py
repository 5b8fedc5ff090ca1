"""Paragraphs and sentences of the clean text, with offsets and the speaker of each sentence.

A paragraph is a non-empty line (clean.py keeps one paragraph a line). Sentences end at
。！？!? and at line ends; ；/; joins clauses inside one sentence (the gold guideline cuts
commitment quotes at ; but the sentence keeps them together). A terminator inside “…” or
《…》 does not end the sentence unless the closing mark follows it (“…应保尽保。” ends one).
Speaker labels (孙百迎: / 华商报记者:) belong to no sentence.
"""

from __future__ import annotations

import bisect
import re

from ..records import Sentence, SpeakerTurn

__all__ = ["segment"]

_TERMINATORS = "。！？!?"
_OPENERS = "“‘《「『"
_CLOSERS = "”’》」』"
_TRAILING = _CLOSERS + ")）]】"
_MARKS = re.compile(f"[{re.escape(_TERMINATORS + _OPENERS + _CLOSERS)}]")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        body = line.strip()
        if body:
            lead = start + len(line) - len(line.lstrip())
            spans.append((lead, lead + len(body)))
        start += len(line) + 1
    return spans


def _label_spans(text: str, turns: list[SpeakerTurn]) -> list[tuple[int, int]]:
    """Where each turn's label stands: before the speech on its line, or the line above."""
    spans = []
    for turn in turns:
        line_start = text.rfind("\n", 0, turn.start) + 1
        if text[line_start:turn.start].strip():
            spans.append((line_start, turn.start))
        else:
            above = text[:line_start].rstrip()
            spans.append((above.rfind("\n") + 1, len(above)))
    return spans


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within one paragraph ``text[start:end]``."""
    spans, depth, begin, i = [], 0, start, start
    while (mark := _MARKS.search(text, i, end)) is not None:  # the characters between change nothing
        i = mark.start()
        char = text[i]
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        else:  # a terminator
            j = i + 1
            while j < end and text[j] in _TERMINATORS:
                j += 1
            inner = depth
            while j < end and text[j] in _TRAILING:
                inner = max(0, inner - 1) if text[j] in _CLOSERS else inner
                j += 1
            # An unclosed quote does not swallow the rest of the paragraph.
            unclosed = inner and not any(c in _CLOSERS for c in text[j:end])
            if inner == 0 or unclosed:
                spans.append((begin, j))
                begin, depth = j, 0
            else:
                depth = inner
            i = j
            continue
        i += 1
    spans.append((begin, end))
    trimmed = []
    for s, e in spans:
        piece = text[s:e]
        s += len(piece) - len(piece.lstrip())
        e -= len(piece) - len(piece.rstrip())
        if e > s:
            trimmed.append((s, e))
    return trimmed


def segment(text: str, turns: list[SpeakerTurn]) -> tuple[list[tuple[int, int]], list[Sentence]]:
    """(paragraph spans, sentences) with offsets into ``text``; each sentence carries the
    speaker and role of the turn it falls in."""
    paragraphs = _paragraphs(text)
    labels = sorted(_label_spans(text, turns))
    turn_starts = [t.start for t in turns]
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        for l_start, l_end in labels:
            if l_start <= p_start < l_end or (l_start == p_start and l_end <= p_end):
                p_start = max(p_start, l_end)
        for s, e in _split(text, p_start, p_end):
            k = bisect.bisect_right(turn_starts, s) - 1
            turn = turns[k] if k >= 0 and s < turns[k].end else None
            sentences.append(Sentence(
                index=len(sentences), start=s, end=e, text=text[s:e], paragraph=p_index,
                speaker=turn.speaker if turn else None, role=turn.role if turn else None,
            ))
    return paragraphs, sentences
