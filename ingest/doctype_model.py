"""The learned doc_type decision beside the rules of doctype.py (issue #9).

A multinomial logistic regression over hashed features of what the rules read: each stage's
verdict (``doctype.stage_verdicts``: the title's, the byline's, the opening's, the text's) and the
rules' answer, beside the characters of the title and of the opening's first
``OPENING_CHARS``. The rules' features count ``RULE_WEIGHT`` times a character's: with 233 dev
documents, thousands of characters at weight 1 outvote a handful of verdicts (5-fold CV on dev,
combined 0.79 at weight 1, 0.90 at 10; docs/doctype-model.md). Trained on the dev split of
tests/real only by ``python -m duban.ingest.train_doctype``; the weights ship in
``ingest/data/doctype_model.npz``, stamped with ``MODEL_VERSION`` (the feature set) and the
SHA-256 of doc_types.tsv it was trained over. A file with another ``MODEL_VERSION`` is not used:
the rules' answer is.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL = Path(__file__).with_name("data") / "doctype_model.npz"
RULES = Path(__file__).with_name("data") / "doc_types.tsv"
MODEL_VERSION = "1"  # bump when features() changes
DIMENSION = 1 << 15
OPENING_CHARS = 300
RULE_WEIGHT = 10.0


def features(title: str | None, lines: list[str], stages: list[tuple[str, str | None]],
             rule: str) -> dict[str, float]:
    """Feature name → value: the rules' verdicts at ``RULE_WEIGHT``, each character of the title
    and of the opening at 1."""
    named = {f"rule={rule}": RULE_WEIGHT, f"notitle={not title}": RULE_WEIGHT}
    named.update({f"{stage}={kind}": RULE_WEIGHT for stage, kind in stages})
    named.update({f"t={ch}": 1.0 for ch in title or ""})
    named.update({f"o={ch}": 1.0 for ch in "\n".join(lines)[:OPENING_CHARS]})
    return named


def buckets(named: dict[str, float]) -> dict[int, float]:
    """Hashed features (CRC32 into ``DIMENSION`` buckets); a bucket two names fall in keeps the
    larger value."""
    out: dict[int, float] = {}
    for name, value in named.items():
        b = zlib.crc32(name.encode("utf-8")) % DIMENSION
        out[b] = max(value, out.get(b, 0.0))
    return out


def rules_digest() -> str:
    return hashlib.sha256(RULES.read_bytes()).hexdigest()


@dataclass(frozen=True)
class DocTypeModel:
    classes: tuple[str, ...]
    weights: np.ndarray  # classes × DIMENSION
    bias: np.ndarray  # classes
    rules_sha: str

    def predict(self, named: dict[str, float]) -> str:
        found = buckets(named)
        index = np.fromiter(found, dtype=np.int64, count=len(found))
        values = np.fromiter(found.values(), dtype=np.float64, count=len(found))
        scores = self.bias + self.weights[:, index] @ values
        return self.classes[int(np.argmax(scores))]

    def save(self, path: Path = MODEL) -> None:
        used = np.flatnonzero(np.any(self.weights != 0, axis=0))
        np.savez_compressed(path, classes=np.array(self.classes), index=used.astype(np.int32),
                            weights=self.weights[:, used].astype(np.float16), bias=self.bias,
                            version=np.array(MODEL_VERSION), rules_sha=np.array(self.rules_sha))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL) -> DocTypeModel | None:
    """The shipped model, or None when there is none or its features are another version's."""
    if not path.is_file():
        return None
    with np.load(path) as data:
        if str(data["version"]) != MODEL_VERSION:
            return None
        classes = tuple(str(c) for c in data["classes"])
        weights = np.zeros((len(classes), DIMENSION), dtype=np.float64)
        weights[:, data["index"]] = data["weights"]
        return DocTypeModel(classes, weights, data["bias"].astype(np.float64), str(data["rules_sha"]))
