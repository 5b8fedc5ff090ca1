"""The index, loaded once at start and used from one thread.

The index keeps SQLite connections (its unit catalog) that may only be used by the thread that
opened them, and the embedding model is not meant to run two queries at once, so every index
call, its construction included, runs on one worker thread; the event loop awaits it.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import date


WARM_UP = "养老服务"


class Searcher:
    """``dense=False`` searches BM25 only (as the index does when no embedder can be built)."""

    def __init__(self, settings, store, dense: bool = True):
        from ..index import Index, ask

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="duban-index")
        self.index = self._pool.submit(Index, settings, store, None, dense).result()
        self.notes = list(self.index.notes)
        self.empty = self._pool.submit(self.index.catalog.count).result() == 0
        if self.empty:  # a data directory ingested with --no-index: the ledger works, search cannot
            self.notes.append("the search index is empty; run `duban index`, then restart duban serve")
        else:
            # One question at start loads the segmenter, the gazetteer and the query path, so
            # the first reader does not wait for them.
            self._pool.submit(ask, self.index, WARM_UP, date.today(), {}, 1).result()

    async def ask(self, question: str, overrides: dict, k: int, without: tuple[str, ...]):
        from ..index import Answer, Filters, ask

        if self.empty:
            return Answer(question=question, filters=Filters())
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._pool, lambda: ask(self.index, question, date.today(), overrides, k, without))

    def units(self) -> int:
        return self._pool.submit(self.index.catalog.count).result()

    def close(self) -> None:
        self._pool.shutdown(wait=False)
