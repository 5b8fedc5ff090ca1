"""The clause classifier that ships in extract/data/clause_model.npz."""

from __future__ import annotations

import pytest

from duban.extract import CLAUSE_MODEL_VERSION, classifier
from duban.extract.commitments import commitment_candidates
from duban.ingest import parse_raw, read_file
from paths import CORPUS


def test_the_shipped_model_is_for_this_extractor_version():
    """A retrained model without CLAUSE_MODEL_VERSION set to its stamp (or the reverse) fails
    here, loudly, instead of silently falling back to the rules."""
    model = classifier.load_model()
    assert model is not None, f"extract/data/clause_model.npz is missing or not for {CLAUSE_MODEL_VERSION}"
    assert 0.2 <= model.threshold <= 0.85 and model.weights.shape == (classifier.DIMENSION,)
    assert 1_000 < (model.weights != 0).sum() < classifier.DIMENSION


def _seed(name: str):
    path = next(CORPUS.glob(f"{name}_*.txt"))
    return parse_raw(read_file(path, 10**8))


def test_features_name_the_rule_verdict_the_passage_and_the_words():
    parsed = _seed("000")
    cand = next(c for c in commitment_candidates(parsed) if "4000张" in c.clause.text)
    names = classifier.features(parsed, cand)
    assert "rule=commitment" in names and "plan=True" in names and "doc=interview" in names
    assert "b=床位" in names and names == classifier.features(parsed, cand)
    assert f"done={cand.passage.done}" in names and f"rule=commitment&done={cand.passage.done}&plan=True" in names


def test_the_model_keeps_planned_beds_and_drops_a_report_of_done_work():
    parsed = _seed("000")
    cands = commitment_candidates(parsed)
    keep = dict(zip((c.clause.text for c in cands), classifier.load_model().decide(parsed, cands)))
    assert keep[next(t for t in keep if "新增养老床位4000张" in t)]
    done = [t for t in keep if "已建成公益性公墓748处" in t or "累计将12.2万名" in t]
    assert len(done) == 2 and not any(keep[t] for t in done)


def test_a_feature_counts_once_as_in_training():
    """Training sets a hashed feature to 1 (train._matrix); scoring a clause whose bigram repeats
    must give the same probability as the same names without the repeat."""
    model = classifier.load_model()
    names = ["rule=commitment", "plan=True", "b=床位", "b=养老"]
    assert model.probability(names + ["b=床位", "b=床位"]) == model.probability(names)
    assert model.probability(names) != model.probability(names[:2])


def test_decide_scores_the_buckets_of_the_features_in_the_same_order():
    """``buckets`` (what decide scores, without a name per character and bigram) is the set of
    the features' hashes, built in the same order, so the probability is the same float."""
    model = classifier.load_model()
    checked = 0
    for path in sorted(CORPUS.glob("*.txt")):
        parsed = parse_raw(read_file(path, 10**8))
        for cand in commitment_candidates(parsed):
            names = classifier.features(parsed, cand)
            found = classifier.buckets(parsed, cand)
            assert found == set(classifier.hashed(names)) and list(found) == list(set(classifier.hashed(names)))
            assert model._probability(found) == model.probability(names), cand.clause.text
            checked += 1
    assert checked > 500


def test_the_learned_only_variant_of_a_model_decides_without_the_rule_features():
    """``train --report`` scores a learned-only model: built from a trained model (whose cached
    weight list is no constructor argument), it decides every candidate from the words alone."""
    from duban.extract.train import RULE_FEATURES, _LearnedOnly

    parsed = _seed("000")
    cands = commitment_candidates(parsed)
    model = classifier.load_model()
    learned = _LearnedOnly.of(model)
    keep = learned.decide(parsed, cands)
    assert len(keep) == len(cands) and all(isinstance(k, bool) for k in keep)
    words = [n for n in classifier.features(parsed, cands[0]) if not n.startswith(RULE_FEATURES)]
    assert keep[0] == (model.probability(words) >= model.threshold)


@pytest.mark.slow
def test_cross_validation_scores_held_out_documents_as_eval_does():
    """The model's C and threshold are chosen on held-out documents' firm F1: on the seeds, no clause
    kept finds nothing and misses every firm gold commitment, and the rules' verdicts score as
    ``duban eval`` scores the rules."""
    from duban.extract import train
    from duban.extract.commitments import find_commitments
    from duban.records import Extraction
    from duban.score import score_document

    docs = train._load(train.SEED_GOLD, train.SEED_GOLD.parent.parent / "seeds")[:3]
    d = docs[0]
    none = train._firm(d, [False] * len(d.cands))
    firm = sum(1 for c in d.gold["commitments"] if c.get("firm", True))
    assert (none.tp, none.fp, none.fn) == (0, 0, firm) and firm > 0
    rules = train._firm(d, [c.kind == "commitment" for c in d.cands])
    expected = score_document(d.gold, d.parsed, Extraction(commitments=find_commitments(d.parsed))).firm
    assert (rules.tp, rules.fp, rules.fn) == (expected.tp, expected.fp, expected.fn) and rules.tp > 0
    c, threshold, f1 = train.cross_validate(docs, train.examples(docs), folds=3)
    assert c in (0.03, 0.1, 0.3, 1.0) and 0.3 <= threshold <= 0.85 and 0.0 < f1 <= 1.0


def test_cross_validation_holds_out_whole_annotator_batches():
    """A fold holds an annotator's dev documents together (a new batch is what the test split is
    like), documents without an annotator (the seeds) are batches of their own, and the five folds
    share the candidates evenly enough that none is empty."""
    import json

    from duban.extract.train import REAL_GOLD, SEED_GOLD, batch
    from duban.score import batch_folds

    golds = [g for g in map(json.loads, REAL_GOLD.read_text(encoding="utf-8").splitlines()) if g["split"] == "dev"]
    golds += list(map(json.loads, SEED_GOLD.read_text(encoding="utf-8").splitlines()))
    rows = [(g["file"], batch(g)) for g in golds for _ in g["commitments"]]
    fold_of = batch_folds(rows, 5)
    folds_of_batch: dict[str, set[int]] = {}
    for g in golds:
        if g["commitments"]:
            folds_of_batch.setdefault(batch(g), set()).add(fold_of[g["file"]])
    assert all(len(f) == 1 for f in folds_of_batch.values())
    assert sum(1 for g in golds if batch(g) == g["file"]) >= 5  # the seeds
    sizes = [sum(1 for file, _ in rows if fold_of[file] == k) for k in range(5)]
    assert min(sizes) > 0 and max(sizes) < 3 * min(sizes)


@pytest.mark.slow  # reads every dev document's opening and fits the doc-type model five times
def test_the_clause_model_trains_on_doc_types_read_without_the_documents_own_batch():
    """The shipped doc-type model was trained on the dev documents and types every one of them
    right; the clause model is trained on doc types as unseen text gets them (0.83 on test)."""
    import json

    from duban.extract.train import REAL_GOLD, cross_fitted_doc_types

    dev = {g["file"]: g["doc_type"] for g in map(json.loads, REAL_GOLD.read_text(encoding="utf-8").splitlines())
           if g["split"] == "dev"}
    types = cross_fitted_doc_types(REAL_GOLD)
    right = sum(types[f] == dev[f] for f in dev) / len(dev)
    assert set(types) == set(dev) and 0.75 <= right < 0.95, right
