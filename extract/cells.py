"""Figures of a table flattened to one cell a line, whose units stand only in its headers.

A progress table copied from a web page (p06 in tests/real: 地区 | 城镇新增就业(人) … with the
sub-columns 目标任务 | 进度 | 完成比例(%)) reaches duban as one line per cell: a region's name, then
its numbers, each alone on its line. ``figures.find_figures`` reads a number with nothing after
it as no figure (a phone, a code, a stray digit), which is right in running text and loses every
cell of such a table. Here a line holding only a number is a cell, and the document's cells
are a table when enough of them are left after its row numbers (序号 1, 2, 3 …).

In a row (the cells between two label lines), three cells (a, b, c) with c = 100·b/a, as
rounding leaves it, are a target, the progress made on it and the share done (%): the
arithmetic says which column is which without reading the headers. Every other cell is what its
passage makes a quantity there (a target in a plan, achieved in a report). Units are not read
off the headers (a cell counts as a bare count, 个, like 10民营养老机构), except the share's %.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..records import Figure, Sentence
from .numbers import arabic
from .passages import Passage

_CELL = re.compile(r"\s*(\d+(?:\.\d+)?)\s*")
MIN_CELLS = 12  # fewer number lines make no table: a few stray digits, or a list's numbers
SHARE_ROUNDING = 0.6  # 完成比例 written to one decimal, or to a whole percent (3889/3600 → 108)


def cell_figures(sentences: Sequence[Sentence], passages: Sequence[Passage]) -> dict[int, Figure]:
    """The figure of every table cell of a document, by sentence index (empty without a table)."""
    cells = _cells(sentences)
    if len(cells) < MIN_CELLS:
        return {}
    columns: dict[int, tuple[str, str]] = {}  # (kind, unit) of the cells the arithmetic places
    for row in _rows(cells):
        columns.update(_share_columns(row))
    out = {}
    for i, (sentence, text, value) in cells.items():
        offset = sentence.text.index(text)
        kind, unit = columns.get(i) or (_passage_kind(passages[i]), "个")
        out[i] = Figure(text=text, start=sentence.start + offset, end=sentence.start + offset + len(text),
                        sentence_index=sentence.index, value=value, unit=unit, kind=kind)
    return out


def _passage_kind(passage: Passage) -> str:
    """A quantity's kind where only its passage tells (figures._kind without a clause)."""
    return "target" if passage.forward else "other" if passage.kind == "problems" else "achieved"


def _cells(sentences: Sequence[Sentence]) -> dict[int, tuple[Sentence, str, float]]:
    """Lines holding only a number, less row numbers: an integer one above the last row number
    (序号 1, 2, 3 …, each opening its row)."""
    cells, serial = {}, 0
    for position, sentence in enumerate(sentences):
        m = _CELL.fullmatch(sentence.text)
        if m is None:
            continue
        text = m.group(1)
        if text == str(serial + 1):
            serial += 1
            continue
        cells[position] = (sentence, text, arabic(text))
    return cells


def _rows(cells: dict[int, tuple[Sentence, str, float]]) -> list[list[tuple[int, float]]]:
    """Runs of cells on consecutive lines: a label line (地区, 东坡区) between them starts a row."""
    rows: list[list[tuple[int, float]]] = []
    last = None
    for i, (_, _, value) in sorted(cells.items()):
        if last is None or i != last + 1:
            rows.append([])
        rows[-1].append((i, value))
        last = i
    return rows


def _share_columns(row: list[tuple[int, float]]) -> dict[int, tuple[str, str]]:
    """(kind, unit) of each (a, b, c) of the row with c = 100·b/a, left to right: the target, the
    progress on it and the share done."""
    columns: dict[int, tuple[str, str]] = {}
    k = 0
    while k + 2 < len(row):
        (i, a), (j, b), (n, c) = row[k:k + 3]
        if a and abs(100 * b / a - c) <= SHARE_ROUNDING:
            columns.update({i: ("target", "个"), j: ("achieved", "个"), n: ("achieved", "%")})
            k += 3
        else:
            k += 1
    return columns
