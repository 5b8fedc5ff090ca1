"""The dense channel: a Chroma collection of unit vectors we embed ourselves.

Local files (``<index>/chroma``) by default, a Chroma server when ``--chroma-url`` is set.
The collection records which embedder built it; querying it with another embedder would
compare vectors from different spaces, so that is refused with the command that fixes it.
The only module that imports chromadb: its exceptions become ``StoreError`` here.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from ..config import Settings
from ..errors import ModelError, StoreError
from ..records import Unit
from .filters import WHERE_COLUMNS

COLLECTION = "duban_units"
_BATCH = 2000  # under Chroma's maximum batch size


@contextmanager
def _translated(source: str):
    import chromadb.errors
    import httpx

    try:
        yield
    except (chromadb.errors.ChromaError, httpx.HTTPError, ValueError, ConnectionError, OSError) as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        advice = ("the index folder is read-only, and Chroma opens its files for writing; give write access"
                  if "readonly" in reason else "duban index --rebuild recreates it")
        raise StoreError(source, f"vector store error ({reason}); {advice}") from exc


class VectorStore:
    """One Chroma collection of unit vectors with their filter metadata."""

    def __init__(self, settings: Settings, embedder_name: str, dim: int):
        self.embedder_name, self.dim = embedder_name, dim
        self.source = settings.chroma_url or str(settings.index_dir / "chroma")
        with _translated(self.source):
            self.client = _client(settings)
            # An existing collection keeps its metadata: check_embedder() compares it.
            self.collection = self.client.get_or_create_collection(COLLECTION, metadata=self._metadata())

    def _metadata(self) -> dict:
        return {"embedder": self.embedder_name, "dim": self.dim, "hnsw:space": "cosine"}

    def check_embedder(self) -> None:
        """Refuse an index built with another embedder."""
        meta = self.collection.metadata or {}
        built = meta.get("embedder")
        if built != self.embedder_name or int(meta.get("dim", self.dim)) != self.dim:
            raise ModelError(self.source, f"index built with {built}, active embedder is "
                                          f"{self.embedder_name}; run duban index --rebuild")

    def reset(self) -> None:
        import chromadb.errors

        with _translated(self.source):
            try:
                self.client.delete_collection(COLLECTION)
            except chromadb.errors.NotFoundError:
                pass
            self.collection = self.client.create_collection(COLLECTION, metadata=self._metadata())

    def count(self) -> int:
        with _translated(self.source):
            return self.collection.count()

    def add(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict]) -> None:
        with _translated(self.source):
            for start in range(0, len(ids), _BATCH):
                end = start + _BATCH
                self.collection.upsert(ids=ids[start:end], embeddings=vectors[start:end],
                                       metadatas=metadatas[start:end])

    def delete_documents(self, doc_ids: list[str]) -> None:
        with _translated(self.source):
            for start in range(0, len(doc_ids), 500):
                self.collection.delete(where={"document_id": {"$in": doc_ids[start:start + 500]}})

    def document_ids(self) -> set[str]:
        with _translated(self.source):
            found = self.collection.get(include=["metadatas"])
        return {m["document_id"] for m in found["metadatas"] or []}

    def search(self, vector: np.ndarray, where: dict | None, k: int) -> list[tuple[str, float]]:
        """(unit id, cosine similarity) best first."""
        with _translated(self.source):
            n = self.collection.count()
            if n == 0:
                return []
            found = self.collection.query(query_embeddings=[vector], n_results=min(k, n), where=where,
                                          include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(found["ids"][0], found["distances"][0])]


def unit_metadata(unit: Unit) -> dict:
    """What Chroma keeps of a unit: its document (to delete it) and the fields ``where``
    clauses compare, empty ones left out (a missing field matches no ``$in``, as "" did).
    Upserts of the 13 fields the lexical index keeps ran at 370 units/s, of these 447
    (10,000 units on 2 busy cores; without metadata 504)."""
    return {"document_id": unit.document_id,
            **{c: v for c in WHERE_COLUMNS if (v := getattr(unit, c)) != ""}}


def _client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if not url.hostname:
            raise StoreError(settings.chroma_url, "not a Chroma URL; expected http://host:port")
        return chromadb.HttpClient(host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000),
                                   ssl=url.scheme == "https", settings=chroma_settings)
    path = Path(settings.index_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def set_aside(settings: Settings) -> Path:
    """Move a damaged local vector store out of the way (kept for inspection); returns where."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # the process would keep using the damaged files
    path = Path(settings.index_dir) / "chroma"
    aside = path.with_name("chroma.damaged")
    shutil.rmtree(aside, ignore_errors=True)
    if path.exists():
        os.replace(path, aside)
    return aside
