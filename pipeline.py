"""The main job as library calls: ingest sources → store → extract → index.

Each input is one unit of work: its failure is recorded and the others go on. Each document
is written in its own transaction (store.py), so an interrupted run loses nothing stored.
Progress is reported through a callback so the CLI can draw bars and tests can stay quiet.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .config import Settings
from .budget import Budget, extract_all
from .errors import DubanError, InputError
from .records import RawDocument
from .store import Store

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _quiet(stage: str, done: int, total: int) -> None:
    return None


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
                   max_pages: int = 50, progress: Progress = _quiet, fetcher=None) -> IngestReport:
    """Parse and store every input; returns what was added, already there, or failed."""
    from .ingest import parse_raw
    from .ingest.fetch import site

    report = IngestReport()
    items = list(_raw_documents(sources, settings, crawl, max_pages, fetcher))
    for done, item in enumerate(items, start=1):
        if isinstance(item, DubanError):
            report.failed.append(item)
        else:
            if item.url and is_url(item.source) and site(item.url) != site(item.source):
                report.notes.append(f"{item.source}: redirected off its site to {item.url}; ingested from there")
            try:
                doc = parse_raw(item)
                doc_id, created = store.save_document(doc)
                (report.added if created else report.unchanged).append((doc_id, doc.source))
            except DubanError as exc:
                report.failed.append(exc)
        progress("ingest", done, len(items))
    return report


def extract_pending(store: Store, force: bool = False, processes: int | None = None,
                    progress: Progress = _quiet, retry_failed: bool = False,
                    failures: list[DubanError] | None = None, budget: Budget = Budget()) -> int:
    """Extract every document not yet extracted by this extractor version; returns the count.

    Each document is extracted within its budget (budget.py); one over it is put in
    quarantine with the reason, appended to ``failures``, and skipped by later runs unless
    ``retry_failed``. Documents are spread over worker processes when there are enough to pay
    for more than one.
    """
    from .extract import EXTRACTOR_VERSION

    ids = store.pending_extraction(EXTRACTOR_VERSION, force=force, retry_failed=retry_failed)
    return extract_documents(store, ids, processes, progress, retry_failed, failures, budget)


def extract_documents(store: Store, ids: list[str], processes: int | None = None,
                      progress: Progress = _quiet, retry_failed: bool = False,
                      failures: list[DubanError] | None = None, budget: Budget = Budget()) -> int:
    """Extract these documents within their budget, store each outcome; returns the count
    extracted. One distributed task (distribute.py) runs this on its share of the ids."""
    from .extract import EXTRACTOR_VERSION

    if not ids:
        return 0
    processes = processes or min(os.cpu_count() or 1, 4)
    processes = processes if len(ids) >= 40 else 1
    done = extracted = 0
    for batch_start in range(0, len(ids), 256):  # bounded memory on large stores
        docs = [store.load_parsed(i) for i in ids[batch_start:batch_start + 256]]
        for outcome in extract_all(docs, processes, budget):
            if outcome.extraction is None:
                store.mark_failed(outcome.doc.id, "extract", outcome.reason)
                if failures is not None:
                    failures.append(InputError(outcome.doc.source, f"{outcome.reason}; set aside, "
                                                                   "`duban extract --retry-failed` retries it"))
            else:
                store.save_extraction(outcome.doc, outcome.extraction, EXTRACTOR_VERSION)
                if retry_failed:
                    store.clear_failure(outcome.doc.id)
                extracted += 1
            done += 1
            progress("extract", done, len(ids))
    return extracted
