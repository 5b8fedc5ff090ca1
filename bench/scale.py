"""Extraction as tasks on a local Dask cluster of 1 and 2 workers, beside the single-process pipeline.

    python bench/scale.py [--n 100] [--workers 1,2] [--db postgresql+psycopg://...]

The documents are bench/extract.py's (the seeds with their regions, years and a serial line
varied), stored once in a fresh database (SQLite in a temporary folder unless ``--db``; a
PostgreSQL URL is emptied first: give it a database of its own). Then, in the same run:

- ``single``: ``pipeline.extract_pending`` with one process (the ratio's base), then with its own
  pool of as many processes as the most workers (what ``duban extract`` does on one machine);
- ``dask N``: ``distribute.extract`` (what ``duban extract --engine dask`` does) on a local
  cluster of N single-threaded worker processes, twice: ``cold`` (each worker loads spaCy, the
  gazetteer and the classifier first) and ``warm`` (``--force`` on the same cluster, as on a
  long-lived cluster).

Prints documents/s and the ratio to ``single``. Every run must store the same commitments.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from extract import generate  # noqa: E402  bench/extract.py, beside this script

from duban import distribute  # noqa: E402
from duban.config import load_settings  # noqa: E402
from duban.engine import open_cluster  # noqa: E402
from duban.pipeline import extract_pending  # noqa: E402
from duban.store import Store  # noqa: E402


def _fresh_store(db: str | None, folder: Path, n: int) -> tuple[Store, str]:
    url = db or f"sqlite:///{folder / 'scale.db'}"
    store = Store(url)
    for doc in store.list_documents():
        store.delete_document(doc["id"])
    for doc in generate(n):
        store.save_document(doc)
    return store, url


def _timed(run) -> tuple[float, int]:
    started = time.perf_counter()
    n = run()
    return time.perf_counter() - started, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="duban-scale-"))
    store, url = _fresh_store(args.db, folder, args.n)
    settings = load_settings(data_dir=folder / "data", db=url)
    seconds, n = _timed(lambda: extract_pending(store, force=True, processes=1))
    commitments = store.count("commitments")
    rows = [("single process", None, seconds, n)]
    most = max(map(int, args.workers.split(",")))
    seconds, n = _timed(lambda: extract_pending(store, force=True, processes=most))
    rows.append((f"pipeline's own pool of {most} processes", None, seconds, n))
    for workers in map(int, args.workers.split(",")):
        started = time.perf_counter()
        with open_cluster("dask", None, workers=workers) as cluster:
            up = time.perf_counter() - started
            for label in ("cold", "warm"):
                seconds, n = _timed(lambda: distribute.extract(cluster, store, settings, force=True))
                assert store.count("commitments") == commitments, "a distributed run stored other commitments"
                rows.append((f"dask, {workers} worker(s), {label}", up if label == "cold" else None, seconds, n))
    base = rows[0][3] / rows[0][2]
    print(f"{args.n} documents, {commitments} commitments; database {url.split(':')[0]}")
    print(f"| run | cluster start s | extraction s | documents/s | ratio to single process |")
    print("|---|---|---|---|---|")
    for label, up, seconds, n in rows:
        print(f"| {label} | {'' if up is None else f'{up:.1f}'} | {seconds:.1f} | {n / seconds:.2f} | "
              f"{n / seconds / base:.2f} |")


if __name__ == "__main__":
    main()
