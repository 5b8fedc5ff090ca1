"""Train the doc_type model from the gold of tests/real, and compare it with the rules.

    python -m duban.ingest.train_doctype            # choose C by CV on dev, write ingest/data/doctype_model.npz
    python -m duban.ingest.train_doctype --report   # also print rules / learned / combined, dev CV and test

Only the dev split trains and chooses: the regularisation C is the one of ``GRID`` with the
best accuracy over 5-fold cross-validation on dev holding out whole annotator batches (``score.batch_folds``:
a batch's siblings share its shapes, and folds by document put them on both sides: they scored
0.882 on 327 dev documents, where the next session's 66 dev documents, unseen, got 0.697;
docs/doctype-model.md). The test split is only scored, in aggregate. The rules were written on dev errors, so their dev figure is
in-sample; the learned model's dev figure is held out by the CV (its rule features are still the
in-sample rules'), which is why the report gives the test figures of both beside them.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..errors import DubanError
from ..score import batch_folds
from .doctype_model import DIMENSION, DocTypeModel, buckets, features, rules_digest

ROOT = Path(__file__).resolve().parents[1]
REAL_GOLD = ROOT / "tests" / "real" / "gold.jsonl"
GRID = (0.3, 1.0, 3.0)
FOLDS = 5
KINDS = ("learned", "combined")  # learned: characters only; combined: with the rules' verdicts


@dataclass
class Sample:
    file: str
    split: str
    group: str  # the annotator batch (score.batch), held out together
    gold: str
    title: str | None
    lines: list[str]
    stages: list[tuple[str, str | None]]
    rule: str

    def named(self, kind: str = "combined") -> dict[str, float]:
        found = features(self.title, self.lines, self.stages, self.rule)
        if kind == "learned":
            found = {k: v for k, v in found.items() if k.startswith(("t=", "o="))}
        return found


def collect(gold_path: Path = REAL_GOLD) -> list[Sample]:
    """Each gold document's doc_type inputs, read as ``parse_raw`` reads them."""
    from . import SECTION_CHARS, clean_raw, read_file
    from .doctype import first_verdict, stage_verdicts
    from .metadata import doc_type_inputs

    from ..score import batch, read_gold

    out = []
    for gold in read_gold(gold_path):
        raw = read_file(gold_path.parent / "docs" / gold["file"], 10**9)
        raw = replace(raw, url=(gold.get("source") or {}).get("url"))
        _, extracted, cleaned, hints = clean_raw(raw)
        title, text, lines = doc_type_inputs(extracted.text[:SECTION_CHARS], cleaned.text[:SECTION_CHARS],
                                             hints, cleaned.prepared)
        stages = stage_verdicts(title, text, lines, every=True)
        out.append(Sample(gold["file"], gold.get("split", "dev"), batch(gold), gold["doc_type"], title, lines, stages,
                          first_verdict(stages)))
    return out


def _matrix(samples: list[Sample], kind: str):
    from scipy.sparse import csr_matrix

    indptr, indices, values = [0], [], []
    for s in samples:
        found = sorted(buckets(s.named(kind)).items())
        indices.extend(b for b, _ in found)
        values.extend(v for _, v in found)
        indptr.append(len(indices))
    return csr_matrix((values, indices, indptr), shape=(len(samples), DIMENSION))


class _Fitted:
    """A LogisticRegression fitted over the buckets the training documents use (the others
    would stay 0 under L2; leaving them out makes a fit tens of times cheaper)."""

    def __init__(self, samples: list[Sample], kind: str, c: float):
        from sklearn.linear_model import LogisticRegression

        self.kind = kind
        matrix = _matrix(samples, kind)
        self.used = np.unique(matrix.indices)
        self.model = LogisticRegression(C=c, max_iter=3000).fit(matrix[:, self.used], [s.gold for s in samples])

    def predict(self, samples: list[Sample]) -> list[str]:
        return list(self.model.predict(_matrix(samples, self.kind)[:, self.used]))

    def weights(self) -> np.ndarray:
        out = np.zeros((len(self.model.classes_), DIMENSION))
        out[:, self.used] = self.model.coef_
        return out


def cross_validate(dev: list[Sample], kind: str, c: float) -> float:
    """Accuracy over ``FOLDS``-fold CV on ``score.batch_folds``."""
    predicted = out_of_fold(dev, batch_folds([(s.file, s.group) for s in dev], FOLDS), c, kind)
    return sum(predicted[s.file] == s.gold for s in dev) / len(dev)


def out_of_fold(dev: list[Sample], fold_of: dict[str, int], c: float = GRID[0],
                kind: str = "combined") -> dict[str, str]:
    """Each sample's doc_type as a model fitted on the other folds' samples predicts it (file →
    doc_type): what the shipped model does on text it was not trained on."""
    out = {}
    for fold in sorted(set(fold_of.values())):
        held = [s for s in dev if fold_of[s.file] == fold]
        fitted = _Fitted([s for s in dev if fold_of[s.file] != fold], kind, c)
        out.update(zip((s.file for s in held), fitted.predict(held)))
    return out


def _accuracy(predicted: list[str], samples: list[Sample]) -> float:
    return round(sum(p == s.gold for p, s in zip(predicted, samples)) / max(1, len(samples)), 4)


def train(dev: list[Sample], c: float) -> DocTypeModel:
    fitted = _Fitted(dev, "combined", c)
    return DocTypeModel(tuple(fitted.model.classes_), fitted.weights(),
                        fitted.model.intercept_.astype(np.float64), rules_digest())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="score rules / learned / combined on dev CV and test")
    parser.add_argument("--gold", type=Path, default=REAL_GOLD)
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_limits

    # One BLAS thread: on a shared two-core machine more threads spin and cost several times the CPU.
    with threadpool_limits(1):
        try:
            _train_and_report(args.gold, args.report)
        except DubanError as exc:  # a missing or broken gold file or document: one line, nothing written
            sys.exit(f"python -m duban.ingest.train_doctype: {exc}")


def _train_and_report(gold: Path, report: bool) -> None:
    samples = collect(gold)
    dev = [s for s in samples if s.split == "dev"]
    test = [s for s in samples if s.split == "test"]
    scores = {kind: {c: cross_validate(dev, kind, c) for c in GRID} for kind in (KINDS if report else ("combined",))}
    best = max(GRID, key=lambda c: scores["combined"][c])
    model = train(dev, best)
    model.save()
    print(json.dumps({"C": best, "dev_cv": {k: {str(c): round(v, 4) for c, v in s.items()} for k, s in scores.items()},
                      "dev_documents": len(dev)}, ensure_ascii=False))
    if report:
        learned = _Fitted(dev, "learned", max(GRID, key=lambda c: scores["learned"][c]))
        print(json.dumps({
            "rules": {"dev_in_sample": _accuracy([s.rule for s in dev], dev), "test": _accuracy([s.rule for s in test], test)},
            "learned": {"dev_cv": round(max(scores["learned"].values()), 4),
                        "test": _accuracy(learned.predict(test), test)},
            "combined": {"dev_cv": round(scores["combined"][best], 4),
                         "test": _accuracy([model.predict(s.named()) for s in test], test)},
        }))


if __name__ == "__main__":
    main()
