"""Ingest throughput: generate N documents from the seeds, ingest them into a fresh SQLite store.

    python bench/ingest.py --n 2000 [--formats txt,html,docx,pdf] [--keep DIR] [--pipeline]

The documents are the five seeds with their region swapped for real neighbours (临沂 → 潍坊,
费县 → 沂水县 ...), years shifted, one paragraph left out and a serial number in the first
line, so every file has distinct bytes. They are written as GBK and UTF-8 text, GBK and UTF-8
government-style HTML pages, DOCX and PDF (reportlab, STSong-Light). Three passes are timed:
format extraction alone (sniff + parser, per format), the whole ingest (read_file →
parse_raw → Store.save_document), and alongside it the baseline: each format's library
called plainly on the same files (bytes.decode, BeautifulSoup.get_text, python-docx paragraphs,
pdfplumber's extract_text), with no cleaning, metadata or sentences. Prints documents/s,
characters/s, peak memory and the ingest's rate as a share of the baseline's, and for both passes
the CPU milliseconds per document, per format: on shared cores the wall clock also counts the
waits for a core, and CPU time does not.

The full ingest pass is serial, in this process. ``duban ingest`` itself runs
``pipeline.ingest_sources``, which parses 40 or more documents in forked worker processes
(within their budgets) and stores each result in the parent; ``--pipeline`` times that path
too, with one worker and with one per core (at most 4), each into a fresh database.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the test builders: gov_page, chinese_pdf, word_document

from ingest_samples import CORPUS, chinese_pdf, gov_page, word_document  # noqa: E402

from duban.errors import DubanError  # noqa: E402
from duban.ingest import expand_paths, extract_text, parse_raw, read_file  # noqa: E402
from duban.store import Store  # noqa: E402
from variants import REGIONS  # noqa: E402  bench/variants.py, beside this script

FORMATS = {  # name → (suffix, builder(title, paragraphs) → bytes)
    "txt": (".txt", lambda title, paras: "\n\n".join(paras).encode("utf-8")),
    "txt-gbk": (".txt", lambda title, paras: "\r\n".join(paras).encode("gb18030")),
    "html": (".html", lambda title, paras: gov_page(title, paras[1:], "utf-8")),
    "html-gbk": (".html", lambda title, paras: gov_page(title, paras[1:], "gb2312")),
    "docx": (".docx", lambda title, paras: word_document(title, paras[1:])),
    "pdf": (".pdf", lambda title, paras: chinese_pdf([paras])),
}
WEIGHTS = {"txt": 3, "txt-gbk": 2, "html": 2, "html-gbk": 3, "docx": 1, "pdf": 1}
_YEAR = re.compile(r"20[12]\d(?=年|-)")


def generate(n: int, formats: list[str], folder: Path, seed: int = 7) -> dict[Path, str]:
    """Writes ``n`` documents; returns path → format name."""
    rng = random.Random(seed)
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}
    pool = [f for f in formats for _ in range(WEIGHTS[f])]
    written = {}
    for i in range(n):
        key = rng.choice(sorted(seeds))
        stem, places = REGIONS[key]
        place, shift = rng.choice(places), rng.randint(-3, 2)
        text = _YEAR.sub(lambda m: str(int(m.group()) + shift), seeds[key].replace(stem, place))
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        del paragraphs[rng.randrange(1, len(paragraphs))]
        paragraphs[0] = f"{paragraphs[0]}(第{i + 1}期)"
        kind = rng.choice(pool)
        if kind == "pdf":  # a dozen paragraphs: reportlab is the slow part of generating
            paragraphs = paragraphs[:12]
        suffix, build = FORMATS[kind]
        path = folder / f"{i:05d}_{key}_{place}{suffix}"
        path.write_bytes(build(paragraphs[0], paragraphs))
        written[path] = kind
    return written


def baseline_text(path: Path, kind: str) -> str:
    """The text each format's library gives when called plainly (the baseline pass)."""
    data = path.read_bytes()
    if kind.startswith("txt"):
        return data.decode("gb18030" if kind.endswith("gbk") else "utf-8")
    if kind.startswith("html"):
        from bs4 import BeautifulSoup

        return BeautifulSoup(data, "lxml").get_text("\n")
    if kind == "docx":
        import docx

        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--keep", type=Path, help="write the documents and database here and keep them")
    parser.add_argument("--pipeline", action="store_true",
                        help="also time duban ingest's own path (worker processes), serial and parallel")
    args = parser.parse_args()
    formats = args.formats.split(",")

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        (folder / "docs").mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        kinds = generate(args.n, formats, folder / "docs")
        print(f"generated {len(kinds)} documents in {time.perf_counter() - started:.1f} s "
              f"({sum(p.stat().st_size for p in kinds) / 1e6:.1f} MB)")
        paths = expand_paths([folder / "docs"])

        # pass 1: format layer only, per format
        seconds, count, chars = defaultdict(float), defaultdict(int), defaultdict(int)
        for path in paths:
            raw = read_file(path, 50 * 1024 * 1024)
            t0 = time.perf_counter()
            _, extracted = extract_text(raw)
            seconds[kinds[path]] += time.perf_counter() - t0
            count[kinds[path]] += 1
            chars[kinds[path]] += len(extracted.text)
        print("\nformat extraction (sniff + parser)")
        print(f"{'format':<10}{'docs':>6}{'docs/s':>10}{'chars/s':>12}")
        for kind in sorted(count):
            print(f"{kind:<10}{count[kind]:>6}{count[kind] / seconds[kind]:>10.0f}"
                  f"{chars[kind] / seconds[kind]:>12.0f}")

        # pass 2: the whole ingest into SQLite
        store = Store(f"sqlite:///{folder / 'duban.db'}")
        rss_before = peak_mb()
        t0, cpu0 = time.perf_counter(), time.process_time()
        ingested, total_chars, failures = 0, 0, []
        ingest_cpu = defaultdict(float)
        for path in paths:
            t1 = time.process_time()
            try:
                doc = parse_raw(read_file(path, 50 * 1024 * 1024))
                store.save_document(doc)
            except DubanError as exc:
                failures.append(str(exc))
                continue
            finally:
                ingest_cpu[kinds[path]] += time.process_time() - t1
            ingested += 1
            total_chars += len(doc.text)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        store.close()
        print("\nfull ingest (read_file → parse_raw → Store.save_document, SQLite)")
        print(f"documents: {ingested} in {elapsed:.1f} s = {ingested / elapsed:.1f} docs/s")
        print(f"characters: {total_chars} cleaned = {total_chars / elapsed:,.0f} chars/s")
        print(f"CPU: {cpu:.1f} s = {1000 * cpu / ingested:.1f} ms per document")
        print(f"peak RSS: {peak_mb():.0f} MB (before the ingest pass: {rss_before:.0f} MB)")
        if failures:
            print(f"failed: {len(failures)}, e.g. {failures[0]}")

        # pass 3: the baseline, the same files through the libraries alone
        t0, cpu0 = time.perf_counter(), time.process_time()
        base_cpu = defaultdict(float)
        for path in paths:
            t1 = time.process_time()
            baseline_text(path, kinds[path])
            base_cpu[kinds[path]] += time.process_time() - t1
        base = len(paths) / (time.perf_counter() - t0)
        base_all = time.process_time() - cpu0
        print(f"\nbaseline (format libraries alone): {base:.1f} docs/s; "
              f"ingest / baseline = {ingested / elapsed / base:.2f}; "
              f"by CPU seconds {base_all / cpu:.2f}")
        print_cpu(count, ingest_cpu, base_cpu)
        if args.pipeline:
            pipeline_passes(folder, len(paths))


