"""The semantic index: keeps the dense and lexical channels in step with the store, and searches.

``Index.update`` is incremental: a document is (re)indexed when it is new or was extracted with
another extractor version since it was indexed; documents gone from the store leave no units.
``Index.search`` fuses both channels by reciprocal rank (RRF, k = 60: ranks, not raw scores,
because cosine and BM25 live on different scales), after a relevance floor per channel, and
shows one unit per sentence, preferring the record kind the question asks about.
"""

from __future__ import annotations

import time
from typing import Callable

from ..config import Settings
from ..errors import ModelError
from ..records import Hit
from .catalog import Catalog
from .embed import EmbeddingCache, Embedder, load_embedder
from .filters import Filters
from .lexical import LexicalIndex, query_tokens, tokens
from .units import META_COLUMNS, document_units
from .vectors import VectorStore

Progress = Callable[[str, int, int], None]
RRF_K = 60
# BM25 score under which a lexical match is one or two common bigrams, not an answer
# (measured on shared/gold/questions.jsonl, see tests/test_index_answers.py).
LEXICAL_FLOOR = 5.0
LEXICAL_COVERAGE = 0.5
PREFERENCE_BOOST = 1.5
_KIND_ORDER = ("commitment", "figure", "sentence")
_BATCH_DOCS = 200


