"""The lexical channel: BM25 (bm25s) over jieba words plus character bigrams.

Words alone miss what jieba cuts differently in question and text (民办敬老院 / 民营养老机构
share 养老 only as a bigram); bigrams alone lose whole-word weight. Tokens are plain strings,
so any text can be indexed without a vocabulary step. The index is saved in ``<index>/bm25``
with the unit ids and their metadata columns, so filters apply without another store.
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from .filters import Filters
from .units import META_COLUMNS

_RUN = re.compile(r"[\u3400-\u9fff]+|[A-Za-z]+|\d+(?:\.\d+)?")
_INT_COLUMNS = ("day", "year")
# How a question asks, not what about: 多少 and 怎么 occur in no answer yet match many texts.
_QUESTION_WORDS = re.compile(r"多少|多大|几[个家处名人次成]?|怎么样|怎么|怎样|如何|哪些|哪个|哪里|哪儿|什么|"
                             r"是否|有没有|吗|呢|请问|情况")


@lru_cache(maxsize=1)
def _cut():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.lcut


def tokens(text: str) -> list[str]:
    """jieba words (letters, digits, Han) and the Han character bigrams of ``text``.

    jieba runs without its HMM new-word guesser: 1.4x faster, and the bigrams already match
    the names it would have guessed.
    """
    out = [w for w in _cut()(text, HMM=False) if _RUN.fullmatch(w)]
    for run in re.findall(r"[\u3400-\u9fff]{2,}", text):
        out += [run[i:i + 2] for i in range(len(run) - 1)]
    return out


def query_tokens(question: str) -> list[str]:
    """``tokens`` of a question with its question words blanked out."""
    return tokens(_QUESTION_WORDS.sub(" ", question))


class LexicalIndex:
    """BM25 over units; ``search`` applies ``Filters`` through a weight mask."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.ids: list[str] = []
        self.columns: dict[str, np.ndarray] = {}
        self.bm25 = None

    @property
    def size(self) -> int:
        return len(self.ids)

    def build(self, ids: list[str], token_lists: list[list[str]], metadata: list[dict]) -> None:
        import bm25s

        self.ids = list(ids)
        self.columns = {
            c: np.array([m[c] for m in metadata], dtype=np.int64 if c in _INT_COLUMNS else str)
            for c in META_COLUMNS
        }
        self.bm25 = None
        if self.ids:
            self.bm25 = bm25s.BM25()
            # bm25s cannot index an empty document; a placeholder keeps ids aligned.
            self.bm25.index([t or ["\u2400"] for t in token_lists], show_progress=False)

    def save(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "ids.json").write_text(json.dumps(self.ids))
        np.savez(self.directory / "columns.npz", **self.columns)
        if self.bm25 is not None:
            self.bm25.save(str(self.directory / "bm25s"), show_progress=False)

    def load(self) -> bool:
        """Read the saved index; False when there is none."""
        import bm25s

        ids_file = self.directory / "ids.json"
        if not ids_file.exists():
            return False
        self.ids = json.loads(ids_file.read_text())
        with np.load(self.directory / "columns.npz") as data:
            self.columns = {c: data[c] for c in META_COLUMNS}
        model_dir = self.directory / "bm25s"
        self.bm25 = bm25s.BM25.load(str(model_dir)) if self.ids and model_dir.exists() else None
        return True

    def search(self, query_tokens: list[str], filters: Filters, k: int) -> list[tuple[str, float]]:
        """(unit id, BM25 score) best first; only units with a positive score."""
        if self.bm25 is None or not query_tokens:
            return []
        vocab = self.bm25.vocab_dict
        known = [t for t in query_tokens if t in vocab]
        if not known:
            return []
        mask = filters.mask(self.columns)
        if mask is not None and not mask.any():
            return []
        k = min(k, self.size)
        docs, scores = self.bm25.retrieve(
            [known], k=k, show_progress=False, n_threads=1,
            weight_mask=None if mask is None else mask.astype(np.float32),
        )
        return [(self.ids[d], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]
