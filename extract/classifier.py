"""The learned clause classifier: is a candidate clause a commitment?

The rules (extract/commitments.py) cut every sentence into clauses and give each a verdict and
a passage; this model reads those as features, beside the clause's own words, and decides. It
is a logistic regression over hashed features, trained by ``python -m duban.extract.train`` on
the dev split of tests/real and the seeds' gold; the weights ship in
``extract/data/clause_model.npz``, stamped with the ``EXTRACTOR_VERSION`` they were trained
for; ``CLAUSE_MODEL_VERSION`` names the stamp that ships (a model with another stamp is not used:
the rules' verdict is).

Features (``features``): the rule verdict, the passage (plan or not, its deadline), forward /
past / 确保 cues in the clause and a forward cue before it in its sentence, the document type, the speaker's role, whether the clause opens a list item,
its length, whether it holds a number, the opening characters of
its sentence and paragraph, and character uni- and bigrams of the clause and its first and last
words. Hashing (CRC32, ``DIMENSION`` buckets)
keeps the model a fixed size and needs no vocabulary file.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from ..records import ParsedDocument
from .commitments import MAX_CLAUSE, _core

MODEL = Path(__file__).with_name("data") / "clause_model.npz"
DIMENSION = 1 << 18
_LENGTHS = (6, 12, 24, 48, 96)
# The length feature of each core length below the last bound, looked up (decide asks per clause).
_LENGTH_NAMES = tuple(next(f"len=<{b}" for b in _LENGTHS if n < b) for n in range(_LENGTHS[-1]))


def _length(n: int) -> str:
    return _LENGTH_NAMES[n] if n < _LENGTHS[-1] else "len=long"


def features(parsed: ParsedDocument, cand, sentence: tuple[int, str] | None = None) -> list[str]:
    """The named features of one candidate (a commitments.Candidate). ``sentence``: its
    ``sentence_features``, when the caller keeps them for all the clauses of the sentence."""
    core, named = _named(parsed, cand, sentence)
    return named + [f"c={ch}" for ch in set(core)] + [f"b={core[i:i + 2]}" for i in range(len(core) - 1)]


def _named(parsed: ParsedDocument, cand, sentence: tuple[int, str] | None) -> tuple[str, list[str]]:
    """The clause's core (the text its character and bigram features are read from) and its
    other features."""
    clause, passage, kind, doc = cand.clause, cand.passage, cand.kind, parsed.doc_type
    text = clause.text
    core = _core(text) or text.strip()
    first_cue, sentence_head = sentence or sentence_features(cand.sentence)
    key = (kind, passage.forward, passage.deadline_text is not None or cand.lead_time is not None,
           clause.forward, clause.past, clause.ensure, first_cue < clause.start - cand.sentence.start,
           doc, cand.sentence.role, clause.item_start, _length(len(core)), any(map(str.isdigit, text)),
           passage.done)
    flags = _FLAG_NAMES.get(key) or _flag_names(key)
    return core, flags + [
        f"head={core[:2]}", f"head1={core[:1]}", f"tail={core[-2:]}",
        f"sentence={sentence_head}", f"paragraph={_paragraph_head(parsed, cand)}",
    ]


def _flag_names(key: tuple) -> list[str]:
    """The features of a clause that its verdict, passage, cues, document and speaker give, in
    ``_named``'s order, made once per combination of them (a document has a few dozen)."""
    kind, plan, deadline, cue, past, ensure, cue_before, doc, role, item, length, number, done = key
    if len(_FLAG_NAMES) >= _MEMO:
        _FLAG_NAMES.clear()
    names = _FLAG_NAMES[key] = [
        f"rule={kind}", f"plan={plan}", f"deadline={deadline}",
        f"cue={cue}", f"past={past}", f"ensure={ensure}", f"cue_before={cue_before}",
        f"doc={doc}", f"role={role}", f"item={item}",
        length, f"rule={kind}&plan={plan}",
        f"rule={kind}&doc={doc}", f"number={number}",
        f"done={done}", f"rule={kind}&done={done}&plan={plan}",
    ]
    return names


