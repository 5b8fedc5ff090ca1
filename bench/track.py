"""Tracking speed and memory: 10,000 commitments against 100,000 indexed sentences; prints numbers.

    python bench/track.py                          # 10000 commitments, 100000 sentence units
    python bench/track.py --commitments 1000 --units 10000 --dense

Sentences: the seed documents copied under varied regions and dates (bench/ask.py's generator).
Commitments: the 72 commitment texts of tests/track/gold.jsonl, cycled over the generated
regions and years, stored as imported 台账 rows. The index is lexical unless --dense. Printed
beside the tracker: the BM25 top-1 baseline (track/baseline.py) on the same store and index, timed
on the first --baseline-sample commitments, and the ratio of the two.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from ask import _documents  # noqa: E402
from test_index_support import make_store, settings_for  # noqa: E402

from duban.index import Index  # noqa: E402
from duban.records import Commitment, Extraction, ParsedDocument, Sentence  # noqa: E402
from duban.track.baseline import top1  # noqa: E402
from duban.track.ledger import LEDGER_VERSION  # noqa: E402
from duban.track.run import track_store  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ledgers(store, docs, n: int) -> None:
    """``n`` commitments as 台账 rows: gold texts over the documents' regions, one ledger per region-year."""
    texts = [json.loads(line)["text"] for line in (ROOT / "tests/track/gold.jsonl").read_text(encoding="utf-8").splitlines()]
    regions = list({d.region.name: d.region for d in docs}.values())
    groups: dict[tuple, list[str]] = {}
    for i in range(n):
        groups.setdefault((i % len(regions), 2016 + i % 9), []).append(texts[i % len(texts)])
    for (r, year), tasks in groups.items():
        text, sentences, commitments = "", [], []
        for j, task in enumerate(tasks):
            start = len(text)
            sentences.append(Sentence(j, start, start + len(task), task))
            text += task + "\n"
            commitments.append(Commitment(task, start, start + len(task), j, "其他", region=regions[r],
                                          deadline=date(year, 12, 31), origin="ledger", ledger_ref=str(j + 1)))
        doc = ParsedDocument(source=f"bench-ledger-{r}-{year}.csv", sha256=hashlib.sha256(f"{r}{year}".encode()).hexdigest(),
                             format="csv", raw_text=text, text=text, title=f"{year}年台账", date=date(year, 1, 15),
                             doc_type="ledger", region=regions[r], sentences=sentences)
        store.save_document(doc)
        store.save_extraction(doc, Extraction(commitments=commitments), LEDGER_VERSION)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commitments", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--dense", action="store_true", help="hybrid search (loads the default embedder)")
    parser.add_argument("--baseline-sample", type=int, default=1_000,
                        help="time the baseline on this many commitments (its cost per commitment is flat)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        docs = _documents(args.units)
        store = make_store(directory, docs)
        _ledgers(store, docs, args.commitments)
        index = Index(settings_for(directory), store, dense=args.dense)
        start = time.perf_counter()
        report = index.update()
        print(f"indexed {report['units']:,} units in {time.perf_counter() - start:.0f} s "
              f"({'hybrid' if args.dense else 'lexical'}); {args.commitments:,} commitments; peak RSS {_peak_mb():,.0f} MB")
        sample = min(args.baseline_sample, args.commitments)
        start = time.perf_counter()
        top1(store, index, limit=sample)
        base = (time.perf_counter() - start) / sample
        print(f"baseline (BM25 top-1 + numbers, {sample:,} commitments): {base * 1000:.1f} ms/commitment")
        start = time.perf_counter()
        result = track_store(store, index, date(2026, 6, 30))
        total = time.perf_counter() - start
        per = total / args.commitments
        counts = dict(result.counts())
        print(f"track: {per * 1000:.1f} ms/commitment ({per / base:.1f}x the baseline), {total:.0f} s in all, "
              f"peak RSS {_peak_mb():,.0f} MB; statuses {counts}")


if __name__ == "__main__":
    main()
