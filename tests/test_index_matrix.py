"""The local dense query path: exact cosine over shared rows, filtered by a mask."""

from __future__ import annotations

import numpy as np

from duban.index.matrix import DenseMatrix


def _matrix(tmp_path) -> DenseMatrix:
    vectors = np.array([[1, 0, 0], [0.6, 0.8, 0], [0, 0, 1]], np.float32)
    matrix = DenseMatrix(tmp_path / "dense")
    matrix.set(vectors, np.array([0, 1, 1, 2]))  # units 1 and 2 search the same text
    return matrix


def test_index_matrix_ranks_units_by_cosine_and_shares_rows(tmp_path):
    found = _matrix(tmp_path).search(np.array([0.8, 0.6, 0], np.float32), None, k=3)
    assert [i for i, _ in found] == [1, 2, 0] or [i for i, _ in found] == [2, 1, 0]
    assert found[0][1] == found[1][1] > found[2][1] and abs(found[0][1] - 0.96) < 1e-6


def test_index_matrix_mask_removes_units_and_never_pads(tmp_path):
    matrix = _matrix(tmp_path)
    mask = np.array([False, False, True, True])
    found = matrix.search(np.array([1, 0, 0], np.float32), mask, k=10)
    assert [i for i, _ in found] == [2, 3]
    assert matrix.search(np.array([1, 0, 0], np.float32), np.zeros(4, bool), k=5) == []


def test_index_matrix_survives_save_and_load(tmp_path):
    matrix = _matrix(tmp_path)
    matrix.save("g1")
    loaded = DenseMatrix(tmp_path / "dense")
    assert loaded.load() and loaded.size == 4 and (loaded.vectors == matrix.vectors).all()
    assert not DenseMatrix(tmp_path / "none").load()
