"""Answer quality against shared/gold/questions.jsonl: nDCG@5 and recall@10.

A hit answers a gold item when it comes from the item's file and its sentence holds the quote
(or the quote holds the sentence: quotes may run over two of our sentences). Gains: relevant 2,
partial 1. Used by tests/test_index_answers.py and bench/ask.py.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from ..ingest.clean import prepare
from ..records import Hit

GAIN = {"relevant": 2, "partial": 1}


@dataclass(frozen=True)
class AnswerScores:
    ndcg5: float
    recall10: float
    per_question: tuple[tuple[str, float, float], ...]  # (question, nDCG@5, recall@10)


def load_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _core(text: str) -> str:
    return "".join(text.split()).rstrip("。；;,，")


def _quote(text: str) -> str:
    """A gold quote as the index holds its sentence: quotes are verbatim from the raw file, so
    m13's 共安排323個區(qū)級重點項目 (traditional, with pinyin) is 共安排323个区级重点项目 once cleaned."""
    return _core(prepare(text)[0])


def _answers(hit: Hit, item: dict) -> bool:
    if not (hit.source or "").replace("\\", "/").endswith(item["file"]):
        return False
    quote, sentence = _quote(item["quote"]), _core(hit.sentence)
    return bool(sentence) and (quote in sentence or sentence in quote)


def score_question(hits: list[Hit], answers: list[dict]) -> tuple[float, float]:
    """(nDCG@5, recall@10) of one ranked list; each gold item is credited once."""
    found: set[int] = set()
    dcg = 0.0
    for position, hit in enumerate(hits[:10]):
        for i, item in enumerate(answers):
            if i not in found and _answers(hit, item):
                found.add(i)
                if position < 5:
                    dcg += GAIN[item["grade"]] / math.log2(position + 2)
                break
    ideal = sorted((GAIN[a["grade"]] for a in answers), reverse=True)[:5]
    idcg = sum(g / math.log2(p + 2) for p, g in enumerate(ideal))
    return (dcg / idcg if idcg else 0.0), len(found) / len(answers)


def evaluate(search, questions: list[dict]) -> AnswerScores:
    """``search(question) -> list[Hit]`` scored over every gold question."""
    rows = []
    for item in questions:
        ndcg, recall = score_question(search(item["q"]), item["answers"])
        rows.append((item["q"], ndcg, recall))
    n = len(rows) or 1
    return AnswerScores(sum(r[1] for r in rows) / n, sum(r[2] for r in rows) / n, tuple(rows))
