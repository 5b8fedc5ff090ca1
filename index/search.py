"""The semantic index: keeps the dense and lexical channels in step with the store, and searches.

``Index.update`` is incremental: a document is (re)indexed when it is new or was extracted with
another extractor version since it was indexed; documents gone from the store leave no units.
``Index.search`` applies a relevance floor per channel, puts each channel's scores on one scale
(cosine from the floor's band up to the question's best match, BM25 as a share of the best
BM25 score), sums them with ``WEIGHTS`` and shows one unit per sentence, preferring the record
kind the question asks about. Score fusion replaced reciprocal-rank fusion (RRF, k = 60): RRF
gives a unit ranked 3rd by a weak lexical match the same credit as one ranked 3rd by a close
paraphrase, and on the gold questions it scored nDCG@5 0.738 / recall@10 0.809 against
0.75 / 0.85 for this sum (weights 0.5 to 0.7 for dense all reach recall 0.85).
"""

from __future__ import annotations

import os
import time
import uuid
from typing import Iterable

from ..budget import EMBED_CHARS
from ..config import Settings
from ..errors import ModelError, StoreError
from ..progress import Progress
from ..records import Hit, HitRecord, Unit
from .catalog import Catalog
from .embed import EmbeddingCache, Embedder, load_embedder
from .files import generation_of, stamp
from .filters import Filters
from .lexical import LexicalIndex, Postings, query_tokens, tokens
from .matrix import DenseMatrix
from .units import document_units
from .vectors import VectorStore, set_aside, unit_metadata

GENERATION = "generation"  # catalog meta key: the id of the last finished index run
LEFT_OUT = "left_out"  # catalog meta key: how many documents were over the index's budget
SCHEMA_KEY = "schema"  # catalog meta key: the unit fields the index was built with
# 2: units carry plan years (index/years.py), which year filters read. An index built before
# (no key; schema 1) is rebuilt by `duban index` and refused by searches.
SCHEMA = "2"

