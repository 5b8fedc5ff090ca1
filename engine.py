"""The cluster duban runs tasks on: Dask distributed, a local one or a scheduler at an address.

The only module that imports ``distributed`` (the ``scale`` extra). docs/scaling.md says why
Dask and not Ray: on a 2-core box a local Dask cluster starts in about 2 s and 157 MB against
Ray's 8–12 s and 700 MB, installs 44 MB against 259 MB, and gives named cluster-wide locks,
which per-host politeness needs.

A task whose worker dies (killed, out of memory) is run again on another worker by the
scheduler; after ``distributed.scheduler.allowed-failures`` (3) deaths it comes back as
``WorkerLost``. Tasks must therefore be idempotent: distribute.py's are, keyed on the
document id (the hash of its bytes) and ``EXTRACTOR_VERSION``.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

from .errors import DubanError, FetchError, UsageError

ENGINES = ("dask",)
CONNECT_TIMEOUT = "10s"


class WorkerLost(DubanError):
    """A task's workers died ``allowed-failures`` times in a row (each time it was redone)."""

    exit_code = 5


class Cluster:
    """A connected Dask client; ``map`` runs a function over items as tasks."""

    def __init__(self, client, local_cluster=None):
        self.client = client
        self._local = local_cluster

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info(n_workers=-1)["workers"]))

    def map(self, func: Callable, items: Iterable, *args: Any) -> Iterator[tuple[Any, Any]]:
        """``(item, func(item, *args))`` for every item, in the order they finish. A task that
        raised re-raises here; one whose workers kept dying raises ``WorkerLost``."""
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        futures = {self.client.submit(func, item, *args, pure=False): item for item in items}
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except KilledWorker:
                raise WorkerLost(None, "a task's worker died each time it ran (killed, or out of memory); "
                                       "the scheduler gave up after distributed.scheduler.allowed-failures") from None

    def close(self) -> None:
        self.client.close()
        if self._local is not None:
            self._local.close()


@contextmanager
def open_cluster(engine: str | None, address: str | None, workers: int | None = None) -> Iterator[Cluster | None]:
    """The cluster ``--engine`` / ``--address`` ask for, or None for the single-process path.

    Without an address a local cluster of ``workers`` (default: the CPU count) single-threaded
    worker processes is started and stopped again. Its workers are not daemons, so extraction
    can fork the budgeted worker of budget.py inside them; a real cluster's workers need
    ``DASK_DISTRIBUTED__WORKER__DAEMON=False`` for the same reason (docs/scaling.md).
    """
    if engine is None:
        if address:
            raise UsageError("--address", "needs --engine dask")
        yield None
        return
    if engine not in ENGINES:
        raise UsageError("--engine", f"{engine!r} is not supported; use dask (docs/scaling.md says why not ray)")
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise UsageError("--engine", "Dask distributed is not installed; pip install 'duban[scale]'") from exc
    local = None
    # Set for the cluster's whole life: a local nanny reads it again when it restarts a worker.
    with dask.config.set({"distributed.worker.daemon": False, "distributed.comm.timeouts.connect": CONNECT_TIMEOUT}):
        try:
            if address:
                client = Client(address, timeout=CONNECT_TIMEOUT)
            else:
                local = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                     dashboard_address=None)
                client = Client(local)
        except (OSError, TimeoutError) as exc:
            if local is not None:
                local.close()
            raise FetchError(address or "--engine", f"no Dask scheduler answered ({exc}); start one "
                                                    "with `dask scheduler` and workers with `dask worker ADDRESS`") from None
        cluster = Cluster(client, local)
        try:
            yield cluster
        finally:
            cluster.close()


@contextmanager
def host_lock(host: str) -> Iterator[None]:
    """Inside a task: hold the cluster-wide lock of one web host, so that one worker at a time
    fetches from it (each with the fetcher's delay), across tasks and across duban runs."""
    from distributed import Lock

    with Lock(f"duban-host:{host}"):
        yield
