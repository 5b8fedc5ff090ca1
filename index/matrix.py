"""Exact dense search over an in-memory matrix, the local query path of the dense channel.

Chroma stays the store of the unit vectors (and answers dense queries when the index lives on a
Chroma server), but for a local index ``Index.search`` scores every unit with one matrix-vector
product instead of a Chroma query: an HNSW query with a ``where`` filter took 52 ms a question at
100k units (and Chroma needs 16 s to hand back 100k vectors, so the matrix cannot be loaded from
it per process). Here a filter is the same boolean mask the lexical channel uses, and the result
is exact rather than approximate.

Units that search the same text (a figure searches its sentence; documents repeat sentences) share
one row: ``<index>/dense/vectors.npy`` holds the distinct vectors, ``rows.npy`` the row of each
unit, aligned with the lexical index's unit order. Both are written when the lexical index is.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .files import replace_dir


class DenseMatrix:
    def __init__(self, directory: Path):
        self.directory = directory
        self.vectors = np.zeros((0, 0), np.float32)
        self.rows = np.zeros(0, np.int32)

    @property
    def size(self) -> int:
        """Number of units (not of distinct vectors)."""
        return len(self.rows)

    def set(self, vectors: np.ndarray, rows: np.ndarray) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.rows = np.asarray(rows, dtype=np.int32)

    def save(self, generation: str) -> None:
        """Write both arrays as one folder swapped in whole (index/files.py)."""
        def write(folder: Path) -> None:
            np.save(folder / "vectors.npy", self.vectors)
            np.save(folder / "rows.npy", self.rows)

        replace_dir(self.directory, write, generation)

    def load(self) -> bool:
        """Read the saved matrix; False when there is none."""
        vectors, rows = self.directory / "vectors.npy", self.directory / "rows.npy"
        if not (vectors.exists() and rows.exists()):
            return False
        self.set(np.load(vectors), np.load(rows))
        return True

    def search(self, vector: np.ndarray, mask: np.ndarray | None, k: int) -> list[tuple[int, float]]:
        """(unit position, cosine similarity) best first, among the units ``mask`` keeps."""
        if not self.size or not len(self.vectors):
            return []
        scores = (self.vectors @ np.asarray(vector, np.float32))[self.rows]
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > -np.inf]