def print_cpu(count: dict[str, int], ingest_cpu: dict[str, float], base_cpu: dict[str, float]) -> None:
    """CPU milliseconds per document of the full ingest and of the baseline, per format."""
    print("\nCPU per document (ms)")
    print(f"{'format':<10}{'docs':>6}{'ingest':>9}{'baseline':>10}{'ingest/baseline':>17}")
    for kind in sorted(count):
        ms, base_ms = 1000 * ingest_cpu[kind] / count[kind], 1000 * base_cpu[kind] / count[kind]
        print(f"{kind:<10}{count[kind]:>6}{ms:>9.1f}{base_ms:>10.1f}{base_ms / ms:>17.2f}")


def pipeline_passes(folder: Path, n: int) -> None:
    """``duban ingest``'s path: pipeline.ingest_sources with 1 worker, then one per core."""
    import os

    from duban.config import Settings
    from duban.pipeline import ingest_sources

    print("\nduban ingest's path (pipeline.ingest_sources: parsed in worker processes, stored here)")
    for processes in sorted({1, min(os.cpu_count() or 1, 4)}):
        data = folder / f"pipeline-{processes}"
        settings = Settings(data_dir=data, db_url=f"sqlite:///{data / 'duban.db'}")
        store = Store(settings.db_url)
        t0 = time.perf_counter()
        report = ingest_sources(store, settings, [str(folder / "docs")], processes=processes)
        elapsed = time.perf_counter() - t0
        store.close()
        print(f"{processes} worker(s): {len(report.added)} of {n} documents in {elapsed:.1f} s = "
              f"{len(report.added) / elapsed:.1f} docs/s")


if __name__ == "__main__":
    main()