# Weight of each channel's normalised score; dense leads: alone it answers better (gold
# nDCG@5 0.697 against 0.643) and it is the one that finds paraphrases.
WEIGHTS = {"dense": 0.6, "lexical": 0.4}
# e5 cosines of relevant passages reach down to 0.85, those of unrelated questions up to 0.854:
# one floor cannot separate them, so the floor (0.87) gates the question and the band below it
# admits passages once the question passed.
DENSE_BAND = 0.02
# BM25 score under which a lexical match is a few common characters and bigrams, not an answer:
# unrelated questions (量子计算机芯片的制程工艺) reach 5.5 on the seeds; the gold answers'
# ranking is the same for floors 5 to 8 (tests/test_index_answers.py).
LEXICAL_FLOOR = 7.0
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

    def __init__(self, settings: Settings, store, embedder: Embedder | None = None, dense: bool = True,
                 recover: bool = False):
        """``recover=True`` (``duban index --rebuild``): a local vector store that cannot be
        opened is set aside and recreated instead of being an error."""
        self.settings, self.store = settings, store
        self.notes: list[str] = []
        self.embed_chars = EMBED_CHARS  # a longer document is left out (budget.py)
        directory = settings.index_dir
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(str(directory), f"cannot create the index folder ({exc.strerror}); "
                                             "build it with duban index where the data directory is writable") from exc
        self.catalog = Catalog(directory / "units.sqlite")
        self.stale = self._stale()
        self.lexical = LexicalIndex(directory / "bm25")
        if not self.stale:  # an older index's lexical files lack columns this one filters on
            self.lexical.load()
        self.embedder = embedder
        if self.embedder is None and dense:
            try:
                self.embedder = load_embedder(settings)
            except ModelError as exc:
                if settings.embed_model:
                    raise
                self.notes.append(f"dense search off ({exc}); using lexical search only")
        self._vectors: VectorStore | None = None
        self._recover = recover
        self.matrix = None  # the local dense query path; None: query Chroma (a server) instead
        if self.embedder is not None:
            self.cache = EmbeddingCache(directory / "embeddings.sqlite")
            if not settings.chroma_url:
                self.matrix = DenseMatrix(directory / "dense")
                self.matrix.load()
            else:  # the server answers every dense query: an unreachable one is an error now
                self._vectors = self._open_vectors(recover)

    def _stale(self) -> str | None:
        """Why the index cannot be searched as built (an older unit schema), or None."""
        built = self.catalog.get_meta(SCHEMA_KEY)
        if built == SCHEMA or (built is None and self.catalog.get_meta(GENERATION) is None
                               and not self.catalog.count()):
            return None
        return f"the index was built by an older duban (index schema {built or 1}, this one reads {SCHEMA})"

    def _refuse_stale(self) -> None:
        if self.stale:
            raise StoreError(str(self.settings.index_dir), f"{self.stale}; run duban index to rebuild it")

    @property
    def vectors(self) -> VectorStore | None:
        """The Chroma collection (None without dense search), opened on first use: importing
        chromadb takes 2 s, and a question on a local index reads the dense matrix instead."""
        if self._vectors is None and self.embedder is not None:
            self._vectors = self._open_vectors(self._recover)
        return self._vectors

    def _open_vectors(self, recover: bool) -> VectorStore:
        try:
            return VectorStore(self.settings, self.embedder.name, self.embedder.dim)
        except StoreError as exc:
            if not recover or self.settings.chroma_url:
                raise
            aside = set_aside(self.settings)
            self.notes.append(f"the vector store could not be opened ({exc.reason}); "
                              f"moved it to {aside} and building a new one")
            return VectorStore(self.settings, self.embedder.name, self.embedder.dim)

    # -- building ---------------------------------------------------------------------------
    def update(self, progress: Progress | None = None, rebuild: bool = False) -> dict:
        """Index new and changed documents, drop removed ones, verify, then commit a new
        generation (see ``incomplete``); returns counts.

        The catalog's generation is emptied first and set last, so a run that is interrupted
        anywhere in between leaves an index that ``incomplete`` reports.
        """
        started = time.perf_counter()
        if self.stale:
            self.notes.append(f"{self.stale}; rebuilding it")
            rebuild = True
        self.catalog.set_meta(GENERATION, "")
        if rebuild:
            self.catalog.clear()
            if self.vectors is not None:
                self._reset_vectors()
        elif self.vectors is not None:
            self.vectors.check_embedder()
        dense_name = self.embedder.name if self.embedder else ""
        if self.vectors is not None and self.catalog.get_meta("embedder") != dense_name:
            self.catalog.clear()  # units indexed before dense search was on have no vectors
        if self.vectors is not None and self.vectors.count() != self.catalog.count():
            # the vector store was lost or cut short: its units cannot be told apart, redo them
            self.notes.append(f"the vector store holds {self.vectors.count()} units, the catalog "
                              f"{self.catalog.count()}; indexing every document again")
            self.catalog.clear()
            self._reset_vectors()
        wanted, left_out = self._indexable()
        self._set_aside(left_out)
        indexed = self.catalog.documents()
        removed = [d for d in indexed if d not in wanted]
        todo = [d for d, version in wanted.items() if indexed.get(d) != version]
        if removed:
            self.catalog.remove(removed)
            if self.vectors is not None:
                self.vectors.delete_documents(removed)
        # Building from nothing, every unit passes through here: the search files are built
        # from what is gathered here rather than read back from the catalog (3 s of JSON at 100k units).
        fresh = None if indexed else _Gathered()
        n_units = 0
        for start in range(0, len(todo), _BATCH_DOCS):
            batch = todo[start:start + _BATCH_DOCS]
            units, token_lists = self._index_documents({d: wanted[d] for d in batch}, replace=bool(indexed))
            n_units += len(units)
            if fresh is not None:
                fresh.extend(zip(units, token_lists))
            if progress:
                progress("index", min(start + _BATCH_DOCS, len(todo)), len(todo))
        n_catalog = self.catalog.count()
        generation = uuid.uuid4().hex
        if removed or todo or self.lexical.size != n_catalog or (
                self.matrix is not None and self.matrix.size != n_catalog):
            self._rebuild_search_files(fresh if fresh is not None else _Gathered.of(self.catalog.all_units()),
                                       generation)
        else:
            stamp(self.lexical.directory, generation)
            if self.matrix is not None:
                stamp(self.matrix.directory, generation)
        if self.vectors is not None:
            self.catalog.set_meta("embedder", dense_name)
        self.catalog.set_meta(LEFT_OUT, str(len(left_out)))
        problems = self._disagreements()
        if problems:
            raise StoreError(str(self.settings.index_dir), f"the index did not come out whole "
                             f"({problems[0]}); run duban index --rebuild")
        self.catalog.set_meta(SCHEMA_KEY, SCHEMA)
        self.catalog.set_meta(GENERATION, generation)
        self.stale = None
        return {
            "indexed_documents": len(todo), "removed_documents": len(removed), "new_units": n_units,
            "units": self.catalog.count(), "dense": self.vectors is not None,
            "embedder": dense_name or None, "seconds": round(time.perf_counter() - started, 2),
        }

    def _indexable(self) -> tuple[dict[str, str], list[dict]]:
        """(document id → extractor version, for the documents to index; the documents over
        the embedding budget, which are left out: embedding 400,000 sentences of one text
        would hold up every other document for hours)."""
        wanted, left_out = {}, []
        for doc in self.store.list_documents():
            if (doc.get("n_chars") or 0) > self.embed_chars:
                left_out.append(doc)
            else:
                wanted[doc["id"]] = doc.get("extracted_with") or ""
        return wanted, left_out

    def _set_aside(self, left_out: list[dict]) -> None:
        """Record each document left out in the store's quarantine (unless a stage before set it
        aside), say so in a note, and clear the records of those now within the budget."""
        failed = {f["id"]: f["stage"] for f in self.store.failed_documents() if f["id"]}
        over = {d["id"] for d in left_out}
        for doc_id, stage in failed.items():
            if stage == "index" and doc_id not in over:
                self.store.clear_failure(doc_id)
        for doc in left_out:
            reason = (f"{doc['n_chars']:,} characters, over the search index budget of "
                      f"{self.embed_chars:,}; left out of the index (it stays in the ledger)")
            if doc["id"] not in failed:
                self.store.mark_failed(doc["id"], "index", reason)
            self.notes.append(f"warning: {doc['source']}: {reason}; split the file to make it searchable")

    def _index_documents(self, documents: dict[str, str], replace: bool) -> tuple[list[Unit], list[list[str]]]:
        """Store these documents' units (and vectors); returns the units and their tokens."""
        doc_ids = list(documents)
        units = document_units(self.store, doc_ids)
        token_lists = [tokens(u.search_text) for u in units]
        if self.vectors is not None:
            if replace:
                self.vectors.delete_documents(doc_ids)
            if units:
                vectors = self.cache.encode_passages(self.embedder, [u.search_text for u in units])
                self.vectors.add([u.id for u in units], vectors, [unit_metadata(u) for u in units])
        self.catalog.replace(documents, units, token_lists)
        return units, token_lists

    def _reset_vectors(self) -> None:
        """An empty vector store; a local one too damaged to reset is set aside and recreated."""
        try:
            self.vectors.reset()
        except StoreError as exc:
            if self.settings.chroma_url:
                raise
            aside = set_aside(self.settings)
            self.notes.append(f"the vector store could not be reset ({exc.reason}); moved it to {aside}")
            self._vectors = VectorStore(self.settings, self.embedder.name, self.embedder.dim)

    def _rebuild_search_files(self, gathered: _Gathered, generation: str) -> None:
        """The BM25 index and the dense matrix over every unit of the catalog, in one order."""
        self.lexical.build(gathered.postings)
        gathered.postings = None  # its token lists are the largest thing a build holds
        self.lexical.save(generation)
        if self.matrix is not None:
            self.matrix.set(*self.cache.distinct(self.embedder, gathered.texts))
            self.matrix.save(generation)

    def _disagreements(self, with_vectors: bool = True) -> list[str]:
        """Whether the parts of the index hold the same units (catalog, BM25, vectors, matrix)."""
        n_units = self.catalog.count()
        parts = {"lexical index": self.lexical.size}
        if with_vectors and self.vectors is not None:
            parts["vector store"] = self.vectors.count()
        if self.matrix is not None:
            parts["dense matrix"] = self.matrix.size
        return [f"{name} has {n} units, the catalog {n_units}" for name, n in parts.items() if n != n_units]

    def incomplete(self) -> str | None:
        """Why the index may miss documents, or None: cheap checks for ``duban ask`` (no scan).

        The catalog, the lexical folder and the dense matrix must carry the generation the last
        finished ``duban index`` committed, the vector store as many units as the catalog, and
        the catalog as many documents as the database.
        """
        self._refuse_stale()
        generation = self.catalog.get_meta(GENERATION)
        if not generation:
            return "an index run did not finish" if generation == "" else "it has not been built"
        folders = [self.lexical.directory] + ([self.matrix.directory] if self.matrix is not None else [])
        if any(generation_of(folder) != generation for folder in folders):
            return "its search files are from another index run"
        # A local index answers from the dense matrix: its vector store is not opened (2 s)
        # to be counted here; `duban index --check` counts it.
        problems = self._disagreements(with_vectors=self.matrix is None) if self.embedder is not None else []
        if problems:
            return problems[0]
        indexed, stored = len(self.catalog.documents()), self.store.count("documents")
        if indexed + int(self.catalog.get_meta(LEFT_OUT) or 0) != stored:
            return f"the database has {stored} documents, the index {indexed}"
        return None

    def check(self) -> list[str]:
        """Disagreements between the database and the index, one line each (empty: in step)."""
        if self.stale:
            return [f"{self.stale}; run duban index to rebuild it"]
        problems = []
        wanted, _ = self._indexable()
        indexed = self.catalog.documents()
        for doc_id in sorted(set(wanted) - set(indexed)):
            problems.append(f"{doc_id}: in the database but not indexed; run duban index")
        for doc_id in sorted(set(indexed) - set(wanted)):
            problems.append(f"{doc_id}: indexed but no longer in the database; run duban index")
        for doc_id in sorted(set(wanted) & set(indexed)):
            if wanted[doc_id] != indexed[doc_id]:
                problems.append(f"{doc_id}: indexed with extractor {indexed[doc_id] or 'none'}, "
                                f"the database has {wanted[doc_id] or 'none'}; run duban index")
        if self.vectors is not None:
            try:
                self.vectors.check_embedder()
            except ModelError as exc:
                problems.append(str(exc))
        problems += [f"{problem}; run duban index" for problem in self._disagreements()]
        if self.catalog.get_meta(GENERATION) == "":
            problems.append("the last index run did not finish; run duban index")
        return problems

    def region_names(self) -> set[str]:
        """Every region, province, city and county name the indexed units carry."""
        return self.lexical.region_names()

    # -- searching --------------------------------------------------------------------------
    def search(self, query: str, filters: Filters | None = None, k: int = 10,
               use: tuple[str, ...] = ("dense", "lexical"), places: tuple[str, ...] | None = None) -> list[Hit]:
        """The ``k`` best units for ``query``, one per sentence; [] when nothing clears the floor.

        ``use`` picks the channels (the evaluation compares each alone with both). ``places``:
        the place names of the query, which alone make no lexical match relevant (by default
        the filter's regions; ``ask`` passes the question's when it has relaxed them).
        """
        self._refuse_stale()
        if not self.lexical.size:
            return []  # nothing indexed yet (every unit is in the lexical index)
        filters = filters or Filters()
        pool = max(200, 20 * k)
        asked = query_tokens(query)
        found: dict[str, list[tuple[str, float]]] = {}
        if "lexical" in use:
            found["lexical"] = self.lexical.search(asked, filters, pool)
        if self.embedder is not None and "dense" in use:
            dense = self._dense_search(query, filters, pool)
            if dense is not None:
                found["dense"] = dense
        units = self.catalog.get({i for ranked in found.values() for i, _ in ranked})
        # an incomplete index (a run cut short) may rank units its catalog no longer has
        found = {channel: [(i, s) for i, s in ranked if i in units] for channel, ranked in found.items()}
        found_by: dict[str, list[str]] = {}
        for channel, ranked in found.items():
            for unit_id, _ in self._relevant(channel, ranked, asked, units,
                                             filters.regions if places is None else places):
                found_by.setdefault(unit_id, []).append(channel)
        # Floors pick the candidates; each candidate then counts its score in both channels.
        fused = dict.fromkeys(found_by, 0.0)
        for channel, ranked in found.items():
            if not ranked:
                continue
            low = self.embedder.floor - DENSE_BAND if channel == "dense" else 0.0
            top = max(ranked[0][1] - low, 1e-9)
            for unit_id, score in ranked:
                if unit_id in fused and score > low:
                    fused[unit_id] += WEIGHTS[channel] * (score - low) / top
        units = {i: units[i] for i in fused}
        if filters.has_preferences:
            for unit_id, unit in units.items():
                if filters.preferred(unit.unit, unit.topic):
                    fused[unit_id] *= PREFERENCE_BOOST
        best = _one_per_sentence(units, fused, filters, set(asked))
        hits = []
        for rank, (unit_id, score) in enumerate(best[:k], start=1):
            unit = units[unit_id]
            hits.append(Hit(
                rank=rank, score=round(score, 6), kind=unit.unit, text=unit.text,
                sentence=unit.sentence, document_id=unit.document_id, source=unit.source,
                title=unit.title, date=unit.date, region=unit.region or None,
                channels=tuple(sorted(set(found_by[unit_id]))), record=unit.record,
                sentence_index=unit.sentence_index,
            ))
        return hits

    def _dense_search(self, query: str, filters: Filters, pool: int) -> list[tuple[str, float]] | None:
        """(unit id, cosine) from the dense matrix, or from Chroma when the matrix is not in step
        (an index run cut short). None when that needs a local Chroma store in a folder this
        process cannot write: Chroma opens its files for writing, so lexical search answers."""
        local = self.matrix is not None and self.matrix.size == self.lexical.size
        try:
            self._check_embedder(local)
            vector = self.embedder.encode_queries([query])[0]
            if local:
                return [(self.lexical.ids[i], score) for i, score in
                        self.matrix.search(vector, self.lexical.mask_for(filters), pool)]
            return self.vectors.search(vector, filters.chroma_where(), pool)
        except StoreError as exc:
            if local or self.settings.chroma_url or os.access(self.settings.index_dir, os.W_OK):
                raise
            self.notes.append("warning: dense search is unavailable (the dense matrix is not in step, and the "
                              "vector store cannot be opened in a read-only folder); answering with lexical "
                              "search only; `duban index` where the folder is writable repairs it")
            return None

    def _check_embedder(self, local: bool) -> None:
        """Refuse to query an index built with another embedder: the collection's record of it,
        or for the ``local`` matrix the catalog's."""
        if not local:
            self.vectors.check_embedder()
            return
        built = self.catalog.get_meta("embedder")
        if built and built != self.embedder.name:
            raise ModelError(str(self.settings.index_dir), f"index built with {built}, active "
                                                           f"embedder is {self.embedder.name}; "
                                                           "run duban index --rebuild")

    def _relevant(self, channel: str, ranked: list[tuple[str, float]], asked: list[str],
                  units: dict[str, Unit], places: tuple[str, ...] = ()) -> list[tuple[str, float]]:
        """The relevance floor. Dense: nothing unless the best match reaches the model's floor
        (the question is about something indexed), then every match down to ``DENSE_BAND``
        under that floor. Lexical: see ``_relevant_text``, over the question's words and bigrams
        outside the ``places`` filtered on: the filter already holds the place, and a sentence
        sharing only its name (a report's dateline, ……在西吉县…会议上) answers nothing asked."""
        if channel == "dense":
            if not ranked or ranked[0][1] < self.embedder.floor:
                return []
            return [(i, s) for i, s in ranked if s >= self.embedder.floor - DENSE_BAND]
        terms = {t for t in asked if len(t) > 1}  # words and bigrams: single characters match anything
        terms = {t for t in terms if not any(t in place for place in places)} or terms
        return [(i, s) for i, s in ranked if _relevant_text(units[i].search_text, s, terms)]


