"""Words of jieba's dictionary, for rules that must see a character belong to the word before it."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _jieba():
    """jieba, without its "Building prefix dict..." lines on stderr on first use."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


@lru_cache(maxsize=1)
def two_char_words() -> frozenset[str]:
    """Two-character words of jieba's dictionary: 完成县级 → 完成, not 成县 (regions.py);
    青年初心 → 青年, not 年初 (timex.py)."""
    jieba = _jieba()

    with jieba.dt.get_dict_file() as f:  # binary lines: b"word freq tag\n"
        words = (line.split(maxsplit=1)[0].decode("utf-8") for line in f)
        return frozenset(w for w in words if len(w) == 2)


@lru_cache(maxsize=4)
def tags_of(words: frozenset[str]) -> dict[str, str]:
    """jieba's part-of-speech tag for those of ``words`` in its dictionary: ``ns`` for place
    names (西宁, 莱芜), other tags for words that are also places (长治 n, 安康 nr, 东方 s)."""
    jieba = _jieba()

    with jieba.dt.get_dict_file() as f:
        parts = (line.decode("utf-8").split() for line in f)
        return {p[0]: p[2] for p in parts if len(p) >= 3 and p[0] in words}


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """One-character words of jieba's dictionary tagged as names (邓, 王, 陈): a place's short
    name right after one is a person's given name (局长邓扬中, tests/real u05)."""
    jieba = _jieba()

    with jieba.dt.get_dict_file() as f:
        parts = (line.decode("utf-8").split() for line in f)
        return frozenset(p[0] for p in parts if len(p) >= 3 and len(p[0]) == 1 and p[2] == "nr")


def _cut(text: str, start: int, end: int, reach: int) -> list[tuple[int, int]]:
    """jieba's words (start, end) over a small window of ``text`` around ``start:end``."""
    lo = max(0, start - reach)
    return [(s + lo, e + lo) for _, s, e in _jieba().tokenize(text[lo: end + reach])]


def opens_word(text: str, start: int, end: int, reach: int = 6) -> bool:
    """Whether jieba opens a word at ``start`` that ends within ``text[start:end]``: the character
    before does not bind to it (环南昆山 is cut 环|南昆山, so 昆山 opens no word there), though the
    one after may (花都城投 is cut 花|都城|投, tests/real c09: 花都 still opens one)."""
    return any(s == start and e <= end for s, e in _cut(text, start, end, reach))


def segmented_alone(text: str, start: int, end: int, reach: int = 6) -> bool:
    """Whether jieba cuts ``text[start:end]`` out as its own word (西宁 in 青海西宁), or as the
    head of a longer place or organisation name (西安 in 西安电子科技大学), judged on a small window."""
    tokens = _cut(text, start, end, reach)
    starts, ends = {s for s, _ in tokens}, {e for _, e in tokens}
    if start in starts and end in ends:
        return True
    head = next((e for s, e in tokens if s == start and e > end), None)
    return head is not None and _INSTITUTION_END.search(text[start:head]) is not None


# The ends of names that a place heads (西安电子科技大学, 青岛港务局): the place stays a place.
_INSTITUTION_END = re.compile(r"(?:大学|学院|中学|小学|医院|银行|集团|公司|机场|港|站|局|厅|委|办|会|馆|所|中心)$")



# Tags of names, times and numbers: a clause made of these only names something (新野县民政局).
_NAME_TAGS = ("ns", "nt", "nr", "t", "m", "q", "x")


def only_names(text: str) -> bool:
    """Whether jieba's tagger reads ``text`` as names, times and numbers only (新野县民政局, 11月8日),
    not as words of an action (推进中, 粮食物资南大中心库). Its verb tags are too loose to look
    for verbs instead (建立健全 nr, 压实 n)."""
    import jieba.posseg

    _jieba()
    tagged = False
    for word in jieba.posseg.cut(text):  # a generator: the tagger stops at the first word of an action
        if word.flag not in _NAME_TAGS:
            return False
        tagged = True
    return tagged
