"""Extraction throughput beside plain jieba segmentation, serial and over worker processes.

    python bench/extract.py [--n 2000] [--workers 2] [--figures-only]

The documents are the seeds of corpus/ with their region swapped for real neighbours
(临沂 → 潍坊, 费县 → 沂水县 ...), every year shifted by 0-4 and a serial number in the first line,
parsed once with ``duban.ingest.parse_raw`` (not timed). Then, over the same cleaned texts:

- ``extract``: ``duban.extract.extract_document`` (the whole spaCy pipeline: line tokens,
  mentions, times, figures, topics, commitments);
- ``spacy``: the pipeline's tokenizer alone (``nlp.make_doc``: spaCy's Doc of the text's lines,
  extract/nlp.py), the share of ``extract`` that is not duban's rules;
- ``figures``: the passage model and ``find_figures`` over the sentences (passages.py + figures.py);
- ``jieba``: ``jieba.lcut`` of the text, the floor any jieba-based extraction pays.

Each is timed serially and with ``--workers`` processes (fork, pipeline loaded before the fork,
documents sent in chunks). Prints characters/s, the extract/jieba ratio, by the wall clock and by
CPU seconds (on busy shared cores the wall clock also counts waiting for a core), and peak memory.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import re
import resource
import time
from pathlib import Path

import jieba

from duban.extract import extract_document
from duban.extract.figures import find_figures
from duban.extract.passages import sentence_passages
from duban.extract.nlp import get_nlp
from duban.ingest import parse_raw
from duban.records import ParsedDocument, RawDocument
from variants import REGIONS  # bench/variants.py, beside this script

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
_YEAR = re.compile(r"20[12]\d(?=年|-)")


def generate(n: int, seed: int = 11) -> list[ParsedDocument]:
    """``n`` parsed documents varied from the seeds (region names, years, a serial line)."""
    rng = random.Random(seed)
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}
    keys = sorted(seeds)
    documents = []
    for i in range(n):
        key = keys[i % len(keys)]
        stem, others = REGIONS[key]
        shift = rng.randrange(5)
        text = seeds[key].replace(stem, rng.choice(others))
        text = _YEAR.sub(lambda m: str(int(m.group()) + shift), text)
        text = f"第{i}号\n{text}"
        data = text.encode("utf-8")
        raw = RawDocument(source=f"bench/{i:05d}_{key}.txt", data=data, filename=f"{i:05d}.txt")
        documents.append(parse_raw(raw))
    return documents


def _extract(parsed: ParsedDocument) -> int:
    extraction = extract_document(parsed)
    return len(extraction.figures) + len(extraction.commitments)


def _figures(parsed: ParsedDocument) -> int:
    count = 0
    for sentence, passage in zip(parsed.sentences, sentence_passages(parsed)):
        count += len(find_figures(sentence.text, sentence.start, sentence.index, passage.forward,
                                  problems=passage.kind == "problems"))
    return count


def _spacy(parsed: ParsedDocument) -> int:
    return len(get_nlp().make_doc(parsed.text))


def _jieba(parsed: ParsedDocument) -> int:
    return len(jieba.lcut(parsed.text))


TASKS = {"extract": _extract, "spacy": _spacy, "figures": _figures, "jieba": _jieba}


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the pool's workers)."""
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def _timed(task: str, documents: list[ParsedDocument], workers: int) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and the summed result of ``task`` over ``documents``."""
    func = TASKS[task]
    began, cpu = time.perf_counter(), _cpu()
    if workers <= 1:
        total = sum(map(func, documents))
    else:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            total = sum(pool.imap_unordered(func, documents, chunksize=16))
    return time.perf_counter() - began, _cpu() - cpu, total


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="documents to generate")
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel pass")
    parser.add_argument("--figures-only", action="store_true", help="skip the whole pipeline")
    args = parser.parse_args()

    began = time.perf_counter()
    documents = generate(args.n)
    chars = sum(len(d.text) for d in documents)
    distinct = len({hashlib.sha256(d.text.encode()).digest() for d in documents})
    print(f"generated and parsed {len(documents)} documents ({distinct} distinct texts), "
          f"{chars:,} characters, in {time.perf_counter() - began:.1f}s")
    get_nlp()  # load the components once, before timing and before forking
    jieba.lcut("预热")
    extract_document(documents[0])

    tasks = ["figures", "jieba"] if args.figures_only else ["extract", "spacy", "figures", "jieba"]
    rates: dict[tuple[str, int], float] = {}
    cpu_seconds: dict[tuple[str, int], float] = {}
    for workers in sorted({1, args.workers}):
        for task in tasks:
            seconds, cpu, total = _timed(task, documents, workers)
            rates[task, workers], cpu_seconds[task, workers] = chars / seconds, cpu
            print(f"{task:8} workers={workers}  {seconds:7.2f}s  {chars / seconds:12,.0f} chars/s  "
                  f"{len(documents) / seconds:8.1f} docs/s  {cpu:7.2f} CPU s  ({total:,} records or tokens)")
    # On shared cores the wall clock counts the waits for a core; CPU seconds count the work only.
    for workers in sorted({1, args.workers}):
        for task in [t for t in tasks if t != "jieba"]:
            ratio = rates[task, workers] / rates["jieba", workers]
            by_cpu = cpu_seconds["jieba", workers] / cpu_seconds[task, workers]
            print(f"{task} / jieba speed, workers={workers}: {ratio:.2f} (by CPU seconds {by_cpu:.2f})")
    if args.workers > 1:
        for task in tasks:
            print(f"{task} speed-up with {args.workers} workers: {rates[task, args.workers] / rates[task, 1]:.2f}x")
    print(f"peak memory: this process {_peak_mb(resource.RUSAGE_SELF):.0f} MB, "
          f"largest worker {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")


if __name__ == "__main__":
    main()
