"""Per-document budgets: size, time and memory for parsing, extraction and embedding.

One document must never block the others: a 48 MB text on one line ran extraction for over
5 minutes and 3.5 GB, and every later run retried it first. Here each document is parsed, and
then extracted, in a worker process that this module can kill (``run_within``). A document
over its time budget has its worker killed (the pool is
restarted for the rest); one over the memory budget fails its allocation inside the worker.
Each comes back with the reason in words, and pipeline.py sets it aside (store.py). Size
budgets are checked by the callers before a document is loaded.

Size budgets split before they refuse: parsing cleans a long text in sections of
``section_chars`` (ingest/sections.py), so only extraction and embedding refuse a document for
its length. The index applies ``embed_chars`` itself (index/search.py).

Workers are forked, so they start with the parent's modules already loaded, and the memory
budget is set on top of what the worker inherited (``RLIMIT_AS``).
"""

from __future__ import annotations

import multiprocessing
import resource
from dataclasses import dataclass
from typing import Any, Callable, Generic, Iterator, Sequence, TypeVar

from .errors import DubanError

MAX_CHARS = 3_000_000  # cleaned characters extracted; the longest real report seen is about 400,000
MAX_SECONDS = 300.0  # extraction, per document; a long work report takes under 10 s
MAX_MEMORY = 4 * 1024 ** 3  # bytes a worker may add to what it inherited
SECTION_CHARS = 1_000_000  # parsing cleans a longer text in sections of at most this many characters
PARSE_SECONDS = 120.0  # parsing, per document, plus PARSE_SECONDS_PER_MB for each MB of input:
PARSE_SECONDS_PER_MB = 10.0  # a 40 MB line parses in about 200 s on two busy cores
EMBED_CHARS = 1_000_000  # a longer document is left out of the search index (about 30,000 units)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Budget:
    chars: int = MAX_CHARS
    seconds: float = MAX_SECONDS
    memory: int = MAX_MEMORY
    section_chars: int = SECTION_CHARS
    parse_seconds: float = PARSE_SECONDS
    parse_seconds_per_mb: float = PARSE_SECONDS_PER_MB
    embed_chars: int = EMBED_CHARS

    def parse_limit(self, n_bytes: int) -> float:
        """Seconds parsing a document of ``n_bytes`` may take: a fixed part and a part per MB,
        so a long document is not refused for its length, only one that parses too slowly."""
        return self.parse_seconds + self.parse_seconds_per_mb * n_bytes / 1024 ** 2


@dataclass(frozen=True)
class Outcome(Generic[T, R]):
    item: T
    result: R | None
    reason: str | None = None  # why there is no result
    error: DubanError | None = None  # the work's own one-line refusal (not a budget): not set aside


@dataclass(frozen=True)
class Stage(Generic[T, R]):
    """One kind of work run within budgets: ``work(item)`` in a worker, ``name`` in reasons."""

    name: str  # "parsing", "extraction"
    work: Callable[[T], R]
    seconds: Callable[[T], float]  # the time budget of one item


def run_within(stage: Stage[T, R], items: Sequence[T], processes: int, memory: int) -> Iterator[Outcome[T, R]]:
    """Every item's result, or the reason it has none, in the order given."""
    context = multiprocessing.get_context("fork")
    pool = None
    try:
        todo = list(items)
        while todo:
            pool = pool or context.Pool(processes, initializer=_limit_memory, initargs=(memory,))
            started = [(item, pool.apply_async(_run, (stage.work, stage.name, item, memory))) for item in todo]
            todo = []
            for position, (item, result) in enumerate(started):
                seconds = stage.seconds(item)
                try:
                    value, reason, error = result.get(timeout=seconds)
                except multiprocessing.TimeoutError:
                    pool.terminate()  # the only way to stop it; the others are started again
                    pool = None
                    todo = [i for i, _ in started[position + 1:]]
                    yield Outcome(item, None, f"{stage.name} ran over its {seconds:g} s budget; stopped")
                    break
                yield Outcome(item, value, reason, error)
    finally:
        if pool is not None:
            pool.terminate()


def _limit_memory(memory: int) -> None:
    with open("/proc/self/statm") as statm:
        inherited = int(statm.read().split()[0]) * resource.getpagesize()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = inherited + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _run(work: Callable[[Any], Any], name: str, item: Any, memory: int) -> tuple[Any, str | None, DubanError | None]:
    """In the worker: (result, None, None), or why there is none (the worker itself lives on)."""
    try:
        return work(item), None, None
    except DubanError as exc:
        return None, exc.reason, exc
    except MemoryError:
        return None, f"{name} needed more than its {memory / 1024 ** 3:g} GB memory budget; stopped", None
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the others
        first = str(exc).splitlines()[0][:160] if str(exc) else ""
        return None, f"{name} failed ({type(exc).__name__}: {first})", None
