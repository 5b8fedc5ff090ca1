"""`duban serve` against the cold CLI: 200 searches and 200 ledger pages over a 100k-unit index.

    python bench/serve.py                 # 100000 units in a temporary dir
    python bench/serve.py --units 20000

The corpus is bench/ask.py's (the seeds copied under varied regions and dates), and here each copy
also carries the seed's extracted commitments and figures, so the ledger has records to page
through. A real `duban serve` runs as a subprocess; the searches are the 25 gold questions (8
rounds, the first round also timed), the ledger pages mix facets, sorts and pages. The same first
question is then asked with a cold `duban ask` (a new process: imports, model and index load),
timed in the same run. Prints p50 / p95 in ms and the ratio of the cold CLI time to the server's
search p95.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from ask import _documents  # noqa: E402
from test_index_support import GOLD, make_store, seed_documents, settings_for  # noqa: E402

from duban.extract import EXTRACTOR_VERSION, extract_document  # noqa: E402
from duban.index import Index  # noqa: E402
from duban.index.embed import default_embedder  # noqa: E402
from duban.index.evaluate import load_questions  # noqa: E402

DUBAN = [sys.executable, "-c", "from duban.cli import main; main()"]


def _build(directory: Path, n_units: int):
    """Store and hybrid index of about ``n_units`` units; returns (data dir, db path)."""
    seeds = {d.source: extract_document(d) for d in seed_documents()}
    # the copy's own region: records found in the seed keep no region of their own
    blank = {source: replace(ext, commitments=[replace(c, region=None) for c in ext.commitments],
                             figures=[replace(f, region=None) for f in ext.figures])
             for source, ext in seeds.items()}
    per_round = sum(len(e.commitments) + len(e.figures) for e in seeds.values())
    docs = _documents(n_units, records_per_round=per_round)
    store = make_store(directory, docs)
    for doc in docs:
        store.save_extraction(doc, blank[doc.source.split("#")[0]], EXTRACTOR_VERSION)
    data = directory / "hybrid"
    embedder = default_embedder()
    settings = settings_for(data, db_url=store.url)
    start = time.perf_counter()
    report = Index(settings, store, embedder=embedder).update()
    print(f"{len(docs)} documents, {store.count('commitments'):,} commitments, {report['units']:,} units; "
          f"index built in {time.perf_counter() - start:.0f} s")
    return data, directory / "duban.db"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentiles(times: list[float]) -> str:
    return f"p50 {statistics.median(times):.0f} ms, p95 {statistics.quantiles(times, n=20)[18]:.0f} ms"


def _timed(client: httpx.Client, path: str, params: dict) -> float:
    start = time.perf_counter()
    response = client.get(path, params=params)
    response.raise_for_status()
    return (time.perf_counter() - start) * 1000


def _ledger_views(regions: list[str]) -> list[dict]:
    views = [{}, {"sort": "deadline"}, {"page": "7"}, {"topic": "养老服务"}, {"level": "county"},
             {"deadline": "2021", "sort": "-deadline"}, {"doc_type": "interview", "page": "2"}]
    views += [{"region": r} for r in regions] + [{"region": r, "topic": "社会救助"} for r in regions]
    return views


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    questions = [q["q"] for q in load_questions(GOLD / "questions.jsonl")]
    with tempfile.TemporaryDirectory() as tmp:
        data, db = _build(Path(tmp), args.units)
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        common = ["--data-dir", str(data), "--db", str(db)]
        port = _free_port()
        start = time.perf_counter()
        server = subprocess.Popen([*DUBAN, "serve", "--port", str(port), *common],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
                while True:
                    try:
                        client.get("/healthz").raise_for_status()
                        break
                    except httpx.TransportError:
                        if server.poll() is not None:
                            raise SystemExit("duban serve did not start")
                        time.sleep(0.2)
                print(f"server ready (model and index loaded once) in {time.perf_counter() - start:.1f} s")
                regions = sorted({r["region"] for r in client.get("/api/commitments", params={"per_page": 500}).json()["results"]})[:13]
                asked = [questions[i % len(questions)] for i in range(args.requests)]
                search = [_timed(client, "/ask", {"q": q}) for q in asked]
                views = _ledger_views(regions)
                ledger = [_timed(client, "/", views[i % len(views)]) for i in range(args.requests)]
                api = [_timed(client, "/api/ask", {"q": q}) for q in asked[:50]]
        finally:
            server.terminate()
            server.wait(30)
        print(f"server search page (/ask), {len(search)} questions: {_percentiles(search)}")
        print(f"server search JSON (/api/ask), {len(api)} questions: {_percentiles(api)}")
        print(f"server ledger page (/), {len(ledger)} views: {_percentiles(ledger)}")
        start = time.perf_counter()
        subprocess.run([*DUBAN, "ask", questions[0], *common], env=env,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cold = (time.perf_counter() - start) * 1000
        p95 = statistics.quantiles(search, n=20)[18]
        print(f"cold `duban ask` of the same first question: {cold:,.0f} ms "
              f"= {cold / p95:.0f}x the server's search p95")


if __name__ == "__main__":
    main()
