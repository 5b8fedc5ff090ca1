"""The extra gold set (tests/gold/) is sound: every annotated quote and figure sits at
its `start` in the raw document, labels are valid, and extra.jsonl is what the
annotation specs produce."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from paths import SEEDS, SEEDS_GOLD

GOLD = Path(__file__).resolve().parent / "gold"
EXTRA = GOLD / "extra.jsonl"
DOCS = GOLD / "docs"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, GOLD / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and the specs' `from annotate import` need it
    spec.loader.exec_module(module)
    return module


check_gold = _load("check_gold").check_gold


def _entries() -> list[dict]:
    return [json.loads(line) for line in EXTRA.read_text(encoding="utf-8").splitlines()]


def test_extra_gold_offsets_and_labels_are_sound():
    assert check_gold(EXTRA, DOCS) == []


def test_every_document_has_one_annotation_line():
    assert sorted(e["file"] for e in _entries()) == sorted(p.name for p in DOCS.glob("*.txt"))


def test_each_document_has_commitments_and_figures():
    for e in _entries():
        assert len(e["commitments"]) >= 15, e["file"]
        assert len(e["figures"]) >= 25, e["file"]


def test_checker_reports_a_shifted_offset(tmp_path):
    entry = _entries()[0]
    entry["figures"][0]["start"] += 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(entry, ensure_ascii=False) + "\n", encoding="utf-8")
    problems = check_gold(bad, DOCS)
    assert len(problems) == 1 and entry["figures"][0]["text"] in problems[0]


def test_checker_reports_an_unknown_topic(tmp_path):
    entry = _entries()[0]
    entry["commitments"][0]["topic"] = "养老"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(entry, ensure_ascii=False) + "\n", encoding="utf-8")
    assert any("topic '养老'" in p for p in check_gold(bad, DOCS))


def test_checker_accepts_the_shared_seed_gold():
    assert check_gold(SEEDS_GOLD, SEEDS) == []


def test_extra_jsonl_is_what_the_specs_build():
    annotate = _load("annotate")
    built = []
    for spec in sorted(GOLD.glob("spec_*.py")):
        m = _load(spec.stem)
        built.append(annotate.build_entry(m.META, m.COMMITMENTS, m.FIGURES))
    assert sorted(built, key=lambda e: e["file"]) == _entries()


@pytest.mark.parametrize("text, value, unit", [
    ("12.2万名", 122000, "名"), ("1-2名", 2, "名"), ("60%以上", 60, "%"),
    ("每人每月690元", 690, "元/人月"), ("650元/人·月", 650, "元/人·月"), ("4.27万人", 42700, "人"),
    ("2万至5万元", 50000, "元"), ("约42万次", 420000, "次"), ("三所", 3, "所"), ("24小时内", 24, "小时"),
])
def test_parse_figure_follows_the_guideline(text, value, unit):
    assert _load("annotate").parse_figure(text) == (value, unit)
