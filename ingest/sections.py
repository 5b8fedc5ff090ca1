"""A long text cleaned in sections, so that cleaning's memory and time stay bounded by the
section, not the document (a real report can arrive as one 40 MB line).

A section ends at the last line break before the size, else at the last sentence end, else
at the size itself. Sections cut inside a line are joined back without a break, so the
paragraphs are the ones the whole text would have had; what cleaning removed and warned is
the union over the sections.
"""

from __future__ import annotations

import re

from .clean import Cleaned, clean_text

__all__ = ["clean_in_sections", "sections"]

_SENTENCE_END = re.compile(r"[。！？!?；;]")


def sections(text: str, size: int) -> list[tuple[str, str]]:
    """``(section, seam)`` pieces of ``text`` of at most ``size`` characters, in order: the seam
    is what joins a section to the next (a line break, a blank line, or nothing inside a line)."""
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n", size // 2)
        if cut >= 0:
            begin, end = len(window[:cut].rstrip()), cut + 1
            while start + end < len(text) and text[start + end].isspace():
                end += 1
            pieces.append((window[:begin], "\n\n" if text.count("\n", start + begin, start + end) > 1 else "\n"))
            start += end
            continue
        ends = [m.end() for m in _SENTENCE_END.finditer(window, size // 2)]
        cut = ends[-1] if ends else size
        pieces.append((window[:cut], ""))
        start += cut
    pieces.append((text[start:], ""))
    return pieces


def clean_in_sections(text: str, size: int) -> Cleaned:
    """``clean_text`` of each section, joined: the same as ``clean_text(text)`` for a text
    within ``size``."""
    parts = sections(text, size)
    if len(parts) == 1:
        return clean_text(text)
    joined, removed, warnings, first = [], [], [], None
    for section, seam in parts:
        cleaned = clean_text(section)
        first = first or cleaned
        joined.append(cleaned.text + seam if cleaned.text else "")
        removed += cleaned.removed
        warnings += [w for w in cleaned.warnings if w not in warnings]
    # metadata reads the first section, where a title, date and issuer stand
    return Cleaned(re.sub(r"\n{3,}", "\n\n", "".join(joined)).strip("\n"), removed, warnings, first.prepared)
