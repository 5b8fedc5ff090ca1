"""Index build: units/s and peak RSS, hybrid and lexical, each in a fresh process.

    python bench/index.py                   # 10000 and 100000 units
    python bench/index.py --units 20000

The store is bench/ask.py's: the seed documents copied under varied regions and dates (their
sentences repeat, so after the first copy every vector comes from the embedding cache). Each
build runs in its own process, so its peak RSS is its own: the store is made first and its
RSS reported apart. Printed per size: the hybrid build (BM25 + Chroma + dense matrix, the
default embedder), the lexical build alongside as the baseline, their ratio, and Chroma's own
upsert rate for the same number of vectors (the floor the hybrid build cannot beat).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _make_store(directory: Path, n_units: int) -> dict:
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]
    from ask import _documents
    from test_index_support import make_store

    store = make_store(directory, _documents(n_units))
    return {"url": store.url, "rss_mb": _peak_mb()}


def _build(directory: Path, url: str, dense: bool) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_index_support import settings_for

    from duban.index import Index
    from duban.store import Store

    data = directory / ("hybrid" if dense else "lexical")
    data.mkdir()
    index = Index(settings_for(data, db_url=url), Store(url), dense=dense)
    start = time.perf_counter()
    report = index.update()
    seconds = time.perf_counter() - start
    return {"units": report["units"], "seconds": seconds, "rss_mb": _peak_mb(), "dense": report["dense"]}


def _chroma(directory: Path, n_units: int) -> dict:
    """Upserts of ``n_units`` unit vectors with unit metadata in the batches vectors.py uses."""
    import numpy as np

    from duban.config import Settings
    from duban.index.vectors import VectorStore

    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((n_units, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    meta = {"document_id": "d", "unit": "sentence", "region": "临沂市", "region_code": "", "level": "city",
            "province": "山东省", "city": "临沂市", "county": "", "doc_type": "news", "topic": "",
            "kind": "", "day": 20210101, "year": 2021}
    store = VectorStore(Settings(data_dir=directory / "chroma", db_url=""), "bench", 384)
    start = time.perf_counter()
    store.add([f"u{i}" for i in range(n_units)], vectors,
              [dict(meta, document_id=f"d{i // 20}") for i in range(n_units)])
    return {"units": n_units, "seconds": time.perf_counter() - start}


def _child(job: str, directory: str, arg: str) -> None:
    """One job in this (fresh) process; prints its result as JSON."""
    directory = Path(directory)
    if job == "store":
        result = _make_store(directory, int(arg))
    elif job == "chroma":
        result = _chroma(directory, int(arg))
    else:
        result = _build(directory, arg, dense=job == "hybrid")
    print(json.dumps(result))


def _run(job: str, directory: Path, arg) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", job, str(directory), str(arg)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(*args.child)
    print(f"{'units':>8} {'build':<8}{'units/s':>9}{'seconds':>9}{'peak RSS MB':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for n_units in args.units:
            directory = Path(tmp) / f"u{n_units}"
            directory.mkdir()
            store = _run("store", directory, n_units)
            rates = {}
            for job in ("lexical", "hybrid"):
                r = _run(job, directory, store["url"])
                rates[job] = r["units"] / r["seconds"]
                print(f"{r['units']:>8,} {job:<8}{rates[job]:>9,.0f}{r['seconds']:>9.1f}{r['rss_mb']:>13,.0f}")
            chroma = _run("chroma", directory, n_units)
            print(f"{'':>8} hybrid / lexical {rates['hybrid'] / rates['lexical']:.2f}; Chroma upserts alone "
                  f"{chroma['units'] / chroma['seconds']:,.0f} units/s; the store took {store['rss_mb']:,.0f} MB")


if __name__ == "__main__":
    main()
