"""Index build rate, ask latency and memory at 10k / 100k units; prints numbers.

    python bench/ask.py                     # 10000 and 100000 units in a temporary dir
    python bench/ask.py --units 10000

Units are generated from the seed documents (tests/test_index_support.py splits them at 。)
copied under varied regions and dates, so texts repeat: after the first copy every embedding
comes from the cache, and the build rate measures tokenising, BM25 and Chroma. The default
model's own embedding throughput is measured separately on the distinct seed sentences.
Ask latency includes parsing the question and embedding it (hybrid), over the 25 gold questions.
Dense search scores one row per distinct text (index/matrix.py), so the hybrid latency here
scores only the seeds' ~460 distinct vectors; the "dense matrix" line times the same search over
as many distinct random vectors as there are units, the cost for a corpus without repeats.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_index_support import GOLD, make_store, moved, seed_documents, settings_for  # noqa: E402

from duban.index import Index, parse_question  # noqa: E402
from duban.index.embed import default_embedder  # noqa: E402
from duban.index.evaluate import load_questions  # noqa: E402
from duban.index.lexical import tokens  # noqa: E402
from duban.index.matrix import DenseMatrix  # noqa: E402
from duban.records import Region  # noqa: E402

PROVINCES = ["山东省", "陕西省", "江苏省", "贵州省", "四川省", "河北省", "浙江省", "湖南省"]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _documents(n_units: int, records_per_round: int = 0):
    """Copies of the seeds under varied regions and dates, enough for ``n_units`` index units
    (a round's sentences, plus ``records_per_round`` when the copies carry extracted records)."""
    seeds = seed_documents()
    per_round = sum(len(d.sentences) for d in seeds) + records_per_round
    rng = random.Random(0)
    docs = []
    for i in range(n_units // per_round + 1):
        province = PROVINCES[i % len(PROVINCES)]
        city = f"第{i // 8}市"
        for j, seed in enumerate(seeds):
            county = f"{city}{j}县" if j % 2 else None
            region = Region(name=county or city, code="", level="county" if county else "city",
                            province=province, city=city, county=county)
            docs.append(moved(seed, region=region, source=f"{seed.source}#{i}",
                              date=date(2016 + rng.randrange(9), 1 + rng.randrange(12), 1)))
    return docs


def _latencies(index: Index, questions: list[str], use: tuple[str, ...]) -> tuple[float, float]:
    names = index.region_names()
    times = []
    for question in questions * 2:
        start = time.perf_counter()
        index.search(question, parse_question(question, date(2024, 6, 1), names), 10, use=use)
        times.append((time.perf_counter() - start) * 1000)
    times = times[len(questions):]  # the first round warms caches
    return statistics.median(times), statistics.quantiles(times, n=20)[18]


def _distinct_matrix_ms(directory: Path, n_units: int, dim: int) -> float:
    """Median ms of a masked dense search over ``n_units`` distinct unit vectors."""
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((n_units, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    matrix = DenseMatrix(directory)
    matrix.set(vectors, np.arange(n_units))
    mask = rng.random(n_units) < 0.5
    times = []
    for query in vectors[:30]:
        start = time.perf_counter()
        matrix.search(query, mask, 200)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    questions = [q["q"] for q in load_questions(GOLD / "questions.jsonl")]
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        embedder = default_embedder()
        print(f"default embedder ready in {time.perf_counter() - start:.1f} s")
        sentences = sorted({s.text for d in seed_documents() for s in d.sentences})
        embedder.encode_passages(sentences[:32])
        start = time.perf_counter()
        embedder.encode_passages(sentences)
        per = (time.perf_counter() - start) * 1000 / len(sentences)
        print(f"embedding: {per:.1f} ms/sentence ({1000 / per:.0f} sentences/s) over {len(sentences)} seed sentences")
        start = time.perf_counter()
        n_tok = sum(len(tokens(s)) for s in sentences * 10)
        rate = len(sentences) * 10 / (time.perf_counter() - start)
        print(f"lexical tokenising: {rate:,.0f} units/s ({n_tok / len(sentences) / 10:.0f} tokens/unit)")
        for n_units in args.units:
            directory = Path(tmp) / f"u{n_units}"
            directory.mkdir()
            store = make_store(directory, _documents(n_units))
            for dense in (False, True):
                data = directory / ("hybrid" if dense else "lexical")
                data.mkdir()
                settings = settings_for(data, db_url=store.url)
                index = Index(settings, store, embedder=embedder if dense else None, dense=dense)
                start = time.perf_counter()
                report = index.update()
                seconds = time.perf_counter() - start
                label = "hybrid " if dense else "lexical"
                p50, p95 = _latencies(index, questions, ("dense", "lexical") if dense else ("lexical",))
                print(f"{report['units']:>7,} units {label}: build {report['units'] / seconds:,.0f} units/s "
                      f"({seconds:.0f} s), ask p50 {p50:.0f} ms p95 {p95:.0f} ms, peak RSS {_peak_mb():,.0f} MB")
            ms = _distinct_matrix_ms(directory / "matrix", n_units, embedder.dim)
            print(f"{n_units:>7,} distinct vectors: dense matrix search p50 {ms:.1f} ms")


if __name__ == "__main__":
    main()
