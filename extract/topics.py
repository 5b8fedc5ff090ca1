"""Topic of a sentence or record from a weighted keyword lexicon (``doc._.sentence_topics``).

The lexicon lives in ``extract/data/topics.tsv`` (keyword, topic, weight, optional note) so
that adding a term is a data change. ``topic_of`` scans the text for the longest keywords
without overlap (残疾儿童 counts for 残疾人福利, not also 儿童 for 儿童福利), sums the weights
per topic and takes the highest; a tie goes to the topic named first, as a mixed list takes the
topic of its first-named group (shared/gold/README.md).

The component gives every sentence of the ``ParsedDocument`` a topic. A sentence with no
keyword continues its paragraph's topic, because detail sentences (完成内部装饰。) rarely
repeat the field their paragraph opened with; the first such sentence of a paragraph is 其他.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..records import Sentence

LEXICON = Path(__file__).with_name("data") / "topics.tsv"
TOPICS = (
    "社会救助", "养老服务", "儿童福利", "残疾人福利", "殡葬管理", "社会组织", "基层治理",
    "慈善社工", "区划地名", "婚姻登记", "优抚安置", "流浪救助", "党建", "疫情防控", "其他",
)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern, dict[str, tuple[str, int]]]:
    """The keyword pattern (longest first) and keyword → (topic, weight)."""
    entries: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(LEXICON.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        keyword, topic, weight = line.split("\t")[:3]
        if topic not in TOPICS:
            raise ValueError(f"{LEXICON}:{number}: unknown topic {topic!r}")
        entries[keyword] = (topic, int(weight))
    pattern = re.compile("|".join(re.escape(k) for k in sorted(entries, key=len, reverse=True)))
    return pattern, entries


def topic_scores(text: str) -> dict[str, int]:
    """Summed keyword weight per topic, in the order the topics are first named."""
    pattern, entries = _lexicon()
    scores: dict[str, int] = {}
    for m in pattern.finditer(text):
        topic, weight = entries[m.group()]
        scores[topic] = scores.get(topic, 0) + weight
    return scores


def topic_of(text: str, default: str = "其他") -> str:
    """The topic of ``text``; ``default`` when no keyword occurs in it."""
    scores = topic_scores(text)
    # max() keeps the first of equal scores, and the dict is in order of first mention.
    return max(scores, key=scores.get) if scores else default


def sentence_topics(sentences: list[Sentence]) -> list[str]:
    """One topic per sentence; a sentence without keywords takes its paragraph's last topic."""
    topics: list[str] = []
    previous: Sentence | None = None
    for sentence in sentences:
        same_paragraph = previous is not None and previous.paragraph == sentence.paragraph
        topics.append(topic_of(sentence.text, default=topics[-1] if same_paragraph else "其他"))
        previous = sentence
    return topics
