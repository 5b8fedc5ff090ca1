"""Places named in a document (``doc._.mentions``) and the region a clause speaks for.

Mentions are the gazetteer names that ``regions.find_mentions`` finds, plus the self-references
of government text (全市, 我县, 本区, 全省 ...), which name the document's own region: 全市 in a
临沂市 interview is 临沂市. When the word's level is not the document's (全市 in a 费县 report)
it names the enclosing division of that level (临沂市); 我县 in a city's press conference is
the county whose official is speaking, the nearest county named before it (tests/gold g04:
桃源县's 局长 says 我县将…).

``region_for_span`` answers "who promised this": a named sub-region opening the clause
(宝塔区将…, 大良街道将…, 青县也将…) is the actor; otherwise the document's region. A place
later in the clause is an object, not the actor (推动勒流街道…建设, 在安吉县、德清县各建成…:
shared/gold and tests/gold/README.md keep those with the issuing region).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the Doc is duck-typed here; components.py is the spaCy glue
    from spacy.tokens import Doc

from ..records import Mention, ParsedDocument, Region, Sentence
from ..lexicon import regions

# 全市 / 我县 / 本区 ...; not 全市场 or 全县域 (a market, an area).
_SELF = re.compile(r"(?:全|我|本)(?P<suffix>[省市县区])(?![场域])")
_LEVEL_FIELDS = {"省": "province", "市": "city", "县": "county"}
# An actor named at the head of a clause acts for the following comma clauses too
# (宝塔区将新建…,改造…), up to the end of the sentence or list item.
_ITEM_END = re.compile(r"[。;；!！?？\n]")
_COMMA = re.compile(r"[,，:：]")
_SENTENCE_END = re.compile(r"[。!！?？\n]")
# What may stand between the clause start and its actor: spaces, list markers, connectives.
_LEAD = re.compile(
    r"[\s\u3000]*(?:[一二三四五六七八九十]+是|[(（]?[一二三四五六七八九十\d]+[)）、.．]|其中|同时|此外|另外)?[\s\u3000]*"
)


def _self_region(
    suffix: str, doc_region: Region | None, named_before: list[Region]
) -> Region | None:
    """The region 全市 / 我县 / 本区 stands for in a document issued by ``doc_region``."""
    if doc_region is None:
        return None
    if doc_region.name.endswith(suffix):
        return doc_region
    field = _LEVEL_FIELDS.get(suffix)
    enclosing = getattr(doc_region, field) if field else None
    if enclosing:
        return regions.resolve(enclosing)
    # 我县 in a city document: the county named last, usually the speaker's own.
    return next((r for r in reversed(named_before) if r.name.endswith(suffix)), None)


def _sentence_index(sentences: list[Sentence], starts: list[int], offset: int) -> int:
    i = bisect.bisect_right(starts, offset) - 1
    return sentences[i].index if i >= 0 else 0


def find_region_mentions(
    text: str, sentences: list[Sentence], doc_region: Region | None
) -> list[Mention]:
    """Gazetteer names and self-references (全市, 我县 ...) in text order."""
    found = sorted(regions.find_mentions(text, short_names=True), key=lambda m: m[0])
    taken = [(start, end) for start, end, _ in found]
    spans: list[tuple[int, int, Region | None]] = list(found)
    for m in _SELF.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        named_before = [r for s, _, r in found if r is not None and s < m.start()]
        spans.append((m.start(), m.end(), _self_region(m["suffix"], doc_region, named_before)))
    spans.sort(key=lambda s: s[0])
    starts = [s.start for s in sentences]
    return [
        Mention(text[start:end], start, end, _sentence_index(sentences, starts, start), region)
        for start, end, region in spans
    ]


REGION_REACH = 500


def region_for_span(doc: Doc, start: int, end: int) -> Region | None:
    """The region acting in the clause holding ``start``..``end``.

    A resolved mention at the head of that clause (after list markers), or of an earlier comma
    clause of the same sentence or list item, when there is one; else the document's region.
    """
    marks = _marks(doc)
    parsed = marks.parsed
    text = parsed.text
    item_start = _last_at_or_before(marks.item_ends, start)
    # Earlier comma clauses are looked at within REGION_REACH characters: an item with no ；
    # or 。 can be a whole run-on line (1 MB), and a scan from its start per record is quadratic.
    reach = max(item_start, start - REGION_REACH)
    clause_starts = [item_start] + [m.end() for m in _COMMA.finditer(text, reach, start)]
    heads = [m for m in _mentions_from(marks, item_start, end) if m.region is not None]
    for clause_start in reversed(clause_starts):
        for mention in heads:
            if mention.start >= clause_start and _LEAD.fullmatch(text, clause_start, mention.start):
                return mention.region
    return _speaker_self(marks, item_start) or parsed.region


def _speaker_self(marks: _Marks, item_start: int) -> Region | None:
    """我县 heading a sentence speaks for all its ；-items (g04: 下一步,我县将…;计划今年下半年
    再建成…;同时,将探索…); a named actor (吴兴区要…;南浔区要…) acts for its own item only."""
    sentence_start = _last_at_or_before(marks.sentence_ends, item_start)
    for mention in _mentions_from(marks, sentence_start, min(item_start, sentence_start + 12)):
        if mention.region and mention.text.startswith("我") and _SELF.fullmatch(mention.text):
            return mention.region
    return None


@dataclass(frozen=True)
class _Marks:
    """Where a document's list items and sentences end, and its mentions by start: found once
    per Doc, so that each record's region lookup is a bisection, not a scan from the start.
    They keep the ``ParsedDocument`` too: reading ``doc._.parsed`` costs about 4 µs a record."""
    parsed: ParsedDocument
    item_ends: list[int]
    sentence_ends: list[int]
    mentions: list[Mention]
    mention_starts: list[int]


def _marks(doc: Doc) -> _Marks:
    marks = doc.user_data.get("duban_marks")
    if marks is None:
        parsed, mentions = doc._.parsed, doc._.mentions or []
        text = parsed.text
        marks = _Marks(parsed, [m.end() for m in _ITEM_END.finditer(text)],
                       [m.end() for m in _SENTENCE_END.finditer(text)],
                       mentions, [m.start for m in mentions])
        doc.user_data["duban_marks"] = marks
    return marks


def _last_at_or_before(ends: list[int], position: int) -> int:
    """The last end at or before ``position`` (0 when none): the start of what holds it."""
    i = bisect.bisect_right(ends, position)
    return ends[i - 1] if i else 0


def _mentions_from(marks: _Marks, start: int, end: int) -> list[Mention]:
    """The mentions starting in ``start``..``end`` (end excluded), in text order."""
    return marks.mentions[bisect.bisect_left(marks.mention_starts, start):
                          bisect.bisect_left(marks.mention_starts, end)]
