"""Extraction workers fork with the pipeline loaded: ``pipeline.extract_documents`` builds spaCy's
pipeline (and loads torch, jieba, the gazetteer, the classifier) in its own process first, so a
worker inherits it instead of paying about 5 CPU seconds to load its own."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import settings_at

from duban import pipeline
from duban.budget import Stage
from duban.store import Store

SEEN: Path | None = None  # set by the test before the workers fork


def _watched_extract(doc):
    """The extraction stage's work, noting first (in the worker) whether the pipeline is built."""
    from duban.extract import extract_document
    from duban.extract.nlp import get_nlp

    (SEEN / f"{os.getpid()}-{doc.id}").write_text(str(get_nlp.cache_info().currsize))
    return extract_document(doc)


def test_extraction_workers_inherit_the_pipeline(seeded_copy, monkeypatch, tmp_path):
    from duban.extract.nlp import get_nlp  # spaCy: not at collection (conftest)

    store = Store(settings_at(seeded_copy).db_url)
    ids = [d["id"] for d in store.list_documents()][:2]
    seen = tmp_path / "seen"
    seen.mkdir()
    monkeypatch.setattr(f"{__name__}.SEEN", seen)
    monkeypatch.setattr(pipeline, "_extraction",
                        lambda budget: Stage("extraction", _watched_extract, seconds=lambda doc: budget.seconds))
    get_nlp.cache_clear()  # as in a process that has not extracted yet
    pipeline.warm_extraction.cache_clear()
    assert pipeline.extract_documents(store, ids, processes=1) == 2
    reports = {p.name: p.read_text() for p in seen.iterdir()}
    assert len(reports) == 2 and set(reports.values()) == {"1"}, reports  # built before the fork
    assert all(int(name.split("-")[0]) != os.getpid() for name in reports)  # extracted in a worker
