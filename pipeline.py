"""The main job as library calls: ingest sources → store → extract → index.

Each input is one unit of work: its failure is recorded and the others go on. Each document
is written in its own transaction (store.py), so an interrupted run loses nothing stored.
Progress is reported through a callback so the CLI can draw bars and tests can stay quiet.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterable, Iterator

from .config import Settings
from .budget import Budget, Stage, run_within
from .errors import DubanError, InputError
from .progress import Progress, quiet
from .records import ParsedDocument, RawDocument
from .store import Store

@dataclass
class IngestReport:
    added: list[tuple[str, str]] = field(default_factory=list)  # (id, source)
    unchanged: list[tuple[str, str]] = field(default_factory=list)
    failed: list[DubanError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said to the user, not failures

    @property
    def exit_code(self) -> int:
        return max((e.exit_code for e in self.failed), default=0)

    def merge(self, other: "IngestReport") -> None:
        """Add another part's outcomes (a distributed task's) to this report."""
        for name in ("added", "unchanged", "failed", "notes"):
            getattr(self, name).extend(getattr(other, name))


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _raw_documents(sources: Iterable[str], settings: Settings, crawl: bool, max_pages: int,
                   fetcher=None) -> Iterator[RawDocument | DubanError]:
    """Every input as raw bytes, or the error that stopped it; folders and listings expanded."""
    from .ingest import expand_paths, read_file

    for source in sources:
        if is_url(source):
            if fetcher is None:
                from .ingest.fetch import Fetcher

                fetcher = Fetcher(settings.cache_dir, max_bytes=settings.max_bytes)
            if crawl:
                from .ingest.crawl import crawl as crawl_site

                yield from crawl_site(fetcher, source, max_pages=max_pages)
            else:
                try:
                    yield fetcher.get(source)
                except DubanError as exc:
                    yield exc
            continue
        for path in expand_paths([Path(source)]):
            if isinstance(path, DubanError):
                yield path
                continue
            try:
                yield read_file(path, settings.max_bytes)
            except DubanError as exc:
                yield exc


def ingest_sources(store: Store, settings: Settings, sources: list[str], crawl: bool = False,
                   max_pages: int = 50, progress: Progress = quiet, fetcher=None, retry_failed: bool = False,
                   budget: Budget = Budget(), processes: int | None = None) -> IngestReport:
    """Parse and store every input; returns what was added, already there, or failed.

    Bytes already stored are not parsed again. The others are parsed smallest first, each in a
    worker within its time and memory budget (budget.py), and stored as soon as each is done:
    a large input never holds up the rest. One over budget is set aside by the hash of its
    bytes, and later runs skip it (with a note) unless ``retry_failed``.
    """
    from .ingest.fetch import site

    report = IngestReport()
    todo: list[RawDocument] = []
    for item in _raw_documents(sources, settings, crawl, max_pages, fetcher):
        if isinstance(item, DubanError):
            report.failed.append(item)
            continue
        if item.url and is_url(item.source) and site(item.url) != site(item.source):
            report.notes.append(f"{item.source}: redirected off its site to {item.url}; ingested from there")
        sha = hashlib.sha256(item.data).hexdigest()
        stored, set_aside = store.document_with_sha(sha), store.input_set_aside(sha)
        if stored:
            report.unchanged.append((stored, item.source))
        elif set_aside and not retry_failed:
            report.notes.append(f"{item.source}: set aside by an earlier run ({set_aside}); "
                                "`duban ingest --retry-failed` retries it")
        else:
            todo.append(item)
    done = len(report.failed) + len(report.unchanged)
    total = done + len(todo)
    todo.sort(key=lambda raw: len(raw.data))
    if todo:
        warm_document()
    for outcome in run_within(_parsing(budget), todo, _processes(processes, len(todo)), budget.memory):
        raw = outcome.item
        if outcome.result is not None:
            try:
                doc_id, created = store.save_document(outcome.result)
            except DubanError as exc:
                report.failed.append(exc)
            else:
                (report.added if created else report.unchanged).append((doc_id, raw.source))
                if retry_failed:
                    store.clear_input(outcome.result.sha256)
        elif outcome.error is not None:
            report.failed.append(outcome.error)
        else:
            store.set_aside_input(hashlib.sha256(raw.data).hexdigest(), raw.source, "parse", outcome.reason)
            report.failed.append(InputError(raw.source, f"{outcome.reason}; set aside, "
                                                        "`duban ingest --retry-failed` retries it"))
        done += 1
        progress("ingest", done, total)
    return report


@lru_cache(maxsize=1)
def warm_document() -> ParsedDocument:
    """A one-sentence document parsed here, which loads the text pipeline (OpenCC, the
    gazetteer) in this process once: the parsing and extraction workers fork with it loaded
    instead of each loading it again."""
    from .ingest import parse_raw

    return parse_raw(RawDocument("warm-up.txt", "临沂市将于2021年底前新增养老床位4000张。".encode(), filename="warm-up.txt"))


@lru_cache(maxsize=1)
def warm_extraction() -> None:
    """Load spaCy (and with it torch), jieba, the gazetteer and the classifier in this process
    once, before budget.py forks the extraction workers: each inherits them instead of loading its
    own (about 5 CPU seconds per worker, paid by every ``extract_documents`` call before)."""
    from .extract import extract_document

    extract_document(warm_document())


def _parsing(budget: Budget) -> Stage:
    from .ingest import parse_raw

    return Stage("parsing", partial(parse_raw, section_chars=budget.section_chars),
                 seconds=lambda raw: budget.parse_limit(len(raw.data)))


def _extraction(budget: Budget) -> Stage:
    from .extract import extract_document

    return Stage("extraction", extract_document, seconds=lambda doc: budget.seconds)


def _processes(processes: int | None, n_items: int) -> int:
    """Workers for ``n_items`` documents: more than one only when there are enough to pay for it."""
    return (processes or min(os.cpu_count() or 1, 4)) if n_items >= 40 else 1


def extract_pending(store: Store, force: bool = False, processes: int | None = None,
                    progress: Progress = quiet, retry_failed: bool = False,
                    failures: list[DubanError] | None = None, budget: Budget = Budget()) -> int:
    """Extract every document not yet extracted by this extractor version; returns the count.

    Each document is extracted within its budget (budget.py); one over it is put in
    quarantine with the reason, appended to ``failures``, and skipped by later runs unless
    ``retry_failed``. Shorter documents go first, so a long one holds up none of them; one over
    the size budget is not even loaded. Documents are spread over worker processes when there
    are enough to pay for more than one.
    """
    from .extract import EXTRACTOR_VERSION

    ids = store.pending_extraction(EXTRACTOR_VERSION, force=force, retry_failed=retry_failed)
    return extract_documents(store, ids, processes, progress, retry_failed, failures, budget)


def extract_documents(store: Store, ids: list[str], processes: int | None = None,
                      progress: Progress = quiet, retry_failed: bool = False,
                      failures: list[DubanError] | None = None, budget: Budget = Budget()) -> int:
    """Extract these documents within their budget, store each outcome; returns the count
    extracted. One distributed task (distribute.py) runs this on its share of the ids."""
    from .extract import EXTRACTOR_VERSION

    if not ids:
        return 0
    warm_extraction()
    stored = {d["id"]: d for d in store.list_documents()}
    sizes = {doc_id: stored[doc_id]["n_chars"] or 0 for doc_id in ids}
    ids.sort(key=sizes.get)
    processes = _processes(processes, len(ids))
    stage = _extraction(budget)
    done = extracted = 0

    def set_aside(doc_id: str, source: str, reason: str) -> None:
        store.mark_failed(doc_id, "extract", reason)
        if failures is not None:
            failures.append(InputError(source, f"{reason}; set aside, `duban extract --retry-failed` retries it"))

    for batch_start in range(0, len(ids), 256):  # bounded memory on large stores
        batch = ids[batch_start:batch_start + 256]
        docs = []
        for doc_id in batch:
            if sizes[doc_id] > budget.chars:  # not even loaded
                set_aside(doc_id, stored[doc_id]["source"], f"{sizes[doc_id]:,} characters, over the extraction "
                          f"budget of {budget.chars:,}; split the document into smaller files")
                done += 1
                progress("extract", done, len(ids))
            else:
                docs.append(store.load_parsed(doc_id))
        for outcome in run_within(stage, docs, processes, budget.memory):
            doc = outcome.item
            if outcome.result is None:
                set_aside(doc.id, doc.source, outcome.reason)
            else:
                store.save_extraction(doc, outcome.result, EXTRACTOR_VERSION)
                if retry_failed:
                    store.clear_failure(doc.id)
                extracted += 1
            done += 1
            progress("extract", done, len(ids))
    return extracted
