"""The real-document corpus (tests/real/): sound gold, a frozen test split, no reserved
document anywhere in the project, and metadata floors on both splits.

Floors are the scores measured when they were set, less a small margin (tests/real/README.md);
the test split was never tuned on. A floor that cannot find its gold fails, it never skips.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter

import pytest

from paths import REAL, ROOT, UPSTREAM

sys.path.insert(0, str(REAL))
import build  # noqa: E402  (tests/real/build.py)

# Metadata accuracy measured on each split (duban eval --gold tests/real/gold.jsonl), less 0.03:
# dev (127) 0.976 / 0.969 / 0.937 / 0.937 / 0.992, test (95) 0.747 / 0.768 / 0.758 / 0.758 / 0.874
# (title / doc_type / region / level / date), on 222 documents with annotator P's 10. With nine
# rules written from test-split error shapes that no dev document showed, test was 0.779 / 0.779 /
# 0.758 / 0.758 / 0.926 (0.800 / 0.789 / 0.789 / 0.789 / 0.933 on the 212 before P); they were
# reverted, and the test floors lowered with them. Before this round's rules (212 documents):
# dev 0.951 / 0.934 / 0.877 / 0.877 / 0.967, test 0.733 / 0.744 / 0.778 / 0.778 / 0.856. (On 168 documents, before annotators
# K, L and N added 44: dev 0.98 / 0.97 / 0.90 / 0.90 / 0.99, test 0.74 / 0.80 / 0.80 / 0.80 / 0.86.)
METADATA_FLOORS = {
    "dev": {"title": 0.94, "doc_type": 0.93, "region": 0.90, "level": 0.90, "date": 0.96},
    "test": {"title": 0.71, "doc_type": 0.73, "region": 0.72, "level": 0.72, "date": 0.84},
}
# Commitment F1 (all gold, firm gold) with the shipped clause classifier, less 0.03; the
# classifier was trained on dev, so dev is in-sample (its cross-validated clause F1 is 0.768).
# Measured with EXTRACTOR_VERSION 0.6.3 and the clause model stamped 0.6.2 (threshold chosen for
# F-0.7 on dev CV) on 212 documents: dev 0.950 / 0.963, test 0.707 / 0.737; on 222 (P's 10 added):
# dev 0.950 / 0.962, test 0.702 / 0.732. Before (0.6.1 with the 0.6.0 model, 212 documents): dev
# 0.844 / 0.855, test 0.678 / 0.695.
COMMITMENT_FLOORS = {"dev": (0.92, 0.93), "test": (0.67, 0.70)}
# Deadline and region on matched commitment pairs, less 0.03. Measured with EXTRACTOR_VERSION 0.6.5
# on 222 documents: deadline dev 0.939, test 0.798 (extract/deadlines.py; 0.819 / 0.773 before it);
# region dev 0.963, test 0.892.
ATTRIBUTION_FLOORS = {"dev": {"deadline": 0.90, "region": 0.93}, "test": {"deadline": 0.76, "region": 0.86}}


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    lines, problems = build.build()
    assert not problems, problems
    return lines


def test_gold_file_is_built_from_the_annotations(gold):
    committed = [json.loads(line) for line in (REAL / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert committed == gold, "tests/real/gold.jsonl is stale: run python tests/real/build.py"


def test_test_split_is_frozen(gold):
    """Every test document and its gold line are exactly as frozen in test_split.sha256."""
    frozen = {}
    for row in (REAL / "test_split.sha256").read_text(encoding="utf-8").splitlines():
        doc_hash, line_hash, name = row.split("  ")
        frozen[name] = (doc_hash, line_hash)
    test = [g for g in gold if g["split"] == "test"]
    assert {g["file"] for g in test} == set(frozen)
    for g in test:
        doc_hash = hashlib.sha256((REAL / "docs" / g["file"]).read_bytes()).hexdigest()
        assert (doc_hash, build.line_digest(g)) == frozen[g["file"]], f"{g['file']} changed after freezing"


def test_corpus_spreads_over_provinces_levels_and_types(gold):
    provinces = {g["province"] for g in gold if g["province"]}
    levels = Counter(g["level"] for g in gold)
    types = Counter(g["doc_type"] for g in gold)
    assert len(gold) >= 80 and len(provinces) >= 20
    assert all(levels[lv] for lv in ("national", "province", "city", "county", "district", "township"))
    assert len([t for t in types if types[t]]) >= 7
    splits = Counter(g["split"] for g in gold)
    assert splits["dev"] >= 40 and splits["test"] >= 25


def test_every_document_has_provenance(gold):
    for g in gold:
        source = g["source"] or {}
        assert source.get("url") or {"repo", "path", "commit"} <= set(source), g["file"]


def test_no_reserved_document_in_the_project():
    """shared/reserved/check.py knows the reserved documents by hashes only; it must flag
    nothing the project ships (the whole repository, tests/real included)."""
    checker = UPSTREAM / "reserved" / "check.py"
    if not checker.is_file():
        pytest.skip(f"{checker} is not beside this checkout (a plain clone): nothing to check against")
    result = subprocess.run([sys.executable, str(checker), str(ROOT)], capture_output=True, text=True,
                            timeout=600)
    assert result.stdout.strip() == "" and result.returncode == 0, result.stdout


@pytest.fixture(scope="module")
def report():
    from duban.score import evaluate

    return evaluate(REAL / "gold.jsonl")


@pytest.mark.slow
@pytest.mark.parametrize("split", ["dev", "test"])
def test_metadata_floors(report, split):
    scores = report.splits()[split].metadata
    for name, floor in METADATA_FLOORS[split].items():
        assert scores[name].total, f"no {name} gold in the {split} split"
        assert scores[name].value >= floor, f"{split} {name} {scores[name].value:.2f} < {floor}"


@pytest.mark.slow
@pytest.mark.parametrize("split", ["dev", "test"])
def test_commitment_floors(report, split):
    scores = report.splits()[split]
    assert scores.commitments.tp + scores.commitments.fn, f"no commitment gold in the {split} split"
    floor_all, floor_firm = COMMITMENT_FLOORS[split]
    assert scores.commitments.f1 >= floor_all, f"{split} commitments F1 {scores.commitments.f1:.2f}"
    assert scores.firm.f1 >= floor_firm, f"{split} firm commitments F1 {scores.firm.f1:.2f}"


@pytest.mark.slow
@pytest.mark.parametrize("split", ["dev", "test"])
def test_attribution_floors(report, split):
    fields = report.splits()[split].fields
    for name, floor in ATTRIBUTION_FLOORS[split].items():
        acc = fields[f"commitment.{name}"]
        assert acc.total, f"no matched commitment pairs in the {split} split"
        assert acc.value >= floor, f"{split} {name} on matched pairs {acc.value:.3f} < {floor}"
