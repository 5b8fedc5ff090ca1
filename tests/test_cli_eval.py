"""`duban eval`: precision, recall and F1 of extraction against the gold of the five seeds."""

from __future__ import annotations

import json

import pytest
from paths import SEEDS, SEEDS_GOLD
from typer.testing import CliRunner

from duban.cli import app

runner = CliRunner(env={"COLUMNS": "200"})
GOLD = SEEDS_GOLD


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def report() -> dict:
    result = runner.invoke(app, ["eval", "--gold", str(GOLD), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("table", ["commitments", "figures"])
def test_cli_eval_json_gives_precision_recall_f1(report, gold, table):
    score = report["overall"][table]
    p, r, f1 = score["p"], score["r"], score["f1"]
    assert 0 < p <= 1 and 0 < r <= 1
    assert f1 == pytest.approx(2 * p * r / (p + r), abs=1e-3)
    # every gold record is either found or missed, over all five seeds
    assert score["tp"] + score["fn"] == sum(len(g[table]) for g in gold)
    assert score["tp"] == pytest.approx(r * (score["tp"] + score["fn"]), abs=0.5)


def test_cli_eval_scores_each_gold_document(report, gold):
    assert [d["file"] for d in report["documents"]] == [g["file"] for g in gold]
    assert all(d["error"] is None for d in report["documents"])


def test_cli_eval_table(gold):
    result = runner.invoke(app, ["eval", "--gold", str(GOLD)])
    assert result.exit_code == 0, result.output
    assert all(g["file"] in result.stdout for g in gold) and "F1" in result.stdout


def test_cli_eval_missing_gold_is_one_error_line(tmp_path):
    result = runner.invoke(app, ["eval", "--gold", str(tmp_path / "gold.jsonl")])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [f"duban: error: {tmp_path / 'gold.jsonl'}: no such gold file"]


def test_cli_eval_says_figures_are_not_annotated_where_no_line_has_figure_gold(tmp_path, gold):
    # A line like tests/real's before its figures were annotated: "figures": [] and no mark.
    line = dict(gold[4], figures=[], split="dev")
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    args = ["eval", "--gold", str(path), "--docs", str(SEEDS)]
    data = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert data["overall"]["figures"] == data["splits"]["dev"]["figures"] == "not annotated"
    assert not any(name.startswith("figure.") for name in data["overall"]["fields"])
    table = runner.invoke(app, args).stdout
    row = next(r for r in table.splitlines() if r.startswith(line["file"]))
    assert row.endswith("not annotated") and "  figures: not annotated" in table
