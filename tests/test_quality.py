"""Extraction quality floors: evaluate() on the seeds and on the unseen extra gold, separately.

The floors live in tests/quality_floors.json (paths there are relative to tests/). Each run
ingests and extracts 11 documents through the real path (`duban eval` calls the same
evaluate()), about 10 s.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duban.score import Report, evaluate

HERE = Path(__file__).resolve().parent
FLOORS = json.loads((HERE / "quality_floors.json").read_text(encoding="utf-8"))
# The issue's targets on the seeds; the stored floors may not fall below them.
SEED_TARGETS = {"figures.f1": 0.95, "figure.value": 0.97, "commitments.f1": 0.85,
                "commitment.region": 0.95, "commitment.deadline": 0.9}


def measured(report: Report) -> dict[str, float | None]:
    """The numbers the floors name: ``commitments.f1``, ``figures.f1``, field and metadata accuracies."""
    figures = report.figures  # None without figure gold: a figure floor then fails
    numbers: dict[str, float | None] = {"commitments.f1": report.commitments.f1,
                                        "figures.f1": figures.f1 if figures else None}
    numbers.update({name: acc.value for name, acc in report.fields.items()})
    numbers.update({f"metadata.{name}": acc.value for name, acc in report.metadata.items()})
    return numbers


def test_seed_floors_hold_the_issue_targets():
    floors = FLOORS["seeds"]["floors"]
    assert all(floors[name] >= target for name, target in SEED_TARGETS.items())


@pytest.mark.parametrize("gold_set", ["seeds", "extra"])
def test_quality_floors(gold_set):
    gold = (HERE / FLOORS[gold_set]["gold"]).resolve()
    if not gold.exists():
        pytest.skip(f"{gold} not present")
    report = evaluate(gold)
    assert all(d.error is None for d in report.documents), report.format_table()
    numbers = measured(report)
    below = {name: (round(numbers.get(name) or 0.0, 4), floor)
             for name, floor in FLOORS[gold_set]["floors"].items() if (numbers.get(name) or 0.0) < floor}
    assert not below, f"{gold_set}: measured below floor {below}\n{report.format_table()}"
