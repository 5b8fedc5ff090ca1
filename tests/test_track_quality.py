"""Tracking quality on tests/track (real consecutive documents, gold annotated before any run).

Floors in tests/track/floors.json only move up. The test split (广东省, 上海市) is frozen:
tests/track/test_split.sha256 holds the hashes of its gold lines and documents.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from duban.track.evaluate import evaluate_track, load, locate

HERE = Path(__file__).parent / "track"
GOLD = HERE / "gold.jsonl"
FLOORS = json.loads((HERE / "floors.json").read_text(encoding="utf-8"))
CHECK = Path(__file__).resolve().parents[2] / "shared" / "reserved" / "check.py"


@pytest.fixture(scope="module")
def result():
    return evaluate_track(GOLD, dense=False, baseline=True)


@pytest.mark.parametrize("split", ["dev", "test"])
def test_track_quality_floors(result, split):
    score, floor = result.scores[split], FLOORS["lexical"][split]
    assert score.accuracy >= floor["status_accuracy"], result.format_table()
    assert score.f1 >= floor["evidence_f1"], result.format_table()
    baseline = result.scores[f"baseline-{split}"]  # tuned on the split itself, and still behind
    assert score.accuracy > baseline.accuracy + 0.2 and score.f1 > baseline.f1, result.format_table()


def test_track_every_verdict_has_a_reason_in_words(result):
    for row in result.rows:
        assert row["reason"] and any("\u4e00" <= ch <= "\u9fff" for ch in row["reason"]), row


def test_track_gold_shape():
    docs, gold = load(GOLD)
    assert len(gold) >= 70 and len({g["region"] for g in gold}) >= 4
    assert sum(len(g["evidence"]) for g in gold) >= 100
    assert {g["split"] for g in gold} == {"dev", "test"}
    assert {g["region"] for g in gold if g["split"] == "test"}.isdisjoint(g["region"] for g in gold if g["split"] == "dev")
    tags = " ".join(t for g in gold for t in g["hard"])
    assert all(kind in tags for kind in ("another period", "another metric", "restated plan", "multi-part"))


def test_track_gold_quotes_are_in_the_cleaned_documents():
    from duban.ingest import parse_raw, read_file

    docs, gold = load(GOLD)
    texts = {d["file"]: parse_raw(read_file(HERE / "docs" / d["file"], 10**8)).text for d in docs}
    for g in gold:
        assert g["plan"] is None or g["text"] in texts[g["plan"]], g["id"]
        for e in g["evidence"]:
            locate(texts[e["doc"]], e["quote"], e["doc"])  # raises when missing or repeated


def test_track_test_split_is_frozen():
    frozen = dict(reversed(line.split("  ", 1)) for line in (HERE / "test_split.sha256").read_text().splitlines())
    docs, gold = load(GOLD)
    lines = {json.loads(l)["id"]: l for l in GOLD.read_text(encoding="utf-8").splitlines() if l.strip()}
    now = {f"gold:{g['id']}": hashlib.sha256(lines[g["id"]].encode()).hexdigest() for g in gold if g["split"] == "test"}
    now.update({f"docs/{d['file']}": hashlib.sha256((HERE / "docs" / d["file"]).read_bytes()).hexdigest()
                for d in docs if d["split"] == "test"})
    assert now == frozen


def test_track_documents_pass_the_reserved_check():
    assert CHECK.is_file(), "../shared/reserved/check.py must be beside the checkout (shared/README.md)"
    out = subprocess.run([sys.executable, str(CHECK), *map(str, sorted((HERE / "docs").glob("*.txt")))],
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout == "", out.stdout


def test_track_extracted_commitments_found_and_right():
    from duban.track.evaluate import evaluate_extracted

    got = evaluate_extracted(GOLD, dense=False)["test"]  # measured 0.575 / 0.575
    assert got["found"] >= 0.55 and got["found_with_right_status"] >= 0.55, got
