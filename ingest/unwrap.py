"""Hard-wrapped text: join the lines a PDF or a fixed-width page broke inside a sentence.

A page copied from a PDF (tests/real aq14, ag11, n10) breaks every line at the same width,
mid-sentence and even mid-word (…我们乘势而上 / 开启了现代化建设新征程。), so each piece would be
read as a sentence or a heading of its own. Such a text is recognised by its width: many lines
of one width (counting an ASCII letter, digit or space as half a Han character) that end
without a sentence end. A line of that width, not ending a sentence, is joined to the next when
the next continues it: it is not blank and does not open an outline item ((一) / 1、 / 一、), so
headings, list items and blank-separated paragraphs stay as they were. Short lines (headings,
field blocks, the last line of a paragraph) are never joined to what follows.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["unwrap_lines"]

# A page of headlines or a list has many short lines of about one width too (d13: 13 to 19,
# ak03 19); the wrap width of prose pages lies above it (aq14 24, ag11 30, n10 38).
MIN_WIDTH = 22
MIN_WRAPPED = 5
MIN_SHARE = 0.25  # of the non-blank lines, that are wrapped lines
# A paragraph's first line is indented two characters, and the indent is stripped (ag11);
# digits print a little wider than half, proportional punctuation narrower (aq14, n10).
_BELOW, _ABOVE = 3.5, 2.5
_COLUMNS = "   "
_ENDS = "。！？!?；;：:…"
_TRAILING = "”’》」』)）]】"
# An outline item opening a line: (一) / （二） / 1、 / 2. / 一、 / 第三条.
_ITEM = re.compile(r"[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s?[、.．)）](?!\d)|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百\d]{1,4}[章节条部分]")
_LATIN = re.compile(r"[A-Za-z]")
_PUNCTUATION = re.compile(r"[,，、;；:：“”\"'‘’()（）《》]")


def _width(line: str) -> float:
    """Printed width: ASCII letters, digits and spaces are half a Han character, punctuation a
    whole one (aq14's PDF prints its ASCII commas as wide as 的)."""
    return sum(0.5 if c.isascii() and (c.isalnum() or c == " ") else 1.0 for c in line)


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_TRAILING)[-1:] in _ENDS if line.rstrip(_TRAILING) else True


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at (the commonest width of lines left open), or None
    when too few lines are that wide for the text to be hard-wrapped."""
    open_ended = [_width(line) for line in lines if line and not _ends_sentence(line)]
    counts = Counter(round(w) for w in open_ended if w >= MIN_WIDTH)
    if not counts:
        return None
    width = counts.most_common(1)[0][0]
    wrapped = sum(1 for w in open_ended if _in_band(w, width))
    if wrapped < MIN_WRAPPED or wrapped < MIN_SHARE * sum(1 for line in lines if line):
        return None
    return width


def _in_band(w: float, width: int) -> bool:
    return width - _BELOW <= w <= width + _ABOVE


def _continues(line: str, following: str, width: int, inside: bool) -> bool:
    """Whether ``line`` was broken by the wrap and ``following`` carries on its sentence
    (``inside``: ``line`` itself continues the line above). An outline item left open is a
    heading unless it fills the line (ag11's 1 、自加压力,…创一流业绩 heads the paragraph under
    it); so is a line with no punctuation at all that opens a paragraph (a title of the wrap
    width), while inside one it is a piece of a sentence (aq14's …重要讲话指示精 / 神,); a line with
    a run of spaces is two columns (n04), not prose."""
    w = _width(line)
    if not _in_band(w, width) or _ends_sentence(line) or _COLUMNS in line:
        return False
    if _ITEM.match(line) and w < width - 1:
        return False
    if not inside and not _PUNCTUATION.search(line):
        return False
    return bool(following) and not _ITEM.match(following)


def unwrap_lines(lines: list[str]) -> list[str]:
    """``lines`` (stripped, blank ones as "") with each wrapped line joined to the next."""
    width = _wrap_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    joining = False
    for i, line in enumerate(lines):
        if joining:
            space = " " if _LATIN.match(line) and _LATIN.match(out[-1][-1]) else ""
            out[-1] += space + line
        else:
            out.append(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        joining = _continues(line, following, width, joining)
    return out
