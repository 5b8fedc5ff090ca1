"""The dense channel against a real Chroma server (``chroma run``) on 127.0.0.1."""

from __future__ import annotations

import pytest
from chroma_support import chroma_server, free_port
from test_index_support import make_store, seed_docs, settings_for, tiny_model  # noqa: F401

from duban.errors import StoreError
from duban.index import Index

pytestmark = pytest.mark.slow


@pytest.fixture()
def chroma_url(tmp_path):
    with chroma_server(tmp_path / "server") as url:
        yield url


def test_index_chroma_server_update_and_search(tmp_path, chroma_url, tiny_model, seed_docs):  # noqa: F811
    settings = settings_for(tmp_path / "data", chroma_url=chroma_url, embed_model=str(tiny_model))
    index = Index(settings, make_store(tmp_path, seed_docs[:2]))
    report = index.update()
    assert report["dense"] and index.vectors.count() == report["units"]
    assert not (settings.index_dir / "chroma").exists()  # nothing written locally for Chroma
    hits = index.search("养老床位", k=5, use=("dense",))
    assert hits and all(h.channels == ("dense",) for h in hits)
    assert index.check() == []


def test_index_chroma_server_unreachable_is_store_error(tmp_path, tiny_model):  # noqa: F811
    settings = settings_for(tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}",
                            embed_model=str(tiny_model))
    with pytest.raises(StoreError, match="127.0.0.1"):
        Index(settings, make_store(tmp_path, []))