class _Gathered:
    """Every unit of a build, as the search files need them: lexical postings and the texts
    the dense matrix looks up (not the units themselves, which carry their records)."""

    def __init__(self):
        self.postings: Postings | None = Postings()
        self.texts: list[str] = []

    @classmethod
    def of(cls, pairs: Iterable[tuple[Unit, list[str]]]) -> _Gathered:
        gathered = cls()
        gathered.extend(pairs)
        return gathered

    def extend(self, pairs: Iterable[tuple[Unit, list[str]]]) -> None:
        """Add (unit, its tokens) pairs."""
        for unit, unit_tokens in pairs:
            self.postings.add(unit, unit_tokens)
            self.texts.append(unit.search_text)


def _relevant_text(text: str, score: float, terms: set[str]) -> bool:
    """A lexical match is an answer when it shares a word or bigram with the question and
    either scores high or holds most of the question's words and bigrams."""
    shared = sum(t in text for t in terms)
    return shared > 0 and (score >= LEXICAL_FLOOR or shared >= LEXICAL_COVERAGE * len(terms))


def _one_per_sentence(units: dict[str, Unit], fused: dict[str, float], filters: Filters,
                      query_tokens: set[str]) -> list[tuple[str, float]]:
    """(unit id, score) best first, one per sentence of a document: the sentence's best score,
    shown through the unit of the kind the question prefers (else commitment, figure,
    sentence), and among figures of one sentence the one whose text or subject shares most
    with the query, a new value before its baseline (由3015元提高到5400元 answers with 5400)."""
    order = tuple(filters.prefer_units) + tuple(k for k in _KIND_ORDER if k not in filters.prefer_units)
    groups: dict[tuple, list[str]] = {}
    for unit_id, unit in units.items():
        # by text, not index: a document repeating a sentence (感谢您的提问。) shows it once
        groups.setdefault((unit.document_id, unit.sentence.strip()), []).append(unit_id)

    def shown(unit_id: str) -> tuple:
        unit = units[unit_id]
        record = unit.record or HitRecord(row={})
        label = f"{record.subject or ''}{unit.text}"
        return (order.index(unit.unit), -sum(t in label for t in query_tokens),
                bool(record.baseline_of), -fused[unit_id])

    best = [(min(members, key=shown), max(fused[m] for m in members)) for members in groups.values()]
    return sorted(best, key=lambda pair: -pair[1])
