"""The writer lock of a data directory: one duban at a time changes its database and index.

Two ``duban ingest`` runs on one directory would otherwise race on the same documents and
rebuild the index files over each other. The second writer waits, and says so once; readers
never take the lock. The lock is an ``flock`` on ``<data>/writer.lock``, so the kernel releases
it when its process ends, however it ends (SIGKILL included): no stale lock to remove by hand.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .errors import StoreError

LOCK_NAME = "writer.lock"


@contextmanager
def writer_lock(data_dir: Path, say: Callable[[str], None]) -> Iterator[None]:
    """Hold the directory's writer lock for the ``with`` body, waiting for it if need be."""
    path = Path(data_dir) / LOCK_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+")
    except OSError as exc:
        raise StoreError(str(path), f"cannot take the writer lock ({exc.strerror}); "
                                    "writing commands need write access to the data directory") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            say(f"waiting for {holder} to finish writing to {data_dir}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"duban (pid {os.getpid()})")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)