def buckets(parsed: ParsedDocument, cand, sentence: tuple[int, str] | None = None) -> set[int]:
    """``set(hashed(features(parsed, cand, sentence)))``, the same set built in the same order
    (so a sum over it is the same float), without making a name for each character and bigram:
    their buckets are looked up by the character or bigram itself (``_BUCKETS``)."""
    return _bucket_set(*_named(parsed, cand, sentence))


def _bucket_set(core: str, named: list[str]) -> set[int]:
    return set(chain(map(_BUCKETS[""].__getitem__, named), map(_BUCKETS["c="].__getitem__, set(core)),
                     map(_BUCKETS["b="].__getitem__, [core[i:i + 2] for i in range(len(core) - 1)])))


def _scores(rows: list[tuple[str, list[str]]], weights: np.ndarray) -> np.ndarray:
    """The summed weight of each row's buckets (``_bucket_set(core, named)``: each bucket once),
    for all the rows of a document at once, in numpy: the cores are joined into one array of code
    points, a bigram counts for the row of its first character when its second is in the same
    row, and each distinct character and bigram of the document is hashed once (``_lookup``).
    The same sums as over each set, but added in another order: equal up to rounding."""
    lengths = np.fromiter(map(len, (core for core, _ in rows)), np.int64, len(rows))
    widths = np.fromiter(map(len, (named for _, named in rows)), np.int64, len(rows))
    codes = np.frombuffer("".join(core for core, _ in rows).encode("utf-32-le", "surrogatepass"), np.uint32)
    codes = codes.astype(np.int64)
    row_of_char = np.repeat(np.arange(len(rows)), lengths)
    inside = row_of_char[:-1] == row_of_char[1:]
    named = np.fromiter(map(_BUCKETS[""].__getitem__, chain.from_iterable(n for _, n in rows)), np.int64,
                        int(widths.sum()))
    found = np.concatenate([named, _lookup(codes, _CODE_BUCKETS["c="]),
                            _lookup((codes[:-1] << _BITS | codes[1:])[inside], _CODE_BUCKETS["b="])])
    row = np.concatenate([np.repeat(np.arange(len(rows)), widths), row_of_char, row_of_char[:-1][inside]])
    keys = np.sort(row * DIMENSION + found)
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys
    return np.bincount(keys // DIMENSION, weights=weights[keys % DIMENSION], minlength=len(rows))


def _lookup(codes: np.ndarray, memo: dict[int, int]) -> np.ndarray:
    """``memo[code]`` for each of ``codes``, each distinct code looked up once."""
    distinct, inverse = np.unique(codes, return_inverse=True)
    return np.fromiter(map(memo.__getitem__, distinct.tolist()), np.int64, len(distinct))[inverse]


def sentence_features(sentence) -> tuple[int, str]:
    """What the clauses of one sentence share: where its first forward cue starts, so that a
    clause after it has a cue before it (…目标是:地区生产总值增长5.5%以上), and its first two
    characters. Computed once per sentence, not per clause: per clause over a 1 MB line it was
    quadratic."""
    from .cues import forward_at

    return forward_at(sentence.text), sentence.text.strip()[:2]


def _paragraph_head(parsed: ParsedDocument, cand) -> str:
    """The first characters of the paragraph the clause stands in (一、2024年…, 下一步, 过去一年)."""
    start = parsed.paragraphs[cand.sentence.paragraph][0] if cand.sentence.paragraph < len(parsed.paragraphs) else 0
    return parsed.text[start:start + 4]


def hashed(names: list[str]) -> list[int]:
    return list(map(_BUCKETS[""].__getitem__, names))


def _bucket(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) % DIMENSION


class _Buckets(dict):
    """Memo of the bucket of ``prefix + key`` (names repeat: rule=, doc=, the common characters
    and bigrams), a plain dict so that a hit costs no Python call; emptied when it holds
    ``_MEMO`` keys, which bounds it on a long run of new words."""

    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix

    def __missing__(self, key: str) -> int:
        if len(self) >= _MEMO:
            self.clear()
        bucket = self[key] = _bucket(self.prefix + key)
        return bucket


class _CodeBuckets(dict):
    """The bucket of a character by its code point, or of a bigram by its code (``_scores``: the
    first code point shifted ``_BITS`` left, or the second), memoised as ``_Buckets`` are."""

    def __init__(self, prefix: str, pairs: bool):
        super().__init__()
        self.names, self.pairs = _BUCKETS[prefix], pairs

    def __missing__(self, code: int) -> int:
        if len(self) >= _MEMO:
            self.clear()
        text = chr(code >> _BITS) + chr(code & _LOW) if self.pairs else chr(code)
        bucket = self[code] = self.names[text]
        return bucket


_MEMO = 1 << 16
_FLAG_NAMES: dict[tuple, list[str]] = {}  # _flag_names by its key
# Far wider than the rounding of a sum of a clause's few hundred weights (about 1e-13).
_MARGIN = 1e-9
_BUCKETS = {prefix: _Buckets(prefix) for prefix in ("", "c=", "b=")}
_BITS = 21  # code points are below 2 ** 21
_LOW = (1 << _BITS) - 1
_CODE_BUCKETS = {"c=": _CodeBuckets("c=", False), "b=": _CodeBuckets("b=", True)}


@dataclass(frozen=True)
class ClauseModel:
    weights: np.ndarray  # DIMENSION floats
    bias: float
    threshold: float
    version: str
    # The weights as Python floats: indexing a list is several times faster than a numpy array.
    _weight: list[float] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_weight", self.weights.tolist())

    def probability(self, names: list[str]) -> float:
        """Each hashed feature counts once, as in training (``train._matrix`` sets a bucket to 1
        however many names fall in it): a clause's repeated bigram is not a stronger signal."""
        return self._probability(set(hashed(names)))

    def _probability(self, found: set[int]) -> float:
        score = self.bias + sum(map(self._weight.__getitem__, found))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def decide(self, parsed: ParsedDocument, cands: list) -> list[bool]:
        """Whether each candidate is a commitment: its probability at or above the threshold.
        The document's candidates are scored at once (``_scores``); a probability within
        ``_MARGIN`` of the threshold, where rounding could put it on either side, is summed again
        over its bucket set, so each decision is the one ``_probability`` gives."""
        shared: dict[int, tuple[int, str]] = {}  # sentence_features by sentence, for this document only
        scored, rows = [], []
        for i, c in enumerate(cands):
            if len(c.clause.text) <= MAX_CLAUSE:
                if c.sentence.index not in shared:
                    shared[c.sentence.index] = sentence_features(c.sentence)
                scored.append(i)
                rows.append(_named(parsed, c, shared[c.sentence.index]))
        out = [False] * len(cands)
        if not rows:
            return out
        scores = np.clip(self.bias + _scores(rows, self.weights), -30.0, 30.0)
        for i, row, p in zip(scored, rows, (1.0 / (1.0 + np.exp(-scores))).tolist()):
            if abs(p - self.threshold) < _MARGIN:
                p = self._probability(_bucket_set(*row))
            out[i] = p >= self.threshold
        return out

    def save(self, path: Path = MODEL) -> None:
        nonzero = np.flatnonzero(self.weights)
        np.savez_compressed(path, index=nonzero.astype(np.int32),
                            value=self.weights[nonzero].astype(np.float32),
                            meta=np.array([self.bias, self.threshold]), version=np.array(self.version))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL) -> ClauseModel | None:
    """The shipped model, or None when there is none or it is not the ``CLAUSE_MODEL_VERSION``."""
    from . import CLAUSE_MODEL_VERSION

    if not path.is_file():
        return None
    with np.load(path) as data:
        if str(data["version"]) != CLAUSE_MODEL_VERSION:
            return None
        weights = np.zeros(DIMENSION, dtype=np.float64)
        weights[data["index"]] = data["value"]
        bias, threshold = (float(x) for x in data["meta"])
    return ClauseModel(weights, bias, threshold, CLAUSE_MODEL_VERSION)
