"""The lexical channel: BM25 (bm25s) over jieba words plus character bigrams and unigrams.

Words alone miss what jieba cuts differently in question and text (民办敬老院 / 民营养老机构
share 养老 only as a bigram, 院 / 构 not at all); characters alone lose whole-word weight. All
three together, on the gold questions over the raw seed sentences (nDCG@5 / recall@10): lexical
0.665 / 0.749 and fused with e5 0.767 / 0.867, against 0.643 / 0.697 and 0.748 / 0.854 for words
plus bigrams, 0.524 for words and 0.486 for bigrams alone (a two-character word counts as word and
bigram, which weights whole words). Tokens are plain strings, so any text can be indexed without
a vocabulary step. The index is saved in ``<index>/bm25`` with the unit ids and their metadata
columns, so filters apply without another store.
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..records import Unit
from .files import replace_dir
from .filters import REGION_COLUMNS, Filters
from .units import META_COLUMNS

_RUN = re.compile(r"[\u3400-\u9fff]+|[A-Za-z]+|\d+(?:\.\d+)?")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
_INT_COLUMNS = ("day", "year", "plan_from", "plan_to")
# How a question asks, not what about: 多少 and 怎么 occur in no answer yet match many texts.
_QUESTION_WORDS = re.compile(r"多少|多大|几[个家处名人次成]?|怎么样|怎么|怎样|如何|哪些|哪个|哪里|哪儿|什么|"
                             r"是否|有没有|吗|呢|请问|情况")


@lru_cache(maxsize=1)
def _cut():
    """jieba's word cut without its HMM: by ``rjieba`` (jieba-rs, jieba's dictionary and
    algorithm in Rust) when installed, else by jieba itself.

    Both cut every seed sentence identically (tests/test_index_query.py checks it), so an
    index built with one is searched correctly with the other; rjieba is 15x faster, which
    is most of the lexical build time (jieba: 2/3 of it at 100k units).
    """
    try:
        import rjieba
    except ImportError:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        return lambda text: jieba.lcut(text, HMM=False)
    return lambda text: rjieba.cut(text, hmm=False)


def tokens(text: str) -> list[str]:
    """jieba words (letters, digits, Han), then the Han character bigrams and characters of ``text``.

    Words are cut without jieba's HMM new-word guesser: 1.4x faster, and the bigrams already
    match the names it would have guessed.
    """
    words = [w for w in _cut()(text) if _RUN.fullmatch(w)]
    runs = _HAN_RUN.findall(text)
    return words + [run[i:i + 2] for run in runs for i in range(len(run) - 1)] + [c for run in runs for c in run]


def query_tokens(question: str) -> list[str]:
    """``tokens`` of a question with its question words blanked out."""
    return tokens(_QUESTION_WORDS.sub(" ", question))


class Postings:
    """Units gathered for a BM25 build, their tokens kept as ids into one vocabulary.

    A token string per occurrence costs about 75 bytes, and a unit has some 130 tokens (words,
    bigrams, characters): at 100k units the token lists alone held over 1 GB. Here a unit's
    tokens are a list of references to the vocabulary's own id objects (8 bytes each).
    """

    def __init__(self):
        self.ids: list[str] = []
        self.token_ids: list[list[int]] = []
        self.vocab: dict[str, int] = {}
        self.columns: dict[str, list] = {c: [] for c in META_COLUMNS}

    def add(self, unit: Unit, unit_tokens: list[str]) -> None:
        vocab = self.vocab  # setdefault hands back the id object the vocabulary holds
        # bm25s cannot index an empty document; a placeholder keeps ids aligned.
        self.token_ids.append([vocab.setdefault(t, len(vocab)) for t in unit_tokens or ["\u2400"]])
        self.ids.append(unit.id)
        for column, values in self.columns.items():
            values.append(getattr(unit, column))


class LexicalIndex:
    """BM25 over units (bm25s); ``search`` applies ``Filters`` through a weight mask."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.ids: list[str] = []
        self.columns: dict[str, np.ndarray] = {}
        self.bm25 = None
        self._region_names: set[str] | None = None
        self._last_mask: tuple | None = None  # (filters, mask) of the last search

    @property
    def size(self) -> int:
        return len(self.ids)

    def build(self, postings: Postings) -> None:
        """The BM25 index over ``postings`` (which it then no longer needs)."""
        self.ids = postings.ids
        self.columns = {c: np.array(values, dtype=np.int64 if c in _INT_COLUMNS else str)
                        for c, values in postings.columns.items()}
        self.bm25 = None
        if self.ids:
            import bm25s

            self.bm25 = bm25s.BM25()
            self.bm25.index((postings.token_ids, postings.vocab), show_progress=False)
        self._region_names = self._last_mask = None

    def save(self, generation: str) -> None:
        """Write the index as one folder swapped in whole (index/files.py)."""
        def write(folder: Path) -> None:
            (folder / "ids.json").write_text(json.dumps(self.ids))
            np.savez(folder / "columns.npz", **self.columns)
            if self.bm25 is not None:
                self.bm25.save(str(folder / "bm25s"), show_progress=False)

        replace_dir(self.directory, write, generation)

    def load(self) -> bool:
        """Read the saved index; False when there is none (``Index.update`` then builds it)."""
        import bm25s

        ids_file = self.directory / "ids.json"
        model_dir = self.directory / "bm25s"
        if not ids_file.exists():
            return False
        ids = json.loads(ids_file.read_text())
        if ids and not model_dir.exists():
            return False
        bm25 = bm25s.BM25.load(str(model_dir)) if ids else None
        with np.load(self.directory / "columns.npz") as data:
            self.columns = {c: data[c] for c in META_COLUMNS}
        self.ids, self.bm25, self._region_names, self._last_mask = ids, bm25, None, None
        return True

    def region_names(self) -> set[str]:
        """Every region, province, city and county name of the units (computed once per load:
        60 ms at 100k units, which every question would otherwise pay)."""
        if self._region_names is None:
            self._region_names = {str(v) for c in REGION_COLUMNS if c in self.columns
                                  for v in np.unique(self.columns[c]) if v}
        return self._region_names

    def mask_for(self, filters: Filters) -> np.ndarray | None:
        """``filters.mask`` over the columns, kept for the next search with the same filters: a
        tracking pass asks several queries per commitment, and a 台账's commitments share their
        region and date (the mask was a third of a search's time at 44k units)."""
        if self._last_mask is None or self._last_mask[0] != filters:
            self._last_mask = (filters, filters.mask(self.columns))
        return self._last_mask[1]

    def search(self, query_tokens: list[str], filters: Filters, k: int) -> list[tuple[str, float]]:
        """(unit id, BM25 score) best first; only units with a positive score."""
        if self.bm25 is None or not query_tokens:
            return []
        mask = self.mask_for(filters)
        if mask is not None and not mask.any():
            return []
        known = [t for t in query_tokens if t in self.bm25.vocab_dict]
        if not known:
            return []
        docs, scores = self.bm25.retrieve(
            [known], k=min(k, self.size), show_progress=False, n_threads=1,
            weight_mask=None if mask is None else mask.astype(np.float32),
        )
        return [(self.ids[d], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]
