"""Per-document budgets for extraction: size, time and memory, enforced in worker processes.

One document must never block the others: a 48 MB text on one line ran extraction for over
5 minutes and 3.5 GB, and every later run retried it first. Here each document is extracted in
a worker process that this module can kill. A document over the size budget is not started;
one over the time budget has its worker killed (the pool is restarted for the rest); one over
the memory budget fails its allocation inside the worker. Each comes back with the reason in
words, and pipeline.py puts it in quarantine (store.py ``failures``).

Workers are forked, so they start with the parent's modules already loaded, and the memory
budget is set on top of what the worker inherited (``RLIMIT_AS``).
"""

from __future__ import annotations

import multiprocessing
import resource
from dataclasses import dataclass
from typing import Iterator, Sequence

from .records import Extraction, ParsedDocument

MAX_CHARS = 3_000_000  # cleaned characters; the longest real report seen is about 400,000
MAX_SECONDS = 300.0  # per document; a long work report takes under 10 s
MAX_MEMORY = 4 * 1024 ** 3  # bytes a worker may add to what it inherited


@dataclass(frozen=True)
class Budget:
    chars: int = MAX_CHARS
    seconds: float = MAX_SECONDS
    memory: int = MAX_MEMORY


@dataclass(frozen=True)
class Outcome:
    doc: ParsedDocument
    extraction: Extraction | None
    reason: str | None = None  # why there is no extraction


def extract_all(docs: Sequence[ParsedDocument], processes: int, budget: Budget = Budget()) -> Iterator[Outcome]:
    """Every document's extraction or the reason it has none, in the order given."""
    context = multiprocessing.get_context("fork")
    pool = None
    try:
        todo = list(docs)
        while todo:
            pool = pool or context.Pool(processes, initializer=_limit_memory, initargs=(budget.memory,))
            started = [(d, None if len(d.text) > budget.chars else pool.apply_async(_extract, (d, budget.memory)))
                       for d in todo]
            todo = []
            for position, (doc, result) in enumerate(started):
                if result is None:
                    yield Outcome(doc, None, f"{len(doc.text):,} characters, over the extraction budget "
                                             f"of {budget.chars:,}; split the document into smaller files")
                    continue
                try:
                    extraction, error = result.get(timeout=budget.seconds)
                except multiprocessing.TimeoutError:
                    pool.terminate()  # the only way to stop it; the others are started again
                    pool = None
                    todo = [d for d, _ in started[position + 1:]]
                    yield Outcome(doc, None, f"extraction ran over its {budget.seconds:g} s budget; stopped")
                    break
                yield Outcome(doc, extraction, error)
    finally:
        if pool is not None:
            pool.terminate()


def _limit_memory(memory: int) -> None:
    with open("/proc/self/statm") as statm:
        inherited = int(statm.read().split()[0]) * resource.getpagesize()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = inherited + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _extract(doc: ParsedDocument, memory: int) -> tuple[Extraction | None, str | None]:
    """In the worker: the extraction, or why it failed (the worker itself lives on)."""
    from .extract import extract_document

    try:
        return extract_document(doc), None
    except MemoryError:
        return None, f"extraction needed more than its {memory / 1024 ** 3:g} GB memory budget; stopped"
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the others
        return None, f"extraction failed ({type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''})"