class Index:
    """The index of one data directory: ``Index(settings, store)``.

    ``embedder``: a loaded ``Embedder`` to use instead of the settings' one; ``dense=False``
    searches with BM25 only. When the default embedder cannot be built the index falls back
    to lexical search and says so in ``notes``; an explicitly requested model that cannot be
    loaded raises ``ModelError``.
    """

    def __init__(self, settings: Settings, store, embedder: Embedder | None = None, dense: bool = True):
        self.settings, self.store = settings, store
        self.notes: list[str] = []
        directory = settings.index_dir
        directory.mkdir(parents=True, exist_ok=True)
        self.catalog = Catalog(directory / "units.sqlite")
        self.lexical = LexicalIndex(directory / "bm25")
        self.lexical.load()
        self.embedder = embedder
        if self.embedder is None and dense:
            try:
                self.embedder = load_embedder(settings)
            except ModelError as exc:
                if settings.embed_model:
                    raise
                self.notes.append(f"dense search off ({exc}); using lexical search only")
        self.vectors = None
        if self.embedder is not None:
            self.vectors = VectorStore(settings, self.embedder.name, self.embedder.dim)
            self.cache = EmbeddingCache(directory / "embeddings.sqlite")

    # -- building ---------------------------------------------------------------------------
    def update(self, progress: Progress | None = None, rebuild: bool = False) -> dict:
        """Index new and changed documents, drop removed ones; returns counts."""
        started = time.perf_counter()
        if rebuild:
            self.catalog.clear()
            if self.vectors is not None:
                self.vectors.reset()
        elif self.vectors is not None:
            self.vectors.check_embedder()
        dense_name = self.embedder.name if self.embedder else ""
        if self.vectors is not None and self.catalog.get_meta("embedder") != dense_name:
            self.catalog.clear()  # units indexed before dense search was on have no vectors
        wanted = {d["id"]: d.get("extracted_with") or "" for d in self.store.list_documents()}
        indexed = self.catalog.documents()
        removed = [d for d in indexed if d not in wanted]
        todo = [d for d, version in wanted.items() if indexed.get(d) != version]
        if removed:
            self.catalog.remove(removed)
            if self.vectors is not None:
                self.vectors.delete_documents(removed)
        n_units = 0
        for start in range(0, len(todo), _BATCH_DOCS):
            batch = todo[start:start + _BATCH_DOCS]
            n_units += self._index_documents({d: wanted[d] for d in batch}, replace=bool(indexed))
            if progress:
                progress("index", min(start + _BATCH_DOCS, len(todo)), len(todo))
        if removed or todo or (not self.lexical.ids and self.catalog.count()):
            self.lexical.build(*self.catalog.all_for_lexical())
            self.lexical.save()
        if self.vectors is not None:
            self.catalog.set_meta("embedder", dense_name)
        return {
            "indexed_documents": len(todo), "removed_documents": len(removed), "new_units": n_units,
            "units": self.catalog.count(), "dense": self.vectors is not None,
            "embedder": dense_name or None, "seconds": round(time.perf_counter() - started, 2),
        }

    def _index_documents(self, documents: dict[str, str], replace: bool) -> int:
        doc_ids = list(documents)
        units = document_units(self.store, doc_ids)
        token_lists = [tokens(u["search_text"]) for u in units]
        if self.vectors is not None:
            if replace:
                self.vectors.delete_documents(doc_ids)
            if units:
                vectors = self.cache.encode_passages(self.embedder, [u["search_text"] for u in units])
                self.vectors.add([u["id"] for u in units], vectors,
                                 [{c: u[c] for c in META_COLUMNS} for u in units])
        self.catalog.replace(documents, units, token_lists)
        return len(units)

    def check(self) -> list[str]:
        """Disagreements between the database and the index, one line each (empty: in step)."""
        problems = []
        wanted = {d["id"]: d.get("extracted_with") or "" for d in self.store.list_documents()}
        indexed = self.catalog.documents()
        for doc_id in sorted(set(wanted) - set(indexed)):
            problems.append(f"{doc_id}: in the database but not indexed; run duban index")
        for doc_id in sorted(set(indexed) - set(wanted)):
            problems.append(f"{doc_id}: indexed but no longer in the database; run duban index")
        for doc_id in sorted(set(wanted) & set(indexed)):
            if wanted[doc_id] != indexed[doc_id]:
                problems.append(f"{doc_id}: indexed with extractor {indexed[doc_id] or 'none'}, "
                                f"the database has {wanted[doc_id] or 'none'}; run duban index")
        n_units = self.catalog.count()
        if self.lexical.size != n_units:
            problems.append(f"lexical index has {self.lexical.size} units, the catalog {n_units}; "
                            "run duban index --rebuild")
        if self.vectors is not None:
            try:
                self.vectors.check_embedder()
            except ModelError as exc:
                problems.append(str(exc))
            n_vectors = self.vectors.count()
            if n_vectors != n_units:
                problems.append(f"vector store has {n_vectors} units, the catalog {n_units}; "
                                "run duban index --rebuild")
        return problems

    def region_names(self) -> set[str]:
        """Every region, province, city and county name the indexed units carry."""
        names: set[str] = set()
        for column in ("region", "province", "city", "county"):
            if column in self.lexical.columns:
                names.update(str(v) for v in set(self.lexical.columns[column].tolist()) if v)
        return names

    # -- searching --------------------------------------------------------------------------
    def search(self, query: str, filters: Filters | None = None, k: int = 10,
               use: tuple[str, ...] = ("dense", "lexical")) -> list[Hit]:
        """The ``k`` best units for ``query``, one per sentence; [] when nothing clears the floor.

        ``use`` picks the channels (the evaluation compares each alone with both).
        """
        filters = filters or Filters()
        pool = max(50, 5 * k)
        asked = query_tokens(query)
        found: dict[str, list[tuple[str, float]]] = {}
        if "lexical" in use:
            found["lexical"] = self.lexical.search(asked, filters, pool)
        if self.vectors is not None and "dense" in use:
            self.vectors.check_embedder()
            vector = self.embedder.encode_queries([query])[0]
            found["dense"] = self.vectors.search(vector, filters.chroma_where(), pool)
        units = self.catalog.get({i for ranked in found.values() for i, _ in ranked})
        fused: dict[str, float] = {}
        found_by: dict[str, list[str]] = {}
        for channel, ranked in found.items():
            kept = [i for i, score in ranked if self._relevant(channel, score, asked, units[i])]
            for rank, unit_id in enumerate(kept):
                fused[unit_id] = fused.get(unit_id, 0.0) + 1.0 / (RRF_K + rank + 1)
                found_by.setdefault(unit_id, []).append(channel)
        units = {i: units[i] for i in fused}
        if filters.has_preferences:
            for unit_id, unit in units.items():
                if filters.preferred(unit["unit"], unit["topic"]):
                    fused[unit_id] *= PREFERENCE_BOOST
        best = _one_per_sentence(units, fused, filters, set(asked))
        hits = []
        for rank, (unit_id, score) in enumerate(best[:k], start=1):
            unit = units[unit_id]
            hits.append(Hit(
                rank=rank, score=round(score, 6), kind=unit["unit"], text=unit["text"],
                sentence=unit["sentence"], document_id=unit["document_id"], source=unit["source"],
                title=unit["title"], date=unit["date"], region=unit["region"] or None,
                channels=tuple(sorted(set(found_by[unit_id]))), record=unit["record"],
            ))
        return hits

    def _relevant(self, channel: str, score: float, asked: list[str], unit: dict) -> bool:
        """The relevance floor: a dense match close enough for this model; a lexical match with
        a high BM25 score, or holding most of the query's tokens (a short keyword query)."""
        if channel == "dense":
            return score >= self.embedder.floor
        if score >= LEXICAL_FLOOR:
            return True
        distinct = set(asked)
        return sum(t in unit["search_text"] for t in distinct) >= LEXICAL_COVERAGE * len(distinct)


def _one_per_sentence(units: dict[str, dict], fused: dict[str, float], filters: Filters,
                      query_tokens: set[str]) -> list[tuple[str, float]]:
    """(unit id, score) best first, one per sentence of a document: the sentence's best score,
    shown through the unit of the kind the question prefers (else commitment, figure,
    sentence), and among figures of one sentence the one whose text or subject shares most
    with the query."""
    order = tuple(filters.prefer_units) + tuple(k for k in _KIND_ORDER if k not in filters.prefer_units)
    groups: dict[tuple, list[str]] = {}
    for unit_id, unit in units.items():
        # by text, not index: a document repeating a sentence (感谢您的提问。) shows it once
        groups.setdefault((unit["document_id"], unit["sentence"].strip()), []).append(unit_id)

    def shown(unit_id: str) -> tuple:
        unit = units[unit_id]
        label = f"{(unit['record'] or {}).get('subject') or ''}{unit['text']}"
        return order.index(unit["unit"]), -sum(t in label for t in query_tokens), -fused[unit_id]

    best = [(min(members, key=shown), max(fused[m] for m in members)) for members in groups.values()]
    return sorted(best, key=lambda pair: -pair[1])
